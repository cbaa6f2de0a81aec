"""What a new user hit (issue 17): strict mode, interactive answers, dates, names in any case."""

from __future__ import annotations

from pathlib import Path

import pytest

import cardgen
from cardgen.starter import check_answer
from tests.conftest import SAMPLE, run, write_note


def misspelt(tmp_path: Path) -> Path:
    text = SAMPLE.read_text().replace("[card]", "[crad]")
    path = tmp_path / "note.toml"
    path.write_text(text)
    return path


def test_strict_check_fails_on_a_misspelt_table_and_names_the_table_meant(tmp_path: Path) -> None:
    path = misspelt(tmp_path)
    line = SAMPLE.read_text().splitlines().index("[card]") + 1
    result = run("check", str(path), "--strict")
    assert result.exit_code == 1
    assert (
        f"warning: note.toml:{line}: crad: unknown table [crad], ignored with all its keys; did you mean [card]?"
        in result.stderr
    )
    assert "no problems found" not in result.output
    assert run("check", str(path)).exit_code == 0  # without --strict a warning is only a warning


def test_strict_build_stops_on_a_note_warning_after_saying_it(tmp_path: Path) -> None:
    result = run("build", str(misspelt(tmp_path)), "-o", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 1 and "did you mean [card]?" in result.stderr


@pytest.mark.parametrize(
    "change, key",
    [
        ({"card.fromat": "a7-folded"}, "card.fromat"),
        ({"message.decision_by": __import__("datetime").date(2020, 1, 2)}, "message.decision_by"),
    ],
)
def test_strict_fails_on_every_note_level_warning(tmp_path: Path, change: dict, key: str) -> None:
    result = run("check", str(write_note(tmp_path, change)), "--strict")
    assert result.exit_code == 1 and f": {key}: " in result.stderr


def test_an_impossible_date_names_its_key_and_line(tmp_path: Path) -> None:
    text = SAMPLE.read_text().replace("decision_by = 2027-12-03", "decision_by = 2027-02-30")
    path = tmp_path / "note.toml"
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("decision_by"))
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"cardgen: note.toml:{line}: message.decision_by: 2027-02-30 is not a day on the calendar; "
        "write a real date as YYYY-MM-DD, without quotes (e.g. 2027-02-28)\n"
    )


@pytest.mark.parametrize("written, meant", [("A2-Folded", "a2-folded"), ("A7-FOLDED", "a7-folded")])
def test_names_are_taken_in_any_case(tmp_path: Path, written: str, meant: str) -> None:
    assert cardgen.load_note(write_note(tmp_path, {"card.format": written})).card.format.name == meant


def test_a_short_name_suggests_the_names_it_starts(tmp_path: Path) -> None:
    with pytest.raises(cardgen.InputError) as caught:
        cardgen.load_note(write_note(tmp_path, {"card.format": "A6"}))
    assert caught.value.key == "card.format"
    assert "did you mean 'a6-flat' or 'a6-folded'?" in caught.value.problem


@pytest.mark.parametrize(
    "key, answer, value, problem",
    [
        ("recipient.country", "Germany", None, "did you mean 'DE' (Germany)?"),
        ("sender.country", "uk", None, "did you mean 'GB'?"),
        ("recipient.country", "de", "DE", None),
        ("recipient.country", "XX", None, "unknown country code 'XX'"),
        ("decision_by", "2026-02-30", None, "'2026-02-30' is not a date; write it as YYYY-MM-DD"),
        ("decision_by", "", "", None),
        ("recipient.name", "Dana\x07", None, "control characters"),
    ],
)
def test_interview_answers_are_checked_by_the_note_files_rules(
    key: str, answer: str, value: object, problem: str | None
) -> None:
    got, said = check_answer(key, answer)
    if problem is None:
        assert said is None and got == value
    else:
        assert got is None and problem in said and "quotes" not in said


def test_init_interactive_asks_again_until_the_country_is_a_code(tmp_path: Path) -> None:
    path = tmp_path / "note.toml"
    people = ["Jo Park", "5 Oak Ave", "Berlin", "", "10115", "Germany", "DE"]
    people += ["Sam Lee", "", "Acme", "1 Main St", "Austin", "TX", "78701", "US"]
    fields = ["Product Designer", "your design critique ritual", "", "2026-02-30", "2026-12-10"]
    result = run("init", "--interactive", str(path), input="\n".join(people + fields) + "\n")
    assert result.exit_code == 0, result.output
    assert "did you mean 'DE' (Germany)?" in result.stderr and "is not a date" in result.stderr
    text = path.read_text()
    assert 'country = "DE"' in text and "decision_by = 2026-12-10" in text
    assert run("check", str(path)).exit_code == 0
