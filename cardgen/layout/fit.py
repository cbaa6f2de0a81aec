"""The fit: a message wrapped at the writer's size and set as a letter (layout/letter.py), against the
lines the writing panels hold; every blank line and indent counted as it is drawn."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from cardgen.direction import rtl_paragraph
from cardgen.fonts import Metrics
from cardgen.layout import fitwords
from cardgen.layout.band import SAMPLE
from cardgen.layout.letter import BLANK, LETTER, LetterStyle, Row, first_row, part_indents, parted
from cardgen.layout.panels import Panel, reading_order
from cardgen.scripts import dominant_system, unspaced
from cardgen.units import MM, format_mm, mm
from cardgen.wording import letter_parts, paragraphs


class Widths(Protocol):
    """What wrapping needs of a font (TrueType metrics or a single-stroke font): ems."""

    x_height: float

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points."""
        ...


@dataclass(frozen=True)
class HandSize:
    """The size to lay text at: lowercase height, distance between baselines, width factor."""

    x_height: float
    line_spacing: float
    width: float = 1.0

    def font_size(self, metrics: Widths) -> float:
        """The point size at which the font's measured lowercase letters stand x_height tall."""
        return self.x_height / metrics.x_height

    def scaled(self, factor: float) -> HandSize:
        """The same hand, every length times `factor`."""
        return replace(self, x_height=self.x_height * factor, line_spacing=self.line_spacing * factor)


@dataclass(frozen=True)
class Suggestion:
    """A finding about the fit, for code and for people: `kind` is "overflow" (how far the message
    runs over), "x_height" (write smaller), "panel" (write on one more panel), "format" (a larger
    card) or "cut" (words to cut); `changes` are the note keys that would make it fit, with their
    values as the note file writes them ({"card.format": "a7-folded"}); `words` for a cut."""

    kind: str
    text: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    words: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The suggestion as JSON data."""
        return {"kind": self.kind, "text": self.text, "changes": dict(self.changes), "words": self.words}


@dataclass(frozen=True)
class Fit:
    """Where the message's rows go: `rows[i]` are written on `panels[i]`, in reading order, as a
    block standing where `align` puts it (layout/letter.py)."""

    fits: bool
    lines_needed: int
    lines_available: int
    panels: tuple[str, ...]
    rows: tuple[tuple[Row, ...], ...]
    size: HandSize
    suggestions: tuple[Suggestion, ...] = ()
    align: str = "center"

    @property
    def lines_per_panel(self) -> int:
        """How many lines each writing panel holds (all panels of a card are the same size)."""
        return self.lines_available // len(self.panels)

    @property
    def lines(self) -> tuple[tuple[str, ...], ...]:
        """Each panel's lines of words (its blank rows left out)."""
        return tuple(tuple(row.text for row in rows if row.text) for rows in self.rows)

    def baselines(self, top: float) -> list[float]:
        """A panel's baselines, the first one line spacing below the writing area's top."""
        return [top + (i + 1) * self.size.line_spacing for i in range(self.lines_per_panel)]

    def placed(self, panel: str, top: float) -> list[tuple[float, Row]]:
        """The panel's rows on their baselines (writing area's top at `top`), blank rows included."""
        rows = self.rows[self.panels.index(panel)]
        start = first_row(self.lines_per_panel, len(rows), self.align)
        return [(top + (start + i + 1) * self.size.line_spacing, row) for i, row in enumerate(rows)]

    def as_dict(self) -> dict[str, Any]:
        """The manifest's `fit` entry, with each panel's lines written and lines it holds."""
        return {
            "fits": self.fits,
            "lines_needed": self.lines_needed,
            "lines_available": self.lines_available,
            "panels": list(self.panels),
            "per_panel": [
                {"panel": name, "lines": len(rows), "available": self.lines_per_panel}
                for name, rows in zip(self.panels, self.rows, strict=True)
            ],
            "x_height_mm": round(mm(self.size.x_height), 2),
            "line_spacing_mm": round(mm(self.size.line_spacing), 2),
            "suggestions": [s.text for s in self.suggestions],
            "fixes": [s.as_dict() for s in self.suggestions],
        }


