"""The pipeline: note -> wording -> fit -> scenes -> PDFs, written atomically with manifest.json."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardgen import catalog
from cardgen.address import address_warnings
from cardgen.coverage import check_coverage, clean_message, is_stray
from cardgen.errors import InputError
from cardgen.files import Staging, staged
from cardgen.followup import email_draft, followup_calendar
from cardgen.fonts import metrics
from cardgen.layout import fitwords
from cardgen.layout.card import (
    CardFaces,
    card_document,
    card_faces,
    card_grid,
    fronts_and_backs,
    message_pages,
)
from cardgen.layout.checklist import ChecklistEntry, checklist_pages, send_by
from cardgen.layout.envelope import ADDRESS_FONT, envelope_document
from cardgen.layout.fit import Fit, HandSize, fit_message, fit_with_suggestions
from cardgen.layout.guide import guide_document
from cardgen.layout.letter import letter_style
from cardgen.layout.panels import Panel, faces, next_panel, writing_panels
from cardgen.layout.trace import stroke_fallback_warning
from cardgen.model import Note
from cardgen.recipients import Row, read_recipients
from cardgen.scene import Document, walk
from cardgen.scene import Image as SceneImage
from cardgen.units import MM, format_mm
from cardgen.wording import render_message

if TYPE_CHECKING:
    from cardgen.images import Photo

MIN_PRINT_X_HEIGHT = 1.8 * MM  # print mode shrinks the message down to this, no further
KINDS = ("card", "envelope", "guide")
TITLES = {"card": "Cards", "envelope": "Envelopes", "guide": "Handwriting guides"}  # of many recipients


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
    font = metrics(note.handwriting.font)
    hand = note.handwriting
    size = HandSize(hand.x_height, hand.line_spacing, hand.width)
    card = note.card
    panels = writing_panels(card.format, card.panels)
    extra = next_panel(card.format, tuple(p.name for p in panels))
    more = writing_panels(card.format, (extra,))[0] if extra else None
    style = letter_style(card)
    fit = fit_with_suggestions(text, panels, font, size, larger_formats(note), more, style)
    if note.card.message != "print" or fit.fits:
        return fit
    factor = 1.0
    while size.x_height * factor > MIN_PRINT_X_HEIGHT:
        factor -= 0.02
        smaller = fit_message(text, panels, font, size.scaled(factor), style)
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


def _make_kit(note: Note, number: int | None = None) -> Kit:
    text, warnings = clean_message(render_message(note), "message")
    if not text.strip():
        raise InputError(f"{note.path.name}: message: the message is empty; write some words")
    warnings += check_coverage(text, note.handwriting.font, "message")
    if note.guide.trace == "dots":
        fallback = stroke_fallback_warning(text, note.guide.stroke_font, "guide")
        warnings += [fallback] if fallback else []
    for role, address in (("sender", note.sender), ("recipient", note.recipient)):
        for key, value in address.as_dict().items():
            if any(is_stray(c) for c in value):
                raise InputError(f"{note.path.name}: {role}.{key}: contains control characters; retype it")
            warnings += check_coverage(value, ADDRESS_FONT, f"{role}.{key}")
    fit = fit_note(note, text)
    if not fit.fits:
        warnings.append(fitwords.fit_warning(fit.lines_needed, fit.lines_available, fit.suggestions[1:]))
    warnings += address_warnings(note.recipient, key="recipient")
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
                f"print.printer: '{printer.name}' was measured on {printer.orientation} pages and this card "
                f"prints on {sheet} ones, so no offsets were applied; measure again with cardgen calibrate "
                f"printer{' --landscape' if landscape else ''}"
            )
    return Kit(note, text, fit, faces, envelope, guide, tuple(warnings))


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
    return _load_photo(path, f"{note.path.name}: card.image", version)


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
    ppi = photo_ppi(kit.faces)
    if ppi is not None:
        report["photo_ppi"] = ppi
    return {**report, "fit": kit.fit.as_dict(), "warnings": list(kit.warnings)}


def photo_ppi(faces: CardFaces) -> int | None:
    """The front photo's effective resolution at its printed size (the lower of its two axes)."""
    for item, transform, _ in walk(faces.outside):
        if isinstance(item, SceneImage):
            scale = math.hypot(transform[0], transform[1])
            return math.floor(min(item.pixels[0] / item.w, item.pixels[1] / item.h) * 72 / scale)
    return None


