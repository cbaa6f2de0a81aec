"""The note file: TOML loaded and validated into frozen dataclasses, with errors that name the line."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cardgen import catalog
from cardgen.errors import InputError, did_you_mean
from cardgen.fonts import handwriting_fonts
from cardgen.units import LengthError, parse_length

ADDRESS_KEYS = ("name", "title", "company", "street", "city", "region", "postal_code", "country")
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "sender": ADDRESS_KEYS,
    "recipient": ADDRESS_KEYS,
    "card": ("format", "size", "fold", "front", "image", "message", "ruled"),
    "handwriting": ("x_height", "line_spacing", "width", "slant", "font"),
    "envelope": ("format", "address"),
    "print": ("target", "paper", "duplex", "bleed", "crop_marks"),
}
TOP_LEVEL_KEYS = ("template", "message", *SECTION_KEYS)
MM = 72 / 25.4


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


@dataclass(frozen=True)
class CardSpec:
    """Which card: a catalog format (or custom size and fold), its front and how the message is made."""

    format: catalog.CardFormat
    front: str = "thank-you"
    image: Path | None = None
    message: str = "handwrite"  # handwrite | print
    ruled: bool = False


@dataclass(frozen=True)
class Handwriting:
    """The writer's hand: sizes in points, width as a factor, slant in degrees from the baseline."""

    x_height: float = 3 * MM
    line_spacing: float = 8 * MM
    width: float = 1.0
    slant: float = 0.0
    font: str = "caveat"


@dataclass(frozen=True)
class EnvelopeSpec:
    """Which envelope and whether the address is printed on it."""

    format: catalog.EnvelopeFormat
    address: str = "print"  # print | none


@dataclass(frozen=True)
class PrintSpec:
    """How the files will be printed."""

    target: str = "home"
    paper: catalog.Paper = field(default_factory=lambda: catalog.papers()["letter"])
    duplex: str = "long"
    bleed: float = 9.0
    crop_marks: bool = True


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
        )


class NoteSource:
    """The note file's text, to say on which line a key stands."""

    _HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
    _KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if header := self._HEADER.match(line):
                table = header.group(1)
                self.lines.setdefault(table, number)
            elif key := self._KEY.match(line):
                self.lines.setdefault(f"{table}.{key.group(1)}" if table else key.group(1), number)

    def where(self, key_path: str) -> str:
        """'note.toml:12: card.format' (or without the line when the key is not in the file)."""
        line = self.lines.get(key_path) or self.lines.get(key_path.split(".")[0])
        return f"{self.path.name}:{line}: {key_path}" if line else f"{self.path.name}: {key_path}"

    def error(self, key_path: str, problem: str) -> InputError:
        """An InputError naming file, line and key."""
        return InputError(f"{self.where(key_path)}: {problem}")


