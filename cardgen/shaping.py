"""Shaping with HarfBuzz: a run of one font and one direction as the glyphs it is drawn with (glyph
ids, advances and offsets in font units, left to right as they stand), for measuring and drawing."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from cardgen.scripts import needs_shaping

# Fonts made for none of Latin, Greek and Cyrillic are always drawn as glyphs (Type 0 fonts): they
# are shaped whatever the run, and their thousands of glyphs need no 256-code subsets.
_SIMPLE_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl"})


class Glyph(NamedTuple):
    """One glyph as HarfBuzz placed it: id, the index of its cluster's first character in the run,
    advance and offsets in font units (y up)."""

    gid: int
    cluster: int
    advance: int
    x_offset: int
    y_offset: int


class Shaped(NamedTuple):
    """A run's glyphs, left to right, and the font's units per em."""

    glyphs: tuple[Glyph, ...]
    units: int

    @property
    def width(self) -> float:
        """The run's advance in ems."""
        return sum(g.advance for g in self.glyphs) / self.units


def drawn_as_glyphs(font_scripts: tuple[str, ...], text: str) -> bool:
    """Whether a run is shaped and drawn by glyph id: text in a font made for none of Latin, Greek
    and Cyrillic (a Japanese or Hebrew font), or text whose script must be shaped (Arabic, Hebrew,
    Devanagari, ...: Kalam's Latin stays a simple font's, its Devanagari is shaped)."""
    return not set(font_scripts) & _SIMPLE_SCRIPTS or needs_shaping(text)


@cache
def _hb_font(path: str):  # type: ignore[no-untyped-def]
    import uharfbuzz as hb  # loaded only when a run is shaped

    return hb.Font(hb.Face(hb.Blob.from_file_path(path)))


@lru_cache(maxsize=65536)
def shape(path: str, text: str, rtl: bool = False) -> Shaped:
    """The run shaped in the font file at `path`, right to left when `rtl` (HarfBuzz then mirrors
    brackets and returns the glyphs in visual order)."""
    import uharfbuzz as hb

    font = _hb_font(path)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.language = "en"  # not the machine's locale: the same glyphs everywhere (no locl forms)
    hb.shape(font, buffer, {})
    glyphs = tuple(
        Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    )
    return Shaped(glyphs, font.face.upem)