@dataclass
class Job:
    """A whole run: (CSV line or None, kit) per recipient, made lazily as `entries` is consumed (so a
    long run holds one kit at a time); rows found bad are added to `skipped` on the way."""

    note: Note
    entries: Iterator[tuple[int | None, Kit]]
    total: int
    skipped: list[str] = field(default_factory=list)
    rows: list[Row] | None = None  # a CSV run: drawn in parts (see run_parts)
    source: str = ""  # the CSV's name, for messages
    strict: bool = False
    workers: int | None = None

    @classmethod
    def of(cls, kit: Kit) -> Job:
        """The job of a single kit (the note's own recipient)."""
        return cls(kit.note, iter([(None, kit)]), 1)


def make_job(
    note: Note, recipients: Path | None = None, *, strict: bool = False, workers: int | None = None
) -> Job:
    """The note's recipient, or every good row of a recipients CSV. A bad row is skipped with a
    message naming its line and field; with `strict` it stops the run instead. A CSV run of
    PARALLEL_FROM rows or more is drawn in parts by worker processes (`workers`: how many; 0 for
    none; default: one per core, at most 4)."""
    if recipients is None:
        return Job.of(make_kit(note))
    rows, bad = read_recipients(recipients, note)
    if bad and strict:
        raise InputError(f"{bad[0].problem} (--strict stops at the first bad row)")
    job = Job(note, iter(()), len(rows), [b.problem for b in bad], rows, recipients.name, strict, workers)

    def entries() -> Iterator[tuple[int | None, Kit]]:
        made = 0
        for number, row in enumerate(rows, start=1):
            kit = _row_kit(note, row, number)
            if isinstance(kit, str):
                _skip(job, row.line, kit)
                continue
            made += 1
            yield row.line, kit
        if not made:
            raise _no_rows(job)

    job.entries = entries()
    return job


PARALLEL_FROM = 200  # rows; below this, worker processes cost more than they save
PART_SIZE = 100  # recipients drawn into one part PDF per kind


def _skip(job: Job, line: int, problem: str) -> None:
    """Record a bad row, or with --strict stop the run on it."""
    message = f"{job.source}:{line}: {problem}"
    if job.strict:
        raise InputError(f"{message} (--strict stops at the first bad row)")
    job.skipped.append(message)


def _no_rows(job: Job) -> InputError:
    first = f"; first problem: {job.skipped[0]}" if job.skipped else ""
    return InputError(f"{job.source}: no usable rows{first}")


def _row_kit(note: Note, row: Row, number: int) -> Kit | str:
    try:
        return _make_kit(note.with_recipient(row.recipient, row.overrides), number)
    except InputError as error:
        return str(error)


class Ledger:
    """What a run keeps of each recipient: its manifest entry as JSON text (a few hundred bytes each,
    so 10,000 recipients stay small), the entries in full only where there is something to say,
    and the email drafts, calendar events and checklist lines."""

    SHOWN = 20  # a run this short shows every recipient's fit; a longer one only the problems

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.shown: list[dict[str, Any]] = []
        self.emails: list[str] = []
        self.calendars: list[str] = []
        self.checklist: list[ChecklistEntry] = []

    def add(self, entry: dict[str, Any], email: str, calendar: str | None, line: ChecklistEntry) -> None:
        self.entries.append(_indent(json.dumps(entry, indent=2, ensure_ascii=False)))
        if len(self.entries) <= self.SHOWN or entry["warnings"] or not entry["fit"]["fits"]:
            self.shown.append(entry)
        self.emails.append(email)
        if calendar:
            self.calendars.append(calendar)
        self.checklist.append(line)


def output_names(note: Note, kind: str) -> tuple[str, ...]:
    """The files a kind is written to: `card.pdf`, or for manual duplex `card-fronts.pdf` and
    `card-backs.pdf`."""
    if kind == "card" and manual_duplex(note):
        return ("card-fronts.pdf", "card-backs.pdf")
    return (f"{kind}.pdf",)


def manual_duplex(note: Note) -> bool:
    """Whether the card is printed as a fronts file and a backs file."""
    spec = note.print
    return spec.target == "home" and spec.duplex == "manual" and note.card.format.fold != "quarter"


