"""Calibration sheets: the envelope feed test page (which edge goes in first, which side is printed)."""

from __future__ import annotations

from cardgen.catalog import Paper
from cardgen.layout import marks
from cardgen.layout.sheet import PRINTER_MARGIN, sheet_size
from cardgen.scene import BLACK, Document, Item, Line, Page, Text

FONT = "noto-sans"

ENVELOPE_STEPS = (
    "Envelope feed test. Print this page on plain paper to learn how your printer takes envelopes.",
    "1. Before printing, pencil an X on the side of the sheet that faces UP in the tray, and note",
    "   which side of the tray the sheet lies against: left, center or right.",
    "2. Print this page at 100 % (Actual size).",
    '3. If the printing is on the side with your X, your envelopes go in face up: face = "up".',
    '   If it is on the other side: face = "down".',
    '4. Set [envelope] feed = "left", "center" or "right" to where the sheet lay in the tray.',
    "5. The arrow points to the edge that went in first. An envelope goes in with:",
    "   feed_rotate = 0: its top (flap) edge first; 90: its left edge first;",
    "   180: its bottom edge first; 270: its right edge first. Long envelopes (#10, DL) need 90 or 270",
    "   on Letter/A4. Then build with those settings and print one envelope to check.",
)


def envelope_feed_test(paper: Paper) -> Document:
    """One page: a large arrow at the leading edge, side labels and the steps to read the result."""
    width, height = sheet_size(paper, landscape=False)
    middle = width / 2
    top = PRINTER_MARGIN + 10
    items: list[Item] = [
        Line(middle, top, middle, top + 160, 3.0, BLACK),
        Line(middle, top, middle - 40, top + 50, 3.0, BLACK),
        Line(middle, top, middle + 40, top + 50, 3.0, BLACK),
        Text(middle + 50, top + 40, "THIS EDGE WENT IN FIRST", FONT, 16, BLACK, "calibration"),
        Text(PRINTER_MARGIN + 6, height / 2, "LEFT", FONT, 20, BLACK, "calibration"),
        Text(width - PRINTER_MARGIN - 62, height / 2, "RIGHT", FONT, 20, BLACK, "calibration"),
        Text(middle - 40, height / 2, "CENTER", FONT, 20, BLACK, "calibration"),
    ]
    y = top + 200
    for step in ENVELOPE_STEPS:
        items.append(Text(PRINTER_MARGIN + 40, y, step, FONT, 10, BLACK, "calibration"))
        y += 15
    items += marks.check_bar(PRINTER_MARGIN + 4, height - PRINTER_MARGIN - 8, paper)
    return Document(
        title="cardgen envelope feed test", pages=(Page(width, height, tuple(items), "calibration"),)
    )
