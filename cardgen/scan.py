"""A scan or photo of the filled-in handwriting sheet -> the writer's x-height, width factor and slant."""

from __future__ import annotations

import itertools
import math
import statistics
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, ImageOps, UnidentifiedImageError

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.layout.handcal import GUIDE_FONT, PANGRAM, SheetGeometry, sheet_geometry
from cardgen.model import HandProfile
from cardgen.units import MM

WORK_SIDE = 800  # marks are looked for in the image shrunk to this long side
RES = 8 / MM  # the writing box is resampled at 8 px per mm (this many px per point)
INSET = 1.5 * MM  # the box's outline and this much inside it are left out
MIN_DPI = 100
# The band's edges (centroids of its ramps) lie inside the letters' outer edges: half a stroke width
# under flat tops, none at stem ends; this share of a stroke width, fitted on Caveat, Patrick Hand
# and Noto Sans (within 4 %), is added to reach the outer edges a ruler measures.
STROKE_SHARE = 0.4
FIT_TOLERANCE = 0.025  # of the marks' diagonal: how far the found squares may sit from a true fit
Point = tuple[float, float]


@dataclass(frozen=True)
class HandMeasure:
    """The writer's hand as measured: x-height in points, width as a factor of the guide font's,
    slant in degrees from the baseline (90 = upright, < 90 leaning right)."""

    x_height: float
    width: float
    slant: float


@dataclass(frozen=True)
class Blob:
    """A solid dark region found in the shrunk image: pixel count, centre, bounding box size."""

    count: int
    x: float
    y: float
    w: int
    h: int


def measure_scan(path: Path, paper: str = "letter", pangram: str = PANGRAM) -> HandMeasure:
    """Find the sheet's marks in the image at `path`, straighten the writing box and measure the
    ink in it; an InputError when the marks or the writing cannot be found."""
    image = _load(path)
    geometry = sheet_geometry(catalog.papers()[paper])
    corners = _find_marks(image, geometry, path, paper)
    ink = _ink(_rectified_box(image, geometry, _homography(geometry.marks, corners)))
    if _mean(_profile(ink, rows=True)) < 0.001:
        raise InputError(f"{path}: no writing found in the box; write the sentence inside the box and rescan")
    return _measure_ink(ink, pangram, path)


def _measure_ink(ink: Image.Image, pangram: str, path: Path) -> HandMeasure:
    """The hand in a straightened box's ink map: level the line, find the x-height band in the
    row profile, the slant by shearing, the length between the ink's ends."""
    tilt = _best(lambda a: _sharpness(ink.rotate(a, Image.Resampling.BILINEAR), rows=True), -6, 6, 0.5, 0.1)
    ink = ink.rotate(tilt, Image.Resampling.BILINEAR)
    top, bottom = _x_band(_profile(ink, rows=True), path)
    height = bottom - top + STROKE_SHARE * _stroke_width(ink)
    crop_top = max(0, math.floor(top - 1.3 * height))
    band = ink.crop((0, crop_top, ink.width, min(ink.height, math.ceil(bottom + height))))
    left, right = _extent(_profile(band, rows=False), height)
    if left < 2 or right > band.width - 2:
        raise InputError(
            f"{path}: the writing runs into the edge of the box, so its length cannot be measured; "
            "write the sentence on a fresh sheet with room to spare at both ends"
        )

    def upright(angle: float) -> Image.Image:
        return _shear(band, 1 / math.tan(math.radians(angle)), bottom - crop_top)

    slant = _best(lambda a: _sharpness(upright(a), rows=False), 35, 145, 2.5, 0.25)
    left, right = _extent(_profile(upright(slant), rows=False), height)
    x_height = height / RES
    font = metrics(GUIDE_FONT)
    reference = font.width(pangram, x_height / font.x_height)
    return HandMeasure(x_height, (right - left) / RES / reference, slant)


def _load(path: Path) -> Image.Image:
    """The image in grey, turned upright as its camera meant it."""
    try:
        with Image.open(path) as opened:
            return ImageOps.exif_transpose(opened).convert("L")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the path of the scan or photo of the sheet") from None
    except (UnidentifiedImageError, OSError) as error:
        raise InputError(f"{path}: not an image that can be read ({error}); save it as JPEG or PNG") from None


