"""The command line as a user meets it: outputs, listings, init, and bad input handled cleanly."""

import json
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cardgen.cli import main
from cardgen.cli.common import Command
from tests.conftest import PYTHON, ROOT, SAMPLE, run, write_note


def test_build_writes_the_kit_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "card.pdf",
        "envelope.pdf",
        "followup.ics",
        "guide.pdf",
        "manifest.json",
        "message.txt",
    ]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["files"] == {"card": "card.pdf", "envelope": "envelope.pdf", "guide": "guide.pdf"}
    (recipient,) = manifest["recipients"]
    assert recipient["name"] == "Dana Rivera"
    assert recipient["card_pages"] == [1, 2] and recipient["envelope_pages"] == [1]
    assert recipient["fit"]["panels"] == ["inside-left", "inside-right"]
    assert recipient["fit"]["fits"] is True and recipient["warnings"] == []
    assert "fits: 24 lines needed, 28 available on inside-left 12/14 + inside-right 12/14" in result.output


def test_followup_calendar_and_email_draft(tmp_path: Path) -> None:
    run("build", str(SAMPLE), "-o", str(tmp_path))
    ics = (tmp_path / "followup.ics").read_bytes().decode()
    assert "DTSTART;VALUE=DATE:20271203\r\n" in ics
    assert "SUMMARY:Follow up with Dana Rivera about the Data Analyst role\r\n" in ics
    assert "BEGIN:VALARM" in ics
    email = (tmp_path / "message.txt").read_text()
    assert email.startswith(
        "To: Dana Rivera\nSubject: Thank you: Data Analyst interview\n\nDear Ms. Rivera,\n"
    )


def test_check_reports_fit_and_json_matches_the_manifest_shape(tmp_path: Path) -> None:
    text = run("check", str(SAMPLE))
    assert text.exit_code == 0
    assert text.output.splitlines()[0].startswith("Dana Rivera: fits: 24 lines needed, 28 available")
    data = json.loads(run("check", str(SAMPLE), "--json").output)
    (recipient,) = data["recipients"]
    assert set(recipient) == {"name", "fit", "warnings"}
    assert recipient["fit"]["lines_needed"] == 24
    assert not list(tmp_path.iterdir())


def test_check_tells_what_would_fit_and_strict_exits_1(tmp_path: Path) -> None:
    note = write_note(tmp_path, {"card.format": "a2-flat"})
    result = run("check", str(note), "--strict")
    assert result.exit_code == 1
    assert "does NOT fit: 24 lines needed, 14 available on back 14/14" in result.output
    assert "the message needs 10 more lines than the back panel holds" in result.output
    assert "write smaller: x_height" in result.output
    assert 'use a larger card: format = "' in result.output or "cut about" in result.output


def test_print_mode_overflow_is_an_error_naming_what_would_fit(tmp_path: Path) -> None:
    words = " ".join(["wonderful"] * 600)
    note = write_note(tmp_path, {"template": None, "message.text": words, "card.message": "print"})
    result = run("build", str(note), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "too long to print on the A2 folded card" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["formats", "envelopes", "papers", "fronts", "templates", "fonts"])
def test_list_prints_text_and_json(kind: str) -> None:
    text = run("list", kind)
    rows = json.loads(run("list", kind, "--json").output)
    assert text.exit_code == 0 and len(text.output.splitlines()) == len(rows) > 1
    if kind in ("formats", "envelopes", "papers"):
        assert {"width_pt", "height_pt", "width_mm", "height_mm"} <= set(rows[0])


def test_list_formats_json_sizes() -> None:
    rows = {r["name"]: r for r in json.loads(run("list", "formats", "--json").output)}
    assert rows["a2-folded"]["width_pt"] == 306 and rows["a2-folded"]["flat"]["width_pt"] == 612
    assert rows["iso-a6-flat"]["width_mm"] == 105 and rows["iso-a6-flat"]["envelope"] == "c6"


