"""One recipient's kit: model -> wording -> fit -> card, envelope and guide scenes, with its warnings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cardgen import catalog
from cardgen.address import address_language, address_warnings, local_format_used
from cardgen.coverage import check_coverage, clean_message, is_stray
from cardgen.errors import Finding, InputError
from cardgen.fonts import bundled_fonts, for_language, metrics
from cardgen.fontstore import needs_fonts_error
from cardgen.layout import fitwords
from cardgen.layout.card import CardFaces, card_document, card_faces, card_grid
from cardgen.layout.envelope import ADDRESS_FONT, delivery_font, delivery_lines, envelope_document
from cardgen.layout.fit import Fit, HandSize, fit_message, fit_with_suggestions
from cardgen.layout.guide import guide_document
from cardgen.layout.letter import letter_style
from cardgen.layout.panels import Panel, next_panel, writing_panels
from cardgen.layout.trace import stroke_fallback_warning
from cardgen.model import CardSpec, Handwriting, Note
from cardgen.scene import Document
from cardgen.scripts import text_language
from cardgen.units import MM, format_mm
from cardgen.wording import render_message

if TYPE_CHECKING:
    from cardgen.images import Photo

MIN_PRINT_X_HEIGHT = 1.8 * MM  # print mode shrinks the message down to this, no further


@dataclass(frozen=True)
class Kit:
    """Everything made for one recipient, before anything is written."""

    note: Note
    text: str
    fit: Fit
    faces: CardFaces
    envelope: Document
    guide: Document
    warnings: tuple[str, ...]

    @property
    def card(self) -> Document:
        """This recipient's card on its own sheets (spare copies fill the places left)."""
        return card_document(self.note, [self.faces])


def larger_formats(note: Note) -> list[tuple[str, tuple[Panel, ...]]]:
    """Catalog formats of the same fold with a larger writing panel, smallest first."""
    return _larger_formats(note.card.format)


@lru_cache(maxsize=8)  # the same for every recipient of a run
def _larger_formats(current: catalog.CardFormat) -> list[tuple[str, tuple[Panel, ...]]]:
    options = [
        f
        for f in catalog.card_formats().values()
        if f.fold == current.fold and f.width * f.height > current.width * current.height
    ]
    # cards of the user's own size system first (ISO for ISO and DL, inches for the rest), then by size
    options.sort(key=lambda f: (_metric(f) != _metric(current), f.width * f.height))
    return [(f.name, writing_panels(f)) for f in options]


def _metric(card: catalog.CardFormat) -> bool:
    return card.name.startswith(("iso-", "dl-"))


def fit_note(note: Note, text: str) -> Fit:
    """The fit at the writer's size; in print mode shrunk (down to a legible minimum) until it fits."""
    return _fit(note.handwriting, note.card, text)


@lru_cache(maxsize=64)  # recipients whose messages have the same words share one fit
def _fit(hand: Handwriting, card: CardSpec, text: str) -> Fit:
    font = metrics(hand.font)
    size = HandSize(hand.x_height, hand.line_spacing, hand.width)
    panels = writing_panels(card.format, card.panels)
    extra = next_panel(card.format, tuple(p.name for p in panels))
    more = writing_panels(card.format, (extra,))[0] if extra else None
    style = letter_style(card)
    fit = fit_with_suggestions(text, panels, font, size, _larger_formats(card.format), more, style)
    if card.message != "print" or fit.fits:
        return fit
    factor = 1.0
    while size.x_height * factor > MIN_PRINT_X_HEIGHT:
        factor -= 0.02
        smaller = fit_message(text, panels, font, size.scaled(factor), style)
        if smaller.fits:
            return smaller
    others = [s.text for s in fit.suggestions if s.kind not in ("overflow", "x_height")]
    raise InputError(
        f"too long to print on the {card.format.short_label} even at an x-height of "
        f"{format_mm(MIN_PRINT_X_HEIGHT)}; " + "; or ".join(others or ["shorten it"]),
        key="message",
    )


def make_kit(note: Note, number: int | None = None) -> Kit:
    """Model -> wording -> layout for one recipient (`number`: its place in a run, printed on its
    guide); pure (writes nothing). Errors name the note file."""
    try:
        return _make_kit(note, number)
    except InputError as error:
        if error.file:
            raise
        raise InputError(
            error.problem, key=error.key, file=note.path.name, line=error.line, allow=error.allow
        ) from None


