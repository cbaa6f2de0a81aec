"""The writer's hand: presets, measured profiles, rulings, guide modes, tracing styles, the fit's
balance and report, practice sheets, handwriting calibration and pen-plotter SVG."""

from __future__ import annotations

import itertools
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.kit import make_kit
from cardgen.layout.fit import HandSize, fit_message, wrap
from cardgen.layout.panels import writing_panels
from cardgen.layout.trace import START_DOT_DIAMETER, ruling_items, slant_lines
from cardgen.scene import Dots, Group, Line, Text, walk
from tests.conftest import SAMPLE, note_with, run, write_note
from tests.test_scan import _scan

MM = 72 / 25.4
SHORT = "Dear Dana,\n\nThank you for the lovely afternoon.\n\nAlex"


@pytest.mark.parametrize(
    ("preset", "x_mm", "spacing_mm", "slant", "ruling"),
    [
        ("small", 2.5, 7, 0, "lines"),
        ("medium", 3, 8, 0, "lines"),
        ("large", 4, 10, 0, "lines"),
        ("college", 2.8, 7.1, 0, "school"),
        ("wide", 3.5, 8.7, 0, "school"),
        ("seyes", 2, 8, 0, "seyes"),
        ("foundational", 12, 36, 0, "calligraphy"),  # 4 nib widths of a 3 mm nib
        ("italic", 10, 28, 83, "calligraphy"),  # 5 of a 2 mm nib
        ("copperplate", 4, 16, 55, "calligraphy"),
        ("spencerian", 3, 12, 52, "calligraphy"),
    ],
)
def test_presets_set_the_hand(
    tmp_path: Path, preset: str, x_mm: float, spacing_mm: float, slant: float, ruling: str
) -> None:
    note = note_with(
        tmp_path,
        {"handwriting.preset": preset, "handwriting.x_height": None, "handwriting.line_spacing": None},
    )
    hand = note.handwriting
    assert hand.x_height == pytest.approx(x_mm * MM) and hand.line_spacing == pytest.approx(spacing_mm * MM)
    assert hand.slant == slant and note.guide.ruling == ruling


def test_copperplate_is_3_2_3_and_keys_override_the_preset(tmp_path: Path) -> None:
    hand = note_with(
        tmp_path,
        {
            "handwriting.preset": "copperplate",
            "handwriting.x_height": "3mm",
            "handwriting.line_spacing": None,
        },
    ).handwriting
    above = hand.ascender - hand.x_height
    assert (above, hand.x_height, hand.descender) == pytest.approx((4.5 * MM, 3 * MM, 4.5 * MM))  # 3 : 2 : 3
    assert hand.line_spacing == pytest.approx(12 * MM) and hand.slant == 55
    nib = note_with(
        tmp_path,
        {
            "handwriting.preset": "foundational",
            "handwriting.nib": "2mm",
            "handwriting.x_height": None,
            "handwriting.line_spacing": None,
        },
    ).handwriting
    assert nib.x_height == pytest.approx(8 * MM)


def test_ascender_and_descender_come_from_the_font_unless_set(tmp_path: Path) -> None:
    hand = note_with(tmp_path).handwriting
    caveat = metrics("caveat")
    assert hand.ascender == pytest.approx(3 * MM * caveat.ascender / caveat.x_height)
    assert hand.descender == pytest.approx(3 * MM * caveat.descender / caveat.x_height)
    assert note_with(tmp_path, {"handwriting.ascender": "6mm"}).handwriting.ascender == pytest.approx(6 * MM)


def test_an_unknown_preset_and_a_missing_profile_are_clear_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    with pytest.raises(
        InputError, match=r"handwriting\.preset: unknown value 'coperplate'; did you mean 'copperplate'"
    ):
        note_with(tmp_path, {"handwriting.preset": "coperplate"})
    with pytest.raises(
        InputError, match=r"handwriting\.profile: 'me': no such profile .*calibrate handwriting"
    ):
        note_with(tmp_path, {"handwriting.profile": "me"})


def lines_at(items: list, baseline: float) -> dict[float, float]:  # type: ignore[type-arg]
    """Horizontal lines' offsets from the baseline (negative: above) and their widths."""
    return {round(i.y1 - baseline, 4): i.width for i in items if isinstance(i, Line) and i.y1 == i.y2}


