"""Bundled fonts: their files, and the metrics layout measures text with (no drawing library here)."""

from __future__ import annotations

import statistics
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from cardgen.resources import fonts_dir, layouts_dir

# The glyphs measured: the top of "x" is the x-height (a font's declared sxHeight is often wrong:
# Caveat declares 400/1000, its "x" stands 355); cap height from flat-topped capitals.
_X_HEIGHT_GLYPHS = "x"
_CAP_HEIGHT_GLYPHS = "HEZI"


@dataclass(frozen=True)
class FontInfo:
    """A bundled font: the key notes use, its file, and what it is for."""

    key: str
    path: Path
    role: str
    label: str


class Metrics(Protocol):
    """What layout needs to know about a font; sizes are in points, ratios in ems."""

    key: str
    x_height: float
    cap_height: float
    ascent: float
    descent: float

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` set at `size` points, as drawn (no kerning)."""
        ...

    def missing(self, text: str) -> list[str]:
        """The characters of `text` the font has no glyph for, in order, each once."""
        ...


@cache
def bundled_fonts() -> dict[str, FontInfo]:
    """Every bundled font by key, from layouts/fonts.toml."""
    with (layouts_dir() / "fonts.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {
        key: FontInfo(key, fonts_dir() / entry["file"], entry["role"], entry["label"])
        for key, entry in table.items()
    }


def handwriting_fonts() -> list[str]:
    """Keys of the fonts that can be chosen as [handwriting] font."""
    return [key for key, info in bundled_fonts().items() if info.role == "handwriting"]


class FontMetrics:
    """Metrics of a TrueType font read with fontTools; x- and cap height measured from the glyphs."""

    def __init__(self, info: FontInfo) -> None:
        font = TTFont(info.path, lazy=True)
        self.key = info.key
        units = font["head"].unitsPerEm
        self._cmap: dict[int, str] = font.getBestCmap()
        metrics = font["hmtx"].metrics
        self._advance = {code: metrics[glyph][0] / units for code, glyph in self._cmap.items()}
        self._notdef = metrics[font.getGlyphOrder()[0]][0] / units
        glyphs = font.getGlyphSet()

        def top(char: str) -> float | None:
            glyph = self._cmap.get(ord(char))
            if glyph is None:
                return None
            pen = BoundsPen(glyphs)
            glyphs[glyph].draw(pen)
            return pen.bounds[3] / units if pen.bounds else None

        def measured(chars: str, declared: float) -> float:
            tops = [t for t in map(top, chars) if t]
            return statistics.median(tops) if tops else declared

        os2 = font["OS/2"]
        self.x_height = measured(_X_HEIGHT_GLYPHS, getattr(os2, "sxHeight", 500) / units)
        self.cap_height = measured(_CAP_HEIGHT_GLYPHS, getattr(os2, "sCapHeight", 700) / units)
        self.ascent = font["hhea"].ascent / units
        self.descent = -font["hhea"].descent / units

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points (what reportlab's drawString draws)."""
        advance = self._advance
        return sum(advance.get(ord(c), self._notdef) for c in text) * size

    def missing(self, text: str) -> list[str]:
        """Characters without a glyph (line breaks and other controls are not counted)."""
        seen: dict[str, None] = {}
        for char in text:
            if ord(char) >= 32 and ord(char) not in self._cmap:
                seen[char] = None
        return list(seen)


@cache
def metrics(key: str) -> FontMetrics:
    """The metrics of a bundled font by key (cached: fonts are read once per process)."""
    return FontMetrics(bundled_fonts()[key])
