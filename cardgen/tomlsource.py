"""TOML read with line numbers for errors, and typed access to its keys with errors naming the fix."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from cardgen.errors import Finding, InputError, did_you_mean
from cardgen.units import MM, LengthError, parse_length


class NoteSource:
    """The note file's text, to say on which line a key stands."""

    _HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
    _KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if header := self._HEADER.match(line):
                table = header.group(1)
                self.lines.setdefault(table, number)
            elif key := self._KEY.match(line):
                self.lines.setdefault(f"{table}.{key.group(1)}" if table else key.group(1), number)

    def line(self, key_path: str) -> int | None:
        """The line the key (or else its table) stands on, when it is in the file."""
        return self.lines.get(key_path) or self.lines.get(key_path.split(".")[0])

    def where(self, key_path: str) -> str:
        """'note.toml:12: card.format' (or without the line when the key is not in the file)."""
        line = self.line(key_path)
        return f"{self.path.name}:{line}: {key_path}" if line else f"{self.path.name}: {key_path}"

    def error(self, key_path: str, problem: str) -> InputError:
        """An InputError naming file, line and key."""
        return InputError(problem, key=key_path, file=self.path.name, line=self.line(key_path))

    def warning(self, key_path: str, problem: str) -> Finding:
        """A warning naming file, line and key."""
        return Finding(problem, key_path, self.path.name, self.line(key_path))


def read_toml(path: Path) -> tuple[dict[str, Any], NoteSource]:
    """Parse a TOML file; raise InputError naming the line on a syntax error."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path (cardgen init {path.name} writes one)")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a note file; give the .toml file inside it")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the note file as UTF-8"
        ) from None
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, text, path.name) from None
    return data, NoteSource(path, text)


def _syntax_error(error: tomllib.TOMLDecodeError, text: str, name: str) -> InputError:
    """The parser's complaint as a one-line error naming the line (and the key, for a bad date)."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    reason = re.sub(r" \(at (line \d+, column \d+|end of document)\)$", "", str(error))
    line = int(found.group(1)) if found else text.count("\n") + 1
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    date = re.match(r"\s*([A-Za-z0-9_-]+)\s*=\s*(\d{4}-\d{2}-\d{2})\b", here)
    if date:
        tables = [m.group(1) for ln in lines[: line - 1] if (m := NoteSource._HEADER.match(ln))]
        key = f"{tables[-1]}.{date.group(1)}" if tables else date.group(1)
        return InputError(
            f"{date.group(2)} is not a day on the calendar; write a real date as YYYY-MM-DD, "
            "without quotes (e.g. 2027-02-28)",
            key=key,
            file=name,
            line=line,
        )
    return InputError(
        f"invalid TOML: {reason}; check the quotes, brackets and '=' on that line", file=name, line=line
    )


class Reader:
    """Typed access to the parsed note with errors that name the key path and the fix."""

    def __init__(self, data: dict[str, Any], source: NoteSource) -> None:
        self.data = data
        self.source = source

    def get(self, key_path: str) -> Any:
        section, _, key = key_path.rpartition(".")
        table = self.data.get(section, {}) if section else self.data
        if not isinstance(table, dict):
            raise self.source.error(section, f"must be a table: write [{section}] on its own line")
        return table.get(key)

    def text(self, key_path: str, default: str = "") -> str:
        value = self.get(key_path)
        if value is None:
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.source.error(key_path, f"must be text in quotes, got {value!r}")
        return value.strip()

    def choice(self, key_path: str, choices: list[str], default: str, listing: str | None = None) -> str:
        """The value if it is one of `choices`; else an error with a suggestion and where to look."""
        value = self.text(key_path, default)
        exact = {choice.lower(): choice for choice in choices}
        value = exact.get(value.lower(), value)  # "A6-Flat" is a6-flat
        if value not in choices:
            hint = did_you_mean(value, choices) or f"; choose one of: {', '.join(choices)}"
            look = f" (cardgen list {listing})" if listing else ""
            raise self.source.error(key_path, f"unknown value '{value}'{hint}{look}")
        return value

    def length(self, key_path: str, default: str, *, low: float, high: float) -> float:
        value = self.get(key_path)
        try:
            points = parse_length(default if value is None else value)
        except LengthError as error:
            raise self.source.error(key_path, str(error)) from None
        if not low <= points <= high:
            shown = value if value is not None else f"{points / MM:.3g}mm (from the preset, nib or profile)"
            raise self.source.error(
                key_path,
                f"{shown} is out of range; use a length from {low / MM:g}mm to {high / MM:g}mm",
            )
        return points

    def number(self, key_path: str, default: float, *, low: float, high: float) -> float:
        value = self.get(key_path)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.source.error(key_path, f"must be a number (no quotes), got {value!r}")
        if not low <= value <= high:
            raise self.source.error(key_path, f"{value} is out of range; use {low:g} to {high:g}")
        return float(value)

    def size(self, key_path: str, *, low: float, high: float) -> tuple[float, float]:
        """A [width, height] pair of lengths, each within low..high points."""
        value = self.get(key_path)
        if not (isinstance(value, list) and len(value) == 2):
            raise self.source.error(key_path, 'needs two lengths, e.g. size = ["5in", "7in"]')
        try:
            width, height = (parse_length(part) for part in value)
        except LengthError as error:
            raise self.source.error(key_path, str(error)) from None
        if not all(low <= side <= high for side in (width, height)):
            raise self.source.error(key_path, f"each side must be from {low / 72:g}in to {high / 72:g}in")
        return width, height

    def boolean(self, key_path: str, default: bool) -> bool:
        value = self.get(key_path)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.source.error(key_path, f"must be true or false (no quotes), got {value!r}")
        return value
