"""Address lines set as a block in their own script: the block's direction (right-to-left lines
right-aligned on one edge), each line's, the font reading Han as the country does, and the room
Han, kana and Hangul need above the baseline and between lines."""

from __future__ import annotations

from cardgen.address import address_language
from cardgen.direction import rtl_paragraph
from cardgen.fonts import for_language, metrics
from cardgen.glyphs import em_box
from cardgen.layout.text import line_start, set_line
from cardgen.model import Address
from cardgen.scene import Color, Item
from cardgen.scripts import is_cjk

CJK_LEADING = 1.5  # lines of square characters, each a full em tall, need more room than Latin


def block_rtl(lines: list[str]) -> bool:
    """Whether the block reads right to left: more of its lines with letters do than do not."""
    directed = [rtl_paragraph(line) for line in lines if _strong(line)]
    return 2 * sum(directed) > len(directed)


def _strong(line: str) -> bool:
    return any(c.isalpha() for c in line)


def has_cjk(lines: list[str]) -> bool:
    """Whether any line holds Han, kana or Hangul."""
    return any(is_cjk(c) for line in lines if not line.isascii() for c in line)


def address_font(font: str, address: Address, from_country: str) -> str:
    """The font key that draws the address's Han as its country reads it ("noto-sans@ja" in Japan)."""
    return for_language(font, address_language(address, from_country))


def rise(lines: list[str], font: str, size: float) -> float:
    """How far the tallest glyphs of the first line stand above its baseline: the font's cap
    height, or the top of the ideographic em box of the font its Han, kana or Hangul is set in."""
    face = metrics(font)
    cap = face.cap_height * size
    square = next((c for c in lines[0] if is_cjk(c)), "") if lines else ""
    if not square:
        return cap
    key = face.runs(square)[0][0]
    return max(cap, em_box(key)[1] * size * face.scale(key, square))


def pitch(lines: list[str], size: float, leading: float) -> float:
    """The distance between baselines: `leading` × size, more for Han, kana and Hangul."""
    return size * (max(leading, CJK_LEADING) if has_cjk(lines) else leading)


def widths(lines: list[str], font: str, size: float, hscale: float = 1.0) -> list[float]:
    """Each line's advance width, as set_line draws it (its fonts are chosen on the whole line)."""
    return [metrics(font).width(line, size) * hscale for line in lines]


def set_block(
    left: float,
    width: float,
    baselines: list[float] | tuple[float, ...],
    lines: list[str],
    font: str,
    size: float,
    color: Color,
    role: str,
    hscale: float = 1.0,
    centered: bool = False,
) -> list[Item]:
    """Text items for address lines in a block `width` wide from `left`: each line from the block's
    left edge, or from its right edge when the block reads right to left (or `centered`), each in
    its own direction and each script in its font."""
    rtl = block_rtl(lines)
    items: list[Item] = []
    for baseline, line, line_width in zip(baselines, lines, widths(lines, font, size, hscale), strict=True):
        x = left + (width - line_width) / 2 if centered else line_start(left, width, 0.0, line_width, rtl)
        items += set_line(x, baseline, line, font, size, color, role, hscale, rtl=rtl_paragraph(line, rtl))
    return items
