"""Named profiles kept in the user's config folder: printers (measured offsets of each printed side)
and hands (a writer's measured x-height, width and slant)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cardgen.errors import InputError
from cardgen.files import write_files
from cardgen.units import MM

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
MAX_OFFSET_MM = 20.0  # a printer further off than this is mis-fed, not miscalibrated
OFFSETS = ("front_dx", "front_dy", "back_dx", "back_dy")


@dataclass(frozen=True)
class PrinterProfile:
    """How far a printer puts each side off: where a mark lands minus where it should, in points
    (x to the right, y down, each side seen from its printed face). Content is moved back by this."""

    name: str
    front_dx: float = 0.0
    front_dy: float = 0.0
    back_dx: float = 0.0
    back_dy: float = 0.0


@dataclass(frozen=True)
class HandProfile:
    """A writer's hand as measured: x-height in points, width factor, slant in degrees (90 upright)."""

    name: str
    x_height: float
    width: float = 1.0
    slant: float = 90.0


def config_dir() -> Path:
    """$CARDGEN_CONFIG, else $XDG_CONFIG_HOME/cardgen, else ~/.config/cardgen."""
    if os.environ.get("CARDGEN_CONFIG"):
        return Path(os.environ["CARDGEN_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cardgen"


def profiles_file(kind: str) -> Path:
    """The TOML file holding every profile of a kind ("printers" or "hands"), one table each."""
    return config_dir() / f"{kind}.toml"


def _read_all(kind: str) -> dict[str, dict[str, float]]:
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


def _entry(kind: str, name: str, how: str) -> dict[str, float]:
    profiles = _read_all(kind)
    if name not in profiles:
        saved = ", ".join(sorted(profiles)) or "none yet"
        raise InputError(f"'{name}': no such profile in {profiles_file(kind)} (saved: {saved}); {how}")
    return profiles[name]


def _save(kind: str, name: str, values: dict[str, float], header: str) -> Path:
    """Add or replace one profile in the kind's file (the others are kept); returns the file."""
    if not NAME.fullmatch(name):
        raise InputError(
            f"--save: '{name}' is not a usable name; use letters, digits, - and _ (e.g. office-laser)"
        )
    profiles = _read_all(kind)
    profiles[name] = values
    lines = [f"# {header}"]
    for key in sorted(profiles):
        lines.append(f"\n[{key}]")
        lines += [f"{field} = {value}" for field, value in profiles[key].items()]
    path = profiles_file(kind)
    write_files({path.name: ("\n".join(lines) + "\n").encode()}, path.parent, force=True, ours=lambda n: True)
    return path


def load_printer(name: str) -> PrinterProfile:
    """The saved printer profile `name`; an error listing the saved ones when there is none."""
    entry = _entry("printers", name, "measure one with cardgen calibrate printer")
    return PrinterProfile(name, **{key: float(entry.get(f"{key}_mm", 0.0)) * MM for key in OFFSETS})


def save_printer(profile: PrinterProfile) -> Path:
    """Store a printer's offsets (refusing ones too large to be an offset)."""
    for key in OFFSETS:
        value = getattr(profile, key) / MM
        if abs(value) > MAX_OFFSET_MM:
            raise InputError(
                f"--{key.replace('_', '-')}: {value:g} mm is more than {MAX_OFFSET_MM:g} mm; measure again "
                "with the sheet fed straight (offsets are in millimetres)"
            )
    values = {f"{key}_mm": round(getattr(profile, key) / MM, 3) for key in OFFSETS}
    header = "cardgen printer profiles: offsets in mm (where a mark printed minus where it should be)."
    return _save("printers", profile.name, values, header)


def load_hand(name: str) -> HandProfile:
    """The saved hand profile `name`."""
    entry = _entry("hands", name, "measure one with cardgen calibrate handwriting")
    return HandProfile(name, float(entry["x_height_mm"]) * MM, float(entry["width"]), float(entry["slant"]))


def save_hand(profile: HandProfile) -> Path:
    """Store a writer's measured hand."""
    values = {
        "x_height_mm": round(profile.x_height / MM, 2),
        "width": round(profile.width, 3),
        "slant": round(profile.slant, 1),
    }
    header = "cardgen hand profiles: x-height in mm, width factor, slant in degrees."
    return _save("hands", profile.name, values, header)
