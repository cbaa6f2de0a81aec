"""The note as data: frozen dataclasses for a validated note (no reading, no validation here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from cardgen import catalog
from cardgen.units import IN, MM

ADDRESS_KEYS = ("name", "title", "company", "street", "city", "region", "postal_code", "country")
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "sender": ADDRESS_KEYS,
    "recipient": ADDRESS_KEYS,
    "card": (
        "format",
        "size",
        "fold",
        "front",
        "message",
        "ruled",
        "ink",
        "image",
        "fit",
        "caption",
        "monogram",
        "panels",
        "paragraphs",
        "align",
    ),
    "handwriting": (
        "preset",
        "profile",
        "x_height",
        "line_spacing",
        "ascender",
        "descender",
        "nib",
        "width",
        "slant",
        "font",
    ),
    "guide": ("mode", "trace", "ruling", "mirror", "start_dots", "stroke_font"),
    "envelope": (
        "format",
        "size",
        "address",
        "style",
        "uppercase",
        "return_address",
        "guide_align",
        "feed",
        "feed_rotate",
        "face",
        "language",
        "address_format",
        "number",
    ),
    "print": (
        "target",
        "paper",
        "duplex",
        "backs",
        "per_sheet",
        "printer",
        "bleed",
        "safe",
        "crop_marks",
        "colors",
        "sheet",
        "standard",
        "output_condition",
    ),
}
TOP_LEVEL_KEYS = ("template", "message", *SECTION_KEYS)
KINDS = ("card", "envelope", "guide")  # the kit's PDFs, in the order they are listed and printed

# The hand's limits, stated once (handwriting.py reads them; saved profiles are held to them too).
X_HEIGHT_MM = (1.0, 50.0)  # a lowercase x, from a small hand to a 10 mm italic nib's
LINE_SPACING_MM = (3.0, 150.0)
NIB_MM = (0.5, 10.0)
WIDTH = (0.5, 2.0)  # letters' width against the guide font's at the same x-height
SLANT_DEGREES = (30.0, 150.0)  # from the baseline; 90 upright, over 90 a backhand; 0: no slant lines
MIN_SPACING_X = 1.5  # baselines closer than this many x-heights make written lines collide


@dataclass(frozen=True)
class Address:
    """A postal address as the user wrote it; `street` may hold several lines."""

    name: str = ""
    title: str = ""
    company: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def as_dict(self) -> dict[str, str]:
        """The fields by name, for templates."""
        return {key: getattr(self, key) for key in ADDRESS_KEYS}


@dataclass(frozen=True)
class Message:
    """What the card says: a wording template with its fields, or literal text."""

    template: str | None
    text: str | None
    fields: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __reduce__(self) -> tuple[Any, ...]:  # a read-only mapping proxy does not pickle by itself
        return (_rebuild_message, (self.template, self.text, dict(self.fields)))


def _rebuild_message(template: str | None, text: str | None, fields: dict[str, Any]) -> Message:
    return Message(template, text, MappingProxyType(fields))


@dataclass(frozen=True)
class CardSpec:
    """Which card: a catalog format (or custom size and fold), its front and how the message is made."""

    format: catalog.CardFormat
    front: str = "thank-you"
    message: str = "handwrite"  # handwrite | print
    ruled: bool = False
    ink: str = ""  # the front design's colour as #rrggbb ("": the design's own)
    image: Path | None = None  # the photo of a photo front
    fit: str = "fill"  # fill (cropped to cover) | fit (whole photo, centred)
    caption: str = ""  # under a photo
    monogram: str = ""  # the letters of a monogram front (default: the sender's initials)
    panels: tuple[str, ...] = ()  # the panels the message may use, in order ((): the format's own)
    paragraphs: str = "indent"  # indent (first lines indented, as letters are written) | space (blank lines)
    align: str = "center"  # center (balanced on the panel by whole lines) | top


@dataclass(frozen=True)
class Handwriting:
    """The writer's hand: sizes in points (ascender and descender from the baseline), width as a
    factor, slant in degrees from the baseline (0: no slant lines; over 90 leans back)."""

    x_height: float = 3 * MM
    line_spacing: float = 8 * MM
    width: float = 1.0
    slant: float = 0.0
    font: str = "caveat"
    ascender: float = 5.5 * MM
    descender: float = 1.8 * MM
    ruling: str = "lines"  # the preset's ruling: what [guide] ruling defaults to


@dataclass(frozen=True)
class GuideSpec:
    """How the handwriting guide is drawn: its mode, how the words are traced, the line system."""

    mode: str = "copy"  # copy (lines and words to copy) | underlay (bold, for a lightbox) | ticks
    trace: str = "solid"  # solid | outline (stroked glyphs) | dots (single-stroke dotted) | none
    ruling: str = "lines"  # lines | school | four-line | seyes | calligraphy
    mirror: bool = False  # underlay printed mirrored, for acetate
    start_dots: bool = False  # dots: a larger dot where each stroke starts
    stroke_font: str = "ems-readability"  # dots and pen plotters: ems-readability | ems-allure


@dataclass(frozen=True)
class EnvelopeSpec:
    """Which envelope, how it is addressed, and how a home printer takes it."""

    format: catalog.EnvelopeFormat
    address: str = "print"  # print | guide (a slip to write over) | none
    style: str = "sans"  # sans | handwriting: the font of the printed address
    uppercase: bool = True  # capitals, as postal services prefer (default for printed sans addresses)
    return_address: str = "front"  # front (top-left) | back (on the flap, its own page) | none
    guide_align: str = "centered"  # centered | left: the hand-addressing guide's lines
    feed: str = "none"  # none (an envelope-sized page) | left | center | right: on a carrier sheet
    feed_rotate: int = 0  # 0 | 90 | 180 | 270: the envelope turned on the carrier sheet
    face: str = "up"  # up | down: how envelopes go in the tray
    language: str = "en"  # the language of the country line on international mail (the sender's)
    address_format: str = "auto"  # auto | local (the country's own, big to small in JP) | latin
    number: str = "none"  # none | flap: in a run, the recipient's number on the back, to match it up


@dataclass(frozen=True)
class PrinterProfile:
    """How far a printer puts each side off: where a mark lands minus where it should, in points
    (x to the right, y down, each side seen from its printed face), measured on pages of one
    orientation printed with one duplex flip. Content is moved back by this."""

    name: str
    front_dx: float = 0.0
    front_dy: float = 0.0
    back_dx: float = 0.0
    back_dy: float = 0.0
    orientation: str = "portrait"  # portrait | landscape: the pages it was measured on
    duplex: str = "long"  # long | short: the flip it was measured with

    def offsets(self, landscape: bool, duplex: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """(front, back) offsets for pages of this orientation printed with this flip, or None when
        the profile was measured on pages of the other orientation (a print dialog may turn those
        either way). The other flip turns the back a half turn: its offsets change sign."""
        if landscape != (self.orientation == "landscape"):
            return None
        sign = 1.0 if duplex == self.duplex else -1.0
        return (self.front_dx, self.front_dy), (sign * self.back_dx, sign * self.back_dy)


@dataclass(frozen=True)
class HandProfile:
    """A writer's hand as measured: x-height in points, width factor, slant in degrees (90 upright)."""

    name: str
    x_height: float
    width: float = 1.0
    slant: float = 90.0


