"""Named printer profiles (measured offsets of each printed side) kept in the user's config folder."""

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


@dataclass(frozen=True)
class PrinterProfile:
    """How far a printer puts each side off: where a mark lands minus where it should, in points
    (x to the right, y down, each side seen from its printed face). Content is moved back by this."""

    name: str
    front_dx: float = 0.0
    front_dy: float = 0.0
    back_dx: float = 0.0
    back_dy: float = 0.0


def config_dir() -> Path:
    """$CARDGEN_CONFIG, else $XDG_CONFIG_HOME/cardgen, else ~/.config/cardgen."""
    if os.environ.get("CARDGEN_CONFIG"):
        return Path(os.environ["CARDGEN_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cardgen"


def profiles_file() -> Path:
    """The TOML file holding every profile, one table per printer."""
    return config_dir() / "printers.toml"


def _read_all() -> dict[str, dict[str, float]]:
    path = profiles_file()
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(
            f"{path}: cannot be read ({error}); fix or delete it and save the profile again"
        ) from None


def load_profile(name: str) -> PrinterProfile:
    """The saved profile `name`; an error listing the saved ones when there is none."""
    profiles = _read_all()
    if name not in profiles:
        saved = ", ".join(sorted(profiles)) or "none yet"
        raise InputError(
            f"printer '{name}': no such profile in {profiles_file()} (saved: {saved}); measure one with "
            "cardgen calibrate printer"
        )
    entry = profiles[name]
    values = {
        key: float(entry.get(f"{key}_mm", 0.0)) * MM for key in ("front_dx", "front_dy", "back_dx", "back_dy")
    }
    return PrinterProfile(name, **values)


def save_profile(profile: PrinterProfile) -> Path:
    """Add or replace the profile in the profiles file (other profiles are kept); returns the file."""
    if not NAME.fullmatch(profile.name):
        raise InputError(
            f"--save: '{profile.name}' is not a usable name; use letters, digits, - and _ (e.g. office-laser)"
        )
    for key in ("front_dx", "front_dy", "back_dx", "back_dy"):
        value = getattr(profile, key) / MM
        if abs(value) > MAX_OFFSET_MM:
            raise InputError(
                f"--{key.replace('_', '-')}: {value:g} mm is more than {MAX_OFFSET_MM:g} mm; measure again "
                "with the sheet fed straight (offsets are in millimetres)"
            )
    profiles = _read_all()
    profiles[profile.name] = {
        f"{key}_mm": round(getattr(profile, key) / MM, 3)
        for key in ("front_dx", "front_dy", "back_dx", "back_dy")
    }
    lines = ["# cardgen printer profiles: offsets in mm (where a mark printed minus where it should be)."]
    for name in sorted(profiles):
        lines.append(f"\n[{name}]")
        lines += [f"{key} = {value}" for key, value in profiles[name].items()]
    path = profiles_file()
    write_files({path.name: ("\n".join(lines) + "\n").encode()}, path.parent, force=True, ours=lambda n: True)
    return path
