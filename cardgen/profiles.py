"""Named profiles kept in the user's config folder: printers (measured offsets of each printed side),
hands (a writer's measured x-height, width and slant) and the envelope feed confirmed per CUPS queue."""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from cardgen.errors import InputError
from cardgen.files import write_files
from cardgen.model import SLANT_DEGREES, HandProfile, PrinterProfile
from cardgen.units import MM

Profile = TypeVar("Profile", HandProfile, PrinterProfile)
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
MAX_OFFSET_MM = 20.0  # a printer further off than this is mis-fed, not miscalibrated
OFFSETS = ("front_dx", "front_dy", "back_dx", "back_dy")


def config_dir() -> Path:
    """$CARDGEN_CONFIG, else $XDG_CONFIG_HOME/cardgen, else ~/.config/cardgen."""
    if os.environ.get("CARDGEN_CONFIG"):
        return Path(os.environ["CARDGEN_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cardgen"


def profiles_file(kind: str) -> Path:
    """The TOML file holding every profile of a kind ("printers" or "hands"), one table each."""
    return config_dir() / f"{kind}.toml"


def _read_all(kind: str) -> dict[str, dict[str, float | str]]:
    path = profiles_file(kind)
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(
            f"{path}: cannot be read ({error}); fix or delete it and save the profile again"
        ) from None


def _entry(kind: str, name: str, how: str) -> dict[str, float | str]:
    profiles = _read_all(kind)
    if name not in profiles:
        saved = ", ".join(sorted(profiles)) or "none yet"
        raise InputError(f"'{name}': no such profile in {profiles_file(kind)} (saved: {saved}); {how}")
    return profiles[name]


def _save(kind: str, name: str, values: dict[str, float | str], header: str, any_name: bool = False) -> Path:
    """Add or replace one profile in the kind's file (the others are kept); returns the file.
    `any_name`: keep a name as given (a CUPS queue's), quoted in the file when it must be."""
    if not any_name and not NAME.fullmatch(name):
        raise InputError(
            f"'{name}' is not a usable name; use letters, digits, - and _ (e.g. office-laser)",
            key="save",
        )
    profiles = _read_all(kind)
    profiles[name] = values
    lines = [f"# {header}"]
    for key in sorted(profiles):
        lines.append(f"\n[{key if NAME.fullmatch(key) else json.dumps(key)}]")
        lines += [f"{field} = {json.dumps(value)}" for field, value in profiles[key].items()]
    path = profiles_file(kind)
    data = ("\n".join(lines) + "\n").encode()
    write_files({path.name: data}, path.parent, force=True, ours=lambda other: other == path.name)
    return path


def load_printer(name: str) -> PrinterProfile:
    """The saved printer profile `name`; an error listing the saved ones when there is none."""
    entry = _entry("printers", name, "measure one with cardgen calibrate printer")
    offsets = {key: _number(entry.get(f"{key}_mm", 0.0), name) * MM for key in OFFSETS}
    orientation = str(entry.get("orientation", "portrait"))
    duplex = str(entry.get("duplex", "long"))
    return PrinterProfile(name, **offsets, orientation=orientation, duplex=duplex)


def _number(value: object, name: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise InputError(f"profile '{name}': {value!r} is not a number; save the profile again")


def measured_printer(
    name: str, offsets_mm: tuple[float, float, float, float], landscape: bool, duplex: str
) -> PrinterProfile:
    """A printer profile from the offsets measured on the calibration sheet, in millimetres (front
    dx, dy, back dx, dy), on landscape or portrait pages printed with this duplex flip."""
    front_dx, front_dy, back_dx, back_dy = (value * MM for value in offsets_mm)
    orientation = "landscape" if landscape else "portrait"
    return PrinterProfile(name, front_dx, front_dy, back_dx, back_dy, orientation, duplex)


def save_printer(profile: PrinterProfile) -> Path:
    """Store a printer's offsets (refusing ones too large to be an offset)."""
    for key in OFFSETS:
        value = getattr(profile, key) / MM
        if not math.isfinite(value) or abs(value) > MAX_OFFSET_MM:
            raise InputError(
                f"{value:g} mm is more than {MAX_OFFSET_MM:g} mm; measure again "
                "with the sheet fed straight (offsets are in millimetres)",
                key=key,
            )
    values: dict[str, float | str] = {f"{key}_mm": round(getattr(profile, key) / MM, 3) for key in OFFSETS}
    values |= {"orientation": profile.orientation, "duplex": profile.duplex}
    header = "cardgen printer profiles: offsets in mm (where a mark printed minus where it should be)."
    return _save("printers", profile.name, values, header)


def load_hand(name: str) -> HandProfile:
    """The saved hand profile `name`."""
    entry = _entry("hands", name, "measure one with cardgen calibrate handwriting")
    values = [_number(entry.get(key), name) for key in ("x_height_mm", "width", "slant")]
    return HandProfile(name, values[0] * MM, values[1], values[2])


def save_hand(profile: HandProfile) -> Path:
    """Store a writer's measured hand (width compared with the Caveat guide font; slant 0: none)."""
    numbers = (profile.x_height, profile.width, profile.slant)
    if not all(math.isfinite(n) for n in numbers):
        raise InputError("the measures must be numbers; measure again", key="save")
    low, high = SLANT_DEGREES
    if profile.slant and not low <= profile.slant <= high:
        raise InputError(
            f"{profile.slant:g}° is outside {low:g} to {high:g} (90: upright); "
            "measure it again, or leave it out",
            key="slant",
        )
    values: dict[str, float | str] = {
        "x_height_mm": round(profile.x_height / MM, 2),
        "width": round(profile.width, 3),
        "slant": round(profile.slant, 1),
    }
    header = (
        "cardgen hand profiles: x-height in mm, width factor (against Caveat), slant in degrees (0: none)."
    )
    return _save("hands", profile.name, values, header)


def has_printer(name: str) -> bool:
    """Whether a printer profile of this name (a CUPS queue's name, say) is saved."""
    return name in _read_all("printers")


FEED_KEYS = ("feed", "feed_rotate", "face")


def load_feed(queue: str) -> dict[str, str | int] | None:
    """The envelope feed (feed, feed_rotate, face) confirmed on CUPS queue `queue`, or None."""
    entry = _read_all("feeds").get(queue)
    if not isinstance(entry, dict) or any(key not in entry for key in FEED_KEYS):
        return None
    return {"feed": str(entry["feed"]), "feed_rotate": int(entry["feed_rotate"]), "face": str(entry["face"])}


def save_feed(queue: str, feed: dict[str, str | int]) -> Path:
    """Record that envelopes fed so (a test envelope confirmed it) print right on `queue`."""
    values: dict[str, float | str] = {key: feed[key] for key in FEED_KEYS}
    header = "cardgen envelope feeds confirmed with a test envelope, per CUPS printer."
    return _save("feeds", queue, values, header, any_name=True)


@dataclass(frozen=True)
class GivenProfiles:
    """Hands and printers given in memory (for a note made in code, or a page's own settings)."""

    hands: dict[str, HandProfile] = field(default_factory=dict)
    printers: dict[str, PrinterProfile] = field(default_factory=dict)

    def hand(self, name: str) -> HandProfile:
        """The hand `name`."""
        return _given(self.hands, name, "hand")

    def printer(self, name: str) -> PrinterProfile:
        """The printer `name`."""
        return _given(self.printers, name, "printer")


def _given(profiles: dict[str, Profile], name: str, kind: str) -> Profile:
    if name not in profiles:
        saved = ", ".join(sorted(profiles)) or "none"
        raise InputError(f"'{name}': no such {kind} profile among those given ({saved})")
    return profiles[name]


class SavedProfiles:
    """The profiles saved in the user's config folder, read when a note names one."""

    def hand(self, name: str) -> HandProfile:
        """The saved hand `name`."""
        return load_hand(name)

    def printer(self, name: str) -> PrinterProfile:
        """The saved printer `name`."""
        return load_printer(name)
