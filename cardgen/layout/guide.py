"""The handwriting guide sheet: each writing panel used, at 1:1, in one of three modes: `copy` (the
panel with its folds, writing lines and the words in a light tone, line for line), `underlay` (bold
black lines and words to show through the card on a lightbox, optionally mirrored for acetate) or
`ticks` (only a tick at both ends of each line written, to pencil lines from and erase); the words
stand where the card has them (layout/letter.py: indents, blank lines, centred)."""

from __future__ import annotations

from functools import lru_cache

from cardgen.catalog import CardFormat
from cardgen.layout import fitwords, marks
from cardgen.layout.band import Band, band_for
from cardgen.layout.fit import Fit, HandSize
from cardgen.layout.panels import Panel, fold_lines, writing_panels
from cardgen.layout.sheet import centre_on_sheet
from cardgen.layout.trace import TRACE_TONE, cell_rows, margin_ticks, ruling_items, slant_lines, traced_line
from cardgen.model import GuideSpec, Handwriting, Note
from cardgen.scene import (
    BLACK,
    Affine,
    Color,
    Document,
    Group,
    Item,
    Line,
    Page,
    Text,
    compose,
    translate,
)
from cardgen.units import format_mm

EDGE_WIDTH = 0.5
HEADING_SIZE = 9.0
MODE_HINT = {
    "copy": "Copy line for line, or cut out and lay the card over it on a lightbox.",
    "underlay": "Cut out on the marks, lay it under the card on a lightbox or a window and write over it.",
    "ticks": "Pencil a line between each pair of ticks, write, then erase the lines.",
}


OPPOSITE = {"left": "right", "right": "left", "top": "bottom", "bottom": "top"}


def fold_sides(card: CardFormat, panel: Panel) -> set[str]:
    """Which sides of the panel, as it reads upright, are folds of the card (the fold lines stand
    at the same place on both faces of the sheet)."""
    sides = set()
    for x1, y1, x2, _ in fold_lines(card):
        if x1 == x2:
            sides |= {"left"} if abs(x1 - panel.x) < 1e-6 else set()
            sides |= {"right"} if abs(x1 - panel.x - panel.w) < 1e-6 else set()
        else:
            sides |= {"top"} if abs(y1 - panel.y) < 1e-6 else set()
            sides |= {"bottom"} if abs(y1 - panel.y - panel.h) < 1e-6 else set()
    return {OPPOSITE[s] for s in sides} if panel.rotation == 180 else sides


def panel_outline(card: CardFormat, panel: Panel) -> list[Item]:
    """The panel's four edges, its folds dashed and labelled "fold"."""
    w, h = panel.w, panel.h
    edges = {
        "top": (0.0, 0.0, w, 0.0),
        "right": (w, 0.0, w, h),
        "bottom": (0.0, h, w, h),
        "left": (0.0, 0.0, 0.0, h),
    }
    labels = {
        "top": (w / 2 - 6, 8.0),
        "right": (w - 14, h / 2),
        "bottom": (w / 2 - 6, h - 3),
        "left": (3.0, h / 2),
    }
    folds = fold_sides(card, panel)
    items: list[Item] = []
    for side, edge in edges.items():
        items.append(Line(*edge, EDGE_WIDTH, BLACK, (3.0, 2.0) if side in folds else ()))
        if side in folds:
            items.append(Text(*labels[side], "fold", marks.NOTE_FONT, 6.0, marks.GREY, "note"))
    return items


def panel_guide(note: Note, panel: Panel, fit: Fit, band: Band) -> tuple[list[Item], list[Item]]:
    """The panel's guide in panel coordinates: its grid (outline, line system, slant lines: the same
    for every recipient) and its share of the message where the card has it, as the guide's mode
    and tracing style say (in `ticks` mode a tick at both ends of each line written, the left one
    where the line starts)."""
    spec, hand, size = note.guide, note.handwriting, fit.size
    x, y, w, _ = panel.writing_area()
    grid = list(panel_grid(note.card.format, panel, spec, hand, size, fit.lines_per_panel, band))
    written = [(baseline, row) for baseline, row in fit.placed(panel.name, y) if row.text]
    words: list[Item] = []
    if spec.mode == "ticks":
        for baseline, row in written:
            start = x if row.rtl else x + row.indent
            words += margin_ticks(start, w - row.indent, [baseline], size.x_height)
        return grid, words
    if spec.trace == "none":
        return grid, words
    color = BLACK if spec.mode == "underlay" else TRACE_TONE
    for baseline, row in written:
        words += _traced_line(
            x if row.rtl else x + row.indent,
            baseline,
            row.text,
            hand.font,
            size.x_height,
            size.width,
            color,
            spec,
            w - row.indent,
            row.rtl,
        )
    return grid, words


