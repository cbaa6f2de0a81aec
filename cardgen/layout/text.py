"""Setting a line of text as scene items: one Text per run of one direction and one font, in visual
order (bidi), each script in its font, other fonts' glyphs matched to the line's x-height."""

from __future__ import annotations

from cardgen.direction import visual_order
from cardgen.fonts import bundled_fonts, metrics
from cardgen.glyphs import glyph_ink_right
from cardgen.scene import BLACK, Color, Text
from cardgen.scripts import is_rtl
from cardgen.shaping import drawn_as_glyphs, shape


def set_line(
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    color: Color = BLACK,
    role: str = "",
    hscale: float = 1.0,
    rtl: bool = False,
) -> list[Text]:
    """Text items for one line (logical order) whose left end is x, on baseline y: its runs of one
    font (as FontMetrics.runs chooses them on the whole line, which is how layout measures it), cut
    where the direction changes, from left to right in bidi order (`rtl`: the paragraph reads right
    to left)."""
    face = metrics(font)
    runs = face.runs(text)
    if (
        len(runs) == 1
        and runs[0][0] == face.key
        and not rtl
        and (text.isascii() or not any(map(is_rtl, text)))
    ):
        return [Text(x, y, text, face.key, size, color, role, hscale)]  # the usual case
    sizes = [size * face.scale(key, run) for key, run in runs]  # a run's size: all its pieces'
    items = []
    for tag, piece, piece_rtl in visual_order(tuple((str(i), run) for i, (_, run) in enumerate(runs)), rtl):
        key, run_size = runs[int(tag)][0], sizes[int(tag)]
        items.append(Text(x, y, piece, key, run_size, color, role, hscale, rtl=piece_rtl))
        x += metrics(key).width_of_run(key, piece, run_size) * hscale
    return items


def ink_overhang(items: list[Text]) -> float:
    """How far, in points, the ink of a line's rightmost glyph reaches past the line's end (an
    Arabic swash, a Ruqʿah meem): 0 where it stays inside."""
    if not items:
        return 0.0
    last = max(items, key=lambda t: t.x + metrics(t.font).width_of_run(t.font, t.text, t.size))
    face = metrics(last.font)
    if not drawn_as_glyphs(face.scripts, last.text):
        return face.ink_sides(last.text[-1])[1] * last.size * last.hscale if last.text else 0.0
    shaped = shape(str(bundled_fonts()[last.font].path), last.text, last.rtl)
    pen, reach = 0, 0.0
    for glyph in shaped.glyphs:
        reach = max(reach, pen + glyph.x_offset + glyph_ink_right(last.font, glyph.gid) * shaped.units)
        pen += glyph.advance
    return max(0.0, (reach - pen) / shaped.units * last.size * last.hscale)


def line_start(left: float, width: float, indent: float, line_width: float, rtl: bool) -> float:
    """Where a line of `line_width` starts: `indent` from the left of the area, or for a
    right-to-left paragraph `indent` from its right."""
    return left + width - indent - line_width if rtl else left + indent
