"""A recipients CSV: one kit per row in CSV order, per-row overrides, encodings, delimiters, bad rows."""

import codecs
import dataclasses
import json
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import SAMPLE, run

HEADER = ["name", "title", "company", "street", "city", "region", "postal_code", "country", "enjoyed"]
PANEL = [
    [
        "Dana Rivera",
        "Engineering Manager",
        "Northwind Labs",
        "400 Market Street",
        "San Francisco",
        "CA",
        "94105",
        "US",
        "hearing how your team rebuilt the reporting pipeline",
    ],
    [
        "Sam Okafor",
        "Staff Analyst",
        "Northwind Labs",
        "400 Market Street",
        "San Francisco",
        "CA",
        "94105",
        "US",
        "your question about testing dbt models",
    ],
    [
        "Priya Shah",
        "",
        "Northwind Labs",
        "10 Downing Street",
        "London",
        "",
        "SW1A 2AA",
        "GB",
        "the story of the reporting dashboard's first week",
    ],
]


def write_csv(
    path: Path,
    rows: list[list[str]],
    delimiter: str = ",",
    encoding: str = "utf-8",
    header: list[str] = HEADER,
) -> Path:
    lines = [delimiter.join(header)] + [
        delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def guide_text(out: Path, pages: list[int]) -> str:
    with pdfplumber.open(out / "guide.pdf") as pdf:
        return " ".join(pdf.pages[n - 1].extract_text() for n in pages)


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-8"), (",", "utf-16")]
)
def test_one_kit_per_row_in_order_with_personal_lines(tmp_path: Path, delimiter: str, encoding: str) -> None:
    csv_path = write_csv(tmp_path / "panel.csv", PANEL, delimiter, encoding)
    if encoding == "utf-16":
        assert csv_path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    out = tmp_path / "out"
    result = run("build", str(SAMPLE), "--recipients", str(csv_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    people = manifest["recipients"]
    assert [p["name"] for p in people] == ["Dana Rivera", "Sam Okafor", "Priya Shah"]
    assert [p["csv_line"] for p in people] == [2, 3, 4]
    assert [p["card_pages"] for p in people] == [[1, 2], [3, 4], [5, 6]]
    assert [p["envelope_pages"] for p in people] == [[1], [2], [3]]
    for person, row in zip(people, PANEL, strict=True):
        text = " ".join(guide_text(out, person["guide_pages"]).split())
        assert " ".join(row[-1].split()[:3]) in text, "this row's own line is on this row's guide"
        others = [r[-1] for r in PANEL if r is not row]
        assert not any(" ".join(o.split()[-3:]) in text for o in others), "and nobody else's"
    with pdfplumber.open(out / "envelope.pdf") as pdf:
        envelopes = [page.extract_text() for page in pdf.pages]
    assert "DANA RIVERA" in envelopes[0] and "SAM OKAFOR" in envelopes[1]
    assert envelopes[2].strip().endswith("UNITED KINGDOM")


def test_blank_lines_are_skipped_and_missing_columns_take_the_note_s_country(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "name,street,city,region,postal_code\n\nAda Byron,1 Main St,Austin,TX,78701\n\n", encoding="utf-8"
    )
    data = json.loads(run("check", str(SAMPLE), "--recipients", str(path), "--json").output)
    assert [r["name"] for r in data["recipients"]] == ["Ada Byron"]
    assert data["recipients"][0]["csv_line"] == 3 and data["skipped"] == []


def test_bad_rows_are_skipped_with_their_line_and_field_and_strict_stops(tmp_path: Path) -> None:
    rows = [
        PANEL[0],
        ["", "", "", "1 Main St", "Austin", "TX", "78701", "US", "x"],
        ["Too", "Few", "Fields"],
        ["Zed", "", "", "1 Rue", "Paris", "", "75001", "QQ", "y"],
        PANEL[1],
    ]
    csv_path = write_csv(tmp_path / "panel.csv", rows)
    out = tmp_path / "out"
    result = run("build", str(SAMPLE), "--recipients", str(csv_path), "-o", str(out))
    assert result.exit_code == 0
    assert "warning: skipped panel.csv:3: name: empty; every row needs a name" in result.stderr
    assert "warning: skipped panel.csv:4: the row has 3 fields, the header 9" in result.stderr
    assert "warning: skipped panel.csv:5: recipient.country: unknown country code 'QQ'" in result.stderr
    assert "(2 recipients, 0 with warnings, 3 rows skipped)" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert [r["name"] for r in manifest["recipients"]] == ["Dana Rivera", "Sam Okafor"]
    assert len(manifest["skipped"]) == 3
    strict_out = tmp_path / "strict"
    strict = run("build", str(SAMPLE), "--recipients", str(csv_path), "-o", str(strict_out), "--strict")
    assert strict.exit_code == 2
    assert (
        "panel.csv:3: name: empty" in strict.stderr
        and "(a strict run stops at the first bad row)" in strict.stderr
    )
    assert not strict_out.exists()


def test_a_bad_date_in_a_row_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,decision_by\nAda,2026-13-45\nBo,2026-12-10\n", encoding="utf-8")
    data = json.loads(run("check", str(SAMPLE), "--recipients", str(path), "--json").output)
    assert data["skipped"] == ["p.csv:2: decision_by: '2026-13-45' is not a date; write it as YYYY-MM-DD"]
    assert [r["name"] for r in data["recipients"]] == ["Bo"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"naem,city\nAda,Austin\n", "p.csv:1: no 'name' column; did you mean 'name'?"),
        ("name,city\nZoë,Köln\n".encode("latin-1"), "p.csv:2: not UTF-8 text"),
        (b"", "p.csv: empty"),
        (b"name,name\nA,B\n", "p.csv:1: the column 'name' appears twice"),
    ],
)
def test_unusable_files_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(content)
    result = run("build", str(SAMPLE), "--recipients", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_check_json_lists_every_recipient(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "panel.csv", PANEL)
    data = json.loads(run("check", str(SAMPLE), "--recipients", str(csv_path), "--json").output)
    assert [r["name"] for r in data["recipients"]] == [row[0] for row in PANEL]
    assert all(set(r) == {"name", "csv_line", "fit", "warnings"} for r in data["recipients"])


def many(path: Path, count: int) -> Path:
    rows = [
        [f"Person {i}", "", "Acme", f"{i} Main St", "Austin", "TX", "78701", "US", f"topic {i}"]
        for i in range(count)
    ]
    return write_csv(path, rows)


def test_a_10000_row_csv_is_made_one_kit_at_a_time(tmp_path: Path) -> None:
    from cardgen import load_note
    from cardgen.jobs import make_job

    path = many(tmp_path / "big.csv", 10_000)
    lines = path.read_text().splitlines()
    lines[52] = lines[52].replace(",US,", ",XX,")  # row 52 (CSV line 53) is bad: making it records a skip
    path.write_text("\n".join(lines) + "\n")
    job = make_job(load_note(SAMPLE), path, workers=0)
    assert job.total == 10_000
    first = [next(job.entries) for _ in range(50)]
    assert job.skipped == [], "kits are made as the run reaches them, not all up front"
    assert [kit.note.recipient.name for _, kit in first][-1] == "Person 49"
    rest = [next(job.entries) for _ in range(5)]
    assert len(job.skipped) == 1 and "big.csv:53:" in job.skipped[0]
    assert rest[-1][1].note.recipient.name == "Person 55"


def test_parts_drawn_by_worker_processes_give_the_same_files_as_one_process(tmp_path: Path) -> None:
    from cardgen import load_note
    from cardgen.jobs import make_job
    from cardgen.parts import PART_SIZE
    from cardgen.writer import render_files

    rows = many(tmp_path / "p.csv", 2 * PART_SIZE + 10)  # three parts
    outputs = []
    for workers in (0, 2):
        files, _ = render_files(make_job(load_note(SAMPLE), rows, workers=workers))
        outputs.append(files)
    assert outputs[0] == outputs[1]
    manifest = json.loads(outputs[0]["manifest.json"])
    assert [r["card_pages"] for r in manifest["recipients"]][-1] == [419, 420]


@pytest.mark.parametrize("workers", [0, 2])
def test_a_run_of_whole_sheet_cards_starts_with_one_print_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    import io

    import pypdf

    from cardgen import parts
    from cardgen.jobs import make_job
    from cardgen.writer import render_files
    from tests.conftest import note_with

    monkeypatch.setattr(parts, "PART_SIZE", 2)  # five recipients in three parts
    note = note_with(tmp_path, {"card.format": "a2-quarterfold"})
    files, _ = render_files(make_job(note, many(tmp_path / "q.csv", 5), workers=workers))
    pages = pypdf.PdfReader(io.BytesIO(files["card.pdf"])).pages
    texts = [" ".join((page.extract_text() or "").split()) for page in pages]
    assert len(pages) == 6 and texts[0].startswith("Print check for the A2 quarter-fold card")
    assert not [t for t in texts[1:] if "Print check" in t or "100 %" in t]
    manifest = json.loads(files["manifest.json"])
    assert [r["card_pages"] for r in manifest["recipients"]] == [[2], [3], [4], [5], [6]]


def test_long_runs_keep_one_kit_alive_and_join_chunked_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import weakref

    import pypdf

    from cardgen import parts
    from cardgen.render.pdf import PdfStream

    alive: list[weakref.ref] = []
    real = parts.row_kit

    def tracking(note, row, number):  # type: ignore[no-untyped-def]
        gc.collect()
        assert sum(ref() is not None for ref in alive) <= 1, "earlier kits were not let go"
        kit = real(note, row, number)
        alive.append(weakref.ref(kit))
        return kit

    monkeypatch.setattr(parts, "row_kit", tracking)
    monkeypatch.setattr(parts, "PARALLEL_FROM", 10**9)  # all in this process, to watch the kits
    monkeypatch.setattr(PdfStream, "CHUNK_PAGES", 16)  # 120 recipients: 15 card chunks, 15 guide chunks
    out = tmp_path / "out"
    result = run("build", str(SAMPLE), "--recipients", str(many(tmp_path / "p.csv", 120)), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert not [p for p in out.iterdir() if ".part" in p.name], "chunk files are removed"
    card = pypdf.PdfReader(out / "card.pdf")
    assert len(card.pages) == 240 and card.metadata.title == "Cards"
    assert card.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"
    guide = pypdf.PdfReader(out / "guide.pdf")
    manifest = json.loads((out / "manifest.json").read_text())
    last = manifest["recipients"][-1]
    assert "#120 Handwriting guide for Person 119" in guide.pages[last["guide_pages"][0] - 1].extract_text()


def test_split_writes_a_folder_per_recipient(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        run(
            "build",
            str(SAMPLE),
            "--recipients",
            str(write_csv(tmp_path / "p.csv", PANEL)),
            "-o",
            str(out),
            "--split",
        ).exit_code
        == 0
    )
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["001-dana-rivera", "002-sam-okafor", "003-priya-shah"]
    assert sorted(p.name for p in (out / "002-sam-okafor").iterdir()) == [
        "card.pdf",
        "envelope.pdf",
        "guide.pdf",
    ]
    manifest = json.loads((out / "manifest.json").read_text())
    assert [r["folder"] for r in manifest["recipients"]] == folders
    assert not (out / "card.pdf").exists()


def test_only_limits_what_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLE), "-o", str(out), "--only", "envelope,guide").exit_code == 0
    assert (
        not (out / "card.pdf").exists() and (out / "envelope.pdf").exists() and (out / "guide.pdf").exists()
    )
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["files"] == {"envelope": "envelope.pdf", "guide": "guide.pdf"}
    assert "card_pages" not in manifest["recipients"][0]
    bad = run("build", str(SAMPLE), "-o", str(tmp_path / "x"), "--only", "cards")
    assert bad.exit_code == 2 and "--only: unknown 'cards'" in bad.stderr


