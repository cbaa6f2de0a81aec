"""Practice sheets: broad-nib hands at real nib sizes, letterforms that match the hand, every traced
word inside its ruling, and titles that read right."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from cardgen.fonts import metrics
from cardgen.practice import PracticeOptions, practice_sheet
from cardgen.profiles import GivenProfiles
from cardgen.scene import Line, Text, walk
from tests.conftest import run

TEXT = (
    "Italic is written with a broad nib held at a constant angle; the letters are narrow and springing. "
    "Glasses, wisps, nests, chess; kiss this, and press on."
)


def ink_overrun(options: PracticeOptions) -> float:
    """How far (pt) the ink of any traced word reaches past either end of its page's ruling."""
    document, _ = practice_sheet(TEXT, options, GivenProfiles(), "t.txt")
    worst = 0.0
    for page in document.pages:
        rulings, inks = [], []
        for item, transform, _ in walk(page.items):
            dx = transform[4]
            if isinstance(item, Line) and abs(item.y1 - item.y2) < 0.01:
                rulings.append((min(item.x1, item.x2) + dx, max(item.x1, item.x2) + dx))
            elif isinstance(item, Text) and item.role == "message":
                font = metrics(item.font)
                left = item.x + dx - font.ink_sides(item.text[0])[0] * item.size * item.hscale
                right = (
                    item.x
                    + dx
                    + (font.width(item.text, item.size) + font.ink_sides(item.text[-1])[1] * item.size)
                    * item.hscale
                )
                inks.append((left, right))
        start, end = min(a for a, _ in rulings), max(b for _, b in rulings)
        worst = max([worst, *(start - a for a, _ in inks), *(b - end for _, b in inks)])
    return worst


@pytest.mark.parametrize(
    "options",
    [
        PracticeOptions(ruling="italic", nib="3mm"),
        PracticeOptions(ruling="foundational", nib="3.8mm"),
        PracticeOptions(ruling="lines", x_height="12mm", line_spacing="30mm", font="caveat"),
        PracticeOptions(ruling="lines", x_height="12mm", line_spacing="30mm", font="kalam"),
    ],
    ids=["italic-3mm", "foundational-3.8mm", "caveat-12mm", "kalam-12mm"],
)
def test_every_traced_word_stays_inside_the_ruling_by_its_ink(options: PracticeOptions) -> None:
    assert ink_overrun(options) <= 0.01


@pytest.mark.parametrize(
    "ruling, nib", [("italic", "3mm"), ("foundational", "3.8mm"), ("italic", "5mm"), ("foundational", "5mm")]
)
def test_common_broad_nibs_make_practice_sheets(tmp_path: Path, ruling: str, nib: str) -> None:
    text = tmp_path / "words.txt"
    text.write_text(TEXT)
    result = run("tracing", str(text), "-o", str(tmp_path / "p.pdf"), "--ruling", ruling, "--nib", nib)
    assert result.exit_code == 0, result.stderr
    assert "line-spacing" not in result.stderr


def test_broad_nib_hands_trace_letterforms_of_their_own() -> None:
    italic, _ = practice_sheet(TEXT, PracticeOptions(ruling="italic"), GivenProfiles(), "t.txt")
    fonts = {
        item.font
        for page in italic.pages
        for item, _, _ in walk(page.items)
        if isinstance(item, Text) and item.role == "message"
    }
    assert fonts == {"eb-garamond-italic"}
    foundational, _ = practice_sheet(TEXT, PracticeOptions(ruling="foundational"), GivenProfiles(), "t.txt")
    assert {
        item.font
        for page in foundational.pages
        for item, _, _ in walk(page.items)
        if isinstance(item, Text) and item.role == "message"
    } == {"eb-garamond"}


def test_a_nib_too_broad_for_the_page_is_named_not_a_setting_never_given(tmp_path: Path) -> None:
    text = tmp_path / "words.txt"
    text.write_text(TEXT)
    result = run("tracing", str(text), "-o", str(tmp_path / "p.pdf"), "--ruling", "italic", "--nib", "12mm")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("cardgen: --nib: ") and "line-spacing" not in result.stderr


@pytest.mark.parametrize(
    "name, title",
    [
        ("practice.txt", "Practice"),
        ("practice-sheet.txt", "Practice sheet"),
        ("thanks.txt", "Practice: thanks"),
        ("-", "Handwriting practice"),
    ],
)
def test_titles_do_not_repeat_the_word_practice(tmp_path: Path, name: str, title: str) -> None:
    out = tmp_path / "p.pdf"
    if name == "-":
        result = run("tracing", "-", "-o", str(out), input="Some words.")
    else:
        (tmp_path / name).write_text("Some words.")
        result = run("tracing", str(tmp_path / name), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.metadata.title == title
    heading = reader.pages[0].extract_text().splitlines()[0]
    assert heading.startswith(f"{title} — ") and "practice: practice" not in heading.lower()
