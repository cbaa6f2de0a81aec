"""Practice sheets from any text: a ruling or hand chosen by name, the hand's sizes, the text checked
against its fonts, laid out as tracing pages (layout.tracing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cardgen import catalog
from cardgen.errors import Finding, InputError, did_you_mean
from cardgen.model import Profiles

if TYPE_CHECKING:
    from cardgen.scene import Document

# A plain line system practised at a typical size: the hand preset it takes its sizes from.
RULING_HANDS = {"lines": "medium", "school": "wide", "four-line": "large"}
OWN_RULINGS = ("seyes", "calligraphy")  # rulings whose sizes come from the hand named with them
FOUR_LINE_SPACING = "13mm"  # room between one line's descenders and the next one's ascenders


@dataclass(frozen=True)
class PracticeOptions:
    """How to lay a practice sheet out: a ruling (a line system, or a hand preset by name), the
    paper, the trace style, and [handwriting]-style settings (None: the ruling's)."""

    ruling: str = "wide"
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


def practice_sheet(
    text: str, options: PracticeOptions, profiles: Profiles, name: str = "text"
) -> tuple[Document, list[Finding]]:
    """The practice pages for `text` (called `name` in messages and the title) and the warnings
    (characters drawn from a fallback font). Errors name the setting that is wrong."""
    from cardgen.coverage import check_coverage, clean_message
    from cardgen.handwriting import hand_and_guide
    from cardgen.layout.trace import stroke_fallback_warning
    from cardgen.layout.tracing import tracing_document

    text, warnings = clean_message(text, "")
    if not text.strip():
        raise InputError("no text to trace; give some words", file=name)
    hand, guide = hand_and_guide(_settings(options), profiles)
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


def _title(name: str) -> str:
    """'Practice: thank-you' for a file called thank-you.txt; no doubled word for practice.txt."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if not stem or stem == "text" or stem.lower().startswith("practice"):
        return "Handwriting practice" if not stem or stem == "text" else stem.replace("-", " ").capitalize()
    return f"Practice: {stem}"


def _settings(options: PracticeOptions) -> dict[str, dict[str, Any]]:
    """The options as [handwriting] and [guide] keys."""
    presets = catalog.hand_presets()
    ruling = options.ruling
    if ruling not in presets and ruling not in (*RULING_HANDS, *OWN_RULINGS):
        hint = did_you_mean(ruling, [*RULING_HANDS, *OWN_RULINGS, *presets]) or "; see cardgen list hands"
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
