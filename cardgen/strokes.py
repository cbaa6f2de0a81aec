"""Single-stroke SVG fonts: text as pen-stroke polylines in scene points (y down), and dots along them."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise

from cardgen.resources import fonts_dir

STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2026": "..."})  # marks the fonts lack
STROKE_FONTS = {"ems-allure": "EMS/EMSAllure.svg", "ems-readability": "EMS/EMSReadability.svg"}
TOLERANCE = 0.05  # points: how far a flattened curve may stray from the true one

Point = tuple[float, float]
Stroke = tuple[Point, ...]
# A subpath: its start point `(p,)`, then segments: `(end,)` a line, `(c1, c2, end)` a cubic; y up.
Subpath = tuple[tuple[Point, ...], ...]

_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"([A-Za-z])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "Z": 0}


def parse_path(d: str) -> tuple[Subpath, ...]:
    """SVG path data (all commands but arcs) as subpaths in its own coordinates; quadratics become cubics."""
    tokens = _TOKEN.findall(d)
    paths: list[list[tuple[Point, ...]]] = []
    sub: list[tuple[Point, ...]] | None = None
    cur = start = (0.0, 0.0)
    cubic: Point | None = None  # the last cubic's second control point (for S)
    quad: Point | None = None  # the last quadratic's control point (for T)
    cmd, i = "", 0
    while i < len(tokens):
        letter = tokens[i][0]
        if letter:
            if letter.upper() not in _ARITY:
                raise ValueError(f"path command {letter!r} is not supported")
            cmd, i = letter, i + 1
        elif not cmd:
            raise ValueError("path data must start with a command")
        up, (ox, oy) = cmd.upper(), (cur if cmd.islower() else (0.0, 0.0))
        if up == "Z":
            if not letter:
                raise ValueError("numbers after a closepath (z)")
            if sub is not None and cur != start:
                sub.append((start,))
            sub, cur, cubic, quad = None, start, None, None
            continue
        args = [float(num) for letter, num in tokens[i : i + _ARITY[up]] if not letter]
        if len(args) < _ARITY[up]:
            raise ValueError(f"path command {cmd!r} is missing numbers")
        i += _ARITY[up]
        pts = [(ox + args[k], oy + args[k + 1]) for k in range(0, len(args) - 1, 2)]
        if up == "M":
            cur = start = pts[0]
            sub = [(cur,)]
            paths.append(sub)
            cmd, cubic, quad = ("l" if cmd == "m" else "L"), None, None
            continue
        if sub is None:  # drawing on after Z without a move: a new subpath at the closed one's start
            sub = [(cur,)]
            paths.append(sub)
        if up == "H":
            seg: tuple[Point, ...] = ((ox + args[0], cur[1]),)
        elif up == "V":
            seg = ((cur[0], oy + args[0]),)
        elif up == "L":
            seg = (pts[0],)
        elif up == "C":
            seg = (pts[0], pts[1], pts[2])
        elif up == "S":
            c1 = (2 * cur[0] - cubic[0], 2 * cur[1] - cubic[1]) if cubic else cur
            seg = (c1, pts[0], pts[1])
        else:  # Q or T: elevated to a cubic (exact)
            q = pts[0] if up == "Q" else ((2 * cur[0] - quad[0], 2 * cur[1] - quad[1]) if quad else cur)
            end = pts[-1]
            seg = (_lerp(cur, q, 2 / 3), _lerp(end, q, 2 / 3), end)
            quad = q
        cubic = seg[1] if up in "CS" else None
        quad = quad if up in "QT" else None
        sub.append(seg)
        cur = seg[-1]
    return tuple(tuple(s) for s in paths)


def _lerp(a: Point, b: Point, t: float) -> Point:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def flatten(
    subpaths: Iterable[Subpath], x: float, y: float, scale: float, hscale: float = 1.0, slant: float = 0.0
) -> list[Stroke]:
    """Subpaths (y up) placed with their origin at (x, y) in scene points (y down), `scale` points per unit,
    widened by `hscale`, sheared `slant` degrees to the right; curves flattened to within TOLERANCE."""
    shear = math.tan(math.radians(slant))

    def place(p: Point) -> Point:
        return x + (p[0] * hscale + p[1] * shear) * scale, y - p[1] * scale

    strokes: list[Stroke] = []
    for sub in subpaths:
        points = [place(sub[0][0])]
        for seg in sub[1:]:
            if len(seg) == 1:
                points.append(place(seg[0]))
            else:
                points.extend(_cubic(points[-1], *map(place, seg)))
        strokes.append(tuple(points))
    return strokes


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    """The points after p0 of a cubic cut into n equal-parameter chords: a chord strays at most
    |B''|max / (8 n²) from the curve, and |B''| <= 6 × the larger second difference."""
    bend = max(
        math.hypot(p0[0] - 2 * p1[0] + p2[0], p0[1] - 2 * p1[1] + p2[1]),
        math.hypot(p1[0] - 2 * p2[0] + p3[0], p1[1] - 2 * p2[1] + p3[1]),
    )
    n = max(1, math.ceil(math.sqrt(0.75 * bend / TOLERANCE)))
    out = []
    for k in range(1, n + 1):
        t = k / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        out.append(
            (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])
        )
    return out


class StrokeFont:
    """A single-stroke SVG font: glyph strokes and advances in font units, metrics in ems."""

    def __init__(self, key: str) -> None:
        font = next(ET.parse(fonts_dir() / STROKE_FONTS[key]).getroot().iter(f"{_SVG}font"))
        face = font.find(f"{_SVG}font-face")
        self.key = key
        self._units = float(face.get("units-per-em", 1000)) if face is not None else 1000.0
        default = float(font.get("horiz-adv-x", 0))
        missing = font.find(f"{_SVG}missing-glyph")
        self._notdef = float(missing.get("horiz-adv-x", default)) if missing is not None else default
        self._advance: dict[str, float] = {}
        self._glyphs: dict[str, tuple[Subpath, ...]] = {}
        for glyph in font.iter(f"{_SVG}glyph"):
            char = glyph.get("unicode", "")
            if len(char) == 1:  # ligature glyphs (none in the bundled fonts) are not used
                self._advance[char] = float(glyph.get("horiz-adv-x", default))
                self._glyphs[char] = parse_path(glyph.get("d", ""))
        tops = [-p[1] for s in flatten(self._glyphs.get("x", ()), 0.0, 0.0, 1.0) for p in s]
        self.x_height = max(tops) / self._units if tops else 0.5  # measured: both files declare 300/1000

    def has(self, char: str) -> bool:
        """Whether the font has a glyph for the character (space always counts as present)."""
        return char in self._glyphs or char == " "

    def missing(self, text: str) -> list[str]:
        """Characters without a glyph, in order, each once (line breaks and other controls not counted)."""
        return list(dict.fromkeys(c for c in text if ord(c) >= 32 and not self.has(c)))

    def runs(self, text: str) -> list[tuple[bool, str]]:
        """The text cut into (has glyphs, run) so the caller can set missing characters in another font."""
        result: list[tuple[bool, str]] = []
        for char in text:
            present = self.has(char)
            if result and result[-1][0] == present:
                result[-1] = (present, result[-1][1] + char)
            else:
                result.append((present, char))
        return result

    def width(self, text: str, size: float) -> float:
        """The advance width at `size` (the em in points); missing characters advance as the missing glyph."""
        return sum(self._advance.get(c, self._notdef) for c in text) * size / self._units

    def strokes(
        self, text: str, x: float, y: float, size: float, hscale: float = 1.0, slant: float = 0.0
    ) -> list[Stroke]:
        """The text's strokes in scene points (y down) from x on baseline y, in writing order; missing
        characters draw nothing but advance like width() counts them; `slant` degrees leans right."""
        scale, result = size / self._units, []
        for char in text:
            result.extend(flatten(self._glyphs.get(char, ()), x, y, scale, hscale, slant))
            x += self._advance.get(char, self._notdef) * scale * hscale
        return result


@cache
def stroke_font(key: str) -> StrokeFont:
    """A bundled stroke font by key (read once per process)."""
    return StrokeFont(key)


def size_for_x_height(font: StrokeFont, x_height: float) -> float:
    """The em size in points at which the font's lowercase stands `x_height` points tall."""
    return x_height / font.x_height