def test_rulings_put_each_line_where_it_belongs() -> None:
    x, asc, desc, base = 3 * MM, 5.5 * MM, 1.8 * MM, 100.0
    lines = lines_at(ruling_items(0, 100, [base], x, asc, desc, "lines"), base)
    assert set(lines) == {0.0, round(-x, 4)}
    school = lines_at(ruling_items(0, 100, [base], x, asc, desc, "school"), base)
    assert set(school) == {0.0, round(-x, 4), round(-asc, 4)}
    four = lines_at(ruling_items(0, 100, [base], x, asc, desc, "four-line"), base)
    assert set(four) == {0.0, round(-x, 4), round(-asc, 4), round(desc, 4)}
    calligraphy = lines_at(ruling_items(0, 100, [base], x, asc, desc, "calligraphy"), base)
    assert (
        calligraphy[round(-x, 4)] == calligraphy[0.0] > calligraphy[round(-asc, 4)]
    )  # the x-band's edges heavier


def test_seyes_has_three_interlines_and_vertical_lines_a_line_apart() -> None:
    pitch = 8 * MM
    items = ruling_items(0, 100, [50.0, 50 + pitch], 2 * MM, 4 * MM, 2 * MM, "seyes")
    horizontal = sorted({round(i.y1, 4) for i in items if isinstance(i, Line) and i.y1 == i.y2})
    steps = {round(b - a, 4) for a, b in itertools.pairwise(horizontal)}
    assert steps == {round(2 * MM, 4)}
    columns = sorted(i.x1 for i in items if isinstance(i, Line) and i.x1 == i.x2)
    assert {round(b - a, 4) for a, b in itertools.pairwise(columns)} == {round(pitch, 4)}


@pytest.mark.parametrize("angle", [52, 55, 70, 83, 110, 125])
def test_slant_lines_at_the_exact_angle_either_way(angle: float) -> None:
    lines = slant_lines(0, 0, 200, 100, angle)
    assert len(lines) > 3
    for line in lines:
        assert min(line.x1, line.x2) >= -1e-9 and max(line.x1, line.x2) <= 200 + 1e-9
        measured = math.degrees(math.atan2(line.y1 - line.y2, line.x2 - line.x1))
        assert measured == pytest.approx(angle, abs=0.1)


def guide_items(tmp_path: Path, **changes: object) -> list[tuple[object, tuple[float, ...], tuple[str, ...]]]:
    kit = make_kit(note_with(tmp_path, dict(changes)))
    return [(i, t, labels) for page in kit.guide.pages for i, t, labels in walk(page.items)]


def test_underlay_is_bold_black_and_can_be_mirrored(tmp_path: Path) -> None:
    items = guide_items(tmp_path, **{"guide.mode": "underlay"})
    words = [i for i, _, labels in items if isinstance(i, Text) and i.role == "message"]
    assert words and all(w.color == (0.0, 0.0, 0.0) for w in words)
    ruled = [
        i
        for i, _, labels in items
        if isinstance(i, Line) and labels[-1:] == ("inside-left",) and i.y1 == i.y2 and i.x1 > 20
    ]
    assert min(line.width for line in ruled) >= 0.45
    kit = make_kit(note_with(tmp_path, {"guide.mode": "underlay", "guide.mirror": True}))
    groups = [g for g in kit.guide.pages[0].items if isinstance(g, Group)]
    assert groups and all(g.transform[0] == -1 for g in groups)
    assert "MIRRORED" in " ".join(t.text for t in kit.guide.pages[0].items if isinstance(t, Text))


def test_ticks_mode_has_only_ticks_at_both_ends_of_each_line_written(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"guide.mode": "ticks"}))
    margin = 10 * MM
    for page, name in zip(kit.guide.pages, kit.fit.panels, strict=True):
        panel = [i for i, _, labels in walk(page.items) if labels and labels[-1] == name]
        assert not [i for i in panel if isinstance(i, Text) and i.role == "message"]
        ticks = [
            i for i in panel if isinstance(i, Line) and i.y1 == i.y2 and abs(i.x2 - i.x1) <= 3 * MM + 1e-6
        ]
        written = [(b, row) for b, row in kit.fit.placed(name, margin) if row.text]
        assert len(ticks) == 2 * 2 * len(written)  # both ends, baseline and x-height, each line written
        for baseline, row in written:
            at = [t for t in ticks if t.y1 == pytest.approx(baseline) and t.width == 0.5]
            assert sorted(t.x1 for t in at) == pytest.approx([margin + row.indent, 306 - margin])
        assert any(row.indent > 0 for _, row in written), "an indented line's left tick starts at the indent"


