"""The card on home sheets: exact sizes, marks outside the card, and a physical model of duplex
printing and folding that proves every panel reads upright (PRINT_RULES 8–10)."""

from pathlib import Path

import pytest

from cardgen import catalog
from cardgen.build import make_kit
from cardgen.fonts import metrics
from cardgen.scene import Affine, Line, Page, Rect, Text, apply, walk
from tests.conftest import note_with

FORMATS = list(catalog.card_formats())
PAPERS = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
PRINTER_MARGIN = 18.0


def kit(tmp_path: Path, fmt: str, paper: str = "letter", duplex: str = "long", mode: str = "print"):  # type: ignore[no-untyped-def]
    return make_kit(
        note_with(
            tmp_path, {"card.format": fmt, "print.paper": paper, "print.duplex": duplex, "card.message": mode}
        )
    )


def linear(t: Affine, dx: float, dy: float) -> tuple[float, float]:
    a, b, c, d, _, _ = t
    return a * dx + c * dy, b * dx + d * dy


def texts(page: Page) -> list[tuple[Text, tuple[float, float], tuple[float, float], tuple[str, ...]]]:
    """Every text run: the item, its start on the page, its 'up' direction on the page, its groups."""
    found = []
    for item, transform, labels in walk(page.items):
        if isinstance(item, Text):
            found.append((item, apply(transform, item.x, item.y), linear(transform, 0, -1), labels))
    return found


def behind(page: Page, duplex: str) -> tuple[float, float, float, float, float, float]:
    """PRINT_RULES 9, written out again here: the point behind (x, y) on the other side."""
    w, h = page.width, page.height
    portrait = h >= w
    mirror_x = (-1.0, 0.0, 0.0, 1.0, w, 0.0)
    mirror_y = (1.0, 0.0, 0.0, -1.0, 0.0, h)
    if duplex == "long":
        return mirror_x if portrait else mirror_y
    return mirror_y if portrait else mirror_x


def fold_x(page: Page) -> float:
    (x,) = {round(i.x1, 3) for i in page.items if isinstance(i, Line) and i.dash and i.x1 == i.x2}
    return x


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_sheets_are_exactly_the_paper(tmp_path: Path, fmt: str, paper: str) -> None:
    card = kit(tmp_path, fmt, paper).card
    for page in card.pages:
        assert sorted((page.width, page.height)) == pytest.approx(sorted(PAPERS[paper]), abs=0.01)
    assert card.print_scaling_none


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("fmt", [f for f in FORMATS if catalog.card_formats()[f].fold == "side"])
def test_every_panel_reads_upright_after_duplex_and_folding(
    tmp_path: Path, fmt: str, paper: str, duplex: str
) -> None:
    card = kit(tmp_path, fmt, paper, duplex).card
    outside, inside = card.pages
    assert card.duplex == duplex
    fold = fold_x(outside)
    # Outside, card closed and upright: the front panel is right of the fold, its text upright.
    (front,) = [t for t in texts(outside) if t[0].role == "front"]
    _, (fx, _), up, labels = front
    assert labels[-1] == "front" and fx > fold and up == pytest.approx((0, -1))
    # Inside: take each run to the outside view through the paper (duplex), then open the card:
    # the inside is seen turned over about the fold, a mirror about the line x = fold.
    flip = behind(inside, duplex)
    message = [t for t in texts(inside) if t[0].role == "message"]
    assert message, "print mode sets the message on the inside"
    for item, start, up, labels in message:
        ox, _ = apply(flip, *start)
        ux, uy = linear(flip, *up)
        ix, iux = 2 * fold - ox, -ux  # opened: mirrored about the fold
        assert (iux, uy) == pytest.approx((0, -1)), f"{labels[-1]} text is not upright when opened"
        assert (ix < fold) == (labels[-1] == "inside-left"), f"{item.text!r} is on the wrong panel"
    # Writing order: the text reads on from the left panel to the right one.
    order = [labels[-1] for _, _, _, labels in message]
    assert order == sorted(order, key=["inside-left", "inside-right"].index)


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_card_is_1_to_1_with_cut_marks_outside_and_all_ink_printable(
    tmp_path: Path, fmt: str, paper: str
) -> None:
    spec = catalog.card_formats()[fmt]
    outside = kit(tmp_path, fmt, paper).card.pages[0]
    flat_w, flat_h = spec.flat_size
    x0, y0 = (outside.width - flat_w) / 2, (outside.height - flat_h) / 2
    (bar,) = [i for i in outside.items if isinstance(i, Rect) and i.fill]
    cuts = [i for i in outside.items if isinstance(i, Line) and not i.dash and max(i.y1, i.y2) < bar.y - 3]
    vertical = [c for c in cuts if c.x1 == c.x2]
    assert {round(c.x1, 3) for c in vertical} == {round(x0, 3), round(x0 + flat_w, 3)}
    for c in cuts:
        inside_card = x0 < min(c.x1, c.x2) < x0 + flat_w and y0 < min(c.y1, c.y2) < y0 + flat_h
        assert not inside_card, "a cut mark lies on the card"
    for page in kit(tmp_path, fmt, paper).card.pages:
        for item, transform, _ in walk(page.items):
            points = _corners(item)
            for x, y in (apply(transform, px, py) for px, py in points):
                assert PRINTER_MARGIN - 0.01 <= x <= page.width - PRINTER_MARGIN + 0.01
                assert PRINTER_MARGIN - 0.01 <= y <= page.height - PRINTER_MARGIN + 0.01


def _corners(item: object) -> list[tuple[float, float]]:
    if isinstance(item, Line):
        return [(item.x1, item.y1), (item.x2, item.y2)]
    if isinstance(item, Rect):
        return [(item.x, item.y), (item.x + item.w, item.y + item.h)]
    assert isinstance(item, Text)
    return [(item.x, item.y - item.size)]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_check_bar_is_exactly_2_in_or_50_mm(tmp_path: Path, paper: str) -> None:
    outside = kit(tmp_path, "a2-folded", paper).card.pages[0]
    (bar,) = [i for i in outside.items if isinstance(i, Rect) and i.fill]
    assert bar.w == pytest.approx(144.0 if paper == "letter" else 50 * 72 / 25.4, abs=1e-6)


def test_print_mode_message_stays_in_the_writing_area(tmp_path: Path) -> None:
    card = kit(tmp_path, "a2-folded").card
    margin = 10 * 72 / 25.4
    for page in card.pages:
        for item, _, _ in walk(page.items):
            if isinstance(item, Text) and item.role == "message":  # in panel coordinates
                assert item.x >= margin and item.y <= 396 - margin + 0.01
                assert item.x + metrics(item.font).width(item.text, item.size) <= 306 - margin + 0.01


def test_handwrite_mode_leaves_the_panel_empty_or_ruled(tmp_path: Path) -> None:
    plain = make_kit(note_with(tmp_path, {"card.message": "handwrite"})).card.pages[1]
    assert not any(isinstance(i, (Text, Line)) for i, _, _ in walk(plain.items))
    ruled = make_kit(note_with(tmp_path, {"card.message": "handwrite", "card.ruled": True})).card.pages[1]
    rules = [i for i, _, labels in walk(ruled.items) if isinstance(i, Line)]
    assert len(rules) == 28  # 14 lines on each inside panel of the A2 card (the message needs both)
