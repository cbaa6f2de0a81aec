"""A run: the note's own recipient, or every good row of a recipients CSV, made into kits lazily."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cardgen.errors import Finding, InputError
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
    skipped: list[Finding] = field(default_factory=list)
    rows: list[Row] | None = None  # a CSV run: drawn in parts (see parts.py)
    source: str = ""  # the CSV's name, for messages
    strict: bool = False
    workers: int | None = None

    @classmethod
    def of(cls, kit: Kit) -> Job:
        """The job of a single kit (the note's own recipient)."""
        return cls(kit.note, iter([(None, kit)]), 1)

    def skip(self, line: int, problem: Finding) -> None:
        """Record a bad row (its problem said of its line in the CSV), or in a strict run stop on it."""
        finding = Finding(problem.problem, problem.key, self.source, line)
        if self.strict:
            raise InputError(
                f"{finding.problem} ({STRICT_ROWS})", key=finding.key, file=self.source, line=line
            )
        self.skipped.append(finding)

    def no_rows(self) -> InputError:
        """The error of a run none of whose rows could be used."""
        first = f"; first problem: {self.skipped[0]}" if self.skipped else ""
        return InputError(f"no usable rows{first}", file=self.source)


def make_job(
    note: Note, recipients: Path | None = None, *, strict: bool = False, workers: int | None = None
) -> Job:
    """The note's recipient, or every good row of a recipients CSV. A bad row is skipped with a
    message naming its line and field; with `strict` it stops the run instead. A CSV run of
    parts.PARALLEL_FROM rows or more is drawn in parts by worker processes (`workers`: how many;
    0 for none; default: one per core, at most 4)."""
    if recipients is None:
        return Job.of(make_kit(note))
    rows, bad = read_recipients(recipients, note)
    if bad and strict:
        first = bad[0].problem
        raise InputError(f"{first.problem} ({STRICT_ROWS})", key=first.key, file=first.file, line=first.line)
    note, rows = _greeting_for_everyone(note, rows)
    job = Job(note, iter(()), len(rows), [b.problem for b in bad], rows, recipients.name, strict, workers)

    def entries() -> Iterator[tuple[int | None, Kit]]:
        made = 0
        for number, row in enumerate(rows, start=1):
            kit = row_kit(note, row, number)
            if isinstance(kit, Finding):
                job.skip(row.line, kit)
                continue
            made += 1
            yield row.line, kit
        if not made:
            raise job.no_rows()

    job.entries = entries()
    return job


def _greeting_for_everyone(note: Note, rows: list[Row]) -> tuple[Note, list[Row]]:
    """A greeting written for the note's own recipient ("Dear Ms. Rivera,") would greet every row
    by that name: other rows without a greeting of their own are greeted by their own name instead,
    and the run says so. A greeting naming nobody ("Dear friends,") is kept for all."""
    greeting = note.message.fields.get("greeting")
    names = {word.strip(".,").lower() for word in note.recipient.name.split() if len(word.strip(".,")) > 1}
    words = {word.strip(".,!").lower() for word in str(greeting or "").split()}
    if not greeting or not names & words or all("greeting" in row.overrides for row in rows):
        return note, rows
    rows = [  # the note's own recipient, if a row, keeps the greeting written for them
        replace(row, overrides={"greeting": greeting, **row.overrides})
        if row.recipient.name == note.recipient.name
        else row
        for row in rows
    ]
    fields = {key: value for key, value in note.message.fields.items() if key != "greeting"}
    warning = Finding(
        f"'{greeting}' names {note.recipient.name}, so each recipient of the CSV is greeted by their own "
        'name instead ("Dear <first name>,"); add a greeting column to choose each one',
        "message.greeting",
    )
    message = replace(note.message, fields=MappingProxyType(fields))
    return replace(note, message=message, warnings=(*note.warnings, warning)), rows


def row_kit(note: Note, row: Row, number: int) -> Kit | Finding:
    """A CSV row's kit, or what is wrong with the row (its key; the caller names the row's line)."""
    try:
        return make_kit(note.with_recipient(row.recipient, row.overrides), number)
    except InputError as error:
        if error.file and error.file != note.path.name:  # about another file (a template): say which
            return Finding(str(error))
        return Finding(error.problem, error.key)


def check_job(job: Job, progress: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """The report of a run that writes nothing."""
    recipients = []
    for line, kit in job.entries:
        recipients.append(recipient_report(kit, None, line))
        progress()
    return job_report(job.note, job.skipped, recipients)
