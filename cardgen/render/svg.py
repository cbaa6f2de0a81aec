"""Scene page -> SVG for a pen plotter: sized in mm, 1 unit = 1 pt, text as single strokes, absolute
coordinates (no transforms), stroked paths only, one Inkscape layer per pen colour; deterministic."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise

from fontTools.pens.basePen import BasePen

from cardgen.fonts import bundled_fonts, metrics
from cardgen.glyphs import font_file
from cardgen.scene import Affine, Color, Dots, Image, Line, Page, Polyline, Rect, Text, apply, walk
from cardgen.shaping import drawn_as_glyphs, shape
from cardgen.strokes import STRAIGHT, Point, StrokeFont, Subpath, flatten, size_for_x_height
from cardgen.strokes import stroke_font as load_stroke_font
from cardgen.units import MM

MIN_WIDTH = 0.3  # points: the thinnest stroke written (a fine plotter pen draws about this)
TEXT_PEN = 0.1  # a Text without an outline width is drawn with a pen this share of its x-height wide
_SVG_NS = "http://www.w3.org/2000/svg"
_INKSCAPE_NS = "http://www.inkscape.org/namespaces/inkscape"


def render_svg(page: Page, stroke_font: str = "ems-readability") -> bytes:
    """The page as a plotter SVG file's bytes (see svg_page)."""
    return svg_page(page, stroke_font)[0]


def svg_page(page: Page, stroke_font: str = "ems-readability") -> tuple[bytes, list[str]]:
    """The page as a plotter SVG, and the characters the stroke font lacks, drawn instead as the
    outlines of their TrueType glyphs (in order, each once) so the caller can warn.

    Text is set in the stroke font at the x-height the TrueType font has at the item's size. A shape
    that is only filled is drawn as its outline in the fill colour (a plotter cannot fill), unless the
    fill is white (paper); a stroked one only as its stroke. Images are skipped. Dashes are cut into
    separate strokes (no stroke-dasharray). Dots are small circles whose drawn edge (circle plus pen)
    is the dot's diameter."""
    font = load_stroke_font(stroke_font)
    layers: dict[str, list[str]] = {}
    missing: dict[str, None] = {}
    for item, transform, _labels in walk(page.items):
        if isinstance(item, Image):
            continue
        for color, width, d in _paths(item, transform, font, missing):
            if d:
                layers.setdefault(_hex(color), []).append(
                    f'<path d="{d}" fill="none" stroke="{_hex(color)}" stroke-width="{_num(width)}"/>'
                )
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="{_SVG_NS}" xmlns:inkscape="{_INKSCAPE_NS}" version="1.1" '
        f'width="{_num(page.width / MM)}mm" height="{_num(page.height / MM)}mm" '
        f'viewBox="0 0 {_num(page.width)} {_num(page.height)}">',
    ]
    for number, (ink, paths) in enumerate(layers.items(), start=1):
        out.append(
            f'<g inkscape:groupmode="layer" inkscape:label="{number} pen {ink}" id="layer{number}" '
            'stroke-linecap="round" stroke-linejoin="round">'
        )
        out += paths
        out.append("</g>")
    out.append("</svg>\n")
    return "\n".join(out).encode("utf-8"), list(missing)


