"""Writing lines and traced words as scene items: rulings (lines, school, four-line, Seyès,
calligraphy), slant lines at an exact angle, margin ticks, and a line of text traced solid, as
dashed outlines or as dots along a single-stroke font's centre lines."""

from __future__ import annotations

import math

from cardgen.coverage import some
from cardgen.errors import Finding
from cardgen.fonts import metrics
from cardgen.layout.band import Band
from cardgen.layout.text import ink_overhang, line_start, set_line
from cardgen.model import GuideSpec
from cardgen.scene import BLACK, Color, Dots, Item, Line
from cardgen.strokes import STRAIGHT, dots_along, size_for_x_height, start_points, stroke_font
from cardgen.units import MM

TRACE_TONE: Color = (0.42, 0.62, 0.92)  # a light, solid blue: reads through, copies cleanly
BASELINE_WIDTH = 0.5
GUIDE_WIDTH = 0.3
FINE_WIDTH = 0.2
SLANT_SPACING = 8 * MM  # between slant lines, measured square to them
OUTLINE_WIDTH = 0.35
OUTLINE_DASH = (1.2, 0.8)
DOT_DIAMETER = 0.9
START_DOT_DIAMETER = 2.2
TICK_LENGTH = 3 * MM


def ruling_items(
    x: float,
    w: float,
    baselines: list[float],
    x_height: float,
    ascender: float,
    descender: float,
    ruling: str,
    bold: bool = False,
) -> list[Item]:
    """The line system for each baseline across x..x+w: `lines` (baseline, dashed x-height line),
    `school` (baseline, dashed midline, top line at the ascenders), `four-line` (ascender, x-height,
    baseline, descender), `seyes` (baseline and three interlines a quarter of the spacing apart, with
    vertical lines as often as the spacing), `calligraphy` (four lines, the x-height band's edges
    heavier). `bold`: black lines heavy enough to show through card on a lightbox."""
    base_w = BASELINE_WIDTH if not bold else 0.6
    thin = GUIDE_WIDTH if not bold else 0.45
    fine = FINE_WIDTH if not bold else 0.35
    dash = (1.5, 2.5)
    items: list[Item] = []
    for baseline in baselines:
        mean, top, bottom = baseline - x_height, baseline - ascender, baseline + descender
        items.append(Line(x, baseline, x + w, baseline, base_w, BLACK))
        if ruling == "lines":
            items.append(Line(x, mean, x + w, mean, thin, BLACK, dash))
        elif ruling == "school":
            items += [Line(x, mean, x + w, mean, thin, BLACK, dash), Line(x, top, x + w, top, thin, BLACK)]
        elif ruling in ("four-line", "calligraphy"):
            mean_w = base_w if ruling == "calligraphy" else thin
            items += [
                Line(x, mean, x + w, mean, mean_w, BLACK),
                Line(x, top, x + w, top, fine, BLACK),
                Line(x, bottom, x + w, bottom, fine, BLACK),
            ]
    if ruling == "seyes" and len(baselines) > 1:
        pitch = baselines[1] - baselines[0]
        for baseline in baselines:
            items += [
                Line(x, baseline - k * pitch / 4, x + w, baseline - k * pitch / 4, fine, BLACK)
                for k in (1, 2, 3)
            ]
        top, bottom = baselines[0] - 3 * pitch / 4, baselines[-1]
        column = x
        while column <= x + w + 1e-6:
            items.append(Line(column, top, column, bottom, fine, BLACK))
            column += pitch
    return items


def slant_lines(x: float, y: float, w: float, h: float, angle: float) -> list[Line]:
    """Parallel lines at `angle` degrees from the baseline (over 90: leaning back), clipped to the
    box. Over a height dy a slant line runs dx = dy / tan(angle), never dy · cos."""
    if angle > 90:  # a backhand: the mirror image of 180° - angle
        mirrored = slant_lines(x, y, w, h, 180 - angle)
        return [line._replace(x1=2 * x + w - line.x1, x2=2 * x + w - line.x2) for line in mirrored]
    run = h / math.tan(math.radians(angle))
    step = SLANT_SPACING / math.sin(math.radians(angle))  # along the baseline, for SLANT_SPACING square
    lines = []
    start = x - run
    while start < x + w:
        # t in [0, 1] from the bottom (start, y + h) to the top (start + run, y)
        t0 = max(0.0, (x - start) / run) if run > 0 else 0.0
        t1 = min(1.0, (x + w - start) / run) if run > 0 else 1.0
        if t1 > t0:
            lines.append(
                Line(start + t0 * run, y + h - t0 * h, start + t1 * run, y + h - t1 * h, FINE_WIDTH, BLACK)
            )
        start += step
    return lines


