"""The fit engine, with a fixed-width fake font so the numbers are exact, and with real fonts."""

from dataclasses import dataclass

import pytest

from cardgen import catalog
from cardgen.fonts import metrics
from cardgen.layout.fit import HandSize, drop_words, fit_message, fit_with_suggestions, lines_in, wrap
from cardgen.layout.panels import writing_panels
from cardgen.units import parse_length

MM = 72 / 25.4


@dataclass
class FixedWidth:
    """Every character 0.5 em wide; x-height 0.5 em: at x-height 3 mm a character is 3 mm wide."""

    key: str = "fixed"
    x_height: float = 0.5
    cap_height: float = 0.7
    ascent: float = 0.9
    descent: float = 0.25

    def width(self, text: str, size: float) -> float:
        return 0.5 * size * len(text)

    def missing(self, text: str) -> list[str]:
        return []


FAKE = FixedWidth()
A2 = catalog.card_formats()["a2-folded"]


def test_wrap_is_greedy_keeps_forced_breaks_and_splits_only_overlong_words() -> None:
    size = HandSize(x_height=10, line_spacing=30)  # font size 20 pt: 10 pt per character
    assert wrap("aaa bbb ccc\nd\n\neeeeeeeeeeeee", FAKE, size, width=75) == [
        "aaa bbb",
        "ccc",
        "d",
        "eeeeeee",
        "eeeeee",
    ]


def test_width_factor_widens_the_writing() -> None:
    narrow = wrap("aa bb cc dd", FAKE, HandSize(10, 30, width=1.0), width=115)
    wide = wrap("aa bb cc dd", FAKE, HandSize(10, 30, width=1.5), width=115)
    assert narrow == ["aa bb cc dd"] and wide == ["aa bb", "cc dd"]


def test_lines_per_panel_counts_whole_line_spacings() -> None:
    assert lines_in(100, 20) == 5
    assert lines_in(99.99, 20) == 4
    # A2 panel 5.5 in tall, 10 mm margins: 119.7 mm for 8 mm lines -> 14
    _, _, _, height = writing_panels(A2)[0].writing_area()
    assert lines_in(height, 8 * MM) == 14


def test_short_message_uses_inside_right_two_panels_read_left_to_right() -> None:
    panels = writing_panels(A2)
    size = HandSize(3 * MM, 8 * MM)
    short = fit_message("Thank you!", panels, FAKE, size)
    assert short.panels == ("inside-right",) and short.fits and short.lines_available == 14
    long = fit_message("\n".join(["line"] * 20), panels, FAKE, size)
    assert long.panels == ("inside-left", "inside-right")
    assert [len(chunk) for chunk in long.lines] == [14, 6]
    assert long.lines_needed == 20 and long.lines_available == 28


@pytest.mark.parametrize("font", ["caveat", "kalam", "patrick-hand"])
def test_counts_move_the_right_way(font: str) -> None:
    text = " ".join(["thank you so much for it all"] * 25)
    panels = writing_panels(A2)
    needed = [
        fit_message(text, panels, metrics(font), HandSize(x * MM, 8 * MM)).lines_needed for x in (2, 3, 4)
    ]
    assert needed[0] < needed[1] < needed[2]
    wider = fit_message(text, panels, metrics(font), HandSize(3 * MM, 8 * MM, width=1.3)).lines_needed
    assert wider > needed[1]
    sparser = fit_message(text, panels[:1], metrics(font), HandSize(3 * MM, 10 * MM)).lines_available
    assert sparser < fit_message(text, panels[:1], metrics(font), HandSize(3 * MM, 8 * MM)).lines_available