def dots_along(
    polylines: Iterable[Sequence[Point]], spacing: float, merge: float = 0.01
) -> tuple[Point, ...]:
    """Dots evenly along each stroke, both ends included (spacing adjusted to length / round(length /
    spacing)); a dot within `merge` points of an earlier one (where strokes meet) is left out."""
    if spacing <= 0 or merge <= 0:
        raise ValueError("dot spacing and merge distance must be positive")
    dots: list[Point] = []
    cells: dict[tuple[int, int], list[Point]] = {}  # dots by grid cell `merge` wide: neighbours compared
    for stroke in polylines:
        for dot in _along(stroke, spacing):
            cx, cy = round(dot[0] / merge), round(dot[1] / merge)
            near = (p for i in (-1, 0, 1) for j in (-1, 0, 1) for p in cells.get((cx + i, cy + j), ()))
            if not any(math.dist(dot, p) <= merge for p in near):
                cells.setdefault((cx, cy), []).append(dot)
                dots.append(dot)
    return tuple(dots)


def _along(stroke: Sequence[Point], spacing: float) -> list[Point]:
    lengths = [math.dist(a, b) for a, b in pairwise(stroke)]
    total = sum(lengths)
    if not total:
        return [stroke[0]] if stroke else []
    n = max(1, int(total / spacing + 0.5))
    out, seg, walked = [stroke[0]], 0, 0.0
    for k in range(1, n):
        d = total * k / n
        while walked + lengths[seg] < d and seg < len(lengths) - 1:
            walked += lengths[seg]
            seg += 1
        out.append(_lerp(stroke[seg], stroke[seg + 1], (d - walked) / lengths[seg] if lengths[seg] else 0.0))
    return [*out, stroke[-1]]


def start_points(polylines: Iterable[Sequence[Point]]) -> tuple[Point, ...]:
    """The first point of each stroke: where the pen goes down (start dots)."""
    return tuple(stroke[0] for stroke in polylines if stroke)
