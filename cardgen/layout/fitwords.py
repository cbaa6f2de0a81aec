"""The fit's words: every phrase the fit says to a user, singular or plural as the count is, panels
named as a reader names them ("the back panel", "the inside-left and inside-right panels")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def count(number: int, noun: str) -> str:
    """'1 line', '11 lines'."""
    return f"{number} {noun}{'s' * (number != 1)}"


def panels(names: Sequence[str]) -> str:
    """The panels, named: 'the back panel', 'the inside-left and inside-right panels'."""
    if len(names) == 1:
        return f"the {names[0]} panel"
    listed = ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1]
    return f"the {listed} panels"


def overflow(over: int, names: Sequence[str]) -> str:
    """How far the message runs over: 'the message needs 1 more line than the back panel holds'."""
    holds = "holds" if len(names) == 1 else "hold"
    return f"the message needs {count(over, 'more line')} than {panels(names)} {holds}"


def write_smaller(x_height: str, line_spacing: str) -> str:
    return f'write smaller: x_height = "{x_height}" with line_spacing = "{line_spacing}" fits'


def write_on(panel: str, names: Sequence[str]) -> str:
    listed = ", ".join(f'"{name}"' for name in names)
    return f"write on the {panel} panel too: panels = [{listed}] fits at your size"


def larger_card(name: str) -> str:
    return f'use a larger card: format = "{name}" fits at your size'


def cut_words(number: int) -> str:
    return f"cut about {count(number, 'word')}"


def fit_warning(needed: int, available: int, suggestions: Sequence[str]) -> str:
    """The build's warning (about the key "fit") for a message that does not fit, with what would."""
    return f"the message needs {count(needed, 'line')}, the card holds {available}: " + "; or ".join(
        suggestions
    )


def guide_overflow(over: int) -> str:
    """The guide's note on its last page when the message runs over."""
    verb = "does" if over == 1 else "do"
    return f"{count(over, 'more line')} {verb} not fit"


def summary(fit: Mapping[str, Any]) -> str:
    """One line on a fit (the manifest's `fit` entry), as `check` prints it."""
    where = " + ".join(f"{p['panel']} {p['lines']}/{p['available']}" for p in fit["per_panel"])
    verdict = "fits" if fit["fits"] else "does NOT fit"
    return (
        f"{verdict}: {count(fit['lines_needed'], 'line')} needed, {fit['lines_available']} available "
        f"on {where} "
        f"(x-height {fit['x_height_mm']} mm, lines {fit['line_spacing_mm']} mm apart)"
    )
