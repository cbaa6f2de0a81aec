"""The pipeline: note -> wording -> fit -> scenes -> PDFs, written atomically with manifest.json."""

from __future__ import annotations

import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cardgen import catalog
from cardgen.address import address_warnings
from cardgen.coverage import check_coverage, clean_message, is_stray
from cardgen.errors import InputError, OutputError
from cardgen.followup import email_draft, followup_calendar
from cardgen.fonts import metrics
from cardgen.layout.card import card_document
from cardgen.layout.envelope import ADDRESS_FONT, envelope_document
from cardgen.layout.fit import Fit, HandSize, fit_message, fit_with_suggestions
from cardgen.layout.guide import guide_document
from cardgen.layout.panels import Panel, writing_panels
from cardgen.model import Note
from cardgen.scene import Document
from cardgen.units import MM, format_mm
from cardgen.wording import render_message

MIN_PRINT_X_HEIGHT = 1.8 * MM  # print mode shrinks the message down to this, no further
OUTPUT_FILES = ("card.pdf", "envelope.pdf", "guide.pdf", "manifest.json", "message.txt", "followup.ics")


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
    warnings = [*note.warnings, *warnings]
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


def recipient_report(kit: Kit, pages: dict[str, list[int]] | None = None) -> dict[str, Any]:
    """The manifest's entry for one recipient; without `pages`, `check --json`'s (no page numbers)."""
    report: dict[str, Any] = {"name": kit.note.recipient.name}
    for kind, numbers in (pages or {}).items():
        report[f"{kind}_pages"] = numbers
    return {**report, "fit": kit.fit.as_dict(), "warnings": list(kit.warnings)}


def collate(kits: list[Kit]) -> tuple[dict[str, Document], list[dict[str, Any]]]:
    """One document per kind holding every recipient in order, and each recipient's page numbers."""
    documents: dict[str, Document] = {}
    reports = []
    for kit in kits:
        pages: dict[str, list[int]] = {}
        for kind in ("card", "envelope", "guide"):
            doc: Document = getattr(kit, kind)
            before = len(documents[kind].pages) if kind in documents else 0
            pages[kind] = list(range(before + 1, before + len(doc.pages) + 1))
            documents[kind] = (
                replace(documents[kind], pages=documents[kind].pages + doc.pages) if before else doc
            )
        reports.append(recipient_report(kit, pages))
    if len(kits) > 1:
        documents = {k: replace(d, title=d.title.split(" for ")[0] + "s") for k, d in documents.items()}
    return documents, reports


def render_files(kits: list[Kit]) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Every output file's bytes, by file name; nothing is written."""
    from cardgen.render.pdf import render_pdf  # the drawing library is loaded only to write PDFs

    documents, reports = collate(kits)
    files = {f"{kind}.pdf": render_pdf(doc) for kind, doc in documents.items()}
    manifest = {
        "files": {kind: f"{kind}.pdf" for kind in documents},
        "recipients": reports,
    }
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    files["message.txt"] = "\n\n".join(email_draft(k.note, k.text) for k in kits).encode()
    calendars = [c for k in kits if (c := followup_calendar(k.note, k.text))]
    if calendars:
        files["followup.ics"] = calendars[0].encode() if len(calendars) == 1 else _merge_calendars(calendars)
    return files, reports


def _merge_calendars(calendars: list[str]) -> bytes:
    events = [c.split("BEGIN:VEVENT", 1)[1].rsplit("END:VEVENT", 1)[0] for c in calendars]
    head = calendars[0].split("BEGIN:VEVENT", 1)[0]
    body = "".join(f"BEGIN:VEVENT{e}END:VEVENT\r\n" for e in events)
    return (head + body + "END:VCALENDAR\r\n").encode()


def is_build_output(name: str) -> bool:
    """Whether a file name is one `build` writes (or a temporary file of an interrupted write)."""
    return name in OUTPUT_FILES or any(name.startswith(f".{output}.") for output in OUTPUT_FILES)


def write_files(
    files: dict[str, bytes],
    out_dir: Path,
    *,
    force: bool = False,
    ours: Callable[[str], bool] = is_build_output,
) -> None:
    """Write every file atomically: all to temporary names first, then each renamed into place, and
    files of ours (`ours` says which) from an earlier run that this run does not make are removed, so
    the folder holds one consistent set. A folder holding files cardgen did not make is refused
    unless `force`."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; give -o a folder name")
    if out_dir.is_dir() and not force:
        foreign = sorted(p.name for p in out_dir.iterdir() if not ours(p.name))
        if foreign:
            listed = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
            raise OutputError(
                f"{out_dir}: holds files cardgen did not make ({listed}); choose an empty or new folder, "
                "or add --force to write beside them"
            )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the folder ({error.strerror})") from None
    temporary: dict[str, str] = {}
    try:
        for name, data in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            temporary[name] = temp
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp, 0o666 & ~_umask())
        with _uninterrupted():  # all renamed or, if an error stops us, the old files stay as they were
            for name, temp in temporary.items():
                os.replace(temp, out_dir / name)
            for stale in out_dir.iterdir():
                if ours(stale.name) and stale.name not in files and not stale.name.startswith("."):
                    stale.unlink()
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot write ({error.strerror})") from None
    finally:
        for temp in temporary.values():
            if os.path.exists(temp):
                os.unlink(temp)


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back while files are renamed into place, so a set is never half swapped."""
    main_thread = threading.current_thread() is threading.main_thread()
    if main_thread and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if main_thread and hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def build(note: Note, out_dir: Path, *, force: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """The whole job for one note: make the kit, render, write. Returns the manifest's recipients
    and the names of the files written."""
    files, reports = render_files([make_kit(note)])
    write_files(files, out_dir, force=force)
    return reports, list(files)