def test_every_suggestion_fits_when_applied() -> None:
    text = "\n\n".join(["Thank you for the lovely afternoon and the wonderful conversation we had."] * 11)
    font, size = metrics("caveat"), HandSize(3 * MM, 8 * MM)
    larger = [("a7-folded", writing_panels(catalog.card_formats()["a7-folded"]))]
    fit = fit_with_suggestions(text, writing_panels(A2), font, size, larger)
    assert not fit.fits
    assert fit.suggestions[0].kind == "overflow"
    assert fit.suggestions[0].text.startswith(
        f"the message needs {fit.lines_needed - fit.lines_available} more line"
    )
    assert [s.kind for s in fit.suggestions] == ["overflow", "x_height", "format", "cut"]
    smaller = next(s for s in fit.suggestions if s.kind == "x_height")
    x_height = parse_length(smaller.changes["handwriting.x_height"])
    spacing = parse_length(smaller.changes["handwriting.line_spacing"])
    assert f'x_height = "{smaller.changes["handwriting.x_height"]}"' in smaller.text
    assert fit_message(text, writing_panels(A2), font, HandSize(x_height, spacing)).fits
    larger_card = next(s for s in fit.suggestions if s.kind == "format")
    assert (
        larger_card.changes == {"card.format": "a7-folded"}
        and 'format = "a7-folded" fits' in larger_card.text
    )
    assert fit_message(text, larger[0][1], font, size).fits
    words = next(s for s in fit.suggestions if s.kind == "cut").words
    assert fit.as_dict()["fixes"][-1] == {
        "kind": "cut",
        "text": f"cut about {words} words",
        "changes": {},
        "words": words,
    }
    assert fit_message(drop_words(text, words), writing_panels(A2), font, size).fits
    assert not fit_message(drop_words(text, words - 1), writing_panels(A2), font, size).fits


def test_two_panels_split_at_a_paragraph_near_the_middle_never_leaving_a_lone_line() -> None:
    from cardgen.layout.fit import two_panels
    from cardgen.layout.letter import BLANK, Row

    def blocks(*sizes: int) -> list[list[Row]]:
        return [[Row(f"{i}.{j}") for j in range(n)] for i, n in enumerate(sizes)]

    def split(*sizes: int) -> list[int]:
        return [len(half) for half in two_panels(blocks(*sizes), 14)]

    assert split(1, 4, 4, 3, 6, 2) == [9, 11]  # the break nearest the middle that both panels hold
    assert split(1, 18, 1) == [14, 6]  # no usable break: fill the left panel
    assert split(15) == [13, 2]  # never a lone last line on the right panel
    spaced = [blocks(1)[0], [BLANK, *blocks(5)[0]], [BLANK, *blocks(5)[0]], [BLANK, Row("a"), Row("b")]]
    left, right = two_panels(spaced, 10)
    assert (len(left), len(right)) == (7, 8), "the blank line at the break is dropped, not drawn"
    assert left[-1].text and right[0].text and right[5] == BLANK
    text = "Dear Sam,\n\n" + "\n\n".join(["word " * 20] * 6) + "\n\nWarm regards,\nAlex"
    fit = fit_message(text, writing_panels(A2), FAKE, HandSize(3 * MM, 8 * MM))
    assert len(fit.panels) == 2
    assert fit.lines[1][-2:] == ("Warm regards,", "Alex") and len(fit.lines[1]) > 2


def test_fit_phrases_agree_in_number_and_name_the_panels() -> None:
    from cardgen.layout import fitwords

    assert fitwords.overflow(1, ["back"]) == "the message needs 1 more line than the back panel holds"
    assert (
        fitwords.overflow(11, ["inside-left", "inside-right"])
        == "the message needs 11 more lines than the inside-left and inside-right panels hold"
    )
    assert (
        fitwords.panels(["inside-left", "inside-right", "back"])
        == "the inside-left, inside-right, and back panels"
    )
    assert [fitwords.cut_words(n) for n in (1, 2)] == ["cut about 1 word", "cut about 2 words"]
    assert [fitwords.guide_overflow(n) for n in (1, 3)] == [
        "1 more line does not fit",
        "3 more lines do not fit",
    ]
    assert fitwords.fit_warning(1, 0, ["a", "b"]) == "the message needs 1 line, the card holds 0: a; or b"
    entry = {
        "fits": True,
        "lines_needed": 1,
        "lines_available": 14,
        "per_panel": [{"panel": "back", "lines": 1, "available": 14}],
        "x_height_mm": 3.0,
        "line_spacing_mm": 8.0,
    }
    assert fitwords.summary(entry).startswith("fits: 1 line needed, 14 available on back 1/14")


def test_an_overflowing_flat_card_says_how_many_lines_the_back_panel_lacks() -> None:
    flat = catalog.card_formats()["a2-flat"]
    text = "\n\n".join(["Thank you for the lovely afternoon and the wonderful conversation we had."] * 6)
    fit = fit_with_suggestions(text, writing_panels(flat), metrics("caveat"), HandSize(3 * MM, 8 * MM), [])
    over = fit.lines_needed - fit.lines_available
    assert (
        over > 1
        and fit.suggestions[0].text == f"the message needs {over} more lines than the back panel holds"
    )
