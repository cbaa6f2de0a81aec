"""The note file: names from DESIGN.md, defaults, and errors that name file, line, key and fix."""

from pathlib import Path

import pytest

from cardgen import load_note
from cardgen.errors import InputError
from tests.conftest import note_with, write_note

MM = 72 / 25.4


def test_sample_loads_with_every_section(sample_note) -> None:  # type: ignore[no-untyped-def]
    note = sample_note
    assert note.sender.name == "Alex Morgan"
    assert note.recipient.street == "400 Market Street\nSuite 1200"
    assert note.recipient.company == "Northwind Labs"
    assert note.message.template == "interview-thank-you"
    assert note.message.fields["role"] == "Data Analyst"
    assert note.card.format.name == "a2-folded"
    assert note.handwriting.x_height == pytest.approx(3 * MM)
    assert note.handwriting.line_spacing == pytest.approx(8 * MM)
    assert note.envelope.format.name == "a2"  # the card format's matching envelope
    assert note.print.paper.name == "letter"
    assert note.print.duplex == "long"
    assert [w for w in note.warnings if "is in the past" not in w] == []  # the sample's date ages


def test_typo_in_a_name_suggests_the_right_one(tmp_path: Path) -> None:
    path = write_note(tmp_path, {"card.format": "a2-foldd"})
    with pytest.raises(InputError) as error:
        load_note(path)
    line = next(
        i for i, t in enumerate(path.read_text().splitlines(), 1) if t.startswith('format = "a2-foldd')
    )
    assert str(error.value) == (
        f"note.toml:{line}: card.format: unknown value 'a2-foldd'; did you mean 'a2-folded'? (cardgen list formats)"
    )


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "note.toml"
    path.write_text('template = "interview-thank-you"\n[card]\nformat = "a2-folded\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"^note\.toml:3: invalid TOML: .*check the quotes"):
        load_note(path)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"handwriting.x_height": "-3mm"},
            r"handwriting\.x_height: -3mm is out of range; use a length from 1mm",
        ),
        (
            {"handwriting.x_height": "3 parsecs"},
            r'handwriting\.x_height: "3 parsecs": unknown unit "parsecs"',
        ),
        (
            {"handwriting.line_spacing": "3mm"},
            r"handwriting\.line_spacing: 3mm is less than 1.5 × the x-height",
        ),
        ({"handwriting.width": "wide"}, r"handwriting\.width: must be a number \(no quotes\)"),
        ({"card.ruled": "yes"}, r"card\.ruled: must be true or false"),
        ({"recipient.country": "USA"}, r"recipient\.country: 'USA' is not a two-letter ISO 3166 code"),
        ({"recipient.name": None}, r"recipient\.name: missing"),
        ({"template": None}, r"template: missing; name a wording template"),
        ({"print.paper": "leter"}, r"print\.paper: unknown value 'leter'; did you mean 'letter'\?"),
        ({"handwriting.font": "cavet"}, r"handwriting\.font: unknown value 'cavet'; did you mean 'caveat'\?"),
    ],
)
def test_bad_values_are_named_with_a_fix(tmp_path: Path, changes: dict, expected: str) -> None:
    with pytest.raises(InputError, match=r"^note\.toml(:\d+)?: " + expected):
        note_with(tmp_path, changes)


def test_unknown_keys_are_warnings_that_name_them(tmp_path: Path) -> None:
    note = note_with(tmp_path, {"card.formt": "a7-folded", "colour": "red"})
    assert any("card.formt: unknown key, ignored; did you mean 'format'?" in w for w in note.warnings)
    assert any("colour: unknown key, ignored" in w for w in note.warnings)


def test_custom_card_gets_the_smallest_envelope_that_fits(tmp_path: Path) -> None:
    note = note_with(tmp_path, {"card.format": "custom", "card.size": ["5in", "7in"], "card.fold": "side"})
    assert (note.card.format.width, note.card.format.height) == (360, 504)
    assert note.card.format.flat_size == (720, 504)
    assert note.envelope.format.name == "a7"  # 7.25 × 5.25 in: 1/4 in larger each way


def test_missing_file_and_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_note(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="is a folder"):
        load_note(tmp_path)


def test_a_decision_date_in_the_past_is_warned(tmp_path: Path) -> None:
    import datetime as dt

    note = note_with(tmp_path, {"message.decision_by": dt.date(2020, 1, 1)})
    assert any("message.decision_by: 2020-01-01 is in the past" in w for w in note.warnings)
    future = note_with(tmp_path, {"message.decision_by": dt.date.today() + dt.timedelta(days=7)})
    assert not [w for w in future.warnings if "decision_by" in w]


def test_print_keys_for_the_other_target_are_reported_not_silently_ignored(tmp_path: Path) -> None:
    home = note_with(tmp_path, {"print.bleed": "3mm", "print.sheet": "12x18"})
    assert [w.split(": ", 1)[1] for w in home.warnings if "print." in w] == [
        'print.bleed: ignored: it is for target = "shop"',
        'print.sheet: ignored: it is for target = "shop"',
    ]
    shop = note_with(tmp_path, {"print.target": "shop", "print.per_sheet": 2})
    assert any('print.per_sheet: ignored: it is for target = "home"' in w for w in shop.warnings)
