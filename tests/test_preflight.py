"""Preflight on deliberately broken PDFs drawn with reportlab: each check finds its fault and only that."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, RectangleObject
from reportlab.lib.pagesizes import A4, A5, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cardgen.errors import InputError
from cardgen.prepress import Finding, preflight

ROOT = Path(__file__).resolve().parent.parent
FONT = "PreflightNoto"
pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "fonts" / "NotoSans" / "NotoSans-Regular.ttf")))

Box = tuple[float, float, float, float]
MEDIA = (216.0, 288.0)  # a 2 × 3 in card with 0.5 in of paper around it
TRIM: Box = (36.0, 36.0, 180.0, 252.0)


def grow(box: Box, by: float) -> Box:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


BLEED = grow(TRIM, 9)
Draw = Callable[[Canvas], None]


def image(box: Box, ppi: float) -> Draw:
    """Draw a solid image filling `box` with enough pixels for `ppi` at that size."""
    w, h = box[2] - box[0], box[3] - box[1]
    pixels = Image.new("RGB", (round(w / 72 * ppi), round(h / 72 * ppi)), (200, 120, 40))
    return lambda c: c.drawImage(ImageReader(pixels), box[0], box[1], w, h)


def text(x: float, y: float, words: str = "Thank you", font: str = FONT) -> Draw:
    def draw(c: Canvas) -> None:
        c.setFont(font, 10)
        c.drawString(x, y, words)

    return draw


def shop_pdf(
    path: Path,
    *,
    trim: Box | None = TRIM,
    bleed: Box | None = BLEED,
    background: Box = BLEED,
    extra: Draw | None = None,
) -> Path:
    """A good print-shop card (boxes, 320 ppi background to the bleed, safe text) unless told otherwise."""
    c = Canvas(str(path), pagesize=MEDIA, initialFontName=FONT)
    if trim:
        c.setTrimBox(trim)
    if bleed:
        c.setBleedBox(bleed)
    for draw in (image(background, 320), text(72, 144), extra):
        if draw:
            draw(c)
    c.showPage()
    c.save()
    return path


def home_pdf(
    path: Path, *, size: tuple[float, float] = letter, scaling: bool = True, extra: Draw | None = None
) -> Path:
    """A good home sheet (Letter, text well inside the margin, PrintScaling None) unless told otherwise."""
    c = Canvas(str(path), pagesize=size, initialFontName=FONT)
    if scaling:
        c.setViewerPreference("PrintScaling", "None")
    for draw in (text(72, 300, "Dear Sam"), extra):
        if draw:
            draw(c)
    c.showPage()
    c.save()
    return path


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in findings]


def test_a_good_shop_card_passes(tmp_path: Path) -> None:
    assert preflight(shop_pdf(tmp_path / "good.pdf")) == []


def test_a_good_home_sheet_passes(tmp_path: Path) -> None:
    assert preflight(home_pdf(tmp_path / "good.pdf"), "home") == []
    assert preflight(home_pdf(tmp_path / "a4.pdf", size=(A4[1], A4[0])), "home") == []


def test_missing_trim_box_fails(tmp_path: Path) -> None:
    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", trim=None))
    assert (finding.page, finding.rule, finding.severity) == (1, "boxes", "fail")
    assert finding.message.startswith("no TrimBox: ")


def test_bleed_box_outside_the_media_box_fails(tmp_path: Path) -> None:
    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", bleed=grow(TRIM, 40)))
    assert rules([finding]) == [("boxes", "fail")]
    assert "BleedBox [-4 -4 220 292] pt is not inside the MediaBox [0 0 216 288] pt" in finding.message


def test_a_thin_bleed_warns_and_no_bleed_fails(tmp_path: Path) -> None:
    thin = grow(TRIM, 4.5)
    [finding] = preflight(shop_pdf(tmp_path / "thin.pdf", bleed=thin, background=thin))
    assert rules([finding]) == [("boxes", "warn")]
    assert "only 0.0625 in (1.6 mm) on the left side" in finding.message
    [finding] = preflight(shop_pdf(tmp_path / "none.pdf", bleed=TRIM, background=TRIM))
    assert rules([finding]) == [("boxes", "fail")]
    assert finding.message.startswith("no bleed: the BleedBox equals the TrimBox")


def test_an_unembedded_font_fails(tmp_path: Path) -> None:
    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", extra=text(72, 120, "Best", "Helvetica")))
    assert (finding.page, finding.rule, finding.severity) == (1, "fonts", "fail")
    assert finding.message.startswith('font "Helvetica" is not embedded: ')


def test_a_fault_on_several_pages_is_one_finding_listing_them(tmp_path: Path) -> None:
    c = Canvas(str(tmp_path / "x.pdf"), pagesize=MEDIA, initialFontName=FONT)
    c.setTrimBox(TRIM)  # kept for the following pages
    c.setBleedBox(BLEED)
    for page in range(5):
        image(BLEED, 320)(c)
        text(72, 144, "Hello", "Helvetica" if page != 3 else FONT)(c)
        c.showPage()
    c.save()
    [finding] = preflight(tmp_path / "x.pdf")
    assert (finding.page, finding.rule, finding.severity) == (None, "fonts", "fail")
    assert finding.message.endswith("(pages 1–3, 5)")


def test_fonts_inside_form_xobjects_are_checked(tmp_path: Path) -> None:
    def form(c: Canvas) -> None:
        c.beginForm("signature")
        text(72, 120, "Best", "Courier")(c)
        c.endForm()
        c.doForm("signature")

    assert rules(preflight(shop_pdf(tmp_path / "x.pdf", extra=form))) == [("fonts", "fail")]


def test_a_font_that_shows_no_text_is_not_reported(tmp_path: Path) -> None:
    """reportlab's default canvas selects unembedded Helvetica (`/F1 12 Tf`) but draws nothing with it."""
    c = Canvas(str(tmp_path / "x.pdf"), pagesize=letter)
    c.setViewerPreference("PrintScaling", "None")
    text(72, 300)(c)
    c.showPage()
    c.save()
    assert preflight(tmp_path / "x.pdf", "home") == []


