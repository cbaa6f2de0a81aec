"""The envelope: the delivery address in the read area, the return address, postal checks, the
hand-addressing guide slip, and carrier sheets for printers that take envelopes on a guide."""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.address import MAX_LINE_CHARS, address_lines
from cardgen.errors import Finding, InputError
from cardgen.fonts import metrics
from cardgen.layout import marks
from cardgen.layout.addressblock import address_font, pitch, rise, set_block, widths
from cardgen.layout.sheet import centre_on_sheet, sheet_size
from cardgen.model import Note
from cardgen.pdfx import pdfx_of
from cardgen.scene import BLACK, Affine, Color, Document, Group, Item, Line, Page, Rect, Text, translate
from cardgen.units import IN, MM

ADDRESS_FONT = "noto-sans"
DELIVERY_SIZE = 11.0  # Noto Sans cap height 7.9 pt = 0.109 in (PRINT_RULES 17: at least 0.080 in)
MIN_CAP_HEIGHT = 0.1 * IN  # a handwriting-style address is set at least this tall
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
DE_SIDES, DE_TOP = 15 * MM, 40 * MM  # PRINT_RULES 19: Deutsche Post clearances
SLIP_INSET = 0.125 * IN  # the guide slip is this much smaller than the envelope on every side
GUIDE_TONE: Color = (0.42, 0.62, 0.92)
HATCH_GREY: Color = (0.45, 0.45, 0.45)


@dataclass(frozen=True)
class Block:
    """Address lines as laid out: the bounding box of their ink (top-left origin) and baselines."""

    x: float
    top: float
    width: float
    height: float
    baselines: tuple[float, ...]

    @property
    def bottom(self) -> float:
        """The lowest point of the block's ink."""
        return self.top + self.height

    @property
    def right(self) -> float:
        """The right edge of the block's ink."""
        return self.x + self.width


@dataclass(frozen=True)
class AddressStyle:
    """The font, size and line pitch of a delivery address, and how far its first line's tallest
    glyphs rise above the baseline (0: the font's cap height)."""

    font: str
    size: float
    pitch: float
    rise: float = 0.0


def delivery_font(note: Note) -> str:
    """The delivery address's font: Noto Sans, or the handwriting font (for the hand-addressing
    guide too), Han read as the recipient's country does."""
    hand = note.envelope.style == "handwriting" or note.envelope.address == "guide"
    return address_font(note.handwriting.font if hand else ADDRESS_FONT, note.recipient, _from_country(note))


def delivery_style(note: Note, lines: list[str]) -> AddressStyle:
    """Noto Sans 11 pt, or the handwriting font tall enough for the scanners; more room between
    lines of Han, kana or Hangul."""
    font = delivery_font(note)
    size = DELIVERY_SIZE
    if note.envelope.style == "handwriting":
        size = max(MIN_CAP_HEIGHT / metrics(font).cap_height, 13.0)
    return AddressStyle(font, size, pitch(lines, size, LEADING), rise(lines, font, size))


def is_long(width: float, height: float) -> bool:
    """Business-style envelopes (#10, DL, slimline, …) take the address in the standard position."""
    return width / height >= 1.95


def place_block(
    widths: list[float], style: AddressStyle, env_w: float, env_h: float, us: bool = True
) -> Block:
    """Where the delivery block goes: on long envelopes in the standard position (left edge a little
    left of the middle), on others optically centred; then kept below the stamp and clear of the
    barcode zone, and for `us` mail inside the US read area (a block too tall for it, as a Japanese
    one written to copy by hand may be, rises above it elsewhere)."""
    font = metrics(style.font)
    width = max(widths, default=0.0)
    cap, descent = style.rise or font.cap_height * style.size, font.descent * style.size
    height = cap + (len(widths) - 1) * style.pitch + descent
    x = 0.42 * env_w if is_long(env_w, env_h) else (env_w - width) / 2
    x = min(max(x, READ_AREA_SIDE), max(env_w - READ_AREA_SIDE - width, READ_AREA_SIDE))
    top = (0.45 if is_long(env_w, env_h) else 0.55) * env_h - height / 2
    top = min(top, env_h - READ_AREA_BOTTOM - 0.1 * IN - height)
    top = max(top, env_h - READ_AREA_TOP if us else 0.0, STAMP_H + 0.1 * IN)
    baselines = tuple(top + cap + i * style.pitch for i in range(len(widths)))
    return Block(x, top, width, height, baselines)


