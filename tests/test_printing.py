"""What `cardgen print` decides without a printer: the manifest's print facts, the media names of
page sizes, the dry run's exact lp commands, one recipient's pages of a run, the printer-profile
check, a single PDF's duplex, and the errors when CUPS is not there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cardgen.errors import InputError
from cardgen.printing import media_for, read_kit
from cardgen.printplan import Request, plan_print
from tests.conftest import SAMPLE, run, write_note
from tests.test_recipients import PANEL, write_csv

IN, MM = 72.0, 72 / 25.4


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:9")  # never a real printer: nothing listens there
    return tmp_path / "config"


def build(tmp_path: Path, changes: dict[str, object] | None = None, *extra: str) -> Path:
    out = tmp_path / "out"
    result = run("build", str(write_note(tmp_path, changes)), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return out


def test_the_manifest_records_what_printing_needs(tmp_path: Path) -> None:
    out = build(tmp_path, {"print.duplex": "manual", "print.backs": "reversed", "envelope.feed": "left"})
    facts = json.loads((out / "manifest.json").read_text())["print"]
    assert facts == {
        "note": "note.toml",
        "target": "home",
        "paper": "letter",
        "duplex": "manual",
        "backs": "reversed",
        "print_check_pages": 0,
        "printer": None,
        "envelope": {
            "format": "a2",
            "address": "print",
            "feed": "left",
            "feed_rotate": 0,
            "face": "up",
            "return_address": "front",
        },
    }


@pytest.mark.parametrize(
    ("size", "ipp"),
    [
        ((792, 612), "na_letter_8.5x11in"),
        ((595.28, 841.89), "iso_a4_210x297mm"),
        ((5.75 * IN, 4.375 * IN), "na_a2_4.375x5.75in"),
        ((9.5 * IN, 4.125 * IN), "na_number-10_4.125x9.5in"),
        ((220 * MM, 110 * MM), "iso_dl_110x220mm"),
        ((162 * MM, 114 * MM), "iso_c6_114x162mm"),
        ((7.25 * IN, 5.25 * IN), "custom_5.25x7.25in_5.25x7.25in"),  # A7: no standard IPP name
    ],
)
def test_a_page_size_is_printed_on_the_media_of_that_size(size: tuple[float, float], ipp: str) -> None:
    assert media_for(*size).ipp == ipp


def test_the_dry_run_prints_the_exact_lp_commands_of_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert run("build", str(SAMPLE), "-o", str(out)).exit_code == 0
    result = run("print", str(out), "--printer", "home-inkjet", "--dry-run")
    assert result.exit_code == 0, result.stderr
    opts = "-o sides=one-sided -o print-scaling=none -o fit-to-page=false"
    assert result.stdout.splitlines() == [
        f"lp -d home-inkjet -t 'cardgen card.pdf' -n 1 -o media=na_letter_8.5x11in -o sides=two-sided-long-edge "
        f"-o print-scaling=none -o fit-to-page=false -- {out}/card.pdf",
        "# then wait: Load plain paper for the handwriting guide, then press Enter.",
        f"lp -d home-inkjet -t 'cardgen guide.pdf' -n 1 -o media=na_letter_8.5x11in {opts} -- {out}/guide.pdf",
        "# then wait: Test envelope: put ONE sheet of plain paper where the envelopes go, as an envelope: face "
        "up, the way the envelope feed test showed. Then press Enter.",
        f"lp -d home-inkjet -t 'cardgen envelope.pdf (test)' -n 1 -P 1 -o media=na_a2_4.375x5.75in {opts} "
        f"-- {out}/envelope.pdf",
        "# then wait: Hold the test sheet against an envelope: is the address where it belongs, the right way "
        "up? [y/N]",
        "# then wait: Load 1 envelope: face up, the way the envelope feed test showed. Then press Enter.",
        f"lp -d home-inkjet -t 'cardgen envelope.pdf' -n 1 -o media=na_a2_4.375x5.75in {opts} -- {out}/envelope.pdf",
    ]


def test_one_recipient_of_a_run_prints_only_their_pages(tmp_path: Path) -> None:
    note = write_note(
        tmp_path, {"card.format": "a2-flat", "print.duplex": "manual", "print.backs": "reversed"}
    )
    csv_path = write_csv(tmp_path / "panel.csv", PANEL, ",", "utf-8")
    out = tmp_path / "out"
    assert run("build", str(note), "--recipients", str(csv_path), "-o", str(out)).exit_code == 0
    kit = read_kit(out)
    third = kit.recipients[2]
    plan = plan_print(kit, Request("q", recipient=str(third["name"])))
    jobs = {s.pdf.path.name: s.page_ranges for s in plan.steps if hasattr(s, "pdf") and "test" not in s.title}
    # 3 recipients, 2 flat cards a sheet: the third is alone on sheet 2, which is page 1 of the reversed backs
    assert third["card_pages"] == [2]
    assert jobs == {"card-fronts.pdf": "2", "card-backs.pdf": "1", "guide.pdf": "3", "envelope.pdf": "3"}
    with pytest.raises(InputError, match=r"'Nobody' is not in"):
        plan_print(kit, Request("q", recipient="Nobody"))


def test_a_card_built_without_the_queues_saved_profile_is_refused_with_the_build_command(
    tmp_path: Path,
) -> None:
    out = build(tmp_path)
    assert run("calibrate", "printer", "--landscape", "--save", "office", "--back-dx", "0.5").exit_code == 0
    result = run("print", str(out), "--printer", "office", "--dry-run")
    assert result.exit_code == 2
    assert result.stderr == (
        f"cardgen: {out}: the card was built without offsets, but printer profile 'office' is saved for this "
        f"printer; rebuild with its offsets: cardgen build note.toml -o {out} --printer office (or --as-built)\n"
    )
    assert run("print", str(out), "--printer", "office", "--dry-run", "--as-built").exit_code == 0
    assert run("print", str(out), "--printer", "office", "--dry-run", "--only", "guide").exit_code == 0


def test_a_card_built_for_another_printer_is_refused(tmp_path: Path) -> None:
    assert run("calibrate", "printer", "--landscape", "--save", "office", "--back-dx", "0.5").exit_code == 0
    out = build(tmp_path, None, "--printer", "office")
    result = run("print", str(out), "--printer", "den-laser", "--dry-run")
    assert result.exit_code == 2
    assert "built with the offsets of printer 'office'; print it with --printer office" in result.stderr
    assert run("print", str(out), "--printer", "office", "--dry-run").exit_code == 0


def test_a_single_pdf_prints_with_its_own_duplex_and_pages(tmp_path: Path) -> None:
    out = build(tmp_path)
    result = run(
        "print", str(out / "card.pdf"), "--printer", "q", "--dry-run", "--pages", "1-2", "--copies", "3"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "lp -d q -t 'cardgen card.pdf' -n 3 -P 1-2 -o media=na_letter_8.5x11in -o sides=two-sided-long-edge "
        f"-o print-scaling=none -o fit-to-page=false -o collate=true -- {out}/card.pdf\n"
    )
    bad = run("print", str(out / "card.pdf"), "--printer", "q", "--dry-run", "--pages", "3")
    assert bad.stderr == "cardgen: --pages: '3' is outside the file's pages 1-2\n"


def test_a_shop_folder_or_a_folder_without_a_manifest_is_refused(tmp_path: Path) -> None:
    shop = build(tmp_path, {"print.target": "shop"})
    result = run("print", str(shop), "--printer", "q", "--dry-run")
    assert result.exit_code == 2
    assert "files for a print shop" in result.stderr
    (tmp_path / "empty").mkdir()
    empty = run("print", str(tmp_path / "empty"), "--printer", "q", "--dry-run")
    assert (
        empty.stderr
        == f"cardgen: {tmp_path / 'empty'}: no manifest.json; give a folder cardgen build wrote, or one of its PDFs\n"
    )


def test_no_scheduler_is_a_clear_error_and_nothing_is_sent(tmp_path: Path) -> None:
    out = build(tmp_path)
    if not any(Path(d, "lpstat").exists() for d in os.environ["PATH"].split(os.pathsep)):
        pytest.skip("lpstat (cups-client) is not installed")
    result = run("print", str(out), "--printer", "q")
    assert result.exit_code == 2
    assert result.stderr.startswith("cardgen: the CUPS scheduler is not running: start it")


def test_no_cups_at_all_is_a_clear_error(tmp_path: Path) -> None:
    out = build(tmp_path)
    bare = tmp_path / "bin"
    bare.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "cardgen", "print", str(out), "--printer", "q"],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(bare)},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("cardgen: CUPS is not installed here (no 'lpstat' command): install it")
    assert "Traceback" not in result.stderr


def test_a_short_edge_card_is_sent_two_sided_short_edge(tmp_path: Path) -> None:
    out = build(tmp_path, {"print.duplex": "short"})
    result = run("print", str(out), "--printer", "q", "--dry-run", "--only", "card")
    assert result.exit_code == 0, result.stderr
    assert " -o sides=two-sided-short-edge " in result.stdout


def test_the_readme_shows_the_samples_dry_run_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ cardgen print out/demo --printer Office_Inkjet --dry-run\n", 1)[1].split(
        "```", 1
    )[0]
    monkeypatch.chdir(tmp_path)
    assert run("demo", "-o", "out/demo").exit_code == 0
    result = run("print", "out/demo", "--printer", "Office_Inkjet", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == block


def test_an_addressing_guide_slip_prints_on_plain_paper_without_a_test_envelope(tmp_path: Path) -> None:
    out = build(tmp_path, {"envelope.address": "guide"})
    result = run("print", str(out), "--printer", "q", "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Test envelope" not in result.stdout
    assert lines[1] == "# then wait: Load plain paper for the handwriting guide, then press Enter."
    assert lines[-1].startswith(
        "lp -d q -t 'cardgen envelope.pdf' -n 1 -o media=na_letter_8.5x11in -o sides=one-sided"
    )


def test_a_split_run_is_printed_a_file_at_a_time(tmp_path: Path) -> None:
    note = write_note(tmp_path)
    csv_path = write_csv(tmp_path / "panel.csv", PANEL, ",", "utf-8")
    out = tmp_path / "out"
    assert run("build", str(note), "--recipients", str(csv_path), "--split", "-o", str(out)).exit_code == 0
    result = run("print", str(out), "--printer", "q", "--dry-run")
    assert result.exit_code == 2
    assert result.stderr == (
        f"cardgen: {out}: built a folder per recipient: print a recipient's PDFs (e.g. 001-dana-rivera/card.pdf), "
        "one file at a time\n"
    )
    single = run("print", str(out / "001-dana-rivera" / "card.pdf"), "--printer", "q", "--dry-run")
    assert single.exit_code == 0, single.stderr


def test_an_envelope_with_the_return_address_on_the_flap_prints_fronts_then_flaps(tmp_path: Path) -> None:
    out = build(tmp_path, {"envelope.return_address": "back"})
    result = run("print", str(out), "--printer", "q", "--dry-run", "--only", "envelope", "--copies", "2")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[3]
        == "# then wait: Load 2 envelopes: face up, the way the envelope feed test showed. Then press Enter."
    )
    assert lines[4].startswith("lp -d q -t 'cardgen envelope.pdf' -n 2 -P 1 -o media=na_a2_4.375x5.75in")
    assert lines[5].startswith(
        "# then wait: Fronts sent. Turn each printed envelope over where it lies, flap side up"
    )
    assert lines[6].startswith("lp -d q -t 'cardgen envelope.pdf' -n 2 -P 2 -o media=na_a2_4.375x5.75in")


def test_a_pen_plotter_folder_is_not_printed(tmp_path: Path) -> None:
    out = build(tmp_path, None, "--format", "svg")
    result = run("print", str(out), "--printer", "q", "--dry-run")
    assert result.stderr == f"cardgen: {out}: built as SVG for a pen plotter; build PDFs to print\n"


@pytest.mark.parametrize(
    "duplex, backs, card_jobs",
    [
        ("long", "same", [("card.pdf", "3-4", "two-sided-long-edge")]),  # the check and its blank back
        ("manual", "same", [("card-fronts.pdf", "2", "one-sided"), ("card-backs.pdf", "2", "one-sided")]),
        ("manual", "reversed", [("card-fronts.pdf", "2", "one-sided"), ("card-backs.pdf", "1", "one-sided")]),
    ],
)
def test_a_whole_sheet_cards_print_check_goes_on_plain_paper_first(
    tmp_path: Path, config: Path, duplex: str, backs: str, card_jobs: list[tuple[str, str, str]]
) -> None:
    from cardgen.printing import Job, Pause

    out = build(
        tmp_path,
        {"card.format": "a9-folded", "envelope.format": "a9", "print.duplex": duplex, "print.backs": backs},
    )
    kit = read_kit(out, ("card",))
    assert kit.facts["print_check_pages"] == (2 if duplex == "long" else 1)
    steps = plan_print(kit, Request("office", as_built=True)).steps
    assert isinstance(steps[0], Pause) and "plain paper" in steps[0].message
    check = steps[1]
    assert isinstance(check, Job) and check.page_ranges == "1" and check.sides == "one-sided"
    assert isinstance(steps[2], Pause) and "load the card stock" in steps[2].message
    jobs = [(s.pdf.path.name, s.page_ranges, s.sides) for s in steps[3:] if isinstance(s, Job)]
    assert jobs == card_jobs
