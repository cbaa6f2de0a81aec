"""Shared fixtures: the sample note, a note writer with overrides, a CLI runner, and the optional
fonts (`make optional-fonts` installs them into .cache/fonts; `@pytest.mark.optional_fonts("ja")`
skips a test, saying how to get them, where they are not installed)."""

from __future__ import annotations

import os
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# The optional fonts `make optional-fonts` installs, set before cardgen reads fonts.
os.environ.setdefault("CARDGEN_FONTS", str(Path(__file__).resolve().parent.parent / ".cache" / "fonts"))
from click.testing import CliRunner, Result

from cardgen import load_note
from cardgen.cli import main
from cardgen.model import Note
from cardgen.starter import toml_value

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "interview-thank-you.toml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-reference", action="store_true", help="rewrite tests/reference/ outputs")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "optional_fonts(*groups): needs these optional font groups (ja, zh, ko); skipped without"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("optional_fonts"):
        for group in marker.args:
            skip_without_fonts(group)


def skip_without_fonts(group: str) -> None:
    """Skip the test, saying how to get them, unless the optional font group is installed."""
    from cardgen.scripts import HAN_LANGUAGES

    if not optional_fonts_installed(group, os.environ.get("CARDGEN_FONTS", "")):
        pytest.skip(f"needs the optional {HAN_LANGUAGES.get(group, group)} fonts: make optional-fonts")


@cache
def optional_fonts_installed(group: str, folder: str) -> bool:
    """Whether the group's fonts are installed (the right files) in the font folder named."""
    from cardgen.fontstore import font_groups

    return any(found.name == group and found.complete for found in font_groups())


def sample_data() -> dict[str, Any]:
    with SAMPLE.open("rb") as handle:
        return tomllib.load(handle)


def to_toml(data: dict[str, Any]) -> str:
    top = [f"{k} = {toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    tables = []
    for name, table in data.items():
        if isinstance(table, dict):
            body = "\n".join(f"{k} = {_value(v)}" for k, v in table.items())
            tables.append(f"[{name}]\n{body}")
    return "\n".join(top) + "\n\n" + "\n\n".join(tables) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return toml_value(value)


def write_note(folder: Path, changes: dict[str, Any] | None = None, name: str = "note.toml") -> Path:
    """The sample note with `changes` ({"card.format": "a7-folded"}; value None deletes the key)."""
    data = sample_data()
    for key_path, value in (changes or {}).items():
        *tables, key = key_path.split(".")
        target = data
        for table in tables:
            target = target.setdefault(table, {})
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    path = folder / name
    path.write_text(to_toml(data), encoding="utf-8")
    return path


def note_with(tmp_path: Path, changes: dict[str, Any] | None = None) -> Note:
    return load_note(write_note(tmp_path, changes))


def run(*args: str, input: str | None = None) -> Result:
    """Run the CLI in-process; stderr is kept apart from stdout."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def sample_note() -> Note:
    return load_note(SAMPLE)


PYTHON = sys.executable


PANEL_CSV = (  # a built row, a row with a postal warning, a row skipped for its country
    "name,street,city,region,postal_code,country\n"
    "Sam Lee,1 Main St,Springfield,IL,62701,US\n"
    "Ana Ruiz,2 Oak Ave,Austin,TX,7870,US\n"
    "Bo Chen,3 Elm St,Paris,,75001,XX\n"
)


def assert_zip_is_the_build(archive: Any, folder: Path) -> None:
    """The kit zipped by the web page holds the same bytes `cardgen build` writes for its note.toml."""
    import subprocess
    import sys

    (folder / "note.toml").write_bytes(archive.read("note.toml"))
    built = subprocess.run(
        [sys.executable, "-m", "cardgen", "build", str(folder / "note.toml"), "-o", str(folder / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    for name in ("card.pdf", "envelope.pdf", "guide.pdf", "manifest.json", "message.txt", "followup.ics"):
        assert archive.read(name) == (folder / "out" / name).read_bytes(), name
