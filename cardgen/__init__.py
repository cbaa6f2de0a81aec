"""cardgen: print-ready PDFs for handwritten notes (card, envelope, handwriting guide).

The public face, for code (see README, "Use it from Python"):

    import cardgen
    note = cardgen.load_note("note.toml")           # or cardgen.note_from_dict({...})
    report = cardgen.check(note)                     # fit, postal and glyph findings as data
    files, manifest = cardgen.render_kit(note)       # {"card.pdf": b"...", ...}, in memory
    cardgen.build(note, "out/")                       # the same files, written atomically
    cardgen.install_fonts(["ja"])                     # the optional Japanese fonts (font_groups())

Everything not named in __all__ is private and may change.
"""

__version__ = "0.1.0"

from cardgen.api import (
    Built,
    Report,
    build,
    check,
    font_groups,
    install_fonts,
    load_note,
    note_from_dict,
    preflight,
    preview,
    render_kit,
    saved_profiles,
    tracing_sheet,
    with_options,
)
from cardgen.errors import CardgenError, Finding, InputError, OutputError
from cardgen.model import Note
from cardgen.practice import PracticeOptions

__all__ = [
    "Built",
    "CardgenError",
    "Finding",
    "InputError",
    "Note",
    "OutputError",
    "PracticeOptions",
    "Report",
    "build",
    "check",
    "font_groups",
    "install_fonts",
    "load_note",
    "note_from_dict",
    "preflight",
    "preview",
    "render_kit",
    "saved_profiles",
    "tracing_sheet",
    "with_options",
]
