"""The message set as a letter (issue 17.3, 17.4): the greeting at the margin, paragraphs indented or
parted by a blank (ruled) line, the closing and signature set apart, the block centred on the
baseline grid; the same on the printed card, the guide in every mode and the plotter SVG."""

from __future__ import annotations

import itertools
import re
import statistics
from pathlib import Path

import pytest

from cardgen.kit import make_kit
from cardgen.layout.card import message_pages
from cardgen.layout.fit import HandSize, fit_message
from cardgen.layout.letter import LetterStyle
from cardgen.layout.panels import writing_panels
from cardgen.render.svg import svg_page
from cardgen.scene import Dots, Group, Line, Page, Text, walk
from cardgen.wording import letter_parts
from tests.conftest import note_with
from tests.test_fit import A2, FAKE
from tests.test_svg import points

MM = 72 / 25.4
MARGIN = 10 * MM  # the writing area's left and top edges in panel coordinates
A2_WIDTH = 306 - 2 * MARGIN  # the A2 writing area's width
SHORT = "Dear Sam,\n\nThank you for your time today. I enjoyed it.\n\nWarm regards,\nAlex"


def message_runs(page: Page, panel: str) -> list[Text]:
    """The message's text runs on one panel of a page, in panel coordinates, top to bottom."""
    return [
        item
        for item, _, labels in walk(page.items)
        if isinstance(item, Text) and item.role == "message" and panel in labels
    ]


def card_runs(kit, panel: str) -> list[Text]:  # type: ignore[no-untyped-def]
    return [t for page in kit.card.pages for t in message_runs(page, panel)]


def guide_runs(kit, panel: str) -> list[Text]:  # type: ignore[no-untyped-def]
    (page,) = [p for p in kit.guide.pages if p.label == panel]
    return message_runs(page, panel)


def test_the_parts_of_a_letter_are_told_apart() -> None:
    roles = [role for role, _ in letter_parts(SHORT)]
    assert roles == ["greeting", "body", "sign-off"]
    assert [r for r, _ in letter_parts("Dear Sam,\n\nThank you.")] == ["greeting", "body"]
    assert [r for r, _ in letter_parts("Thank you.\n\nIt meant a lot.\n\nAlex")] == [
        "greeting",
        "body",
        "sign-off",
    ]
    long_first = "Thank you so much for the wonderful afternoon we spent together.\n\nAlex"
    assert [r for r, _ in letter_parts(long_first)] == ["body", "sign-off"], (
        "a long first line is no greeting"
    )


def test_printed_card_indents_paragraphs_and_signs_from_the_middle(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"card.message": "print"}))
    size = kit.fit.size
    left, right = card_runs(kit, "inside-left"), card_runs(kit, "inside-right")
    assert left[0].text == "Dear Ms. Rivera," and left[0].x == pytest.approx(MARGIN)
    starts = [t for t in left + right if t.text.startswith(("Thank you", "Our conv", "One thing", "I would"))]
    assert len(starts) == 4
    assert all(t.x == pytest.approx(MARGIN + 3 * size.x_height) for t in starts), "paragraphs indented"
    follow = [t for t in left + right if t.x == pytest.approx(MARGIN)]
    assert len(follow) == len(left + right) - 4 - 2, "every other line of the letter at the margin"
    closing, signature = right[-2:]
    assert (closing.text, signature.text) == ("Warm regards,", "Alex")
    assert closing.x == signature.x == pytest.approx(MARGIN + A2_WIDTH / 2), "signed from the middle"
    assert signature.y - closing.y == pytest.approx(size.line_spacing)
    assert closing.y - right[-3].y == pytest.approx(2 * size.line_spacing), "a blank line before the closing"


def test_space_paragraphs_skip_a_ruled_line_on_card_and_guide(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"card.message": "print", "card.paragraphs": "space"}))
    spacing = kit.fit.size.line_spacing
    for runs in (card_runs(kit, "inside-right"), guide_runs(kit, "inside-right")):
        assert all(t.x == pytest.approx(MARGIN) for t in runs), "a block letter: all at the margin"
        gaps = [round((b.y - a.y) / spacing, 6) for a, b in itertools.pairwise(runs)]
        assert set(gaps) == {1.0, 2.0}
        after_gap = [b.text for a, b, gap in zip(runs, runs[1:], gaps, strict=False) if gap == 2.0]
        assert after_gap == ["I would love to join you as your", "Warm regards,"]
    (page,) = [p for p in kit.guide.pages if p.label == "inside-right"]
    ruled = {
        round(i.y1, 6) for i, _, _ in walk(page.items) if isinstance(i, Line) and i.y1 == i.y2 and not i.dash
    }
    runs = guide_runs(kit, "inside-right")
    skipped = [round(b.y - spacing, 6) for a, b in itertools.pairwise(runs) if b.y - a.y > 1.5 * spacing]
    assert skipped and set(skipped) <= ruled, "the blank line between paragraphs is a ruled line left empty"


