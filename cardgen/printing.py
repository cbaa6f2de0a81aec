"""Print jobs for a built kit as pure data: which PDFs go to a CUPS queue with which job options
(media, sides, no scaling, copies, pages), and the pauses between them (manual duplex, a test
envelope). Nothing here talks to CUPS (cups.py does)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardgen.errors import InputError
from cardgen.model import KINDS
from cardgen.units import IN, MM

if TYPE_CHECKING:
    from cardgen.model import Note

# (IPP self-describing name, PPD PageSize name, short side, long side in points); matched by page size
MEDIA = (
    ("na_letter_8.5x11in", "Letter", 8.5 * IN, 11 * IN),
    ("iso_a4_210x297mm", "A4", 210 * MM, 297 * MM),
    ("iso_a5_148x210mm", "A5", 148 * MM, 210 * MM),
    ("na_a2_4.375x5.75in", "EnvA2", 4.375 * IN, 5.75 * IN),
    ("na_number-10_4.125x9.5in", "Env10", 4.125 * IN, 9.5 * IN),
    ("na_number-9_3.875x8.875in", "Env9", 3.875 * IN, 8.875 * IN),
    ("na_monarch_3.875x7.5in", "EnvMonarch", 3.875 * IN, 7.5 * IN),
    ("na_personal_3.625x6.5in", "EnvPersonal", 3.625 * IN, 6.5 * IN),
    ("iso_c5_162x229mm", "EnvC5", 162 * MM, 229 * MM),
    ("iso_c6_114x162mm", "EnvC6", 114 * MM, 162 * MM),
    ("iso_c6c5_114x229mm", "EnvC65", 114 * MM, 229 * MM),
    ("iso_dl_110x220mm", "EnvDL", 110 * MM, 220 * MM),
    ("iso_b6_125x176mm", "EnvISOB6", 125 * MM, 176 * MM),
)
PAGES = re.compile(r"\d+(-\d+)?(,\d+(-\d+)?)*")


@dataclass(frozen=True)
class Media:
    """A sheet or envelope size as CUPS names it: the IPP name and the usual PPD PageSize name."""

    ipp: str
    ppd: str
    label: str


def media_for(width: float, height: float) -> Media:
    """The media a page of this size (points, either way round) prints on, short side first; a
    custom IPP size when no standard one is within half a millimetre."""
    short, long = sorted((width, height))
    for ipp, ppd, w, h in MEDIA:
        if abs(short - w) < 0.5 * MM and abs(long - h) < 0.5 * MM:
            return Media(ipp, ppd, ppd.removeprefix("Env") + (" envelope" if ppd.startswith("Env") else ""))
    w_in, h_in = (f"{round(side / IN, 3):g}" for side in (short, long))
    return Media(f"custom_{w_in}x{h_in}in_{w_in}x{h_in}in", f"Custom.{w_in}x{h_in}in", f"{w_in} x {h_in} in")


def print_facts(note: Note) -> dict[str, Any]:
    """What `cardgen print` needs to know of the note, for manifest.json: the target, the duplex
    (long | short | manual | one-sided), the backs order, the pages of a print check before the
    cards, the printer profile the card was built with, and how envelopes are fed."""
    from cardgen.outputs import lead_pages

    spec, envelope = note.print, note.envelope
    return {
        "note": note.path.name,
        "target": spec.target,
        "paper": spec.paper.name,
        "duplex": note.duplex or "one-sided",
        "backs": spec.backs,
        "print_check_pages": lead_pages(note) if spec.target == "home" else 0,
        "printer": spec.printer.name if spec.printer else None,
        "envelope": {
            "format": envelope.format.name,
            "address": envelope.address,
            "feed": envelope.feed,
            "feed_rotate": envelope.feed_rotate,
            "face": envelope.face,
            "return_address": envelope.return_address,
        },
    }


@dataclass(frozen=True)
class Pdf:
    """One PDF to print: its path, page count, first page's size (points) and the duplex flip its
    ViewerPreferences ask for (long | short | None for one-sided)."""

    path: Path
    pages: int
    size: tuple[float, float]
    flip: str | None


@dataclass(frozen=True)
class Kit:
    """A built folder (or a single PDF) as print sees it: the PDFs by kind, and the note's facts
    from manifest.json (empty for a single PDF)."""

    source: Path
    files: dict[str, tuple[Pdf, ...]]
    facts: dict[str, Any] = field(default_factory=dict)
    recipients: tuple[dict[str, Any], ...] = ()


def read_pdf(path: Path) -> Pdf:
    """A PDF's page count, size and duplex flip; an error naming the file when it is not a PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        box = reader.pages[0].mediabox
        prefs: Any = reader.root_object.get("/ViewerPreferences")
        duplex = str(prefs.get_object().get("/Duplex", "")) if prefs is not None else ""
        pages = len(reader.pages)
    except (OSError, PyPdfError, IndexError, KeyError, ValueError) as error:
        raise InputError(f"{path}: not a PDF cardgen can print ({error}); build it again") from None
    flip = {"/DuplexFlipLongEdge": "long", "/DuplexFlipShortEdge": "short"}.get(duplex)
    return Pdf(path, pages, (float(box.width), float(box.height)), flip)