def _make_kit(note: Note, number: int | None) -> Kit:
    text, cleaned = clean_message(render_message(note), "message")
    warnings: list[str] = [*cleaned]
    if not text.strip():
        raise InputError("the message is empty; write some words", key="message")
    language = text_language(text)  # Han read as Japanese, Chinese or Korean by the message's words
    if language:
        font = for_language(note.handwriting.font, language)
        note = replace(note, handwriting=replace(note.handwriting, font=font))
    warnings += check_coverage(text, note.handwriting.font, "message")
    if note.guide.trace == "dots":
        fallback = stroke_fallback_warning(text, note.guide.stroke_font, "guide.trace")
        warnings += [fallback] if fallback else []
    from_country = note.sender.country or note.recipient.country
    for role, address in (("sender", note.sender), ("recipient", note.recipient)):
        font = for_language(ADDRESS_FONT, address_language(address, from_country))
        for key, value in address.as_dict().items():
            if any(is_stray(c) for c in value):
                raise InputError("contains control characters; retype it", key=f"{role}.{key}")
            warnings += check_coverage(value, font, f"{role}.{key}")
    fit = fit_note(note, text)
    if not fit.fits:
        warnings.append(
            Finding(
                fitwords.fit_warning(
                    fit.lines_needed, fit.lines_available, [s.text for s in fit.suggestions[1:]]
                ),
                "fit",
            )
        )
    local = local_format_used(note.recipient, from_country, note.envelope.address_format)
    warnings += address_warnings(note.recipient, key="recipient", local=local)
    warnings += _format_coverage(note, local)
    envelope, postal = envelope_document(note, number)
    warnings += postal
    guide = guide_document(note, fit, number)
    faces = card_faces(note, fit, _photo(note))
    warnings += faces.warnings
    printer = note.print.printer
    if printer and note.print.target == "home":
        grid = card_grid(note)
        landscape = grid.page_w > grid.page_h
        if printer.offsets(landscape, "long") is None:
            sheet = "landscape" if landscape else "portrait"
            warnings.append(
                Finding(
                    f"'{printer.name}' was measured on {printer.orientation} pages and this card prints on "
                    f"{sheet} ones, so no offsets were applied; measure it again on {sheet} pages",
                    "print.printer",
                )
            )
    return Kit(note, text, fit, faces, envelope, guide, tuple(warnings))


def _format_coverage(note: Note, local: bool) -> list[Finding]:
    """The characters the address's format adds to those the user wrote (〒, 様, the country's name
    in the sender's language) checked against the font they are drawn in; in a local format that
    needs optional fonts not installed, an error naming them and the way back to the Latin one."""
    if note.envelope.address == "none":
        return []
    written = "".join(note.recipient.as_dict().values())
    added = set("".join(delivery_lines(note))) - set(written) - set(written.upper()) - set(" 0123456789")
    key = "envelope.address_format" if local else "envelope.language"
    try:
        return check_coverage("".join(sorted(added)), delivery_font(note), key) if added else []
    except InputError:
        country = note.recipient.country or note.sender.country
        group = address_language(note.recipient, country)
        if not local or not any(f.group == group and not f.installed for f in bundled_fonts().values()):
            raise
        needed = needs_fonts_error(str(group)).problem
        raise InputError(
            f"{country}'s local address format writes {' and '.join(sorted(added))}: {needed}, or set "
            'address_format = "latin"',
            key=key,
        ) from None


@lru_cache(maxsize=4)  # a run's recipients share one photo: decoded once
def _load_photo(path: Path, where: str, version: tuple[int, int]) -> Photo:
    from cardgen.images import load_photo  # Pillow is loaded only for a photo front

    return load_photo(path, where)


def _photo(note: Note) -> Photo | None:
    """The front's photo, decoded, when the card has a photo front (a changed file is read again)."""
    path = note.card.image
    if path is None or catalog.fronts()[note.card.front].kind != "photo":
        return None
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = (0, 0)  # load_photo says what is wrong
    return _load_photo(path, "card.image", version)