def postal_warnings(note: Note, lines: list[str], block: Block, env_w: float, env_h: float) -> list[Finding]:
    """PRINT_RULES 14–20 (US) and 19 (Germany) checked on the laid-out delivery block, each saying
    why it matters."""
    warnings: list[str] = []
    for line in lines:
        if len(line) > MAX_LINE_CHARS:
            warnings.append(
                f"address line '{line}' has {len(line)} characters; postal scanners read at "
                f"most {MAX_LINE_CHARS}: abbreviate it (e.g. STREET -> ST, SUITE -> STE)"
            )
    if us_mail(note):
        if block.x < READ_AREA_SIDE - 0.01 or block.right > env_w - READ_AREA_SIDE + 0.01:
            warnings.append(
                "the delivery address is wider than the USPS read area (0.5 in from each "
                "side); shorten its longest line or use a longer envelope"
            )
        if block.bottom > env_h - READ_AREA_BOTTOM + 0.01 or block.top < env_h - READ_AREA_TOP - 0.01:
            warnings.append(
                "the delivery address does not fit between 0.625 in and 2.75 in above the "
                "bottom edge, where sorting machines read; shorten it or use a larger envelope"
            )
        if block.right > env_w - STAMP_W and block.top < STAMP_H:
            warnings.append("the delivery address reaches into the stamp area (top right)")
        ratio = env_w / env_h
        if not (1.3 <= ratio <= 2.5 and 3.5 * IN <= env_h <= 6.125 * IN and 5 * IN <= env_w <= 11.5 * IN):
            warnings.append(
                f"{env_w / IN:.3g} × {env_h / IN:.3g} in is not machinable for US mail "
                "(length ÷ height 1.3–2.5, height 3.5–6.125 in, length 5–11.5 in): it costs a surcharge"
            )
    if note.recipient.country == "DE" and (
        block.x < DE_SIDES
        or block.right > env_w - DE_SIDES
        or block.bottom > env_h - DE_SIDES
        or block.top < DE_TOP
    ):
        warnings.append(
            "Deutsche Post wants the address at least 15 mm from the left, right and bottom "
            "edges and 40 mm from the top; use a larger envelope"
        )
    elif not us_mail(note) and (
        block.x < READ_AREA_SIDE - 0.01
        or block.right > env_w - READ_AREA_SIDE + 0.01
        or block.bottom > env_h - CLEAR_ZONE_HEIGHT + 0.01
        or (block.right > env_w - STAMP_W and block.top < STAMP_H)
    ):
        warnings.append(
            "the delivery address does not fit clear of the edges (0.5 in), the stamp and the barcode "
            "zone (the bottom 0.625 in); shorten its longest line or use a larger envelope"
        )
    return [Finding(warning, "envelope") for warning in warnings]


def us_mail(note: Note) -> bool:
    """Whether the mail is posted in or to the US (the USPS read area and machinability apply)."""
    return "US" in (note.recipient.country, note.sender.country or note.recipient.country)


def return_lines(note: Note) -> list[str]:
    """The sender's address as printed (with their country when the mail goes abroad), in the same
    case as the delivery address."""
    sender = note.sender
    if not (sender.name or sender.street) or note.envelope.return_address == "none":
        return []
    to_country = note.recipient.country or sender.country
    return address_lines(
        sender,
        to_country,
        key="sender",
        upper=note.envelope.uppercase,
        language=note.envelope.language,
        address_format=note.envelope.address_format,
        honorific=False,
    )


def return_font(note: Note) -> str:
    """The return address's font: Noto Sans, Han read as the sender's country does."""
    return address_font(ADDRESS_FONT, note.sender, note.recipient.country or note.sender.country)


def _return_items(note: Note, lines: list[str], x: float, top: float) -> list[Item]:
    """The return address from (x, top): its lines on one left edge, or on one right edge when
    they read right to left."""
    font = return_font(note)
    step = pitch(lines, RETURN_SIZE, LEADING)
    base = top + rise(lines, font, RETURN_SIZE)
    baselines = [base + i * step for i in range(len(lines))]
    width = max(widths(lines, font, RETURN_SIZE), default=0.0)
    return set_block(x, width, baselines, lines, font, RETURN_SIZE, BLACK, "return-address")


def _from_country(note: Note) -> str:
    return note.sender.country or note.recipient.country


def delivery_lines(note: Note) -> list[str]:
    """The recipient's address as printed for mail posted from the sender's country: in its
    country's local format for domestic mail written in its script (see address.address_lines)."""
    return address_lines(
        note.recipient,
        _from_country(note),
        key="recipient",
        upper=note.envelope.uppercase,
        language=note.envelope.language,
        address_format=note.envelope.address_format,
    )


