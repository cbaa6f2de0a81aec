"""The guide sheet: the writing panel at 1:1, baselines exactly spaced, the x-height line one
x-height above, and the message standing the writer's x-height (measured from the glyphs)."""

import itertools
import math
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from cardgen.fonts import bundled_fonts
from cardgen.kit import make_kit
from cardgen.layout.trace import slant_lines
from cardgen.scene import Group, Line, Text
from tests.conftest import note_with

MM = 72 / 25.4


def panel_group(page) -> Group:  # type: ignore[no-untyped-def]
    """The panel's grid and text (two groups on the page, the grid shared between pages) as one."""
    grid, text = [i for i in page.items if isinstance(i, Group)]
    assert grid.shared and not text.shared and grid.transform == text.transform
    return Group(grid.items + text.items, grid.transform, grid.label)


@pytest.mark.parametrize(("x_mm", "spacing_mm"), [(3, 8), (2.5, 7.1), (4, 8.7)])
def test_baselines_and_x_height_lines(tmp_path: Path, x_mm: float, spacing_mm: float) -> None:
    kit = make_kit(
        note_with(
            tmp_path, {"handwriting.x_height": f"{x_mm}mm", "handwriting.line_spacing": f"{spacing_mm}mm"}
        )
    )
    for page in kit.guide.pages:
        group = panel_group(page)
        ruled = [
            i for i in group.items if isinstance(i, Line) and i.x1 == pytest.approx(10 * MM) and i.y1 == i.y2
        ]
        baselines = [i.y1 for i in ruled if not i.dash]
        means = [i.y1 for i in ruled if i.dash]
        gaps = {round(b - a, 6) for a, b in itertools.pairwise(baselines)}
        assert gaps == {round(spacing_mm * MM, 6)}
        assert [round(b - m, 6) for b, m in zip(baselines, means, strict=True)] == [
            round(x_mm * MM, 6)
        ] * len(means)
        assert baselines[0] == pytest.approx(10 * MM + spacing_mm * MM)


@pytest.mark.parametrize("font", ["caveat", "kalam", "patrick-hand", "homemade-apple"])
def test_laid_text_lowercase_stands_the_writer_s_x_height(tmp_path: Path, font: str) -> None:
    kit = make_kit(
        note_with(
            tmp_path,
            {"handwriting.font": font, "handwriting.x_height": "3.5mm", "handwriting.line_spacing": "9mm"},
        )
    )
    texts = [i for i in panel_group(kit.guide.pages[0]).items if isinstance(i, Text) and i.role == "message"]
    size = texts[0].size
    ttf = TTFont(bundled_fonts()[font].path)
    glyphs = ttf.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[ttf.getBestCmap()[ord("x")]].draw(pen)
    x_top = pen.bounds[3] / ttf["head"].unitsPerEm * size
    assert x_top == pytest.approx(3.5 * MM, abs=0.1 * MM)


def test_panel_outline_is_the_card_panel_at_1_to_1_with_the_message_in_order(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path))
    assert [p.label for p in kit.guide.pages] == ["inside-left", "inside-right"]
    for page, fold_x in zip(kit.guide.pages, (306, 0), strict=True):
        assert (page.width, page.height) == (612, 792)
        edges = [
            i
            for i in panel_group(page).items
            if isinstance(i, Line) and i.width == 0.5 and (i.x1, i.y1) in ((0, 0), (306, 0), (0, 396))
        ]
        corners = {(e.x1, e.y1) for e in edges} | {(e.x2, e.y2) for e in edges}
        assert corners == {(0, 0), (306, 0), (306, 396), (0, 396)}  # the panel, 1:1
        (fold,) = [e for e in edges if e.dash]
        assert fold.x1 == fold.x2 == fold_x, (
            "the fold edge is dashed: inside-left's right, inside-right's left"
        )
    words = [
        t.text
        for p in kit.guide.pages
        for t in panel_group(p).items
        if isinstance(t, Text) and t.role == "message"
    ]
    assert " ".join(words).split() == kit.text.split()


def test_slant_lines_rise_at_the_exact_angle() -> None:
    for angle in (52, 55, 70):
        lines = slant_lines(0, 0, 200, 100, angle)
        assert lines
        for line in lines:
            assert min(line.x1, line.x2) >= -1e-9 and max(line.x1, line.x2) <= 200 + 1e-9
            measured = math.degrees(math.atan2(line.y1 - line.y2, line.x2 - line.x1))
            assert measured == pytest.approx(angle, abs=0.1)


def test_fold_sides_follow_each_fold_and_rotation() -> None:
    from cardgen import catalog
    from cardgen.layout.guide import fold_sides
    from cardgen.layout.panels import card_panels

    def sides(fmt: str) -> dict[str, set[str]]:
        card = catalog.card_formats()[fmt]
        return {p.name: fold_sides(card, p) for p in card_panels(card)}

    assert sides("a2-folded") == {
        "back": {"right"},
        "front": {"left"},
        "inside-left": {"right"},
        "inside-right": {"left"},
    }
    assert sides("a2-topfold") == {
        "back": {"top"},
        "front": {"top"},
        "inside-top": {"bottom"},
        "inside-bottom": {"top"},
    }
    quarter = sides("a2-quarterfold")
    assert quarter["inside-right"] == {"left", "top"} and quarter["front"] == {"left", "top"}
    assert sides("a2-flat") == {"front": set(), "back": set()}
