"""The note file: TOML loaded and validated into frozen dataclasses, with errors that name the line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cardgen import catalog, pdfx
from cardgen.errors import InputError, did_you_mean
from cardgen.fonts import handwriting_fonts, metrics
from cardgen.profiles import HandProfile, PrinterProfile, load_hand, load_printer
from cardgen.tomlsource import NoteSource, Reader, read_toml
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
    number: str = "none"  # none | flap: in a run, the recipient's number on the back, to match it up


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


def load_note(path: Path | str) -> Note:
    """Read and validate a note file; raise InputError for the first problem found."""
    path = Path(path)
    data, source = read_toml(path)
    return note_from_dict(data, source)


def note_from_dict(data: dict[str, Any], source: NoteSource) -> Note:
    """Validate parsed TOML into a Note; unknown keys become warnings that name them."""
    warnings = _unknown_keys(data, source)
    reader = Reader(data, source)
    card_format = _card_format(reader)
    paper = reader.choice("print.paper", list(catalog.papers()), "letter", "papers")
    note = Note(
        path=source.path,
        sender=_address(reader, "sender"),
        recipient=_address(reader, "recipient"),
        message=_message(reader, source),
        card=_card(reader, card_format),
        handwriting=_handwriting(reader),
        envelope=_envelope(reader, card_format),
        print=_print(reader, catalog.papers()[paper]),
        warnings=tuple(warnings),
    )
    note = replace(note, guide=_guide(reader, note.handwriting))
    card, envelope = note.card.format, note.envelope.format
    if not fits_envelope(card.width, card.height, envelope):
        warnings.append(
            f"{source.where('envelope.format')}: the {card.short_label} ({card.width / 72:.4g} × "
            f"{card.height / 72:.4g} in) does not fit the {envelope.label} ({envelope.width / 72:.4g} × "
            f'{envelope.height / 72:.4g} in) with 1/8 in to spare; use envelope.format = "{card.envelope}"'
        )
    decision = note.message.fields.get("decision_by")
    if isinstance(decision, dt.date) and decision < dt.date.today():
        warnings.append(
            f"{source.where('message.decision_by')}: {decision} is in the past, yet the note says you will "
            "follow up then; give the day they plan to decide"
        )
    if card.name != "custom":
        for key in ("size", "fold"):
            if reader.get(f"card.{key}") is not None:
                warnings.append(
                    f"{source.where(f'card.{key}')}: ignored: the {card.name} format fixes it; "
                    'set format = "custom" to choose your own'
                )
    shop_only, home_only = (
        ("bleed", "safe", "crop_marks", "colors", "sheet", "standard", "output_condition"),
        ("per_sheet", "printer", "backs"),
    )
    for key in home_only if note.print.target == "shop" else shop_only:
        if reader.get(f"print.{key}") is not None:
            other = "home" if note.print.target == "shop" else "shop"
            warnings.append(f'{source.where(f"print.{key}")}: ignored: it is for target = "{other}"')
    photo = pdfx.photo_problem(note)
    if photo:
        raise source.error("print.output_condition", photo)
    problem = catalog.paper_problem(card, note.print.paper)
    if problem and note.print.target == "home":
        raise source.error("print.paper", problem)
    note = replace(note, warnings=tuple(warnings))
    hand = note.handwriting
    if hand.line_spacing < 1.5 * hand.x_height:
        raise source.error(
            "handwriting.line_spacing",
            "is less than 1.5 × x_height, so written lines would collide; make it at least "
            "1.5 × x_height, better about 2.5 × (e.g. x_height 3mm, line_spacing 8mm)",
        )
    if not note.recipient.name:
        raise source.error("recipient.name", 'missing; add name = "…" under [recipient]')
    return note


def _unknown_keys(data: dict[str, Any], source: NoteSource) -> list[str]:
    warnings = []
    for key, value in data.items():
        if key not in TOP_LEVEL_KEYS:
            warnings.append(f"{source.where(key)}: unknown key, ignored{did_you_mean(key, TOP_LEVEL_KEYS)}")
        elif key in SECTION_KEYS and isinstance(value, dict):
            for sub in value:
                if sub not in SECTION_KEYS[key]:
                    hint = did_you_mean(sub, SECTION_KEYS[key])
                    warnings.append(f"{source.where(f'{key}.{sub}')}: unknown key, ignored{hint}")
    return warnings


def _card_format(reader: Reader) -> catalog.CardFormat:
    formats = catalog.card_formats()
    name = reader.choice("card.format", [*formats, "custom"], "a2-folded", "formats")
    if name != "custom":
        return formats[name]
    width, height = reader.size("card.size", low=2 * 72, high=12 * 72)
    fold = reader.choice("card.fold", ["none", "side", "top"], "none")
    label = f"custom card {width / 72:.4g} × {height / 72:.4g} in"
    return catalog.CardFormat("custom", label, width, height, fold, _smallest_envelope(reader, width, height))


ENVELOPE_CLEARANCE = 0.125 * 72  # a card needs this much room each way to slide into its envelope


def fits_envelope(width: float, height: float, envelope: catalog.EnvelopeFormat) -> bool:
    """Whether a (folded) card of this size slides into the envelope, either way round."""
    long, short = max(width, height), min(width, height)
    return envelope.width >= long + ENVELOPE_CLEARANCE and envelope.height >= short + ENVELOPE_CLEARANCE


def _smallest_envelope(reader: Reader, width: float, height: float) -> str:
    """The smallest catalogued envelope at least 1/8 in larger than the card each way."""
    fitting = [env for env in catalog.envelopes().values() if fits_envelope(width, height, env)]
    if not fitting:
        if reader.get("envelope.format"):
            return str(reader.get("envelope.format"))
        raise reader.source.error(
            "card.size", "no catalogued envelope fits this card; name one as envelope.format"
        )
    return min(fitting, key=lambda env: env.width * env.height).name


def _card(reader: Reader, card_format: catalog.CardFormat) -> CardSpec:
    front = reader.choice("card.front", list(catalog.fronts()), "thank-you", "fronts")
    panels = reader.get("card.panels") or []
    from cardgen.layout.panels import card_panels  # panel names depend on the fold

    names = [p.name for p in card_panels(card_format) if p.name != "front"]
    if catalog.whole_sheet(card_format):  # its back carries the home printing notes
        names.remove("back")
    if not isinstance(panels, list) or any(p not in names for p in panels) or len(set(panels)) != len(panels):
        raise reader.source.error(
            "card.panels", f"must be a list of different panels of this card: {', '.join(names)}"
        )
    ink = reader.text("card.ink")
    if ink and not re.fullmatch(r"#[0-9a-fA-F]{6}", ink):
        raise reader.source.error(
            "card.ink", f"'{ink}' is not a colour; write it as #rrggbb, e.g. \"#2f4858\""
        )
    image = reader.text("card.image")
    if catalog.fronts()[front].kind == "photo" and not image:
        raise reader.source.error(
            "card.image", 'missing for the photo front; add image = "photo.jpg" under [card]'
        )
    return CardSpec(
        format=card_format,
        front=front,
        message=reader.choice("card.message", ["handwrite", "print"], "handwrite"),
        ruled=reader.boolean("card.ruled", False),
        ink=ink,
        image=(reader.source.path.parent / image) if image else None,
        fit=reader.choice("card.fit", ["fill", "fit"], "fill"),
        caption=reader.text("card.caption"),
        monogram=reader.text("card.monogram") or initials(reader.text("sender.name")),
        panels=tuple(panels),
    )


def initials(name: str) -> str:
    """'Alex Rivera' -> 'AR'; at most three letters."""
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()[:3]


def _print(reader: Reader, paper: catalog.Paper) -> PrintSpec:
    target = reader.choice("print.target", ["home", "shop"], "home")
    per_sheet = reader.number("print.per_sheet", 0, low=0, high=64)
    if per_sheet != int(per_sheet):
        raise reader.source.error("print.per_sheet", "must be a whole number (0: as many as fit)")
    printer = reader.text("print.printer")
    try:
        profile = load_printer(printer) if printer else None
    except InputError as error:
        raise reader.source.error("print.printer", str(error)) from None
    return PrintSpec(
        target=target,
        paper=paper,
        duplex=reader.choice("print.duplex", ["long", "short", "manual"], "long"),
        backs=reader.choice("print.backs", ["same", "reversed"], "same"),
        per_sheet=int(per_sheet),
        printer=profile,
        **_pdfx_keys(reader, target),
        bleed=reader.length("print.bleed", "0.125in", low=0, high=0.5 * IN),
        safe=reader.length("print.safe", "0.125in", low=0, high=0.3 * IN),  # the designs keep 0.3 in clear
        crop_marks=reader.boolean("print.crop_marks", True),
        sheet=reader.choice("print.sheet", ["card", "12x18", "sra3"], "card"),
    )


def _pdfx_keys(reader: Reader, target: str) -> dict[str, str]:
    """print.standard, print.output_condition and print.colors (PDF/X files are CMYK)."""
    standard = reader.choice(
        "print.standard", list(pdfx.STANDARDS), pdfx.SHOP_DEFAULT if target == "shop" else "none"
    )
    condition = reader.choice("print.output_condition", list(pdfx.CONDITIONS), "fogra39")
    pdfx_file = target == "shop" and standard != "none"
    colors = reader.choice("print.colors", ["rgb", "cmyk"], "cmyk" if pdfx_file else "rgb")
    problem = pdfx.standard_problem(standard, condition) if pdfx_file else None
    if problem:
        raise reader.source.error("print.output_condition", problem)
    if pdfx_file and colors == "rgb":
        raise reader.source.error(
            "print.colors", f'{standard} files are CMYK; remove colors = "rgb", or set standard = "none"'
        )
    return {"standard": standard, "output_condition": condition, "colors": colors}


def _handwriting(reader: Reader) -> Handwriting:
    """The hand: a preset's sizes, a measured profile's x-height, width and slant, then the keys
    written in [handwriting], in that order of strength."""
    presets = catalog.hand_presets()
    name = reader.choice("handwriting.preset", ["", *presets], "", "hands")
    preset = presets[name] if name else None
    profile_name = reader.text("handwriting.profile")
    profile: HandProfile | None = None
    if profile_name:
        try:
            profile = load_hand(profile_name)
        except InputError as error:
            raise reader.source.error("handwriting.profile", str(error)) from None
    font_key = reader.choice("handwriting.font", handwriting_fonts(), "caveat", "fonts")
    x_height = 3 * MM
    if preset and preset.x_height_nibs:
        nib = reader.length("handwriting.nib", f"{preset.nib or 3 * MM}pt", low=0.5 * MM, high=10 * MM)
        x_height = preset.x_height_nibs * nib
    elif preset and preset.x_height:
        x_height = preset.x_height
    if profile:
        x_height = profile.x_height
    x_height = reader.length("handwriting.x_height", f"{x_height}pt", low=1 * MM, high=20 * MM)
    spacing = max(8 * MM, 2.5 * x_height)  # a relaxed hand: lines about 2.5 x-heights apart
    if preset:
        spacing = preset.line_spacing or (preset.line_spacing_x or 8 * MM / x_height) * x_height
    font = metrics(font_key)
    width = profile.width * _pangram_ratio("caveat") / _pangram_ratio(font_key) if profile else 1.0
    ascender_x = preset.ascender_x if preset and preset.ascender_x else font.ascender / font.x_height
    descender_x = preset.descender_x if preset and preset.descender_x else font.descender / font.x_height
    limits = {"low": 0.1 * MM, "high": 80 * MM}
    return Handwriting(
        x_height=x_height,
        line_spacing=reader.length("handwriting.line_spacing", f"{spacing}pt", low=3 * MM, high=40 * MM),
        width=reader.number("handwriting.width", round(width, 3), low=0.5, high=2.0),
        slant=_slant(reader, profile.slant if profile else preset.slant if preset else 0.0),
        font=font_key,
        ascender=reader.length("handwriting.ascender", f"{ascender_x * x_height}pt", **limits),
        descender=reader.length("handwriting.descender", f"{descender_x * x_height}pt", **limits),
        ruling=preset.ruling if preset else "lines",
    )


def _pangram_ratio(font_key: str) -> float:
    """The calibration sentence's length in a font, in x-heights: a width measured against Caveat
    becomes the width against this font."""
    from cardgen.layout.handcal import PANGRAM

    font = metrics(font_key)
    return font.width(PANGRAM, 1.0) / font.x_height


class OptionSource(NoteSource):
    """Command-line options read as note keys: errors name the option (handwriting.x_height is
    --x-height)."""

    def __init__(self) -> None:
        super().__init__(Path("options"), "")

    def where(self, key_path: str) -> str:
        return "--" + key_path.rsplit(".", 1)[-1].replace("_", "-")


def hand_and_guide(values: dict[str, dict[str, Any]]) -> tuple[Handwriting, GuideSpec]:
    """A hand and guide settings from [handwriting] and [guide] keys given as command-line options."""
    reader = Reader(values, OptionSource())
    hand = _handwriting(reader)
    if hand.line_spacing < 1.5 * hand.x_height:
        raise reader.source.error(
            "handwriting.line_spacing", "is less than 1.5 × the x-height; make it larger"
        )
    return hand, _guide(reader, hand)


def _guide(reader: Reader, hand: Handwriting) -> GuideSpec:
    from cardgen.strokes import STROKE_FONTS

    return GuideSpec(
        mode=reader.choice("guide.mode", ["copy", "underlay", "ticks"], "copy"),
        trace=reader.choice("guide.trace", ["solid", "outline", "dots", "none"], "solid"),
        ruling=reader.choice("guide.ruling", list(RULINGS), hand.ruling),
        mirror=reader.boolean("guide.mirror", False),
        start_dots=reader.boolean("guide.start_dots", False),
        stroke_font=reader.choice("guide.stroke_font", list(STROKE_FONTS), "ems-readability"),
    )


RULINGS = ("lines", "school", "four-line", "seyes", "calligraphy")


def _slant(reader: Reader, default: float) -> float:
    slant = reader.number("handwriting.slant", default, low=0.0, high=150.0)
    if 0 < slant < 30 or slant > 150:
        raise reader.source.error(
            "handwriting.slant",
            f"{slant:g}° is almost flat; give the angle from the baseline, 30 to 150 (e.g. 55 for "
            "copperplate, 90 upright, over 90 for a backhand), or 0 for no slant lines",
        )
    return slant


def _envelope(reader: Reader, card: catalog.CardFormat) -> EnvelopeSpec:
    envelopes = catalog.envelopes()
    name = reader.choice("envelope.format", [*envelopes, "custom"], card.envelope, "envelopes")
    if name == "custom":
        long, short = sorted(reader.size("envelope.size", low=3 * 72, high=16 * 72), reverse=True)
        envelope = catalog.EnvelopeFormat(
            "custom", f"custom envelope {long / 72:.4g} × {short / 72:.4g} in", long, short
        )
    else:
        envelope = envelopes[name]
    style = reader.choice("envelope.style", ["sans", "handwriting"], "sans")
    address = reader.choice("envelope.address", ["print", "guide", "none"], "print")
    rotate = reader.get("envelope.feed_rotate")
    if rotate is not None and rotate not in (0, 90, 180, 270):
        raise reader.source.error("envelope.feed_rotate", f"{rotate!r}: use 0, 90, 180 or 270 (no quotes)")
    return EnvelopeSpec(
        format=envelope,
        address=address,
        style=style,
        uppercase=reader.boolean("envelope.uppercase", style == "sans" and address == "print"),
        return_address=reader.choice("envelope.return_address", ["front", "back", "none"], "front"),
        guide_align=reader.choice("envelope.guide_align", ["centered", "left"], "centered"),
        feed=reader.choice("envelope.feed", ["none", "left", "center", "right"], "none"),
        feed_rotate=int(rotate or 0),
        face=reader.choice("envelope.face", ["up", "down"], "up"),
        language=_language(reader),
        number=reader.choice("envelope.number", ["none", "flap"], "none"),
    )


def _language(reader: Reader) -> str:
    from cardgen.address import check_language

    language = reader.text("envelope.language", "en").replace("-", "_")
    try:
        check_language(language, "envelope.language")
    except InputError as error:
        raise reader.source.error("envelope.language", str(error).split(": ", 1)[1]) from None
    return language


def _address(reader: Reader, section: str) -> Address:
    values = {key: reader.text(f"{section}.{key}") for key in ADDRESS_KEYS}
    values["country"] = values["country"].upper()
    if values["country"] and not re.fullmatch(r"[A-Z]{2}", values["country"]):
        from cardgen.address import suggest_country  # the address data is loaded only when needed

        hint = suggest_country(values["country"]) or '; write a code such as "US"'
        raise reader.source.error(
            f"{section}.country", f"'{values['country']}' is not a two-letter ISO 3166 code{hint}"
        )
    return Address(**values)


def _message(reader: Reader, source: NoteSource) -> Message:
    raw = reader.data.get("message", {})
    if not isinstance(raw, dict):
        raise source.error("message", "must be a table: write [message] on its own line")
    fields = dict(raw)
    text = fields.pop("text", None)
    template = reader.text("template") or None
    if text is not None and not isinstance(text, str):
        raise source.error("message.text", 'must be text; use text = """…""" for several lines')
    if text is None and template is None:
        raise source.error(
            "template",
            'missing; name a wording template (template = "interview-thank-you", see '
            'cardgen list templates) or write the words as [message] text = """…"""',
        )
    for key, value in fields.items():
        if isinstance(value, dt.datetime):
            fields[key] = value = value.date()
        if isinstance(value, (list, dict, dt.time)):
            raise source.error(f"message.{key}", f"must be text in quotes (or a date), got {value!r}")
    decision = fields.get("decision_by")
    if decision is not None and not isinstance(decision, dt.date):
        raise source.error(
            "message.decision_by",
            f"{decision!r} is not a date; write it without quotes, e.g. decision_by = 2026-12-04",
        )
    return Message(template if text is None else None, text, MappingProxyType(fields))
