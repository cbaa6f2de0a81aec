"""checklist.pdf: every recipient with boxes for written, addressed, stamped, mailed, and a send-by date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cardgen.catalog import Paper
from cardgen.layout import marks
from cardgen.layout.sheet import PRINTER_MARGIN, sheet_size
from cardgen.layout.text import set_line
from cardgen.scene import BLACK, Document, Item, Line, Page, Rect, Text

FONT, BOLD = "noto-sans", "noto-sans-bold"
SIZE = 9.0
ROW = 22.0
BOX = 10.0
STEPS = ("Written", "Addressed", "Stamped", "Mailed")
MARGIN = PRINTER_MARGIN + 18


@dataclass(frozen=True)
class ChecklistEntry:
    """One line of the checklist."""

    number: int
    name: str
    detail: str  # company or city, to tell namesakes apart
    send_by: str


def send_by(fields: Mapping[str, Any]) -> str:
    """The date to mail by: message.send_by, else the day after message.interview_date, else ""."""
    if isinstance(fields.get("send_by"), dt.date):
        return f"{fields['send_by']:%a %b} {fields['send_by'].day}"
    interview = fields.get("interview_date")
    if isinstance(interview, dt.date):
        day = interview + dt.timedelta(days=1)
        return f"{day:%a %b} {day.day}"
    return ""


def checklist_document(entries: list[ChecklistEntry], paper: Paper) -> Document:
    """Letter/A4 pages with one row per recipient, in build order."""
    return Document(title="Checklist", pages=tuple(checklist_pages(entries, paper)), duplex=None)


def checklist_pages(entries: list[ChecklistEntry], paper: Paper) -> Iterator[Page]:
    """The checklist's pages, made one at a time (10,000 names make over 300 pages)."""
    width, height = sheet_size(paper, landscape=False)
    columns = [MARGIN, MARGIN + 28, MARGIN + 230, MARGIN + 300]  # #, recipient, send by, then the boxes
    box_x = [columns[3] + i * 58 for i in range(len(STEPS))]
    per_page = int((height - 2 * MARGIN - 40) // ROW)
    chunks = [entries[i : i + per_page] for i in range(0, len(entries), per_page)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        y = MARGIN
        title = f"Checklist: {len(entries)} note{'s' * (len(entries) != 1)}, page {number} of {len(chunks)}"
        items: list[Item] = [Text(MARGIN, y, title, BOLD, 12, BLACK, "heading")]
        y += 28
        for x, label in zip([*columns[:3], *box_x], ["#", "Recipient", "Send by", *STEPS], strict=True):
            items.append(Text(x, y, label, BOLD, SIZE, BLACK, "heading"))
        items.append(Line(MARGIN, y + 6, width - MARGIN, y + 6, 0.6))
        for entry in chunk:
            y += ROW
            name = entry.name if not entry.detail else f"{entry.name}, {entry.detail}"
            items += [
                Text(columns[0], y, str(entry.number), FONT, SIZE, BLACK, "checklist"),
                *set_line(columns[1], y, name[:40], FONT, SIZE, BLACK, "checklist"),
                Text(columns[2], y, entry.send_by, FONT, SIZE, BLACK, "checklist"),
                *(Rect(x, y - BOX + 1, BOX, BOX, BLACK, None, 0.6) for x in box_x),
                Line(MARGIN, y + 7, width - MARGIN, y + 7, 0.25, marks.GREY),
            ]
        yield Page(width, height, tuple(items), f"checklist-{number}")
