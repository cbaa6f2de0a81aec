"""Measuring the handwriting sheet from synthetic scans: the sheet rendered, a pangram "written" into
its box with a real font at a known x-height, slant and width, then turned, scaled, toned, speckled,
blurred and saved as JPEG."""

from __future__ import annotations

import io
import math
import random
from functools import cache
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.fonts import bundled_fonts, metrics
from cardgen.layout.handcal import BOX_BASELINE, PANGRAM, calibration_sheet, pangram_ratio, sheet_geometry
from cardgen.layout.sheet import PRINTER_MARGIN
from cardgen.render.pdf import render_pdf
from cardgen.render.png import pdf_pages_to_png
from cardgen.scan import measure_scan
from cardgen.scene import Line, Rect, walk
from cardgen.units import MM

DPI = 200
PX = DPI / 72  # image pixels per point


@cache
def _sheet(paper: str) -> Image.Image:
    pdf = render_pdf(calibration_sheet(catalog.papers()[paper]))
    return Image.open(io.BytesIO(pdf_pages_to_png(pdf, DPI)[0])).convert("RGB")


def _writing(font: str, x_height: float, slant: float, width: float) -> tuple[Image.Image, int, int]:
    """The pangram as an ink mask with the font's x-height `x_height` mm, stretched by `width` and
    sheared to `slant` degrees; with its baseline row and the pen's start column."""
    size = x_height * DPI / 25.4 / metrics(font).x_height
    face = ImageFont.truetype(str(bundled_fonts()[font].path), size=size)
    left, top, right, bottom = face.getbbox(PANGRAM, anchor="ls")
    pad = round(size)
    mask = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
    baseline = pad - top
    ImageDraw.Draw(mask).text((pad - left, baseline), PANGRAM, fill=255, font=face, anchor="ls")
    mask = mask.resize((round(mask.width * width), mask.height), Image.Resampling.LANCZOS)
    k = 1 / math.tan(math.radians(slant))
    extra = math.ceil(abs(k) * mask.height)  # a point h above the baseline moves k * h to the right
    shear = (1, k, -k * baseline - extra, 0, 1, 0)
    mask = mask.transform((mask.width + 2 * extra, mask.height), Image.Transform.AFFINE, shear)
    return mask, baseline, pad + extra