def cell_rows(x: float, w: float, baselines: list[float], band: Band, bold: bool = False) -> list[Item]:
    """A row of square cells on each baseline, as many as fit across x..x+w (squared writing paper
    for Chinese, Japanese and Korean): two long lines a row and a short one between cells."""
    count = int(w / band.cell + 1e-9)
    width = GUIDE_WIDTH if not bold else 0.45
    items: list[Item] = []
    for baseline in baselines:
        left, top, side, _ = band.cell_box(x, baseline)
        right = left + count * side
        items += [
            Line(left, top, right, top, width, BLACK),
            Line(left, top + side, right, top + side, width, BLACK),
        ]
        items += [
            Line(left + i * side, top, left + i * side, top + side, width, BLACK) for i in range(count + 1)
        ]
    return items


def margin_ticks(x: float, w: float, baselines: list[float], x_height: float) -> list[Item]:
    """Short ticks just outside both sides of the writing area at each baseline, and shorter ones at
    the x-height: enough to pencil lines from and erase."""
    items: list[Item] = []
    for baseline in baselines:
        for left, direction in ((x, -1), (x + w, 1)):
            items.append(
                Line(left, baseline, left + direction * TICK_LENGTH, baseline, BASELINE_WIDTH, BLACK)
            )
            mean = baseline - x_height
            items.append(Line(left, mean, left + direction * TICK_LENGTH / 2, mean, GUIDE_WIDTH, BLACK))
    return items


def traced_line(
    x: float,
    baseline: float,
    text: str,
    font: str,
    x_height: float,
    hscale: float,
    color: Color,
    guide: GuideSpec,
    max_width: float | None = None,
    rtl: bool = False,
) -> list[Item]:
    """One line of text standing `x_height` tall from x on the baseline, traced as `guide.trace`
    says: `solid` in the handwriting font, `outline` (its glyphs stroked, dashed), `dots` along the
    single-stroke font's centre lines (characters it lacks drawn as outlines), or `none`. A dotted
    line wider than `max_width` is narrowed to it (the handwriting font decided the line breaks).
    `rtl`: a right-to-left line, ending at x + max_width (dots are Latin-only: traced as outlines)."""
    style, stroke, start_dots = guide.trace, guide.stroke_font, guide.start_dots
    if style == "none":
        return []
    size = x_height / metrics(font).x_height
    if rtl:  # right-aligned in its span, by its ink; the single-stroke fonts are Latin-only: dots
        # become outlines
        x = line_start(x, max_width or 0.0, 0.0, metrics(font).width(text, size) * hscale, rtl=True)
        x -= ink_overhang(set_line(x, baseline, text, font, size, color, "message", hscale, rtl))
        style = "solid" if style == "solid" else "outline"
    if style == "solid":
        return list(set_line(x, baseline, text, font, size, color, "message", hscale, rtl))
    if style == "outline":
        return [
            t._replace(outline=OUTLINE_WIDTH, dash=OUTLINE_DASH)
            for t in set_line(x, baseline, text, font, size, color, "message", hscale, rtl)
        ]
    single = stroke_font(stroke)
    stroke_size = size_for_x_height(single, x_height)
    runs = single.runs(text.translate(STRAIGHT))
    widths = [single.width(run, stroke_size) if has else metrics(font).width(run, size) for has, run in runs]
    natural = sum(widths) * hscale
    if max_width and natural > max_width:
        hscale *= max_width / natural
    items: list[Item] = []
    polylines = []
    for (has, run), width in zip(runs, widths, strict=True):
        if has:
            polylines += single.strokes(run, x, baseline, stroke_size, hscale)
        else:
            items += [
                t._replace(outline=OUTLINE_WIDTH, dash=OUTLINE_DASH)
                for t in set_line(x, baseline, run, font, size, color, "message", hscale)
            ]
        x += width * hscale
    spacing = max(1.2, x_height / 5)
    items.append(Dots(dots_along(polylines, spacing, merge=spacing / 2), DOT_DIAMETER, color))
    if start_dots:
        items.append(Dots(start_points(polylines), START_DOT_DIAMETER, color))
    return items


def stroke_fallback_warning(text: str, stroke: str, where: str) -> Finding | None:
    """A warning naming the characters the single-stroke font lacks (traced as outlines), or None."""
    lacking = stroke_font(stroke).missing(text.translate(STRAIGHT))
    if not lacking:
        return None
    return Finding(f"{stroke} has no single-stroke {some(lacking)}; traced as dashed outlines instead", where)
