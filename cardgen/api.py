"""cardgen's public face: load or make a note, check it, render its kit to bytes or build it into a
folder, practice sheets, previews and preflight, the optional fonts. The CLI and the web page do
everything a note does through these (the catalogs, calibration sheets and printing have modules of
their own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardgen.errors import Finding
from cardgen.model import KINDS, Note, Profiles

if TYPE_CHECKING:
    from cardgen.fontstore import FontGroup
    from cardgen.practice import PracticeOptions
    from cardgen.prepress import Finding as PreflightFinding


def saved_profiles() -> Profiles:
    """The hands and printers saved in the config folder ($CARDGEN_CONFIG, else ~/.config/cardgen),
    read when a note names one."""
    from cardgen.profiles import SavedProfiles

    return SavedProfiles()


def load_note(path: str | Path, *, profiles: Profiles | None = None) -> Note:
    """Read and validate a note file. `profiles`: the hands and printers a note may name (default:
    the saved ones). Raises InputError naming the file, line and key of the first problem."""
    from cardgen.validate import load_note as load

    return load(Path(path), profiles or saved_profiles())


def note_from_dict(
    data: Mapping[str, Any], *, path: str | Path = "note.toml", profiles: Profiles | None = None
) -> Note:
    """A note made in code from the note file's tables as a dict ({"recipient": {...}, ...}).
    `path` names the note in messages and is where relative paths (a photo, a template) start."""
    from cardgen.tomlsource import NoteSource
    from cardgen.validate import validate_note

    return validate_note(dict(data), NoteSource(Path(path), ""), profiles or saved_profiles())


def with_options(
    note: Note,
    *,
    envelope: Mapping[str, Any] | None = None,
    printer: str | None = None,
    profiles: Profiles | None = None,
) -> Note:
    """The note with how envelopes are fed replaced ({"feed", "feed_rotate", "face"}, checked as
    the note file's keys are) and a printer profile applied by name (default: the saved ones)."""
    from cardgen.errors import InputError
    from cardgen.tomlsource import NoteSource, Reader
    from cardgen.validate import FEED_KEYS, read_feed

    changes = {key: value for key, value in (envelope or {}).items() if value is not None}
    if changes:
        unknown = sorted(set(changes) - set(FEED_KEYS))
        if unknown:
            raise InputError(f"only {', '.join(FEED_KEYS)} can be changed here", key=f"envelope.{unknown[0]}")
        given = {key: changes.get(key, getattr(note.envelope, key)) for key in FEED_KEYS}
        feed = read_feed(Reader({"envelope": given}, NoteSource(Path(""), "")))
        note = replace(note, envelope=replace(note.envelope, **feed))
    if printer:
        try:
            profile = (profiles or saved_profiles()).printer(printer)
        except InputError as error:
            raise InputError(error.problem, key="print.printer") from None
        note = replace(note, print=replace(note.print, printer=profile))
    return note


@dataclass(frozen=True)
class Report:
    """What check found: the note's own warnings, the CSV rows skipped and why, and per recipient
    the fit (lines per panel, suggestions) and warnings, as in manifest.json."""

    warnings: tuple[Finding, ...]
    skipped: tuple[Finding, ...]
    recipients: tuple[dict[str, Any], ...]

    @property
    def has_problems(self) -> bool:
        """Whether a strict run fails: any warning, skipped row or message that does not fit."""
        from cardgen.manifest import has_problems

        return has_problems(self.as_dict())

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every warning, the note's, each skipped row's and each recipient's, with the key it is about."""
        return self.warnings + self.skipped + tuple(w for r in self.recipients for w in r["warnings"])

    def as_dict(self) -> dict[str, Any]:
        """The report as `cardgen check --json` prints it: the manifest's lists of messages, and
        "findings", every one of them as data ({"key", "file", "line", "message"})."""
        return {
            "warnings": list(self.warnings),
            "skipped": list(self.skipped),
            "recipients": list(self.recipients),
            "findings": [_as_data(finding) for finding in self.findings],
        }


def _as_data(warning: str) -> dict[str, Any]:
    return (
        warning.as_dict()
        if isinstance(warning, Finding)
        else {"key": "", "file": "", "line": None, "message": warning}
    )


def check(
    note: Note,
    recipients: str | Path | None = None,
    *,
    strict: bool = False,
    progress: Callable[[], None] = lambda: None,
    total: Callable[[int], None] = lambda count: None,
) -> Report:
    """Lay the note out for its recipient (or each row of a recipients CSV) and report; writes
    nothing. With `strict` a bad CSV row stops the check with an InputError. `total` is told the
    number of recipients before the check starts, `progress` each one done."""
    from cardgen.jobs import check_job

    job = _job(note, recipients, strict)
    total(job.total)
    report = check_job(job, progress)
    return Report(tuple(report["warnings"]), tuple(report["skipped"]), tuple(report["recipients"]))


def render_kit(
    note: Note,
    *,
    recipients: str | Path | None = None,
    only: tuple[str, ...] = KINDS,
    workers: int | None = None,
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every file of the kit as bytes by name (card.pdf or card-fronts.pdf and card-backs.pdf,
    envelope.pdf, guide.pdf, manifest.json, message.txt, followup.ics; checklist.pdf for many
    recipients) and the manifest: the same bytes `build` writes. One recipient is drawn in memory;
    a CSV run goes through a temporary folder, removed after (its worker processes hand back files).
    `workers`: processes for a long CSV run (0: none, as a threaded server wants; default: one per
    core); the bytes are the same however many."""
    from cardgen.writer import render_files

    return render_files(_job(note, recipients, False, workers), only=only)


@dataclass(frozen=True)
class Built:
    """What build wrote: the top-level names in the folder, and the manifest (its recipients cut to
    those with problems for long runs; manifest.json has them all)."""

    names: list[str]
    manifest: dict[str, Any]

    @property
    def has_problems(self) -> bool:
        """Whether a strict run fails: any warning, skipped row or message that does not fit."""
        from cardgen.manifest import has_problems

        return has_problems(self.manifest)


def build(
    note: Note,
    out_dir: str | Path,
    *,
    recipients: str | Path | None = None,
    strict: bool = False,
    force: bool = False,
    only: tuple[str, ...] = KINDS,
    split: bool = False,
    svg: bool = False,
    progress: Callable[[], None] = lambda: None,
    total: Callable[[int], None] = lambda count: None,
) -> Built:
    """Write the kit into out_dir atomically (nothing is left half written on an error); a folder
    holding files cardgen did not make is refused unless `force`. `split`: a folder per recipient;
    `svg`: pen-plotter files. `total` is told the number of recipients before the run starts."""
    from cardgen.writer import build as run

    job = _job(note, recipients, strict)
    total(job.total)
    names, manifest = run(job, Path(out_dir), force=force, only=only, split=split, progress=progress, svg=svg)
    return Built(names, manifest)


def _job(note: Note, recipients: str | Path | None, strict: bool, workers: int | None = None) -> Any:
    from cardgen.jobs import make_job

    return make_job(note, Path(recipients) if recipients else None, strict=strict, workers=workers)


def preview(pdf: bytes, *, pages: list[int] | None = None, dpi: int = 100) -> dict[int, bytes]:
    """PNG images of a PDF's pages by 1-based number (`pages`, default all), the document opened once."""
    from cardgen.render.png import numbered_pngs

    return numbered_pngs(pdf, dpi, pages)


def tracing_sheet(
    text: str, options: PracticeOptions | None = None, *, name: str = "text", profiles: Profiles | None = None
) -> tuple[bytes, int, list[Finding]]:
    """A practice sheet PDF for any text: its bytes, its page count, and the warnings."""
    from cardgen.outputs import render_pdf_bytes
    from cardgen.practice import PracticeOptions, practice_sheet

    document, warnings = practice_sheet(
        text, options or PracticeOptions(), profiles or saved_profiles(), name
    )
    return render_pdf_bytes(document), len(document.pages), warnings


def preflight(
    pdf: str | Path, target: str = "shop", *, standard: str = "none", bleed: float = 9.0, safe: float = 9.0
) -> list[PreflightFinding]:
    """The problems of any PDF for a print shop (`target="shop"`) or home printing ("home"), and
    with `standard` ("pdfx-1a" | "pdfx-4") that standard's rules; lengths in points. Each finding
    has a severity ("fail" or "warn") and a message."""
    import logging

    from cardgen.prepress_pdfx import preflight_standard

    loggers = [logging.getLogger(name) for name in ("pypdf", "pdfminer")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:  # their complaints about a broken file become findings, not noise
        logger.setLevel(logging.ERROR)
    try:
        return preflight_standard(Path(pdf), target, standard, bleed=bleed, safe=safe)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def font_groups() -> list[FontGroup]:
    """The optional fonts by group ("ja", "zh", "ko"): each group's language, its fonts with their
    licence and size, and which are installed in the user's font folder ($CARDGEN_FONTS, else
    $XDG_DATA_HOME/cardgen/fonts, else ~/.local/share/cardgen/fonts)."""
    from cardgen.fontstore import font_groups as groups

    return groups()


def install_fonts(
    groups: Iterable[str], *, progress: Callable[[str, int, int], None] | None = None
) -> list[Path]:
    """Download the optional fonts of these groups ("ja", "zh", "ko") from the npm registry (or
    $CARDGEN_NPM_REGISTRY), each checked against its pinned integrity, into the user's font folder
    with their licences; returns the font files written (those already installed are not fetched
    again). `progress` is told (text, bytes done, bytes total) as it goes. Raises a CardgenError
    naming the package when the registry cannot be reached or a download is not the pinned one."""
    from cardgen.fontstore import install

    return install(groups, progress)