class Sink:
    """One kind's documents written to its file(s) recipient by recipient, keeping page numbers.
    Cards of consecutive recipients share sheets: they are laid out a sheet at a time."""

    def __init__(self, note: Note, kind: str, paths: list[Path], lead: bool = True) -> None:
        """`lead`: the files start here (not in a later part of a run): a print check may go first."""
        from cardgen.render.pdf import PdfStream  # the drawing library is loaded only to write PDFs

        self.note, self.kind = note, kind
        self.streams = [PdfStream(path) for path in paths]
        self.pages = 0  # in the first file
        self.cards: list[CardFaces] = []
        if kind == "card":
            self.per_sheet = card_grid(note).count
            self.sheet_pages = 1 if len(paths) == 2 else len(faces(note.card.format))
            if lead:
                self._write(card_document(note, []))  # only a whole-sheet card's print check

    def add(self, kit: Kit) -> list[int]:
        """Add a recipient; returns the numbers its pages have in the (first) file."""
        if self.kind != "card":
            document: Document = getattr(kit, self.kind)
            self.streams[0].add(document)
            self.pages += len(document.pages)
            return list(range(self.pages - len(document.pages) + 1, self.pages + 1))
        self.cards.append(kit.faces)
        numbers = list(range(self.pages + 1, self.pages + self.sheet_pages + 1))
        if len(self.cards) == self.per_sheet:
            self._flush()
        return numbers

    def _flush(self) -> None:
        if not self.cards:
            return
        document = card_document(self.note, self.cards, lead=False)
        self.cards = []
        self._write(document)

    def _write(self, document: Document) -> None:
        if not document.pages:
            return
        documents = fronts_and_backs(document) if len(self.streams) == 2 else (document,)
        for stream, part in zip(self.streams, documents, strict=True):
            stream.add(part)
        self.pages += len(documents[0].pages)

    def close(self, title: str | None = None) -> None:
        """Finish the files (a manual duplex backs file last page first, if the note asks)."""
        self._flush()
        for index, stream in enumerate(self.streams):
            stream.close(title, reverse=index == 1 and self.note.print.backs == "reversed")


@dataclass
class Part:
    """Recipients drawn into part PDFs (by output name) and what the run needs from each of them:
    per recipient, its pages in the part's files; per kind, the part's page count."""

    files: dict[str, Path]
    records: list[tuple[int, dict[str, Any], dict[str, list[int]], str, str | None, ChecklistEntry]]
    problems: list[tuple[int, str]]
    page_counts: dict[str, int] = field(default_factory=dict)


def _extras(kit: Kit, number: int) -> tuple[str, str | None, ChecklistEntry]:
    """A recipient's email draft, follow-up calendar event (if any) and checklist line."""
    recipient = kit.note.recipient
    detail = recipient.company or recipient.city
    line = ChecklistEntry(number, recipient.name, detail, send_by(kit.note.message.fields))
    return email_draft(kit.note, kit.text), followup_calendar(kit.note, kit.text), line


def _draw_part(task: tuple[Note, list[Row], int, Path, tuple[str, ...]]) -> Part:
    """Lay out and draw one part's recipients (in a worker process, or in this one)."""
    note, rows, first, folder, only = task
    names = {kind: output_names(note, kind) for kind in only}
    files = {name: folder / f".part{first:06d}.{name}" for kind in only for name in names[kind]}
    sinks = {kind: Sink(note, kind, [files[name] for name in names[kind]], first == 1) for kind in only}
    part = Part(files, [], [])
    for number, row in enumerate(rows, start=first):
        kit = _row_kit(note, row, number)
        if isinstance(kit, str):
            part.problems.append((row.line, kit))
            continue
        pages = {kind: sink.add(kit) for kind, sink in sinks.items()}
        part.records.append((row.line, recipient_report(kit), pages, *_extras(kit, number)))
    for kind, sink in sinks.items():
        sink.close()
        part.page_counts[kind] = sink.pages
    return part


def _parts(job: Job, folder: Path, only: tuple[str, ...]) -> Iterator[Part]:
    """The job's parts in order, drawn by worker processes when the run is long and the machine has
    a spare core. Parts depend only on the input, so the files are the same however they were made."""
    rows = job.rows or []
    per_sheet = card_grid(job.note).count if "card" in only else 1
    size = max(per_sheet, PART_SIZE - PART_SIZE % per_sheet)  # whole sheets: no spares mid-run
    tasks = [(job.note, rows[i : i + size], i + 1, folder, only) for i in range(0, len(rows), size)]
    workers = job.workers
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(rows) >= PARALLEL_FROM else 0
    if not workers:
        yield from map(_draw_part, tasks)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_draw_part, tasks)


