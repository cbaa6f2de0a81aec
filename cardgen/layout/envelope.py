"""The envelope: an envelope-sized page, return address top-left, delivery address in the read area."""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.address import address_lines
from cardgen.fonts import metrics
from cardgen.layout.text import set_line
from cardgen.model import Note
from cardgen.scene import BLACK, Document, Item, Page

IN = 72.0
ADDRESS_FONT = "noto-sans"
DELIVERY_SIZE = 11.0  # cap height 7.9 pt = 0.109 in (PRINT_RULES 17: at least 0.080 in)
RETURN_SIZE = 8.5
LEADING = 1.25
RETURN_INSET = 0.3 * IN
# PRINT_RULES 14–16 (US letters), as distances from the envelope's edges
READ_AREA_SIDE = 0.5 * IN
READ_AREA_BOTTOM = 0.625 * IN
READ_AREA_TOP = 2.75 * IN
CLEAR_ZONE_WIDTH = 4.75 * IN
CLEAR_ZONE_HEIGHT = 0.625 * IN
STAMP_W, STAMP_H = 1.5 * IN, 1.25 * IN
MAX_LINE_CHARS = 40


@dataclass(frozen=True)
class Block:
    """A left-aligned block of address lines: its bounding box (top-left origin) and its baselines."""

    x: float
    top: float
    width: float
    height: float
    baselines: tuple[float, ...]

    @property
    def bottom(self) -> float:
        """The lowest point of the block's ink."""
        return self.top + self.height


def block_size(lines: list[str], size: float) -> tuple[float, float]:
    """Width and height of the ink of a block set in the address font."""
    font = metrics(ADDRESS_FONT)
    width = max((font.width(line, size) for line in lines), default=0.0)
    height = font.cap_height * size + (len(lines) - 1) * LEADING * size + font.descent * size
    return width, height


def place_delivery(lines: list[str], env_w: float, env_h: float) -> Block:
    """Optically centred, a little below the middle, then kept inside the US read area."""
    font = metrics(ADDRESS_FONT)
    width, height = block_size(lines, DELIVERY_SIZE)
    x = (env_w - width) / 2
    x = min(max(x, READ_AREA_SIDE), max(env_w - READ_AREA_SIDE - width, READ_AREA_SIDE))
    top = 0.55 * env_h - height / 2
    top = min(top, env_h - READ_AREA_BOTTOM - 0.1 * IN - height)  # clear of the barcode zone
    top = max(top, env_h - READ_AREA_TOP, STAMP_H + 0.1 * IN)
    first = top + font.cap_height * DELIVERY_SIZE
    baselines = tuple(first + i * LEADING * DELIVERY_SIZE for i in range(len(lines)))
    return Block(x, top, width, height, baselines)


def postal_warnings(lines: list[str], block: Block, env_w: float, env_h: float) -> list[str]:
    """PRINT_RULES 14–17 checked on the laid-out delivery block, each with why it matters."""
    warnings = []
    for line in lines:
        if len(line) > MAX_LINE_CHARS:
            warnings.append(
                f"envelope: address line '{line}' has {len(line)} characters; postal scanners read at "
                f"most {MAX_LINE_CHARS}: abbreviate it (e.g. STREET -> ST, SUITE -> STE)"
            )
    if block.x < READ_AREA_SIDE or block.x + block.width > env_w - READ_AREA_SIDE:
        warnings.append("envelope: the delivery address is wider than the read area (0.5 in from each side)")
    if block.bottom > env_h - READ_AREA_BOTTOM or block.top < env_h - READ_AREA_TOP:
        warnings.append(
            "envelope: the delivery address does not fit between 0.625 in and 2.75 in above the bottom "
            "edge, where sorting machines read; shorten it or use a larger envelope"
        )
    ratio = env_w / env_h
    if not (1.3 <= ratio <= 2.5 and 3.5 * IN <= env_h <= 6.125 * IN and 5 * IN <= env_w <= 11.5 * IN):
        warnings.append(
            f"envelope: {env_w / IN:.3g} × {env_h / IN:.3g} in is not machinable for US mail "
            "(length ÷ height 1.3–2.5, height 3.5–6.125 in, length 5–11.5 in): it costs a surcharge"
        )
    return warnings


def envelope_document(note: Note) -> tuple[Document, list[str]]:
    """The envelope page (long side horizontal) and the postal warnings for it."""
    env = note.envelope.format
    width, height = env.width, env.height
    items: list[Item] = []
    warnings: list[str] = []
    if note.envelope.address == "print":
        sender = note.sender
        from_country = sender.country or note.recipient.country
        if sender.name or sender.street:
            ret = address_lines(sender, note.recipient.country or from_country, key="sender", upper=False)
            base = RETURN_INSET + metrics(ADDRESS_FONT).cap_height * RETURN_SIZE
            for i, line in enumerate(ret):
                y = base + i * LEADING * RETURN_SIZE
                items += set_line(RETURN_INSET, y, line, ADDRESS_FONT, RETURN_SIZE, BLACK, "return-address")
        lines = address_lines(note.recipient, from_country, key="recipient", upper=True)
        block = place_delivery(lines, width, height)
        for y, line in zip(block.baselines, lines, strict=True):
            items += set_line(block.x, y, line, ADDRESS_FONT, DELIVERY_SIZE, BLACK, "delivery-address")
        warnings = postal_warnings(lines, block, width, height)
    page = Page(width, height, tuple(items), "envelope")
    return Document(title=f"Envelope for {note.recipient.name}", pages=(page,)), warnings