def test_the_fit_counts_blank_lines_and_narrower_indented_first_lines() -> None:
    size = HandSize(x_height=10, line_spacing=30)  # the fake font: 10 pt per character
    panels = writing_panels(A2)
    text = "Hi,\n\n" + "a " * 30 + "\n\n" + "b " * 30 + "\n\nBest,\nAl"
    spaced = fit_message(text, panels, FAKE, size, LetterStyle("space"))
    # "a a … a": n letters and n - 1 spaces, 10 pt each, in 249.3 pt: 12 a line, 11 when indented 30 pt
    assert [len(r.text.split()) for r in spaced.rows[0][2:4]] == [12, 12]
    blanks = sum(not r.text for rows in spaced.rows for r in rows)
    assert len(spaced.panels) == 2 and blanks == 2, "three breaks: two blank lines and the panel break"
    assert spaced.lines_needed == sum(map(len, spaced.rows)) == 11
    indented = fit_message(text, panels, FAKE, size, LetterStyle("indent"))
    first, second = indented.rows[0][1:3]
    assert first.indent == 30 and second.indent == 0  # three x-heights
    assert [len(first.text.split()), len(second.text.split())] == [11, 12], "the indented line holds less"
    assert sum(not r.text for rows in indented.rows for r in rows) == 1, "only before the sign-off"


@pytest.mark.parametrize("align", ["center", "top"])
def test_a_short_printed_message_stands_centred_on_the_baseline_grid(tmp_path: Path, align: str) -> None:
    changes = {"card.message": "print", "message.text": SHORT, "template": None, "card.align": align}
    kit = make_kit(note_with(tmp_path, changes))
    spacing, capacity = kit.fit.size.line_spacing, kit.fit.lines_per_panel
    runs = card_runs(kit, "inside-right")
    rows = round((runs[-1].y - runs[0].y) / spacing) + 1
    assert rows == 6  # greeting, two lines, a blank line, closing, signature
    first = (capacity - rows) // 2 if align == "center" else 0
    assert runs[0].y == pytest.approx(MARGIN + (first + 1) * spacing)
    lines_on_grid = {round((t.y - MARGIN) / spacing, 6) for t in runs}
    assert all(v == int(v) for v in lines_on_grid), "every line on the guide's baseline grid"
    if align == "center":
        above, below = first, capacity - first - rows
        assert 0 <= below - above <= 1 and above > 2


@pytest.mark.parametrize(
    "guide",
    [
        {"guide.mode": "copy", "guide.trace": "solid"},
        {"guide.mode": "underlay", "guide.trace": "outline"},
        {"guide.mode": "copy", "guide.trace": "dots"},
    ],
)
def test_the_guide_of_a_handwritten_card_lays_the_lines_where_the_printed_card_has_them(
    tmp_path: Path, guide: dict[str, str]
) -> None:
    base = {"message.text": SHORT, "template": None, **guide}
    printed = make_kit(note_with(tmp_path, {**base, "card.message": "print"}))
    handwritten = make_kit(note_with(tmp_path, {**base, "card.message": "handwrite"}))
    expected = [(round(t.x, 6), round(t.y, 6)) for t in card_runs(printed, "inside-right")]
    spacing, capacity = handwritten.fit.size.line_spacing, handwritten.fit.lines_per_panel
    centred = MARGIN + ((capacity - 6) // 2 + 1) * spacing  # six lines, centred as the card has them
    assert expected[0][1] == pytest.approx(centred)
    (page,) = handwritten.guide.pages
    words = next(g for g in page.items if isinstance(g, Group) and not g.shared)
    if (
        guide["guide.trace"] == "dots"
    ):  # one Dots per line, its dots between the line's ascenders and descenders
        lines = [d for d in words.items if isinstance(d, Dots)]
        assert len(lines) == len(expected)
        for dots, (x, baseline) in zip(lines, expected, strict=True):
            assert all(baseline - 5.5 * MM <= y <= baseline + 1.8 * MM for _, y in dots.points)
            assert statistics.median(y for _, y in dots.points) < baseline
            assert min(px for px, _ in dots.points) == pytest.approx(x, abs=3.0)
        return
    laid = [(round(t.x, 6), round(t.y, 6)) for t in message_runs(page, "inside-right")]
    assert laid == expected


def test_the_plotter_svg_keeps_indents_and_the_sign_off(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"message.text": SHORT, "template": None}))
    (page,) = message_pages(kit.note, kit.fit)
    svg = svg_page(page)[0].decode()
    paths = re.findall(r'<path d="([^"]+)"', svg)
    assert len(paths) == len([i for i, _, _ in walk(page.items) if isinstance(i, Text)]) == 5
    lefts = [min(x for x, _ in points(d)) for d in paths]
    indent = 3 * kit.fit.size.x_height
    assert lefts[0] == pytest.approx(MARGIN, abs=3.0)  # the greeting at the margin
    assert lefts[1] == pytest.approx(MARGIN + indent, abs=3.0)  # the paragraph's first line indented
    assert lefts[2] == pytest.approx(MARGIN, abs=3.0)
    assert lefts[3] == pytest.approx(MARGIN + A2_WIDTH / 2, abs=3.0) == lefts[4]


def test_ticks_mark_only_the_lines_written_the_gap_left_unticked(tmp_path: Path) -> None:
    kit = make_kit(
        note_with(
            tmp_path,
            {"message.text": SHORT, "template": None, "guide.mode": "ticks", "card.paragraphs": "space"},
        )
    )
    (page,) = kit.guide.pages
    ticks = [i for i, _, _ in walk(page.items) if isinstance(i, Line) and i.y1 == i.y2 and i.width == 0.5]
    baselines = sorted({round(i.y1, 6) for i in ticks if MARGIN < i.y1 < 396 - MARGIN})
    spacing = kit.fit.size.line_spacing
    steps = [round((b - a) / spacing, 6) for a, b in itertools.pairwise(baselines)]
    assert steps == [2.0, 1.0, 2.0, 1.0], "greeting, gap, two lines, gap, closing, signature"
