"""The card on home sheets: exact sizes, marks outside the cards, the most cards a sheet holds, and a
physical model of duplex printing, cutting and folding that proves every panel reads upright and
every back lands behind its own front (PRINT_RULES 8–10)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.kit import make_kit
from cardgen.scene import Affine, Group, Line, Page, Rect, Text, apply, compose, walk
from tests.conftest import note_with

FORMATS = list(catalog.card_formats())
PAPERS = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
PRINTER_MARGIN = 18.0
MM = 72 / 25.4
SHORT = "Dear Ms. Rivera,\n\nThank you for your time today.\n\nAlex"


def kit(
    tmp_path: Path, fmt: str, paper: str = "letter", duplex: str = "long", mode: str = "print", **more: object
):  # type: ignore[no-untyped-def]
    changes = {"card.format": fmt, "print.paper": paper, "print.duplex": duplex, "card.message": mode}
    return make_kit(note_with(tmp_path, {**changes, **more}))


def usable(fmt: str, paper: str) -> bool:
    """A quarter-fold card is one side of its own sheet: Letter for A2, A4 for ISO A6."""
    spec = catalog.card_formats()[fmt]
    flat, sheet = sorted(spec.flat_size), sorted(PAPERS[paper])
    if spec.fold == "quarter":
        return flat == pytest.approx(sheet, abs=1)
    return flat[0] <= sheet[0] + 1 and flat[1] <= sheet[1] + 1


CASES = [(f, p) for f in FORMATS for p in PAPERS if usable(f, p)]


def invert(t: Affine) -> Affine:
    a, b, c, d, e, f = t
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(ia * e + ic * f), -(ib * e + id_ * f))


def linear(t: Affine, dx: float, dy: float) -> tuple[float, float]:
    a, b, c, d, _, _ = t
    return a * dx + c * dy, b * dx + d * dy


def behind(page: Page, duplex: str) -> Affine:
    """PRINT_RULES 9, written out again here: the point behind (x, y) on the other side."""
    w, h = page.width, page.height
    portrait = h >= w
    mirror_x = (-1.0, 0.0, 0.0, 1.0, w, 0.0)
    mirror_y = (1.0, 0.0, 0.0, -1.0, 0.0, h)
    if duplex in ("long", "manual"):  # manual: the stack is turned over on its long edge
        return mirror_x if portrait else mirror_y
    return mirror_y if portrait else mirror_x


class Mark(NamedTuple):
    """A text run on the physical card: where it starts (a little into its glyphs), which way its
    top and its reading direction point, and which face of the sheet it is on (+1: towards us)."""

    text: Text
    x: float
    y: float
    up: tuple[float, float]
    right: tuple[float, float]
    facing: int
    panel: str


def card_places(page: Page) -> list[Affine]:
    """Each card's flat-sheet coordinates -> page, in card order (the outside page's card groups)."""
    return [t for item, t, labels in _groups(page.items) if item.label == "card"]


def _groups(items, transform=(1.0, 0.0, 0.0, 1.0, 0.0, 0.0), labels=()):  # type: ignore[no-untyped-def]
    for item in items:
        if isinstance(item, Group):
            inner = compose(transform, item.transform)
            yield item, inner, labels
            yield from _groups(item.items, inner, (*labels, item.label))


PANELS = ("front", "back", "inside-left", "inside-right", "inside-top", "inside-bottom")


def marks_on_cards(
    pages: tuple[Page, ...], duplex: str, flat: tuple[float, float], card_w: float, card_h: float
) -> list[list[Mark]]:
    """Every front and message run, per card, in that card's own coordinates (the cut card held
    with its outside towards us): inside runs are taken through the paper first."""
    outside = pages[0]
    frames = [invert(place) for place in card_places(outside)]
    cards: list[list[Mark]] = [[] for _ in frames]
    for index, page in enumerate(pages):
        flip = behind(page, duplex) if index % 2 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        facing = -1 if index % 2 else 1
        runs = [
            (i, t, labels)
            for i, t, labels in walk(page.items)
            if isinstance(i, Text) and i.role in ("front", "message")
        ]
        centres = [  # every panel, printed on or not, by a point at its centre
            (Text(card_w / 2, card_h / 2, "", "", 0, role="panel"), t, (*labels, g.label))
            for g, t, labels in _groups(page.items)
            if g.label in PANELS
        ]
        for item, transform, labels in runs + centres:
            on_sheet = compose(flip, transform)
            up, right = linear(on_sheet, 0, -1), linear(on_sheet, 1, 0)
            x, y = apply(on_sheet, item.x + 2, item.y - 2)
            owner = [i for i, f in enumerate(frames) if _inside(apply(f, x, y), flat)]
            assert len(owner) == 1, f"{item.text!r} is on {len(owner)} cards"
            frame = frames[owner[0]]
            u, v = apply(frame, x, y)
            cards[owner[0]].append(
                Mark(item, u, v, linear(frame, *up), linear(frame, *right), facing, labels[-1])
            )
    return cards


def _inside(point: tuple[float, float], flat: tuple[float, float]) -> bool:
    return -0.01 <= point[0] <= flat[0] + 0.01 and -0.01 <= point[1] <= flat[1] + 0.01


def fold(marks: list[Mark], axis: str, at: float) -> list[Mark]:
    """Fold the part of the sheet before the line (left of u = at, or above v = at) behind the rest."""
    folded = []
    for m in marks:
        if axis == "u" and m.x < at:
            m = m._replace(
                x=2 * at - m.x, up=(-m.up[0], m.up[1]), right=(-m.right[0], m.right[1]), facing=-m.facing
            )
        elif axis == "v" and m.y < at:
            m = m._replace(
                y=2 * at - m.y, up=(m.up[0], -m.up[1]), right=(m.right[0], -m.right[1]), facing=-m.facing
            )
        folded.append(m)
    return folded


def turn_over(marks: list[Mark], axis: str, at: float) -> list[Mark]:
    """Turn the whole thing over about the line u = at (side to side) or v = at (top to bottom)."""
    if axis == "u":
        return [
            m._replace(
                x=2 * at - m.x, up=(-m.up[0], m.up[1]), right=(-m.right[0], m.right[1]), facing=-m.facing
            )
            for m in marks
        ]
    return [
        m._replace(y=2 * at - m.y, up=(m.up[0], -m.up[1]), right=(m.right[0], -m.right[1]), facing=-m.facing)
        for m in marks
    ]


def assert_readable(marks: list[Mark], what: str) -> None:
    for m in marks:
        assert m.facing == 1, f"{what}: {m.text.text!r} faces away"
        assert m.up == pytest.approx((0, -1)) and m.right == pytest.approx((1, 0)), (
            f"{what}: {m.text.text!r} is not upright"
        )


def closed_and_open(
    fold_kind: str, w: float, h: float, marks: list[Mark]
) -> tuple[list[Mark], list[Mark], list[Mark]]:
    """PRINT_RULES 10 as paper handling: the card closed (its front towards us), turned over (its
    back towards us) and opened (its inside towards us)."""
    if fold_kind == "side":
        closed = fold(marks, "u", w)
        return closed, turn_over(closed, "u", 1.5 * w), turn_over(marks, "u", w)
    if fold_kind == "top":
        closed = fold(marks, "v", h)
        return closed, turn_over(closed, "u", w / 2), turn_over(marks, "v", h)
    if fold_kind == "quarter":
        half = fold(marks, "v", h)
        closed = fold(half, "u", w)
        return closed, turn_over(closed, "u", 1.5 * w), turn_over(half, "u", w)
    return marks, turn_over(marks, "u", w / 2), turn_over(marks, "u", w / 2)


def physical_check(document, spec: catalog.CardFormat, duplex: str) -> list[list[Mark]]:  # type: ignore[no-untyped-def]
    sheets = tuple(p for p in document.pages if p.label not in ("print check", "print check back"))
    cards = marks_on_cards(sheets[:2], duplex, spec.flat_size, spec.width, spec.height)
    w, h = spec.width, spec.height
    for marks in cards:
        closed, back, opened = closed_and_open(spec.fold, w, h, marks)
        front = [m for m in closed if m.panel == "front"]
        assert any(m.text.role == "front" for m in front), "the front design is missing"
        assert_readable(front, "closed card")
        x0 = w if spec.fold in ("side", "quarter") else 0
        y0 = h if spec.fold in ("top", "quarter") else 0
        assert all(x0 <= m.x <= x0 + w and y0 <= m.y <= y0 + h for m in front), "the front is not on top"
        assert_readable([m for m in back if m.panel == "back"], "card turned over")
        inside = [m for m in opened if m.panel.startswith("inside")]
        written = [m for m in (opened if spec.fold != "none" else back) if m.text.role == "message"]
        assert written, "print mode sets the message"
        assert_readable(inside + written, "opened card")
        for m in inside:
            if m.panel in ("inside-left", "inside-right"):
                assert (m.x < w) == (m.panel == "inside-left"), f"{m.text.text!r} is on the wrong panel"
            if m.panel in ("inside-top", "inside-bottom"):
                assert (m.y < h) == (m.panel == "inside-top"), f"{m.text.text!r} is on the wrong panel"
    return cards


FOLDED = [(f, p) for f, p in CASES if catalog.card_formats()[f].fold != "none"]


@pytest.mark.parametrize("duplex", ["long", "short", "manual"])
@pytest.mark.parametrize(("fmt", "paper"), CASES)
def test_every_panel_reads_upright_after_printing_cutting_and_folding(
    tmp_path: Path, fmt: str, paper: str, duplex: str
) -> None:
    spec = catalog.card_formats()[fmt]
    document = kit(tmp_path, fmt, paper, duplex).card
    physical_check(document, spec, duplex)
    expected = None if duplex == "manual" or spec.fold == "quarter" else duplex
    assert document.duplex == expected


@pytest.mark.parametrize(("fmt", "paper"), FOLDED)
def test_a_short_message_is_on_the_panel_the_card_opens_to(tmp_path: Path, fmt: str, paper: str) -> None:
    spec = catalog.card_formats()[fmt]
    document = kit(tmp_path, fmt, paper, **{"message.text": SHORT, "template": None}).card
    for marks in physical_check(document, spec, "long"):
        panels = {m.panel for m in marks if m.text.role == "message"}
        assert panels == {"inside-bottom" if spec.fold == "top" else "inside-right"}


@pytest.mark.parametrize(("fmt", "paper"), CASES)
def test_sheets_are_exactly_the_paper_and_all_ink_printable(tmp_path: Path, fmt: str, paper: str) -> None:
    card = kit(tmp_path, fmt, paper).card
    assert card.print_scaling_none
    for page in card.pages:
        assert sorted((page.width, page.height)) == pytest.approx(sorted(PAPERS[paper]), abs=0.01)
        for item, transform, _ in walk(page.items):
            for x, y in (apply(transform, px, py) for px, py in _corners(item)):
                assert PRINTER_MARGIN - 0.01 <= x <= page.width - PRINTER_MARGIN + 0.01
                assert PRINTER_MARGIN - 0.01 <= y <= page.height - PRINTER_MARGIN + 0.01


def test_a_card_larger_than_the_paper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r"print.paper: the A9 folded card is 11 × 8.5 in flat, larger than ISO A4"
    ):
        _ = kit(tmp_path, "a9-folded", "a4").card


def test_a_quarter_fold_card_on_the_wrong_paper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r'print\.paper: the A2 quarter-fold card is one side of .*set paper = "letter"'
    ):
        _ = kit(tmp_path, "a2-quarterfold", "a4").card


@pytest.mark.parametrize(
    ("fmt", "paper"), [c for c in CASES if catalog.card_formats()[c[0]].fold != "quarter"]
)
def test_cut_marks_lie_outside_every_card_on_every_cut_line(tmp_path: Path, fmt: str, paper: str) -> None:
    spec = catalog.card_formats()[fmt]
    outside = kit(tmp_path, fmt, paper).card.pages[0]
    rects = []
    for place in card_places(outside):
        (x1, y1), (x2, y2) = apply(place, 0, 0), apply(place, *spec.flat_size)
        rects.append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    (bar,) = [i for i in outside.items if isinstance(i, Rect) and i.fill]
    cuts = [i for i in outside.items if isinstance(i, Line) and not i.dash and max(i.y1, i.y2) < bar.y - 3]
    cut_x = {round(c.x1, 2) for c in cuts if c.x1 == c.x2}
    cut_y = {round(c.y1, 2) for c in cuts if c.y1 == c.y2}
    edge = 3 * 72 / 25.4  # a card edge this close to the paper's edge is the paper's edge: no cut
    assert cut_x >= {round(v, 2) for r in rects for v in (r[0], r[2]) if edge < v < outside.width - edge}
    assert cut_y >= {round(v, 2) for r in rects for v in (r[1], r[3]) if edge < v < outside.height - edge}
    for c in cuts:
        for left, top, right, bottom in rects:
            assert not (left < (c.x1 + c.x2) / 2 < right and top < (c.y1 + c.y2) / 2 < bottom), (
                "a mark on a card"
            )


def test_fold_marks_lie_on_each_cards_fold(tmp_path: Path) -> None:
    outside = kit(tmp_path, "a2-folded").card.pages[0]
    (place,) = card_places(outside)
    fold_x, _ = apply(place, 306, 0)
    dashed = [i for i in outside.items if isinstance(i, Line) and i.dash]
    assert dashed and all(d.x1 == d.x2 == pytest.approx(fold_x) for d in dashed)


def _corners(item: object) -> list[tuple[float, float]]:
    if isinstance(item, Line):
        return [(item.x1, item.y1), (item.x2, item.y2)]
    if isinstance(item, Rect):
        return [(item.x, item.y), (item.x + item.w, item.y + item.h)]
    if isinstance(item, Text):
        return [
            (item.x, item.y - item.size),
            (item.x + metrics(item.font).width(item.text, item.size), item.y),
        ]
    points = getattr(item, "points", ())
    return list(points)


@pytest.mark.parametrize(
    ("fmt", "paper", "count"),
    [
        ("a2-flat", "letter", 2),
        ("iso-a6-flat", "a4", 2),
        ("a1-flat", "letter", 4),
        ("a1-flat", "a4", 4),
        ("postcard-flat", "letter", 2),
        ("a2-folded", "letter", 1),
        ("a7-flat", "letter", 2),
        ("a7-flat", "a4", 2),
        ("a7-folded", "a4", 1),
        ("slim-flat", "letter", 1),
        ("dl-flat", "a4", 1),
        ("a6-flat", "letter", 2),
    ],
)
def test_a_sheet_holds_as_many_cards_as_fit_and_spares_fill_it(
    tmp_path: Path, fmt: str, paper: str, count: int
) -> None:
    card = kit(tmp_path, fmt, paper).card
    outside = card.pages[0]
    assert len(card_places(outside)) == count
    assert len(card_places(outside)) == best_count_by_hand(outside, catalog.card_formats()[fmt].flat_size)


def best_count_by_hand(page: Page, flat: tuple[float, float]) -> int:
    """The most cards (either way round) in the band the page leaves free: inside the printer margin,
    below its notes and above its check bar, with 12 pt for marks on every side of the block."""
    notes = [i for i in page.items if isinstance(i, Text) and i.role == "note" and i.y < page.height / 2]
    (bar,) = [i for i in page.items if isinstance(i, Rect) and i.fill]
    best = 0
    for width, height in ((page.width, page.height), (page.height, page.width)):
        top = (
            PRINTER_MARGIN + 1.3 * 7.5 * len(notes) + 4
            if (width, height) == (page.width, page.height)
            else None
        )
        if top is None:
            continue
        room_w = width - 2 * (PRINTER_MARGIN + 12)
        room_h = (bar.y - 6) - top - 24
        for cw, ch in (flat, flat[::-1]):
            best = max(best, int(room_w // cw) * int(room_h // ch))
    return best


def test_per_sheet_limits_the_cards_on_a_sheet(tmp_path: Path) -> None:
    assert len(card_places(kit(tmp_path, "a2-flat", **{"print.per_sheet": 1}).card.pages[0])) == 1


@pytest.mark.parametrize("paper", list(PAPERS))
def test_check_bar_is_exactly_2_in_or_50_mm(tmp_path: Path, paper: str) -> None:
    outside = kit(tmp_path, "a2-folded", paper).card.pages[0]
    (bar,) = [i for i in outside.items if isinstance(i, Rect) and i.fill]
    assert bar.w == pytest.approx(144.0 if paper == "letter" else 50 * 72 / 25.4, abs=1e-6)


WHOLE_SHEET = [("a2-quarterfold", "letter"), ("iso-a6-quarterfold", "a4"), ("a9-folded", "letter")]


@pytest.mark.parametrize(("fmt", "paper"), WHOLE_SHEET)
def test_a_whole_sheet_card_has_its_print_notes_and_check_bar_on_a_page_before_it(
    tmp_path: Path, fmt: str, paper: str
) -> None:
    document = kit(tmp_path, fmt, paper).card
    two_sided = catalog.card_formats()[fmt].fold != "quarter"
    labels = [p.label for p in document.pages]
    assert labels == (
        ["print check", "print check back", "outside", "inside"] if two_sided else ["print check", "outside"]
    )
    check = document.pages[0]
    (bar,) = [i for i, _, _ in walk(check.items) if isinstance(i, Rect) and i.fill]
    assert bar.w == pytest.approx(144.0 if paper == "letter" else 50 * MM)
    words = " ".join(i.text for i, _, _ in walk(check.items) if isinstance(i, Text))
    assert "print this page on plain paper first" in words and "100 % (Actual size)" in words
    assert f"from page {3 if two_sided else 2} on card stock" in words
    assert ("fold the top half back behind the bottom half" in words) != two_sided
    for page in document.pages[len(labels) - (2 if two_sided else 1) :]:
        on_card = [i for i, _, _ in walk(page.items)]
        assert not [i for i in on_card if isinstance(i, Rect) and i.fill], "no check bar on the card"
        assert not [i for i in on_card if isinstance(i, Text) and i.role == "note"], "no print notes on it"


def test_a_whole_sheet_card_s_pages_in_the_manifest_follow_its_print_check(tmp_path: Path) -> None:
    import json

    from tests.conftest import run, write_note

    note = write_note(tmp_path, {"card.format": "a2-quarterfold"})
    assert run("build", str(note), "-o", str(tmp_path / "out")).exit_code == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["recipients"][0]["card_pages"] == [2]


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


def test_ruled_card_lines_are_light_but_solid_and_on_the_guide_s_baselines(tmp_path: Path) -> None:
    import io

    import pdfplumber

    from cardgen.render.pdf import render_pdf

    kit = make_kit(note_with(tmp_path, {"card.message": "handwrite", "card.ruled": True}))
    rules = [i for i, _, _ in walk(kit.card.pages[1].items) if isinstance(i, Line)]
    assert rules and all(0.3 <= r.width <= 0.4 for r in rules), "thin: 0.3-0.4 pt"
    (tone,) = {r.color for r in rules}
    assert min(tone) >= 0.5 and max(tone) - min(tone) >= 0.1, "a light colour, not black or a grey tint"
    spacing = kit.fit.size.line_spacing
    assert sorted({round(r.y1, 6) for r in rules}) == [round(10 * MM + k * spacing, 6) for k in range(1, 15)]
    with pdfplumber.open(io.BytesIO(render_pdf(kit.card))) as pdf:
        drawn = [line for line in pdf.pages[1].lines if line["top"] == line["bottom"]]
    assert len(drawn) == 28
    assert all(tuple(line["stroking_color"]) == pytest.approx(tone, abs=0.002) for line in drawn)
    assert all(line["linewidth"] == pytest.approx(rules[0].width) for line in drawn)
