"""Imposition: where the flat cards lie on a sheet (a grid, cards turned or not) and their marks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cardgen.scene import Affine, Box, Color, Line, apply, translate

MARK_WIDTH = 0.3
MARK_GAP = 6.0  # a mark starts this far outside what it marks, so a slightly-off cut hides it
MARK_LENGTH = 18.0
MARK_MIN = MARK_GAP + 6.0  # room a mark needs outside the cards: its gap and a visible stroke


@dataclass(frozen=True)
class Grid:
    """Cards of one flat size on a page in `cols` × `rows` cells `gutter` apart, the block's top-left
    at (x0, y0); `turned`: each card turned a quarter clockwise (its top to the page's right)."""

    page_w: float
    page_h: float
    flat_w: float
    flat_h: float
    cols: int
    rows: int
    x0: float
    y0: float
    turned: bool = False
    gutter: float = 0.0

    @property
    def count(self) -> int:
        """How many cards the page holds."""
        return self.cols * self.rows

    @property
    def cell(self) -> tuple[float, float]:
        """A card's width and height as it lies on the page."""
        return (self.flat_h, self.flat_w) if self.turned else (self.flat_w, self.flat_h)

    @property
    def block(self) -> Box:
        """The rectangle the cards cover."""
        cw, ch = self.cell
        return (
            self.x0,
            self.y0,
            self.cols * cw + (self.cols - 1) * self.gutter,
            self.rows * ch + (self.rows - 1) * self.gutter,
        )

    def trim(self, index: int) -> Box:
        """Card `index`'s rectangle on the page (row by row from the top-left)."""
        cw, ch = self.cell
        col, row = index % self.cols, index // self.cols
        return (self.x0 + col * (cw + self.gutter), self.y0 + row * (ch + self.gutter), cw, ch)

    def slot(self, index: int) -> Affine:
        """Flat-card coordinates of card `index` to page coordinates."""
        x, y, cw, _ = self.trim(index)
        if self.turned:
            return (0.0, 1.0, -1.0, 0.0, x + cw, y)
        return translate(x, y)


def best_grid(
    flat_w: float,
    flat_h: float,
    sheets: list[tuple[float, float]],
    area: Callable[[float, float], Box],
    *,
    gutter: float = 0.0,
    limit: int | None = None,
) -> Grid | None:
    """The grid holding the most cards (at most `limit`) inside `area(page_w, page_h)` (the region
    the block may cover) on any of the candidate page sizes, cards turned or not; ties go to upright
    cards, then to the earlier sheet. The block is centred in its area. None if no card fits."""
    best: Grid | None = None
    for turned in (False, True):
        for page_w, page_h in sheets:
            ax, ay, aw, ah = area(page_w, page_h)
            cw, ch = (flat_h, flat_w) if turned else (flat_w, flat_h)
            cols = int((aw + gutter + 1e-6) // (cw + gutter))
            rows = int((ah + gutter + 1e-6) // (ch + gutter))
            if limit is not None:
                cols, rows = _within(cols, rows, limit)
            if cols < 1 or rows < 1 or (best is not None and cols * rows <= best.count):
                continue
            block_w, block_h = cols * cw + (cols - 1) * gutter, rows * ch + (rows - 1) * gutter
            x0, y0 = ax + (aw - block_w) / 2, ay + (ah - block_h) / 2
            best = Grid(page_w, page_h, flat_w, flat_h, cols, rows, x0, y0, turned, gutter)
    return best


def _within(cols: int, rows: int, limit: int) -> tuple[int, int]:
    """The largest grid inside cols × rows with at most `limit` cells (fewer rows first)."""
    options = [(c, r) for c in range(1, cols + 1) for r in range(1, rows + 1) if c * r <= limit]
    return max(options, key=lambda cr: (cr[0] * cr[1], cr[0]), default=(0, 0))


def cut_marks(
    grid: Grid,
    room: tuple[float, float, float, float],
    offset: float = MARK_GAP,
    color: Color = (0, 0, 0),
) -> list[Line]:
    """Marks on every cut line, outside the block, `offset` from it and at most MARK_LENGTH long,
    shortened to the room there is (left, top, right, bottom of the block)."""
    bx, by, bw, bh = grid.block
    xs: set[float] = set()
    ys: set[float] = set()
    for index in range(grid.count):
        x, y, w, h = grid.trim(index)
        xs.update((round(x, 4), round(x + w, 4)))
        ys.update((round(y, 4), round(y + h, 4)))
    left, top, right, bottom = (min(max(r - offset, 0.0), MARK_LENGTH) for r in room)
    marks: list[Line] = []
    for x in sorted(xs):
        if top > 2:
            marks.append(Line(x, by - offset, x, by - offset - top, MARK_WIDTH, color))
        if bottom > 2:
            marks.append(Line(x, by + bh + offset, x, by + bh + offset + bottom, MARK_WIDTH, color))
    for y in sorted(ys):
        if left > 2:
            marks.append(Line(bx - offset, y, bx - offset - left, y, MARK_WIDTH, color))
        if right > 2:
            marks.append(Line(bx + bw + offset, y, bx + bw + offset + right, y, MARK_WIDTH, color))
    return marks


def fold_marks(
    grid: Grid,
    folds: tuple[tuple[float, float, float, float], ...],
    room: tuple[float, float, float, float],
    offset: float = MARK_GAP,
) -> list[Line]:
    """Dashed marks outside the block on the extension of every card's fold lines."""
    bx, by, bw, bh = grid.block
    left, top, right, bottom = (min(max(r - offset, 0.0), MARK_LENGTH) for r in room)
    vertical, horizontal = set(), set()
    for index in range(grid.count):
        place = grid.slot(index)
        for x1, y1, x2, y2 in folds:
            (px1, py1), (px2, _) = apply(place, x1, y1), apply(place, x2, y2)
            if abs(px1 - px2) < 1e-6:
                vertical.add(round(px1, 4))
            else:
                horizontal.add(round(py1, 4))
    dash = (2.0, 2.0)
    marks = []
    for x in sorted(vertical):
        marks.append(Line(x, by - offset, x, by - offset - top, MARK_WIDTH, dash=dash))
        marks.append(Line(x, by + bh + offset, x, by + bh + offset + bottom, MARK_WIDTH, dash=dash))
    for y in sorted(horizontal):
        marks.append(Line(bx - offset, y, bx - offset - left, y, MARK_WIDTH, dash=dash))
        marks.append(Line(bx + bw + offset, y, bx + bw + offset + right, y, MARK_WIDTH, dash=dash))
    return [m for m in marks if abs(m.x1 - m.x2) + abs(m.y1 - m.y2) > 2]