def test_outline_tracing_strokes_dashed_glyphs(tmp_path: Path) -> None:
    words = [
        i
        for i, _, _ in guide_items(tmp_path, **{"guide.trace": "outline"})
        if isinstance(i, Text) and i.role == "message"
    ]
    assert words and all(w.outline > 0 and w.dash for w in words)


def test_dots_follow_the_single_stroke_letters_at_the_x_height(tmp_path: Path) -> None:
    changes = {"guide.trace": "dots", "guide.start_dots": True, "message.text": "x", "template": None}
    changes["card.align"] = "top"
    dots = [i for i, _, _ in guide_items(tmp_path, **changes) if isinstance(i, Dots)]
    letters = [d for d in dots if d.diameter < START_DOT_DIAMETER]
    starts = [d for d in dots if d.diameter == START_DOT_DIAMETER]
    assert letters and starts and len(starts[0].points) == 2  # an x: two strokes
    ys = [y for _, y in letters[0].points]
    baseline = 10 * MM + 8 * MM
    assert max(ys) == pytest.approx(baseline, abs=0.1 * MM)
    assert baseline - min(ys) == pytest.approx(3 * MM, abs=0.1 * MM)


def test_characters_the_stroke_font_lacks_are_outlined_and_named(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"guide.trace": "dots", "message.text": "Cæsar ŵ", "template": None}))
    assert any("no single-stroke æ ŵ" in w and "outlines" in w for w in kit.warnings)
    outlined = [i for p in kit.guide.pages for i, _, _ in walk(p.items) if isinstance(i, Text) and i.outline]
    assert {t.text for t in outlined} == {"æ", "ŵ"}


def test_a_lone_last_word_is_avoided_when_the_line_above_can_give_one() -> None:
    font, size = metrics("caveat"), HandSize(3 * MM, 8 * MM)
    text = "one two three four five six seven eight nine ten eleven twelve"
    width = font.width("one two three four five six seven eight nine ten eleven", size.font_size(font)) + 1
    lines = wrap(text, font, size, width)
    assert len(lines[-1].split()) >= 2 and len(lines) == 2


def test_the_fit_reports_each_panel_and_moves_the_right_way(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path))
    report = kit.fit.as_dict()
    assert [p["panel"] for p in report["per_panel"]] == ["inside-left", "inside-right"]
    assert sum(p["lines"] for p in report["per_panel"]) == report["lines_needed"]
    assert all(p["available"] == 14 for p in report["per_panel"])
    font, panels = metrics("caveat"), writing_panels(kit.note.card.format)

    def needed(x_mm: float = 3, width: float = 1.0, text: str = kit.text) -> int:
        return fit_message(text, panels, font, HandSize(x_mm * MM, 8 * MM, width)).lines_needed

    assert needed(2.5) <= needed(3) <= needed(3.5) <= needed(4)
    assert needed(width=0.9) <= needed() <= needed(width=1.2)
    assert needed(text=kit.text + " And one more sentence to write.") >= needed()
    wider = writing_panels(make_kit(note_with(tmp_path, {"card.format": "a7-folded"})).note.card.format)
    assert (
        fit_message(kit.text, wider, font, HandSize(3 * MM, 8 * MM)).lines_needed < needed()
    )  # a wider panel


def test_writing_on_the_back_too_is_suggested_and_fits_when_applied(tmp_path: Path) -> None:
    long = " ".join(["I enjoyed every part of our conversation about the team and the work."] * 12)
    note = note_with(tmp_path, {"message.text": long, "template": None})
    suggestion = next(s for s in make_kit(note).fit.suggestions if s.kind == "panel")
    assert suggestion.changes == {"card.panels": ["inside-right", "inside-left", "back"]}
    assert 'panels = ["inside-right", "inside-left", "back"]' in suggestion.text
    applied = make_kit(
        note_with(
            tmp_path,
            {"message.text": long, "template": None, "card.panels": ["inside-right", "inside-left", "back"]},
        )
    )
    assert applied.fit.fits and applied.fit.panels[-1] == "back"