@pytest.mark.parametrize(("ppi", "expected"), [(72, "fail"), (200, "warn"), (300, None)])
def test_image_resolution_for_a_shop(tmp_path: Path, ppi: int, expected: str | None) -> None:
    findings = preflight(shop_pdf(tmp_path / "x.pdf", extra=image((72, 160, 144, 232), ppi)))
    assert rules(findings) == ([("images", expected)] if expected else [])
    if ppi == 72:
        assert "is 72 ppi at its printed size; print shops want 300 ppi" in findings[0].message
        assert "use 300 × 300 px" in findings[0].message


@pytest.mark.parametrize(("ppi", "expected"), [(90, "fail"), (120, "warn"), (200, None)])
def test_image_resolution_at_home(tmp_path: Path, ppi: int, expected: str | None) -> None:
    findings = preflight(home_pdf(tmp_path / "x.pdf", extra=image((72, 400, 216, 544), ppi)), "home")
    assert rules(findings) == ([("images", expected)] if expected else [])


def test_text_in_the_bleed_fails(tmp_path: Path) -> None:
    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", extra=text(72, TRIM[1] - 7)))
    assert (finding.page, finding.rule, finding.severity) == (1, "safe-area", "fail")
    assert finding.message == (
        'text in the bleed: 8 characters outside the trim box (first: "Thank"); '
        "keep text at least 0.125 in (3.2 mm) inside the trim"
    )


def test_text_within_the_safe_margin_fails(tmp_path: Path) -> None:
    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", extra=text(72, TRIM[1] + 4, "Yours")))
    assert rules([finding]) == [("safe-area", "fail")]
    assert finding.message.startswith(
        "text within the safe margin: 5 characters between the trim edge and the safe line"
    )
    assert '(first: "Yours")' in finding.message


def test_a_frame_within_the_safe_margin_fails_and_a_background_to_the_bleed_does_not(tmp_path: Path) -> None:
    def frame(c: Canvas) -> None:
        c.rect(TRIM[0] + 4, TRIM[1] + 4, TRIM[2] - TRIM[0] - 8, TRIM[3] - TRIM[1] - 8, stroke=1, fill=0)

    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", extra=frame))
    assert rules([finding]) == [("safe-area", "fail")]
    assert finding.message.startswith("content within the safe margin: 1 shape (first: a rectangle of")

    def panel(c: Canvas) -> None:
        c.setFillColorRGB(0.9, 0.8, 0.6)
        c.rect(*BLEED[:2], BLEED[2] - BLEED[0], BLEED[3] - BLEED[1], stroke=0, fill=1)

    assert preflight(shop_pdf(tmp_path / "y.pdf", extra=panel)) == []


def test_text_outside_the_bleed_box_is_a_slug_and_fine(tmp_path: Path) -> None:
    assert preflight(shop_pdf(tmp_path / "x.pdf", extra=text(40, 8, "job 42"))) == []


def test_a_background_that_stops_at_the_trim_fails(tmp_path: Path) -> None:
    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", background=TRIM))
    assert rules([finding]) == [("bleed", "fail")]
    assert finding.message.startswith(
        "art touching the trim must run to the bleed edge: an image of 2 × 3 in"
    )
    assert "stops 0.125 in (3.2 mm) short of the bleed edge on the left side" in finding.message


def test_a_filled_rectangle_that_stops_at_the_trim_fails(tmp_path: Path) -> None:
    def band(c: Canvas) -> None:
        c.setFillColorRGB(0.1, 0.3, 0.6)
        c.rect(
            TRIM[0] + 20, TRIM[1] - 9, 40, TRIM[3] - TRIM[1] + 9, stroke=0, fill=1
        )  # from bottom bleed to top trim

    [finding] = preflight(shop_pdf(tmp_path / "x.pdf", extra=band))
    assert rules([finding]) == [("bleed", "fail")]
    assert "a rectangle of" in finding.message and "on the top side" in finding.message


