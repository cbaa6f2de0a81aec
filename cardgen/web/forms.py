"""The note as a form: the field schema (from the catalogs), the defaults (what `cardgen init`
writes), a form's values turned into the note file's tables, those tables into TOML text, and back."""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from typing import Any

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.starter import is_date_key, starter_note, toml_value

DEFAULT_TEMPLATE = "interview-thank-you"
FREE_TEXT = ""  # the template picker's value for a message written out in full ([message] text)
SECTIONS = ("sender", "recipient", "message", "card", "handwriting", "guide", "envelope", "print")
NONE = ("", "none")  # a saved profile not used


def _choices(names: Any, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    return [(name, (labels or {}).get(name, name)) for name in names]


def _field(key: str, label: str, kind: str = "text", help: str = "", **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": label, "kind": kind, "help": help, **extra}


def _saved_names(kind: str) -> list[str]:
    from cardgen.profiles import _read_all

    try:
        return sorted(_read_all(kind))
    except InputError:
        return []


def schema() -> dict[str, Any]:
    """Every part of the note as form fields, by section: key (section.name), label, kind (text,
    textarea, choice, bool, length, number, date, size, photo), choices, help, and `when` (shown
    only while another field has one of the given values)."""
    from cardgen.fonts import handwriting_fonts
    from cardgen.handwriting import RULINGS

    formats = catalog.card_formats()
    fonts = handwriting_fonts(installed=True)  # an optional font not installed is not offered
    photo = {"card.front": ["photo"]}
    custom_card = {"card.format": ["custom"]}
    home = {"print.target": ["home"]}
    return {
        "templates": [
            {
                "name": t.name,
                "description": t.description,
                "fields": [
                    {
                        "key": f"message.{f.name}",
                        "name": f.name,
                        "required": f.required,
                        **_label_and_help(f.help),
                        "example": _as_form_value(f.example),
                        "kind": "date" if is_date_key(f.name) else "text",
                    }
                    for f in t.fields
                ],
            }
            for t in catalog.templates().values()
        ],
        "message": [
            _field("message.greeting", "Greeting", help='optional: "Dear <first name>," by default'),
            _field("message.closing", "Closing"),
            _field("message.signature", "Signature"),
            _field("message.text", "Your message", "textarea", help="written out in full"),
        ],
        "card": [
            _field(
                "card.format",
                "Card size",
                "choice",
                choices=[*_choices(formats, {n: f.label for n, f in formats.items()}), ("custom", "Custom")],
            ),
            _field("card.size", "Custom size", "size", 'width and height, e.g. "5in, 7in"', when=custom_card),
            _field(
                "card.fold", "Fold", "choice", choices=_choices(["none", "side", "top"]), when=custom_card
            ),
            _field(
                "card.front",
                "Front design",
                "choice",
                choices=_choices(catalog.fronts(), {n: f.label for n, f in catalog.fronts().items()}),
            ),
            _field(
                "card.image", "Photo", "photo", "JPEG, PNG or WebP; 150 ppi or more prints sharp", when=photo
            ),
            _field("card.fit", "Photo fit", "choice", choices=_choices(["fill", "fit"]), when=photo),
            _field("card.caption", "Caption", help="a line under the photo", when=photo),
            _field(
                "card.monogram", "Monogram", help="default: your initials", when={"card.front": ["monogram"]}
            ),
            _field("card.ink", "Ink colour", help="the front design's colour, e.g. #2f4858"),
            _field(
                "card.message",
                "Message",
                "choice",
                choices=[("handwrite", "Left for my pen"), ("print", "Printed in the handwriting font")],
            ),
            _field(
                "card.ruled", "Faint writing lines on the card", "bool", when={"card.message": ["handwrite"]}
            ),
        ],
        "handwriting": [
            _field(
                "handwriting.preset",
                "Preset",
                "choice",
                choices=[
                    ("", "none: the sizes below"),
                    *_choices(catalog.hand_presets(), _labels(catalog.hand_presets())),
                ],
            ),
            _field(
                "handwriting.profile",
                "Your saved hand",
                "choice",
                choices=[NONE, *_choices(_saved_names("hands"))],
            ),
            _field("handwriting.x_height", "Letter height (x-height)", "length", "e.g. 3mm"),
            _field("handwriting.line_spacing", "Line spacing", "length", "e.g. 8mm"),
            _field("handwriting.width", "Letter width", "number", "1.0 = as wide as the guide font"),
            _field("handwriting.slant", "Slant (degrees)", "number", "0 for no slant lines"),
            _field("handwriting.font", "Guide font", "choice", choices=_choices(fonts)),
        ],
        "guide": [
            _field(
                "guide.mode",
                "Guide",
                "choice",
                choices=[
                    ("copy", "Copy beside the card"),
                    ("underlay", "Trace on a lightbox"),
                    ("ticks", "Ticks only"),
                ],
            ),
            _field(
                "guide.trace",
                "Tracing letters",
                "choice",
                choices=_choices(["solid", "outline", "dots", "none"]),
            ),
            _field("guide.ruling", "Ruling", "choice", choices=[("", "the preset's"), *_choices(RULINGS)]),
            _field("guide.mirror", "Mirrored (for acetate)", "bool", when={"guide.mode": ["underlay"]}),
        ],
        "envelope": [
            _field(
                "envelope.format",
                "Envelope",
                "choice",
                choices=[
                    ("", "the card's envelope"),
                    *_choices(catalog.envelopes(), _labels(catalog.envelopes())),
                ],
            ),
            _field(
                "envelope.address",
                "Address",
                "choice",
                choices=[("print", "Printed"), ("guide", "A guide to write over"), ("none", "None")],
            ),
            _field("envelope.style", "Lettering", "choice", choices=_choices(["sans", "handwriting"])),
            _field(
                "envelope.address_format",
                "Address format",
                "choice",
                "local: in the country's own script and order when both addresses are in one country",
                choices=[("auto", "automatic"), ("local", "the country's own"), ("latin", "Latin letters")],
            ),
            _field(
                "envelope.return_address",
                "Return address",
                "choice",
                choices=_choices(["front", "back", "none"]),
            ),
            _field(
                "envelope.feed",
                "Printer feed",
                "choice",
                choices=_choices(["none", "left", "center", "right"]),
            ),
        ],
        "print": [
            _field(
                "print.target",
                "Print on",
                "choice",
                choices=[("home", "My printer"), ("shop", "A print shop")],
            ),
            _field(
                "print.paper",
                "Paper",
                "choice",
                choices=_choices(catalog.papers(), _labels(catalog.papers())),
                when=home,
            ),
            _field(
                "print.duplex",
                "Two-sided printing",
                "choice",
                choices=[
                    ("long", "Flip on long edge"),
                    ("short", "Flip on short edge"),
                    ("manual", "By hand"),
                ],
                when=home,
            ),
            _field(
                "print.printer",
                "Printer profile",
                "choice",
                choices=[NONE, *_choices(_saved_names("printers"))],
                when=home,
            ),
        ],
    }


def _label_and_help(text: str) -> dict[str, str]:
    """A template field's help as a form label and the hint after it: "the day they plan to decide
    (no quotes); the note says…" -> "The day they plan to decide", "the note says…" (quotes are
    the note file's business, not the form's)."""
    label, _, rest = text.partition(" (")
    hint = ("(" + rest if rest else "").replace("(no quotes); ", "").replace("(no quotes)", "").strip()
    return {"label": label[:1].upper() + label[1:], "help": hint}


def _labels(entries: dict[str, Any]) -> dict[str, str]:
    return {name: entry.label for name, entry in entries.items()}


def _fields() -> dict[str, dict[str, Any]]:
    every = schema()
    found = {f["key"]: f for section, fields in every.items() if section != "templates" for f in fields}
    for template in every["templates"]:
        for f in template["fields"]:
            found.setdefault(f["key"], {"key": f["key"], "kind": f["kind"]})
    return found


def _as_form_value(value: Any) -> Any:
    """A note value as a form input holds it: text, or a bool for a checkbox."""
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@cache
def _default_tables() -> dict[str, Any]:
    return tomllib.loads(starter_note(DEFAULT_TEMPLATE))


def defaults() -> dict[str, Any]:
    """The form as `cardgen init` fills it: the interview thank-you with its examples."""
    return note_to_form(_default_tables())


def note_to_form(data: dict[str, Any]) -> dict[str, Any]:
    """The note file's tables as the form's values (text, or booleans for checkboxes)."""
    form: dict[str, Any] = {"template": str(data.get("template", FREE_TEXT))}
    for section in SECTIONS:
        table = data.get(section, {})
        form[section] = {k: _as_form_value(v) for k, v in table.items()} if isinstance(table, dict) else {}
    return form


def form_to_note(form: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the note file's tables: blanks left out, numbers, dates, sizes and
    checkboxes typed; an InputError naming the field for a value that is not what it should be."""
    fields = _fields()
    template = str(form.get("template") or FREE_TEXT).strip()
    data: dict[str, Any] = {"template": template} if template else {}
    for section in SECTIONS:
        given = form.get(section) or {}
        if not isinstance(given, dict):
            raise InputError(f"must be a table of fields, got {type(given).__name__}", key=section)
        table: dict[str, Any] = {}
        for name, raw in given.items():
            key = f"{section}.{name}"
            if section == "message" and (name == "text") != (not template):
                continue  # a template reads its fields; a message written out is only its text
            value = _typed(key, raw, fields.get(key, {}).get("kind", "date" if is_date_key(name) else "text"))
            if value is not None:
                table[name] = value
        if table:
            data[section] = table
    return data


def _typed(key: str, raw: Any, kind: str) -> Any:
    """One form value as the note file holds it (None: left out)."""
    if kind == "bool" or isinstance(raw, bool):
        return bool(raw)
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"'{text}' is not a number; write it with digits, e.g. 1.0", key=key) from None
        return int(number) if number.is_integer() and "." not in text else number
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(
                f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2027-02-26", key=key
            ) from None
    if kind == "size":
        parts = [p.strip() for p in text.replace("×", ",").replace(" x ", ",").split(",") if p.strip()]
        if len(parts) != 2:
            raise InputError(f"'{text}': give the width and the height, e.g. 5in, 7in", key=key)
        return parts
    return str(raw).replace("\r\n", "\n").strip() if kind == "textarea" else text


def note_toml(data: dict[str, Any]) -> str:
    """The note file's tables as TOML text that `cardgen.load_note` reads back to the same note."""
    lines = ["# A cardgen note, saved from the web page (cardgen serve).", ""]
    if "template" in data:
        lines += [f"template = {toml_value(data['template'])}", ""]
    for section in SECTIONS:
        table = data.get(section)
        if not table:
            continue
        lines.append(f"[{section}]")
        for name, value in table.items():
            lines.append(f"{name} = {_toml(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return toml_value(value)


def read_note_text(text: str, name: str = "note.toml") -> dict[str, Any]:
    """A TOML note's text as the form's values; an InputError naming the line on a syntax error."""
    from cardgen.tomlsource import _syntax_error

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, text, name) from None
    return note_to_form(data)
