"""Single-stroke fonts: path parsing, flattening, metrics, coverage, and dots along strokes."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from cardgen.strokes import (
    STROKE_FONTS,
    StrokeFont,
    dots_along,
    flatten,
    parse_path,
    size_for_x_height,
    start_points,
    stroke_font,
)
from cardgen.units import MM

FONTS = sorted(STROKE_FONTS)
LATIN1 = "".join(chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x100)])


def coords(strokes: list[tuple[tuple[float, float], ...]] | tuple[tuple[float, float], ...]) -> list[float]:
    """Strokes (or dots) as one flat list of numbers, for pytest.approx."""
    return [c for s in strokes for p in (s if isinstance(s[0], tuple) else (s,)) for c in p]


def top(strokes: list[tuple[tuple[float, float], ...]]) -> float:
    return min(p[1] for s in strokes for p in s)


@pytest.mark.parametrize(("key", "low", "high"), [("ems-allure", 0.3, 0.4), ("ems-readability", 0.45, 0.52)])
def test_x_height_is_measured_and_sets_the_size(key: str, low: float, high: float) -> None:
    font = stroke_font(key)
    assert low < font.x_height < high  # both files declare x-height="300": not what the glyphs show
    size = size_for_x_height(font, 3 * MM)
    assert 100.0 - top(font.strokes("x", 10, 100.0, size)) == pytest.approx(3 * MM, abs=0.1 * MM)
    for char in "nou":  # other lowercase stand about as tall: the measure means something
        assert 100.0 - top(font.strokes(char, 10, 100.0, size)) == pytest.approx(3 * MM, rel=0.1)


@pytest.mark.parametrize("key", FONTS)
def test_widths_add_up_and_scale(key: str) -> None:
    font = stroke_font(key)
    assert font.width("ab", 20) == pytest.approx(font.width("a", 20) + font.width("b", 20))
    assert font.width("ab", 40) == pytest.approx(2 * font.width("ab", 20))
    assert font.width("a", 20) > 0
    assert font.width("", 20) == 0


def test_l_starts_at_the_pen_position_and_runs_as_written() -> None:
    size = 100.0
    allure = stroke_font("ems-allure").strokes("l", 50, 200, size)
    (start, second, *_rest) = allure[0]
    assert abs(start[0] - 50) < 0.05 * size and abs(start[1] - 200) < 0.2 * size  # cursive entry stroke
    assert second[1] < start[1]  # goes up
    readable = stroke_font("ems-readability").strokes("l", 50, 200, size)
    (stem,) = readable
    assert 50 < stem[0][0] < 50 + stroke_font("ems-readability").width("l", size)
    assert stem[0][1] < 200 - 0.6 * size < 200 - 0.01 * size < stem[-1][1] + 0.05 * size  # top down


@pytest.mark.parametrize("key", FONTS)
def test_missing_characters_and_runs(key: str) -> None:
    font = stroke_font(key)
    assert font.missing("aŵbŵæ\n c") == ["ŵ", "æ"]
    assert font.has("€") and font.has(" ") and font.has("\xa0") and not font.has("ŵ")
    assert font.runs("ab ŵŷc") == [(True, "ab "), (False, "ŵŷ"), (True, "c")]
    assert font.runs("ŵ") == [(False, "ŵ")]
    assert font.runs("") == []


@pytest.mark.parametrize("key", FONTS)
def test_latin1_coverage(key: str) -> None:
    assert "".join(stroke_font(key).missing(LATIN1)) == "¤§¬\xad¯µ¶ÆÞæðþ"


@pytest.mark.parametrize("key", FONTS)
def test_missing_glyphs_draw_nothing_but_advance(key: str) -> None:
    font = stroke_font(key)
    with_gap = font.strokes("aŵb", 0, 0, 30)
    apart = font.strokes("a", 0, 0, 30) + font.strokes("b", font.width("aŵ", 30), 0, 30)
    assert coords(with_gap) == pytest.approx(coords(apart))
    assert font.width("ŵ", 30) > 0


@pytest.mark.parametrize("key", FONTS)
def test_every_glyph_stays_near_its_em(key: str) -> None:
    font = stroke_font(key)
    for char in LATIN1 + "–—“”‹›€Ÿ":
        for stroke in font.strokes(char, 0, 0, 1.0):
            # Allure's "j" swashes 0.39 em left of the pen, "Å" rises 1.07 em (ascent 0.8)
            assert all(-0.4 < x < 1.4 and -1.1 < y < 0.45 for x, y in stroke), char


def test_slant_and_hscale() -> None:
    font = stroke_font("ems-readability")
    upright = font.strokes("l", 10, 100, 50)
    leaning = font.strokes("l", 10, 100, 50, slant=10)
    for a, b in zip(upright[0], leaning[0], strict=True):
        assert b[1] == a[1] and b[0] - a[0] == pytest.approx((100 - a[1]) * math.tan(math.radians(10)))
    wide = font.strokes("ll", 10, 100, 50, hscale=2)
    assert wide[1][0][0] - 10 == pytest.approx(2 * (font.strokes("ll", 10, 100, 50)[1][0][0] - 10))


def test_output_is_deterministic() -> None:
    text = "Merci beaucoup, Zoë! 1-2-3 ß €"
    for key in FONTS:
        first = stroke_font(key).strokes(text, 12.5, 80, 24, 1.1, 8)
        assert first == StrokeFont(key).strokes(text, 12.5, 80, 24, 1.1, 8)
        assert dots_along(first, 2.0) == dots_along(StrokeFont(key).strokes(text, 12.5, 80, 24, 1.1, 8), 2.0)


def test_path_parser_relative_commands_and_compact_numbers() -> None:
    assert parse_path("m10-5l.5.5-.5.5h-1v2z M0 0 1e1 0 2E-1,3") == (
        (((10.0, -5.0),), ((10.5, -4.5),), ((10.0, -4.0),), ((9.0, -4.0),), ((9.0, -2.0),), ((10.0, -5.0),)),
        (((0.0, 0.0),), ((10.0, 0.0),), ((0.2, 3.0),)),
    )
    # after z, drawing goes on from the closed subpath's start; h/v relative, H/V absolute
    assert parse_path("M1 1L2 2zl1 0H5V7") == (
        (((1.0, 1.0),), ((2.0, 2.0),), ((1.0, 1.0),)),
        (((1.0, 1.0),), ((2.0, 1.0),), ((5.0, 1.0),), ((5.0, 7.0),)),
    )


def test_path_parser_curves() -> None:
    # s reflects the previous cubic's second control point; q/t become exact cubics
    (cubics,) = parse_path("M0 0c1 2 3 2 4 0s3-2 4 0")
    assert cubics[1:] == (((1.0, 2.0), (3.0, 2.0), (4.0, 0.0)), ((5.0, -2.0), (7.0, -2.0), (8.0, 0.0)))
    (quads,) = parse_path("M0 0Q3 3 6 0t6 0")
    (c1, c2, end), (d1, d2, end2) = quads[1:]
    assert c1 == pytest.approx((2, 2)) and c2 == pytest.approx((4, 2)) and end == (6, 0)
    assert d1 == pytest.approx((8, -2)) and d2 == pytest.approx((10, -2)) and end2 == (12, 0)
    with pytest.raises(ValueError, match="not supported"):
        parse_path("M0 0A1 1 0 0 1 2 2")
    with pytest.raises(ValueError, match="missing numbers"):
        parse_path("M0 0L1")
    with pytest.raises(ValueError, match="closepath"):
        parse_path("M0 0L1 1z 2 2")


def test_curves_are_flattened_within_tolerance() -> None:
    k = 0.5522847498
    ctrl = ((1.0, 0.0), (1.0, k), (k, 1.0), (0.0, 1.0))  # a quarter circle, radius one em, y up
    (stroke,) = flatten(parse_path(f"M1 0C1 {k} {k} 1 0 1"), 0, 0, 100.0)
    assert stroke[0] == (100.0, 0.0) and stroke[-1] == pytest.approx((0.0, -100.0))

    def curve(t: float) -> tuple[float, float]:
        w = ((1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3)
        x, y = (sum(a * p[i] for a, p in zip(w, ctrl, strict=True)) for i in (0, 1))
        return 100 * x, -100 * y

    true = [curve(i / 20000) for i in range(20001)]  # 0.008 pt apart

    def off(p: tuple[float, float]) -> float:
        return min(math.dist(p, q) for q in true)

    assert all(off(p) < 0.005 for p in stroke)  # vertices lie on the curve
    midpoints = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in pairwise(stroke)]
    assert max(map(off, midpoints)) < 0.05
    assert len(stroke) < 40  # and not needlessly fine


def test_dots_on_a_straight_line() -> None:
    dots = dots_along([((0.0, 0.0), (10.0, 0.0))], 3)
    assert len(dots) == 4
    assert dots[0] == (0.0, 0.0) and dots[-1] == (10.0, 0.0)
    assert [x for x, _ in dots] == pytest.approx([0, 10 / 3, 20 / 3, 10])
    assert len(dots_along([((0.0, 0.0), (0.0, 11.0))], 3)) == 5  # 11 / 3 rounds to 4 intervals


def test_dots_follow_corners_evenly() -> None:
    dots = dots_along([((0.0, 0.0), (6.0, 0.0), (6.0, 4.0))], 2.5)
    assert coords(dots) == pytest.approx(coords([(0, 0), (2.5, 0), (5, 0), (6, 1.5), (6, 4)]))


def test_dots_are_not_doubled_where_strokes_meet() -> None:
    square = ((0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0))
    assert len(dots_along([square], 4)) == 4
    meeting = [((0.0, 0.0), (10.0, 0.0)), ((10.005, 0.0), (10.0, 10.0))]
    assert len(dots_along(meeting, 5)) == 5
    assert len(dots_along([((0.0, 0.0), (10.0, 0.0)), ((10.05, 0.0), (10.0, 10.0))], 5)) == 6
    assert len(dots_along([((0.0, 0.0), (10.0, 0.0)), ((10.05, 0.0), (10.0, 10.0))], 5, merge=0.1)) == 5


def test_zero_length_strokes_and_start_points() -> None:
    assert dots_along([((3.0, 4.0),), ((5.0, 5.0), (5.0, 5.0))], 2) == ((3.0, 4.0), (5.0, 5.0))
    assert dots_along([], 2) == ()
    strokes = [((1.0, 2.0), (3.0, 4.0)), ((5.0, 6.0), (7.0, 8.0))]
    assert start_points(strokes) == ((1.0, 2.0), (5.0, 6.0))
    with pytest.raises(ValueError):
        dots_along(strokes, 0)
