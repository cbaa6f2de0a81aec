"""Square-grid practice sheets for Chinese, Japanese and Korean: squares exactly the box size, each
character centred in its square by its ink, the drill's rows and the text's flow, vertical writing
(first character top right, columns right to left, vertical punctuation), the guides, the fonts,
and the PDF."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest

from cardgen.glyphs import ink_box
from cardgen.layout.cellglyph import by_ink
from cardgen.layout.grid import SIDE_MARGIN
from cardgen.layout.sheet import PRINTER_MARGIN
from cardgen.practice import PracticeOptions, practice_sheet
from cardgen.profiles import GivenProfiles
from cardgen.scene import Affine, Document, Group, Line, Rect, Text, apply, walk
from cardgen.units import MM
from tests.conftest import run

needs_cjk_fonts = pytest.mark.optional_fonts("ja", "zh", "ko")

JA = "日本語を勉強します。ひらがな、カタカナ、漢字。"
NEKO = "「吾輩は猫である。名前はまだ無い。」\nどこで生れたか、とんと見当がつかぬ。コーヒーを飲みながら、ゆっくり考えよう。"
ZH = "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？"
KO = "안녕하세요. 한국어를 배웁니다."


def sheet(text: str, **options: object) -> Document:
    document, _ = practice_sheet(text, PracticeOptions(**options), GivenProfiles(), "t.txt")  # type: ignore[arg-type]
    return document


def glyphs(document: Document, page: int = 0) -> Iterator[tuple[Text, Affine]]:
    """Every character drawn in a square (not the heading or the check bar)."""
    for item, transform, labels in walk(document.pages[page].items):
        if isinstance(item, Text) and "text" in labels:
            yield item, transform


def strips(document: Document, page: int = 0) -> list[Rect]:
    """The grid's strips (a row or a column of squares each)."""
    return [
        item
        for item, _, labels in walk(document.pages[page].items)
        if isinstance(item, Rect) and "grid" in labels
    ]


def ink_centre(item: Text, transform: Affine) -> tuple[float, float]:
    box = ink_box(item.font, item.text)
    assert box is not None
    left, bottom, right, top = box
    return apply(transform, item.x + (left + right) / 2 * item.size, item.y - (bottom + top) / 2 * item.size)


def square_of(
    document: Document, point: tuple[float, float], box: float, page: int = 0
) -> tuple[float, float]:
    """The centre of the square the point falls in, found from the grid's strips alone."""
    x, y = point
    for strip in strips(document, page):
        if strip.x <= x <= strip.x + strip.w and strip.y <= y <= strip.y + strip.h:
            cx = strip.x + (math.floor((x - strip.x) / box) + 0.5) * box
            cy = strip.y + (math.floor((y - strip.y) / box) + 0.5) * box
            return cx, cy
    raise AssertionError(f"{point} is in no square")


