"""Plotter SVG: size in mm, single-stroke text at the TrueType x-height, baked transforms, pen layers."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from cardgen import load_note
from cardgen.fonts import metrics
from cardgen.kit import make_kit
from cardgen.render.svg import render_svg, svg_page
from cardgen.scene import (
    REGISTRATION,
    Dots,
    Group,
    Image,
    Item,
    Line,
    Page,
    Polyline,
    Rect,
    Text,
    translate,
    walk,
)
from cardgen.strokes import parse_path, size_for_x_height, stroke_font
from cardgen.units import MM
from tests.conftest import SAMPLE

SVG = "{http://www.w3.org/2000/svg}"
INKSCAPE = "{http://www.inkscape.org/namespaces/inkscape}"
CAVEAT_3MM = 3 * MM / metrics("caveat").x_height  # the caveat size whose "x" stands 3 mm

Point = tuple[float, float]


def page_of(*items: Item, width: float = 300.0, height: float = 200.0) -> Page:
    return Page(width, height, tuple(items))


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def paths(data: bytes) -> list[ET.Element]:
    return list(parse(data).iter(f"{SVG}path"))


def subpaths(d: str) -> list[list[Point]]:
    """The points of each subpath of M/L/Z path data."""
    return [[seg[-1] for seg in sub] for sub in parse_path(d)]


def points(d: str) -> list[Point]:
    return [p for sub in subpaths(d) for p in sub]


def only_path(page: Page, font: str = "ems-readability") -> str:
    (path,) = paths(render_svg(page, font))
    return path.get("d", "")


def test_sized_in_mm_with_a_viewbox_in_points() -> None:
    data = render_svg(page_of(Line(10, 10, 100, 10), width=612.0, height=792.0))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = parse(data)
    assert root.tag == f"{SVG}svg"
    width, height = root.get("width", ""), root.get("height", "")
    assert width.endswith("mm") and height.endswith("mm")
    assert float(width[:-2]) == pytest.approx(215.9, abs=0.01)
    assert float(height[:-2]) == pytest.approx(279.4, abs=0.01)
    assert root.get("viewBox") == "0 0 612 792"


def test_numbers_are_rounded_to_three_decimals() -> None:
    data = render_svg(page_of(Line(1 / 3, 2 / 3, 100 / 7, 10), Text(20, 50, "Rounded", "caveat", 13.1)))
    numbers = re.findall(r"\d+\.(\d+)", data.decode())
    assert numbers and max(len(n) for n in numbers) <= 3
    assert 'd="M0.333 0.667L14.286 10"' in data.decode()


@pytest.mark.parametrize("font", ["ems-readability", "ems-allure"])
def test_text_is_single_strokes_at_the_truetype_x_height(font: str) -> None:
    data = render_svg(page_of(Text(50, 100, "x", "caveat", CAVEAT_3MM)), font)
    root = parse(data)
    assert not [e for e in root.iter() if e.tag.endswith("text")]
    (path,) = paths(data)
    pts = points(path.get("d", ""))
    ys = [p[1] for p in pts]
    assert 100 - min(ys) == pytest.approx(3 * MM, abs=0.1 * MM)  # 8.504 pt above the baseline
    if font == "ems-readability":  # (Allure's cursive "x" has an exit stroke below the baseline)
        assert max(ys) - min(ys) == pytest.approx(3 * MM, abs=0.1 * MM)
    assert pts[0][0] == pytest.approx(50, abs=1 * MM)  # the pen goes down at the item's x


def test_hscale_widens_the_strokes() -> None:
    def extent(hscale: float) -> float:
        xs = [p[0] for p in points(only_path(page_of(Text(50, 100, "mm", "caveat", 20, hscale=hscale))))]
        return max(xs) - 50

    assert extent(1.5) == pytest.approx(1.5 * extent(1.0), rel=0.01)


def test_missing_characters_are_outlines_placed_by_their_truetype_width() -> None:
    size, x, y = CAVEAT_3MM, 40.0, 100.0
    data, missing = svg_page(page_of(Text(x, y, "aŵb", "caveat", size)))
    assert missing == ["ŵ"]
    whole = paths(data)[0].get("d", "")
    font = stroke_font("ems-readability")
    stroke_size = size_for_x_height(font, 3 * MM)
    after_w = x + font.width("a", stroke_size) + metrics("caveat").width("ŵ", size)
    a = only_path(page_of(Text(x, y, "a", "caveat", size)))
    b = only_path(page_of(Text(after_w, y, "b", "caveat", size)))
    assert whole.startswith(a) and whole.endswith(b)  # the runs keep their places
    outline = points(whole[len(a) : -len(b)])
    assert outline, "ŵ drew nothing"
    left, right = min(p[0] for p in outline), max(p[0] for p in outline)
    assert x + font.width("a", stroke_size) - 0.2 * size <= left < right <= after_w + 0.2 * size  # overhangs
    assert y - min(p[1] for p in outline) > 3 * MM  # the circumflex stands above the x-height
    assert svg_page(page_of(Text(x, y, "ab cd", "caveat", size)))[1] == []


def test_group_transforms_are_baked_into_the_coordinates() -> None:
    inner = Group((Line(0, 0, 10, 0), Rect(0, 0, 5, 5)), translate(100, 50))
    data = render_svg(page_of(Group((inner,), translate(1, 2))))
    assert b"transform" not in data
    line, rect = (path.get("d", "") for path in paths(data))
    assert points(line) == [(101, 52), (111, 52)]
    assert points(rect) == [(101, 52), (106, 52), (106, 57), (101, 57), (101, 52)]


def test_one_layer_per_pen_colour_in_order_of_first_use() -> None:
    red, blue, cmyk_black = (1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.0, 0.0, 0.0, 1.0)
    page = page_of(
        Line(0, 0, 10, 0, 0.1),
        Line(0, 5, 10, 5, 1.0, red),
        Line(0, 10, 10, 10, 1.0, REGISTRATION),
        Text(0, 40, "blue", "caveat", 20, blue),
        Line(0, 15, 10, 15, 1.0, cmyk_black),
        Line(0, 20, 10, 20, 1.0, red),
    )
    root = parse(render_svg(page))
    layers = root.findall(f"{SVG}g")
    assert [g.get(f"{INKSCAPE}label") for g in layers] == ["1 pen #000000", "2 pen #ff0000", "3 pen #0000ff"]
    assert [g.get("id") for g in layers] == ["layer1", "layer2", "layer3"]
    assert all(g.get(f"{INKSCAPE}groupmode") == "layer" for g in layers)
    assert [len(g.findall(f"{SVG}path")) for g in layers] == [3, 2, 1]
    for layer in layers:
        colour = layer.get(f"{INKSCAPE}label", "").split()[-1]
        for path in layer.iter(f"{SVG}path"):
            assert path.get("fill") == "none" and path.get("stroke") == colour
            assert float(path.get("stroke-width", "0")) >= 0.3
    assert layers[0][0].get("stroke-width") == "0.3"  # a 0.1 pt line drawn with the thinnest pen


def test_dashes_are_cut_into_separate_strokes_round_corners() -> None:
    data = render_svg(page_of(Line(0, 0, 40, 0, dash=(3, 2))))
    assert b"dasharray" not in data
    pieces = subpaths(paths(data)[0].get("d", ""))
    assert [(p[0][0], p[-1][0]) for p in pieces] == [(i * 5, i * 5 + 3) for i in range(8)]
    corner = subpaths(only_path(page_of(Polyline(((0, 0), (4, 0), (4, 4)), dash=(2, 1)))))
    assert corner == [[(0, 0), (2, 0)], [(3, 0), (4, 0), (4, 1)], [(4, 2), (4, 4)]]


def test_only_outlined_text_is_dashed() -> None:
    solid = only_path(page_of(Text(10, 50, "l", "caveat", 40)))
    assert only_path(page_of(Text(10, 50, "l", "caveat", 40, dash=(1, 1)))) == solid  # filled: as in the PDF
    dashed = only_path(page_of(Text(10, 50, "l", "caveat", 40, outline=0.5, dash=(1, 1))))
    assert dashed.count("M") > 3 * solid.count("M")


def test_polylines_open_and_closed() -> None:
    triangle = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0))
    assert only_path(page_of(Polyline(triangle))) == "M0 0L10 0 10 10"
    assert only_path(page_of(Polyline(triangle, closed=True))) == "M0 0L10 0 10 10Z"
    assert only_path(page_of(Polyline(triangle, color=None, fill=(0, 0, 0)))).endswith("Z")


def test_dots_are_small_circles_as_wide_as_the_dot() -> None:
    d = only_path(page_of(Dots(((10, 10), (20, 10), (30, 15)), diameter=2.0)))
    assert d.count("M") == 3 and d.count("A") == 6
    radius = (2.0 - 0.3) / 2  # the pen's own width makes up the rest of the diameter
    first = re.match(r"M([\d.]+) ([\d.]+)A([\d.]+) ([\d.]+)", d)
    assert first is not None
    assert float(first[1]) == pytest.approx(10 - radius, abs=1e-3)
    assert float(first[3]) == pytest.approx(radius, abs=1e-3)


def test_fills_are_outlined_white_fills_and_images_skipped() -> None:
    page = page_of(
        Rect(0, 0, 300, 200, stroke=None, fill=(1.0, 1.0, 1.0)),  # paper: nothing to draw
        Rect(10, 10, 20, 3, stroke=None, fill=(1.0, 0.0, 0.0)),
        Image(0, 0, 10, 10, b"\x89PNG", (1, 1)),
    )
    data = render_svg(page)
    (path,) = paths(data)
    assert path.get("stroke") == "#ff0000" and path.get("d") == "M10 10L30 10 30 13 10 13Z"
    assert b"<image" not in data


def test_the_same_page_gives_the_same_bytes() -> None:
    page = page_of(
        Text(20, 50, "Dear ŵ friend", "caveat", 20, (0.42, 0.62, 0.92)),
        Line(0, 60, 100, 60, dash=(1.5, 2.5)),
        Dots(((5, 5),), 1.0),
        Group((Polyline(((0, 0), (5, 5))),), translate(10, 10)),
    )
    first = svg_page(page)
    assert svg_page(page) == first
    assert render_svg(page) == first[0]


def test_a_guide_page_from_the_sample() -> None:
    kit = make_kit(load_note(SAMPLE))
    page = kit.guide.pages[0]
    data, _missing = svg_page(page)
    root = parse(data)
    assert not [e for e in root.iter() if e.tag.endswith("text")]
    assert float(root.get("width", "0mm")[:-2]) == pytest.approx(page.width / MM, abs=0.01)
    texts = [item for item, _, _ in walk(page.items) if isinstance(item, Text) and item.text.strip()]
    message = [t for t in texts if t.role == "message"]
    assert message
    layers = {g.get(f"{INKSCAPE}label", "").split()[-1]: g for g in root.findall(f"{SVG}g")}
    assert len(layers[_hex(message[0].color)].findall(f"{SVG}path")) == len(message)
    for colour in {_hex(t.color) for t in texts}:
        count = sum(_hex(t.color) == colour for t in texts)
        assert len(layers[colour].findall(f"{SVG}path")) >= count
    for path in root.iter(f"{SVG}path"):
        assert all(math.isfinite(c) for p in points(path.get("d", "")) for c in p)


def _hex(color: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in color)
