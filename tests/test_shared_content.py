"""A run drawn in many parts (by one process or by workers) writes each font subset once per file,
each shared form once, and the same bytes however many processes drew it."""

import io
import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from tests.conftest import SAMPLE
from tests.test_recipients import write_csv

PDFS = ("card.pdf", "envelope.pdf", "guide.pdf")


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int, names: list[str]) -> dict[str, bytes]:
    from cardgen import load_note, parts
    from cardgen.jobs import make_job
    from cardgen.render.pdf import PdfStream
    from cardgen.writer import render_files

    monkeypatch.setattr(parts, "PART_SIZE", 2)  # parts of two recipients
    monkeypatch.setattr(PdfStream, "CHUNK_PAGES", 3)  # and each part's files in chunks
    rows = [
        [name, "", "Acme", f"{i} Main St", "Austin", "TX", "78701", "US", f"topic {i}"]
        for i, name in enumerate(names)
    ]
    csv = write_csv(tmp_path / f"people-{workers}.csv", rows)
    files, _ = render_files(make_job(load_note(SAMPLE), csv, workers=workers))
    return files


def _fonts(data: bytes) -> list[str]:
    """The embedded font programs' fonts (subset tag dropped), one entry per FontFile2 stream."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []
    for number in range(1, reader.trailer["/Size"]):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if isinstance(obj, pypdf.generic.DictionaryObject) and obj.get("/Type") == "/FontDescriptor":
            assert "/FontFile2" in obj, obj
            found.append(str(obj["/FontName"]).split("+", 1)[1])
    return sorted(found)


def test_each_font_subset_is_embedded_once_per_file_whatever_the_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _run(tmp_path, monkeypatch, 0, [f"Person {i}" for i in range(9)])  # five parts
    assert _fonts(files["card.pdf"]) == ["DancingScript-Regular", "NotoSans-Regular"]
    assert _fonts(files["guide.pdf"]) == ["Caveat-Regular", "NotoSans-Regular"]
    assert _fonts(files["envelope.pdf"]) == ["NotoSans-Regular"]
    for name in PDFS:
        assert files[name].count(b"/Length1 ") == len(_fonts(files[name])), name
        assert len(pypdf.PdfReader(io.BytesIO(files[name])).pages) == {"card.pdf": 18, "envelope.pdf": 9}.get(
            name, 18
        )


def test_the_one_subset_holds_what_every_part_wrote_and_text_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [
        "Ana Quiroz",
        "Björk Jónsdóttir",
        "Łukasz Żak",
        "Zoë Wójcik",
        "Person 5",
    ]  # Ł, Ż, ó: past Latin-1
    files = _run(tmp_path, monkeypatch, 0, names)
    # Noto Sans in two subsets (codes to U+00FF, and the Latin Extended-A letters), each once
    assert _fonts(files["envelope.pdf"]) == ["NotoSans-Regular", "NotoSans-Regular"]
    with pdfplumber.open(io.BytesIO(files["envelope.pdf"])) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    for text, name in zip(texts, names, strict=True):
        assert name.upper() in text and "ACME" in text, text
    with pdfplumber.open(io.BytesIO(files["guide.pdf"])) as pdf:
        heading = pdf.pages[4].extract_words()[:8]
    assert "Łukasz" in " ".join(w["text"] for w in heading)


def test_shared_page_content_is_one_form_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _run(tmp_path, monkeypatch, 0, [f"Person {i}" for i in range(9)])
    forms = {name: len(re.findall(rb"/Subtype /Form", files[name])) for name in PDFS}
    # the card's outside, and the guide's two panels' frames, marks and rulings: once, not once per part
    assert forms == {"card.pdf": 1, "envelope.pdf": 0, "guide.pdf": 2}
    reader = pypdf.PdfReader(io.BytesIO(files["guide.pdf"]))
    drawn = {
        page["/Resources"]["/XObject"].raw_get(name).idnum
        for page in reader.pages
        for name in page["/Resources"]["/XObject"]
    }
    assert len(drawn) == 2  # every recipient's panels draw the same two form objects


def test_one_process_and_two_workers_write_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"Person {i}" for i in range(5)] + ["Łukasz Żak"]
    one = _run(tmp_path, monkeypatch, 0, names)
    two = _run(tmp_path, monkeypatch, 2, names)
    for name in (*PDFS, "checklist.pdf", "manifest.json"):
        assert one[name] == two[name], name


def test_a_run_keeps_every_entry_and_draft_in_order_while_packed() -> None:
    from cardgen.manifest import Packed

    texts = [
        '{\n  "name": "Łukasz Żak"\n}',
        "",
        "Dear Zoë,\n\nThank you.",
        *[f"draft {i}" for i in range(3000)],
    ]
    packed = Packed()
    for text in texts:
        packed.append(text)
    assert len(packed) == len(texts)
    assert packed.texts() == texts
    packed.append("one more")  # reading leaves the stream open
    assert packed.texts() == [*texts, "one more"]