@needs_cjk_fonts
@pytest.mark.parametrize("box_mm, vertical", [(15, False), (12, False), (15, True), (9.5, True)])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_squares_are_the_box_size_exactly_and_fill_the_page(
    box_mm: float, vertical: bool, paper: str
) -> None:
    box = box_mm * MM
    document = sheet(JA, box=f"{box_mm}mm", vertical=vertical, paper=paper)
    page = document.pages[0]
    found = strips(document)
    assert all(abs((s.w if vertical else s.h) - box) < 1e-9 for s in found)  # a square across
    (length,) = {round(s.h if vertical else s.w, 6) for s in found}
    cells = round(length / box)
    assert abs(length - cells * box) < 1e-6  # a whole number of squares along
    if vertical:
        room = page.height - 2 * PRINTER_MARGIN
        assert cells * box <= room - 40 < (cells + 1) * box + 40  # the column's height less the heading
    else:
        assert cells == int((page.width - 2 * SIDE_MARGIN) // box)  # as many as the width holds
    starts = sorted(s.x if vertical else s.y for s in found)
    assert all(abs(b - a - box) < 1e-9 for a, b in pairwise(starts))  # no gaps between strips
    separators = {
        round(item.y1 if vertical else item.x1, 6)
        for item, _, labels in walk(page.items)
        if isinstance(item, Line) and "grid" in labels and not item.dash
    }
    ordered = sorted(separators)
    assert all(abs(b - a - box) < 1e-6 for a, b in pairwise(ordered))
    left, right = min(s.x for s in found), max(s.x + s.w for s in found)
    assert left >= SIDE_MARGIN - 1e-6 and right <= page.width - SIDE_MARGIN + 1e-6


@needs_cjk_fonts
def test_each_character_is_centred_in_its_square_by_its_ink() -> None:
    for text, options in [
        (JA, {}),
        (ZH, {"cell": "diagonals"}),
        (KO, {}),
        (NEKO, {"grid": "text", "vertical": True}),
    ]:
        document = sheet(text, **options)
        checked = 0
        for item, transform in glyphs(document):
            if not by_ink(item.text):
                continue
            centre = ink_centre(item, transform)
            cx, cy = square_of(document, centre, 15 * MM)
            assert abs(centre[0] - cx) < 0.5 and abs(centre[1] - cy) < 0.5, (item.text, centre, (cx, cy))
            left, bottom, right, top = ink_box(item.font, item.text) or (0, 0, 0, 0)
            assert max(right - left, top - bottom) * item.size <= 0.9 * 15 * MM + 1e-6  # inside its square
            checked += 1
        assert checked > 20


@needs_cjk_fonts
def test_a_drill_row_per_character_model_then_fading_copies_then_empty_squares() -> None:
    document = sheet(JA)
    rows: dict[float, list[Text]] = {}
    for item, transform in glyphs(document):
        rows.setdefault(round(square_of(document, ink_centre(item, transform), 15 * MM)[1], 3), []).append(
            item
        )
    distinct = list(dict.fromkeys(c for c in JA if not unicodedata.category(c).startswith("P")))
    on_page = [r[0].text for _, r in sorted(rows.items())]
    assert on_page == distinct[: len(on_page)]  # each character once, in order, punctuation left out
    for row in rows.values():
        row.sort(key=lambda t: t.x)
        assert len(row) == 4 and len({t.text for t in row}) == 1
        assert [t.role for t in row] == ["model", "trace", "trace", "trace"]
        greys = [t.color[0] for t in row]
        assert greys[0] == 0.0 and greys[1] < greys[2] < greys[3] < 0.9  # lighter and lighter
    first = strips(document)[0]
    assert round(first.w / (15 * MM)) > 4  # the rest of the row is left to write in


@needs_cjk_fonts
def test_the_drill_takes_as_many_pages_as_characters_need() -> None:
    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 60))  # sixty different ideographs
    document = sheet(text, language="zh")
    per_page = len(strips(document))
    assert len(document.pages) == math.ceil(len(text) / per_page)
    assert "(page 1 of" in next(i.text for i, _, _ in walk(document.pages[0].items) if isinstance(i, Text))


@needs_cjk_fonts
def test_vertical_text_runs_down_columns_from_the_right() -> None:
    text = "一二三四五六七八九十" * 4
    document = sheet(text, grid="text", vertical=True, language="ja")
    cells = []
    for item, transform in glyphs(document):
        x, y = square_of(document, ink_centre(item, transform), 15 * MM)
        cells.append((x, y, item.text))
    columns = sorted({x for x, _, _ in cells}, reverse=True)
    order = [t for _, _, t in sorted(cells, key=lambda c: (-c[0], c[1]))]
    assert order == list(text)  # right to left, each top to bottom
    first = cells[0]
    assert first[0] == max(x for x, _, _ in cells) and first[1] == min(y for _, y, _ in cells)
    assert cells[1][0] == first[0] and cells[1][1] > first[1]  # the next below it
    assert len(columns) > 1
    pitch = columns[0] - columns[1]
    assert pitch > 2 * 15 * MM - 1e-6  # a blank column to write in lies between
    column_strips = sorted(strips(document), key=lambda s: -s.x)
    assert column_strips[0].x + column_strips[0].w == pytest.approx(columns[0] + 15 * MM / 2)


@needs_cjk_fonts
def test_vertical_punctuation_uses_the_fonts_vertical_forms_or_turns() -> None:
    document = sheet("「コーヒー、ください。」", grid="text", vertical=True)
    drawn = {item.text: (item, transform) for item, transform in glyphs(document)}
    assert {"﹁", "﹂", "︑", "︒"} <= set(drawn)  # Klee One has these forms
    assert not {"「", "」", "、", "。"} & set(drawn)
    _, turn = drawn["ー"]
    assert turn[:4] == (0.0, 1.0, -1.0, 0.0)  # no vertical form: turned a quarter clockwise
    # the full stop's form stands in the top right of its square
    stop, transform = drawn["︒"]
    x, y = ink_centre(stop, transform)
    cx, cy = square_of(document, (x, y), 15 * MM)
    assert x > cx + 2 and y < cy - 2


