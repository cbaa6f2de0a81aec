"""Printer's marks as plain items: cut marks, fold marks, the 100 % check bar, margin notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cardgen.catalog import Paper
from cardgen.direction import rtl_paragraph
from cardgen.errors import InputError
from cardgen.fonts import for_language, metrics
from cardgen.layout import impose
from cardgen.layout.impose import MARK_WIDTH
from cardgen.layout.sheet import PRINTER_MARGIN
from cardgen.layout.text import set_line
from cardgen.scene import BLACK, Color, Item, Line, Rect, Text
from cardgen.units import IN

MarginNote = tuple[str, float, Color, str]  # text, size, colour, role
NOTE_FONT = "noto-sans"
NOTE_SIZE = 7.5
GREY = (0.35, 0.35, 0.35)


def cut_marks(x: float, y: float, w: float, h: float, room: tuple[float, float, float, float]) -> list[Line]:
    """Marks on the extensions of a rectangle's edges, outside it, shortened to fit in `room`
    (the space available outside each side: left, top, right, bottom)."""
    return impose.cut_marks(impose.Grid(0, 0, w, h, 1, 1, x, y), room)


def bar_length(paper: Paper) -> str:
    """The check bar's length as printed beside it: "2 in", "50 mm"."""
    return paper.check_bar_label.replace("in", " in").replace("mm", " mm")


def check_bar(x: float, y: float, paper: Paper) -> list[Item]:
    """A bar exactly `paper.check_bar` long with its label, top-left at (x, y): measure it to
    confirm the sheet printed at 100 %."""
    length = paper.check_bar
    label = f"This bar must measure {bar_length(paper)}. If not, print at 100 % (Actual size)."
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


def free_band(page_w: float, page_h: float, notes: Sequence[MarginNote]) -> tuple[float, float]:
    """The top and bottom of the band left between margin_bands' notes and its check bar."""
    width = page_w - 2 * (PRINTER_MARGIN + 4)
    notes_height = sum(1.3 * size * len(wrap_note(text, width, size)) for text, size, _, _ in notes)
    return PRINTER_MARGIN + notes_height + 4, page_h - PRINTER_MARGIN - 14


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
    notes: Sequence[MarginNote],
    language: str | None = None,
) -> MarginBands:
    """Lay `notes` (text, size, colour, role), wrapped to the printable width, from the top of the
    printable area, and the check bar at its bottom left; marks go between them and the item.
    `language`: the note's (Han in a name read as Japanese for a Japanese note)."""
    x, y, w, h = item
    left = PRINTER_MARGIN + 4
    items: list[Item] = []
    baseline = PRINTER_MARGIN
    font = for_language(NOTE_FONT, language)
    for text, size, color, role in notes:
        for line in wrap_note(text, page_w - 2 * left, size):
            baseline += 1.3 * size
            items += set_line(left, baseline, line, font, size, color, role, rtl=rtl_paragraph(line))
    bar_top = page_h - PRINTER_MARGIN - 8
    items += check_bar(left, bar_top, paper)
    top, bottom = free_band(page_w, page_h, notes)
    room = (x - PRINTER_MARGIN, y - top, page_w - PRINTER_MARGIN - (x + w), bottom - (y + h))
    if min(room) < 0:
        raise InputError(
            f"{w / IN:.3g} × {h / IN:.3g} in leaves no room on {paper.label} for the cut marks, notes "
            "and check bar outside it; choose a smaller format or a larger paper (cardgen list papers)"
        )
    return MarginBands(tuple(items), room)