def envelope_front(note: Note) -> tuple[list[Item], list[Finding]]:
    """The printed envelope front in envelope coordinates, and its postal warnings."""
    env = note.envelope.format
    lines = delivery_lines(note)
    style = delivery_style(note, lines)
    block = place_block(widths(lines, style.font, style.size), style, env.width, env.height, us_mail(note))
    items = set_block(
        block.x, block.width, block.baselines, lines, style.font, style.size, BLACK, "delivery-address"
    )
    if note.envelope.return_address == "front":
        items += _return_items(note, return_lines(note), RETURN_INSET, RETURN_INSET)
    return items, postal_warnings(note, lines, block, env.width, env.height)


def envelope_back(note: Note, number: int | None) -> list[Item]:
    """The back, flap up: the return address centred on the flap when it goes there, and the
    recipient's number small in the flap's corner when asked for."""
    env = note.envelope.format
    items: list[Item] = []
    if note.envelope.return_address == "back":
        lines = return_lines(note)
        width = max(widths(lines, return_font(note), RETURN_SIZE), default=0.0)
        items += _return_items(note, lines, (env.width - width) / 2, 0.12 * env.height)
    if number is not None and note.envelope.number == "flap":
        items.append(
            Text(RETURN_INSET, RETURN_INSET + 7, f"#{number}", ADDRESS_FONT, 7, HATCH_GREY, "number")
        )
    return items


def guide_slip(note: Note) -> tuple[list[Item], list[Finding]]:
    """The hand-addressing guide in envelope coordinates: bold writing lines in the read area with the
    address to copy in a light tone, return-address lines, the stamp box, the barcode zone hatched;
    and the postal warnings for the address as it will be written."""
    env = note.envelope.format
    w, h = env.width, env.height
    lines = delivery_lines(note)
    hand = note.handwriting
    font = delivery_font(note)
    size = hand.x_height / metrics(font).x_height
    style = AddressStyle(font, size, max(hand.line_spacing, 8 * MM), rise(lines, font, size))
    block = place_block(widths(lines, font, size, hand.width), style, w, h, us_mail(note))
    rule_w = min(max(block.width + 0.3 * IN, 3 * IN), w - 2 * READ_AREA_SIDE)
    centered = note.envelope.guide_align == "centered"
    left = (w - rule_w) / 2 if centered else min(block.x, w - READ_AREA_SIDE - rule_w)
    items: list[Item] = [Line(left, y, left + rule_w, y, 1.2, BLACK) for y in block.baselines]
    items += set_block(
        left, rule_w, block.baselines, lines, font, size, GUIDE_TONE, "delivery-address", hand.width, centered
    )
    ret = return_lines(note) if note.envelope.return_address == "front" else []
    rules = [RETURN_INSET + (i + 1) * 0.22 * IN for i in range(max(len(ret), 3))]
    items += [Line(RETURN_INSET, y, RETURN_INSET + 2.2 * IN, y, 0.5, BLACK) for y in rules]
    baselines = [y - 2 for y in rules[: len(ret)]]
    items += set_block(
        RETURN_INSET, 2.2 * IN, baselines, ret, return_font(note), RETURN_SIZE, GUIDE_TONE, "return-address"
    )
    stamp_x, stamp_y = w - STAMP_W + 0.15 * IN, 0.15 * IN
    items.append(Rect(stamp_x, stamp_y, STAMP_W - 0.3 * IN, STAMP_H - 0.3 * IN, BLACK, None, 0.5, (3, 2)))
    items.append(Text(stamp_x + 6, stamp_y + 14, "stamp", ADDRESS_FONT, 8, HATCH_GREY, "note"))
    zone_x = w - min(CLEAR_ZONE_WIDTH, w - 2 * SLIP_INSET) - SLIP_INSET  # clipped to the slip
    zone_y = h - CLEAR_ZONE_HEIGHT
    items += hatch(zone_x, zone_y, w - SLIP_INSET - zone_x, CLEAR_ZONE_HEIGHT - SLIP_INSET)
    items.append(
        Text(zone_x + 6, zone_y - 4, "barcode zone: keep clear", ADDRESS_FONT, 7, HATCH_GREY, "note")
    )
    return items, postal_warnings(note, lines, block, w, h)


def hatch(x: float, y: float, w: float, h: float, step: float = 8.0) -> list[Item]:
    """A box hatched with 45° lines clipped to it: each line is u + v = t, with u measured right from
    the left edge and v up from the bottom edge."""
    items: list[Item] = [Rect(x, y, w, h, HATCH_GREY, None, 0.4)]
    t = step
    while t < w + h:
        u1, u2 = max(0.0, t - h), min(w, t)
        items.append(Line(x + u1, y + h - (t - u1), x + u2, y + h - (t - u2), 0.4, HATCH_GREY))
        t += step
    return items


