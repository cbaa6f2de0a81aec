"""The handwriting calibration sheet: a scene Document, and its geometry (marks, box) for the scanner."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cardgen.catalog import Paper
from cardgen.fonts import metrics
from cardgen.handwriting import PANGRAM, PANGRAM_FONT, text_ratio
from cardgen.layout import marks
from cardgen.layout.sheet import PRINTER_MARGIN, sheet_size
from cardgen.scene import BLACK, Color, Document, Item, Line, Page, Rect, Text
from cardgen.units import MM

GUIDE_FONT = PANGRAM_FONT  # the width factor compares the writer's letters with this font's
FONT = marks.NOTE_FONT
MARK_SIZE = 7 * MM  # solid black registration squares, one near each corner of the printable area
MARK_INSET = PRINTER_MARGIN + 2 * MM + MARK_SIZE / 2  # from each sheet edge to a mark's centre
BOX_W, BOX_H = 190 * MM, 35 * MM  # the writing box: fits inside the printable width of Letter and A4
BOX_BASELINE = 22 * MM  # the light guide line, from the box top: room for ascenders and descenders
LIGHT_BLUE: Color = (0.62, 0.8, 1.0)  # printed inside / around the box: the scanner's threshold drops it
BAND_GREY: Color = (0.86, 0.86, 0.86)
BANDS_MM = (2.0, 2.5, 3.0, 3.5, 4.0, 5.0)
SLANTS = (90, 80, 70, 60, 50)
TEXT_LEFT = MARK_INSET + MARK_SIZE / 2 + 12  # clear of the top-left mark


@dataclass(frozen=True)
class SheetGeometry:
    """Where things are on the sheet, in points from its top-left corner: the registration marks'
    centres (top-left, top-right, bottom-right, bottom-left), the box (x, y, w, h) and the check bar's
    left end (x, y of its top)."""

    width: float
    height: float
    marks: tuple[tuple[float, float], ...]
    mark_size: float
    box: tuple[float, float, float, float]
    bar: tuple[float, float]
    bar_length: float


def sheet_geometry(paper: Paper) -> SheetGeometry:
    """The geometry of the calibration sheet on `paper` (portrait)."""
    width, height = sheet_size(paper, landscape=False)
    near, far_x, far_y = MARK_INSET, width - MARK_INSET, height - MARK_INSET
    box_top = PRINTER_MARGIN + 195
    box = ((width - BOX_W) / 2, box_top, BOX_W, BOX_H)
    bar = (TEXT_LEFT, height - PRINTER_MARGIN - 8)
    return SheetGeometry(
        width,
        height,
        ((near, near), (far_x, near), (far_x, far_y), (near, far_y)),
        MARK_SIZE,
        box,
        bar,
        paper.check_bar,
    )


def pangram_ratio(pangram: str = PANGRAM) -> float:
    """The pangram's length in the guide font divided by the font's x-height (about 41 for the fox)."""
    return text_ratio(pangram, GUIDE_FONT)


def _steps(pangram: str) -> tuple[str, ...]:
    ratio = pangram_ratio(pangram)
    return (
        "1. Print this page at 100 % (Actual size): the bar at the bottom must measure as labelled.",
        "2. Write the sentence below once, on one line inside the box, in your usual hand and with the pen "
        "you write notes with. Write it as you normally would: do not copy the printed letters. "
        "Keep the four black squares clean.",
        "3. Then scan or photograph the whole sheet, flat and square-on, with all four black squares in "
        "view, and run: cardgen calibrate handwriting --save NAME --scan photo.jpg",
        "4. Or measure with a ruler. x_height: the height of your small letters (a, c, e, m, n, o); "
        f"compare them with the bands below. width: your sentence's length ÷ ({ratio:.1f} × your "
        "x-height). slant: the angle of your upright strokes from the line; compare them with the fan "
        "below (90 = upright). Put these in your note's [handwriting] table, "
        'e.g. x_height = "3mm", width = 1.1, slant = 80.',
    )


def _bands(x: float, bottom: float) -> list[Item]:
    """Grey bands as tall as an x-height, each with a guide-font word of that x-height and a label."""
    font = metrics(GUIDE_FONT)
    items: list[Item] = []
    for size_mm in BANDS_MM:
        height = size_mm * MM
        items.append(Rect(x, bottom - height, 22 * MM, height, stroke=None, fill=BAND_GREY))
        items.append(
            Text(x + 2 * MM, bottom, "one", GUIDE_FONT, height / font.x_height, BLACK, "calibration")
        )
        label = f"{size_mm:g} mm"
        items.append(Text(x, bottom + 11, label, FONT, marks.NOTE_SIZE, marks.GREY, "calibration"))
        x += 30 * MM
    return items


def _fan(x: float, baseline: float) -> list[Item]:
    """Short strokes at the labelled slants from a common line, to compare upright strokes with."""
    length = 12 * MM
    items: list[Item] = [Line(x - 4, baseline, x + len(SLANTS) * 22 * MM, baseline, 0.3, marks.GREY)]
    for angle in SLANTS:
        run = length * math.cos(math.radians(angle))
        rise = length * math.sin(math.radians(angle))
        items.append(Line(x, baseline, x + run, baseline - rise, 0.8, BLACK))
        items.append(
            Text(x - 3, baseline + 11, f"{angle}°", FONT, marks.NOTE_SIZE, marks.GREY, "calibration")
        )
        x += 22 * MM
    return items


def calibration_sheet(paper: Paper, pangram: str = PANGRAM) -> Document:
    """One page: steps, the sentence to copy, the writing box, x-height bands, a slant fan, the
    registration marks and the check bar; all ink inside the printable area."""
    geometry = sheet_geometry(paper)
    width, height = geometry.width, geometry.height
    text_width = width - 2 * TEXT_LEFT
    items: list[Item] = [
        Text(TEXT_LEFT, PRINTER_MARGIN + 20, "Handwriting calibration", FONT, 14, BLACK, "calibration")
    ]
    y = PRINTER_MARGIN + 44
    for step in _steps(pangram):
        for line in marks.wrap_note(step, text_width, 9.0):
            items.append(Text(TEXT_LEFT, y, line, FONT, 9.0, BLACK, "calibration"))
            y += 12
        y += 4
    bx, by, bw, bh = geometry.box
    items.append(Text(bx, by - 8, pangram, FONT, 12, BLACK, "calibration"))
    items.append(Rect(bx, by, bw, bh, stroke=LIGHT_BLUE, width=0.8))
    items.append(Line(bx + 4 * MM, by + BOX_BASELINE, bx + bw - 4 * MM, by + BOX_BASELINE, 0.4, LIGHT_BLUE))
    y = by + bh + 28
    items.append(
        Text(bx, y, "Your x-height: which band do your small letters fill?", FONT, 9.0, BLACK, "calibration")
    )
    items += _bands(bx, y + 14 + 5 * MM)
    y += 14 + 5 * MM + 36
    items.append(
        Text(
            bx,
            y,
            "Your slant: which stroke leans like your upright strokes?",
            FONT,
            9.0,
            BLACK,
            "calibration",
        )
    )
    items += _fan(bx + 4, y + 14 + 12 * MM)
    s = geometry.mark_size
    items += [Rect(cx - s / 2, cy - s / 2, s, s, stroke=None, fill=BLACK) for cx, cy in geometry.marks]
    items += marks.check_bar(*geometry.bar, paper)
    page = Page(width, height, tuple(items), "calibration")
    return Document(title="cardgen handwriting calibration", pages=(page,))
