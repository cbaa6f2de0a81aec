"""Grid practice sheets for Chinese, Japanese and Korean text: the grid's options checked (each
error naming the option and the fix), the language Han is read in, the font, and the text checked
against it, laid out by layout.grid."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cardgen import catalog
from cardgen.errors import Finding, InputError
from cardgen.fonts import for_language
from cardgen.layout.grid import CELLS, MODES, GridSpec
from cardgen.model import Profiles
from cardgen.scripts import HAN_LANGUAGES, is_cjk, text_language
from cardgen.units import MM

if TYPE_CHECKING:
    from cardgen.practice import PracticeOptions
    from cardgen.scene import Document

BOX_MM = (6.0, 40.0)  # the squares' side: from small print to a child's first characters
TRACED = (0, 10)
CELL_NAMES = {"tianzige": "cross", "田字格": "cross", "mizige": "diagonals", "米字格": "diagonals"}
LANGUAGE_NAMES = {"jp": "ja", "japanese": "ja", "cn": "zh", "chinese": "zh", "kr": "ko", "korean": "ko"}
GRID_ONLY = ("box", "cell", "grid", "traced", "vertical")  # options only a grid has
LINES_ONLY = ("x_height", "line_spacing", "nib", "slant", "profile")  # sizes of a lined hand


def read_language(given: str | None, text: str) -> str | None:
    """How Han is read: the language given (ja, zh, ko), else the one the text shows (kana: ja,
    Hangul: ko, Han alone: zh); None for text with none of them."""
    if given is None:
        return text_language(text)
    language = given.strip().lower()
    if language not in HAN_LANGUAGES:
        meant = LANGUAGE_NAMES.get(language)
        named = ", ".join(f"{code} ({label})" for code, label in HAN_LANGUAGES.items())
        hint = f"; did you mean '{meant}' ({HAN_LANGUAGES[meant]})?" if meant else f"; choose one of: {named}"
        raise InputError(f"unknown language '{given}'{hint}", key="guide.language")
    return language


def refuse_grid_options(options: PracticeOptions, text: str) -> None:
    """An error for a grid's option given for a lined sheet."""
    for field in GRID_ONLY:
        if getattr(options, field) not in (None, False):
            why = (
                "the text has no Chinese, Japanese or Korean characters"
                if not any(map(is_cjk, text))
                else f"the {options.ruling} ruling has lines, not squares; add --ruling grid"
            )
            raise InputError(f"only for the square grid, and {why}", key=f"guide.{field}")


def grid_spec(options: PracticeOptions, language: str) -> GridSpec:
    """The grid's settings from the options, each checked."""
    from cardgen.tomlsource import NoteSource, Reader

    for field in LINES_ONLY:
        if getattr(options, field) is not None:
            raise InputError(
                "has no meaning on a square grid, which is sized by its squares: give their side, "
                "your glyph size, as box (--box 15mm), or name a ruling for lines (--ruling school)",
                key=f"handwriting.{field}",
            )
    if options.trace == "dots":
        raise InputError(
            "dots need a single-stroke font, and none has Chinese, Japanese or Korean characters; "
            "use solid, outline or none",
            key="guide.trace",
        )
    cell = CELL_NAMES.get((options.cell or "").lower(), options.cell)
    given = {"box": options.box, "cell": cell, "grid": options.grid}
    reader = Reader({"guide": {k: v for k, v in given.items() if v is not None}}, NoteSource(Path(""), ""))
    box = reader.length("guide.box", "15mm", low=BOX_MM[0] * MM, high=BOX_MM[1] * MM)
    mode = reader.choice("guide.grid", list(MODES), "chars")
    traced = 3 if options.traced is None else options.traced
    if isinstance(traced, bool) or not isinstance(traced, int) or not TRACED[0] <= traced <= TRACED[1]:
        raise InputError(
            f"{traced!r} is out of range; give a whole number of grey copies, {TRACED[0]} to {TRACED[1]}",
            key="guide.traced",
        )
    if options.rehearse and mode == "chars":
        raise InputError(
            "the character drill has its grey copies already (--traced); rehearse is for the text "
            "flowing through the grid (--grid text)",
            key="guide.rehearse",
        )
    return GridSpec(
        box=box,
        cell=reader.choice("guide.cell", list(CELLS), "cross"),
        mode=mode,
        traced=traced,
        vertical=options.vertical,
        rehearse=options.rehearse,
        trace=options.trace,
        language=language,
    )


def grid_sheet(
    text: str, options: PracticeOptions, profiles: Profiles, language: str | None, name: str, title: str
) -> tuple[Document, list[Finding]]:
    """The grid pages for the text (called `name` in messages) and the warnings (characters drawn
    from a font not made for them). The font is the one given, else the default hand's; each
    character is set in the font the text engine chooses for it, Han read in `language` (default zh)."""
    from cardgen.coverage import check_coverage
    from cardgen.handwriting import hand_and_guide
    from cardgen.layout.grid import grid_document

    spec = grid_spec(options, language or "zh")
    hand, _ = hand_and_guide({"handwriting": {"font": options.font} if options.font else {}}, profiles)
    font = for_language(hand.font, spec.language)
    try:
        warnings = check_coverage(text, font, "")
    except InputError as error:
        raise InputError(error.problem, file=name) from None
    return grid_document(text, catalog.papers()[options.paper], font, spec, title), warnings