def run_parts(
    job: Job, staging: Staging, only: tuple[str, ...], progress: Callable[[], None]
) -> dict[str, Any]:
    """A CSV run drawn in parts and joined: the same files as run_job draws one recipient at a time."""
    from cardgen.render.join import join_pdfs

    folder = staging.out_dir
    parts_made: list[Part] = []
    ledger = Ledger()
    offsets = dict.fromkeys(only, 0)
    try:
        for part in _parts(job, folder, only):
            parts_made.append(part)
            for line, problem in part.problems:
                _skip(job, line, problem)
            for line, report, pages, email, calendar, entry in part.records:
                numbers = {f"{kind}_pages": [offsets[kind] + n for n in pages[kind]] for kind in only}
                record = {"name": report["name"], "csv_line": line, **numbers}
                ledger.add(
                    {**record, "fit": report["fit"], "warnings": report["warnings"]}, email, calendar, entry
                )
                progress()
            for kind in only:
                offsets[kind] += part.page_counts[kind]
            part.records.clear()  # the ledger keeps what the run needs; the part only its files
        if not ledger.entries:
            raise _no_rows(job)
        for kind in only:
            for name in output_names(job.note, kind):
                chunks = [p.files[name] for p in parts_made if p.files[name].exists()]
                if name == "card-backs.pdf" and job.note.print.backs == "reversed":
                    chunks.reverse()  # each part's backs are already last page first
                join_pdfs(chunks, staging.path(name), TITLES[kind] if len(ledger.entries) > 1 else None)
    finally:
        for part in parts_made:
            for path in part.files.values():
                path.unlink(missing_ok=True)
    return _finish(job, staging, only, ledger)


