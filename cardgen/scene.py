"""The scene: pages of plain drawing items in points, origin top-left, y down. Layout's only output.

Items are named tuples (immutable, and cheap to make by the thousand in a long run)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from cardgen.pdfx import PdfX

Color = tuple[float, ...]  # (r, g, b) or (c, m, y, k), each 0..1; REGISTRATION: every plate
Box = tuple[float, float, float, float]  # x, y, w, h from the top-left
Affine = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): x' = ax + cy + e

BLACK: Color = (0.0, 0.0, 0.0)
REGISTRATION: Color = (1.0,)  # printer's marks: 100 % on every separation (PDF /Separation /All)
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Line(NamedTuple):
    """A straight stroke from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: Color = BLACK
    dash: tuple[float, ...] = ()


class Rect(NamedTuple):
    """A rectangle from its top-left corner; stroke and/or fill (None: not drawn)."""

    x: float
    y: float
    w: float
    h: float
    stroke: Color | None = BLACK
    fill: Color | None = None
    width: float = 0.5
    dash: tuple[float, ...] = ()


class Text(NamedTuple):
    """A run of text starting at x on the baseline y, in a bundled font; `role` says what it is."""

    x: float
    y: float
    text: str
    font: str
    size: float
    color: Color = BLACK
    role: str = ""
    hscale: float = 1.0  # horizontal stretch: a writer whose letters run wider than the font's
    outline: float = 0.0  # > 0: glyphs stroked (not filled) with lines this wide (outline tracing)
    dash: tuple[float, ...] = ()  # the outline's dash pattern
    rtl: bool = False  # a right-to-left run (its text in logical order, shaped right to left from x)


class Polyline(NamedTuple):
    """A path through `points`: stroked when `color` is set, filled when `fill` is (closed paths)."""

    points: tuple[tuple[float, float], ...]
    width: float = 0.5
    color: Color | None = BLACK
    dash: tuple[float, ...] = ()
    closed: bool = False
    fill: Color | None = None
    round: bool = False  # round caps and joins (pen strokes, dotted lines)


class Dots(NamedTuple):
    """Round dots of one `diameter` centred on `points` (dotted tracing letters)."""

    points: tuple[tuple[float, float], ...]
    diameter: float
    color: Color = BLACK


class Image(NamedTuple):
    """A raster image drawn into the box (x, y, w, h); `data` is its encoded bytes (PNG or JPEG)
    at the pixel size it is printed with, `pixels` that size (for resolution checks)."""

    x: float
    y: float
    w: float
    h: float
    data: bytes
    pixels: tuple[int, int]
    role: str = ""


class Group(NamedTuple):
    """Items drawn in their own coordinates, placed on the page by `transform`; `label` names it."""

    items: tuple[Item, ...]
    transform: Affine = IDENTITY
    label: str = ""
    shared: bool = False  # the same on many pages (a guide's grid): the PDF draws it once and reuses it


Item = Line | Rect | Text | Polyline | Dots | Image | Group
Leaf = Line | Rect | Text | Polyline | Dots | Image


@dataclass(frozen=True)
class Page:
    """One PDF page: its size and its items; a print shop's page also has its trim and bleed boxes."""

    width: float
    height: float
    items: tuple[Item, ...]
    label: str = ""
    trim: Box | None = None
    bleed: Box | None = None


@dataclass(frozen=True)
class Document:
    """A PDF to write: pages plus the viewer preferences printing depends on."""

    title: str
    pages: tuple[Page, ...]
    duplex: str | None = None  # "long" | "short" | None (one-sided)
    print_scaling_none: bool = True
    cmyk: bool = False  # colours written as CMYK (RGB converted; black as 100 % K)
    pdfx: PdfX | None = None  # a PDF/X file for a print shop: output intent, metadata, CMYK photos


def compose(outer: Affine, inner: Affine) -> Affine:
    """The transform that applies `inner` first, then `outer`."""
    a1, b1, c1, d1, e1, f1 = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (
        a1 * a2 + c1 * b2,
        b1 * a2 + d1 * b2,
        a1 * c2 + c1 * d2,
        b1 * c2 + d1 * d2,
        a1 * e2 + c1 * f2 + e1,
        b1 * e2 + d1 * f2 + f1,
    )


def apply(transform: Affine, x: float, y: float) -> tuple[float, float]:
    """Map a point through a transform."""
    a, b, c, d, e, f = transform
    return a * x + c * y + e, b * x + d * y + f


def circle(x: float, y: float, radius: float, steps: int = 96) -> tuple[tuple[float, float], ...]:
    """Points round a circle, for a closed Polyline (fine enough to look round in print)."""
    turns = (2 * math.pi * i / steps for i in range(steps))
    return tuple((x + radius * math.cos(t), y + radius * math.sin(t)) for t in turns)


def translate(dx: float, dy: float) -> Affine:
    """A shift by (dx, dy)."""
    return (1.0, 0.0, 0.0, 1.0, dx, dy)


def walk(
    items: tuple[Item, ...], transform: Affine = IDENTITY, labels: tuple[str, ...] = ()
) -> Iterator[tuple[Leaf, Affine, tuple[str, ...]]]:
    """Yield (item, page transform, enclosing group labels) for every non-group item, depth first."""
    for item in items:
        if isinstance(item, Group):
            inner_labels = (*labels, item.label) if item.label else labels
            yield from walk(item.items, compose(transform, item.transform), inner_labels)
        else:
            yield item, transform, labels
