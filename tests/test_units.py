"""Lengths with units."""

import pytest

from cardgen.units import LengthError, parse_length


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("3mm", 8.503937),
        ("0.125in", 9.0),
        ("1.5cm", 42.519685),
        ("12pt", 12.0),
        (" 2 in ", 144.0),
        ("25.4MM", 72.0),
    ],
)
def test_lengths_convert_to_points(text: str, points: float) -> None:
    assert parse_length(text) == pytest.approx(points, abs=1e-5)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("3 parsecs", 'unknown unit "parsecs"'),
        ("three mm", "not a length"),
        (3, "has no unit"),
        ("", "not a length"),
    ],
)
def test_bad_lengths_say_what_to_write(text: object, hint: str) -> None:
    with pytest.raises(LengthError, match=hint):
        parse_length(text)  # type: ignore[arg-type]