def read_toml(path: Path) -> tuple[dict[str, Any], NoteSource]:
    """Parse a TOML file; raise InputError naming the line on a syntax error."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path (cardgen init {path.name} writes one)")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a note file; give the .toml file inside it")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the note file as UTF-8"
        ) from None
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        reason = re.sub(r" \(at (line \d+, column \d+|end of document)\)$", "", str(error))
        line = found.group(1) if found else str(text.count("\n") + 1)
        where = f"{path.name}:{line}"
        raise InputError(
            f"{where}: invalid TOML: {reason}; check the quotes, brackets and '=' on that line"
        ) from None
    return data, NoteSource(path, text)


def load_note(path: Path | str) -> Note:
    """Read and validate a note file; raise InputError for the first problem found."""
    path = Path(path)
    data, source = read_toml(path)
    return note_from_dict(data, source)


def note_from_dict(data: dict[str, Any], source: NoteSource) -> Note:
    """Validate parsed TOML into a Note; unknown keys become warnings that name them."""
    warnings = _unknown_keys(data, source)
    reader = _Reader(data, source)
    card_format = _card_format(reader)
    envelope_name = reader.choice(
        "envelope.format", list(catalog.envelopes()), card_format.envelope, "envelopes"
    )
    paper = reader.choice("print.paper", list(catalog.papers()), "letter", "papers")
    note = Note(
        path=source.path,
        sender=_address(reader, "sender"),
        recipient=_address(reader, "recipient"),
        message=_message(reader, source),
        card=CardSpec(
            format=card_format,
            front=reader.choice("card.front", list(catalog.fronts()), "thank-you", "fronts"),
            message=reader.choice("card.message", ["handwrite", "print"], "handwrite"),
            ruled=reader.boolean("card.ruled", False),
        ),
        handwriting=Handwriting(
            x_height=reader.length("handwriting.x_height", "3mm", low=1 * MM, high=20 * MM),
            line_spacing=reader.length("handwriting.line_spacing", "8mm", low=3 * MM, high=40 * MM),
            width=reader.number("handwriting.width", 1.0, low=0.5, high=2.0),
            slant=reader.number("handwriting.slant", 0.0, low=0.0, high=90.0),
            font=reader.choice("handwriting.font", handwriting_fonts(), "caveat", "fonts"),
        ),
        envelope=EnvelopeSpec(
            format=catalog.envelopes()[envelope_name],
            address=reader.choice("envelope.address", ["print", "none"], "print"),
        ),
        print=PrintSpec(
            target=reader.choice("print.target", ["home"], "home"),
            paper=catalog.papers()[paper],
            duplex=reader.choice("print.duplex", ["long", "short"], "long"),
            bleed=reader.length("print.bleed", "0.125in", low=0.0, high=20 * MM),
            crop_marks=reader.boolean("print.crop_marks", True),
        ),
        warnings=tuple(warnings),
    )
    hand = note.handwriting
    if hand.line_spacing < 1.5 * hand.x_height:
        raise source.error(
            "handwriting.line_spacing",
            "is less than 1.5 × x_height, so written lines would collide; "
            "make line_spacing at least 2.5 × x_height (e.g. 3mm and 8mm)",
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


class _Reader:
    """Typed access to the parsed note with errors that name the key path and the fix."""

    def __init__(self, data: dict[str, Any], source: NoteSource) -> None:
        self.data = data
        self.source = source

    def get(self, key_path: str) -> Any:
        section, _, key = key_path.rpartition(".")
        table = self.data.get(section, {}) if section else self.data
        if not isinstance(table, dict):
            raise self.source.error(section, f"must be a table: write [{section}] on its own line")
        return table.get(key)

    def text(self, key_path: str, default: str = "") -> str:
        value = self.get(key_path)
        if value is None:
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.source.error(key_path, f"must be text in quotes, got {value!r}")
        return value.strip()

    def choice(self, key_path: str, choices: list[str], default: str, listing: str | None = None) -> str:
        """The value if it is one of `choices`; else an error with a suggestion and where to look."""
        value = self.text(key_path, default)
        if value not in choices:
            hint = did_you_mean(value, choices) or f"; choose one of: {', '.join(choices)}"
            look = f" (cardgen list {listing})" if listing else ""
            raise self.source.error(key_path, f"unknown value '{value}'{hint}{look}")
        return value

    def length(self, key_path: str, default: str, *, low: float, high: float) -> float:
        value = self.get(key_path)
        try:
            points = parse_length(default if value is None else value)
        except LengthError as error:
            raise self.source.error(key_path, str(error)) from None
        if not low <= points <= high:
            raise self.source.error(
                key_path,
                f"{value} is out of range; use a length from {low / MM:g}mm to {high / MM:g}mm",
            )
        return points

    def number(self, key_path: str, default: float, *, low: float, high: float) -> float:
        value = self.get(key_path)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.source.error(key_path, f"must be a number (no quotes), got {value!r}")
        if not low <= value <= high:
            raise self.source.error(key_path, f"{value} is out of range; use {low:g} to {high:g}")
        return float(value)

    def boolean(self, key_path: str, default: bool) -> bool:
        value = self.get(key_path)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.source.error(key_path, f"must be true or false (no quotes), got {value!r}")
        return value


def _card_format(reader: _Reader) -> catalog.CardFormat:
    formats = catalog.card_formats()
    name = reader.choice("card.format", [*formats, "custom"], "a2-folded", "formats")
    if name != "custom":
        return formats[name]
    size = reader.get("card.size")
    if not (isinstance(size, list) and len(size) == 2):
        raise reader.source.error("card.size", 'custom cards need size = ["4.25in", "5.5in"]')
    try:
        width, height = (parse_length(part) for part in size)
    except LengthError as error:
        raise reader.source.error("card.size", str(error)) from None
    for side in (width, height):
        if not 2 * 72 <= side <= 12 * 72:
            raise reader.source.error("card.size", "each side must be from 2in to 12in")
    fold = reader.choice("card.fold", ["none", "side"], "none")
    flat = catalog.CardFormat("custom", "custom card", width, height, fold, "")
    return catalog.CardFormat("custom", "custom card", width, height, fold, _smallest_envelope(reader, flat))


def _smallest_envelope(reader: _Reader, card: catalog.CardFormat) -> str:
    """The smallest catalogued envelope at least 1/8 in larger than the card each way."""
    fitting = [
        env
        for env in catalog.envelopes().values()
        if env.width >= max(card.width, card.height) + 9 and env.height >= min(card.width, card.height) + 9
    ]
    if not fitting:
        if reader.get("envelope.format"):
            return str(reader.get("envelope.format"))
        raise reader.source.error(
            "card.size", "no catalogued envelope fits this card; name one as envelope.format"
        )
    return min(fitting, key=lambda env: env.width * env.height).name


def _address(reader: _Reader, section: str) -> Address:
    values = {key: reader.text(f"{section}.{key}") for key in ADDRESS_KEYS}
    values["country"] = values["country"].upper()
    if values["country"] and not re.fullmatch(r"[A-Z]{2}", values["country"]):
        raise reader.source.error(
            f"{section}.country",
            f"'{values['country']}' is not a two-letter ISO 3166 code such as \"US\"",
        )
    return Address(**values)


def _message(reader: _Reader, source: NoteSource) -> Message:
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
            fields[key] = value.date()
    return Message(template if text is None else None, text, MappingProxyType(fields))
