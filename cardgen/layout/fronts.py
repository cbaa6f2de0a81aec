"""Front designs as scene items in panel coordinates: script, monogram, photo, border, blank."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from cardgen import catalog
from cardgen.fonts import metrics
from cardgen.layout.text import set_line
from cardgen.model import CardSpec
from cardgen.scene import Box, Color, Item, Line, Polyline, Rect, circle
from cardgen.units import IN

if TYPE_CHECKING:
    from cardgen.images import Photo

BORDER_INSET = 0.32 * IN  # outside a home printer's margin and the widest shop safe margin (0.3 in)
CAPTION_BAND = 0.55 * IN  # a photo with a caption leaves this much paper below it


def hex_color(value: str) -> Color:
    """'#2f4858' -> (r, g, b) in 0..1."""
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def front_items(
    card: CardSpec, w: float, h: float, art: Box, photo: Photo | None, target: str, where: str
) -> tuple[list[Item], str | None]:
    """The front design for a w × h panel, and a warning (a photo's low resolution) or None.
    `art`: where background art goes (the panel grown by the bleed at a print shop, inset at home)."""
    front = catalog.fronts()[card.front]
    if front.kind == "photo" and photo is not None:
        ink = hex_color(card.ink or front.ink)
        return _photo(card, photo, front.font, ink, (w, h), art, target, where)
    return list(_design(front, card.ink, card.monogram, w, h)), None


@lru_cache(maxsize=16)  # the same on every card of a run
def _design(front: catalog.Front, ink_hex: str, monogram: str, w: float, h: float) -> tuple[Item, ...]:
    ink = hex_color(ink_hex or front.ink)
    if front.kind == "script":
        return tuple(_script(front.text, front.font, ink, w, h))
    if front.kind == "monogram":
        return tuple(_monogram(monogram, front.font, ink, w, h))
    if front.kind == "border":
        return tuple(_border(ink, w, h))
    return ()


def _script(text: str, font_key: str, ink: Color, w: float, h: float) -> list[Item]:
    font = metrics(font_key)
    size = 0.72 * w / font.width(text, 1.0)
    text_w = font.width(text, size)
    baseline = 0.46 * h + font.cap_height * size / 2
    rule_y = baseline + 0.5 * size
    return [
        *set_line((w - text_w) / 2, baseline, text, font_key, size, ink, "front"),
        Line(0.38 * w, rule_y, 0.62 * w, rule_y, 0.6, ink),
    ]


def _monogram(letters: str, font_key: str, ink: Color, w: float, h: float) -> list[Item]:
    font = metrics(font_key)
    radius = 0.24 * min(w, h)
    cx, cy = w / 2, 0.44 * h
    size = 0.9 * radius / font.cap_height
    text_w = font.width(letters, size)
    if text_w > 1.5 * radius:
        size *= 1.5 * radius / text_w
        text_w = font.width(letters, size)
    return [
        Polyline(circle(cx, cy, radius, 120), 0.75, ink, closed=True),
        *set_line(cx - text_w / 2, cy + font.cap_height * size / 2, letters, font_key, size, ink, "front"),
    ]


def _border(ink: Color, w: float, h: float) -> list[Item]:
    inner = BORDER_INSET + 4
    return [
        Rect(BORDER_INSET, BORDER_INSET, w - 2 * BORDER_INSET, h - 2 * BORDER_INSET, ink, None, 1.0),
        Rect(inner, inner, w - 2 * inner, h - 2 * inner, ink, None, 0.35),
    ]


def _photo(
    card: CardSpec,
    photo: Photo,
    font_key: str,
    ink: Color,
    panel: tuple[float, float],
    art: Box,
    target: str,
    where: str,
) -> tuple[list[Item], str | None]:
    """The photo over the art box; with a caption, the photo stops CAPTION_BAND above the panel's
    bottom edge and the caption is centred in that band."""
    from cardgen.images import place_photo  # Pillow is loaded only for a photo front

    w, h = panel
    x, y, art_w, art_h = art
    if card.caption:
        art_h = h - CAPTION_BAND - y
    placed = place_photo(photo, (x, y, art_w, art_h), card.fit, target, where)
    items: list[Item] = [placed.image]
    if card.caption:
        font = metrics(font_key)
        size = min(11.0, 0.8 * (w - 2 * BORDER_INSET) / max(font.width(card.caption, 1.0), 1e-6))
        baseline = h - BORDER_INSET - font.descent * size  # the line's whole depth clear of any safe margin
        text_w = font.width(card.caption, size)
        items += set_line((w - text_w) / 2, baseline, card.caption, font_key, size, ink, "caption")
    return items, placed.warning
