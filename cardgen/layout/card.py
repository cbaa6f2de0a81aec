"""The card: its faces' panels (front design, writing panels), imposed on home sheets (several to a
sheet, duplex or manual duplex, printer offsets) or on print-shop pages (trim and bleed boxes, crop
marks, one card per page or n-up on a press sheet)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from cardgen.catalog import CardFormat
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.layout import impose, marks
from cardgen.layout.fit import Fit
from cardgen.layout.fronts import front_items
from cardgen.layout.impose import Grid
from cardgen.layout.panels import Panel, card_panels, faces, fold_lines, inside_to_outside
from cardgen.layout.printcheck import print_check_pages
from cardgen.layout.sheet import PRINTER_MARGIN, duplex_flip, duplex_label, sheet_size
from cardgen.layout.text import line_start, set_line
from cardgen.model import Note, PrintSpec
from cardgen.pdfx import pdfx_of
from cardgen.scene import (
    BLACK,
    REGISTRATION,
    Affine,
    Box,
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
from cardgen.units import IN, MM

if TYPE_CHECKING:
    from cardgen.images import Photo

PEN_INK: Color = (0.10, 0.15, 0.35)  # print mode: a blue-black like a fountain pen
RULE_WIDTH = 0.35  # ruled = true: lines to write on directly, light but solid (PRINT_RULES), not a grey
RULE_TONE: Color = (0.55, 0.66, 0.82)  # tint of black, which a printer halftones into dots: a pale grey-blue
PRESS_SHEETS = {"12x18": (12 * IN, 18 * IN), "sra3": (320 * MM, 450 * MM)}
CROP_GAP = 3.0  # between the bleed edge and a crop mark
CROP_WIDTH = 0.25
SLUG_SIZE = 6.0


@dataclass(frozen=True)
class CardFaces:
    """One card's faces in flat-sheet coordinates (each a tuple of groups, one per panel, labelled
    with the panel's name), and what the user should hear about them."""

    outside: tuple[Item, ...]
    inside: tuple[Item, ...]
    warnings: tuple[str, ...] = ()


def writing_items(note: Note, panel: Panel, fit: Fit) -> list[Item]:
    """The writing panel: the message in the handwriting font (print mode), or rules, or nothing."""
    x, y, w, _ = panel.writing_area()
    items: list[Item] = []
    if note.card.ruled and note.card.message == "handwrite":
        items += [Line(x, b, x + w, b, RULE_WIDTH, RULE_TONE) for b in fit.baselines(y)]
    if note.card.message == "print":
        size = fit.size.font_size(metrics(note.handwriting.font))
        font, hscale = note.handwriting.font, fit.size.width
        for baseline, row in fit.placed(panel.name, y):
            if row.text:
                width = metrics(font).width(row.text, size) * hscale if row.rtl else 0.0
                start = line_start(x, w, row.indent, width, row.rtl)
                items += set_line(start, baseline, row.text, font, size, PEN_INK, "message", hscale, row.rtl)
    return items


def message_pages(note: Note, fit: Fit) -> list[Page]:
    """The message on each writing panel it uses, on a page the panel's size (what a pen plotter
    writes on a blank card), whatever the card's message mode."""
    written = replace(note, card=replace(note.card, message="print", ruled=False))
    by_name = {p.name: p for p in card_panels(note.card.format)}
    return [
        Page(by_name[name].w, by_name[name].h, tuple(writing_items(written, by_name[name], fit)), name)
        for name in fit.panels
    ]