def carrier(page: Page, note: Note) -> Page:
    """The envelope page placed on a Letter/A4 carrier sheet as the printer takes it: the envelope's
    leading edge at the sheet's top, against the left, centre or right of the feed as seen in the tray
    (mirrored when envelopes go in face down), turned by feed_rotate degrees clockwise."""
    spec = note.envelope
    w, h = page.width, page.height
    turn: dict[int, tuple[Affine, float, float]] = {
        0: ((1.0, 0.0, 0.0, 1.0, 0.0, 0.0), w, h),
        90: ((0.0, 1.0, -1.0, 0.0, h, 0.0), h, w),
        180: ((-1.0, 0.0, 0.0, -1.0, w, h), w, h),
        270: ((0.0, -1.0, 1.0, 0.0, 0.0, w), h, w),
    }
    rotation, rw, rh = turn[spec.feed_rotate]
    sheet_w, sheet_h = sheet_size(note.print.paper, landscape=False)
    if rw > sheet_w or rh > sheet_h:
        raise InputError(
            f"envelope.feed: the {note.envelope.format.label} turned {spec.feed_rotate}° is "
            f"{rw / IN:.3g} in wide, wider than {note.print.paper.label}; set feed_rotate = 90 or 270"
        )
    side = spec.feed
    if spec.face == "down":
        side = {"left": "right", "right": "left"}.get(side, side)
    x = {"left": 0.0, "center": (sheet_w - rw) / 2, "right": sheet_w - rw}[side]
    a, b, c, d, e, f = rotation
    placed = (a, b, c, d, e + x, f)
    return Page(sheet_w, sheet_h, (Group(page.items, placed, "envelope"),), page.label)


def guide_document(note: Note) -> tuple[Document, list[Finding]]:
    """The hand-addressing guide slip at 1:1 on Letter/A4 with cut marks, and its postal warnings."""
    env = note.envelope.format
    title = f"Envelope guide for {note.recipient.name}"
    paper = note.print.paper
    slip_w, slip_h = env.width - 2 * SLIP_INSET, env.height - 2 * SLIP_INSET
    page_w, page_h, x0, y0 = centre_on_sheet(slip_w, slip_h, paper, f"The guide for the {env.label}")
    notes = [
        (
            f"Hand-addressing guide for the {env.label}: cut on the marks, slide it into the envelope "
            "against the bottom fold, and write over the bold lines on a lightbox.",
            marks.NOTE_SIZE,
            marks.GREY,
            "note",
        )
    ]
    bands = marks.margin_bands(page_w, page_h, (x0, y0, slip_w, slip_h), paper, notes)
    slip_items, warnings = guide_slip(note)
    slip = Group(tuple(slip_items), translate(x0 - SLIP_INSET, y0 - SLIP_INSET), "guide")
    outline = Rect(x0, y0, slip_w, slip_h, BLACK, None, 0.3)
    items = (*bands.items, outline, slip, *marks.cut_marks(x0, y0, slip_w, slip_h, bands.room))
    return Document(title=title, pages=(Page(page_w, page_h, items, "envelope-guide"),)), warnings


def envelope_document(note: Note, number: int | None = None) -> tuple[Document, list[Finding]]:
    """envelope.pdf: the front (and the back, when the return address or the recipient's `number`
    goes on the flap) on envelope-sized pages or carrier sheets, or the hand-addressing guide slip on
    paper; and the postal warnings."""
    env = note.envelope.format
    address = note.envelope.address
    title = f"Envelope for {note.recipient.name}"
    if address == "guide":
        return guide_document(note)
    front: list[Item] = []
    warnings: list[Finding] = []
    if address == "print":
        front, warnings = envelope_front(note)
    pages = [Page(env.width, env.height, tuple(front), "envelope")]
    back = envelope_back(note, number) if address == "print" else []
    if back:
        pages.append(Page(env.width, env.height, tuple(back), "envelope-back"))
    if note.print.target == "shop":
        pages = [shop_page(page, note.print.bleed) for page in pages]
        return Document(
            title,
            tuple(pages),
            print_scaling_none=False,
            cmyk=note.print.colors == "cmyk",
            pdfx=pdfx_of(note),
        ), warnings
    if note.envelope.feed != "none":
        pages = [carrier(page, note) for page in pages]
    return Document(title=title, pages=tuple(pages)), warnings


def shop_page(page: Page, bleed: float) -> Page:
    """An envelope page for a print shop: the TrimBox is the envelope, the BleedBox and the page
    the envelope grown by the bleed. No crop marks: a shop prints on made-up envelopes, nothing is
    cut, and no art runs into the bleed (it is there for preflights and PDF/X, which want it)."""
    items = (Group(page.items, translate(bleed, bleed), "envelope"),)
    width, height = page.width + 2 * bleed, page.height + 2 * bleed
    trim = (bleed, bleed, page.width, page.height)
    return Page(width, height, items, page.label, trim=trim, bleed=(0.0, 0.0, width, height))