def _paths(
    item: Line | Rect | Text | Polyline | Dots, transform: Affine, font: StrokeFont, missing: dict[str, None]
) -> list[tuple[Color, float, str]]:
    """(colour, stroke width, path data) for one item, in page coordinates."""
    scale = math.sqrt(abs(transform[0] * transform[3] - transform[1] * transform[2]))

    def pen(width: float) -> float:
        return max(MIN_WIDTH, width * scale)

    if isinstance(item, Line):
        line = ((item.x1, item.y1), (item.x2, item.y2))
        return [(item.color, pen(item.width), _strokes_d([line], transform, item.dash))]
    if isinstance(item, Rect):
        x, y, w, h = item.x, item.y, item.w, item.h
        corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
        color = item.stroke or (item.fill if item.fill and not _is_white(item.fill) else None)
        if color is None:
            return []
        return [(color, pen(item.width), _strokes_d([corners], transform, item.dash, closed=True))]
    if isinstance(item, Polyline):
        color = item.color or (item.fill if item.fill and not _is_white(item.fill) else None)
        if color is None or not item.points:
            return []
        closed = item.closed or item.color is None  # a fill's outline goes all the way round
        d = _strokes_d([item.points], transform, item.dash, closed, keep_dots=item.round)
        return [(color, pen(item.width), d)]
    if isinstance(item, Dots):
        width = pen(MIN_WIDTH)
        radius = max((item.diameter * scale - width) / 2, 0.05)
        return [(item.color, width, "".join(_circle(apply(transform, *p), radius) for p in item.points))]
    strokes, x_height = _text_strokes(item, font, missing)
    width = pen(item.outline) if item.outline > 0 else max(MIN_WIDTH, TEXT_PEN * x_height * scale)
    dash = item.dash if item.outline > 0 else ()  # as in the PDF: only an outline is dashed
    return [(item.color, width, _strokes_d(strokes, transform, dash))]


def _text_strokes(item: Text, font: StrokeFont, missing: dict[str, None]) -> tuple[list[list[Point]], float]:
    """The text's strokes in the item's coordinates, and its x-height in points; characters the stroke
    font lacks are the TrueType glyph outlines, each run advancing by its own font's widths."""
    face = metrics(item.font)
    x_height = face.x_height * item.size
    if drawn_as_glyphs(face.scripts, item.text):  # shaped: the glyphs' outlines, placed as in the PDF
        missing.update(dict.fromkeys(font.missing(item.text.translate(STRAIGHT))))
        return _shaped_strokes(item), x_height
    size = size_for_x_height(font, x_height)
    runs = font.runs(item.text.translate(STRAIGHT))
    natural = sum(
        font.width(run, size) if present else face.width_of_run(item.font, run, item.size)
        for present, run in runs
    )
    laid = face.width(item.text, item.size)  # the width layout gave the line: never run past it
    hscale = item.hscale * min(1.0, laid / natural) if natural > 0 else item.hscale
    x, strokes = item.x, []
    for present, run in runs:
        if present:
            strokes += font.strokes(run, x, item.y, size, hscale)
            x += font.width(run, size) * hscale
            continue
        units = _units_per_em(item.font)
        for char in run:
            if not char.isspace():
                missing[char] = None
            outline = _outline(item.font, char)
            strokes += flatten(outline, x, item.y, item.size / units, hscale)
            x += face.width_of_run(item.font, char, item.size) * hscale
    return [list(s) for s in strokes], x_height


def _units_per_em(key: str) -> float:
    return float(font_file(key)["head"].unitsPerEm)


class _SubpathPen(BasePen):  # type: ignore[misc]
    """Records a glyph's contours as strokes.py subpaths (font units, y up); quadratics become cubics."""

    def __init__(self, glyph_set: object) -> None:
        super().__init__(glyph_set)
        self.subpaths: list[list[tuple[Point, ...]]] = []

    def _moveTo(self, pt: Point) -> None:
        self.subpaths.append([(pt,)])

    def _lineTo(self, pt: Point) -> None:
        self.subpaths[-1].append((pt,))

    def _curveToOne(self, pt1: Point, pt2: Point, pt3: Point) -> None:
        self.subpaths[-1].append((pt1, pt2, pt3))

    def _closePath(self) -> None:
        sub = self.subpaths[-1]
        if sub[-1][-1] != sub[0][0]:
            sub.append((sub[0][0],))


@cache
def _outline(key: str, char: str) -> tuple[Subpath, ...]:
    """The outline of the font's glyph for the character (its .notdef when it has none)."""
    font = font_file(key)
    return _glyph_outline(key, font.getBestCmap().get(ord(char), font.getGlyphOrder()[0]))


@cache
def _glyph_outline(key: str, glyph: str) -> tuple[Subpath, ...]:
    """The outline of the font's glyph named `glyph`."""
    glyph_set = font_file(key).getGlyphSet()
    pen = _SubpathPen(glyph_set)
    glyph_set[glyph].draw(pen)
    return tuple(tuple(sub) for sub in pen.subpaths)


