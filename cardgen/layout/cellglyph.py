"""One character in a square cell as scene items: sized by its script's letter height, centred by
its ink (letters, digits) or by its em box (punctuation, small kana, which keep their place in it);
in vertical writing its presentation form (U+FE10–FE19, U+FE30–FE48) where the font has one, else
、。 and small kana moved to the cell's top right and brackets, dashes and ー turned 90°."""

from __future__ import annotations

import unicodedata
from functools import cache

from cardgen.fonts import metrics
from cardgen.glyphs import em_box, ink_box
from cardgen.scene import Affine, Color, Group, Item, Text

FILL = 0.78  # a full-size character's ink height (the script's body) as a share of the cell's side
MOST = 0.9  # no character's ink wider or taller than this share of the side

# Small kana and the comma and full stop sit in a corner of their em box: bottom left across,
# top right down the page.
SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
CORNER = frozenset(SMALL_KANA + "、。，．,.")
# Turned a quarter turn in vertical writing when the font has no vertical form for them.
TURNED = frozenset("ー〜～~…‥―—–‐-_＿=＝:：;；")


@cache
def vertical_forms() -> dict[str, str]:
    """Each character that has a vertical presentation form, mapped to it (from the Unicode
    decompositions of U+FE10–FE19 and U+FE30–FE48: "、" to "︑", "「" to "﹁", "(" to "︵")."""
    forms: dict[str, str] = {}
    for code in (*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE49)):
        tag, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if tag == "<vertical>":
            forms.setdefault(chr(int(base, 16)), chr(code))
    return forms


def vertical_form(char: str) -> str | None:
    """The character's vertical presentation form ("，" and "," alike: "︐"), or None."""
    forms = vertical_forms()
    return forms.get(char) or forms.get(unicodedata.normalize("NFKC", char))


def by_ink(char: str) -> bool:
    """Whether the character is centred in its cell by its ink (letters and digits, not small kana)
    rather than by its em box (punctuation and symbols keep the place the font gives them)."""
    return unicodedata.category(char)[0] in "LN" and char not in CORNER


def glyph_size(font: str, system: str, box: float) -> float:
    """The font size, in points, at which the font's letters of `system` (Jpan, Hans, Kore: their
    body, as fonts.py measures it) stand FILL of a `box`-point cell; a font with no body for it
    (a Latin font) fits its ascender and descender in that height."""
    face = metrics(font)
    body = face.bodies.get(system) or next(iter(face.bodies.values()), 0.0)
    return FILL * box / (body or face.ascender + face.descender)


def fitted_size(font: str, char: str, size: float, box: float) -> float:
    """`size`, or smaller for a character whose ink would reach past MOST of the cell's side (a
    wide or tall letter of a handwriting font), so that every character stays inside its square."""
    ink = ink_box(font, char)
    if ink is None:
        return size
    extent = max(ink[2] - ink[0], ink[3] - ink[1]) * size
    return size if extent <= MOST * box else size * MOST * box / extent


def cell_glyph(
    char: str,
    font: str,
    size: float,
    centre: tuple[float, float],
    color: Color,
    vertical: bool = False,
    role: str = "",
    outline: float = 0.0,
    dash: tuple[float, ...] = (),
) -> Item:
    """The character drawn in the cell whose centre is `centre`: a Text, or a Group turning it a
    quarter turn clockwise about the centre (vertical writing, no vertical form in the font)."""
    cx, cy = centre
    turned = False
    if vertical:
        form = vertical_form(char)
        if form is not None and metrics(font).has(form):
            char = form  # designed in the em box as it stands in a column
        elif char in CORNER:
            return _corner_glyph(char, font, size, centre, color, role, outline, dash)
        else:
            turned = char in TURNED or unicodedata.category(char) in ("Ps", "Pe", "Pi", "Pf")
    x, y = _origin(char, font, size, centre)
    text = Text(x, y, char, font, size, color, role, outline=outline, dash=dash)
    return Group((text,), quarter_turn(cx, cy), label="turned") if turned else text


def _origin(char: str, font: str, size: float, centre: tuple[float, float]) -> tuple[float, float]:
    """Where the character's pen starts on its baseline so that its ink (letters) or its em box
    (the rest) is centred on `centre`."""
    cx, cy = centre
    ink = ink_box(font, char) if by_ink(char) else None
    if ink is not None:
        left, bottom, right, top = ink
        return cx - (left + right) / 2 * size, cy + (bottom + top) / 2 * size
    low, high = em_box(font)
    advance = metrics(font).width_of_run(metrics(font).key, char, 1.0)
    return cx - advance / 2 * size, cy + (low + high) / 2 * size


def _corner_glyph(
    char: str,
    font: str,
    size: float,
    centre: tuple[float, float],
    color: Color,
    role: str,
    outline: float,
    dash: tuple[float, ...],
) -> Text:
    """A comma, full stop or small kana in vertical writing without a vertical form: its ink moved
    from its corner of the em box to the opposite one (bottom left to top right), as a font's
    vertical forms place it (Noto Sans JP's "︒" stands where this puts "。")."""
    x, y = _origin(char, font, size, centre)
    ink = ink_box(font, char)
    if ink is None:
        return Text(x, y, char, font, size, color, role, outline=outline, dash=dash)
    left, bottom, right, top = ink
    low, high = em_box(font)
    advance = metrics(font).width_of_run(metrics(font).key, char, 1.0)
    dx, dy = (advance - left - right) * size, (low + high - bottom - top) * size
    return Text(x + dx, y - dy, char, font, size, color, role, outline=outline, dash=dash)


def quarter_turn(cx: float, cy: float) -> Affine:
    """A quarter turn clockwise (on the page, y down) about (cx, cy)."""
    return (0.0, 1.0, -1.0, 0.0, cx + cy, cy - cx)