@lru_cache(maxsize=1024)  # recipients' messages share most of their lines
def _traced_line(
    x: float,
    baseline: float,
    text: str,
    font: str,
    x_height: float,
    hscale: float,
    color: Color,
    guide: GuideSpec,
    max_width: float,
    rtl: bool,
) -> tuple[Item, ...]:
    return tuple(traced_line(x, baseline, text, font, x_height, hscale, color, guide, max_width, rtl))


@lru_cache(maxsize=16)  # the same for every recipient of a run
def panel_grid(
    card: CardFormat, panel: Panel, spec: GuideSpec, hand: Handwriting, size: HandSize, lines: int, band: Band
) -> tuple[Item, ...]:
    """The panel's outline and, unless in ticks mode, its line system and slant lines: for text in
    Chinese, Japanese or Korean a row of square cells on each baseline instead; the mean line at
    the script's letter height for Hebrew, Arabic, Devanagari."""
    x, y, w, _ = panel.writing_area()
    baselines = [y + (i + 1) * size.line_spacing for i in range(lines)]
    items: list[Item] = panel_outline(card, panel)
    if spec.mode == "ticks":
        return tuple(items)
    scale = size.x_height / hand.x_height  # print mode may have shrunk the hand
    bold = spec.mode == "underlay"
    if band.cell:
        return tuple(items + cell_rows(x, w, baselines, band, bold))
    mean, ascender, descender = band.lines(size.x_height, hand.ascender * scale, hand.descender * scale)
    items += ruling_items(x, w, baselines, mean, ascender, descender, spec.ruling, bold)
    if hand.slant:
        items += slant_lines(x, y, w, lines * size.line_spacing, hand.slant)
    return tuple(items)


def panel_groups(grid: list[Item], words: list[Item], place: Affine, name: str) -> tuple[Group, Group]:
    """The panel's grid (the same for every recipient: shared) and its words, placed on the page."""
    return Group(tuple(grid), place, name, shared=True), Group(tuple(words), place, name)


def guide_document(note: Note, fit: Fit, number: int | None = None) -> Document:
    """One Letter/A4 page per panel the message uses, in reading order; `number`: the recipient's
    place in a run, printed in the heading to tie the guide to its card and envelope."""
    paper = note.print.paper
    by_name = {p.name: p for p in writing_panels(note.card.format, note.card.panels)}
    hand = fit.size
    words = " ".join(row.text for rows in fit.rows for row in rows)
    band = band_for(words, note.handwriting.font, hand.x_height, hand.width)
    pages = []
    for index, (name, rows) in enumerate(zip(fit.panels, fit.rows, strict=True), start=1):
        panel = by_name[name]
        page_w, page_h, x0, y0 = centre_on_sheet(panel.w, panel.h, paper, f"The {name} panel")
        of = f" ({index} of {len(fit.panels)})" if len(fit.panels) > 1 else ""
        tag = f"#{number} " if number else ""
        card_name = note.card.format.short_label
        mirrored = ", MIRRORED for acetate" if note.guide.mode == "underlay" and note.guide.mirror else ""
        heading = f"{tag}Handwriting guide for {note.recipient.name}: {name} panel{of}, {card_name}{mirrored}"
        detail = (
            f"{band.describe()}, lines {format_mm(hand.line_spacing)} apart, "
            f"{len(rows)} of {fit.lines_per_panel} lines used. {MODE_HINT[note.guide.mode]}"
        )
        if not fit.fits and index == len(fit.panels):
            over = fit.lines_needed - fit.lines_available
            detail = f"{fitwords.guide_overflow(over)}: run `cardgen check` for what would. " + detail
        notes = [(heading, HEADING_SIZE, BLACK, "heading"), (detail, marks.NOTE_SIZE, marks.GREY, "note")]
        language = note.handwriting.font.partition("@")[2]  # the message's (kit.py)
        bands = marks.margin_bands(page_w, page_h, (x0, y0, panel.w, panel.h), paper, notes, language)
        place = translate(x0, y0)
        if mirrored:
            place = compose(place, (-1.0, 0.0, 0.0, 1.0, panel.w, 0.0))
        items: list[Item] = [
            *bands.items,
            *panel_groups(*panel_guide(note, panel, fit, band), place, name),
            *marks.cut_marks(x0, y0, panel.w, panel.h, bands.room),
        ]
        pages.append(Page(page_w, page_h, tuple(items), name))
    return Document(title=f"Handwriting guide for {note.recipient.name}", pages=tuple(pages))