def wrap(text: str, metrics: Widths, size: HandSize, width: float) -> list[str]:
    """Greedy line breaking at the writer's size; forced line breaks kept; an over-long word split."""
    return [line for paragraph in wrap_paragraphs(text, metrics, size, width) for line in paragraph]


def wrap_paragraphs(text: str, metrics: Widths, size: HandSize, width: float) -> list[list[str]]:
    """wrap(), keeping each paragraph's lines together."""
    measure = _measure(metrics, size)
    return [_wrap_block(block, measure, width, width) for block in paragraphs(text)]


def letter_rows(
    text: str, metrics: Widths, size: HandSize, width: float, style: LetterStyle
) -> list[list[Row]]:
    """The message set as a letter, paragraph by paragraph: each one's rows, indented as its part of
    the letter is, after a blank row where the style parts paragraphs with one."""
    measure = _measure(metrics, size)
    letter_rtl = rtl_paragraph(text)  # a paragraph of digits alone reads as the letter does
    system = dominant_system(text)
    cell = measure(SAMPLE[system]) if system in SAMPLE else 0.0  # CJK: indents in whole cells
    blocks = []
    for index, (role, forced) in enumerate(letter_parts(text)):
        widest = max(measure(line) for line in forced)
        first, rest = part_indents(role, style, size.x_height, width, widest)
        if cell:  # a paragraph is indented one character; the sign-off starts on a cell
            first = min(cell, first) if role == "body" else math.ceil(first / cell - 1e-9) * cell
            rest = first if role == "sign-off" else rest
        lines = _wrap_block(forced, measure, width - first, width - rest)
        rtl = rtl_paragraph(" ".join(forced), letter_rtl)
        rows = [Row(line, first if i == 0 else rest, rtl) for i, line in enumerate(lines)]
        blocks.append([BLANK, *rows] if parted(index, role, style) else rows)
    return blocks


def _measure(metrics: Widths, size: HandSize) -> Callable[[str], float]:
    font_size = size.font_size(metrics)
    return lambda s: metrics.width(s, font_size) * size.width


def _wrap_block(
    forced_lines: list[str], measure: Callable[[str], float], first_width: float, width: float
) -> list[str]:
    """A paragraph's forced lines broken greedily, its first line `first_width` wide, the others
    `width`, at spaces and, in Chinese and Japanese, between characters where UAX #14 allows (never
    before closing punctuation or a small kana); an over-long word split."""
    space = measure(" ")
    lines: list[str] = []

    def limit() -> float:  # the width of the line being filled
        return first_width if not lines else width

    for forced in forced_lines:
        first = len(lines)  # this forced line's wrapped lines start here
        current, current_width = "", 0.0
        mid_word = False  # the last line break fell inside a word (between Japanese characters)
        for word, glued in _pieces(forced):
            word_width = measure(word)  # no kerning: a line is as wide as its words and spaces
            gap, joiner = (0.0, "") if glued else (space, " ")
            if current and current_width + gap + word_width <= limit() + 1e-9:
                current, current_width = current + joiner + word, current_width + gap + word_width
                continue
            if current:
                lines.append(current)
                mid_word = glued
            while word_width > limit():
                cut = _longest_prefix(word, limit(), measure)
                lines.append(word[:cut])
                word, mid_word = word[cut:], True
                word_width = measure(word)
            current, current_width = word, word_width
        lines.append(current)
        if not mid_word:
            _no_lone_word(lines, first, measure, width)
    return lines


def _pieces(line: str) -> list[tuple[str, bool]]:
    """The line's words, and (glued: True) the pieces of a word written without spaces (Chinese,
    Japanese; not Korean, which breaks at its spaces) between which it may break, as UAX #14
    finds them (uniseg)."""
    pieces: list[tuple[str, bool]] = []
    for word in line.split():
        if word.isascii() or not any(map(unspaced, word)):
            pieces.append((word, False))
            continue
        from uniseg.linebreak import line_break_units  # loaded only for text written without spaces

        pieces += [(unit, i > 0) for i, unit in enumerate(line_break_units(word))]
    return pieces


