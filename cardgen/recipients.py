"""A recipients CSV: one row per recipient, `[recipient]` field names as columns, any other column
overriding the `[message]` field of the same name for that row."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardgen.errors import Finding, InputError, did_you_mean
from cardgen.model import ADDRESS_KEYS, Address, Note

DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Row:
    """One recipient from the CSV: its line number, address and message overrides."""

    line: int
    recipient: Address
    overrides: dict[str, Any]


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be used, and why (the finding names the file, line and field)."""

    line: int
    problem: Finding


def decode(path: Path, data: bytes) -> str:
    """The file's text: UTF-8 with or without BOM, or UTF-16 with a BOM; else a clear error."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path.name}:{line}: not UTF-8 text (byte {error.start}); save the CSV as UTF-8 "
            '(in Excel: "CSV UTF-8 (comma delimited)")'
        ) from None


def sniff_delimiter(header: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (comma on a tie)."""
    return max(DELIMITERS, key=lambda d: (header.count(d), d == ","))


def read_recipients(path: Path, note: Note) -> tuple[list[Row], list[BadRow]]:
    """Every row of the CSV, good ones and bad ones, in file order (blank lines skipped)."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the recipients CSV's path", key="recipients")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the .csv file")
    text = decode(path, path.read_bytes())
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise InputError(f"{path.name}: empty; the first line must name the columns (name, street, city, …)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    rows: list[Row] = []
    bad: list[BadRow] = []
    header: list[str] | None = None
    for line, cells in _numbered(reader):
        if header is None:
            header = [cell.strip() for cell in cells]
            _check_header(path, header)
            continue
        if len(cells) != len(header):
            problem = (
                f"the row has {len(cells)} fields, the header {len(header)}; "
                "quote any value that contains the delimiter"
            )
            bad.append(BadRow(line, Finding(problem, "", path.name, line)))
            continue
        values = {key: cell.strip() for key, cell in zip(header, cells, strict=True)}
        if not values.get("name"):
            bad.append(BadRow(line, Finding("empty; every row needs a name", "name", path.name, line)))
            continue
        address = {key: values.get(key, "") for key in ADDRESS_KEYS}
        address["street"] = address["street"].replace("\\n", "\n")
        address["country"] = (address["country"] or note.recipient.country or note.sender.country).upper()
        try:
            overrides = {
                key: _typed(key, value, note) for key, value in values.items() if key not in ADDRESS_KEYS
            }
        except InputError as error:
            bad.append(BadRow(line, Finding(error.problem, error.key, path.name, line)))
            continue
        rows.append(Row(line, Address(**address), overrides))
    return rows, bad


def _numbered(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on (a quoted value may run over several lines); blank rows
    skipped."""
    ended = 0  # the line the previous row ended on
    for cells in reader:
        start, ended = ended + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


def _check_header(path: Path, header: list[str]) -> None:
    if "name" not in header:
        near = next((did_you_mean(h, ["name"]) for h in header if did_you_mean(h, ["name"])), "")
        raise InputError(
            f"{path.name}:1: no 'name' column{near}; the first line names the columns, e.g. "
            "name,title,company,street,city,region,postal_code,country"
        )
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise InputError(f"{path.name}:1: the column '{duplicates[0]}' appears twice; keep one")


def _typed(key: str, value: str, note: Note) -> Any:
    """A CSV cell as the note's field would be: a date where the note has a date, or where the
    column's name says it is one (decision_by, send_by, interview_date)."""
    if isinstance(note.message.fields.get(key), dt.date) or key.endswith(("_by", "_date")):
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise InputError(f"'{value}' is not a date; write it as YYYY-MM-DD", key=key) from None
    return value