def shifted(path: Path, dx: float, dy: float, rotate: int) -> Path:
    """The same file with content and boxes moved by (dx, dy) and the page turned by /Rotate."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        page.add_transformation(Transformation().translate(dx, dy))
        for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
            if name in page:
                x0, y0, x1, y1 = (float(v) for v in page[name])
                page[NameObject(name)] = RectangleObject((x0 + dx, y0 + dy, x1 + dx, y1 + dy))
        page.rotate(rotate)
    out = path.with_name(f"{path.stem}-{dx}-{dy}-{rotate}.pdf")
    writer.write(out)
    return out


@pytest.mark.parametrize(
    ("dx", "dy", "rotate"), [(0, 0, 0), (100, -50, 0), (0, 0, 90), (30, 40, 180), (-20, 10, 270)]
)
def test_offset_media_box_and_rotation_give_the_same_findings(
    tmp_path: Path, dx: int, dy: int, rotate: int
) -> None:
    trim = (20.0, 60.0, 164.0, 276.0)  # off the page's centre, so that a wrong turn or shift shows
    bleed = grow(trim, 9)
    cases = {
        "good": (shop_pdf(tmp_path / "good.pdf", trim=trim, bleed=bleed, background=bleed), []),
        "bleed-text": (
            shop_pdf(
                tmp_path / "t.pdf", trim=trim, bleed=bleed, background=bleed, extra=text(72, trim[1] - 7)
            ),
            [("safe-area", "fail")],
        ),
        "short-art": (
            shop_pdf(tmp_path / "a.pdf", trim=trim, bleed=bleed, background=trim),
            [("bleed", "fail")],
        ),
    }
    for name, (path, expected) in cases.items():
        findings = preflight(shifted(path, dx, dy, rotate))
        assert rules(findings) == expected, name
    [text_finding] = preflight(shifted(cases["bleed-text"][0], dx, dy, rotate))
    assert '8 characters outside the trim box (first: "Thank")' in text_finding.message
    [art_finding] = preflight(shifted(cases["short-art"][0], dx, dy, rotate))
    assert f"an image of 2 × 3 in at ({trim[0] + dx:g}, {trim[1] + dy:g}) pt" in art_finding.message


def test_an_a5_page_fails_at_home(tmp_path: Path) -> None:
    [finding] = preflight(home_pdf(tmp_path / "x.pdf", size=A5), "home")
    assert rules([finding]) == [("page-size", "fail")]
    assert finding.message.startswith("the page is 419.528 × 595.276 pt (5.83 × 8.27 in, 148 × 210 mm)")


def test_text_near_the_page_edge_fails_at_home(tmp_path: Path) -> None:
    [finding] = preflight(home_pdf(tmp_path / "x.pdf", extra=text(7.2, 400, "PS")), "home")
    assert rules([finding]) == [("margin", "fail")]
    assert finding.message == (
        '2 marks within the printer margin (first: text "PS", 0.1 in (2.5 mm) from the left edge); printers cannot print there: keep everything at least 0.25 in (6.4 mm) inside the page'
    )


def test_a_white_page_background_is_not_ink(tmp_path: Path) -> None:
    def paper(c: Canvas) -> None:
        c.setFillColorRGB(1, 1, 1)
        c.rect(0, 0, *letter, stroke=0, fill=1)

    assert preflight(home_pdf(tmp_path / "x.pdf", extra=paper), "home") == []


def test_missing_print_scaling_warns_at_home(tmp_path: Path) -> None:
    [finding] = preflight(home_pdf(tmp_path / "x.pdf", scaling=False), "home")
    assert (finding.page, finding.rule, finding.severity) == (None, "scaling", "warn")
    assert "/PrintScaling /None" in finding.message


def test_findings_print_as_one_line(tmp_path: Path) -> None:
    [finding] = preflight(home_pdf(tmp_path / "x.pdf", scaling=False), "home")
    assert str(finding).startswith("warn: the PDF does not ask viewers to print at 100 %")
    [finding] = preflight(shop_pdf(tmp_path / "y.pdf", extra=text(72, 120, "Best", "Helvetica")))
    assert str(finding).startswith('fail: page 1: font "Helvetica" is not embedded')
    assert "\n" not in str(finding)


def test_a_file_that_is_not_a_pdf_is_an_input_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Thank you for the interview\n")
    with pytest.raises(InputError) as error:
        preflight(notes)
    assert str(error.value) == f"{notes}: not a PDF file (it does not start with %PDF-)"


def test_a_damaged_pdf_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match=r"broken\.pdf: not a PDF file \(damaged: "):
        preflight(broken)


def test_a_missing_file_and_an_unknown_target_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.pdf: no such file"):
        preflight(tmp_path / "nothing.pdf")
    with pytest.raises(InputError, match=r"unknown preflight target \"hom\"; .*did you mean 'home'"):
        preflight(shop_pdf(tmp_path / "good.pdf"), "hom")
