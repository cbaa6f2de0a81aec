"""Bundled fonts: their files, and the metrics layout measures text with (no drawing library here)."""

from __future__ import annotations

import hashlib
import json
import statistics
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol

from cardgen.resources import fonts_dir, layouts_dir, user_fonts_dir

# The glyphs measured: the top of "x" is the x-height (a font's declared sxHeight is often wrong:
# Caveat declares 400/1000, its "x" stands 355); cap height from flat-topped capitals.
_X_HEIGHT_GLYPHS = "x"
_CAP_HEIGHT_GLYPHS = "HEZI"
_ASCENDER_GLYPHS = "bdhkl"  # the tops of these are the ascender line
_DESCENDER_GLYPHS = "gjpqy"  # the bottoms of these are the descender line
FALLBACK_FONT = "noto-sans"  # Latin, Greek, Cyrillic: drawn where a font lacks a character


@dataclass(frozen=True)
class FontInfo:
    """A font: the key notes use, its file, what it is for and the scripts (ISO 15924) it is chosen
    for; an optional font (`group` set) lives in the user's font folder once installed."""

    key: str
    path: Path
    role: str
    label: str
    scripts: tuple[str, ...] = ("Latn",)
    group: str | None = None  # `cardgen fonts install <group>` installs it
    package: str = ""  # npm package@version it comes from (optional fonts)
    member: str = ""  # its file inside the package's tarball
    integrity: str = ""  # the tarball's npm integrity (sha512-…)

    @property
    def installed(self) -> bool:
        """Whether the font's file is there (bundled fonts always are)."""
        return self.group is None or self.path.is_file()


class Metrics(Protocol):
    """What layout needs to know about a font; sizes are in points, ratios in ems."""

    key: str
    x_height: float
    cap_height: float
    ascender: float  # the tops of b d h k l above the baseline
    descender: float  # the bottoms of g j p q y below the baseline (positive)
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
        key: FontInfo(
            key,
            (user_fonts_dir() if "group" in entry else fonts_dir()) / entry["file"],
            entry["role"],
            entry["label"],
            tuple(entry.get("scripts", ("Latn",))),
            entry.get("group"),
            entry.get("package", ""),
            entry.get("member", ""),
            entry.get("integrity", ""),
        )
        for key, entry in table.items()
    }


def handwriting_fonts() -> list[str]:
    """Keys of the fonts that can be chosen as [handwriting] font."""
    return [key for key, info in bundled_fonts().items() if info.role == "handwriting"]


