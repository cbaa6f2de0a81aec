"""The bad-input corpus (tests/corpus/): every file gives its expected exit status and one clear
line, never a traceback, and an error leaves no output behind."""

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardgen.cli import main
from tests.conftest import skip_without_fonts

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.stem for p in CORPUS.glob("*.toml")} - {"expected"} == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input(tmp_path: Path, case: str) -> None:
    expected = EXPECTED[case]
    if "needs" in expected:
        skip_without_fonts(expected["needs"])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(CORPUS / f"{case}.toml"), "-o", str(out)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    assert result.exit_code == expected["exit"], result.stderr
    assert "Traceback" not in result.stderr
    assert expected["says"] in result.stderr
    if expected["exit"] == 2:
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith(f"cardgen: {case}.toml")
        assert not out.exists()
    else:
        assert (out / "card.pdf").exists() and (out / "guide.pdf").exists()
