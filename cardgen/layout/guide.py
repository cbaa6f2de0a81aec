"""The handwriting guide sheet: each writing panel used, at 1:1, with writing lines and the message."""

from __future__ import annotations

import math

from cardgen.fonts import metrics
from cardgen.layout import marks
from cardgen.layout.fit import Fit
from cardgen.layout.panels import Panel, writing_panels
from cardgen.layout.sheet import centre_on_sheet
from cardgen.layout.text import set_line
from cardgen.model import Note
from cardgen.scene import BLACK, Affine, Color, Document, Group, Item, Line, Page, Rect, Text, translate
from cardgen.units import MM, format_mm

TRACE_TONE: Color = (0.42, 0.62, 0.92)  # a light, solid blue: reads through, copies cleanly
BASELINE_WIDTH = 0.5
XLINE_WIDTH = 0.3
SLANT_WIDTH = 0.2
SLANT_SPACING = 8 * MM  # between slant lines, measured square to them
HEADING_SIZE = 9.0


def slant_lines(x: float, y: float, w: float, h: float, angle: float) -> list[Line]:
    """Parallel lines at `angle` degrees from the baseline, rising to the right, clipped to the box.
    Over a height dy a slant line runs dx = dy / tan(angle)."""
    run = h / math.tan(math.radians(angle))
    step = SLANT_SPACING / math.sin(math.radians(angle))  # along the baseline, for SLANT_SPACING square
    lines = []
    start = x - run
    while start < x + w:
        # t in [0, 1] from the bottom (start, y + h) to the top (start + run, y)
        t0 = max(0.0, (x - start) / run) if run > 0 else 0.0
        t1 = min(1.0, (x + w - start) / run) if run > 0 else 1.0
        if t1 > t0:
            lines.append(
                Line(start + t0 * run, y + h - t0 * h, start + t1 * run, y + h - t1 * h, SLANT_WIDTH, BLACK)
            )
        start += step
    return lines


def panel_guide(note: Note, panel: Panel, lines: tuple[str, ...], fit: Fit) -> list[Item]:
    """The panel's writing lines and its share of the message, in panel coordinates."""
    font = metrics(note.handwriting.font)
    x, y, w, _ = panel.writing_area()
    size = fit.size
    font_size = size.font_size(font)
    items: list[Item] = [Rect(0, 0, panel.w, panel.h, BLACK, None, 0.5)]
    if note.handwriting.slant:
        items += slant_lines(x, y, w, fit.lines_per_panel * size.line_spacing, note.handwriting.slant)
    for i, baseline in enumerate(fit.baselines(y)):
        mean = baseline - size.x_height
        items.append(Line(x, baseline, x + w, baseline, BASELINE_WIDTH, BLACK))
        items.append(Line(x, mean, x + w, mean, XLINE_WIDTH, BLACK, dash=(1.5, 2.5)))
        if i < len(lines):
            font_key = note.handwriting.font
            items += set_line(x, baseline, lines[i], font_key, font_size, TRACE_TONE, "message", size.width)
    return items


def panel_groups(items: list[Item], place: Affine, name: str) -> tuple[Group, Group]:
    """The panel's grid (the same for every recipient: shared) and its text, placed on the page."""
    grid = tuple(i for i in items if not isinstance(i, Text))
    text = tuple(i for i in items if isinstance(i, Text))
    return Group(grid, place, name, shared=True), Group(text, place, name)


def guide_document(note: Note, fit: Fit, number: int | None = None) -> Document:
    """One Letter/A4 page per panel the message uses, in writing order; `number`: the recipient's
    place in a run, printed in the heading to tie the guide to its card and envelope."""
    paper = note.print.paper
    by_name = {p.name: p for p in writing_panels(note.card.format, note.card.panels)}
    hand = fit.size
    pages = []
    for index, (name, lines) in enumerate(zip(fit.panels, fit.lines, strict=True), start=1):
        panel = by_name[name]
        page_w, page_h, x0, y0 = centre_on_sheet(panel.w, panel.h, paper, f"The {name} panel")
        of = f" ({index} of {len(fit.panels)})" if len(fit.panels) > 1 else ""
        tag = f"#{number} " if number else ""
        card_name = note.card.format.short_label
        heading = f"{tag}Handwriting guide for {note.recipient.name}: {name} panel{of}, {card_name}"
        detail = (
            f"x-height {format_mm(hand.x_height)}, lines {format_mm(hand.line_spacing)} apart, "
            f"{len(lines)} of {fit.lines_per_panel} lines used. "
            "Copy line for line, or cut out and lay the card over it on a lightbox."
        )
        if not fit.fits and index == len(fit.panels):
            over = fit.lines_needed - fit.lines_available
            detail = f"{over} more lines do not fit: run `cardgen check` for what would. " + detail
        notes = [(heading, HEADING_SIZE, BLACK, "heading"), (detail, marks.NOTE_SIZE, marks.GREY, "note")]
        bands = marks.margin_bands(page_w, page_h, (x0, y0, panel.w, panel.h), paper, notes)
        items: list[Item] = [
            *bands.items,
            *panel_groups(panel_guide(note, panel, lines, fit), translate(x0, y0), name),
            *marks.cut_marks(x0, y0, panel.w, panel.h, bands.room),
        ]
        pages.append(Page(page_w, page_h, tuple(items), name))
    return Document(title=f"Handwriting guide for {note.recipient.name}", pages=tuple(pages))
