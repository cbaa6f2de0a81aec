"""Practice sheets from any text: a ruling or hand chosen by name, the hand's sizes (or for Chinese,
Japanese and Korean a square grid and its box), the text checked against its fonts, laid out as
tracing pages (layout.tracing) or grid pages (layout.grid)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cardgen import catalog
from cardgen.errors import Finding, InputError, did_you_mean
from cardgen.fonts import for_language
from cardgen.model import Profiles
from cardgen.scripts import is_cjk, script

if TYPE_CHECKING:
    from cardgen.scene import Document

# A plain line system practised at a typical size: the hand preset it takes its sizes from.
RULING_HANDS = {"lines": "medium", "school": "wide", "four-line": "large"}
OWN_RULINGS = ("seyes", "calligraphy")  # rulings whose sizes come from the hand named with them
FOUR_LINE_SPACING = "13mm"  # room between one line's descenders and the next one's ascenders
GRID = "grid"  # the square grid for Chinese, Japanese and Korean
AUTO = "auto"  # the grid for text mostly in Chinese, Japanese or Korean characters, else "wide"


@dataclass(frozen=True)
class PracticeOptions:
    """How to lay a practice sheet out: a ruling (a line system, a hand preset by name, or "grid":
    squares for Chinese, Japanese and Korean; "auto": the grid for such text, else "wide"), the
    paper, the trace style, [handwriting]-style settings (None: the ruling's), and the grid's own
    (None: its defaults: 15 mm squares with a centre cross, a row per character with three grey
    copies, across the page, Han read in the language the text shows)."""

    ruling: str = AUTO
    paper: str = "letter"
    trace: str = "solid"  # solid | outline | dots | none
    rehearse: bool = False  # each line traced, then faint, then blank
    x_height: str | None = None
    line_spacing: str | None = None
    nib: str | None = None
    slant: float | None = None
    font: str | None = None
    stroke_font: str | None = None
    start_dots: bool = False
    profile: str | None = None
    box: str | None = None  # grid: the square's side, e.g. "15mm"
    cell: str | None = None  # grid: none | cross (田字格) | diagonals (米字格)
    grid: str | None = None  # grid: chars (a row per character) | text (the text, above blank rows)
    traced: int | None = None  # grid, chars: grey copies to trace after the model
    vertical: bool = False  # grid: columns top to bottom, right to left
    language: str | None = None  # ja | zh | ko: how Han is read (default: judged from the text)


def practice_sheet(
    text: str, options: PracticeOptions, profiles: Profiles, name: str = "text"
) -> tuple[Document, list[Finding]]:
    """The practice pages for `text` (called `name` in messages and the title) and the warnings
    (characters drawn from a fallback font). Errors name the setting that is wrong."""
    from cardgen.coverage import check_coverage, clean_message
    from cardgen.gridpractice import grid_sheet, read_language, refuse_grid_options
    from cardgen.handwriting import hand_and_guide
    from cardgen.layout.trace import stroke_fallback_warning
    from cardgen.layout.tracing import tracing_document

    text, warnings = clean_message(text, "")
    if not text.strip():
        raise InputError("no text to trace; give some words", file=name)
    language = read_language(options.language, text)
    if _ruling(options, text) == GRID:
        document, more = grid_sheet(text, options, profiles, language, name, _title(name))
        return document, [Finding(w.problem, w.key, name) for w in warnings + more]
    refuse_grid_options(options, text)
    hand, guide = hand_and_guide(_settings(options), profiles)
    if language:  # Han read in the text's language, so that kanji and kana share one font
        hand = replace(hand, font=for_language(hand.font, language))
    try:
        warnings += check_coverage(text, hand.font, "")
    except InputError as error:
        raise InputError(error.problem, file=name) from None
    if options.trace == "dots":
        fallback = stroke_fallback_warning(text, guide.stroke_font, "")
        warnings += [fallback] if fallback else []
    warnings = [Finding(w.problem, w.key, name) for w in warnings]  # said of the text's file
    paper = catalog.papers()[options.paper]
    document = tracing_document(text, paper, hand, guide, options.rehearse, _title(name))
    return document, warnings


def _ruling(options: PracticeOptions, text: str) -> str:
    """The ruling asked for; "auto" is the grid for text mostly in Chinese, Japanese or Korean
    characters (more of them than letters of other scripts). The grid for text without them is an
    error."""
    cjk = sum(map(is_cjk, text))
    if options.ruling == AUTO:
        others = sum(1 for c in text if c.isalpha() and not is_cjk(c) and script(c) != "Zyyy")
        return GRID if cjk and cjk >= others else AUTO
    if options.ruling.lower() == GRID and not cjk:
        raise InputError(
            "the square grid is for Chinese, Japanese and Korean text, and this text has none; choose "
            "a ruling for it (lines, school, four-line, seyes) or a hand (cardgen list hands)",
            key="guide.ruling",
        )
    return GRID if options.ruling.lower() == GRID else options.ruling


def _title(name: str) -> str:
    """'Practice: thank-you' for a file called thank-you.txt; no doubled word for practice.txt."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if not stem or stem == "text" or stem.lower().startswith("practice"):
        return "Handwriting practice" if not stem or stem == "text" else stem.replace("-", " ").capitalize()
    return f"Practice: {stem}"


def _settings(options: PracticeOptions) -> dict[str, dict[str, Any]]:
    """The options as [handwriting] and [guide] keys."""
    presets = catalog.hand_presets()
    ruling = options.ruling if options.ruling != AUTO else "wide"
    if ruling not in presets and ruling not in (*RULING_HANDS, *OWN_RULINGS):
        names = [*RULING_HANDS, *OWN_RULINGS, GRID, AUTO, *presets]
        hint = did_you_mean(ruling, names) or "; see cardgen list hands"
        raise InputError(f"unknown ruling '{ruling}'{hint}", key="guide.ruling")
    given = {
        "x_height": options.x_height,
        "line_spacing": options.line_spacing,
        "nib": options.nib,
        "slant": options.slant,
        "font": options.font,
        "profile": options.profile,
    }
    hand: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    hand["preset"] = RULING_HANDS.get(ruling, ruling if ruling in presets else "medium")
    if ruling == "four-line":
        hand.setdefault("line_spacing", FOUR_LINE_SPACING)
    guide: dict[str, Any] = {"trace": options.trace, "start_dots": options.start_dots}
    if ruling in (*RULING_HANDS, *OWN_RULINGS):
        guide["ruling"] = ruling
    if options.stroke_font:
        guide["stroke_font"] = options.stroke_font
    return {"handwriting": hand, "guide": guide}
