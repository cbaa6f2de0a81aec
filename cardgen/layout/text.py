"""Setting a line of text as scene items: one Text per run of one direction and one font, in visual
order (bidi), each script in its font, other fonts' glyphs matched to the line's x-height."""

from __future__ import annotations

from cardgen.fonts import metrics
from cardgen.scene import BLACK, Color, Text
from cardgen.scripts import visual_runs


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
    direction from left to right (`rtl`: the paragraph reads right to left), each cut into runs of
    one font (layout measures the line as the sum of these runs)."""
    face = metrics(font)
    runs = visual_runs(text, rtl)
    if len(runs) == 1 and not runs[0][1]:
        pieces = face.runs(text)
        if len(pieces) == 1 and pieces[0][0] == face.key:  # the usual case: no measuring needed
            return [Text(x, y, text, face.key, size, color, role, hscale)]
    items = []
    for run, run_rtl in runs:
        pieces = face.runs(run)
        for key, piece in reversed(pieces) if run_rtl else pieces:
            items.append(
                Text(x, y, piece, key, size * face.scale(key, piece), color, role, hscale, rtl=run_rtl)
            )
            x += face.width_of_run(key, piece, size) * hscale
    return items


def line_start(left: float, width: float, indent: float, line_width: float, rtl: bool) -> float:
    """Where a line of `line_width` starts: `indent` from the left of the area, or for a
    right-to-left paragraph `indent` from its right."""
    return left + width - indent - line_width if rtl else left + indent
