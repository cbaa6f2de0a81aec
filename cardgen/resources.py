"""Where the bundled data lives: `fonts/` and `layouts/` beside the package, or inside the wheel."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder `fonts` or `layouts`: in the wheel under cardgen/_data, in a checkout at the top."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cardgen's bundled '{name}' folder is missing; reinstall cardgen")


def fonts_dir() -> Path:
    """The bundled fonts, one folder per family."""
    return data_dir("fonts")


def layouts_dir() -> Path:
    """Formats, envelopes, papers, fronts and wording templates."""
    return data_dir("layouts")


def samples_dir() -> Path:
    """The bundled sample notes."""
    return data_dir("samples")


def user_fonts_dir() -> Path:
    """Where optional fonts are installed (`cardgen fonts install`): $CARDGEN_FONTS, else
    $XDG_DATA_HOME/cardgen/fonts, else ~/.local/share/cardgen/fonts."""
    chosen = os.environ.get("CARDGEN_FONTS")
    if chosen:
        return Path(chosen)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "cardgen" / "fonts"