class FontMetrics:
    """Metrics of a TrueType font: those kept in fonts/metrics.json when they were measured from this
    very file, else measured now with fontTools (see measure)."""

    def __init__(self, info: FontInfo) -> None:
        self.key = info.key
        self._path = info.path
        kept = _kept_metrics().get(info.key)
        measured = kept if kept and kept["sha256"] == _digest(info.path) else measure(info.path)
        units = measured["units_per_em"]
        self._advance: dict[int, float] = {
            int(code): width / units for code, width in measured["advances"].items()
        }
        self._notdef: float = measured["notdef"] / units
        self.x_height, self.cap_height = measured["x_height"], measured["cap_height"]
        self.ascender, self.descender = measured["ascender"], measured["descender"]
        self.ascent, self.descent = measured["ascent"], measured["descent"]

    @cached_property
    def _ink_sides(self) -> dict[int, tuple[float, float]]:
        from fontTools.pens.boundsPen import BoundsPen
        from fontTools.ttLib import TTFont

        font = TTFont(self._path, lazy=True)
        units = font["head"].unitsPerEm
        glyphs, advances = font.getGlyphSet(), font["hmtx"].metrics
        sides = {}
        for code, glyph in font.getBestCmap().items():
            pen = BoundsPen(glyphs)
            glyphs[glyph].draw(pen)
            if pen.bounds:
                sides[code] = (
                    max(0.0, -pen.bounds[0] / units),
                    max(0.0, (pen.bounds[2] - advances[glyph][0]) / units),
                )
        return sides

    def ink_sides(self, char: str) -> tuple[float, float]:
        """How far, in ems, the character's ink reaches out of its advance box: left of the pen
        position and right of the advance (a swash "s", an italic "f"); 0 where it stays inside."""
        return self._ink_sides.get(ord(char), (0.0, 0.0))

    @property
    def fallback(self) -> FontMetrics | None:
        """The font missing characters are drawn from (None for the fallback font itself)."""
        return None if self.key == FALLBACK_FONT else metrics(FALLBACK_FONT)

    @property
    def fallback_scale(self) -> float:
        """Fallback glyphs are set at size × this, so their lowercase matches this font's x-height."""
        fallback = self.fallback
        return self.x_height / fallback.x_height if fallback else 1.0

    def has(self, char: str) -> bool:
        """Whether the font has a glyph for the character."""
        return ord(char) in self._advance

    def covers(self, text: str) -> bool:
        """Whether the font has a glyph for every character of the text."""
        return all(map(self._advance.__contains__, map(ord, text)))

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points as drawn, fallback characters included."""
        try:
            return sum(map(self._advance.__getitem__, map(ord, text))) * size
        except KeyError:  # a character from the fallback font, or none at all
            return sum(self.width_of_run(key, run, size) for key, run in self.runs(text))

    def width_of_run(self, key: str, run: str, size: float) -> float:
        """The advance width of one run from runs(), set in font `key`."""
        if key == self.key:
            return sum(map(self._advance.get, map(ord, run), repeat(self._notdef))) * size
        return metrics(key).width_of_run(key, run, size * self.fallback_scale)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """The text cut into (font key, run): characters this font lacks go to the fallback font
        when it has them (characters no font has stay in this font; coverage checks report them)."""
        if self.covers(text):
            return [(self.key, text)]
        fallback = self.fallback
        result: list[tuple[str, str]] = []
        for char in text:
            key = self.key if self.has(char) or not (fallback and fallback.has(char)) else fallback.key
            if result and result[-1][0] == key:
                result[-1] = (key, result[-1][1] + char)
            else:
                result.append((key, char))
        return result

    def missing(self, text: str) -> list[str]:
        """Characters without a glyph (line breaks and other controls are not counted)."""
        seen: dict[str, None] = {}
        for char in text:
            if ord(char) >= 32 and ord(char) not in self._advance:
                seen[char] = None
        return list(seen)


KEPT_METRICS = "metrics.json"  # in fonts/: what measure() finds in each bundled font, kept


def measure(path: Path) -> dict[str, Any]:
    """A font's metrics read with fontTools: advance widths in font units by character code, the
    x- and cap height measured from the glyphs (a font's declared sxHeight is often wrong), the
    ascender and descender lines, the hhea ascent and descent (ems), and the file's sha256."""
    from fontTools.pens.boundsPen import BoundsPen  # fontTools is loaded only to measure a font
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    units = font["head"].unitsPerEm
    cmap: dict[int, str] = font.getBestCmap()
    widths = font["hmtx"].metrics
    glyphs = font.getGlyphSet()

    def bounds(char: str) -> tuple[float, float] | None:
        glyph = cmap.get(ord(char))
        if glyph is None:
            return None
        pen = BoundsPen(glyphs)
        glyphs[glyph].draw(pen)
        return (pen.bounds[1] / units, pen.bounds[3] / units) if pen.bounds else None

    def measured(chars: str, declared: float, side: int = 1) -> float:
        found = [b[side] for b in map(bounds, chars) if b]
        return statistics.median(found) if found else declared

    os2 = font["OS/2"]
    x_height = measured(_X_HEIGHT_GLYPHS, getattr(os2, "sxHeight", 500) / units)
    return {
        "sha256": _digest(path),
        "units_per_em": units,
        "advances": {str(code): widths[glyph][0] for code, glyph in sorted(cmap.items())},
        "notdef": widths[font.getGlyphOrder()[0]][0],
        "x_height": x_height,
        "cap_height": measured(_CAP_HEIGHT_GLYPHS, getattr(os2, "sCapHeight", 700) / units),
        "ascender": measured(_ASCENDER_GLYPHS, 1.4 * x_height),
        "descender": -measured(_DESCENDER_GLYPHS, -0.4 * x_height, side=0),
        "ascent": font["hhea"].ascent / units,
        "descent": -font["hhea"].descent / units,
    }


def write_kept_metrics() -> Path:
    """Measure every bundled font and keep the results beside them (tools/font_metrics.py), so a
    run reads them instead of parsing each font with fontTools (about 50 ms a font)."""
    path = fonts_dir() / KEPT_METRICS
    kept = {key: measure(info.path) for key, info in sorted(bundled_fonts().items()) if info.group is None}
    path.write_text(json.dumps(kept, indent=0, sort_keys=True) + "\n")
    return path


@cache
def _kept_metrics() -> dict[str, dict[str, Any]]:
    path = fonts_dir() / KEPT_METRICS
    if not path.exists():
        return {}
    kept: dict[str, dict[str, Any]] = json.loads(path.read_text())
    return kept


def _digest(path: Path) -> str:
    """The font file's sha256: kept metrics are used only for the very file they were measured from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def metrics(key: str) -> FontMetrics:
    """The metrics of a bundled font by key (cached: fonts are read once per process)."""
    return FontMetrics(bundled_fonts()[key])