def _no_lone_word(lines: list[str], first: int, measure: Any, width: float) -> None:
    """Balance the last two lines wrapped from one forced line (lines[first:]) when the last holds
    one word: bring the word before it down, if it fits there and leaves at least two words above.
    A word never crosses a line break the writer made."""
    if len(lines) - first < 2 or not lines[-1] or " " in lines[-1]:
        return
    *head, moved = lines[-2].split(" ")
    if len(head) < 2:
        return
    joined = f"{moved} {lines[-1]}"
    if measure(joined) <= width + 1e-9:
        lines[-2:] = [" ".join(head), joined]


def _longest_prefix(word: str, width: float, measure: Any) -> int:
    cut = len(word) - 1
    while cut > 1 and measure(word[:cut]) > width:
        cut -= 1
    return max(cut, 1)


def lines_in(height: float, line_spacing: float) -> int:
    """How many baselines fit in a writing area: the first one line below its top."""
    return math.floor(height / line_spacing + 1e-9)


def fit_message(
    text: str, panels: tuple[Panel, ...], metrics: Metrics, size: HandSize, style: LetterStyle = LETTER
) -> Fit:
    """Lay the message on as few of `panels` (preference order) as it needs, in reading order."""
    _, _, width, height = panels[0].writing_area()
    blocks = letter_rows(text, metrics, size, width, style)
    capacity = lines_in(height, size.line_spacing)
    flowed = flow(blocks, capacity)
    if len(flowed) > len(panels):  # rather than overflow, give up a paragraph gap where a panel ends
        flowed = flow(blocks, capacity, tight=True)
    count = min(len(flowed), len(panels))
    used = reading_order([p.name for p in panels[:count]], rtl_paragraph(text))
    fits = len(flowed) <= len(panels) and capacity > 0
    if count == 2 and fits:
        chunks = two_panels(blocks, capacity) or flowed  # none with every gap kept: the tight flow
    else:
        chunks = flowed[:count] if capacity else [[] for _ in range(count)]
    needed = sum(map(len, chunks if fits else flowed))
    rows = tuple(tuple(chunk) for chunk in chunks)
    return Fit(fits, needed, capacity * count, used, rows, size, align=style.align)


def flow(blocks: list[list[Row]], capacity: int, tight: bool = False) -> list[list[Row]]:
    """The rows poured into as many panels of `capacity` lines as they take; a blank row never
    begins or ends a panel (it is dropped there: the panel break parts the paragraphs). `tight`:
    a blank row with no line after it on its panel is dropped without starting another panel, so
    the panel's last line takes the next paragraph's first (every panel but the last is full)."""
    room = max(capacity, 1)
    panels: list[list[Row]] = [[]]
    for row in (row for block in blocks for row in block):
        current = panels[-1]
        if not row.text:
            if current and len(current) + 2 <= room:
                current.append(row)
            elif current and not tight:
                panels.append([])
            continue
        if len(current) >= room:
            panels.append([])
        panels[-1].append(row)
    return panels


def two_panels(blocks: list[list[Row]], capacity: int) -> list[list[Row]] | None:
    """The rows on two panels, split at a paragraph as near the middle as both panels allow; failing
    that, mid-paragraph with at least two lines carried over (no lone signature); None when no
    split holds every row (a paragraph gap has to go)."""
    rows = [row for block in blocks for row in block]

    def halves(at: int) -> tuple[list[Row], list[Row]]:
        return _trimmed(rows[:at]), _trimmed(rows[at:])

    def holds(pair: tuple[list[Row], list[Row]]) -> bool:
        return 0 < len(pair[0]) <= capacity and 0 < len(pair[1]) <= capacity

    starts, at = [], 0
    for block in blocks[:-1]:
        at += len(block)
        starts.append(at)
    at_paragraphs = [pair for pair in map(halves, starts) if holds(pair)]
    if at_paragraphs:
        first, second = min(at_paragraphs, key=lambda p: (abs(len(p[0]) - len(p[1])), -len(p[0])))
    else:
        anywhere = [pair for pair in map(halves, range(1, len(rows))) if holds(pair)]
        if not anywhere:
            return None
        first, second = max(anywhere, key=lambda p: (len(p[1]) >= 2, len(p[0])))
    return [first, second]