def art_box(note: Note, panel: Panel) -> Box:
    """Where a front's background art goes, in panel coordinates: at a print shop the panel grown
    by the bleed on every side that is a trim edge (not a fold); at home the panel inset by the
    printer margin, since home printers cannot print to a cut edge."""
    if note.print.target == "home":
        return (PRINTER_MARGIN, PRINTER_MARGIN, panel.w - 2 * PRINTER_MARGIN, panel.h - 2 * PRINTER_MARGIN)
    flat_w, flat_h = note.card.format.flat_size
    bleed = note.print.bleed
    grow_left = bleed if panel.x < 0.01 else 0.0
    grow_top = bleed if panel.y < 0.01 else 0.0
    grow_right = bleed if panel.x + panel.w > flat_w - 0.01 else 0.0
    grow_bottom = bleed if panel.y + panel.h > flat_h - 0.01 else 0.0
    if panel.rotation == 180:
        grow_left, grow_top, grow_right, grow_bottom = grow_right, grow_bottom, grow_left, grow_top
    return (-grow_left, -grow_top, panel.w + grow_left + grow_right, panel.h + grow_top + grow_bottom)


def card_faces(note: Note, fit: Fit, photo: Photo | None = None) -> CardFaces:
    """Both faces of one recipient's flat card."""
    by_face: dict[str, list[Item]] = {"outside": [], "inside": []}
    warnings: list[str] = []
    for panel in card_panels(note.card.format):
        items: list[Item] = []
        if panel.name == "front":
            where = "card.image"
            items, warning = front_items(
                note.card, panel.w, panel.h, art_box(note, panel), photo, note.print.target, where
            )
            warnings += [warning] if warning else []
        elif panel.name in fit.panels:
            items = writing_items(note, panel, fit)
        by_face[panel.face].append(Group(tuple(items), panel.transform, panel.name))
    return CardFaces(tuple(by_face["outside"]), tuple(by_face["inside"]), tuple(warnings))


def home_notes(fold: str, duplex: str, count: int, cut: bool = True) -> list[marks.MarginNote]:
    """The print instruction on a home card sheet (`cut`: whether the cards are cut from it)."""
    sheet = f"{count} cards per sheet; " if count > 1 else ""
    if fold == "quarter":
        steps = [f"{sheet}print one side at 100 % (Actual size)"]
    elif duplex == "manual":
        steps = [
            f"{sheet}print this file at 100 % (Actual size), put the sheets back in the tray turned over on "
            "their long edge, then print the backs file"
        ]
    else:
        steps = [f"{sheet}print both sides at 100 % (Actual size), {duplex_label(duplex)}"]
    steps += ["cut on the marks"] if cut else []
    steps += {
        "side": ["fold on the dashed marks, printed side out" if cut else "fold in half, printed side out"],
        "top": ["fold on the dashed marks, printed side out, the front below the fold"],
        "quarter": [
            "fold the top half back behind the bottom half, then the left half back behind the right"
        ],
    }.get(fold, [])
    return [("; ".join(steps) + ".", marks.NOTE_SIZE, marks.GREY, "note")]


def card_grid(note: Note) -> Grid:
    """Where the cards go on each sheet (home paper, a shop's one-card page or a press sheet)."""
    grid = _card_grid(note.card.format, note.print)
    if grid is None:
        card = note.card.format
        flat_w, flat_h = card.flat_size
        sheet = f"a {note.print.sheet} press sheet" if note.print.target == "shop" else note.print.paper.label
        raise InputError(
            f"the {card.short_label} ({flat_w / IN:.3g} × {flat_h / IN:.3g} in flat) does "
            f"not fit on {sheet} with room for its marks; choose a smaller format or a larger paper",
            key="card.format",
        )
    return grid


