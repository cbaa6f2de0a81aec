"""The print check of a card that is the whole sheet (layout.card.whole_sheet): a page of its own before
the cards, to print on plain paper first, with the print and fold steps, a diagram of the sheet's
panels and the 100 % check bar, so that the card itself carries nothing but the card."""

from __future__ import annotations

from cardgen.catalog import CardFormat, Paper
from cardgen.fonts import metrics
from cardgen.layout import marks
from cardgen.layout.panels import card_panels, faces, fold_lines
from cardgen.scene import BLACK, Item, Line, Page, Rect, Text

DIAGRAM_SCALE = 0.4
DIAGRAM_GAP = 36.0  # between the two faces' diagrams
LABEL_SIZE = 7.0
CHECK_LABELS = ("print check", "print check back")  # the pages' labels


def print_check_pages(
    card: CardFormat, paper: Paper, page_w: float, page_h: float, steps: str, rest_from: int
) -> tuple[Page, ...]:
    """The print check page (and for a two-sided card a blank back, so the cards' sheets keep their
    two sides); `steps`: how to print and fold, `rest_from`: the file's first page of cards."""
    heading = (
        f"Print check for the {card.short_label}: print this page on plain paper first and measure the "
        f"bar below; then print the file from page {rest_from} on card stock."
    )
    why = "The card is the whole sheet, so these notes are here and not on it; nothing is cut."
    notes: list[marks.MarginNote] = [
        (heading, 9.0, BLACK, "heading"),
        (steps, marks.NOTE_SIZE, marks.GREY, "note"),
        (why, marks.NOTE_SIZE, marks.GREY, "note"),
    ]
    sides = faces(card)
    flat_w, flat_h = (v * DIAGRAM_SCALE for v in card.flat_size)
    width = len(sides) * flat_w + (len(sides) - 1) * DIAGRAM_GAP
    top, bottom = marks.free_band(page_w, page_h, notes)
    x0, y0 = (page_w - width) / 2, (top + bottom - flat_h) / 2
    bands = marks.margin_bands(page_w, page_h, (x0, y0 - 14, width, flat_h + 14), paper, notes)
    items: list[Item] = list(bands.items)
    for index, face in enumerate(sides):
        caption = (
            "the printed side" if len(sides) == 1 else f"the {face} (page {rest_from + index}) as it reads"
        )
        items += face_diagram(card, face, x0 + index * (flat_w + DIAGRAM_GAP), y0, caption)
    pages = [Page(page_w, page_h, tuple(items), CHECK_LABELS[0])]
    if len(sides) == 2:
        back = "The back of the print check sheet: left blank."
        pages.append(Page(page_w, page_h, (_label(page_w / 2, page_h / 2, back),), CHECK_LABELS[1]))
    return tuple(pages)


def face_diagram(card: CardFormat, face: str, x: float, y: float, caption: str) -> list[Item]:
    """One face of the flat sheet drawn small at (x, y): its panels named where they print (a panel
    printed upside down says so), its folds dashed, a caption above."""
    s = DIAGRAM_SCALE
    flat_w, flat_h = card.flat_size
    items: list[Item] = [Rect(x, y, flat_w * s, flat_h * s, stroke=BLACK, width=0.5)]
    items += [
        Line(x + x1 * s, y + y1 * s, x + x2 * s, y + y2 * s, 0.5, BLACK, (3.0, 2.0))
        for x1, y1, x2, y2 in fold_lines(card)
    ]
    for panel in (p for p in card_panels(card) if p.face == face):
        name = panel.name + (" (upside down)" if panel.rotation == 180 else "")
        items.append(_label(x + (panel.x + panel.w / 2) * s, y + (panel.y + panel.h / 2) * s, name))
    items.append(_label(x + flat_w * s / 2, y - 6, caption))
    return items


def _label(centre_x: float, baseline: float, text: str) -> Text:
    width = metrics(marks.NOTE_FONT).width(text, LABEL_SIZE)
    return Text(centre_x - width / 2, baseline, text, marks.NOTE_FONT, LABEL_SIZE, marks.GREY, "note")
