"""The note file validated: parsed TOML -> a Note (cardgen.model), every problem naming its key and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cardgen import catalog, pdfx
from cardgen.address import ADDRESS_FORMATS, check_language, suggest_country
from cardgen.errors import InputError, did_you_mean
from cardgen.handwriting import read_guide, read_handwriting
from cardgen.model import (
    ADDRESS_KEYS,
    SECTION_KEYS,
    TOP_LEVEL_KEYS,
    Address,
    CardSpec,
    EnvelopeSpec,
    Message,
    Note,
    PrintSpec,
    Profiles,
)
from cardgen.tomlsource import NoteSource, Reader, read_toml
from cardgen.units import IN


def load_note(path: Path | str, profiles: Profiles) -> Note:
    """Read and validate a note file; raise InputError for the first problem found."""
    data, source = read_toml(Path(path))
    return validate_note(data, source, profiles)


def validate_note(data: dict[str, Any], source: NoteSource, profiles: Profiles) -> Note:
    """Validate parsed TOML into a Note; unknown keys become warnings that name them. `profiles`
    are the writer's saved hands and printers, for the keys that name one."""
    warnings = _unknown_keys(data, source)
    reader = Reader(data, source)
    card_format = _card_format(reader)
    paper = reader.choice("print.paper", list(catalog.papers()), "letter", "papers")
    note = Note(
        path=source.path,
        sender=read_address(reader, "sender"),
        recipient=read_address(reader, "recipient"),
        message=_message(reader, source),
        card=_card(reader, card_format),
        handwriting=read_handwriting(reader, profiles),
        envelope=_envelope(reader, card_format),
        print=_print(reader, catalog.papers()[paper], profiles),
        warnings=tuple(warnings),
    )
    note = replace(note, guide=read_guide(reader, note.handwriting))
    card, envelope = note.card.format, note.envelope.format
    if not fits_envelope(card.width, card.height, envelope):
        warnings.append(
            source.warning(
                "envelope.format",
                f"the {card.short_label} ({card.width / 72:.4g} × {card.height / 72:.4g} in) does not fit "
                f"the {envelope.label} ({envelope.width / 72:.4g} × {envelope.height / 72:.4g} in) with "
                f'1/8 in to spare; use envelope.format = "{card.envelope}"',
            )
        )
    decision = note.message.fields.get("decision_by")
    if isinstance(decision, dt.date) and decision < dt.date.today():
        warnings.append(
            source.warning(
                "message.decision_by",
                f"{decision} is in the past, yet the note says you will follow up then; "
                "give the day they plan to decide",
            )
        )
    if card.name != "custom":
        for key in ("size", "fold"):
            if reader.get(f"card.{key}") is not None:
                warnings.append(
                    source.warning(
                        f"card.{key}",
                        f'ignored: the {card.name} format fixes it; set format = "custom" to choose your own',
                    )
                )
    shop_only, home_only = (
        ("bleed", "safe", "crop_marks", "colors", "sheet", "standard", "output_condition"),
        ("per_sheet", "printer", "backs"),
    )
    for key in home_only if note.print.target == "shop" else shop_only:
        if reader.get(f"print.{key}") is not None:
            other = "home" if note.print.target == "shop" else "shop"
            warnings.append(source.warning(f"print.{key}", f'ignored: it is for target = "{other}"'))
    photo = pdfx.photo_problem(note)
    if photo:
        raise source.error("print.output_condition", photo)
    problem = catalog.paper_problem(card, note.print.paper)
    if problem and note.print.target == "home":
        raise source.error("print.paper", problem)
    note = replace(note, warnings=tuple(warnings))
    if not note.recipient.name:
        raise source.error("recipient.name", 'missing; add name = "…" under [recipient]')
    return note


def _unknown_keys(data: dict[str, Any], source: NoteSource) -> list[str]:
    warnings: list[str] = []
    tables = [key for key in TOP_LEVEL_KEYS if key != "template"]
    for key, value in data.items():
        if key in TOP_LEVEL_KEYS:
            if key in SECTION_KEYS and isinstance(value, dict):
                for sub in value:
                    if sub not in SECTION_KEYS[key]:
                        hint = did_you_mean(sub, SECTION_KEYS[key])
                        warnings.append(source.warning(f"{key}.{sub}", f"unknown key, ignored{hint}"))
        elif isinstance(value, dict):  # a whole table under a misspelt name: its keys are all lost
            hint = did_you_mean(key, tables)
            hint = (
                f"; did you mean [{hint.split(chr(39))[1]}]?"
                if hint
                else f"; the tables are: {', '.join(tables)}"
            )
            warnings.append(source.warning(key, f"unknown table [{key}], ignored with all its keys{hint}"))
        else:
            warnings.append(source.warning(key, f"unknown key, ignored{did_you_mean(key, TOP_LEVEL_KEYS)}"))
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
    names = catalog.message_panels(card_format)
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
        paragraphs=reader.choice("card.paragraphs", ["indent", "space"], "indent"),
        align=reader.choice("card.align", ["center", "top"], "center"),
    )


def initials(name: str) -> str:
    """'Alex Rivera' -> 'AR'; at most three letters."""
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()[:3]


def _print(reader: Reader, paper: catalog.Paper, profiles: Profiles) -> PrintSpec:
    target = reader.choice("print.target", ["home", "shop"], "home")
    per_sheet = reader.number("print.per_sheet", 0, low=0, high=64)
    if per_sheet != int(per_sheet):
        raise reader.source.error("print.per_sheet", "must be a whole number (0: as many as fit)")
    printer = reader.text("print.printer")
    try:
        profile = profiles.printer(printer) if printer else None
    except InputError as error:
        raise reader.source.error("print.printer", error.problem) from None
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
    return EnvelopeSpec(
        format=envelope,
        address=address,
        style=style,
        uppercase=reader.boolean("envelope.uppercase", style == "sans" and address == "print"),
        return_address=reader.choice("envelope.return_address", ["front", "back", "none"], "front"),
        guide_align=reader.choice("envelope.guide_align", ["centered", "left"], "centered"),
        **read_feed(reader),
        language=_language(reader),
        address_format=reader.choice("envelope.address_format", list(ADDRESS_FORMATS), "auto"),
        number=reader.choice("envelope.number", ["none", "flap"], "none"),
    )


FEED_KEYS = ("feed", "feed_rotate", "face")


def read_feed(reader: Reader) -> dict[str, Any]:
    """How a home printer takes envelopes: [envelope] feed, feed_rotate and face."""
    rotate = reader.get("envelope.feed_rotate")
    if rotate is not None and (isinstance(rotate, bool) or rotate not in (0, 90, 180, 270)):
        raise reader.source.error("envelope.feed_rotate", f"{rotate!r}: use 0, 90, 180 or 270 (no quotes)")
    return {
        "feed": reader.choice("envelope.feed", ["none", "left", "center", "right"], "none"),
        "feed_rotate": int(rotate or 0),
        "face": reader.choice("envelope.face", ["up", "down"], "up"),
    }


def _language(reader: Reader) -> str:
    language = reader.text("envelope.language", "en").replace("-", "_")
    try:
        check_language(language, "envelope.language")
    except InputError as error:
        raise reader.source.error("envelope.language", error.problem) from None
    return language


def read_address(reader: Reader, section: str) -> Address:
    """The [sender] or [recipient] table; the country as an upper-case ISO code, checked."""
    values = {key: reader.text(f"{section}.{key}") for key in ADDRESS_KEYS}
    values["country"] = values["country"].upper()
    if values["country"] and not re.fullmatch(r"[A-Z]{2}", values["country"]):
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
