"""Calibration sheets: the envelope feed test page (which edge goes in first, which side is printed)
and the printer offset test (cross-hairs at known places on both sides of a duplex sheet)."""

from __future__ import annotations

from cardgen.catalog import Paper
from cardgen.layout import marks
from cardgen.layout.sheet import PRINTER_MARGIN, duplex_label, sheet_size
from cardgen.scene import BLACK, Document, Item, Line, Page, Polyline, Text, circle
from cardgen.units import MM

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


TARGET_INSET = 25 * MM  # each cross-hair's centre lies this far from the two nearest paper edges
CROSS_ARM = 8 * MM
RULER_LENGTH = 100 * MM

PRINTER_STEPS = (
    "Printer offset test. Print this file on plain paper, both sides, at 100 % (Actual size), {flip}.",
    "1. Check the 100 mm ruler measures 100 mm: if not, printing was scaled; print again at 100 %.",
    "2. On this side, with a ruler, measure from the LEFT paper edge to the vertical line of the",
    "   top-left cross-hair, and from the TOP paper edge to its horizontal line. Both should be 25.0 mm.",
    "   {dx} = left measure - 25.0 (more than 25: printed too far right);",
    "   {dy} = top measure - 25.0 (more than 25: printed too low). Check with the other cross-hairs.",
    "3. Turn the sheet over and do the same on the back ({other}).",
    "4. cardgen calibrate printer --save NAME{flags} --front-dx .. --front-dy .. --back-dx .. --back-dy ..",
    '   then build with --printer NAME, or [print] printer = "NAME" in the note.',
)


def printer_test(paper: Paper, duplex: str = "long", landscape: bool = False) -> Document:
    """Two pages (front, back) with cross-hairs 25 mm from the paper edges at each corner and in the
    middle, a 100 mm ruler and the steps to measure each side's offset; in the orientation the cards
    will print in (a print dialog may turn landscape pages either way, so they are measured apart)."""
    width, height = sheet_size(paper, landscape=landscape)
    flags = (" --landscape" if landscape else "") + (" --duplex short" if duplex == "short" else "")
    pages = []
    for side, other in (("front", "back"), ("back", "front")):
        items: list[Item] = []
        for cx in (TARGET_INSET, width - TARGET_INSET):
            for cy in (TARGET_INSET, height - TARGET_INSET):
                items += _cross_hair(cx, cy)
        items += _cross_hair(width / 2, height / 2)
        items.append(
            Text(TARGET_INSET + 12, TARGET_INSET - 4, f"{side.upper()}: 25 mm from each edge", FONT, 9)
        )
        items += _ruler(width / 2 - RULER_LENGTH / 2, height / 2 - 44)
        y = height / 2 + 36
        steps = [
            s.format(
                flip=duplex_label(duplex),
                dx=f"{side}-dx",
                dy=f"{side}-dy",
                other=f"{other}-dx, {other}-dy",
                flags=flags,
            )
            for s in PRINTER_STEPS
        ]
        for step in steps:
            items.append(Text(TARGET_INSET, y, step, FONT, 8.5, BLACK, "calibration"))
            y += 12.5
        items += marks.check_bar(TARGET_INSET + 12, height - TARGET_INSET - 40, paper)
        pages.append(Page(width, height, tuple(items), side))
    return Document(title="cardgen printer offset test", pages=tuple(pages), duplex=duplex)


def _cross_hair(x: float, y: float) -> list[Item]:
    return [
        Line(x - CROSS_ARM, y, x + CROSS_ARM, y, 0.3),
        Line(x, y - CROSS_ARM, x, y + CROSS_ARM, 0.3),
        Polyline(circle(x, y, 2 * MM, 48), 0.3, BLACK, closed=True),
    ]


def _ruler(x: float, y: float) -> list[Item]:
    """A 100 mm scale: a tick every millimetre, longer every 5, numbered every 10."""
    items: list[Item] = [Line(x, y, x + RULER_LENGTH, y, 0.4)]
    for mm_mark in range(101):
        tick = 6.0 if mm_mark % 10 == 0 else 4.0 if mm_mark % 5 == 0 else 2.5
        items.append(Line(x + mm_mark * MM, y, x + mm_mark * MM, y - tick, 0.3))
        if mm_mark % 10 == 0:
            items.append(Text(x + mm_mark * MM - 3, y + 9, str(mm_mark), FONT, 6, BLACK, "calibration"))
    items.append(Text(x + RULER_LENGTH + 6, y + 2, "mm", FONT, 7, BLACK, "calibration"))
    return items
