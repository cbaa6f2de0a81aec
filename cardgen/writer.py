"""A run written out: every kit's PDFs (or plotter SVGs) and the run's side files, atomically into
a folder, or as bytes in memory."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from cardgen.files import Staging, staged
from cardgen.jobs import Job
from cardgen.manifest import Ledger, extras, recipient_report, side_files
from cardgen.model import KINDS
from cardgen.outputs import (
    TITLES,
    file_order,
    kind_documents,
    kind_files,
    lead_pages,
    slug,
    svg_files,
)
from cardgen.parts import Sink, run_parts


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
        ledger = run_parts(job, staging, only, progress)
        return _finish(job, staging, only, ledger)
    sinks = {} if split or svg else {kind: Sink.staged(job.note, kind, staging) for kind in only}
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
                for name, data in kind_files(kit, kind).items():
                    staging.write(f"{folder}/{name}", data)
            entry = {"folder": folder}
        else:
            entry = {kind: sink.add(kit) for kind, sink in sinks.items()}
        separate = split or svg
        report = recipient_report(kit, None if separate else entry, line)
        ledger.add({**report, **entry} if separate else report, extras(kit, number))
        progress()
    plural = len(ledger.entries) > 1
    for kind, sink in sinks.items():
        sink.close(TITLES[kind] if plural else None)
    return _finish(job, staging, tuple(sinks), ledger)


def _finish(job: Job, staging: Staging, kinds: tuple[str, ...], ledger: Ledger) -> dict[str, Any]:
    """Stage the side files and (for many recipients) checklist.pdf; returns the manifest."""
    files, manifest, checklist = side_files(job.note, job.skipped, kinds, ledger)
    if manifest["count"] > 1:
        from cardgen.render.pdf import PdfStream

        stream = PdfStream(staging.path("checklist.pdf"))
        for page in checklist:
            stream.add(page)
        stream.close()
    for name, data in files.items():
        staging.write(name, data)
    return manifest


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
        names = sorted({name.split("/")[0] for name in staging.temporary}, key=file_order)
    return names, manifest


def render_files(
    job: Job, progress: Callable[[], None] = lambda: None, only: tuple[str, ...] = KINDS
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every output file's bytes by name, and the manifest, without touching the user's folders:
    a single kit is rendered in memory; a CSV run is drawn through a temporary folder (its parts
    are files that worker processes hand back)."""
    if job.rows is None:
        return _render_in_memory(job, only)
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"
        _, manifest = build(job, out, progress=progress, only=only)
        return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}, manifest


def _render_in_memory(job: Job, only: tuple[str, ...]) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The files of a one-recipient job, each drawn straight to bytes: the same bytes as build."""
    ((line, kit),) = list(job.entries)
    files: dict[str, bytes] = {}
    pages: dict[str, list[int]] = {}
    for kind in only:
        files |= kind_files(kit, kind)
        first = lead_pages(kit.note) if kind == "card" else 0  # a print check page is nobody's
        pages[kind] = list(range(first + 1, len(kind_documents(kit, kind)[0].pages) + 1))
    ledger = Ledger()
    ledger.add(recipient_report(kit, pages, line), extras(kit, 1))
    side, manifest, _ = side_files(job.note, job.skipped, only, ledger)
    return {**files, **side}, manifest
