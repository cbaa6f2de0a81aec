"""What the page shows of a note: each page of its kit as an upright picture (the card's faces
turned to read as the card will), the fit per panel, every warning by the field it is about, the
photo's resolution, the print steps, and a CSV's rows with their status."""

from __future__ import annotations

import base64
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardgen.errors import Finding
from cardgen.model import Note
from cardgen.scene import Document, Group

PREVIEW_DPI = 40  # enough to read the layout; a Letter sheet is 340 × 440 px


@dataclass(frozen=True)
class PageView:
    """One page of one kit file, and how many degrees (counter-clockwise) to turn it upright."""

    file: str
    page: int  # 1-based
    label: str
    turn: int


def face_turn(document: Document, index: int) -> int:
    """Degrees counter-clockwise that page `index` of a card document is turned to show its card
    face upright: the face's own "up" as it lies on the printed sheet (an inside face printed upside
    down so that the duplex flip puts it behind its outside reads upright after 180)."""
    page = document.pages[index]
    for item in page.items:
        if isinstance(item, Group) and item.label == "card":
            c, d = item.transform[2:4]
            up_x, up_y = -c, -d  # the face's (0, -1) on the page, y down
            angle = round(math.degrees(math.atan2(up_x, -up_y)) / 90) * 90  # 0: up; 90: points right
            return angle % 360
    return 0


def page_views(note: Note, card: Document, names: list[str]) -> list[PageView]:
    """Every page of the kit's PDFs (card first, then the envelope and the guide) with its turn.
    The card document's pages alternate outside and inside; a manual duplex kit has them split
    into card-fronts.pdf (outside pages) and card-backs.pdf (inside pages)."""
    views: list[PageView] = []
    card_files = [n for n in names if n.startswith("card")]
    for name in card_files:
        if name == "card-fronts.pdf":
            indices = list(range(0, len(card.pages), 2))
        elif name == "card-backs.pdf":
            indices = list(range(1, len(card.pages), 2))
            if note.print.backs == "reversed":
                indices.reverse()
        else:
            indices = list(range(len(card.pages)))
        for number, index in enumerate(indices, start=1):
            label = f"Card: {card.pages[index].label or f'page {number}'}"
            if label == "Card: inside" and note.card.message == "handwrite":
                label += ", left blank for your pen (the guide shows the words)"
            views.append(PageView(name, number, label, face_turn(card, index)))
            if note.card.format.fold == "quarter":  # one side: the inside panels stand upside down on it
                views.append(PageView(name, number, "Card: inside", (face_turn(card, index) + 180) % 360))
    return views


