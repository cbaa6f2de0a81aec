"""Print-shop files: page boxes exact and nested, art to the bleed, nothing else within the safe
margin of a trim edge or fold, crop marks outside the bleed in the registration colour, CMYK,
n-up press sheets with mirrored backs, and our own preflight passing them (PRINT_RULES 1–7)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PIL import Image as PILImage

from cardgen import catalog
from cardgen.kit import make_kit
from cardgen.layout.panels import fold_lines
from cardgen.prepress import preflight
from cardgen.render.pdf import render_pdf
from cardgen.scene import (
    REGISTRATION,
    Affine,
    Group,
    Image,
    Line,
    Page,
    Polyline,
    Rect,
    Text,
    apply,
    compose,
    walk,
)
from tests.conftest import note_with

BLEED = 9.0
SAFE = 9.0
FORMATS = list(catalog.card_formats())


def photo(folder: Path, pixels: tuple[int, int] = (2400, 3000)) -> str:
    image = PILImage.new("RGB", pixels, (70, 110, 160))
    image.paste((230, 190, 80), (pixels[0] // 4, pixels[1] // 4, pixels[0] // 2, pixels[1] // 2))
    image.save(folder / "photo.jpg", quality=90)
    return "photo.jpg"


def shop_kit(tmp_path: Path, fmt: str, **more: object):  # type: ignore[no-untyped-def]
    changes = {"card.format": fmt, "print.target": "shop", "card.message": "print", **more}
    return make_kit(note_with(tmp_path, changes))


def boxes(data: bytes) -> list[dict[str, tuple[float, ...]]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [
        {
            name: tuple(float(v) for v in page[f"/{name}"])
            for name in ("MediaBox", "TrimBox", "BleedBox")
            if f"/{name}" in page
        }
        for page in reader.pages
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_side_is_a_page_with_exact_nested_boxes(tmp_path: Path, fmt: str) -> None:
    spec = catalog.card_formats()[fmt]
    document = shop_kit(tmp_path, fmt).card
    flat_w, flat_h = spec.flat_size
    pages = boxes(render_pdf(document))
    assert len(pages) == (1 if spec.fold == "quarter" else 2)
    for page in pages:
        x1, y1, x2, y2 = page["TrimBox"]
        assert (x2 - x1, y2 - y1) == pytest.approx((flat_w, flat_h), abs=0.01)
        assert page["BleedBox"] == pytest.approx((x1 - BLEED, y1 - BLEED, x2 + BLEED, y2 + BLEED), abs=0.01)
        mx1, my1, mx2, my2 = page["MediaBox"]
        bx1, by1, bx2, by2 = page["BleedBox"]
        assert mx1 <= bx1 and my1 <= by1 and bx2 <= mx2 and by2 <= my2


def _fold_positions(page: Page, spec: catalog.CardFormat) -> list[tuple[str, float]]:
    (place,) = [t for item, t in _groups(page.items) if item.label == "card"]
    found = []
    for x1, y1, x2, y2 in fold_lines(spec):
        (px1, py1), (px2, _) = apply(place, x1, y1), apply(place, x2, y2)
        found.append(("x", px1) if abs(px1 - px2) < 1e-6 else ("y", py1))
    return found


def _groups(items, transform: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)):  # type: ignore[no-untyped-def]
    for item in items:
        if isinstance(item, Group):
            inner = compose(transform, item.transform)
            yield item, inner
            yield from _groups(item.items, inner)


def _extent(item: object, transform: Affine) -> tuple[float, float, float, float]:
    from cardgen.fonts import metrics

    if isinstance(item, Line):
        points = [(item.x1, item.y1), (item.x2, item.y2)]
    elif isinstance(item, (Rect, Image)):
        points = [(item.x, item.y), (item.x + item.w, item.y + item.h)]
    elif isinstance(item, Text):
        face = metrics(item.font)
        right = item.x + face.width(item.text, item.size) * item.hscale
        points = [(item.x, item.y - face.ascent * item.size), (right, item.y + face.descent * item.size)]
    else:
        assert isinstance(item, Polyline)
        points = list(item.points)
    mapped = [apply(transform, x, y) for x, y in points]
    xs, ys = [p[0] for p in mapped], [p[1] for p in mapped]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("front", ["thank-you", "monogram", "border", "photo"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_only_background_art_comes_within_the_safe_margin_and_art_reaches_the_bleed(
    tmp_path: Path, fmt: str, front: str
) -> None:
    spec = catalog.card_formats()[fmt]
    image = {"card.image": photo(tmp_path)} if front == "photo" else {}
    document = shop_kit(tmp_path, fmt, **{"card.front": front, **image}).card
    for page in document.pages:
        assert page.trim is not None and page.bleed is not None
        tx, ty, tw, th = page.trim
        folds = _fold_positions(page, spec)
        for item, transform, labels in walk(page.items):
            if "card" not in labels:
                continue  # printer's marks, outside the bleed (checked below)
            left, top, right, bottom = _extent(item, transform)
            if isinstance(item, Image):
                touches = [left <= tx + 0.5, top <= ty + 0.5, right >= tx + tw - 0.5, bottom >= ty + th - 0.5]
                reaches = [
                    left <= tx - BLEED + 0.01,
                    top <= ty - BLEED + 0.01,
                    right >= tx + tw + BLEED - 0.01,
                    bottom >= ty + th + BLEED - 0.01,
                ]
                assert all(r for t, r in zip(touches, reaches, strict=True) if t), (
                    "art stops between trim and bleed"
                )
                continue
            assert left >= tx + SAFE - 0.01 and right <= tx + tw - SAFE + 0.01, (
                f"{item!r} within the safe margin"
            )
            assert top >= ty + SAFE - 0.01 and bottom <= ty + th - SAFE + 0.01, (
                f"{item!r} within the safe margin"
            )
            for axis, at in folds:
                low, high = (left, right) if axis == "x" else (top, bottom)
                assert high <= at - SAFE + 0.01 or low >= at + SAFE - 0.01, (
                    f"{item!r} within the safe margin of a fold"
                )


def test_a_photo_front_runs_to_the_bleed_on_trim_edges_and_stops_at_the_fold(tmp_path: Path) -> None:
    document = shop_kit(tmp_path, "a2-folded", **{"card.front": "photo", "card.image": photo(tmp_path)}).card
    outside = document.pages[0]
    tx, ty, tw, th = outside.trim  # type: ignore[misc]
    ((image, transform),) = [(i, t) for i, t, _ in walk(outside.items) if isinstance(i, Image)]
    left, top, right, bottom = _extent(image, transform)
    assert left == pytest.approx(tx + tw / 2)  # the fold between back and front
    assert (top, right, bottom) == pytest.approx((ty - BLEED, tx + tw + BLEED, ty + th + BLEED))


@pytest.mark.parametrize("fmt", FORMATS)
def test_crop_marks_lie_outside_the_bleed_in_registration_colour(tmp_path: Path, fmt: str) -> None:
    for page in shop_kit(tmp_path, fmt).card.pages:
        bx, by, bw, bh = page.bleed  # type: ignore[misc]
        marks = [i for i in page.items if isinstance(i, Line)]
        assert len(marks) >= 8
        for mark in marks:
            assert mark.color == REGISTRATION and mark.width == 0.25
            inside_x = bx < (mark.x1 + mark.x2) / 2 < bx + bw
            inside_y = by < (mark.y1 + mark.y2) / 2 < by + bh
            assert (
                not (inside_x and inside_y)
                and max(mark.x1, mark.x2) <= page.width
                and max(mark.y1, mark.y2) <= page.height
            )
            assert not (bx < mark.x1 < bx + bw and by < mark.y1 < by + bh), (
                "a crop mark starts inside the bleed"
            )


def test_crop_marks_can_be_left_out(tmp_path: Path) -> None:
    page = shop_kit(tmp_path, "a2-folded", **{"print.crop_marks": False}).card.pages[0]
    assert not [i for i in page.items if isinstance(i, Line)]
    assert (page.width, page.height) == pytest.approx((612 + 2 * BLEED, 396 + 2 * BLEED))


def test_bleed_and_safe_margin_are_settings(tmp_path: Path) -> None:
    page = shop_kit(tmp_path, "a2-flat", **{"print.bleed": "3mm"}).card.pages[0]
    tx, ty, tw, th = page.trim  # type: ignore[misc]
    assert page.bleed == pytest.approx(
        (tx - 3 * 72 / 25.4, ty - 3 * 72 / 25.4, tw + 6 * 72 / 25.4, th + 6 * 72 / 25.4)
    )
    from cardgen.errors import InputError

    with pytest.raises(InputError, match=r"print\.safe: 0.5in is out of range"):
        shop_kit(tmp_path, "a2-flat", **{"print.safe": "0.5in"})


@pytest.mark.parametrize("front", ["thank-you", "monogram", "border", "photo"])
def test_the_widest_safe_margin_is_kept_by_every_design(tmp_path: Path, front: str) -> None:
    image = {"card.image": photo(tmp_path), "card.caption": "With thanks"} if front == "photo" else {}
    changes = {"card.front": front, "print.safe": "0.3in", **image}
    path = tmp_path / "card.pdf"
    path.write_bytes(render_pdf(shop_kit(tmp_path, "a2-folded", **changes).card))
    assert [f for f in preflight(path, "shop", safe=0.3 * 72) if f.severity == "fail"] == []


def test_cmyk_output_writes_black_text_as_100_percent_k(tmp_path: Path) -> None:
    kit = shop_kit(tmp_path, "a2-flat", **{"print.colors": "cmyk", "card.front": "border"})
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(kit.card)))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    assert b" rg" not in content and b" RG" not in content
    assert b" k" in content and b"/All CS" in content  # fills in CMYK; marks in the registration colour


@pytest.mark.parametrize("sheet", ["12x18", "sra3"])
def test_press_sheets_hold_cards_with_gutters_of_twice_the_bleed_and_backs_behind_fronts(
    tmp_path: Path, sheet: str
) -> None:
    kit = shop_kit(tmp_path, "a2-flat", **{"print.sheet": sheet})
    outside, inside = kit.card.pages
    size = {"12x18": (864.0, 1296.0), "sra3": (320 * 72 / 25.4, 450 * 72 / 25.4)}[sheet]
    assert sorted((outside.width, outside.height)) == pytest.approx(sorted(size))
    places = [t for item, t in _groups(outside.items) if item.label == "card"]
    assert len(places) >= 6
    rects = [(*apply(t, 0, 0), *apply(t, 306, 396)) for t in places]
    rects = [(min(a, c), min(b, d), max(a, c), max(b, d)) for a, b, c, d in rects]
    for i, first in enumerate(rects):
        for second in rects[i + 1 :]:
            gap_x = max(second[0] - first[2], first[0] - second[2])
            gap_y = max(second[1] - first[3], first[1] - second[3])
            assert max(gap_x, gap_y) >= 2 * BLEED - 0.01, "neighbours' bleeds overlap"
    mirror = (-1.0, 0.0, 0.0, 1.0, inside.width, 0.0)  # the sheet turned over left to right
    backs = [t for item, t in _groups(inside.items) if item.label == "card"]
    for rect, back in zip(rects, backs, strict=True):
        x, y = apply(compose(mirror, back), 306 / 2, 396 / 2)  # the centre of the back, seen from the front
        assert rect[0] < x < rect[2] and rect[1] < y < rect[3], "a back is not behind its own front"


def test_a_run_shares_press_sheets_between_recipients(tmp_path: Path) -> None:
    from cardgen.layout.card import card_document

    kits = [
        shop_kit(tmp_path / str(i), "a2-flat", **{"print.sheet": "12x18"})
        for i in range(3)
        if (tmp_path / str(i)).mkdir() is None
    ]
    document = card_document(kits[0].note, [k.faces for k in kits])
    assert len(document.pages) == 2  # one sheet, both sides


@pytest.mark.parametrize("fmt", FORMATS)
def test_our_shop_files_pass_our_preflight(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "card.pdf"
    path.write_bytes(render_pdf(shop_kit(tmp_path, fmt).card))
    assert [f for f in preflight(path, "shop") if f.severity == "fail"] == []


def test_a_photo_below_300_ppi_warns_for_a_shop_and_below_100_is_refused(tmp_path: Path) -> None:
    low = {"card.front": "photo", "card.image": photo(tmp_path, (1000, 1250))}  # about 230 ppi
    assert any("ppi" in w and "300" in w for w in shop_kit(tmp_path, "a2-folded", **low).warnings)
    from cardgen.errors import InputError

    tiny = {"card.front": "photo", "card.image": photo(tmp_path, (300, 380))}
    with pytest.raises(InputError, match=r"card\.image: .*ppi"):
        shop_kit(tmp_path, "a2-folded", **tiny)


@pytest.mark.parametrize("fmt", FORMATS)
def test_shop_sides_read_upright_when_the_sheet_is_turned_over_left_to_right(
    tmp_path: Path, fmt: str
) -> None:
    from tests.test_card_layout import physical_check

    spec = catalog.card_formats()[fmt]
    document = shop_kit(tmp_path, fmt).card
    page = document.pages[0]
    turn = "long" if page.height >= page.width else "short"  # PRINT_RULES 9: both mean x -> W - x here
    physical_check(document, spec, turn)