@dataclass(frozen=True)
class PrintSpec:
    """How the files will be printed: at home (paper, duplex, cards per sheet, printer offsets) or
    by a print shop (bleed, safe margin, crop marks, colours, press sheet); lengths in points."""

    target: str = "home"  # home | shop
    paper: catalog.Paper = field(default_factory=lambda: catalog.papers()["letter"])
    duplex: str = "long"  # long | short | manual (a fronts file and a backs file)
    backs: str = "same"  # manual duplex: same | reversed (the backs file's pages last to first)
    per_sheet: int = 0  # cards per home sheet at most (0: as many as fit)
    printer: PrinterProfile | None = None
    bleed: float = 0.125 * IN
    safe: float = 0.125 * IN
    crop_marks: bool = True
    colors: str = "rgb"  # rgb | cmyk
    sheet: str = "card"  # shop: card (one card per page) | 12x18 | sra3 (cards n-up on a press sheet)
    standard: str = "none"  # shop: none | pdfx-1a | pdfx-4 (cardgen/pdfx.py)
    output_condition: str = "fogra39"  # shop, PDF/X: a key of pdfx.CONDITIONS


@dataclass(frozen=True)
class Note:
    """A whole validated note file."""

    path: Path
    sender: Address
    recipient: Address
    message: Message
    card: CardSpec
    handwriting: Handwriting
    envelope: EnvelopeSpec
    print: PrintSpec
    warnings: tuple[str, ...] = ()
    guide: GuideSpec = field(default_factory=GuideSpec)

    @property
    def duplex(self) -> str | None:
        """How the card's sheets print: "long" or "short" (both sides in one pass, flipped on that
        edge), "manual" (a fronts file and a backs file), or None (one side only: a shop file, whose
        sides are separate pages, or a quarter fold)."""
        if self.print.target == "shop" or self.card.format.fold == "quarter":
            return None
        return self.print.duplex

    def with_recipient(self, recipient: Address, overrides: Mapping[str, Any]) -> Note:
        """The same note for another recipient, with some message fields replaced."""
        fields = MappingProxyType({**self.message.fields, **overrides})
        message = Message(self.message.template, self.message.text, fields)
        return Note(
            self.path,
            self.sender,
            recipient,
            message,
            self.card,
            self.handwriting,
            self.envelope,
            self.print,
            self.warnings,
            self.guide,
        )


class Profiles(Protocol):
    """The writer's saved hands and printers, looked up by name while a note is validated
    (cardgen.profiles has the saved ones and ones given in memory)."""

    def hand(self, name: str) -> HandProfile:
        """The hand profile `name`; InputError when there is none."""
        ...

    def printer(self, name: str) -> PrinterProfile:
        """The printer profile `name`; InputError when there is none."""
        ...
