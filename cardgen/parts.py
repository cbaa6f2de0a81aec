"""Recipients drawn into PDFs: a kind's files written recipient by recipient (Sink), and long CSV
runs drawn in parts, by worker processes when it pays, then joined in order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardgen.errors import Finding
from cardgen.files import Staging
from cardgen.followup import FollowUp
from cardgen.jobs import Job, row_kit
from cardgen.kit import Kit
from cardgen.layout.card import CardFaces, card_document, card_grid, fronts_and_backs
from cardgen.layout.checklist import ChecklistEntry
from cardgen.layout.panels import faces
from cardgen.manifest import Ledger, extras, recipient_report
from cardgen.model import Note
from cardgen.outputs import TITLES, output_names
from cardgen.recipients import Row
from cardgen.scene import Document

PARALLEL_FROM = 200  # rows; below this, worker processes cost more than they save
PART_SIZE = 100  # recipients drawn into one part PDF per kind


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

    @classmethod
    def staged(cls, note: Note, kind: str, staging: Staging) -> Sink:
        """A sink writing the kind's files into the staging folder."""
        return cls(note, kind, [staging.path(name) for name in output_names(note, kind)])

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
    records: list[
        tuple[int, dict[str, Any], dict[str, list[int]], tuple[str, FollowUp | None, ChecklistEntry]]
    ]
    problems: list[tuple[int, Finding]]
    page_counts: dict[str, int] = field(default_factory=dict)


def draw_part(task: tuple[Note, list[Row], int, Path, tuple[str, ...]]) -> Part:
    """Lay out and draw one part's recipients (in a worker process, or in this one)."""
    note, rows, first, folder, only = task
    names = {kind: output_names(note, kind) for kind in only}
    files = {name: folder / f".part{first:06d}.{name}" for kind in only for name in names[kind]}
    sinks = {kind: Sink(note, kind, [files[name] for name in names[kind]], first == 1) for kind in only}
    part = Part(files, [], [])
    for number, row in enumerate(rows, start=first):
        kit = row_kit(note, row, number)
        if isinstance(kit, Finding):
            part.problems.append((row.line, kit))
            continue
        pages = {kind: sink.add(kit) for kind, sink in sinks.items()}
        part.records.append((row.line, recipient_report(kit), pages, extras(kit, number)))
    for kind, sink in sinks.items():
        sink.close()
        part.page_counts[kind] = sink.pages
    return part


def parts(job: Job, folder: Path, only: tuple[str, ...]) -> Iterator[Part]:
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
        yield from map(draw_part, tasks)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(draw_part, tasks)


def run_parts(job: Job, staging: Staging, only: tuple[str, ...], progress: Callable[[], None]) -> Ledger:
    """A CSV run drawn in parts and joined into the staged files: the same files as drawing one
    recipient at a time. Returns what the run keeps of each recipient."""
    from cardgen.render.join import join_pdfs

    folder = staging.out_dir
    parts_made: list[Part] = []
    ledger = Ledger()
    offsets = dict.fromkeys(only, 0)
    try:
        for part in parts(job, folder, only):
            parts_made.append(part)
            for line, problem in part.problems:
                job.skip(line, problem)
            for line, report, pages, more in part.records:
                numbers = {f"{kind}_pages": [offsets[kind] + n for n in pages[kind]] for kind in only}
                record = {"name": report["name"], "csv_line": line, **numbers}
                ledger.add({**record, "fit": report["fit"], "warnings": report["warnings"]}, more)
                progress()
            for kind in only:
                offsets[kind] += part.page_counts[kind]
            part.records.clear()  # the ledger keeps what the run needs; the part only its files
        if not ledger.entries:
            raise job.no_rows()
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
    return ledger