@lru_cache(maxsize=16)  # the same for every sheet of a run
def _card_grid(card: CardFormat, spec: PrintSpec) -> Grid | None:
    flat_w, flat_h = card.flat_size
    if spec.target == "shop":
        margin = _shop_margin(spec)
        if spec.sheet == "card":
            return Grid(flat_w + 2 * margin, flat_h + 2 * margin, flat_w, flat_h, 1, 1, margin, margin)
        short, long = PRESS_SHEETS[spec.sheet]
        grid = impose.best_grid(
            flat_w,
            flat_h,
            [(short, long), (long, short)],
            lambda w, h: (margin, margin, w - 2 * margin, h - 2 * margin),
            gutter=2 * spec.bleed,
        )
        return grid
    paper = spec.paper
    notes = home_notes(card.fold, spec.duplex, 99)
    portrait, landscape = sheet_size(paper, False), sheet_size(paper, True)
    sheets = [landscape, portrait] if flat_w > flat_h else [portrait, landscape]
    if card.fold != "quarter":

        def area(page_w: float, page_h: float) -> Box:
            top, bottom = marks.free_band(page_w, page_h, notes)
            edge = PRINTER_MARGIN + impose.MARK_MIN
            return (edge, top + impose.MARK_MIN, page_w - 2 * edge, bottom - top - 2 * impose.MARK_MIN)

        grid = impose.best_grid(flat_w, flat_h, sheets, area, limit=spec.per_sheet or None)
        if grid is not None:
            return grid
    for width, height in sheets:  # the card is the whole sheet (to within 3 mm): printed, not cut
        if 0 <= width - flat_w < 3 * MM and 0 <= height - flat_h < 3 * MM:
            return Grid(width, height, flat_w, flat_h, 1, 1, (width - flat_w) / 2, (height - flat_h) / 2)
    return None


def _shop_margin(spec: PrintSpec) -> float:
    """From the trim edge to the page edge of a shop page: the bleed, and room for crop marks."""
    return spec.bleed + (CROP_GAP + impose.MARK_LENGTH + CROP_GAP if spec.crop_marks else 0.0)


def card_document(note: Note, cards: list[CardFaces], lead: bool = True) -> Document:
    """The cards on sheets, in order: each sheet's outside page then its inside page (none for a
    quarter fold). Places left on the last sheet get spare copies of the last card. With `lead`, a
    card that is the whole sheet starts with its print check (layout/printcheck.py)."""
    grid = card_grid(note)
    shop = note.print.target == "shop"
    pages: list[Page] = list(_print_check(note, grid)) if lead else []
    for start in range(0, len(cards), grid.count):
        batch = cards[start : start + grid.count]
        batch += [batch[-1]] * (grid.count - len(batch))
        pages += _shop_sheet(note, grid, batch) if shop else _home_sheet(note, grid, batch)
    return Document(
        title=f"Card for {note.recipient.name}",
        pages=tuple(pages),
        duplex=None if note.duplex == "manual" else note.duplex,
        print_scaling_none=not shop,
        cmyk=shop and note.print.colors == "cmyk",
        pdfx=pdfx_of(note),
    )


def _print_check(note: Note, grid: Grid) -> tuple[Page, ...]:
    """A home card that is the whole sheet has no margin for its notes and check bar: they go on a
    page of their own, to print on plain paper first (the card stays clean: its back cover is seen)."""
    card = note.card.format
    if note.print.target == "shop" or not whole_sheet(grid):
        return ()
    steps = home_notes(card.fold, note.print.duplex, grid.count, cut=False)[0][0]
    two_sided = len(faces(card)) == 2
    rest_from = 3 if two_sided and note.print.duplex != "manual" else 2
    return print_check_pages(card, note.print.paper, grid.page_w, grid.page_h, steps, rest_from)


def _faces_on(
    note: Note, grid: Grid, batch: list[CardFaces], behind: Affine
) -> tuple[tuple[Group, ...], tuple[Group, ...]]:
    """The batch's outside faces on the first page and inside faces on the second, each card's
    inside placed behind its outside through `behind` (the duplex flip of the sheet)."""
    to_outside = inside_to_outside(note.card.format)
    outside = tuple(Group(c.outside, grid.slot(i), "card", shared=True) for i, c in enumerate(batch))
    inside = tuple(
        Group(c.inside, compose(behind, compose(grid.slot(i), to_outside)), "card")
        for i, c in enumerate(batch)
    )
    return outside, inside


