"""Practice sheets: any text traced on a line system over as many Letter/A4 pages as it takes,
optionally rehearsed (each line traced, then faint, then blank), never breaking a word or a
rehearsal group across lines or pages."""

from __future__ import annotations

from cardgen.catalog import Paper
from cardgen.direction import rtl_paragraph
from cardgen.errors import InputError
from cardgen.fonts import FontMetrics, metrics
from cardgen.layout import marks
from cardgen.layout.band import band_for
from cardgen.layout.fit import HandSize, Widths, wrap_paragraphs
from cardgen.layout.sheet import PRINTER_MARGIN, sheet_size
from cardgen.layout.trace import TRACE_TONE, ruling_items, slant_lines, traced_line
from cardgen.model import GuideSpec, Handwriting
from cardgen.scene import BLACK, Color, Document, Group, Item, Page
from cardgen.strokes import STRAIGHT, stroke_font
from cardgen.units import IN
from cardgen.wording import paragraphs

FAINT_TONE: Color = (0.78, 0.85, 0.96)  # a second, lighter pass: still solid, not a tint
SIDE_MARGIN = PRINTER_MARGIN + 0.35 * IN
HEADING_SIZE = 10.0

Row = tuple[str, Color, bool] | None  # text, its tone and right to left?, or a blank line to write on


class InkWidths:
    """A font's widths counting the ink that the first and last letters put outside their advance
    boxes, so that a line wrapped to a width stays inside it by its ink, not only by its advances."""

    def __init__(self, font: FontMetrics) -> None:
        self.font, self.x_height = font, font.x_height

    def width(self, text: str, size: float) -> float:
        """The line's ink width at `size` points."""
        if not text:
            return 0.0
        return (
            self.font.width(text, size)
            + (self.font.ink_sides(text[0])[0] + self.font.ink_sides(text[-1])[1]) * size
        )


def ink_left(line: str, hand: Handwriting) -> float:
    """How far right of the ruling's start a line is set so its first letter's ink starts on it."""
    font = metrics(hand.font)
    return font.ink_sides(line[0])[0] * hand.x_height / font.x_height * hand.width if line else 0.0


def practice_rows(
    text: str, hand: Handwriting, width: float, rehearse: bool, guide: GuideSpec | None = None
) -> list[list[Row]]:
    """The text wrapped at the writer's size into groups of rows kept together on a page: each line
    (with `rehearse`: traced, faint, blank), and a blank row between paragraphs. Dotted letters are
    wrapped with the single-stroke font's own widths."""
    size = HandSize(hand.x_height, hand.line_spacing, hand.width)
    font: Widths = InkWidths(metrics(hand.font))
    if guide is not None and guide.trace == "dots":
        font = stroke_font(guide.stroke_font)
        text = text.translate(STRAIGHT)
    groups: list[list[Row]] = []
    sources = paragraphs(text.strip())
    for index, paragraph in enumerate(wrap_paragraphs(text.strip(), font, size, width)):
        if index:
            groups.append([None])
        rtl = rtl_paragraph(" ".join(sources[index]))  # a paragraph's direction, not each line's
        for line in paragraph:
            traced = (line, TRACE_TONE, rtl)
            groups.append([traced, (line, FAINT_TONE, rtl), None] if rehearse else [traced])
    return groups


def tracing_document(
    text: str, paper: Paper, hand: Handwriting, guide: GuideSpec, rehearse: bool = False, title: str = ""
) -> Document:
    """The practice pages: a heading, the line system filling the page, the text's rows from the
    top, slant lines when the hand has a slant, and the 100 % check bar."""
    page_w, page_h = sheet_size(paper, landscape=False)
    x, width = SIDE_MARGIN, page_w - 2 * SIDE_MARGIN
    band = band_for(text, hand.font, hand.x_height, hand.width)  # Devanagari to its headline, ...
    described = f"{band.describe()}, lines {hand.line_spacing / IN * 25.4:.1f} mm apart"
    heading = (title or "Handwriting practice") + f" — {guide.ruling} ruling, {described}"
    notes: list[marks.MarginNote] = [(heading, HEADING_SIZE, BLACK, "heading")]
    top, bottom = marks.free_band(page_w, page_h, notes)
    first = top + max(hand.ascender, hand.x_height) + 6
    per_page = int((bottom - hand.descender - first) // hand.line_spacing) + 1
    if per_page < 3:
        raise InputError(
            f"lines {hand.line_spacing / IN * 25.4:.1f} mm apart leave fewer than three to a page; "
            "choose a smaller nib, x-height or line spacing"
        )
    pages_rows: list[list[Row]] = [[]]
    for group in practice_rows(text, hand, width, rehearse, guide):
        if len(pages_rows[-1]) + len(group) > per_page:
            pages_rows.append([])
        pages_rows[-1].extend(group if pages_rows[-1] or group != [None] else [])
    pages = []
    for number, rows in enumerate(pages_rows, start=1):
        baselines = [first + i * hand.line_spacing for i in range(per_page)]
        mean, ascender, descender = band.lines(hand.x_height, hand.ascender, hand.descender)
        grid: list[Item] = ruling_items(x, width, baselines, mean, ascender, descender, guide.ruling)
        if hand.slant:
            span_top = baselines[0] - hand.ascender
            grid += slant_lines(x, span_top, width, baselines[-1] - span_top, hand.slant)
        words: list[Item] = []
        for baseline, row in zip(baselines, rows, strict=False):
            if row is not None:
                line, tone, rtl = row
                indent = ink_left(line, hand) if guide.trace != "dots" and not rtl else 0.0
                words += traced_line(
                    x + indent, baseline, line, hand.font, hand.x_height, hand.width, tone, guide, width, rtl
                )
        of = f" (page {number} of {len(pages_rows)})" if len(pages_rows) > 1 else ""
        page_notes: list[marks.MarginNote] = [(heading + of, HEADING_SIZE, BLACK, "heading")]
        block = (x, baselines[0] - hand.ascender, width, baselines[-1] - baselines[0] + hand.ascender)
        bands = marks.margin_bands(page_w, page_h, block, paper, page_notes)
        items = (
            *bands.items,
            Group(tuple(grid), label="ruling", shared=True),
            Group(tuple(words), label="text"),
        )
        pages.append(Page(page_w, page_h, items, f"practice {number}"))
    return Document(title=title or "Handwriting practice", pages=tuple(pages))
