"""A run: the note's own recipient, or every good row of a recipients CSV, made into kits lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardgen.errors import InputError, locate
from cardgen.kit import Kit, make_kit
from cardgen.manifest import job_report, recipient_report
from cardgen.model import Note
from cardgen.recipients import Row, read_recipients

STRICT_ROWS = "a strict run stops at the first bad row"


@dataclass
class Job:
    """A whole run: (CSV line or None, kit) per recipient, made lazily as `entries` is consumed (so a
    long run holds one kit at a time); rows found bad are added to `skipped` on the way."""

    note: Note
    entries: Iterator[tuple[int | None, Kit]]
    total: int
    skipped: list[str] = field(default_factory=list)
    rows: list[Row] | None = None  # a CSV run: drawn in parts (see parts.py)
    source: str = ""  # the CSV's name, for messages
    strict: bool = False
    workers: int | None = None

    @classmethod
    def of(cls, kit: Kit) -> Job:
        """The job of a single kit (the note's own recipient)."""
        return cls(kit.note, iter([(None, kit)]), 1)

    def skip(self, line: int, problem: str) -> None:
        """Record a bad row, or in a strict run stop on it."""
        message = f"{self.source}:{line}: {problem}"
        if self.strict:
            raise InputError(f"{message} ({STRICT_ROWS})")
        self.skipped.append(message)

    def no_rows(self) -> InputError:
        """The error of a run none of whose rows could be used."""
        first = f"; first problem: {self.skipped[0]}" if self.skipped else ""
        return InputError(f"no usable rows{first}", file=self.source)


def make_job(
    note: Note, recipients: Path | None = None, *, strict: bool = False, workers: int | None = None
) -> Job:
    """The note's recipient, or every good row of a recipients CSV. A bad row is skipped with a
    message naming its line and field; with `strict` it stops the run instead. A CSV run of
    parts.PARALLEL_FROM rows or more is drawn in parts by several processes (`workers`: how many,
    this one included; 0 or 1 for this one alone; default: one per core, at most 4)."""
    if recipients is None:
        return Job.of(make_kit(note))
    rows, bad = read_recipients(recipients, note)
    if bad and strict:
        raise InputError(f"{bad[0].problem} ({STRICT_ROWS})")
    job = Job(note, iter(()), len(rows), [b.problem for b in bad], rows, recipients.name, strict, workers)

    def entries() -> Iterator[tuple[int | None, Kit]]:
        made = 0
        for number, row in enumerate(rows, start=1):
            kit = row_kit(note, row, number)
            if isinstance(kit, str):
                job.skip(row.line, kit)
                continue
            made += 1
            yield row.line, kit
        if not made:
            raise job.no_rows()

    job.entries = entries()
    return job


def row_kit(note: Note, row: Row, number: int) -> Kit | str:
    """A CSV row's kit, or what is wrong with the row."""
    try:
        return make_kit(note.with_recipient(row.recipient, row.overrides), number)
    except InputError as error:  # said of the row: its line is named by the caller, not the note's
        return str(error) if error.file != note.path.name else locate(error.problem, error.key)


def check_job(job: Job, progress: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """The report of a run that writes nothing."""
    recipients = []
    for line, kit in job.entries:
        recipients.append(recipient_report(kit, None, line))
        progress()
    return job_report(job.note, job.skipped, recipients)
