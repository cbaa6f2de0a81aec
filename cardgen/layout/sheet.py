"""Home printer sheets: orientation, the printable area, and which point lies behind which (duplex)."""

from __future__ import annotations

from cardgen.catalog import Paper
from cardgen.errors import InputError
from cardgen.scene import Affine
from cardgen.units import IN

PRINTER_MARGIN = 0.25 * IN  # PRINT_RULES 8: no ink this close to a sheet edge


def sheet_size(paper: Paper, landscape: bool) -> tuple[float, float]:
    """The page size of a paper, turned to landscape if asked."""
    short, long = sorted((paper.width, paper.height))
    return (long, short) if landscape else (short, long)


def duplex_flip(width: float, height: float, duplex: str) -> Affine:
    """Maps a point of one side of the sheet to the point behind it on the other side, both in
    reading orientation with a top-left origin (PRINT_RULES 9)."""
    mirror_x = (-1.0, 0.0, 0.0, 1.0, width, 0.0)
    mirror_y = (1.0, 0.0, 0.0, -1.0, 0.0, height)
    portrait = height >= width
    if duplex == "long":
        return mirror_x if portrait else mirror_y
    if duplex == "short":
        return mirror_y if portrait else mirror_x
    raise ValueError(f"unknown duplex {duplex!r}")


def duplex_label(duplex: str) -> str:
    """How print dialogs name the flip."""
    return {"long": "flip on long edge", "short": "flip on short edge"}[duplex]


def centre_on_sheet(
    item_w: float, item_h: float, paper: Paper, what: str
) -> tuple[float, float, float, float]:
    """Page width and height (landscape when the item is wider than tall) and the item's top-left
    corner centred on it; an error when it does not fit inside the printer margins."""
    width, height = sheet_size(paper, landscape=item_w > item_h)
    if item_w > width - 2 * PRINTER_MARGIN or item_h > height - 2 * PRINTER_MARGIN:
        raise InputError(
            f"{what} ({item_w / 72:.2f} × {item_h / 72:.2f} in) does not fit on {paper.label} inside the "
            f"printer margins; choose a smaller format or a larger paper (cardgen list papers)"
        )
    return width, height, (width - item_w) / 2, (height - item_h) / 2
