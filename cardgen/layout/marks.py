"""Printer's marks as plain items: cut marks, fold marks, the 100 % check bar, margin notes."""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.catalog import Paper
from cardgen.layout.sheet import PRINTER_MARGIN
from cardgen.scene import BLACK, Item, Line, Rect, Text

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
    label = f"This bar must measure {paper.check_bar_label.replace('in', ' in').replace('mm', ' mm')}."
    return [
        Rect(x, y, length, 3.0, stroke=None, fill=BLACK),
        Line(x, y - 3, x, y + 6, MARK_WIDTH),
        Line(x + length, y - 3, x + length, y + 6, MARK_WIDTH),
        Text(
            x + length + 8,
            y + 4,
            label + " If not, print at 100 % (Actual size).",
            NOTE_FONT,
            NOTE_SIZE,
            GREY,
            role="note",
        ),
    ]


def note(x: float, y: float, text: str) -> Text:
    """A one-line instruction in the sheet's margin."""
    return Text(x, y, text, NOTE_FONT, NOTE_SIZE, GREY, role="note")


@dataclass(frozen=True)
class MarginBands:
    """Where a sheet's notes go (baselines of the top note and top of the check bar, in the printable
    area's outer bands) and the room left for marks outside each side of the item: left, top, right,
    bottom."""

    top_note: float
    bottom_note: float
    room: tuple[float, float, float, float]


def margin_bands(
    page_w: float, page_h: float, x: float, y: float, w: float, h: float, top_lines: int = 1
) -> MarginBands:
    """Bands for notes (`top_lines` lines at the top, one at the bottom of the printable area); marks
    go between them and the item."""
    top_note = PRINTER_MARGIN + NOTE_SIZE
    bottom_note = page_h - PRINTER_MARGIN - 8
    room = (
        x - PRINTER_MARGIN,
        y - top_note - 12 * (top_lines - 1) - 4,
        page_w - PRINTER_MARGIN - (x + w),
        bottom_note - 6 - (y + h),
    )
    return MarginBands(top_note, bottom_note, room)
