"""The exceptions cardgen raises for user mistakes; the CLI turns them into one-line messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class CardgenError(Exception):
    """A problem the user can fix; `str()` is the whole message. Exit status 2."""

    exit_status = 2


class InputError(CardgenError):
    """The note file, a CSV, a template or a command-line value is wrong."""


class OutputError(CardgenError):
    """The output location cannot be written."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or "" when none is close."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""