def job_report(job: Job, recipients: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest without "files" (what `check --json` prints)."""
    return {"warnings": list(job.note.warnings), "skipped": job.skipped, "recipients": recipients}


def check_job(job: Job, progress: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """The report of a run that writes nothing."""
    recipients = []
    for line, kit in job.entries:
        recipients.append(recipient_report(kit, None, line))
        progress()
    return job_report(job, recipients)


def run_job(
    job: Job,
    staging: Staging,
    *,
    only: tuple[str, ...] = KINDS,
    split: bool = False,
    progress: Callable[[], None] = lambda: None,
    svg: bool = False,
) -> dict[str, Any]:
    """Render every kit as it is made into the staged files (one PDF per kind with every recipient
    in order, or with `split` a folder per recipient; with `svg` pen-plotter files instead of PDFs,
    a folder per recipient when there are several), then manifest.json, message.txt, followup.ics
    and checklist.pdf. Returns the manifest."""
    if job.rows is not None and not split and not svg:
        return run_parts(job, staging, only, progress)
    sinks = {} if split or svg else {kind: _sink(job.note, kind, staging) for kind in only}
    ledger = Ledger()
    for number, (line, kit) in enumerate(job.entries, start=1):
        entry: dict[str, Any]
        if svg:
            folder = f"{number:03d}-{slug(kit.note.recipient.name)}/" if job.rows is not None else ""
            files, missing = svg_files(kit)
            wanted = {"guide": "guide" in only, "message": "card" in only}  # message: the card's words
            files = {name: data for name, data in files.items() if wanted[name.split("-")[0]]}
            for name, data in files.items():
                staging.write(folder + name, data)
            entry = {"folder": folder.rstrip("/")} if folder else {}
            entry["svg"] = list(files)
            if missing:
                kit = replace(kit, warnings=(*kit.warnings, missing))
        elif split:
            folder = f"{number:03d}-{slug(kit.note.recipient.name)}"
            for kind in only:
                for name, document in zip(
                    output_names(kit.note, kind), kind_documents(kit, kind), strict=True
                ):
                    staging.write(f"{folder}/{name}", render_pdf_bytes(document))
            entry = {"folder": folder}
        else:
            entry = {kind: sink.add(kit) for kind, sink in sinks.items()}
        separate = split or svg
        report = recipient_report(kit, None if separate else entry, line)
        ledger.add({**report, **entry} if separate else report, *_extras(kit, number))
        progress()
    plural = len(ledger.entries) > 1
    for kind, sink in sinks.items():
        sink.close(TITLES[kind] if plural else None)
    return _finish(job, staging, tuple(sinks), ledger)


def svg_files(kit: Kit) -> tuple[dict[str, bytes], str | None]:
    """A recipient's pen-plotter files: each guide page, and the message on each writing panel it
    uses (panel-sized, to write on a blank card), text as single strokes; and a warning naming the
    characters drawn as outlines because the single-stroke font lacks them (or None)."""
    from cardgen.render.svg import svg_page

    stroke = kit.note.guide.stroke_font
    pages = [(f"guide-{n}.svg", page) for n, page in enumerate(kit.guide.pages, start=1)]
    pages += [(f"message-{page.label}.svg", page) for page in message_pages(kit.note, kit.fit)]
    files: dict[str, bytes] = {}
    missing: dict[str, None] = {}
    for name, page in pages:
        files[name], lacking = svg_page(page, stroke)
        missing.update(dict.fromkeys(lacking))
    if not missing:
        return files, None
    listed = " ".join(missing)
    return files, f"svg: {stroke} has no single-stroke {listed}; drawn as the font's outlines instead"


def _sink(note: Note, kind: str, staging: Staging) -> Sink:
    return Sink(note, kind, [staging.path(name) for name in output_names(note, kind)])


def kind_documents(kit: Kit, kind: str) -> tuple[Document, ...]:
    """A recipient's documents of one kind, one per output file."""
    document: Document = getattr(kit, kind)
    return fronts_and_backs(document) if kind == "card" and manual_duplex(kit.note) else (document,)


def _finish(job: Job, staging: Staging, kinds: tuple[str, ...], ledger: Ledger) -> dict[str, Any]:
    """manifest.json, message.txt, followup.ics and (for many recipients) checklist.pdf. Returns the
    manifest with "count", its recipients trimmed for long runs to those with problems (the file has
    them all)."""
    count = len(ledger.entries)
    files: dict[str, Any] = {}
    for kind in kinds:
        names = output_names(job.note, kind)
        files[kind] = names[0] if len(names) == 1 else list(names)
    manifest = {"files": files, **job_report(job, [])}
    if count > 1:
        manifest["files"]["checklist"] = "checklist.pdf"
        from cardgen.render.pdf import PdfStream

        stream = PdfStream(staging.path("checklist.pdf"))
        for page in checklist_pages(ledger.checklist, job.note.print.paper):  # one page at a time
            stream.add(Document(title="Checklist", pages=(page,)))
        stream.close()
    head = json.dumps(manifest, indent=2, ensure_ascii=False).rsplit("\n", 1)[0].removesuffix("[]")
    staging.write("manifest.json", (head + "[\n" + ",\n".join(ledger.entries) + "\n  ]\n}\n").encode())
    staging.write("message.txt", "\n\n".join(ledger.emails).encode())
    calendars = ledger.calendars
    if calendars:
        staging.write(
            "followup.ics", calendars[0].encode() if len(calendars) == 1 else _merge_calendars(calendars)
        )
    shown = (
        ledger.shown
        if count <= Ledger.SHOWN
        else [r for r in ledger.shown if r["warnings"] or not r["fit"]["fits"]]
    )
    return {**manifest, "count": count, "recipients": shown}


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


def slug(name: str) -> str:
    """A folder-safe form of a name: 'Dana Rivera' -> 'dana-rivera'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "recipient"


def render_pdf_bytes(document: Document) -> bytes:
    """One scene as PDF bytes (the renderer is imported only when a PDF is made)."""
    from cardgen.render.pdf import render_pdf

    return render_pdf(document)


def _merge_calendars(calendars: list[str]) -> bytes:
    events = [c.split("BEGIN:VEVENT", 1)[1].rsplit("END:VEVENT", 1)[0] for c in calendars]
    head = calendars[0].split("BEGIN:VEVENT", 1)[0]
    body = "".join(f"BEGIN:VEVENT{e}END:VEVENT\r\n" for e in events)
    return (head + body + "END:VCALENDAR\r\n").encode()


def build(
    job: Job,
    out_dir: Path,
    *,
    force: bool = False,
    only: tuple[str, ...] = KINDS,
    split: bool = False,
    progress: Callable[[], None] = lambda: None,
    svg: bool = False,
) -> tuple[list[str], dict[str, Any]]:
    """Run the job into out_dir atomically; returns the top-level names written and the manifest."""
    with staged(out_dir, force=force) as staging:
        manifest = run_job(job, staging, only=only, split=split, progress=progress, svg=svg)
        names = sorted({name.split("/")[0] for name in staging.temporary}, key=_file_order)
    return names, manifest


def _file_order(name: str) -> tuple[int, str]:
    order = (
        "card.pdf",
        "card-fronts.pdf",
        "card-backs.pdf",
        "envelope.pdf",
        "guide.pdf",
        "checklist.pdf",
        "manifest.json",
        "message.txt",
    )
    return (order.index(name), name) if name in order else (len(order), name)


def render_files(
    job: Job, progress: Callable[[], None] = lambda: None
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every output file's bytes by name, and the manifest, without touching the user's folders."""
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"
        _, manifest = build(job, out, progress=progress)
        return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}, manifest
