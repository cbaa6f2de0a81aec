"""The pipeline: note -> wording -> fit -> scenes -> PDFs, written atomically with manifest.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cardgen import catalog
from cardgen.address import address_warnings
from cardgen.coverage import check_coverage, clean_message, is_stray
from cardgen.errors import InputError
from cardgen.files import write_files
from cardgen.followup import email_draft, followup_calendar
from cardgen.fonts import metrics
from cardgen.layout.card import card_document
from cardgen.layout.envelope import ADDRESS_FONT, envelope_document
from cardgen.layout.fit import Fit, HandSize, fit_message, fit_with_suggestions
from cardgen.layout.guide import guide_document
from cardgen.layout.panels import Panel, writing_panels
from cardgen.model import Note
from cardgen.scene import Document, Page
from cardgen.units import MM, format_mm
from cardgen.wording import render_message

MIN_PRINT_X_HEIGHT = 1.8 * MM  # print mode shrinks the message down to this, no further


@dataclass(frozen=True)
class Kit:
    """Everything made for one recipient, before anything is written."""

    note: Note
    text: str
    fit: Fit
    card: Document
    envelope: Document
    guide: Document
    warnings: tuple[str, ...]


def larger_formats(note: Note) -> list[tuple[str, tuple[Panel, ...]]]:
    """Catalog formats of the same fold with a larger writing panel, smallest first."""
    current = note.card.format
    options = [
        f
        for f in catalog.card_formats().values()
        if f.fold == current.fold and f.width * f.height > current.width * current.height
    ]
    options.sort(key=lambda f: f.width * f.height)
    return [(f.name, writing_panels(f)) for f in options]


def fit_note(note: Note, text: str) -> Fit:
    """The fit at the writer's size; in print mode shrunk (down to a legible minimum) until it fits."""
    font = metrics(note.handwriting.font)
    hand = note.handwriting
    size = HandSize(hand.x_height, hand.line_spacing, hand.width)
    panels = writing_panels(note.card.format)
    fit = fit_with_suggestions(text, panels, font, size, larger_formats(note))
    if note.card.message != "print" or fit.fits:
        return fit
    factor = 1.0
    while size.x_height * factor > MIN_PRINT_X_HEIGHT:
        factor -= 0.02
        smaller = fit_message(text, panels, font, size.scaled(factor))
        if smaller.fits:
            return smaller
    others = [s for s in fit.suggestions[1:] if not s.startswith("write smaller")]
    raise InputError(
        f"{note.path.name}: message: too long to print on the {note.card.format.short_label} even at an "
        f"x-height of {format_mm(MIN_PRINT_X_HEIGHT)}; " + "; or ".join(others or ["shorten it"])
    )


def make_kit(note: Note) -> Kit:
    """Model -> wording -> layout for one recipient; pure (writes nothing). Errors name the note."""
    try:
        return _make_kit(note)
    except InputError as error:
        if str(error).startswith(note.path.name):
            raise
        raise InputError(f"{note.path.name}: {error}") from None


def _make_kit(note: Note) -> Kit:
    text, warnings = clean_message(render_message(note), "message")
    if not text.strip():
        raise InputError(f"{note.path.name}: message: the message is empty; write some words")
    warnings += check_coverage(text, note.handwriting.font, "message")
    for role, address in (("sender", note.sender), ("recipient", note.recipient)):
        for key, value in address.as_dict().items():
            if any(is_stray(c) for c in value):
                raise InputError(f"{note.path.name}: {role}.{key}: contains control characters; retype it")
            warnings += check_coverage(value, ADDRESS_FONT, f"{role}.{key}")
    fit = fit_note(note, text)
    if not fit.fits:
        warnings.append(
            f"fit: the message needs {fit.lines_needed} lines, the card holds {fit.lines_available}: "
            + "; or ".join(fit.suggestions[1:])
        )
    warnings += address_warnings(note.recipient, key="recipient")
    envelope, postal = envelope_document(note)
    warnings += postal
    return Kit(
        note, text, fit, card_document(note, fit), envelope, guide_document(note, fit), tuple(warnings)
    )


def recipient_report(
    kit: Kit, pages: dict[str, list[int]] | None = None, line: int | None = None
) -> dict[str, Any]:
    """The manifest's entry for one recipient; without `pages`, `check --json`'s (no page numbers).
    `line`: the recipient's line in the recipients CSV."""
    report: dict[str, Any] = {"name": kit.note.recipient.name}
    if line is not None:
        report["csv_line"] = line
    for kind, numbers in (pages or {}).items():
        report[f"{kind}_pages"] = numbers
    return {**report, "fit": kit.fit.as_dict(), "warnings": list(kit.warnings)}


