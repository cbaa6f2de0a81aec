"""The library's public face, used as code would use it: no CLI, no files unless asked for."""

from __future__ import annotations

import importlib
import json
import pkgutil
import tomllib
from pathlib import Path

import pypdf
import pytest

import cardgen
from tests.conftest import SAMPLE


def sample_dict() -> dict:
    return tomllib.loads(SAMPLE.read_text())


def test_a_kit_made_in_code_renders_to_the_same_bytes_build_writes(tmp_path: Path) -> None:
    data = sample_dict()
    data["recipient"]["name"] = "Sam Lee"
    note = cardgen.note_from_dict(data, path=tmp_path / "note.toml")
    report = cardgen.check(note)
    assert not report.has_problems and report.recipients[0]["name"] == "Sam Lee"
    files, manifest = cardgen.render_kit(note)
    assert {"card.pdf", "envelope.pdf", "guide.pdf", "manifest.json", "message.txt", "followup.ics"} <= set(
        files
    )
    built = cardgen.build(note, tmp_path / "out")
    assert built.names[:3] == ["card.pdf", "envelope.pdf", "guide.pdf"]
    for name, data_bytes in files.items():
        assert (tmp_path / "out" / name).read_bytes() == data_bytes, f"{name} differs from build's"
    assert manifest["recipients"][0]["card_pages"] == [1, 2]
    assert json.loads(files["manifest.json"])["recipients"][0]["name"] == "Sam Lee"


@pytest.mark.parametrize(
    "card_format, duplex, backs",
    [
        ("a9-folded", "long", "same"),  # a whole-sheet card: a print check page first
        ("a9-folded", "manual", "same"),
        ("a9-folded", "manual", "reversed"),
        ("a7-folded", "manual", "reversed"),
        ("a2-quarterfold", "long", "same"),  # one-sided
    ],
)
def test_render_kit_equals_build_for_whole_sheet_and_manual_duplex_cards(
    tmp_path: Path, card_format: str, duplex: str, backs: str
) -> None:
    data = sample_dict()
    data["card"]["format"], data["print"]["duplex"], data["print"]["backs"] = card_format, duplex, backs
    if card_format == "a9-folded":
        data["envelope"]["format"] = "a9"
    note = cardgen.note_from_dict(data, path=tmp_path / "note.toml")
    files, _ = cardgen.render_kit(note)
    cardgen.build(note, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == files


def test_render_kit_equals_build_for_a_pdfx_shop_file_with_a_photo(tmp_path: Path) -> None:
    note = cardgen.load_note(SAMPLE.parent / "photo-shop.toml")
    files, _ = cardgen.render_kit(note)
    cardgen.build(note, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == files


def test_errors_are_data_naming_key_file_and_line(tmp_path: Path) -> None:
    data = sample_dict()
    data["handwriting"]["x_height"] = "3 parsecs"
    with pytest.raises(cardgen.InputError) as caught:
        cardgen.note_from_dict(data, path=tmp_path / "mine.toml")
    error = caught.value
    assert (error.key, error.file, error.line) == ("handwriting.x_height", "mine.toml", None)
    assert error.problem.startswith('"3 parsecs": unknown unit') and "--" not in str(error)
    path = tmp_path / "bad.toml"
    path.write_text(SAMPLE.read_text().replace('x_height = "3mm"', 'x_height = "3 parsecs"'))
    with pytest.raises(cardgen.InputError) as caught:
        cardgen.load_note(path)
    assert (
        caught.value.line
        == SAMPLE.read_text()
        .splitlines()
        .index(next(line for line in SAMPLE.read_text().splitlines() if line.startswith("x_height")))
        + 1
    )
    assert caught.value.as_dict()["key"] == "handwriting.x_height"


def test_warnings_are_findings_with_the_key_they_are_about(tmp_path: Path) -> None:
    data = sample_dict()
    data["recipient"]["postal_code"] = "ABCDE"
    data["crad"] = {"format": "a7-folded"}
    report = cardgen.check(cardgen.note_from_dict(data, path=tmp_path / "note.toml"))
    keys = {finding.key for finding in report.findings}
    assert {"crad", "recipient.postal_code"} <= keys
    assert report.has_problems
    crad = next(f for f in report.findings if f.key == "crad")
    assert crad.problem.endswith("did you mean [card]?")


def test_a_message_that_overflows_says_how_to_fix_it_as_data(tmp_path: Path) -> None:
    data = sample_dict()
    del data["template"]
    data["message"] = {"text": " ".join(["Thank you for a wonderful conversation about the team."] * 20)}
    fit = cardgen.check(cardgen.note_from_dict(data, path=tmp_path / "note.toml")).recipients[0]["fit"]
    kinds = [fix["kind"] for fix in fit["fixes"]]
    assert kinds[0] == "overflow" and "x_height" in kinds and "cut" in kinds
    assert [fix["text"] for fix in fit["fixes"]] == fit["suggestions"]


def test_the_face_keeps_its_functions_after_every_module_is_imported() -> None:
    """A submodule named like a face function (cardgen.build, cardgen.preflight) would replace it
    on the package once imported."""
    for module in pkgutil.walk_packages(cardgen.__path__, "cardgen."):
        if module.name != "cardgen.__main__":  # running it is the CLI
            importlib.import_module(module.name)
    for name in cardgen.__all__:
        assert not isinstance(getattr(cardgen, name), type(cardgen)), f"cardgen.{name} is a module"


def test_preview_renders_only_the_pages_asked_for(tmp_path: Path) -> None:
    files, _ = cardgen.render_kit(cardgen.load_note(SAMPLE), only=("card",))
    assert set(files) >= {"card.pdf"} and "guide.pdf" not in files
    pages = cardgen.preview(files["card.pdf"], pages=[2], dpi=20)
    assert list(pages) == [2] and pages[2].startswith(b"\x89PNG")
    with pytest.raises(cardgen.InputError, match="there is no page 9; the file has 2"):
        cardgen.preview(files["card.pdf"], pages=[9])


def test_a_practice_sheet_made_in_code(tmp_path: Path) -> None:
    options = cardgen.PracticeOptions(ruling="italic", nib="3mm", paper="a4")
    pdf, pages, warnings = cardgen.tracing_sheet("Practice makes perfect.", options, name="practice.txt")
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf))
    assert pages == len(reader.pages) >= 1 and warnings == []
    assert reader.metadata.title == "Practice"