def read_kit(source: Path, only: tuple[str, ...] = KINDS) -> Kit:
    """OUT_DIR (read through its manifest.json) or one FILE.pdf, keeping the kinds in `only`."""
    if source.is_file() and source.suffix.lower() == ".pdf":
        return Kit(source, {"file": (read_pdf(source),)})
    manifest_path = source / "manifest.json"
    if not source.is_dir():
        raise InputError(f"{source}: no such folder or PDF; give a folder cardgen build wrote, or a .pdf")
    if not manifest_path.is_file():
        raise InputError(f"{source}: no manifest.json; give a folder cardgen build wrote, or one of its PDFs")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed: dict[str, Any] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{manifest_path}: cannot be read ({error}); build the folder again") from None
    facts = manifest.get("print")
    if not isinstance(facts, dict):
        raise InputError(
            f"{manifest_path}: made by an older cardgen (no print facts); build the folder again"
        )
    if facts.get("target") != "home":
        raise InputError(
            f'{source}: these are files for a print shop ([print] target = "shop"); build with '
            'target = "home" to print them yourself'
        )
    first = (manifest.get("recipients") or [{}])[0]
    if "svg" in first:
        raise InputError(f"{source}: built as SVG for a pen plotter; build PDFs to print")
    if "folder" in first:
        raise InputError(
            f"{source}: built a folder per recipient: print a recipient's PDFs "
            f"(e.g. {first['folder']}/card.pdf), one file at a time"
        )
    files = {}
    for kind in only:
        names = listed.get(kind)
        if names is None:
            continue
        paths = [source / name for name in ([names] if isinstance(names, str) else names)]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise InputError(f"{source}: {', '.join(missing)} is missing; build the folder again")
        files[kind] = tuple(read_pdf(p) for p in paths)
    if not files:
        raise InputError(
            f"{source}: holds no {' or '.join(only)} PDF; build it, or choose other kinds to print"
        )
    return Kit(source, files, facts, tuple(manifest.get("recipients", ())))


@dataclass(frozen=True)
class Job:
    """One `lp` submission: a PDF with its job options."""

    pdf: Pdf
    title: str
    media: Media
    sides: str = "one-sided"  # one-sided | two-sided-long-edge | two-sided-short-edge
    copies: int = 1
    page_ranges: str | None = None
    page_set: str | None = None  # odd | even: one pass of a manual duplex print
    reverse: bool = False  # output order last page first

    def options(self) -> list[tuple[str, str]]:
        """The job's IPP attributes as `lp -o` options, in a fixed order."""
        options = [
            ("media", self.media.ipp),
            ("sides", self.sides),
            ("print-scaling", "none"),
            ("fit-to-page", "false"),
        ]
        if self.copies > 1:
            options.append(("collate", "true"))
        if self.page_set:
            options.append(("page-set", self.page_set))
        if self.reverse:
            options.append(("outputorder", "reverse"))
        return options

    def lp_args(self, queue: str) -> list[str]:
        """The `lp` command that submits this job to `queue`."""
        args = ["lp", "-d", queue, "-t", self.title, "-n", str(self.copies)]
        if self.page_ranges:
            args += ["-P", self.page_ranges]
        for name, value in self.options():
            args += ["-o", f"{name}={value}"]
        return [*args, "--", str(self.pdf.path)]


@dataclass(frozen=True)
class Pause:
    """Stop and tell the user what to do; with `confirm`, ask yes or no (no stops the print)."""

    message: str
    confirm: bool = False
    refusal: str = ""  # what to do when the answer is no


Step = Job | Pause


@dataclass(frozen=True)
class Capabilities:
    """What a CUPS queue says it can do: duplex (None: unknown, e.g. a queue without a driver) and
    its PPD page sizes (empty: unknown)."""

    duplex: bool | None = None
    sizes: tuple[str, ...] = ()

    def lacks(self, media: Media) -> bool:
        """Whether the queue lists sizes but not this one (nor custom sizes)."""
        if not self.sizes:
            return False
        return media.ppd not in self.sizes and not any(s.startswith("Custom") for s in self.sizes)


@dataclass(frozen=True)
class Plan:
    """A print run: its steps in order, and warnings to show before it starts."""

    steps: tuple[Step, ...]
    warnings: tuple[str, ...] = ()


def check_pages(pages: str | None) -> str | None:
    """A page-ranges value ("1-2,5") as given, or an error saying what is wrong."""
    if pages is not None and not PAGES.fullmatch(pages.replace(" ", "")):
        raise InputError(f"'{pages}' is not a page list; give numbers and ranges, e.g. 1-2,5", key="pages")
    return pages.replace(" ", "") if pages else None


def ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1-3,5"."""
    parts: list[str] = []
    for n in sorted(set(numbers)):
        if parts and parts[-1].split("-")[-1] == str(n - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{n}"
        else:
            parts.append(str(n))
    return ",".join(parts)


def describe(plan: Plan, queue: str) -> list[str]:
    """The plan as a user could type it: each job's exact `lp` command (held jobs are released
    together when run) and each pause as a comment."""
    import shlex

    lines = [f"# warning: {warning}" for warning in plan.warnings]
    for step in plan.steps:
        if isinstance(step, Job):
            lines.append(shlex.join(step.lp_args(queue)))
        else:
            lines.append(f"# then wait: {step.message}" + (" [y/N]" if step.confirm else ""))
    return lines