def job_report(job: Job, pages: list[dict[str, list[int]]] | None = None) -> dict[str, Any]:
    """The manifest without "files" (what `check --json` prints): note-level warnings, skipped rows
    and one entry per recipient."""
    return {
        "warnings": job.note_warnings,
        "skipped": job.skipped,
        "recipients": [
            recipient_report(kit, pages[i] if pages else None, line)
            for i, (kit, line) in enumerate(zip(job.kits, job.lines, strict=True))
        ],
    }


def collate(job: Job) -> tuple[dict[str, Document], list[dict[str, list[int]]]]:
    """One document per kind holding every recipient in order, and each recipient's page numbers."""
    collected: dict[str, list[Page]] = {"card": [], "envelope": [], "guide": []}
    pages = []
    for kit in job.kits:
        numbers = {}
        for kind, sheets in collected.items():
            doc: Document = getattr(kit, kind)
            numbers[kind] = list(range(len(sheets) + 1, len(sheets) + len(doc.pages) + 1))
            sheets.extend(doc.pages)
        pages.append(numbers)
    first = job.kits[0]
    documents = {
        kind: replace(getattr(first, kind), pages=tuple(sheets)) for kind, sheets in collected.items()
    }
    if len(job.kits) > 1:
        documents = {k: replace(d, title=d.title.split(" for ")[0] + "s") for k, d in documents.items()}
    return documents, pages


def render_files(job: Job) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every output file's bytes by file name, and the manifest; nothing is written."""
    from cardgen.render.pdf import render_pdf  # the drawing library is loaded only to write PDFs

    documents, pages = collate(job)
    files = {f"{kind}.pdf": render_pdf(doc) for kind, doc in documents.items()}
    manifest = {"files": {kind: f"{kind}.pdf" for kind in documents}, **job_report(job, pages)}
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    files["message.txt"] = "\n\n".join(email_draft(k.note, k.text) for k in job.kits).encode()
    calendars = [c for k in job.kits if (c := followup_calendar(k.note, k.text))]
    if calendars:
        files["followup.ics"] = calendars[0].encode() if len(calendars) == 1 else _merge_calendars(calendars)
    return files, manifest


def _merge_calendars(calendars: list[str]) -> bytes:
    events = [c.split("BEGIN:VEVENT", 1)[1].rsplit("END:VEVENT", 1)[0] for c in calendars]
    head = calendars[0].split("BEGIN:VEVENT", 1)[0]
    body = "".join(f"BEGIN:VEVENT{e}END:VEVENT\r\n" for e in events)
    return (head + body + "END:VCALENDAR\r\n").encode()


@dataclass(frozen=True)
class Job:
    """A whole run: one kit per recipient in order, each one's CSV line (None: the note's own
    recipient), the note's own warnings, and the CSV rows that were skipped."""

    kits: list[Kit]
    lines: list[int | None]
    note_warnings: list[str]
    skipped: list[str]

    @classmethod
    def of(cls, kit: Kit) -> Job:
        """The job of a single kit (the note's own recipient)."""
        return cls([kit], [None], list(kit.note.warnings), [])


def make_job(note: Note, recipients: Path | None = None, *, strict: bool = False) -> Job:
    """Kits for the note's recipient, or for every good row of a recipients CSV. A bad row is skipped
    with a message naming its line and field; with `strict` it stops the run instead."""
    if recipients is None:
        return Job.of(make_kit(note))
    from cardgen.recipients import read_recipients

    rows, bad = read_recipients(recipients, note)
    skipped = [b.problem for b in bad]
    kits: list[Kit] = []
    lines: list[int | None] = []
    for row in rows:
        try:
            kits.append(_make_kit(note.with_recipient(row.recipient, row.overrides)))
            lines.append(row.line)
        except InputError as error:
            skipped.append(f"{recipients.name}:{row.line}: {error}")
    if skipped and strict:
        raise InputError(
            skipped[0] + (f" (and {len(skipped) - 1} more bad rows)" if len(skipped) > 1 else "")
        )
    if not kits:
        raise InputError(
            f"{recipients.name}: no usable rows" + (f"; first problem: {skipped[0]}" if skipped else "")
        )
    return Job(kits, lines, list(note.warnings), skipped)


def build(job: Job, out_dir: Path, *, force: bool = False) -> tuple[list[str], dict[str, Any]]:
    """Render the job and write its files atomically; returns the names written and the manifest."""
    files, manifest = render_files(job)
    write_files(files, out_dir, force=force)
    return list(files), manifest