def test_checklist_lists_everyone_with_send_by_dates_and_envelopes_carry_numbers(tmp_path: Path) -> None:
    rows = [[*row, "2026-11-27"] for row in PANEL]
    csv_path = write_csv(tmp_path / "p.csv", rows, header=[*HEADER, "interview_date"])
    note = tmp_path / "note.toml"
    note.write_text(SAMPLE.read_text().replace('address = "print"', 'address = "print"\nnumber = "flap"'))
    out = tmp_path / "out"
    assert run("build", str(note), "--recipients", str(csv_path), "-o", str(out)).exit_code == 0
    with pdfplumber.open(out / "checklist.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "Checklist: 3 notes, page 1 of 1" in text
    for row in PANEL:
        assert row[0] in text
    assert text.count("Sat Nov 28") == 3, "the day after the interview"
    manifest = json.loads((out / "manifest.json").read_text())
    assert [r["envelope_pages"] for r in manifest["recipients"]] == [[1, 2], [3, 4], [5, 6]]
    with pdfplumber.open(out / "envelope.pdf") as pdf:
        assert pdf.pages[3].extract_text().strip() == "#2"


def test_a_greeting_written_for_the_notes_recipient_does_not_greet_everyone(tmp_path: Path) -> None:
    import cardgen
    from cardgen.jobs import make_job
    from cardgen.writer import render_files

    note = cardgen.load_note(SAMPLE)  # greeting = "Dear Ms. Rivera,"
    files, manifest = render_files(make_job(note, write_csv(tmp_path / "p.csv", PANEL), workers=0))
    drafts = files["message.txt"].decode()
    assert drafts.count("Dear Ms. Rivera,") == 1, "only Dana Rivera's own card keeps her greeting"
    assert "Dear Sam," in drafts and "Dear Priya," in drafts
    assert any("message.greeting: " in w and "greeted by their own name" in w for w in manifest["warnings"])
    friends = dataclasses.replace(
        note,
        message=dataclasses.replace(
            note.message, fields={**note.message.fields, "greeting": "Dear friends,"}
        ),
    )
    files, _ = render_files(make_job(friends, write_csv(tmp_path / "q.csv", PANEL), workers=0))
    assert files["message.txt"].decode().count("Dear friends,") == len(PANEL)


def test_manifest_json_is_laid_out_exactly_as_json_dumps_would(tmp_path: Path) -> None:
    from cardgen import load_note
    from cardgen.jobs import make_job
    from cardgen.writer import render_files

    files, _ = render_files(make_job(load_note(SAMPLE), write_csv(tmp_path / "p.csv", PANEL), workers=0))
    text = files["manifest.json"].decode()
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_a_row_is_named_by_the_line_it_starts_on_even_when_a_value_runs_over_lines(tmp_path: Path) -> None:
    from cardgen import check, load_note

    csv = tmp_path / "p.csv"
    csv.write_text(
        'name,street,city,country\nAda,"1 Main St\nFlat 2",Austin,US\n\nBo,2 Main St,Austin,US\n,x,y,US\n'
    )
    report = check(load_note(SAMPLE), csv)
    assert [(r["name"], r["csv_line"]) for r in report.recipients] == [("Ada", 2), ("Bo", 5)]
    assert [f.line for f in report.skipped] == [6]
