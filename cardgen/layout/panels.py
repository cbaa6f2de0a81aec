"""Panels of a card's flat sheet, per face, and how the two faces of the sheet relate physically."""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.catalog import CardFormat
from cardgen.scene import Affine
from cardgen.units import MM

WRITING_MARGIN = 10 * MM  # PRINT_RULES "Handwriting sizes": panel margins of the writing area
READING_ORDER = ("front", "inside-left", "inside-right", "back")


@dataclass(frozen=True)
class Panel:
    """A panel on one face of the flat sheet: its rectangle in that face's coordinates
    (top-left origin, the face seen from its own side) and whether its content is turned 180°."""

    name: str
    face: str  # "outside" | "inside"
    x: float
    y: float
    w: float
    h: float
    rotation: int = 0

    @property
    def transform(self) -> Affine:
        """Panel coordinates (upright, top-left origin) to face coordinates."""
        if self.rotation == 180:
            return (-1.0, 0.0, 0.0, -1.0, self.x + self.w, self.y + self.h)
        return (1.0, 0.0, 0.0, 1.0, self.x, self.y)

    def writing_area(self, margin: float = WRITING_MARGIN) -> tuple[float, float, float, float]:
        """The part of the panel (in panel coordinates) that takes writing: x, y, w, h."""
        return margin, margin, self.w - 2 * margin, self.h - 2 * margin


def card_panels(card: CardFormat) -> tuple[Panel, ...]:
    """Every panel of the card: outside face first. A flat card's second face is its back."""
    w, h = card.width, card.height
    if card.fold == "side":
        return (
            Panel("back", "outside", 0, 0, w, h),
            Panel("front", "outside", w, 0, w, h),
            Panel("inside-left", "inside", 0, 0, w, h),
            Panel("inside-right", "inside", w, 0, w, h),
        )
    return (Panel("front", "outside", 0, 0, w, h), Panel("back", "inside", 0, 0, w, h))


def writing_panels(card: CardFormat) -> tuple[Panel, ...]:
    """Panels the message may use, most preferred first (a folded card: inside-right, then left)."""
    by_name = {p.name: p for p in card_panels(card)}
    names = ("inside-right", "inside-left") if card.fold == "side" else ("back",)
    return tuple(by_name[n] for n in names)


def inside_to_outside(card: CardFormat) -> Affine:
    """Where a point of the inside face (seen from inside) lies on the outside face (seen from
    outside): the sheet turned over about the fold, like a page of a book."""
    flat_width, _ = card.flat_size
    return (-1.0, 0.0, 0.0, 1.0, flat_width, 0.0)


def reading_order(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Panel names sorted as a reader meets them when opening the card."""
    return tuple(sorted(names, key=READING_ORDER.index))
