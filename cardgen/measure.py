"""A font file's metrics measured with fontTools (advances, x-height, ascender, script letter
heights), and those kept in a metrics.json so a run need not parse the font."""

from __future__ import annotations

import hashlib
import json
import statistics
from functools import lru_cache
from pathlib import Path
from typing import Any

from cardgen.resources import fonts_dir, user_fonts_dir

# The glyphs measured: the top of "x" is the x-height (a font's declared sxHeight is often wrong:
# Caveat declares 400/1000, its "x" stands 355); cap height from flat-topped capitals.
_X_HEIGHT_GLYPHS = "x"
_CAP_HEIGHT_GLYPHS = "HEZI"
_ASCENDER_GLYPHS = "bdhkl"  # the tops of these are the ascender line
_DESCENDER_GLYPHS = "gjpqy"  # the bottoms of these are the descender line
# The glyphs whose ink height is a script's letter size, where the script has no x-height
BODY_GLYPHS = {"Jpan": "国永あの", "Hans": "国永", "Kore": "한국어", "Hebr": "בהמ", "Arab": "ا", "Deva": "कम"}
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

    def height(chars: str) -> float | None:
        found = [top - bottom for bottom, top in filter(None, map(bounds, chars))]
        return statistics.median(found) if found else None

    os2 = font["OS/2"]
    x_height = measured(_X_HEIGHT_GLYPHS, getattr(os2, "sxHeight", 500) / units)
    bodies = {system: h for system, chars in BODY_GLYPHS.items() if (h := height(chars))}
    return {
        "sha256": digest(path),
        "units_per_em": units,
        "advances": {str(code): widths[glyph][0] for code, glyph in sorted(cmap.items())},
        "notdef": widths[font.getGlyphOrder()[0]][0],
        "x_height": x_height,
        "cap_height": measured(_CAP_HEIGHT_GLYPHS, getattr(os2, "sCapHeight", 700) / units),
        "ascender": measured(_ASCENDER_GLYPHS, 1.4 * x_height),
        "descender": -measured(_DESCENDER_GLYPHS, -0.4 * x_height, side=0),
        "ascent": font["hhea"].ascent / units,
        "descent": -font["hhea"].descent / units,
        "bodies": bodies,
    }


def kept_metrics(optional: bool = False) -> dict[str, dict[str, Any]]:
    """The bundled fonts' kept metrics, or the optional fonts' kept in the user's font folder by
    `cardgen fonts install` (each used only for the very file it was measured from)."""
    return _kept_in((user_fonts_dir() if optional else fonts_dir()) / KEPT_METRICS)


def _kept_in(path: Path) -> dict[str, dict[str, Any]]:
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _read_kept(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_kept(path: Path, mtime_ns: int, size: int) -> dict[str, dict[str, Any]]:
    """A metrics.json, read again only when it changed (an install in this process)."""
    try:
        kept: dict[str, dict[str, Any]] = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}  # unreadable: the fonts are measured instead
    return kept


def digest(path: Path) -> str:
    """The font file's sha256: kept metrics are used only for the very file they were measured from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