def _scan(
    path: Path,
    paper: str = "letter",
    font: str = "caveat",
    x_height: float = 3.0,
    slant: float = 90.0,
    width: float = 1.0,
    angle: float = 2.0,
    scale: float = 0.8,
    photo: bool = False,
    write: bool = True,
    lines: int = 1,
) -> Path:
    rng = random.Random(f"{paper}{font}{x_height}{slant}{width}{angle}")
    page = _sheet(paper).copy()
    if write:
        mask, baseline, start = _writing(font, x_height, slant, width)
        bx, by, _, _ = sheet_geometry(catalog.papers()[paper]).box
        for line in range(lines):
            y = by + BOX_BASELINE - 3 * x_height * MM * line
            at = (round((bx + 5 * MM) * PX) - start, round(y * PX) - baseline)
            page.paste(Image.new("RGB", mask.size, (20, 25, 70)), at, mask)  # blue-black pen
    page = page.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    page = page.resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS)
    page = page.point(lambda v: v * 235 // 255)  # the paper's tone under a lamp
    if photo:  # on a dark table, seen slightly from one side
        table = Image.new("RGB", (page.width + 400, page.height + 400), (70, 60, 50))
        table.paste(page, (200, 200))
        tilt = (1.0, 0.02, 0, 0.01, 1.0, 0, 2e-5, 1e-5)
        page = table.transform(table.size, Image.Transform.PERSPECTIVE, tilt, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(page)
    for _ in range(400):
        x, y, r, grey = (
            rng.uniform(0, page.width),
            rng.uniform(0, page.height),
            rng.uniform(0.5, 1.5),
            rng.randint(60, 200),
        )
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(grey, grey, grey))
    page.filter(ImageFilter.GaussianBlur(0.7)).save(path, quality=85)
    return path


def _width_factor(font: str, stretch: float) -> float:
    """The true width factor of a font stretched by `stretch`, against the guide font."""
    return stretch * metrics(font).width(PANGRAM, 1) / metrics(font).x_height / pangram_ratio()


HANDS = [  # paper, font, x-height mm, stretch, page turn °, scale, photo
    ("letter", "caveat", 3.0, 1.0, 2.0, 0.8, False),
    ("letter", "caveat", 2.0, 1.2, -3.0, 0.8, False),
    ("a4", "caveat", 4.0, 1.0, 0.5, 1.0, False),
    ("letter", "patrick-hand", 2.5, 1.2, 1.5, 0.7, False),
    ("a4", "patrick-hand", 3.5, 1.0, 181.0, 0.8, False),  # scanned upside down
    ("letter", "caveat", 3.0, 1.1, -1.0, 0.9, True),
]


@pytest.mark.parametrize(("paper", "font", "x_height", "stretch", "angle", "scale", "photo"), HANDS)
def test_x_height_and_width(
    tmp_path: Path,
    paper: str,
    font: str,
    x_height: float,
    stretch: float,
    angle: float,
    scale: float,
    photo: bool,
) -> None:
    scan = _scan(tmp_path / "scan.jpg", paper, font, x_height, 90, stretch, angle, scale, photo)
    hand = measure_scan(scan, paper)
    assert hand.x_height / MM == pytest.approx(x_height, rel=0.05)
    assert hand.width == pytest.approx(_width_factor(font, stretch), rel=0.06)


# Slant is checked with Noto Sans: its stems are exactly upright, so the true slant is the shear.
# (Caveat leans by itself, about 72°, and Patrick Hand's curves lean back by 1-2°.)
@pytest.mark.parametrize(
    ("slant", "x_height", "stretch", "angle", "paper"),
    [
        (90, 3.0, 1.0, -2.0, "letter"),
        (75, 3.0, 1.2, 3.0, "letter"),
        (60, 2.5, 1.0, 1.0, "a4"),
        (55, 3.5, 1.0, -1.0, "letter"),
    ],
)
def test_slant(
    tmp_path: Path, slant: float, x_height: float, stretch: float, angle: float, paper: str
) -> None:
    scan = _scan(tmp_path / "scan.jpg", paper, "noto-sans", x_height, slant, stretch, angle, 0.8)
    hand = measure_scan(scan, paper)
    assert hand.slant == pytest.approx(slant, abs=1.0)
    assert hand.width == pytest.approx(_width_factor("noto-sans", stretch), rel=0.08)


def test_blank_image(tmp_path: Path) -> None:
    Image.new("L", (1700, 2200), 240).save(tmp_path / "blank.png")
    with pytest.raises(InputError, match=r"black corner squares .* not found"):
        measure_scan(tmp_path / "blank.png")


def test_sheet_without_marks(tmp_path: Path) -> None:
    page = _sheet("letter").copy()
    s = sheet_geometry(catalog.papers()["letter"]).mark_size
    for x, y in sheet_geometry(catalog.papers()["letter"]).marks:
        page.paste((255, 255, 255), tuple(round(v * PX) for v in (x - s, y - s, x + s, y + s)))
    page.save(tmp_path / "cut.png")
    with pytest.raises(InputError, match="all four squares in view"):
        measure_scan(tmp_path / "cut.png")


def test_empty_box(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no writing found in the box"):
        measure_scan(_scan(tmp_path / "empty.jpg", write=False))


def test_other_paper_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="they sit as on ISO A4: measure it as a4 paper$") as caught:
        measure_scan(_scan(tmp_path / "a4.jpg", paper="a4"), "letter")
    assert caught.value.allow == "paper a4"  # the CLI adds (--paper a4)


def test_writing_off_the_box(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="runs into the edge of the box"):
        measure_scan(_scan(tmp_path / "wide.jpg", x_height=4.0, width=1.4))


def test_two_lines(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="more than one line"):
        measure_scan(_scan(tmp_path / "two.jpg", x_height=2.5, lines=2))


def test_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("hello")
    with pytest.raises(InputError, match="not an image"):
        measure_scan(tmp_path / "notes.jpg")


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_sheet_ink_in_printable_area(paper: str) -> None:
    document = calibration_sheet(catalog.papers()[paper])
    page = document.pages[0]
    geometry = sheet_geometry(catalog.papers()[paper])
    assert geometry.box[2:] == pytest.approx((190 * MM, 35 * MM))
    for item, _, _ in walk(page.items):
        if isinstance(item, Rect):
            xs, ys = (item.x, item.x + item.w), (item.y, item.y + item.h)
        elif isinstance(item, Line):
            xs, ys = (item.x1, item.x2), (item.y1, item.y2)
        else:
            continue
        assert min(xs) >= PRINTER_MARGIN and max(xs) <= page.width - PRINTER_MARGIN
        assert min(ys) >= PRINTER_MARGIN and max(ys) <= page.height - PRINTER_MARGIN