def test_profiles_are_passed_in_not_read_behind_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardgen.model import HandProfile
    from cardgen.profiles import GivenProfiles

    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "empty-config"))
    data = sample_dict()
    data["handwriting"] = {"profile": "me"}
    mine = GivenProfiles(hands={"me": HandProfile("me", 10.0, 1.1, 80.0)})
    note = cardgen.note_from_dict(data, path=tmp_path / "note.toml", profiles=mine)
    assert note.handwriting.x_height == 10.0 and note.handwriting.slant == 80.0
    with pytest.raises(cardgen.InputError, match="no such profile") as caught:
        cardgen.note_from_dict(data, path=tmp_path / "note.toml")  # the saved ones: none here
    assert caught.value.key == "handwriting.profile"


def test_errors_raised_while_a_kit_is_made_name_the_file_once_and_keep_their_key(tmp_path: Path) -> None:
    data = sample_dict()
    data["template"] = "interveiw-thank-you"
    note = cardgen.note_from_dict(data, path=tmp_path / "mine.toml")
    with pytest.raises(cardgen.InputError) as caught:
        cardgen.check(note)
    assert (caught.value.key, caught.value.file) == ("template", "mine.toml")
    assert str(caught.value).startswith(
        "mine.toml: template: unknown template 'interveiw-thank-you'; did you mean"
    )
    data = sample_dict()
    data["card"]["message"] = "print"
    del data["template"]
    data["message"] = {"text": " ".join(["A sentence that goes on and on about the interview."] * 400)}
    with pytest.raises(cardgen.InputError) as caught:
        cardgen.check(cardgen.note_from_dict(data, path=tmp_path / "mine.toml"))
    assert caught.value.key == "message" and str(caught.value).count("mine.toml") == 1


def test_skipped_csv_rows_are_findings_naming_file_line_and_column(tmp_path: Path) -> None:
    csv = tmp_path / "panel.csv"
    csv.write_text(
        "name,city,country,decision_by\nSam Lee,Austin,US,2026-13-01\n,Austin,US,\nAda,Austin,US,\n"
    )
    report = cardgen.check(cardgen.load_note(SAMPLE), csv)
    assert [r["name"] for r in report.recipients] == ["Ada"]
    assert [(f.file, f.line, f.key) for f in report.skipped] == [
        ("panel.csv", 2, "decision_by"),
        ("panel.csv", 3, "name"),
    ]
    assert str(report.skipped[1]) == "panel.csv:3: name: empty; every row needs a name"
    assert set(report.skipped) <= set(report.findings)
    with pytest.raises(cardgen.InputError) as caught:
        cardgen.check(cardgen.load_note(SAMPLE), csv, strict=True)
    assert (caught.value.file, caught.value.line, caught.value.key) == ("panel.csv", 2, "decision_by")


def test_options_given_in_code_are_checked_as_the_note_files_keys_are() -> None:
    note = cardgen.load_note(SAMPLE)
    fed = cardgen.with_options(note, envelope={"feed": "left", "feed_rotate": 90})
    assert (fed.envelope.feed, fed.envelope.feed_rotate, fed.envelope.face) == ("left", 90, "up")
    for bad, key in (
        ({"feed_rotate": 45}, "envelope.feed_rotate"),
        ({"face": "sideways"}, "envelope.face"),
        ({"fed": "left"}, "envelope.fed"),
    ):
        with pytest.raises(cardgen.InputError) as caught:
            cardgen.with_options(note, envelope=bad)
        assert caught.value.key == key


def test_check_json_gives_every_finding_as_data(tmp_path: Path) -> None:
    import json as json_module

    from tests.conftest import run, write_note

    result = run("check", str(write_note(tmp_path, {"recipient.postal_code": "ABCDE"})), "--json")
    findings = json_module.loads(result.output)["findings"]
    assert {k: v for k, v in findings[0].items() if k != "message"} == {
        "key": "recipient.postal_code",
        "file": "",
        "line": None,
    }
    assert findings[0]["message"].startswith("recipient.postal_code: not valid for US")
