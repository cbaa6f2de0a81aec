"""Square-grid practice sheets for Chinese, Japanese and Korean: a square cell per character, its side
the writer's glyph box, plain or with a dashed centre cross (田字格) or cross and diagonals (米字格);
per character a row of the model, grey copies to trace and empty squares, or the text flowing
through the grid above blank rows; across the page, or down it in columns ordered right to left."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cardgen.catalog import Paper
from cardgen.errors import InputError
from cardgen.fonts import for_language, metrics
from cardgen.layout import marks
from cardgen.layout.cellglyph import CORNER, cell_glyph, fitted_size, glyph_size
from cardgen.layout.sheet import PRINTER_MARGIN, sheet_size
from cardgen.scene import BLACK, Color, Document, Group, Item, Line, Page, Rect
from cardgen.scripts import HAN_BY_LANGUAGE, HAN_LANGUAGES, writing_system
from cardgen.units import IN, MM

CELLS = ("none", "cross", "diagonals")  # the guides inside each square
MODES = ("chars", "text")
CELL_NAMES = {"none": "no guides", "cross": "centre cross", "diagonals": "cross and diagonals"}
SIDE_MARGIN = PRINTER_MARGIN + 0.35 * IN  # as the lined practice sheets
HEADING_SIZE = 10.0
BORDER: Color = (0.55, 0.55, 0.55)  # the squares: light grey
GUIDE: Color = (0.72, 0.72, 0.72)  # the cross and diagonals: lighter, dashed
BORDER_WIDTH, GUIDE_WIDTH = 0.5, 0.35
GUIDE_DASH = (2.0, 1.5)
OUTLINE_TONE: Color = (0.45, 0.45, 0.45)
OUTLINE_WIDTH, OUTLINE_DASH = 0.35, (1.2, 0.8)
FIRST_GREY, LAST_GREY = 0.62, 0.85  # the copies to trace fade from the first to the last
NO_START = frozenset("・：；！？‼⁇ヽヾゝゞ々ー:;!?")  # besides closing punctuation and small kana


@dataclass(frozen=True)
class GridSpec:
    """How a grid sheet is laid out: the square's side in points, its guides, what fills it, the
    direction of writing and the language Han is read in."""

    box: float = 15 * MM
    cell: str = "cross"  # none | cross (田字格) | diagonals (米字格)
    mode: str = "chars"  # chars: a row per character | text: the text flowing, each row above a blank one
    traced: int = 3  # chars: grey copies after the model
    vertical: bool = False  # columns top to bottom, right to left
    rehearse: bool = False  # text: a grey row to trace between the model row and the blank one
    trace: str = "solid"  # solid | outline | none: how the copies to trace are drawn
    language: str = "ja"  # ja | zh | ko


Cell = tuple[str, str, Color, str] | None  # character, font, tone, role; None: an empty square
Strip = list[Cell]  # one row (or column) of squares


def grid_chars(text: str) -> str:
    """The characters a grid sets: whitespace left out (spaces and line breaks take no square)."""
    return "".join(c for c in text if not c.isspace())


def _fonts(paragraph: str, font: str) -> list[tuple[str, str]]:
    """Each non-space character of the paragraph with the font the text engine sets it in, chosen
    in context (a full stop beside kana goes with the kana's font)."""
    return [(c, key) for key, run in metrics(font).runs(paragraph) for c in run if not c.isspace()]


def _tone(index: int, count: int) -> Color:
    grey = FIRST_GREY + (LAST_GREY - FIRST_GREY) * (index / (count - 1) if count > 1 else 0.0)
    return (grey, grey, grey)


def drill_groups(text: str, font: str, along: int, spec: GridSpec) -> list[list[Strip]]:
    """A strip per character (each once, in order; punctuation left out): the model in black,
    `traced` grey copies, then empty squares."""
    seen: dict[str, str] = {}
    for paragraph in text.split("\n"):
        for char, key in _fonts(paragraph, font):
            if not unicodedata.category(char).startswith("P"):
                seen.setdefault(char, key)
    copies = spec.traced if spec.trace != "none" else 0
    groups = []
    for char, key in seen.items():
        strip: Strip = [(char, key, BLACK, "model")]
        strip += [(char, key, _tone(i, copies), "trace") for i in range(copies)]
        groups.append([strip + [None] * (along - len(strip))])
    return groups


def copy_groups(text: str, font: str, along: int, spec: GridSpec) -> list[list[Strip]]:
    """The text flowing through strips, a character to a square (punctuation too), each paragraph
    starting a strip; under each strip (or left of it) a blank one, with `rehearse` a grey one first."""
    groups: list[list[Strip]] = []
    for paragraph in text.split("\n"):
        chars = _fonts(paragraph, font)
        start = 0
        while start < len(chars):
            end = _line_end([c for c, _ in chars], start, along)
            piece, start = chars[start:end], end
            empty: Strip = [None] * (along - len(piece))
            model: Strip = [(c, key, BLACK, "model") for c, key in piece]
            group = [model + empty]
            if spec.rehearse and spec.trace != "none":
                traced: Strip = [(c, key, _tone(0, 1), "trace") for c, key in piece]
                group.append(traced + empty)
            groups.append([*group, [None] * along])
    return groups


def _line_end(chars: list[str], start: int, along: int) -> int:
    """Where a strip of at most `along` squares from `start` ends: earlier than full when the next
    one would start with closing punctuation or a small kana, or this one end with an opening
    bracket (kinsoku: the character before goes on to the next strip with it)."""
    end = min(start + along, len(chars))
    while (
        end < len(chars)
        and end - start > 1
        and (_no_start(chars[end]) or unicodedata.category(chars[end - 1]) in ("Ps", "Pi"))
    ):
        end -= 1
    return end


def _no_start(char: str) -> bool:
    """Whether a strip may not start with the character (closing punctuation, small kana, ー)."""
    return unicodedata.category(char) in ("Pe", "Pf") or char in NO_START or char in CORNER


def strip_lines(x: float, y: float, count: int, box: float, cell: str, vertical: bool) -> list[Item]:
    """One strip of `count` squares from its top-left (x, y): the border, the lines between squares,
    and each square's dashed centre cross (`cross`), or cross and diagonals (`diagonals`)."""
    long = count * box
    w, h = (box, long) if vertical else (long, box)
    items: list[Item] = [Rect(x, y, w, h, BORDER, None, BORDER_WIDTH)]
    for k in range(1, count):
        if vertical:
            items.append(Line(x, y + k * box, x + box, y + k * box, BORDER_WIDTH, BORDER))
        else:
            items.append(Line(x + k * box, y, x + k * box, y + box, BORDER_WIDTH, BORDER))
    if cell == "none":
        return items
    dash = GUIDE_DASH
    if vertical:
        items.append(Line(x + box / 2, y, x + box / 2, y + long, GUIDE_WIDTH, GUIDE, dash))
    else:
        items.append(Line(x, y + box / 2, x + long, y + box / 2, GUIDE_WIDTH, GUIDE, dash))
    for k in range(count):
        cx, cy = (x, y + k * box) if vertical else (x + k * box, y)
        if vertical:
            items.append(Line(cx, cy + box / 2, cx + box, cy + box / 2, GUIDE_WIDTH, GUIDE, dash))
        else:
            items.append(Line(cx + box / 2, cy, cx + box / 2, cy + box, GUIDE_WIDTH, GUIDE, dash))
        if cell == "diagonals":
            items.append(Line(cx, cy, cx + box, cy + box, GUIDE_WIDTH, GUIDE, dash))
            items.append(Line(cx + box, cy, cx, cy + box, GUIDE_WIDTH, GUIDE, dash))
    return items


def grid_heading(title: str, spec: GridSpec) -> str:
    """The sheet's heading: what it is and the square's size."""
    writing = ", vertical" if spec.vertical else ""
    return (
        f"{title or 'Handwriting practice'} — {spec.box / MM:.3g} mm squares, {CELL_NAMES[spec.cell]}, "
        f"{HAN_LANGUAGES[spec.language]}{writing}"
    )


def grid_document(text: str, paper: Paper, font: str, spec: GridSpec, title: str = "") -> Document:
    """The grid pages: a heading, the strips filling the page (per character, or the text and its
    blank strips), the characters in their squares, and the 100 % check bar. Strips run across the
    page from the top, or with `vertical` down it, the first at the right."""
    font = for_language(font, spec.language)
    page_w, page_h = sheet_size(paper, landscape=False)
    heading = grid_heading(title, spec)
    top, bottom = marks.free_band(page_w, page_h, [(heading, HEADING_SIZE, BLACK, "heading")])
    box = spec.box
    span_w, span_h = page_w - 2 * SIDE_MARGIN, bottom - top - 8
    along = int((span_h if spec.vertical else span_w) // box)  # squares in a strip
    across = span_w if spec.vertical else span_h  # room for strips side by side
    make = drill_groups if spec.mode == "chars" else copy_groups
    groups = make(text, font, along, spec)
    strips = len(groups[0]) if groups else 1  # strips in a group: 1, or the model's, grey and blank
    gap = 0.0 if spec.mode == "chars" else box / 4  # between a model strip's group and the next
    per_page = int((across + gap) // (strips * box + gap))
    if spec.mode == "chars" and spec.trace != "none" and along < 1 + spec.traced:
        raise InputError(
            f"the model and {spec.traced} grey copies need {1 + spec.traced} squares, and a "
            f"{'column' if spec.vertical else 'row'} of {box / MM:.3g} mm squares holds {along}; "
            "give fewer copies or a smaller box",
            key="guide.traced",
        )
    if per_page < 1:
        raise InputError(
            f"{box / MM:.3g} mm squares leave no room on the page; give a smaller box", key="guide.box"
        )
    pages_groups = [groups[i : i + per_page] for i in range(0, len(groups), per_page)] or [[]]
    used = per_page * (strips * box + gap) - gap
    block = (
        (page_w - used) / 2 if spec.vertical else (page_w - along * box) / 2,
        top + 4 + ((span_h - along * box) / 2 if spec.vertical else (span_h - used) / 2),
        used if spec.vertical else along * box,
        along * box if spec.vertical else used,
    )
    system = HAN_BY_LANGUAGE[spec.language]
    pages = []
    for number, page_groups in enumerate(pages_groups, start=1):
        filled = page_groups + [[[None] * along] * strips] * (per_page - len(page_groups))
        grid: list[Item] = []
        words: list[Item] = []
        for g, group in enumerate(filled):
            for s, strip in enumerate(group):
                offset = g * (strips * box + gap) + s * box
                if spec.vertical:
                    x, y = block[0] + block[2] - offset - box, block[1]
                else:
                    x, y = block[0], block[1] + offset
                grid += strip_lines(x, y, along, box, spec.cell, spec.vertical)
                words += _strip_glyphs(strip, x, y, box, spec, system)
        of = f" (page {number} of {len(pages_groups)})" if len(pages_groups) > 1 else ""
        notes: list[marks.MarginNote] = [(heading + of, HEADING_SIZE, BLACK, "heading")]
        bands = marks.margin_bands(page_w, page_h, block, paper, notes)
        grid_group = Group(tuple(grid), label="grid", shared=True)
        items = (*bands.items, grid_group, Group(tuple(words), label="text"))
        pages.append(Page(page_w, page_h, items, f"practice {number}"))
    return Document(title=title or "Handwriting practice", pages=tuple(pages))


def _strip_glyphs(strip: Strip, x: float, y: float, box: float, spec: GridSpec, system: str) -> list[Item]:
    """The characters of one strip, each centred in its square."""
    items = []
    for k, cell in enumerate(strip):
        if cell is None:
            continue
        char, key, tone, role = cell
        centre = (x + box / 2, y + (k + 0.5) * box) if spec.vertical else (x + (k + 0.5) * box, y + box / 2)
        size = fitted_size(key, char, glyph_size(key, writing_system(char, system) or system, box), box)
        outline = role == "trace" and spec.trace == "outline"
        items.append(
            cell_glyph(
                char, key, size, centre, OUTLINE_TONE, spec.vertical, role, OUTLINE_WIDTH, OUTLINE_DASH
            )
            if outline
            else cell_glyph(char, key, size, centre, tone, spec.vertical, role)
        )
    return items