def _home_sheet(note: Note, grid: Grid, batch: list[CardFaces]) -> list[Page]:
    card = note.card.format
    flat_duplex = (
        "long" if note.print.duplex == "manual" else note.print.duplex
    )  # a backs file is turned on its long edge
    outside, inside = _faces_on(note, grid, batch, duplex_flip(grid.page_w, grid.page_h, flat_duplex))
    instruction = home_notes(card.fold, note.print.duplex, grid.count, cut=not whole_sheet(grid))
    guides: list[Item] = []  # a card that is the whole sheet: its notes are on its print check
    if not whole_sheet(grid):
        bands = marks.margin_bands(grid.page_w, grid.page_h, grid.block, note.print.paper, instruction)
        guides = [
            *bands.items,
            *impose.cut_marks(grid, bands.room),
            *impose.fold_marks(grid, fold_lines(card), bands.room),
        ]
    printer = note.print.printer
    offsets = printer.offsets(grid.page_w > grid.page_h, flat_duplex) if printer else None
    front_shift, back_shift = (translate(-dx, -dy) for dx, dy in offsets) if offsets else (None, None)
    names = side_names(card)
    pages = [_page(grid, (*outside, *guides), names[0], front_shift)]
    if "inside" in faces(card):
        pages.append(_page(grid, inside, names[1], back_shift))
    return pages


def whole_sheet(grid: Grid) -> bool:
    """Whether the card covers the sheet (it is printed on the paper as it is, not cut out)."""
    _, _, width, height = grid.block
    return width > grid.page_w - 2 * PRINTER_MARGIN and height > grid.page_h - 2 * PRINTER_MARGIN


def side_names(card: CardFormat) -> tuple[str, str]:
    """What the two sides of a card's sheet are called on its pages."""
    return ("outside", "inside") if card.fold != "none" else ("front", "back")


def _page(grid: Grid, items: tuple[Item, ...], label: str, shift: Affine | None, **boxes: Box) -> Page:
    """A page of the grid's size; `shift` moves everything on it (a printer's measured offset)."""
    if shift is not None:
        items = (Group(items, shift, "printer offset"),)
    return Page(grid.page_w, grid.page_h, items, label, **boxes)


def _shop_sheet(note: Note, grid: Grid, batch: list[CardFaces]) -> list[Page]:
    """A shop page: each side as seen from its own face, the second turned over on its left-right
    axis (the shop's work-and-turn), with trim and bleed boxes, crop and fold marks outside the bleed."""
    card = note.card.format
    spec = note.print
    mirror = (-1.0, 0.0, 0.0, 1.0, grid.page_w, 0.0)
    outside, inside = _faces_on(note, grid, batch, mirror)
    bx, by, bw, bh = grid.block
    bleed = spec.bleed
    boxes = {"trim": grid.block, "bleed": (bx - bleed, by - bleed, bw + 2 * bleed, bh + 2 * bleed)}
    guides: list[Item] = []
    if spec.crop_marks:
        room = (bx, by, grid.page_w - bx - bw, grid.page_h - by - bh)
        offset = bleed + CROP_GAP
        printed = impose.cut_marks(grid, room, offset) + impose.fold_marks(
            grid, fold_lines(card), room, offset
        )
        guides += [m._replace(color=REGISTRATION, width=CROP_WIDTH) for m in printed]
        flat_w, flat_h = card.flat_size
        slug = f"{card.short_label}: trim {flat_w / IN:.4g} × {flat_h / IN:.4g} in, bleed {bleed / IN:.4g} in"
        guides.append(
            Text(bx + 24, by + bh + offset + SLUG_SIZE + 2, slug, marks.NOTE_FONT, SLUG_SIZE, BLACK, "slug")
        )
    names = side_names(card)
    pages = [_page(grid, (*outside, *guides), names[0], None, **boxes)]
    if "inside" in faces(card):
        pages.append(_page(grid, (*inside, *guides), names[1], None, **boxes))
    return pages


def fronts_and_backs(document: Document) -> tuple[Document, Document]:
    """Manual duplex: a document's odd pages (fronts) and even pages (backs) as two documents."""
    return (
        replace(document, pages=document.pages[0::2], title=document.title + " (fronts)"),
        replace(document, pages=document.pages[1::2], title=document.title + " (backs)"),
    )
