"""What a kit is written as: the kinds of output, their file names, their documents, and their bytes."""

from __future__ import annotations

import re
import unicodedata

from cardgen.coverage import some
from cardgen.errors import Finding
from cardgen.kit import Kit
from cardgen.layout.card import fronts_and_backs, message_pages
from cardgen.model import Note
from cardgen.scene import Document

TITLES = {"card": "Cards", "envelope": "Envelopes", "guide": "Handwriting guides"}  # of many recipients
FILE_ORDER = (
    "card.pdf",
    "card-fronts.pdf",
    "card-backs.pdf",
    "envelope.pdf",
    "guide.pdf",
    "checklist.pdf",
    "manifest.json",
    "message.txt",
)


def output_names(note: Note, kind: str) -> tuple[str, ...]:
    """The files a kind is written to: `card.pdf`, or for manual duplex `card-fronts.pdf` and
    `card-backs.pdf`."""
    if kind == "card" and note.duplex == "manual":
        return ("card-fronts.pdf", "card-backs.pdf")
    return (f"{kind}.pdf",)


def kind_documents(kit: Kit, kind: str) -> tuple[Document, ...]:
    """A recipient's documents of one kind, one per output file (see output_names)."""
    document: Document = getattr(kit, kind)
    return fronts_and_backs(document) if kind == "card" and kit.note.duplex == "manual" else (document,)


def lead_pages(note: Note) -> int:
    """How many pages come before the first card in the (first) card file: a whole-sheet card's
    print check, with its blank back in a two-sided file; 0 for other cards."""
    from cardgen.layout.card import card_document

    lead = card_document(note, [])
    if not lead.pages:
        return 0
    return len(fronts_and_backs(lead)[0].pages) if note.duplex == "manual" else len(lead.pages)


def kind_files(kit: Kit, kind: str) -> dict[str, bytes]:
    """A recipient's files of one kind by name, as bytes: the same bytes a run of this one
    recipient writes (a backs file asked for in reverse, print.backs = "reversed", last page first)."""
    names, documents = output_names(kit.note, kind), kind_documents(kit, kind)
    reverse = [name == "card-backs.pdf" and kit.note.print.backs == "reversed" for name in names]
    return {
        name: render_pdf_bytes(document, backwards)
        for name, document, backwards in zip(names, documents, reverse, strict=True)
    }


def file_order(name: str) -> tuple[int, str]:
    """Sort key: the files in the order a user reads about them, then the rest by name."""
    return (FILE_ORDER.index(name), name) if name in FILE_ORDER else (len(FILE_ORDER), name)


def slug(name: str) -> str:
    """A folder-safe form of a name: 'Dana Rivera' -> 'dana-rivera'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "recipient"


def render_pdf_bytes(document: Document, reverse: bool = False) -> bytes:
    """One scene as PDF bytes, `reverse`: last page first (the renderer is imported only when a
    PDF is made)."""
    from cardgen.render.pdf import render_pdf

    return render_pdf(document, reverse)


def svg_files(kit: Kit) -> tuple[dict[str, bytes], Finding | None]:
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
    listed = some(list(missing))
    return files, Finding(
        f"{stroke} has no single-stroke {listed}; drawn as the font's outlines instead", "svg"
    )
