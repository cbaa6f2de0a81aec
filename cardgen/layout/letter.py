"""How a message sits on a writing panel as a letter is written: the greeting on its own line at the
margin, paragraphs opened by a first-line indent (or parted by blank lines), the closing and signature
set apart, and the block of lines centred on the panel's baseline grid (or at the top)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from cardgen.model import CardSpec

PARAGRAPH_STYLES = ("indent", "space")
ALIGNMENTS = ("center", "top")
INDENT = 3.0  # x-heights (9 mm at 3 mm): an indent plainly seen even after a full line


@dataclass(frozen=True)
class LetterStyle:
    """`paragraphs`: indent (a friendly letter: indented paragraphs, the sign-off from the middle)
    or space (a block letter: all at the margin, a blank line between parts); `align`: center or top."""

    paragraphs: str = "indent"
    align: str = "center"


LETTER = LetterStyle()  # the default: a friendly letter, centred


def letter_style(card: CardSpec) -> LetterStyle:
    """The card's letter settings."""
    return LetterStyle(card.paragraphs, card.align)


class Row(NamedTuple):
    """One line of a panel: its words ("" for the blank line between two parts of the letter) and
    where they start, in points from the writing area's left edge (from its right edge for a
    right-to-left paragraph, `rtl`)."""

    text: str
    indent: float = 0.0
    rtl: bool = False


BLANK = Row("")


def part_indents(
    role: str, style: LetterStyle, x_height: float, width: float, widest: float
) -> tuple[float, float]:
    """Where a part's first line and its other lines start. In an indented letter a paragraph's first
    line is indented and the sign-off starts at the middle of the line (sooner when a line of it is
    wider than half), as letters are signed; the greeting and everything in a block letter start at
    the margin."""
    if style.paragraphs != "indent":
        return 0.0, 0.0
    if role == "sign-off":
        offset = max(0.0, min(width / 2, width - widest))
        return offset, offset
    if role == "body":
        return min(INDENT * x_height, width / 3), 0.0
    return 0.0, 0.0


def parted(index: int, role: str, style: LetterStyle) -> bool:
    """Whether part `index` of the letter has a blank line before it: every part but the first in a
    block letter; the sign-off in an indented one (its paragraphs are told apart by their indents)."""
    return index > 0 and (style.paragraphs == "space" or role == "sign-off")


def first_row(capacity: int, used: int, align: str) -> int:
    """The panel line (0: the top one) a block of `used` lines starts on: centred, the odd line left
    below (a hand starts a little above the middle), or at the top. Whole lines, so the card, its
    rules and the guide stay on one baseline grid."""
    return max(capacity - used, 0) // 2 if align == "center" else 0