@needs_cjk_fonts
def test_vertical_punctuation_without_forms_moves_or_turns() -> None:
    document = sheet("「学而时习之。」", grid="text", vertical=True)  # Ma Shan Zheng has no vertical forms
    turned = [item.text for item, transform in glyphs(document) if transform[:4] == (0.0, 1.0, -1.0, 0.0)]
    assert turned == ["「", "」"]
    stop, transform = next((i, t) for i, t in glyphs(document) if i.text == "。")
    x, y = ink_centre(stop, transform)
    cx, cy = square_of(document, (x, y), 15 * MM)
    assert x > cx + 2 and y < cy - 2  # moved from the bottom left to the top right


@needs_cjk_fonts
def test_text_mode_flows_the_text_above_blank_rows_never_starting_a_row_with_closing_punctuation() -> None:
    text = "あいうえおかきくけ。" * 6
    document = sheet(text, grid="text", box="20mm", paper="a4", rehearse=True)
    assert len(document.pages) > 1  # a model row, its grey row and its blank row never split
    models: list[list[Text]] = []
    for page in range(len(document.pages)):
        rows: dict[float, list[Text]] = {}
        for item, transform in glyphs(document, page):
            _, row = square_of(document, ink_centre(item, transform), 20 * MM, page)
            rows.setdefault(round(row, 3), []).append(item)
        models += [sorted(r, key=lambda t: t.x) for r in rows.values() if r[0].role == "model"]
        traces = [r for r in rows.values() if r[0].role == "trace"]
        assert [len(r) for r in traces] == [len(r) for r in rows.values() if r[0].role == "model"]
        assert len(strips(document, page)) % 3 == 0  # model, grey and blank strips
    assert "".join(t.text for row in models for t in row) == text
    assert all(row[0].text != "。" for row in models)
    assert any(len(row) < len(models[0]) for row in models)  # a row ended early to keep 。 with it


@needs_cjk_fonts
@pytest.mark.parametrize("cell", ["none", "cross", "diagonals", "米字格"])
def test_the_guides_in_each_square(cell: str) -> None:
    document = sheet(JA, cell=cell)
    dashed = [
        item for item, _, labels in walk(document.pages[0].items) if isinstance(item, Line) and item.dash
    ]
    diagonal = [line for line in dashed if line.x1 != line.x2 and line.y1 != line.y2]
    straight = [line for line in dashed if line not in diagonal]
    expected = {"none": (False, False), "cross": (True, False)}.get(cell, (True, True))
    assert (bool(straight), bool(diagonal)) == expected
    if cell == "cross":
        box = 15 * MM
        first = strips(document)[0]
        assert any(abs(line.y1 - (first.y + box / 2)) < 1e-9 for line in straight)  # through the centre
        assert any(abs(line.x1 - (first.x + box / 2)) < 1e-9 for line in straight)
        assert all(line.color[0] > 0.6 for line in straight)  # light grey


@needs_cjk_fonts
@pytest.mark.parametrize(
    "text, options, font",
    [
        (JA, {}, "klee-one"),
        ("漢字練習", {"language": "ja"}, "klee-one"),  # kanji alone, read as Japanese when asked
        ("汉字练习", {}, "ma-shan-zheng"),  # Han alone reads as Chinese
        (ZH, {}, "ma-shan-zheng"),
        ("안녕하세요", {}, "nanum-pen-script"),
        (JA, {"font": "kalam"}, "klee-one"),  # a Latin handwriting font: Japanese in Klee One
    ],
)
def test_each_character_in_its_scripts_handwriting_font(
    text: str, options: dict[str, str], font: str
) -> None:
    document, warnings = practice_sheet(text, PracticeOptions(**options), GivenProfiles(), "t.txt")  # type: ignore[arg-type]
    assert {item.font for item, _ in glyphs(document)} == {font}
    assert warnings == []  # no warning that the Latin font lacks the characters


@needs_cjk_fonts
def test_the_pdf_is_the_paper_size_and_holds_the_characters(tmp_path: Path) -> None:
    source = tmp_path / "neko.txt"
    source.write_text(NEKO, encoding="utf-8")
    out = tmp_path / "grid.pdf"
    result = run("tracing", str(source), "-o", str(out), "--grid", "text", "--vertical", "--paper", "a4")
    assert result.exit_code == 0, result.stderr
    page = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (595.276, 841.89), abs=0.01
    )
    found = unicodedata.normalize("NFKC", page.extract_text())  # vertical forms read as their characters
    for char in "吾輩猫名前無見当飲考、。":
        assert char in found, char
    assert "Practice: neko — 15 mm squares, centre cross, Japanese, vertical" in found


