"""What a run reports: each recipient's entry, manifest.json, message.txt, followup.ics and the checklist."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from typing import Any

from cardgen.followup import FollowUp, drafts_file, email_draft, follow_up, merge_calendars
from cardgen.kit import Kit
from cardgen.layout.card import CardFaces
from cardgen.layout.checklist import ChecklistEntry, checklist_pages, send_by
from cardgen.model import Note
from cardgen.outputs import output_names
from cardgen.printing import print_facts
from cardgen.scene import Document, walk
from cardgen.scene import Image as SceneImage


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


def job_report(note: Note, skipped: Sequence[str], recipients: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest without "files" (what `check --json` prints)."""
    return {"warnings": list(note.warnings), "skipped": list(skipped), "recipients": recipients}


def has_problems(report: dict[str, Any]) -> bool:
    """Whether a report holds anything a strict run fails on: a note warning, a skipped row, a
    recipient whose message does not fit or who has a warning."""
    recipients = report["recipients"]
    return bool(report["warnings"] or report["skipped"]) or any(
        not r["fit"]["fits"] or r["warnings"] for r in recipients
    )


class Ledger:
    """What a run keeps of each recipient: its manifest entry as compact JSON text (a few hundred
    bytes each, so 10,000 recipients stay small), the entries in full only where there is something
    to say, and the email drafts, calendar events and checklist lines."""

    SHOWN = 20  # a run this short shows every recipient's fit; a longer one only the problems

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.shown: list[dict[str, Any]] = []
        self.emails: list[str] = []
        self.calendars: list[FollowUp] = []
        self.checklist: list[ChecklistEntry] = []

    def add(self, entry: dict[str, Any], extras: tuple[str, FollowUp | None, ChecklistEntry]) -> None:
        """Keep a recipient's entry and its email draft, calendar event and checklist line."""
        email, calendar, line = extras
        self.entries.append(json.dumps(entry, indent=2, ensure_ascii=False))
        if len(self.entries) <= self.SHOWN or entry["warnings"] or not entry["fit"]["fits"]:
            self.shown.append(entry)
        self.emails.append(email)
        if calendar:
            self.calendars.append(calendar)
        self.checklist.append(line)


def extras(kit: Kit, number: int) -> tuple[str, FollowUp | None, ChecklistEntry]:
    """A recipient's email draft, follow-up calendar event (if any) and checklist line."""
    recipient = kit.note.recipient
    detail = recipient.company or recipient.city
    line = ChecklistEntry(number, recipient.name, detail, send_by(kit.note.message.fields))
    return email_draft(kit.note, kit.text), follow_up(kit.note), line


def manifest_json(head: dict[str, Any], entries: list[str]) -> bytes:
    """manifest.json: the head's keys, then "recipients" with every entry (each already encoded
    with indent=2), laid out as json.dumps(indent=2) lays out the whole."""
    lines = ["{"]
    for key, value in head.items():
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        lines.append(f"  {json.dumps(key)}: {text},")
    recipients = [entry.replace("\n", "\n    ") for entry in entries]
    lines.append(
        '  "recipients": [' + ("\n    " + ",\n    ".join(recipients) + "\n  ]" if recipients else "]")
    )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def side_files(
    note: Note, skipped: Sequence[str], kinds: Sequence[str], ledger: Ledger
) -> tuple[dict[str, bytes], dict[str, Any], Iterator[Document]]:
    """The run's files besides the PDFs of each kind (manifest.json, message.txt, followup.ics),
    the manifest as returned to the caller (with "count"; its recipients trimmed for long runs to
    those with problems: the file has them all), and the checklist's pages for many recipients."""
    count = len(ledger.entries)
    files: dict[str, Any] = {}
    for kind in kinds:
        names = output_names(note, kind)
        files[kind] = names[0] if len(names) == 1 else list(names)
    checklist: Iterator[Document] = iter(())
    if count > 1:
        files["checklist"] = "checklist.pdf"
        pages = checklist_pages(ledger.checklist, note.print.paper)
        checklist = (Document(title="Checklist", pages=(page,)) for page in pages)  # drawn one at a time
    report = job_report(note, skipped, [])
    head = {
        "files": files,
        "print": print_facts(note),
        "warnings": report["warnings"],
        "skipped": report["skipped"],
    }
    out = {
        "manifest.json": manifest_json(head, ledger.entries),
        "message.txt": drafts_file(ledger.emails),
    }
    if ledger.calendars:
        out["followup.ics"] = merge_calendars(ledger.calendars)
    shown = (
        ledger.shown
        if count <= Ledger.SHOWN
        else [r for r in ledger.shown if r["warnings"] or not r["fit"]["fits"]]
    )
    return out, {**head, "recipients": shown, "count": count}, checklist
