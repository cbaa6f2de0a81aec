"""Printer's marks as plain items: cut marks, fold marks, the 100 % check bar, margin notes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cardgen.catalog import Paper
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.layout.sheet import PRINTER_MARGIN
from cardgen.scene import BLACK, Color, Item, Line, Rect, Text
from cardgen.units import IN

MARK_WIDTH = 0.3
MARK_GAP = 6.0  # a cut mark starts this far from the trim line so a slightly-off cut hides it
MARK_LENGTH = 18.0
NOTE_FONT = "noto-sans"
NOTE_SIZE = 7.5
GREY = (0.35, 0.35, 0.35)


def cut_marks(x: float, y: float, w: float, h: float, room: tuple[float, float, float, float]) -> list[Line]:
    """Marks on the extensions of a rectangle's edges, outside it, shortened to fit in `room`
    (the space available outside each side: left, top, right, bottom)."""
    left, top, right, bottom = (max(r - MARK_GAP, 0.0) for r in room)
    marks = []
    for cx in (x, x + w):
        if top > 2:
            marks.append(Line(cx, y - MARK_GAP, cx, y - MARK_GAP - min(MARK_LENGTH, top), MARK_WIDTH))
        if bottom > 2:
            end = y + h + MARK_GAP + min(MARK_LENGTH, bottom)
            marks.append(Line(cx, y + h + MARK_GAP, cx, end, MARK_WIDTH))
    for cy in (y, y + h):
        if left > 2:
            marks.append(Line(x - MARK_GAP, cy, x - MARK_GAP - min(MARK_LENGTH, left), cy, MARK_WIDTH))
        if right > 2:
            end = x + w + MARK_GAP + min(MARK_LENGTH, right)
            marks.append(Line(x + w + MARK_GAP, cy, end, cy, MARK_WIDTH))
    return marks


def fold_marks_vertical(x: float, top: float, bottom: float, room: tuple[float, float]) -> list[Line]:
    """Dashed marks above and below a card on the line x = `x` where it folds."""
    above, below = (min(max(r - MARK_GAP, 0.0), MARK_LENGTH) for r in room)
    dash = (2.0, 2.0)
    return [
        Line(x, top - MARK_GAP, x, top - MARK_GAP - above, MARK_WIDTH, dash=dash),
        Line(x, bottom + MARK_GAP, x, bottom + MARK_GAP + below, MARK_WIDTH, dash=dash),
    ]


def check_bar(x: float, y: float, paper: Paper) -> list[Item]:
    """A bar exactly `paper.check_bar` long with its label, top-left at (x, y): measure it to
    confirm the sheet printed at 100 %."""
    length = paper.check_bar
    measure = paper.check_bar_label.replace("in", " in").replace("mm", " mm")
    label = f"This bar must measure {measure}. If not, print at 100 % (Actual size)."
    return [
        Rect(x, y, length, 3.0, stroke=None, fill=BLACK),
        Line(x, y - 3, x, y + 6, MARK_WIDTH),
        Line(x + length, y - 3, x + length, y + 6, MARK_WIDTH),
        Text(x + length + 8, y + 4, label, NOTE_FONT, NOTE_SIZE, GREY, role="note"),
    ]


@lru_cache(maxsize=256)  # the same notes stand on every sheet of a run
def wrap_note(text: str, width: float, size: float) -> tuple[str, ...]:
    """A margin note broken into lines no wider than `width` in the note font."""
    font = metrics(NOTE_FONT)
    lines: list[str] = []
    for word in text.split():
        if lines and font.width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return tuple(lines)


@dataclass(frozen=True)
class MarginBands:
    """A sheet's margin furniture: notes at the top of the printable area, the check bar at its
    bottom, and the room left for marks outside each side of the item (left, top, right, bottom)."""

    items: tuple[Item, ...]
    room: tuple[float, float, float, float]


def margin_bands(
    page_w: float,
    page_h: float,
    item: tuple[float, float, float, float],
    paper: Paper,
    notes: list[tuple[str, float, Color, str]],
) -> MarginBands:
    """Lay `notes` (text, size, colour, role), wrapped to the printable width, from the top of the
    printable area, and the check bar at its bottom left; marks go between them and the item."""
    x, y, w, h = item
    left = PRINTER_MARGIN + 4
    width = page_w - 2 * left
    items: list[Item] = []
    baseline = PRINTER_MARGIN
    for text, size, color, role in notes:
        for line in wrap_note(text, width, size):
            baseline += 1.3 * size
            items.append(Text(left, baseline, line, NOTE_FONT, size, color, role=role))
    bar_top = page_h - PRINTER_MARGIN - 8
    items += check_bar(left, bar_top, paper)
    room = (x - PRINTER_MARGIN, y - baseline - 4, page_w - PRINTER_MARGIN - (x + w), bar_top - 6 - (y + h))
    if min(room) < 0:
        raise InputError(
            f"{w / IN:.3g} × {h / IN:.3g} in leaves no room on {paper.label} for the cut marks, notes "
            "and check bar outside it; choose a smaller format or a larger paper (cardgen list papers)"
        )
    return MarginBands(tuple(items), room)