@needs_cjk_fonts
def test_outline_tracing_draws_the_copies_as_dashed_outlines() -> None:
    document = sheet(ZH, trace="outline")
    copies = [item for item, _ in glyphs(document) if item.role == "trace"]
    assert copies and all(item.outline > 0 and item.dash for item in copies)
    assert not [item for item, _ in glyphs(sheet(ZH, trace="none")) if item.role == "trace"]


@needs_cjk_fonts
def test_japanese_text_gets_the_grid_unless_a_ruling_is_named() -> None:
    assert strips(sheet(JA))  # ruling "auto"
    lined = sheet(JA, ruling="school")
    assert not strips(lined)
    fonts = {i.font for i, _, _ in walk(lined.pages[0].items) if isinstance(i, Text) and i.role == "message"}
    assert fonts == {"klee-one"}  # kanji read as Japanese on the lined sheet too


@needs_cjk_fonts
@pytest.mark.parametrize(
    "args, message",
    [
        (["--box", "3mm"], "cardgen: --box: 3mm is out of range; use a length from 6mm to 40mm"),
        (["--box", "15"], 'cardgen: --box: "15" is not a length'),
        (["--cell", "star"], "cardgen: --cell: unknown value 'star'; choose one of: none, cross, diagonals"),
        (["--grid", "txt"], "cardgen: --grid: unknown value 'txt'; did you mean 'text'?"),
        (["--traced", "11"], "cardgen: --traced: 11 is out of range"),
        (
            ["--box", "40mm", "--traced", "9"],
            "cardgen: --traced: the model and 9 grey copies need 10 squares",
        ),
        (["--language", "jp"], "cardgen: --language: unknown language 'jp'; did you mean 'ja' (Japanese)?"),
        (["--x-height", "4mm"], "cardgen: --x-height: has no meaning on a square grid"),
        (["--trace", "dots"], "cardgen: --trace: dots need a single-stroke font"),
        (["--rehearse"], "cardgen: --rehearse: the character drill has its grey copies already"),
        (["--ruling", "school", "--box", "12mm"], "cardgen: --box: only for the square grid"),
        (["--ruling", "gird"], "cardgen: --ruling: unknown ruling 'gird'; did you mean 'grid'?"),
    ],
)
def test_bad_grid_options_are_named_with_the_fix(tmp_path: Path, args: list[str], message: str) -> None:
    source = tmp_path / "ja.txt"
    source.write_text(JA, encoding="utf-8")
    result = run("tracing", str(source), "-o", str(tmp_path / "p.pdf"), *args)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(message), result.stderr
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("args", [["--ruling", "grid"], ["--vertical"], ["--box", "12mm"]])
def test_a_grid_for_text_without_cjk_characters_says_so(tmp_path: Path, args: list[str]) -> None:
    result = run("tracing", "-", "-o", str(tmp_path / "p.pdf"), *args, input="Practice makes perfect.")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "Chinese, Japanese" in result.stderr and result.stderr.count("\n") == 1


def test_latin_text_keeps_its_lined_sheet() -> None:
    document = sheet("Practice makes perfect.")
    assert not strips(document)
    assert any(isinstance(i, Group) and i.label == "ruling" for i in document.pages[0].items)


@needs_cjk_fonts
def test_a_language_s_own_handwriting_font_is_not_reported_as_borrowed() -> None:
    from cardgen.coverage import check_coverage

    assert check_coverage(JA, "caveat@ja", "") == []  # Klee One is the Latin hand's Japanese
    assert check_coverage("안녕하세요 漢字", "caveat@ko", "")  # hanja from a plain font: said


@needs_cjk_fonts
def test_a_title_in_cjk_characters_is_drawn(tmp_path: Path) -> None:
    source = tmp_path / "練習.txt"
    source.write_text("漢字", encoding="utf-8")
    out = tmp_path / "p.pdf"
    assert run("tracing", str(source), "-o", str(out), "--language", "ja").exit_code == 0
    heading = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text().splitlines()[0]
    assert heading.startswith("Practice: 練習 — 15 mm squares")
