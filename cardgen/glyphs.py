"""Glyph geometry read from a font's outlines: each character's ink box and the font's em box, in
ems (what a square cell centres a character by; fontTools is loaded only when asked)."""

from __future__ import annotations

from functools import cache
from typing import Any

from cardgen.fonts import bundled_fonts


@cache
def font_file(key: str) -> Any:
    """The font of `key` opened with fontTools (lazily, once a process): for its outlines."""
    from fontTools.ttLib import TTFont

    return TTFont(bundled_fonts()[key.partition("@")[0]].path, lazy=True)


@cache
def _outlines(name: str) -> tuple[Any, dict[int, str], int, tuple[float, float]]:
    """A font's glyph set, character map, units per em and em box (see em_box), read once."""
    font = font_file(name)
    units = font["head"].unitsPerEm
    os2 = font["OS/2"]
    em = (os2.sTypoDescender / units, os2.sTypoAscender / units)
    return font.getGlyphSet(), font.getBestCmap(), units, em


@cache
def ink_box(key: str, char: str) -> tuple[float, float, float, float] | None:
    """The character's ink in ems from its pen position on the baseline, y up: (left, bottom,
    right, top); None when the font lacks the character or it draws no ink (a space)."""
    from fontTools.pens.boundsPen import BoundsPen

    glyphs, cmap, units, _ = _outlines(key.partition("@")[0])
    name = cmap.get(ord(char))
    if name is None:
        return None
    pen = BoundsPen(glyphs)
    glyphs[name].draw(pen)
    if not pen.bounds:
        return None
    left, bottom, right, top = pen.bounds
    return left / units, bottom / units, right / units, top / units


@cache
def glyph_ink_right(key: str, gid: int) -> float:
    """How far right of its pen position the glyph's ink reaches, in ems (0 for one without ink)."""
    from fontTools.pens.boundsPen import BoundsPen

    glyphs, _, units, _ = _outlines(key)
    pen = BoundsPen(glyphs)
    glyphs[_order(key)[gid]].draw(pen)
    return pen.bounds[2] / units if pen.bounds else 0.0


def _order(key: str) -> list[str]:
    order: list[str] = font_file(key).getGlyphOrder()
    return order


def em_box(key: str) -> tuple[float, float]:
    """The bottom and top of the font's em box in ems above the baseline: the square CJK glyphs
    are designed in (OS/2 typo descender and ascender: -0.12 and 0.88 in Noto Sans JP)."""
    return _outlines(key.partition("@")[0])[3]
