"""Setting a line of text as scene items: one Text per font run, fallback glyphs matched in size."""

from __future__ import annotations

from cardgen.fonts import metrics
from cardgen.scene import BLACK, Color, Text


def set_line(
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    color: Color = BLACK,
    role: str = "",
    hscale: float = 1.0,
) -> list[Text]:
    """Text items for one line starting at x on baseline y; characters the font lacks are set in
    the fallback font, scaled to the same x-height."""
    face = metrics(font)
    runs = face.runs(text)
    if len(runs) == 1 and runs[0][0] == font:  # the usual case: one font, no measuring needed
        return [Text(x, y, text, font, size, color, role, hscale)]
    items = []
    for key, run in runs:
        run_size = size if key == font else size * face.fallback_scale
        items.append(Text(x, y, run, key, run_size, color, role, hscale))
        x += face.width_of_run(key, run, size) * hscale
    return items