def test_init_writes_a_note_that_checks_clean(tmp_path: Path) -> None:
    path = tmp_path / "note.toml"
    assert run("init", str(path)).exit_code == 0
    assert "# what you forgot to mention" in path.read_text()
    assert run("check", str(path)).exit_code == 0
    again = run("init", str(path))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_init_interactive_asks_and_fills_in(tmp_path: Path) -> None:
    path = tmp_path / "note.toml"
    answers = [
        "Jo Park",
        "5 Oak Ave",
        "Portland",
        "OR",
        "97201",
        "US",
        "Sam Lee",
        "",
        "Acme",
        "1 Main St",
        "Austin",
        "TX",
        "78701",
        "US",
        "Product Designer",
        "your design critique ritual",
        "",
        "2026-12-10",
    ]
    result = run("init", "--interactive", str(path), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert 'role = "Product Designer"' in text and "decision_by = 2026-12-10" in text
    assert '# forgot = "' in text  # left out: commented, not the example
    check = run("check", str(path), "--json")
    assert check.exit_code == 0


def test_demo_builds_the_sample(tmp_path: Path) -> None:
    result = run("demo", "-o", str(tmp_path / "demo"))
    assert result.exit_code == 0
    assert (tmp_path / "demo" / "card.pdf").stat().st_size > 1000


def test_preview_renders_every_page_to_png(tmp_path: Path) -> None:
    result = run("preview", str(SAMPLE), "-o", str(tmp_path), "--dpi", "30")
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["card-1.png", "card-2.png", "envelope-1.png", "guide-1.png", "guide-2.png"]
    assert (tmp_path / "card-1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


BAD_NOTES = {
    "malformed TOML": ('template = "x\n', r"note.toml:1: invalid TOML"),
    "binary garbage": (b"\x00\xff\xfe garbage", r"note.toml: not UTF-8 text"),
    "unknown format": ("card.format", "a2-foldd"),
    "nonsense length": ("handwriting.x_height", "3 parsecs"),
    "missing template field": ("message.role", None),
}


@pytest.mark.parametrize("case", list(BAD_NOTES))
def test_bad_input_exits_2_with_one_or_two_lines_and_writes_nothing(tmp_path: Path, case: str) -> None:
    content, value = BAD_NOTES[case]
    if case in ("malformed TOML", "binary garbage"):
        note = tmp_path / "note.toml"
        note.write_bytes(content if isinstance(content, bytes) else content.encode())
    else:
        note = write_note(tmp_path, {content: value})
    out = tmp_path / "out"
    process = subprocess.run(
        [PYTHON, "-m", "cardgen", "build", str(note), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert 1 <= len(process.stderr.strip().splitlines()) <= 2, process.stderr
    assert process.stderr.startswith("cardgen: ") and "note.toml" in process.stderr
    assert not out.exists()


def test_missing_note_file(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "missing.toml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "missing.toml: no such file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("keep me")
    result = run("build", str(SAMPLE), "-o", str(target))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr
    assert target.read_text() == "keep me"


def test_failed_build_leaves_previous_outputs_untouched(tmp_path: Path) -> None:
    run("build", str(SAMPLE), "-o", str(tmp_path))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    bad = (
        write_note(tmp_path / "notes", {"card.format": "nope"})
        if (tmp_path / "notes").mkdir() is None
        else None
    )
    assert bad is not None
    assert run("build", str(bad), "-o", str(tmp_path)).exit_code == 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_a_folder_with_other_files_is_refused_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "my-letter.docx").write_text("precious")
    refused = run("build", str(SAMPLE), "-o", str(tmp_path))
    assert refused.exit_code == 2
    assert (
        "holds files cardgen did not make (my-letter.docx)" in refused.stderr and "--force" in refused.stderr
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-letter.docx"]
    assert run("build", str(SAMPLE), "-o", str(tmp_path), "--force").exit_code == 0
    assert (tmp_path / "my-letter.docx").read_text() == "precious"
    assert run("build", str(SAMPLE), "-o", str(tmp_path / "again")).exit_code == 0
    assert run("build", str(SAMPLE), "-o", str(tmp_path / "again")).exit_code == 0, "its own outputs are fine"


def every_command(group: click.Group = main, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the real CLI, subcommands of groups included (e.g. calibrate printer)."""
    found = []
    for name, command in group.commands.items():
        found.append((*path, name))
        if isinstance(command, click.Group):
            found += every_command(command, (*path, name))
    return found


def test_every_command_has_help_and_is_in_the_readme() -> None:
    commands = every_command()
    assert {("tracing",), ("preflight",), ("calibrate", "printer"), ("print",)} <= set(commands)
    readme = (ROOT / "README.md").read_text()
    for command in commands:
        leaf = main
        for name in command:
            leaf = leaf.commands[name]  # type: ignore[attr-defined]
        assert isinstance(leaf, (Command, click.Group)), f"{command} does not name the flags in its errors"
        result = run(*command, "--help")
        assert result.exit_code == 0 and len(result.output) > 100, command
        assert f"cardgen {' '.join(command)}" in readme, (
            f"README does not document `cardgen {' '.join(command)}`"
        )


def test_an_interrupted_write_leaves_the_previous_outputs_and_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardgen import files as build

    assert run("build", str(SAMPLE), "-o", str(tmp_path)).exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_write = build.Staging.write
    written = []

    def interrupt_on_third(self, name: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
        written.append(name)
        if len(written) == 3:
            raise KeyboardInterrupt
        real_write(self, name, data)

    monkeypatch.setattr(build.Staging, "write", interrupt_on_third)
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(write_note(tmp_path.parent, {"card.message": "print"}, "other.toml")),
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 130 and "interrupted; nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert len(written) == 3


def test_feed_flags_override_the_note_and_put_the_envelope_on_a_carrier_sheet(tmp_path: Path) -> None:
    import pypdf

    result = run(
        "build", str(SAMPLE), "-o", str(tmp_path), "--feed", "center", "--feed-rotate", "90", "--face", "down"
    )
    assert result.exit_code == 0, result.stderr
    (page,) = pypdf.PdfReader(tmp_path / "envelope.pdf").pages
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_calibrate_envelope_writes_the_feed_test_page(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "feed-test.pdf"
    assert run("calibrate", "envelope", "-o", str(out), "--paper", "a4").exit_code == 0
    page = pypdf.PdfReader(out).pages[0]
    assert round(float(page.mediabox.width), 2) == 595.28
    assert "THIS EDGE WENT IN FIRST" in page.extract_text()
    assert run("calibrate", "envelope", "-o", str(out)).exit_code == 2, "never overwrites without --force"
