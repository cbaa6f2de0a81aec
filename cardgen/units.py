"""Lengths written with units ("3mm", "0.125in", "1.5cm", "12pt") converted to points."""

from __future__ import annotations

import re

MM = 72.0 / 25.4  # points per millimetre
IN = 72.0  # points per inch
POINTS_PER_UNIT = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 720.0 / 25.4}
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-z]+)\s*$")


class LengthError(ValueError):
    """A length string that is not a number followed by mm, cm, in or pt."""


def parse_length(text: str) -> float:
    """Return the length in points; raise LengthError with a hint when it is not understood."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise LengthError(f'expected a length such as "3mm", got {text!r}')
    if isinstance(text, (int, float)):
        raise LengthError(f'{text!r} has no unit; write it as "{text}mm", "{text}in" or "{text}pt"')
    match = _LENGTH.match(text.lower())
    if not match:
        raise LengthError(f'"{text}" is not a length; write a number and a unit, e.g. "3mm"')
    number, unit = match.groups()
    if unit not in POINTS_PER_UNIT:
        raise LengthError(f'"{text}": unknown unit "{unit}"; use mm, cm, in or pt')
    return float(number) * POINTS_PER_UNIT[unit]


def mm(points: float) -> float:
    """Points to millimetres."""
    return points * 25.4 / 72.0


def format_mm(points: float) -> str:
    """A length in points as a short millimetre string, e.g. "3.2mm"."""
    return f"{mm(points):.1f}".rstrip("0").rstrip(".") + "mm"