def _trimmed(rows: list[Row]) -> list[Row]:
    """The rows without blank rows at either end."""
    start, end = 0, len(rows)
    while start < end and not rows[start].text:
        start += 1
    while end > start and not rows[end - 1].text:
        end -= 1
    return rows[start:end]


def fit_with_suggestions(
    text: str,
    panels: tuple[Panel, ...],
    metrics: Metrics,
    size: HandSize,
    larger: list[tuple[str, tuple[Panel, ...]]],
    more: Panel | None = None,
    style: LetterStyle = LETTER,
) -> Fit:
    """fit_message, plus what would make an overflowing message fit, each option checked by laying it
    out: the largest x-height that fits, writing on one more panel (`more`), a larger card format
    (`larger`: name, its writing panels), or how many words to cut."""
    fit = fit_message(text, panels, metrics, size, style)
    if fit.fits:
        return fit
    suggestions = [
        Suggestion("overflow", fitwords.overflow(fit.lines_needed - fit.lines_available, fit.panels))
    ]
    for step in range(1, 40):
        factor = 1 - step * 0.02
        smaller = size.scaled(factor)
        if smaller.x_height < 1.5 * MM:
            break
        if fit_message(text, panels, metrics, smaller, style).fits:
            x_height, spacing = format_mm(smaller.x_height), format_mm(smaller.line_spacing)
            changes = {"handwriting.x_height": x_height, "handwriting.line_spacing": spacing}
            suggestions.append(Suggestion("x_height", fitwords.write_smaller(x_height, spacing), changes))
            break
    if more is not None and fit_message(text, (*panels, more), metrics, size, style).fits:
        names = [p.name for p in (*panels, more)]
        suggestions.append(Suggestion("panel", fitwords.write_on(more.name, names), {"card.panels": names}))
    for name, other_panels in larger:
        if fit_message(text, other_panels, metrics, size, style).fits:
            suggestions.append(Suggestion("format", fitwords.larger_card(name), {"card.format": name}))
            break
    cut = _words_to_cut(text, panels, metrics, size, style)
    if cut:
        suggestions.append(Suggestion("cut", fitwords.cut_words(cut), words=cut))
    return replace(fit, suggestions=tuple(suggestions))


def drop_words(text: str, count: int) -> str:
    """The text with `count` words cut, each from the end of the then longest paragraph (so the
    greeting, closing and signature stay); line breaks are kept."""
    blocks = [[line.split() for line in block.split("\n")] for block in text.split("\n\n")]
    for _ in range(count):
        sizes = [sum(map(len, block)) for block in blocks]
        longest = max(range(len(blocks)), key=lambda i: (sizes[i], i))
        if sizes[longest] == 0:
            break
        last = max(i for i, line in enumerate(blocks[longest]) if line)
        blocks[longest][last].pop()
    kept = ("\n".join(" ".join(line) for line in block if line) for block in blocks)
    return "\n\n".join(block for block in kept if block)


def _words_to_cut(
    text: str, panels: tuple[Panel, ...], metrics: Metrics, size: HandSize, style: LetterStyle
) -> int:
    """The fewest words to cut so that the message fits (0: cutting cannot make it fit)."""
    total = len(text.split())

    def fits(cut: int) -> bool:
        return fit_message(drop_words(text, cut), panels, metrics, size, style).fits

    if not fits(total - 1):
        return 0
    low, high = 1, total - 1
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return low