def _shaped_strokes(item: Text) -> list[list[Point]]:
    """A shaped run's glyph outlines, each where HarfBuzz places it (marks by their offsets)."""
    shaped = shape(str(bundled_fonts()[item.font].path), item.text, item.rtl)
    order = font_file(item.font).getGlyphOrder()
    scale, pen = item.size / shaped.units, 0.0
    strokes: list[Sequence[Point]] = []
    for glyph in shaped.glyphs:
        x = item.x + (pen + glyph.x_offset) * scale * item.hscale
        strokes += flatten(
            _glyph_outline(item.font, order[glyph.gid]),
            x,
            item.y - glyph.y_offset * scale,
            scale,
            item.hscale,
        )
        pen += glyph.advance
    return [list(s) for s in strokes]


def _strokes_d(
    strokes: Iterable[Sequence[Point]],
    transform: Affine,
    dash: tuple[float, ...] = (),
    closed: bool = False,
    keep_dots: bool = False,
) -> str:
    """Path data for polylines mapped through the transform: one subpath each, or one per dash."""
    parts = []
    for stroke in strokes:
        points = [apply(transform, *p) for p in stroke]
        if not points:
            continue
        pattern = _page_dash(dash, transform)
        if any(v > 0 for v in pattern):
            if closed:
                points.append(points[0])
            parts += [_poly_d(piece) for piece in _dashes(points, pattern, keep_dots)]
        else:
            parts.append(_poly_d(points) + ("Z" if closed and len(points) > 2 else ""))
    return "".join(parts)


def _page_dash(dash: tuple[float, ...], transform: Affine) -> tuple[float, ...]:
    scale = math.sqrt(abs(transform[0] * transform[3] - transform[1] * transform[2]))
    pattern = dash * 2 if len(dash) % 2 else dash  # an odd pattern repeats (on and off swap), as in PDF
    return tuple(max(0.0, v) * scale for v in pattern)


def _dashes(points: Sequence[Point], pattern: tuple[float, ...], keep_dots: bool) -> list[list[Point]]:
    """The dashes of a polyline (on, off, on, … from its start, carried round corners); a zero-length
    dash is a pen dot, kept only for round caps (with butt caps the PDF draws nothing there)."""
    pieces: list[list[Point]] = []
    index, left = 0, pattern[0]
    current: list[Point] = [points[0]]
    for a, b in pairwise(points):
        length, done = math.dist(a, b), 0.0
        while length - done > left:  # the pattern's current element ends inside this segment
            done += left
            t = done / length
            point = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            if index % 2 == 0:
                pieces.append([*current, point])
            else:
                current = [point]
            index = (index + 1) % len(pattern)
            left = pattern[index]
        left -= length - done
        if index % 2 == 0:
            current.append(b)
    if index % 2 == 0:
        pieces.append(current)
    return [p for p in pieces if len(p) > 1 and (keep_dots or _length(p) > 1e-6)]


def _length(points: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in pairwise(points))


def _poly_d(points: Sequence[Point]) -> str:
    if len(points) == 1:  # a lone point: a zero-length stroke, which a plotter draws as a dot
        points = [points[0], points[0]]
    first, *rest = points
    return f"M{_pt(first)}L" + " ".join(map(_pt, rest))


def _circle(centre: Point, r: float) -> str:
    """A full circle as two half-circle arcs (a plotter draws it in one pen-down)."""
    x, y = centre
    arc = f"A{_num(r)} {_num(r)} 0 1 0 "
    return f"M{_num(x - r)} {_num(y)}{arc}{_num(x + r)} {_num(y)}{arc}{_num(x - r)} {_num(y)}Z"


def _pt(p: Point) -> str:
    return f"{_num(p[0])} {_num(p[1])}"


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rgb(color: Color) -> tuple[float, float, float]:
    if len(color) == 4:
        c, m, y, k = color
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    if len(color) == 3:
        return color[0], color[1], color[2]
    return 0.0, 0.0, 0.0  # REGISTRATION: every plate, so black


def _hex(color: Color) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, v)) * 255):02x}" for v in _rgb(color))


def _is_white(color: Color) -> bool:
    return _hex(color) == "#ffffff"
