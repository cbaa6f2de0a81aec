"""The fit: a message wrapped at the writer's size, against the lines the writing panels hold."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Protocol

from cardgen.fonts import Metrics
from cardgen.layout.panels import Panel, reading_order
from cardgen.units import MM, format_mm, mm
from cardgen.wording import paragraphs


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
class Fit:
    """Where the message's lines go: `lines[i]` are written on `panels[i]`, in reading order."""

    fits: bool
    lines_needed: int
    lines_available: int
    panels: tuple[str, ...]
    lines: tuple[tuple[str, ...], ...]
    size: HandSize
    suggestions: tuple[str, ...] = ()

    @property
    def lines_per_panel(self) -> int:
        """How many lines each writing panel holds (all panels of a card are the same size)."""
        return self.lines_available // len(self.panels)

    def baselines(self, top: float) -> list[float]:
        """A panel's baselines, the first one line spacing below the writing area's top."""
        return [top + (i + 1) * self.size.line_spacing for i in range(self.lines_per_panel)]

    def as_dict(self) -> dict[str, Any]:
        """The manifest's `fit` entry, with each panel's lines written and lines it holds."""
        return {
            "fits": self.fits,
            "lines_needed": self.lines_needed,
            "lines_available": self.lines_available,
            "panels": list(self.panels),
            "per_panel": [
                {"panel": name, "lines": len(lines), "available": self.lines_per_panel}
                for name, lines in zip(self.panels, self.lines, strict=True)
            ],
            "x_height_mm": round(mm(self.size.x_height), 2),
            "line_spacing_mm": round(mm(self.size.line_spacing), 2),
            "suggestions": list(self.suggestions),
        }


def wrap(text: str, metrics: Widths, size: HandSize, width: float) -> list[str]:
    """Greedy line breaking at the writer's size; forced line breaks kept; an over-long word split."""
    return [line for paragraph in wrap_paragraphs(text, metrics, size, width) for line in paragraph]


def wrap_paragraphs(text: str, metrics: Widths, size: HandSize, width: float) -> list[list[str]]:
    """wrap(), keeping each paragraph's lines together."""
    font_size = size.font_size(metrics)

    def measure(s: str) -> float:
        return metrics.width(s, font_size) * size.width

    space = measure(" ")
    wrapped: list[list[str]] = []
    for paragraph in paragraphs(text):
        lines: list[str] = []
        wrapped.append(lines)
        for forced in paragraph:
            first = len(lines)  # this forced line's wrapped lines start here
            current, current_width = "", 0.0
            for word in forced.split():
                word_width = measure(word)  # no kerning: a line is as wide as its words and spaces
                if current and current_width + space + word_width <= width + 1e-9:
                    current, current_width = f"{current} {word}", current_width + space + word_width
                    continue
                if current:
                    lines.append(current)
                while word_width > width:
                    cut = _longest_prefix(word, width, measure)
                    lines.append(word[:cut])
                    word = word[cut:]
                    word_width = measure(word)
                current, current_width = word, word_width
            lines.append(current)
            _no_lone_word(lines, first, measure, width)
    return wrapped


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


def fit_message(text: str, panels: tuple[Panel, ...], metrics: Metrics, size: HandSize) -> Fit:
    """Lay the message on as few of `panels` (preference order) as it needs, in reading order."""
    _, _, width, height = panels[0].writing_area()
    wrapped = wrap_paragraphs(text, metrics, size, width)
    lines = [line for paragraph in wrapped for line in paragraph]
    capacity = lines_in(height, size.line_spacing)
    count = min(max(math.ceil(len(lines) / max(capacity, 1)), 1), len(panels))
    used = reading_order([p.name for p in panels[:count]])
    available = capacity * count
    if count == 2 and len(lines) <= available:
        starts = [sum(map(len, wrapped[:i])) for i in range(1, len(wrapped))]
        split = split_between_two(len(lines), capacity, starts)
        chunks: tuple[tuple[str, ...], ...] = (tuple(lines[:split]), tuple(lines[split:]))
    else:
        chunks = tuple(tuple(lines[i * capacity : (i + 1) * capacity]) for i in range(count))
    return Fit(len(lines) <= available, len(lines), available, used, chunks, size)


def split_between_two(total: int, capacity: int, paragraph_starts: list[int]) -> int:
    """Where the second panel starts: at a paragraph break, as near the middle as both panels
    allow; failing that, mid-paragraph with at least two lines carried over (no lone signature)."""
    fitting = [s for s in paragraph_starts if s <= capacity and total - s <= capacity]
    if fitting:
        return min(fitting, key=lambda s: (abs(s - total / 2), -s))
    return max(total - capacity, min(capacity, total - 2))


def fit_with_suggestions(
    text: str,
    panels: tuple[Panel, ...],
    metrics: Metrics,
    size: HandSize,
    larger: list[tuple[str, tuple[Panel, ...]]],
    more: Panel | None = None,
) -> Fit:
    """fit_message, plus what would make an overflowing message fit, each option checked by laying it
    out: the largest x-height that fits, writing on one more panel (`more`), a larger card format
    (`larger`: name, its writing panels), or how many words to cut."""
    fit = fit_message(text, panels, metrics, size)
    if fit.fits:
        return fit
    suggestions = []
    over = fit.lines_needed - fit.lines_available
    where = " + ".join(fit.panels)
    suggestions.append(f"the message needs {over} more line{'s' * (over != 1)} than {where} hold")
    for step in range(1, 40):
        factor = 1 - step * 0.02
        smaller = size.scaled(factor)
        if smaller.x_height < 1.5 * MM:
            break
        if fit_message(text, panels, metrics, smaller).fits:
            suggestions.append(
                f'write smaller: x_height = "{format_mm(smaller.x_height)}" with '
                f'line_spacing = "{format_mm(smaller.line_spacing)}" fits'
            )
            break
    if more is not None and fit_message(text, (*panels, more), metrics, size).fits:
        names = ", ".join(f'"{p.name}"' for p in (*panels, more))
        suggestions.append(f"write on the {more.name} panel too: panels = [{names}] fits at your size")
    for name, other_panels in larger:
        if fit_message(text, other_panels, metrics, size).fits:
            suggestions.append(f'use a larger card: format = "{name}" fits at your size')
            break
    cut = _words_to_cut(text, panels, metrics, size)
    if cut:
        suggestions.append(f"cut about {cut} word{'s' * (cut != 1)}")
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


def _words_to_cut(text: str, panels: tuple[Panel, ...], metrics: Metrics, size: HandSize) -> int:
    """The fewest words to cut so that the message fits (0: cutting cannot make it fit)."""
    total = len(text.split())
    if not fit_message(drop_words(text, total - 1), panels, metrics, size).fits:
        return 0
    low, high = 1, total - 1
    while low < high:
        middle = (low + high) // 2
        if fit_message(drop_words(text, middle), panels, metrics, size).fits:
            high = middle
        else:
            low = middle + 1
    return low