def _find_marks(image: Image.Image, geometry: SheetGeometry, path: Path, paper: str) -> list[Point]:
    """The centres of the four registration squares in image pixels, in the order of geometry.marks."""
    factor = max(image.size) / WORK_SIDE
    size = (max(1, round(image.width / factor)), max(1, round(image.height / factor)))
    work = image.resize(size, Image.Resampling.BOX)
    threshold = 0.5 * _percentile(work, 0.9)
    solid = work.filter(ImageFilter.MaxFilter(5)).point(lambda v: 255 if v < threshold else 0)
    rings = _rings(sorted((b for b in _blobs(solid) if _squarish(b)), key=lambda b: -b.count)[:10])
    error, ring = _fit(rings, geometry)
    papers = catalog.papers()
    others = {name: _fit(rings, sheet_geometry(other))[0] for name, other in papers.items() if name != paper}
    likely = min(others, key=others.__getitem__, default=paper)
    mismatch = others.get(likely, math.inf) < min(error / 2, FIT_TOLERANCE)
    if error > FIT_TOLERANCE or mismatch:
        raise InputError(
            f"{path}: the 4 black corner squares of the {papers[paper].label} calibration sheet were not "
            "found; scan or photograph the whole sheet, flat, with all four squares in view"
            + (f"; they sit as on {papers[likely].label}: measure it as {likely} paper" if mismatch else ""),
            allow=f"paper {likely}" if mismatch else "",
        )
    upright = [(x * image.width / work.width, y * image.height / work.height) for x, y in ring]
    turned = upright[2:] + upright[:2]  # the same marks if the sheet lay upside down
    if _bar_value(image, geometry, turned) < _bar_value(image, geometry, upright):
        upright = turned
    dpi = 72 * math.dist(upright[0], upright[2]) / math.dist(geometry.marks[0], geometry.marks[2])
    if dpi < MIN_DPI:
        raise InputError(f"{path}: the sheet is only {dpi:.0f} dpi in the image; scan it at 150 dpi or more")
    return upright


def _fit(rings: Sequence[list[Point]], geometry: SheetGeometry) -> tuple[float, list[Point]]:
    """The ring of four points that best fits the sheet's marks, with its error as a fraction of
    the marks' diagonal (infinite when there is none)."""
    diagonal = math.dist(geometry.marks[0], geometry.marks[2])
    fits = [(_similarity_error(geometry.marks, ring) / diagonal, ring) for ring in rings]
    return min(fits, default=(math.inf, []))


def _squarish(blob: Blob) -> bool:
    """Whether a blob could be a registration square: solid, about square, of a plausible size."""
    return (
        blob.count >= 9
        and max(blob.w, blob.h) <= 1.6 * min(blob.w, blob.h)
        and blob.count >= 0.45 * blob.w * blob.h
        and math.sqrt(blob.count) <= 0.06 * WORK_SIDE
    )


