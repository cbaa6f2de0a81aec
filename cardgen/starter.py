"""`cardgen init`: a commented starter note file for a wording template, optionally from answers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from cardgen import catalog

Ask = Callable[[str, Any], Any]
EXAMPLE_STREET = "400 Market Street\nSuite 1200"


def toml_value(value: Any) -> str:
    """A Python value as a TOML literal (strings in basic quotes, dates bare)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def starter_note(template_name: str, answers: dict[str, Any] | None = None) -> str:
    """The note file text: every section with comments, the template's fields filled with
    `answers` where given and examples elsewhere."""
    template = catalog.templates()[template_name]
    given = answers or {}

    def value(key: str, example: Any) -> str:
        return toml_value(given.get(key, example))

    message_lines = []
    for f in template.fields:
        need = "required" if f.required else "optional, delete the line to leave it out"
        message_lines.append(f"# {f.help} ({need})")
        skipped = answers is not None and not f.required and f.name not in given
        message_lines.append(f"{'# ' if skipped else ''}{f.name} = {value(f.name, f.example)}")
    message = "\n".join(message_lines)
    return f"""# A cardgen note: `cardgen check` this file, then `cardgen build` it (see `cardgen --help`).
# Lengths take units: mm, cm, in, pt.
template = "{template_name}"    # {template.description}; `cardgen list templates`

[sender]                # you; also the return address on the envelope
name = {value("sender.name", "Alex Morgan")}
street = {value("sender.street", "12 Elm Street")}    # "\\n" starts a second line
city = {value("sender.city", "Springfield")}
region = {value("sender.region", "IL")}               # state / province / county, where used
postal_code = {value("sender.postal_code", "62701")}
country = {value("sender.country", "US")}             # ISO 3166 two-letter code

[recipient]
name = {value("recipient.name", "Dana Rivera")}
title = {value("recipient.title", "Engineering Manager")}    # optional
company = {value("recipient.company", "Northwind Labs")}     # optional
street = {value("recipient.street", EXAMPLE_STREET)}
city = {value("recipient.city", "San Francisco")}
region = {value("recipient.region", "CA")}
postal_code = {value("recipient.postal_code", "94105")}
country = {value("recipient.country", "US")}

[message]
# greeting = "Dear Ms. Rivera,"    # optional: by default "Dear <first name>,"
{message}
closing = {value("closing", "Warm regards,")}
signature = {value("signature", "Alex")}

[card]
format = "a2-folded"    # `cardgen list formats`
front = "thank-you"     # `cardgen list fronts`; "blank" for a card you bought
message = "handwrite"   # handwrite: the panel is left for your pen | print: set in the handwriting font
ruled = false           # handwrite only: faint writing lines on the card
paragraphs = "indent"   # indent: indented paragraphs, signed from the middle | space: blank lines between
align = "center"        # center: the message stands in the middle of the panel | top

[handwriting]
# preset = "medium"     # `cardgen list hands`: sizes, school rulings, calligraphy hands
# profile = "me"        # your measured hand: cardgen calibrate handwriting
x_height = "3mm"        # how tall your lowercase letters are
line_spacing = "8mm"    # distance between your lines
width = 1.0             # your letters' width compared with the guide font
font = "caveat"         # `cardgen list fonts`

[guide]
mode = "copy"           # copy | underlay (bold, to trace on a lightbox) | ticks (pencil your own lines)
trace = "solid"         # solid | outline | dots | none

[envelope]
address = "print"       # print | none; format defaults to the card's matching envelope

[print]
target = "home"         # home | shop (print-shop files with bleed and crop marks)
paper = "letter"        # letter | a4
duplex = "long"         # long | short: how your printer flips the sheet | manual (no duplex unit)
"""


QUESTIONS = (
    ("sender.name", "Your name"),
    ("sender.street", "Your street address (for the return address; blank for none)"),
    ("sender.city", "Your city"),
    ("sender.region", "Your state / province / county (blank if none)"),
    ("sender.postal_code", "Your postal code"),
    ("sender.country", "Your country (two letters, e.g. US, GB, DE)"),
    ("recipient.name", "Who are you writing to (full name)"),
    ("recipient.title", "Their job title (blank for none)"),
    ("recipient.company", "Their company (blank for none)"),
    ("recipient.street", "Their street address"),
    ("recipient.city", "Their city"),
    ("recipient.region", "Their state / province / county (blank if none)"),
    ("recipient.postal_code", "Their postal code"),
    ("recipient.country", "Their country (two letters)"),
)


def check_template(name: str) -> None:
    """An InputError naming the key "template" when no wording template has this name."""
    from cardgen.errors import InputError, did_you_mean

    if name not in catalog.templates():
        hint = did_you_mean(name, catalog.templates()) or "; see cardgen list templates"
        raise InputError(f"unknown template '{name}'{hint}", key="template")


def interview(template_name: str, ask: Ask, tell: Callable[[str], None]) -> dict[str, Any]:
    """Ask for the people and the template's fields; `ask(question, default)` returns the typed
    text. Each answer is checked by the note file's own rules and asked again, with `tell` saying
    what is wrong (and what was probably meant), until it passes."""
    answers: dict[str, Any] = {key: _valid(key, question, "", ask, tell) for key, question in QUESTIONS}
    for f in catalog.templates()[template_name].fields:
        question = f.help[0].upper() + f.help[1:]
        if is_date_key(f.name):
            question += " (YYYY-MM-DD, blank to skip)"
        answer = _valid(
            f.name, question, f.example if f.required and not is_date_key(f.name) else "", ask, tell
        )
        if answer not in ("", None):
            answers[f.name] = answer
    answers["signature"] = str(answers["sender.name"]).split(" ")[0] or "Alex"
    return answers


def is_date_key(key: str) -> bool:
    """Whether a message field holds a date (decision_by, send_by, interview_date)."""
    return key.endswith(("_by", "_date"))


def _valid(key: str, question: str, default: Any, ask: Ask, tell: Callable[[str], None]) -> Any:
    while True:
        value, problem = check_answer(key, str(ask(question, default)))
        if problem is None:
            return value
        tell(problem)


def check_answer(key: str, answer: str) -> tuple[Any, str | None]:
    """An interview answer as the note file would hold it, or the problem with it: the same rules
    as `cardgen check` applies to that key (a country code, a date, no control characters)."""
    from pathlib import Path

    from cardgen.address import check_country
    from cardgen.coverage import is_stray
    from cardgen.errors import InputError
    from cardgen.tomlsource import NoteSource, Reader
    from cardgen.validate import read_address

    answer = answer.strip()
    if any(is_stray(c) for c in answer):
        return None, "it contains control characters; type it again"
    if is_date_key(key):
        if not answer:
            return "", None
        try:
            return dt.date.fromisoformat(answer), None
        except ValueError:
            return None, f"'{answer}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-05"
    section, _, field = key.partition(".")
    if section in ("sender", "recipient") and field == "country":
        reader = Reader({section: {field: answer}}, NoteSource(Path(""), ""))
        try:
            country = read_address(reader, section).country
            if country:
                check_country(country, section)
            return country, None
        except InputError as error:
            return None, error.problem
    return answer, None