def test_tracing_sheets_rehearse_and_never_split_a_group(tmp_path: Path) -> None:
    text = tmp_path / "words.txt"
    text.write_text(("The quick brown fox jumps over the lazy dog. " * 12 + "\n\n") * 3, encoding="utf-8")
    out = tmp_path / "practice.pdf"
    result = run("tracing", str(text), "-o", str(out), "--rehearse", "--ruling", "school", "--paper", "a4")
    assert result.exit_code == 0, result.stderr
    from cardgen import catalog
    from cardgen.handwriting import hand_and_guide
    from cardgen.layout.tracing import practice_rows, tracing_document
    from cardgen.profiles import GivenProfiles

    hand, guide = hand_and_guide(
        {"handwriting": {"preset": "wide"}, "guide": {"ruling": "school"}}, GivenProfiles()
    )
    document = tracing_document(text.read_text(), catalog.papers()["a4"], hand, guide, rehearse=True)
    groups = practice_rows(text.read_text(), hand, 595.2756 - 2 * (18 + 0.35 * 72), True)
    lines = [g[0][0] for g in groups if g[0] is not None]
    laid = []
    for page in document.pages:
        words = [
            (i.y, i.text, i.color)
            for i, _, labels in walk(page.items)
            if isinstance(i, Text) and i.role == "message"
        ]
        rows = sorted({y for y, _, _ in words})
        texts = ["".join(t for y2, t, _ in words if y2 == y) for y in rows]
        assert len(texts) % 2 == 0 and texts[0::2] == texts[1::2]  # each line traced, then faint
        laid += texts[0::2]
    assert laid == lines and len(document.pages) >= 2