def _rings(blobs: Sequence[Blob]) -> list[list[Point]]:
    """Every choice of four blobs in the four clockwise orders that start at different corners."""
    rings = []
    for four in itertools.combinations([(b.x, b.y) for b in blobs], 4):
        cx, cy = sum(x for x, _ in four) / 4, sum(y for _, y in four) / 4
        ring = sorted(four, key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
        rings += [ring[shift:] + ring[:shift] for shift in range(4)]
    return rings


def _blobs(binary: Image.Image) -> list[Blob]:
    """Connected white regions of a small binary image, except those cut by its edge."""
    width, height = binary.size
    todo = {i for i, value in enumerate(binary.tobytes()) if value}
    found = []
    while todo:
        stack = [todo.pop()]
        members = list(stack)
        while stack:
            i = stack.pop()
            x = i % width
            for j in (i - width, i + width, i - 1 if x else -1, i + 1 if x + 1 < width else -1):
                if j in todo:
                    todo.remove(j)
                    stack.append(j)
                    members.append(j)
        xs = [i % width for i in members]
        ys = [i // width for i in members]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs) + 1, max(ys) + 1
        if x0 > 0 and y0 > 0 and x1 < width and y1 < height:
            found.append(
                Blob(len(members), sum(xs) / len(xs) + 0.5, sum(ys) / len(ys) + 0.5, x1 - x0, y1 - y0)
            )
    return found


def _similarity_error(known: Sequence[Point], found: Sequence[Point]) -> float:
    """The RMS distance, in the known points' units, left after the best rotation, scale and shift
    takes the found points onto the known ones."""
    n = len(known)
    kx, ky = sum(p[0] for p in known) / n, sum(p[1] for p in known) / n
    fx, fy = sum(p[0] for p in found) / n, sum(p[1] for p in found) / n
    a = b = norm = 0.0
    for (x, y), (u, v) in zip(found, known, strict=True):
        x, y, u, v = x - fx, y - fy, u - kx, v - ky
        a += x * u + y * v
        b += x * v - y * u
        norm += x * x + y * y
    if norm == 0:
        return math.inf
    a, b = a / norm, b / norm
    total = 0.0
    for (x, y), (u, v) in zip(found, known, strict=True):
        x, y = x - fx, y - fy
        total += (a * x - b * y - (u - kx)) ** 2 + (b * x + a * y - (v - ky)) ** 2
    return math.sqrt(total / n)


def _homography(known: Sequence[Point], found: Sequence[Point]) -> list[float]:
    """The 8 coefficients h of the perspective map from the four known points onto the found ones:
    x = (h0 X + h1 Y + h2) / (h6 X + h7 Y + 1), y = (h3 X + h4 Y + h5) / (h6 X + h7 Y + 1)."""
    rows = []
    for (big_x, big_y), (x, y) in zip(known, found, strict=True):
        rows.append([big_x, big_y, 1.0, 0.0, 0.0, 0.0, -big_x * x, -big_y * x, x])
        rows.append([0.0, 0.0, 0.0, big_x, big_y, 1.0, -big_x * y, -big_y * y, y])
    for col in range(8):  # Gauss-Jordan elimination with partial pivoting
        pivot = max(range(col, 8), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(8):
            if r != col:
                ratio = rows[r][col] / rows[col][col]
                rows[r] = [a - ratio * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][8] / rows[i][i] for i in range(8)]


def _map(h: Sequence[float], x: float, y: float) -> Point:
    """A sheet point (points) to image pixels through the homography."""
    w = h[6] * x + h[7] * y + 1
    return (h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w


def _bar_value(image: Image.Image, geometry: SheetGeometry, marks: Sequence[Point]) -> float:
    """The mean grey along the check bar's middle if the marks lie in this order: dark when right."""
    h = _homography(geometry.marks, marks)
    x0, y0 = geometry.bar
    values = []
    for i in range(1, 20):
        x, y = _map(h, x0 + geometry.bar_length * i / 20, y0 + 1.5)
        px, py = min(max(round(x), 0), image.width - 1), min(max(round(y), 0), image.height - 1)
        values.append(image.getpixel((px, py)))
    return statistics.fmean(values)  # type: ignore[arg-type]


def _rectified_box(image: Image.Image, geometry: SheetGeometry, h: Sequence[float]) -> Image.Image:
    """The inside of the writing box, straightened, at RES pixels per point."""
    bx, by, bw, bh = geometry.box
    x0, y0 = bx + INSET, by + INSET
    size = (round((bw - 2 * INSET) * RES), round((bh - 2 * INSET) * RES))
    d = h[6] * x0 + h[7] * y0 + 1  # output pixel (u, v) is the sheet point (x0 + u / RES, y0 + v / RES)
    coefficients = (
        h[0] / RES / d,
        h[1] / RES / d,
        (h[0] * x0 + h[1] * y0 + h[2]) / d,
        h[3] / RES / d,
        h[4] / RES / d,
        (h[3] * x0 + h[4] * y0 + h[5]) / d,
        h[6] / RES / d,
        h[7] / RES / d,
    )
    return image.transform(size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR)


def _ink(box: Image.Image) -> Image.Image:
    """Ink weight 0..1 per pixel ("F"): paper and light printing (the blue guide) 0, dark ink 1;
    specks a few pixels across removed (a median filter)."""
    box = box.filter(ImageFilter.MedianFilter(3))
    paper = _percentile(box, 0.7)
    light, dark = 0.75 * paper, 0.45 * paper
    table = [min(1.0, max(0.0, (light - v) / (light - dark))) for v in range(256)]
    return box.point([round(255 * w) for w in table]).convert("F").point(lambda v: v / 255)


def _percentile(image: Image.Image, fraction: float) -> float:
    """The grey level below which `fraction` of an "L" image's pixels lie."""
    histogram = image.histogram()
    target, seen = fraction * sum(histogram), 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= target:
            return float(level)
    return 255.0


def _profile(ink: Image.Image, rows: bool) -> list[float]:
    """Mean ink per row (rows=True) or per column."""
    size = (1, ink.height) if rows else (ink.width, 1)
    return list(array("f", ink.resize(size, Image.Resampling.BOX).tobytes()))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _sharpness(ink: Image.Image, rows: bool) -> float:
    """How peaked the projection profile is: the sum of its squares."""
    return sum(v * v for v in _profile(ink, rows))


def _best(score: Callable[[float], float], low: float, high: float, coarse: float, fine: float) -> float:
    """The argument in [low, high] with the highest score: a coarse grid, then a fine one around its best."""
    grid = [low + i * coarse for i in range(round((high - low) / coarse) + 1)]
    centre = max(grid, key=score)
    steps = round(coarse / fine)
    return max((centre + i * fine for i in range(-steps, steps + 1)), key=score)


def _shear(ink: Image.Image, slope: float, baseline: float) -> Image.Image:
    """The ink with strokes leaning `slope` (run over rise, right positive) made upright about the
    baseline row; widened so nothing is cut off."""
    pad = math.ceil(abs(slope) * ink.height)
    data = (1.0, -slope, slope * baseline - pad, 0.0, 1.0, 0.0)
    return ink.transform(
        (ink.width + 2 * pad, ink.height), Image.Transform.AFFINE, data, Image.Resampling.BILINEAR
    )


def _x_band(profile: Sequence[float], path: Path) -> tuple[float, float]:
    """The x-height band in the row profile: the mean positions (fractional rows) of its top and
    bottom edges, which are those of the strokes' middles (add a stroke width for the outer edges).

    The band is the heaviest run of rows denser than half the profile's typical core level; each
    edge is the ramp from the foot (ascender or descender rows) up to the band's level, and its
    position the centroid of the profile's rise over it: the mean of the letters' tops (bottoms)."""
    peak = max(profile)
    cut = 0.5 * statistics.median(v for v in profile if v >= 0.35 * peak)
    runs: list[tuple[float, int, int]] = []
    start = None
    for i, value in enumerate([*profile, 0.0]):
        if value >= cut and start is None:
            start = i
        elif value < cut and start is not None:
            runs.append((sum(profile[start:i]), start, i))
            start = None
    runs.sort(reverse=True)
    if len(runs) > 1 and runs[1][0] > 0.4 * runs[0][0]:
        raise InputError(
            f"{path}: the box holds more than one line of writing; write the sentence once, on one line"
        )
    _, first, end = runs[0]
    return _ramp(profile, first, -1), _ramp(profile, end - 1, 1)


def _ramp(profile: Sequence[float], row: int, outward: int) -> float:
    """The centroid of the rise of the profile across the band edge at `row`, walking outwards
    (-1 up, 1 down) to where it stops falling and inwards to where it stops rising."""
    n = len(profile)
    foot = row
    while 0 <= foot + outward < n and profile[foot + outward] < profile[foot]:
        foot += outward
    top = row
    while 0 <= top - outward < n and profile[top - outward] > profile[top]:
        top -= outward
    lo, hi = min(foot, top), max(foot, top)
    weight = moment = 0.0
    for i in range(lo, hi):  # the rise between rows i and i + 1 sits on their shared edge, i + 1
        rise = abs(profile[i + 1] - profile[i])
        weight += rise
        moment += rise * (i + 1)
    return moment / weight if weight else float(row + (outward > 0))


def _stroke_width(ink: Image.Image) -> float:
    """The pen's mean stroke width in pixels: twice the inked area over its outline's length
    (the outline counted as ink/paper changes between neighbours, π/4 for the grid's bias)."""
    binary = ink.point(lambda v: 255 * v).convert("L").point(lambda v: 255 if v >= 128 else 0)
    width, height = binary.size
    area = binary.histogram()[255]
    across = ImageChops.difference(binary.crop((1, 0, width, height)), binary.crop((0, 0, width - 1, height)))
    down = ImageChops.difference(binary.crop((0, 1, width, height)), binary.crop((0, 0, width, height - 1)))
    outline = (across.histogram()[255] + down.histogram()[255]) * math.pi / 4
    return 2 * area / outline if outline else 0.0


def _extent(profile: Sequence[float], x_height: float) -> tuple[float, float]:
    """The left and right edges (columns) of the writing: the heaviest run of inked columns whose
    gaps are shorter than 1.5 x-heights (word spaces bridged, stray marks apart left out)."""
    inked = [i for i, v in enumerate(profile) if v > 0.01]
    groups: list[list[int]] = []
    for i in inked:
        if groups and i - groups[-1][-1] <= 1.5 * x_height:
            groups[-1].append(i)
        else:
            groups.append([i])
    group = max(groups, key=lambda g: sum(profile[i] for i in g))
    return float(group[0]), float(group[-1] + 1)


def profile_from_scan(
    name: str, scan: Path, paper: str = "letter", slant: float | None = None
) -> HandProfile:
    """A hand profile measured from a scan or photo of the filled calibration sheet (a hand within
    3° of upright gets no slant lines; `slant` overrides the measured one)."""
    measured = measure_scan(scan, paper)
    upright = abs(measured.slant - 90) < 3
    return HandProfile(name, measured.x_height, measured.width, slant or (0.0 if upright else measured.slant))
