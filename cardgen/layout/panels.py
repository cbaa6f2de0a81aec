"""Panels of a card's flat sheet, per face, and how the faces of the sheet relate physically
(PRINT_RULES 10): side fold (book), top fold (tent), quarter fold (one face, folded twice)."""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.catalog import CardFormat
from cardgen.scene import IDENTITY, Affine
from cardgen.units import MM

WRITING_MARGIN = 10 * MM  # PRINT_RULES "Handwriting sizes": panel margins of the writing area
READING_ORDER = ("front", "inside-top", "inside-left", "inside-right", "inside-bottom", "back")
READING_ORDER_RTL = ("front", "inside-top", "inside-right", "inside-left", "inside-bottom", "back")


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
    if card.fold == "top":
        return (
            Panel("back", "outside", 0, 0, w, h, 180),
            Panel("front", "outside", 0, h, w, h),
            Panel("inside-top", "inside", 0, 0, w, h),
            Panel("inside-bottom", "inside", 0, h, w, h),
        )
    if card.fold == "quarter":
        return (
            Panel("inside-right", "outside", 0, 0, w, h, 180),
            Panel("inside-left", "outside", w, 0, w, h, 180),
            Panel("back", "outside", 0, h, w, h),
            Panel("front", "outside", w, h, w, h),
        )
    return (Panel("front", "outside", 0, 0, w, h), Panel("back", "inside", 0, 0, w, h))


def faces(card: CardFormat) -> tuple[str, ...]:
    """The faces printed: a quarter-fold card is printed on one side only."""
    return ("outside",) if card.fold == "quarter" else ("outside", "inside")


WRITING_ORDER = {
    "side": ("inside-right", "inside-left"),
    "quarter": ("inside-right", "inside-left"),
    "top": ("inside-bottom", "inside-top"),
    "none": ("back",),
}


def writing_panels(card: CardFormat, names: tuple[str, ...] = ()) -> tuple[Panel, ...]:
    """Panels the message may use, most preferred first: `names` if given, else the panel the card
    opens to (inside-right, or inside-bottom of a tent card), then the one facing it; a flat card's
    back."""
    by_name = {p.name: p for p in card_panels(card)}
    return tuple(by_name[n] for n in names or WRITING_ORDER[card.fold])


def next_panel(card: CardFormat, names: tuple[str, ...]) -> str | None:
    """The panel to write on next when `names` are full: a folded card's back, then none."""
    if card.fold != "none" and "back" not in names:
        return "back"
    return None


def inside_to_outside(card: CardFormat) -> Affine:
    """Where a point of the inside face (seen from inside) lies on the outside face (seen from
    outside): the sheet turned over about its fold, like a page of a book (a side fold or a flat
    card) or a wall calendar (a top fold)."""
    flat_width, flat_height = card.flat_size
    if card.fold == "top":
        return (1.0, 0.0, 0.0, -1.0, 0.0, flat_height)
    if card.fold == "quarter":
        return IDENTITY
    return (-1.0, 0.0, 0.0, 1.0, flat_width, 0.0)


def fold_lines(card: CardFormat) -> tuple[tuple[float, float, float, float], ...]:
    """The fold lines on the outside face, as (x1, y1, x2, y2) from edge to edge."""
    w, h = card.width, card.height
    flat_w, flat_h = card.flat_size
    vertical = (w, 0.0, w, flat_h)
    horizontal = (0.0, h, flat_w, h)
    return {"side": (vertical,), "top": (horizontal,), "quarter": (horizontal, vertical)}.get(card.fold, ())


def reading_order(names: list[str] | tuple[str, ...], rtl: bool = False) -> tuple[str, ...]:
    """Panel names sorted as a reader meets them when opening the card; `rtl`: a reader of a
    right-to-left script, who reads the inside's right panel before its left one."""
    order = READING_ORDER_RTL if rtl else READING_ORDER
    return tuple(sorted(names, key=order.index))