def test_tracing_reads_standard_input_and_refuses_nonsense(tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    assert run("tracing", "-", "-o", str(out), "--trace", "dots", input="Hello there").exit_code == 0
    assert (
        "--ruling: unknown ruling 'fundational'; did you mean 'foundational'"
        in run("tracing", "-", "-o", str(out), "--force", "--ruling", "fundational", input="x").stderr
    )
    assert (
        "--x-height:"
        in run("tracing", "-", "-o", str(out), "--force", "--x-height", "3 parsecs", input="x").stderr
    )
    assert "no text to trace" in run("tracing", "-", "-o", str(out), "--force", input="  \n").stderr


def test_calibrate_handwriting_from_a_ruler_and_from_a_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    assert run("calibrate", "handwriting", "-o", str(tmp_path / "sheet.pdf")).exit_code == 0
    ruler = run(
        "calibrate",
        "handwriting",
        "--save",
        "ruler",
        "--x-height",
        "3mm",
        "--pangram-length",
        "123.6mm",
        "--slant",
        "70",
    )
    assert ruler.exit_code == 0, ruler.stderr
    hand = note_with(tmp_path, {"handwriting.profile": "ruler", "handwriting.x_height": None}).handwriting
    assert (
        hand.x_height == pytest.approx(3 * MM)
        and hand.width == pytest.approx(1.0, abs=0.01)
        and hand.slant == 70
    )
    scan = _scan(tmp_path / "scan.jpg", x_height=3.5, width=1.1)
    scanned = run("calibrate", "handwriting", "--save", "scanned", "--scan", str(scan))
    assert scanned.exit_code == 0, scanned.stderr
    hand = note_with(tmp_path, {"handwriting.profile": "scanned", "handwriting.x_height": None}).handwriting
    assert hand.x_height == pytest.approx(3.5 * MM, rel=0.05) and hand.width == pytest.approx(1.1, rel=0.07)


def test_build_format_svg_writes_plotter_files_with_no_text_elements(tmp_path: Path) -> None:
    out = tmp_path / "plot"
    result = run("build", str(SAMPLE), "-o", str(out), "--format", "svg")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.svg"))
    assert names == ["guide-1.svg", "guide-2.svg", "message-inside-left.svg", "message-inside-right.svg"]
    panel = ET.parse(out / "message-inside-right.svg").getroot()
    assert panel.get("width") == "107.95mm" and panel.get("height") == "139.7mm"
    for path in out.glob("*.svg"):
        root = ET.parse(path).getroot()
        assert not list(root.iter("{http://www.w3.org/2000/svg}text"))
        assert b"<text" not in path.read_bytes()
    assert json.loads((out / "manifest.json").read_text())["recipients"][0]["svg"] == [
        "guide-1.svg",
        "guide-2.svg",
        "message-inside-left.svg",
        "message-inside-right.svg",
    ]
    again = tmp_path / "again"
    run("build", str(SAMPLE), "-o", str(again), "--format", "svg")
    assert all((out / n).read_bytes() == (again / n).read_bytes() for n in names)


def test_a_short_message_uses_one_panel_in_the_report(tmp_path: Path) -> None:
    note = write_note(tmp_path, {"message.text": SHORT, "template": None})
    data = json.loads(run("check", str(note), "--json").output)
    assert data["recipients"][0]["fit"]["per_panel"] == [
        {"panel": "inside-right", "lines": 5, "available": 14}  # the signature set apart by a blank line
    ]


def test_a_line_the_writer_broke_keeps_its_words() -> None:
    font, size = metrics("caveat"), HandSize(3 * MM, 8 * MM)
    lines = wrap("Thank you.\n\nWith warm regards,\nAlex\n", font, size, 300)
    assert lines == ["Thank you.", "With warm regards,", "Alex"]


def test_a_measured_width_follows_the_font_it_is_used_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    from cardgen.layout.handcal import PANGRAM

    run("calibrate", "handwriting", "--save", "me", "--x-height", "3mm", "--pangram-length", "124mm")
    caveat = note_with(tmp_path, {"handwriting.profile": "me"}).handwriting
    patrick = note_with(
        tmp_path, {"handwriting.profile": "me", "handwriting.font": "patrick-hand"}
    ).handwriting

    def written(hand) -> float:  # type: ignore[no-untyped-def]
        face = metrics(hand.font)
        return face.width(PANGRAM, hand.x_height / face.x_height) * hand.width

    assert written(caveat) == pytest.approx(124 * MM, rel=0.01) and written(patrick) == pytest.approx(
        124 * MM, rel=0.01
    )
    assert caveat.slant == 0  # not measured: no slant lines


def test_a_whole_sheet_card_s_back_may_be_written_on_its_notes_being_on_the_print_check(
    tmp_path: Path,
) -> None:
    note = note_with(tmp_path, {"card.format": "a2-quarterfold", "card.panels": ["inside-right", "back"]})
    assert note.card.panels == ("inside-right", "back")
    long = " ".join(["I enjoyed every part of our conversation about the team and the work."] * 26)
    kit = make_kit(note_with(tmp_path, {"card.format": "a9-folded", "message.text": long, "template": None}))
    assert not kit.fit.fits
    assert [s for s in kit.fit.suggestions if s.text.startswith("write on the back panel too")]


def test_tracing_none_draws_no_words_and_dots_name_what_they_lack(tmp_path: Path) -> None:
    from cardgen import catalog
    from cardgen.handwriting import hand_and_guide
    from cardgen.layout.tracing import tracing_document
    from cardgen.profiles import GivenProfiles

    hand, guide = hand_and_guide(
        {"handwriting": {"preset": "wide"}, "guide": {"trace": "none"}}, GivenProfiles()
    )
    document = tracing_document("Hello there", catalog.papers()["letter"], hand, guide)
    assert not [
        i
        for p in document.pages
        for i, _, _ in walk(p.items)
        if isinstance(i, (Dots,)) or (isinstance(i, Text) and i.role == "message")
    ]
    result = run("tracing", "-", "-o", str(tmp_path / "t.pdf"), "--trace", "dots", input="Łódź")
    assert result.exit_code == 0 and "has no single-stroke Ł ź" in result.stderr


def test_a_larger_card_is_suggested_from_the_same_size_system(tmp_path: Path) -> None:
    iso = make_kit(note_with(tmp_path, {"card.format": "iso-a6-flat"}))
    assert any(s.changes == {"card.format": "iso-a5-flat"} for s in iso.fit.suggestions)
    us = make_kit(note_with(tmp_path, {"card.format": "a2-flat"}))
    assert not any('"iso-' in s.text for s in us.fit.suggestions)
