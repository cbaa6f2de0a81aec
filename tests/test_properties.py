"""Property tests: any valid note lays out with every item on its page and in its panel, message
text inside the writing area, and fit counts that match what is drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.kit import make_kit
from cardgen.layout.panels import writing_panels
from cardgen.profiles import GivenProfiles
from cardgen.scene import Dots, Group, Image, Leaf, Line, Polyline, Rect, Text, apply, walk
from cardgen.tomlsource import NoteSource
from cardgen.validate import validate_note

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèüößçñÅæøłžœ"
word = st.text(alphabet=LETTERS + "'-", min_size=1, max_size=12)
sentence = st.lists(word, min_size=1, max_size=25).map(" ".join).map(lambda s: s + ".")
message = st.lists(sentence, min_size=1, max_size=6).map("\n\n".join)


@st.composite
def notes(draw: st.DrawFn) -> dict[str, Any]:
    x_height = draw(st.floats(1.5, 6.0))
    return {
        "sender": {
            "name": "Alex Morgan",
            "street": "12 Elm Street",
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
            "country": "US",
        },
        "recipient": {
            "name": draw(st.text(alphabet=LETTERS + " ", min_size=1, max_size=30).filter(str.strip)),
            "street": "400 Market Street",
            "city": "San Francisco",
            "region": "CA",
            "postal_code": "94105",
            "country": draw(st.sampled_from(["US", "GB", "DE", "CA"])),
        },
        "message": {"text": draw(message)},
        "card": {
            "format": draw(st.sampled_from(list(catalog.card_formats()))),
            "front": draw(st.sampled_from([f for f in catalog.fronts() if f != "photo"])),
            "message": draw(st.sampled_from(["handwrite", "print"])),
            "ruled": draw(st.booleans()),
            "paragraphs": draw(st.sampled_from(["indent", "space"])),
            "align": draw(st.sampled_from(["center", "top"])),
        },
        "guide": {
            "mode": draw(st.sampled_from(["copy", "underlay"])),
            "trace": draw(st.sampled_from(["solid", "outline"])),
        },
        "handwriting": {
            "x_height": f"{x_height:.2f}mm",
            "line_spacing": f"{x_height * draw(st.floats(2.2, 4.0)):.2f}mm",
            "width": draw(st.floats(0.7, 1.5)),
            "font": draw(st.sampled_from(["caveat", "kalam", "patrick-hand", "homemade-apple"])),
        },
        "print": {
            "paper": draw(st.sampled_from(["letter", "a4"])),
            "duplex": draw(st.sampled_from(["long", "short"])),
        },
        "envelope": {"format": draw(st.sampled_from(list(catalog.envelopes())))},
    }


def extent(item: Leaf) -> list[tuple[float, float]]:
    if isinstance(item, Line):
        return [(item.x1, item.y1), (item.x2, item.y2)]
    if isinstance(item, (Rect, Image)):
        return [(item.x, item.y), (item.x + item.w, item.y + item.h)]
    if isinstance(item, (Polyline, Dots)):
        return list(item.points)
    face = metrics(item.font)
    right = item.x + face.width(item.text, item.size) * item.hscale
    return [(item.x, item.y - face.cap_height * item.size), (right, item.y)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_any_valid_note_lays_out_inside_its_pages_and_panels(data: dict[str, Any]) -> None:
    card = catalog.card_formats()[data["card"]["format"]]
    assume(catalog.paper_problem(card, catalog.papers()[data["print"]["paper"]]) is None)
    note = validate_note(data, NoteSource(Path("note.toml"), ""), GivenProfiles())
    try:
        kit = make_kit(note)
    except InputError as error:  # only print mode may refuse, and only for overflow
        assert note.card.message == "print" and "too long to print" in str(error)
        return
    for document in (kit.card, kit.guide, kit.envelope):
        for page in document.pages:
            for item, transform, _ in walk(page.items):
                for x, y in (apply(transform, *p) for p in extent(item)):
                    assert -0.01 <= x <= page.width + 0.01 and -0.01 <= y <= page.height + 0.01
    panel = writing_panels(note.card.format)[0]
    ax, ay, aw, ah = panel.writing_area()
    fit = kit.fit
    drawn = [line for page in kit.guide.pages for line in drawn_lines(page.items, ax, ay, aw, ah)]
    assert len(fit.rows) == len(fit.panels)
    for rows in fit.rows:
        assert len(rows) <= fit.lines_per_panel and (not rows or (rows[0].text and rows[-1].text))
    if fit.fits:
        assert fit.lines_needed == sum(map(len, fit.rows)), "the fit counts every line drawn, blank ones too"
    else:
        assert fit.lines_needed > fit.lines_available >= sum(map(len, fit.rows))
    expected = [
        (row.text, round(ax + row.indent, 3), round(baseline, 3))
        for name in fit.panels
        for baseline, row in fit.placed(name, ay)
        if row.text
    ]
    if fit.fits:
        assert drawn == expected, "the guide draws the fit's lines where the fit puts them"
        laid = "".join(line for chunk in fit.lines for line in chunk)
        assert laid.replace(" ", "") == "".join(kit.text.split()), "every character laid, in order"
    if note.card.message == "print":
        assert fit.fits
        printed = [
            line
            for page in kit.card.pages
            for card in _labelled(page.items, {"card"})[:1]  # the recipient's card, not its spare copies
            for line in drawn_lines(tuple(_labelled(card.items, set(fit.panels))), ax, ay, aw, ah)
        ]
        assert sorted(printed) == sorted(expected), "the card prints the lines where the guide has them"


def drawn_lines(
    items: tuple[Any, ...], ax: float, ay: float, aw: float, ah: float
) -> list[tuple[str, float, float]]:
    """The message lines among the items (each group's own coordinates): text, left edge, baseline;
    every run inside the writing area."""
    lines: list[tuple[str, float, float]] = []
    for group in (i for i in items if isinstance(i, Group)):
        runs = [i for i in group.items if isinstance(i, Text) and i.role == "message"]
        by_baseline: dict[float, tuple[str, float]] = {}
        for text in runs:  # a line may be several runs when a glyph comes from the fallback font
            (left, top), (right, bottom) = extent(text)
            assert left >= ax - 0.01 and right <= ax + aw + 0.01, "text runs out of the writing area"
            assert bottom <= ay + ah + 0.01 and top >= ay - 0.01
            words, start = by_baseline.get(text.y, ("", text.x))
            by_baseline[text.y] = (words + text.text, start)
        lines += [(words, round(x, 3), round(y, 3)) for y, (words, x) in by_baseline.items()]
    return lines


def _labelled(items: tuple[Any, ...], labels: set[str]) -> list[Group]:
    """The groups with one of the labels, at any depth, in order (their own coordinates)."""
    found: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            found += [item] if item.label in labels else _labelled(item.items, labels)
    return found


@pytest.mark.parametrize("size", ["1mm", "20mm"])
def test_extreme_but_valid_sizes_still_lay_out(tmp_path: Path, size: str) -> None:
    from tests.conftest import note_with

    spacing = "3mm" if size == "1mm" else "40mm"
    kit = make_kit(note_with(tmp_path, {"handwriting.x_height": size, "handwriting.line_spacing": spacing}))
    assert kit.fit.lines_available > 0