def other_views(name: str, count: int) -> list[PageView]:
    """The envelope's and the guide's pages, shown as printed."""
    kind = "Envelope" if name.startswith("envelope") else "Guide"
    if kind == "Envelope":
        labels = ["Envelope", "Envelope: flap side"]
    else:
        labels = [f"Guide: page {n}" for n in range(1, count + 1)]
    return [
        PageView(name, n, labels[n - 1] if n <= len(labels) else f"{kind}: page {n}", 0)
        for n in range(1, count + 1)
    ]


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def pictures(files: dict[str, bytes], views: list[PageView], dpi: int = PREVIEW_DPI) -> list[dict[str, Any]]:
    """Each view as {"file", "page", "label", "turned", "png"}, the PNG upright and base64 for a
    data URL. Drawn by pdfium already turned, and compressed lightly: this is for a screen, now
    (`cardgen preview` makes the optimised files)."""
    import pypdfium2

    shown = []
    by_file: dict[str, list[PageView]] = {}
    for view in views:
        by_file.setdefault(view.file, []).append(view)
    for name, file_views in by_file.items():
        document = pypdfium2.PdfDocument(files[name])
        try:
            for view in file_views:
                # pdfium turns clockwise; a view's turn is counter-clockwise
                clockwise = (360 - view.turn) % 360
                bitmap = document[view.page - 1].render(scale=dpi / 72, rotation=clockwise)
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG", compress_level=1)
                shown.append(
                    {
                        "file": view.file,
                        "page": view.page,
                        "label": view.label,
                        "turned": view.turn,
                        "png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                    }
                )
        finally:
            document.close()
    return shown


KEYED = re.compile(r"^(?:[^:\n]*\.toml(?::\d+)?: )*([a-z_]+(?:\.[a-z_]+)?): ")


def warning_key(warning: str) -> str:
    """The note key a warning is about: a Finding's own, else the key its text starts with (some
    warnings, the address checks', are plain text, and manifest.json keeps only the text)."""
    if isinstance(warning, Finding) and warning.key:
        return warning.key
    found = KEYED.match(str(warning))
    return found.group(1) if found and found.group(1).split(".")[0] in KEY_ROOTS else ""


KEY_ROOTS = {
    "template",
    "fit",
    "sender",
    "recipient",
    "message",
    "card",
    "handwriting",
    "guide",
    "envelope",
    "print",
}


def finding_dict(warning: str, hide: str = "") -> dict[str, Any]:
    """A warning as {"key", "message"} (the page puts it beside its field), with `hide` (a server
    folder) taken out of the text."""
    return {"key": warning_key(warning), "message": str(warning).replace(hide, "") if hide else str(warning)}


def print_steps(note: Note) -> list[str]:
    """How to print the kit at home or what to send a shop, in steps a first-time user follows."""
    from cardgen.layout.card import card_grid, home_notes

    spec = note.print
    if spec.target == "shop":
        return [
            "Send card.pdf and envelope.pdf to the print shop: each page has its trim and bleed boxes.",
            "Print guide.pdf at home at 100 % (Actual size).",
        ]
    card = note.card.format
    how = home_notes(card.fold, spec.duplex, card_grid(note).count)[0][0]
    steps = [
        how[0].upper() + how[1:],
        "In the print dialog choose \u201cActual size\u201d (100 %), never \u201cFit to page\u201d: the "
        f"bar on the sheet must measure {spec.paper.check_bar_label}.",
    ]
    if spec.duplex == "manual":
        steps.append(
            "By hand: print card-fronts.pdf, put the printed sheets back in the tray turned over on "
            "their long edge, then print card-backs.pdf."
        )
    profile = spec.printer
    steps.append(
        f"Printer profile: {profile.name} (content moved back by its measured offsets)."
        if profile
        else "Printer profile: none (cardgen calibrate printer measures your printer's offsets)."
    )
    return steps


def recipient_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """A CSV run's rows for the table: line, name, status (built, warning, skipped) and why."""
    rows = []
    for entry in report["recipients"]:
        fit = entry["fit"]
        problems = [str(w) for w in entry["warnings"]]
        if not fit["fits"]:
            problems.insert(0, "the message does not fit: " + "; ".join(fit["suggestions"][:1]))
        rows.append(
            {
                "line": entry.get("csv_line"),
                "name": entry["name"],
                "status": "warning" if problems else "built",
                "detail": " ".join(problems),
            }
        )
    for skipped in report["skipped"]:  # "panel.csv:4: recipient.country: …", a Finding with its line
        where, _, problem = str(skipped).partition(": ")
        line = getattr(skipped, "line", None) or where.rsplit(":", 1)[-1]
        rows.append(
            {
                "line": int(line) if str(line).isdigit() else None,
                "name": "",
                "status": "skipped",
                "detail": problem,
            }
        )
    return sorted(rows, key=lambda row: row["line"] or 0)


def csv_note(note: Note, csv_path: Path, line: int) -> Note:
    """The note for one row of a recipients CSV (the row at `line`): its recipient and overrides."""
    from cardgen.errors import InputError
    from cardgen.recipients import read_recipients

    rows, bad = read_recipients(csv_path, note)
    for row in rows:
        if row.line == line:
            return note.with_recipient(row.recipient, row.overrides)
    problem = next((b.problem for b in bad if b.line == line), f"no row at line {line}")
    raise InputError(problem, key="recipients")


def preview_kit(note: Note, *, hide: str = "", dpi: int = PREVIEW_DPI) -> dict[str, Any]:
    """Everything the page shows of a note for one recipient: its pages upright, the fit, the
    warnings by key, the photo's resolution and the print steps; the kit's files are the same
    bytes `cardgen build` writes (returned under "files", not sent to the browser)."""
    from cardgen.jobs import Job
    from cardgen.kit import make_kit
    from cardgen.writer import render_files

    kit = make_kit(note)
    files, manifest = render_files(Job.of(kit))
    names = [n for n in files if n.endswith(".pdf")]
    views = page_views(note, kit.card, names)
    for name in names:
        if not name.startswith("card"):
            views += other_views(name, page_count(files[name]))
    entry = manifest["recipients"][0]
    warnings = [*manifest["warnings"], *entry["warnings"]]
    return {
        "files": files,
        "pages": pictures(files, views, dpi),
        "fit": entry["fit"],
        "warnings": [finding_dict(w, hide) for w in warnings],
        "photo_ppi": entry.get("photo_ppi"),
        "print_steps": print_steps(note),
        "names": sorted(files),
    }
