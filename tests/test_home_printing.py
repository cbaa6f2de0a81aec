"""Home printing beyond one card: cards of a run sharing sheets, manual duplex files, printer
offsets applied by translation, the printer calibration sheet, photo fronts and preflight at home."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PIL import Image as PILImage

from cardgen import catalog
from cardgen.kit import make_kit
from cardgen.layout.calibrate import TARGET_INSET, printer_test
from cardgen.manifest import photo_ppi, recipient_report
from cardgen.scene import Group, Image, Line, walk
from tests.conftest import SAMPLE, note_with, run, write_note
from tests.test_recipients import PANEL, write_csv

MM = 72 / 25.4


def has(text: str, word: str) -> bool:
    """Whether the word is in text extracted from a page (upside-down text comes out reversed)."""
    return word in text or word[::-1] in text


def test_a_run_puts_consecutive_recipients_cards_on_shared_sheets(tmp_path: Path) -> None:
    note = write_note(tmp_path, {"card.format": "a2-flat", "card.message": "print"})
    csv_path = write_csv(tmp_path / "panel.csv", PANEL, ",", "utf-8")
    out = tmp_path / "out"
    assert run("build", str(note), "--recipients", str(csv_path), "-o", str(out)).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [r["card_pages"] for r in manifest["recipients"]] == [[1, 2], [1, 2], [3, 4]]  # 2 cards a sheet
    with pdfplumber.open(out / "card.pdf") as pdf:
        assert len(pdf.pages) == 4
        backs = [" ".join((page.extract_text() or "").split()) for page in pdf.pages[1::2]]
    dana, sam, priya = "rebuilt", "testing", "week"  # words of each row's own line
    assert has(backs[0], dana) and has(backs[0], sam) and not has(backs[0], priya)
    assert has(backs[1], priya) and not has(backs[1], dana)


@pytest.mark.parametrize("backs", ["same", "reversed"])
def test_manual_duplex_writes_a_fronts_file_and_a_backs_file(tmp_path: Path, backs: str) -> None:
    note = write_note(tmp_path, {"print.duplex": "manual", "print.backs": backs, "card.message": "print"})
    csv_path = write_csv(tmp_path / "panel.csv", PANEL, ",", "utf-8")
    out = tmp_path / "out"
    result = run("build", str(note), "--recipients", str(csv_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert not (out / "card.pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["files"]["card"] == ["card-fronts.pdf", "card-backs.pdf"]
    fronts = pypdf.PdfReader(out / "card-fronts.pdf")
    with pdfplumber.open(out / "card-backs.pdf") as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert len(fronts.pages) == len(texts) == 3
    assert "/Duplex" not in fronts.trailer["/Root"].get("/ViewerPreferences", {})
    order = [next(i for i, word in enumerate(("rebuilt", "testing", "week")) if has(t, word)) for t in texts]
    assert order == ([0, 1, 2] if backs == "same" else [2, 1, 0])


def test_printer_offsets_move_each_side_back_by_what_was_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    offsets = ("--front-dx", "0.8", "--front-dy", "-0.5", "--back-dx", "-1.2", "--back-dy", "0.4")
    saved = run("calibrate", "printer", "--save", "office", "--landscape", *offsets)
    assert saved.exit_code == 0 and "office" in saved.output
    for duplex, back in (("long", (-1.2, 0.4)), ("short", (1.2, -0.4))):  # the other flip: a half turn
        kit = make_kit(note_with(tmp_path, {"print.printer": "office", "print.duplex": duplex}))  # landscape
        plain = make_kit(note_with(tmp_path, {"print.duplex": duplex}))
        assert not kit.warnings
        for page, plain_page, (dx, dy) in zip(
            kit.card.pages, plain.card.pages, [(0.8, -0.5), back], strict=True
        ):
            (shift,) = page.items
            assert isinstance(shift, Group) and shift.items == plain_page.items
            # the printer then moves everything by (dx, dy): the two cancel, no scaling
            assert shift.transform == pytest.approx((1, 0, 0, 1, -dx * MM, -dy * MM))


def test_a_profile_measured_on_the_other_orientation_is_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    assert run("calibrate", "printer", "--save", "upright", "--front-dx", "1").exit_code == 0  # portrait
    kit = make_kit(note_with(tmp_path, {"print.printer": "upright"}))  # a2-folded prints landscape
    assert kit.card.pages == make_kit(note_with(tmp_path, {})).card.pages
    assert any("measured on portrait pages" in w and "again on landscape pages" in w for w in kit.warnings)
    flat = make_kit(note_with(tmp_path, {"print.printer": "upright", "card.format": "a9-flat"}))  # portrait
    assert isinstance(flat.card.pages[0].items[0], Group) and flat.card.pages[0].items[0].transform[
        4
    ] == pytest.approx(-MM)


def test_saving_a_profile_keeps_everything_else_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "notes.txt").write_text("mine")
    (config / "keep").mkdir()
    monkeypatch.setenv("CARDGEN_CONFIG", str(config))
    assert run("calibrate", "printer", "--save", "a", "--front-dx", "1").exit_code == 0
    assert (
        run(
            "calibrate", "handwriting", "--save", "me", "--x-height", "3mm", "--pangram-length", "124mm"
        ).exit_code
        == 0
    )
    assert run("calibrate", "printer", "--save", "b").exit_code == 0
    assert sorted(p.name for p in config.iterdir()) == ["hands.toml", "keep", "notes.txt", "printers.toml"]
    assert "[a]" in (config / "printers.toml").read_text() and "[b]" in (config / "printers.toml").read_text()


def test_offsets_that_are_not_numbers_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    result = run("calibrate", "printer", "--save", "x", "--front-dx", "nan")
    assert result.exit_code == 2 and "--front-dx" in result.stderr
    assert not (tmp_path / "config" / "printers.toml").exists()


def test_an_unknown_printer_profile_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    result = run("build", str(SAMPLE), "-o", str(tmp_path / "out"), "--printer", "nope")
    assert result.exit_code == 2 and "--printer: 'nope': no such profile" in result.stderr
    assert "calibrate printer" in result.stderr and not (tmp_path / "out").exists()
    note = write_note(tmp_path, {"print.printer": "nope"})
    result = run("check", str(note))
    assert result.exit_code == 2 and "print.printer" in result.stderr


def test_profiles_refuse_bad_names_and_huge_offsets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    assert "not a usable name" in run("calibrate", "printer", "--save", "my printer!").stderr
    assert "more than 20 mm" in run("calibrate", "printer", "--save", "x", "--front-dx", "25").stderr


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_printer_test_sheet_has_cross_hairs_25_mm_from_the_edges_on_both_sides(paper: str) -> None:
    document = printer_test(catalog.papers()[paper])
    assert document.duplex == "long" and len(document.pages) == 2
    for page in document.pages:
        lines = [i for i, _, _ in walk(page.items) if isinstance(i, Line) and i.x1 != i.x2 and i.y1 == i.y2]
        horizontal_at = {round(i.y1, 3) for i in lines}
        assert (
            round(TARGET_INSET, 3) in horizontal_at and round(page.height - TARGET_INSET, 3) in horizontal_at
        )
        assert pytest.approx(25 * MM) == TARGET_INSET
        ticks = [
            i
            for i, _, _ in walk(page.items)
            if isinstance(i, Line) and i.x1 == i.x2 and i.y2 < i.y1 and i.y1 - i.y2 <= 6
        ]
        span = max(t.x1 for t in ticks) - min(t.x1 for t in ticks)
        assert span == pytest.approx(100 * MM)  # the ruler


def test_calibrate_printer_writes_the_sheet(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    assert run("calibrate", "printer", "-o", str(out)).exit_code == 0
    assert len(pypdf.PdfReader(out).pages) == 2
    assert "give -o" in run("calibrate", "printer").stderr


def test_a_home_photo_front_is_inset_from_the_card_edges(tmp_path: Path) -> None:
    PILImage.new("RGB", (1200, 1600), (90, 120, 160)).save(tmp_path / "photo.jpg")
    kit = make_kit(
        note_with(tmp_path, {"card.front": "photo", "card.image": "photo.jpg", "card.format": "a2-flat"})
    )
    ((image, labels),) = [(i, labels) for i, _, labels in walk(kit.faces.outside) if isinstance(i, Image)]
    assert labels == ("front",) and image.x == pytest.approx(18) and image.w == pytest.approx(306 - 36)
    assert not [w for w in kit.warnings if "ppi" in w]  # 1200 px over 3.75 in is 320 ppi
    assert photo_ppi(kit.faces) == 320
    assert recipient_report(kit)["photo_ppi"] == 320


def test_a_missing_photo_is_one_clear_line(tmp_path: Path) -> None:
    note = write_note(tmp_path, {"card.front": "photo", "card.image": "nowhere.jpg"})
    result = run("build", str(note), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "card.image" in result.stderr and "no such file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    missing = write_note(tmp_path, {"card.front": "photo"}, name="no-image.toml")
    assert "card.image: missing for the photo front" in run("check", str(missing)).stderr


def test_home_files_pass_home_preflight_and_the_command_exits_by_result(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLE), "-o", str(out)).exit_code == 0
    home = run("preflight", str(out / "card.pdf"), "--target", "home")
    assert home.exit_code == 0 and "0 failed" in home.output
    shop = run("preflight", str(out / "card.pdf"))
    assert shop.exit_code == 1 and "TrimBox" in shop.output
    junk = tmp_path / "junk.pdf"
    junk.write_text("hello")
    bad = run("preflight", str(junk))
    assert bad.exit_code == 2 and "not a PDF" in bad.stderr
