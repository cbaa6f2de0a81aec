"""Problems as data: errors cardgen raises for user mistakes and warnings it finds, each naming the
note key it is about (`handwriting.x_height`), with the file and line where known."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def locate(problem: str, key: str = "", file: str = "", line: int | None = None) -> str:
    """'note.toml:12: card.format: problem', leaving out the parts that are not known."""
    where = f"{file}:{line}" if file and line else file
    return ": ".join(part for part in (where, key, problem) if part)


class CardgenError(Exception):
    """A problem the user can fix; `str()` is the whole message. Exit status 2.
    `key` is the note key (or option) it is about, `file` and `line` where it stands, `problem`
    what is wrong and how to fix it; `allow`, a setting that lets it through (such as force)."""

    exit_status = 2

    def __init__(
        self, problem: str, *, key: str = "", file: str = "", line: int | None = None, allow: str = ""
    ) -> None:
        super().__init__(locate(problem, key, file, line))
        self.problem, self.key, self.file, self.line, self.allow = problem, key, file, line, allow

    def __reduce__(self) -> tuple[Any, ...]:  # keyword fields survive worker processes
        return (_rebuild_error, (type(self), self.problem, self.key, self.file, self.line, self.allow))

    def as_dict(self) -> dict[str, Any]:
        """The error as data, for JSON (the web page shows it beside its field)."""
        return {"key": self.key, "file": self.file, "line": self.line, "message": str(self)}


def _rebuild_error(
    cls: type[CardgenError], problem: str, key: str, file: str, line: int | None, allow: str
) -> CardgenError:
    return cls(problem, key=key, file=file, line=line, allow=allow)


class InputError(CardgenError):
    """The note file, a CSV, a template or a given value is wrong."""


class OutputError(CardgenError):
    """The output location cannot be written."""


class Finding(str):
    """A warning: its whole text (it is a str, so it prints and serialises as one), plus the note
    key it is about, the file and line where known, and the bare problem."""

    key: str
    file: str
    line: int | None
    problem: str

    def __new__(cls, problem: str, key: str = "", file: str = "", line: int | None = None) -> Finding:
        finding = super().__new__(cls, locate(problem, key, file, line))
        finding.problem, finding.key, finding.file, finding.line = problem, key, file, line
        return finding

    def __reduce__(self) -> tuple[Any, ...]:
        return (Finding, (self.problem, self.key, self.file, self.line))

    def as_dict(self) -> dict[str, Any]:
        """The warning as data."""
        return {"key": self.key, "file": self.file, "line": self.line, "message": str(self)}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the closest choice (case does not matter; a choice that starts with
    the word counts as close: 'A6' -> 'a6-flat' or 'a6-folded'), or "" when none is close."""
    options = list(choices)
    lowered = {choice.lower(): choice for choice in options}
    word = word.strip().lower()
    starting = [choice for low, choice in lowered.items() if word and low.startswith(word)]
    if 1 <= len(starting) <= 3:
        return "; did you mean " + " or ".join(f"'{choice}'" for choice in starting) + "?"
    match = difflib.get_close_matches(word, list(lowered), n=1, cutoff=0.6)
    return f"; did you mean '{lowered[match[0]]}'?" if match else ""
