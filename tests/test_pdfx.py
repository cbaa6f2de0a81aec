"""PDF/X-1a and PDF/X-4 shop files (issue 13): every required key, box and profile on the parsed
PDFs for each standard, card family and front; no RGB in X-1a; the same bytes twice; joined runs;
Ghostscript and qpdf reading them cleanly; and preflight failing deliberately broken files."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pypdf.generic import ContentStream, DictionaryObject, NameObject, NumberObject, StreamObject

from cardgen.errors import InputError
from cardgen.pdfx import OutputCondition, profile_path
from cardgen.prepress_pdfx import preflight_standard
from cardgen.resources import layouts_dir
from tests.conftest import run, write_note
from tests.test_recipients import many
from tests.test_shop import photo

STANDARDS = ("pdfx-1a", "pdfx-4")
PROFILE = layouts_dir() / "icc" / "ISOcoated_v2_300_bas.icc"
# every card family, and every front (the photo on a folded card, where it stops at the fold)
CASES = {
    "flat-monogram": {"card.format": "a2-flat", "card.front": "monogram"},
    "folded-photo": {"card.format": "a7-folded", "card.front": "photo", "card.caption": "With thanks"},
    "topfold-border": {"card.format": "a2-topfold", "card.front": "border"},
    "quarterfold-blank": {"card.format": "a2-quarterfold", "card.front": "blank"},
    "folded-thank-you-printed": {"card.format": "a2-folded", "card.message": "print"},
    "press-sheet": {"card.format": "a2-flat", "print.sheet": "12x18"},
    # shaped scripts: Type 0 (CID) fonts in the shop files
    "arabic-hindi-printed": {
        "template": None,
        "message.text": "عزيزتي سارة،\n\nشكرا جزيلا على وقتك اليوم. नमस्ते, आपका धन्यवाद।\n\nأحمد",
        "card.message": "print",
    },
}


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (make test installs it with apt when run as root)")


def build(folder: Path, standard: str, changes: dict[str, Any] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    changes = {"print.target": "shop", "print.standard": standard, **(changes or {})}
    if changes.get("card.front") == "photo":
        changes["card.image"] = photo(folder)
    note = write_note(folder, changes)
    out = folder / "out"
    result = run("build", str(note), "-o", str(out), "--only", "card,envelope")
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each case built to each standard: (standard, case) -> its out folder."""
    root = tmp_path_factory.mktemp("pdfx")
    return {
        (s, case): build(root / s / case, s, changes) for s in STANDARDS for case, changes in CASES.items()
    }


def outputs(built: dict[tuple[str, str], Path], standard: str) -> list[Path]:
    return [
        out / name for (s, _), out in built.items() if s == standard for name in ("card.pdf", "envelope.pdf")
    ]


def raw(value: Any) -> bytes:
    """A PDF string's bytes (pypdf reads some binary strings as text)."""
    return bytes(getattr(value, "original_bytes", value))


def operators(reader: pypdf.PdfReader) -> set[tuple[bytes, str]]:
    """Every content-stream operator, with its first operand, on every page and in every form."""
    seen: set[tuple[bytes, str]] = set()

    def walk(stream: Any, resources: Any) -> None:
        for operands, operator in ContentStream(stream, reader).operations:
            seen.add((operator, str(operands[0]) if operands else ""))
        for ref in (resources or {}).get("/XObject", {}).values():
            xobject = ref.get_object()
            if xobject["/Subtype"] == "/Form":
                walk(xobject, xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get_contents(), page["/Resources"])
    return seen


def images(reader: pypdf.PdfReader) -> list[DictionaryObject]:
    found = []
    for page in reader.pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            xobject = ref.get_object()
            if xobject["/Subtype"] == "/Image":
                found.append(xobject)
            elif xobject["/Subtype"] == "/Form":
                found += [r.get_object() for r in xobject.get("/Resources", {}).get("/XObject", {}).values()]
    return [i for i in found if i["/Subtype"] == "/Image"]


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("case", list(CASES))
def test_every_required_key_box_and_profile_is_there(
    built: dict[tuple[str, str], Path], standard: str, case: str
) -> None:
    for name in ("card.pdf", "envelope.pdf"):
        path = built[standard, case] / name
        reader = pypdf.PdfReader(path)
        assert not reader.is_encrypted and reader.pdf_header == "%PDF-1.4"
        (intent,) = [i.get_object() for i in reader.root_object["/OutputIntents"]]
        assert intent["/Type"] == "/OutputIntent" and intent["/S"] == "/GTS_PDFX"
        assert intent["/OutputConditionIdentifier"] == "FOGRA39"
        assert intent["/RegistryName"] == "http://www.color.org"
        assert intent["/Info"] == "Coated FOGRA39 (ISO 12647-2:2004)"
        profile = intent["/DestOutputProfile"].get_object()
        assert profile.get_data() == PROFILE.read_bytes() and profile["/N"] == 4
        info = reader.trailer["/Info"].get_object()
        title = "Card for Dana Rivera" if name == "card.pdf" else "Envelope for Dana Rivera"
        assert info["/Title"] == title
        assert info["/CreationDate"] == info["/ModDate"] == "D:20000101000000+00'00'"
        assert info["/Trapped"] == "/False"
        ident = [raw(half) for half in reader.trailer["/ID"]]
        assert ident[0] == ident[1] and len(ident[0]) == 16  # an MD5 of the content
        xmp = reader.root_object["/Metadata"].get_object()
        assert "/Filter" not in xmp and xmp["/Subtype"] == "/XML"
        packet = xmp.get_data().decode()
        assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in packet
        uuid = ident[0].hex()
        assert (
            f"<xmpMM:DocumentID>uuid:{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"
            in packet
        )
        assert "<xmp:CreateDate>2000-01-01T00:00:00+00:00</xmp:CreateDate>" in packet
        assert "<pdf:Trapped>False</pdf:Trapped>" in packet
        if standard == "pdfx-4":
            assert info["/GTS_PDFXVersion"] == "PDF/X-4"
            assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in packet
        else:
            assert info["/GTS_PDFXVersion"] == "PDF/X-1:2003"
            assert info["/GTS_PDFXConformance"] == "PDF/X-1a:2003"
            assert "pdfxid:" not in packet
        for page in reader.pages:
            media, bleed, trim = (
                [float(v) for v in page[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox")
            )
            assert media[0] <= bleed[0] < trim[0] and trim[2] < bleed[2] <= media[2]
            assert media[1] <= bleed[1] < trim[1] and trim[3] < bleed[3] <= media[3]
            assert trim[0] - bleed[0] == pytest.approx(9.0)  # the 0.125 in bleed, all round
            assert "/ArtBox" not in page
        assert preflight_standard(path, "shop", standard) == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_files_hold_no_rgb_operator_or_image_and_the_photo_is_cmyk(
    built: dict[tuple[str, str], Path], standard: str
) -> None:
    for path in outputs(built, standard):
        reader = pypdf.PdfReader(path)
        used = operators(reader)
        assert not {op for op, _ in used} & {b"rg", b"RG"}, path
        assert {first for op, first in used if op in (b"cs", b"CS")} <= {"/All"}, path
        assert {b"k", b"K"} & {op for op, _ in used}
        for page in reader.pages:
            spaces = page["/Resources"].get("/ColorSpace", {})
            for space in spaces.values():  # the registration colour: /All, its alternate CMYK
                assert list(space.get_object()[:3]) == ["/Separation", "/All", "/DeviceCMYK"]
        for image in images(reader):
            assert image["/ColorSpace"] == "/DeviceCMYK" and "/SMask" not in image
    (photo_image,) = images(pypdf.PdfReader(built[standard, "folded-photo"] / "card.pdf"))
    assert photo_image["/Filter"] == ["/DCTDecode"]


def test_the_photo_goes_through_the_fogra39_profile_not_a_formula(
    built: dict[tuple[str, str], Path],
) -> None:
    from PIL import Image

    (image,) = images(pypdf.PdfReader(built["pdfx-1a", "folded-photo"] / "card.pdf"))
    decoded = Image.open(io.BytesIO(image._data))  # the JPEG as embedded (Adobe-inverted CMYK)
    assert decoded.mode == "CMYK"
    # the test photo's blue (70, 110, 160): the naive formula gives C 56 % M 31 % Y 0 % K 37 %;
    # the FOGRA39 profile separates it with yellow and much less black
    c, m, y, k = decoded.getpixel((5, decoded.height - 5))
    assert c > 150 and y > 10 and k < 80, (c, m, y, k)


@pytest.mark.parametrize("standard", STANDARDS)
def test_same_input_same_bytes(tmp_path: Path, standard: str) -> None:
    changes = {"card.front": "photo"}
    first, second = (build(tmp_path / n, standard, changes) for n in ("a", "b"))
    for name in ("card.pdf", "envelope.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_the_date_is_source_date_epoch_else_the_interview_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dated = build(tmp_path / "dated", "pdfx-4", {"message.interview_date": datetime.date(2026, 11, 30)})
    info = pypdf.PdfReader(dated / "card.pdf").trailer["/Info"].get_object()
    assert info["/CreationDate"] == "D:20261130000000+00'00'"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    fixed = build(tmp_path / "epoch", "pdfx-1a", {"message.interview_date": datetime.date(2026, 11, 30)})
    reader = pypdf.PdfReader(fixed / "envelope.pdf")
    assert reader.trailer["/Info"]["/ModDate"] == "D:20260101000000+00'00'"
    assert (
        b"<xmp:ModifyDate>2026-01-01T00:00:00+00:00</xmp:ModifyDate>"
        in reader.root_object["/Metadata"].get_data()
    )


def test_ghostscript_renders_every_page_of_both_standards_without_a_warning(
    built: dict[tuple[str, str], Path],
) -> None:
    need("gs")
    for standard in STANDARDS:
        for path in outputs(built, standard):
            done = subprocess.run(
                ["gs", "-dNOPAUSE", "-dBATCH", "-q", "-sDEVICE=nullpage", str(path)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), (path, done)


def test_qpdf_check_passes(built: dict[tuple[str, str], Path]) -> None:
    need("qpdf")
    for standard in STANDARDS:
        for path in outputs(built, standard):
            done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
            assert done.returncode == 0 and "WARNING" not in done.stdout + done.stderr, (path, done.stdout)


def test_joined_runs_keep_one_output_intent_the_final_title_and_a_content_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cardgen import parts as pipeline
    from cardgen.render.pdf import PdfStream

    monkeypatch.setattr(pipeline, "PART_SIZE", 2)  # 5 recipients: three parts
    monkeypatch.setattr(PdfStream, "CHUNK_PAGES", 2)  # and each part in chunks
    note = write_note(tmp_path, {"print.target": "shop", "print.standard": "pdfx-4"})
    csv = many(tmp_path / "p.csv", 5)
    made = []
    for workers in ("0", "2"):
        out = tmp_path / f"out{workers}"
        monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1 if workers == "2" else 10**9)
        result = run("build", str(note), "--recipients", str(csv), "-o", str(out), "--only", "card,envelope")
        assert result.exit_code == 0, result.stderr
        made.append(out)
    for name, title in (("card.pdf", "Cards"), ("envelope.pdf", "Envelopes")):
        data = (made[0] / name).read_bytes()
        assert data == (made[1] / name).read_bytes(), "worker processes give the same file"
        reader = pypdf.PdfReader(made[0] / name)
        assert len(reader.pages) == (10 if name == "card.pdf" else 5)
        assert data.count(b"/OutputIntent\n") + data.count(b"/OutputIntent ") == 1
        assert data.count(b"/Type /Metadata") == 1 and data.count(b"/Alternate /DeviceCMYK") == 1
        assert reader.metadata.title == title
        packet = reader.root_object["/Metadata"].get_data().decode()
        assert f'x-default">{title}</rdf:li>' in packet
        assert raw(reader.trailer["/ID"][0]).hex()[:8] in packet
        assert preflight_standard(made[0] / name, "shop", "pdfx-4") == []


def test_font_subset_tags_are_unique_per_subset_and_deterministic(tmp_path: Path) -> None:
    out = build(tmp_path / "a", "none", {"card.message": "print"})
    tags: dict[str, set[str]] = {}
    for name in ("card.pdf", "envelope.pdf"):
        data = (out / name).read_bytes()
        for tag, font in re.findall(rb"/BaseFont /([A-Z]{6})\+([A-Za-z-]+)", data):
            tags.setdefault(font.decode(), set()).add(tag.decode())
    every = [tag for font_tags in tags.values() for tag in font_tags]
    assert len(every) == len(set(every)) >= 3, tags  # Dancing Script, Noto Sans, Caveat: three tags
    assert "AAAAAA" not in every
    # Noto Sans in the card's slug and in the envelope's address: different subsets, different tags
    assert len(tags["NotoSans-Regular"]) == 2
    again = build(tmp_path / "b", "none", {"card.message": "print"})
    assert (out / "card.pdf").read_bytes() == (again / "card.pdf").read_bytes()


def test_the_shop_envelope_has_trim_and_bleed_boxes_and_passes_preflight(tmp_path: Path) -> None:
    out = build(tmp_path, "none", {"print.colors": "cmyk"})
    reader = pypdf.PdfReader(out / "envelope.pdf")
    a2 = (5.75 * 72, 4.375 * 72)
    for page in reader.pages:
        assert [float(v) for v in page["/TrimBox"]] == [9, 9, 9 + a2[0], 9 + a2[1]]
        assert [float(v) for v in page["/BleedBox"]] == [0, 0, 18 + a2[0], 18 + a2[1]]
        assert [float(v) for v in page["/MediaBox"]] == [0, 0, 18 + a2[0], 18 + a2[1]]
    text = reader.pages[0].extract_text()
    assert "DANA RIVERA" in text and "ALEX MORGAN" in text
    assert preflight_standard(out / "envelope.pdf", "shop", "none") == []


def test_the_shop_envelope_keeps_the_address_where_it_is_on_the_envelope(tmp_path: Path) -> None:
    from cardgen.kit import make_kit
    from cardgen.scene import Text, walk
    from tests.conftest import note_with

    def where(target: str) -> tuple[float, float]:
        kit = make_kit(note_with(tmp_path, {"print.target": target}))
        page = kit.envelope.pages[0]
        origin = page.trim[:2] if page.trim else (0.0, 0.0)
        for item, transform, _ in walk(page.items):
            if isinstance(item, Text) and item.role == "delivery-address":
                return item.x + transform[4] - origin[0], item.y + transform[5] - origin[1]
        raise AssertionError("no address")

    assert where("shop") == pytest.approx(where("home"))


def broken(source: Path, target: Path, change: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=source)
    if change == "no-output-intent":
        del writer.root_object[NameObject("/OutputIntents")]
    elif change == "no-xmp":
        del writer.root_object[NameObject("/Metadata")]
    elif change == "no-trimbox":
        del writer.pages[1][NameObject("/TrimBox")]
    elif change == "transfer-function":
        state = DictionaryObject(
            {NameObject("/Type"): NameObject("/ExtGState"), NameObject("/TR"): NameObject("/Identity")}
        )
        writer.pages[0]["/Resources"].get_object()[NameObject("/ExtGState")] = DictionaryObject(
            {NameObject("/GS1"): writer._add_object(state)}
        )
    elif change == "rgb-image":
        rgb = StreamObject()
        rgb.set_data(bytes([200, 40, 40]) * 16)
        rgb.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Image"),
                NameObject("/Width"): NumberObject(4),
                NameObject("/Height"): NumberObject(4),
                NameObject("/BitsPerComponent"): NumberObject(8),
                NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            }
        )
        resources = writer.pages[0]["/Resources"].get_object()
        resources[NameObject("/XObject")][NameObject("/Red")] = writer._add_object(rgb)
    writer.write(target)
    return target


@pytest.mark.parametrize(
    ("standard", "change", "expected"),
    [
        ("pdfx-4", "no-output-intent", "fail: no output intent (/OutputIntents with /S /GTS_PDFX)"),
        ("pdfx-1a", "no-output-intent", "fail: no output intent (/OutputIntents with /S /GTS_PDFX)"),
        ("pdfx-1a", "rgb-image", "fail: page 1: an image in /DeviceRGB: PDF/X-1a allows only CMYK, gray"),
        ("pdfx-4", "no-xmp", "fail: no XMP metadata stream in the catalog: PDF/X-4 declares itself there"),
        ("pdfx-4", "no-trimbox", "fail: page 2: no TrimBox (or ArtBox): PDF/X-4 needs the finished size"),
        ("pdfx-1a", "no-trimbox", "fail: page 2: no TrimBox (or ArtBox): PDF/X-1a needs the finished size"),
        (
            "pdfx-4",
            "transfer-function",
            "fail: page 1: a transfer function (ExtGState /TR): PDF/X allows none",
        ),
    ],
)
def test_preflight_fails_deliberately_broken_files(
    built: dict[tuple[str, str], Path], tmp_path: Path, standard: str, change: str, expected: str
) -> None:
    source = built[standard, "folded-photo"] / "card.pdf"
    path = broken(source, tmp_path / "broken.pdf", change)
    result = run("preflight", "--standard", standard, str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(expected) for line in lines), result.output
    assert lines[-1].endswith(f"(shop and {standard} rules)")
    assert run("preflight", "--standard", standard, str(source)).exit_code == 0


def test_an_rgb_shop_file_from_another_tool_fails_both_standards(tmp_path: Path) -> None:
    out = build(tmp_path, "none", {"card.front": "photo"})
    for standard in STANDARDS:
        lines = run("preflight", "--standard", standard, str(out / "card.pdf")).output.splitlines()
        assert any("no output intent" in line for line in lines)
        assert any("page 1: an image in" in line and "RGB" in line for line in lines), lines


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"print.standard": "pdfx-3"}, "print.standard: unknown value 'pdfx-3'"),
        ({"print.output_condition": "fogra99"}, "print.output_condition: unknown value 'fogra99'"),
        (
            {"print.output_condition": "gracol2013"},
            "print.output_condition: cardgen has no ICC profile for 'gracol2013' that it may ship",
        ),
        ({"print.colors": "rgb"}, 'print.colors: pdfx-4 files are CMYK; remove colors = "rgb"'),
    ],
)
def test_bad_pdfx_keys_are_one_line_errors_naming_the_key(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    note = write_note(tmp_path, {"print.target": "shop", **changes})
    result = run("build", str(note), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert message in result.stderr and "note.toml:" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.stderr


def test_x1a_may_name_a_condition_without_a_profile_unless_a_photo_needs_converting(tmp_path: Path) -> None:
    out = build(tmp_path / "plain", "pdfx-1a", {"print.output_condition": "gracol2013"})
    reader = pypdf.PdfReader(out / "card.pdf")
    (intent,) = [i.get_object() for i in reader.root_object["/OutputIntents"]]
    assert intent["/OutputConditionIdentifier"] == "CGATS21_CRPC6" and "/DestOutputProfile" not in intent
    assert preflight_standard(out / "card.pdf", "shop", "pdfx-1a") == []
    folder = tmp_path / "photo"
    folder.mkdir()
    changes = {"print.target": "shop", "print.standard": "pdfx-1a", "print.output_condition": "gracol2013"}
    note = write_note(folder, {**changes, "card.front": "photo", "card.image": photo(folder)})
    result = run("build", str(note), "-o", str(folder / "out"))
    assert result.exit_code == 2 and not (folder / "out").exists()
    assert "print.output_condition: cardgen has no ICC profile for 'gracol2013' to convert" in result.stderr


def test_a_missing_profile_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"the ICC profile gone\.icc is missing .*SOURCES\.md"):
        profile_path(OutputCondition("fogra39", "FOGRA39", "Coated FOGRA39", "gone.icc"))


def test_home_files_stay_plain_and_a_standard_there_is_ignored_with_a_warning(tmp_path: Path) -> None:
    note = write_note(tmp_path, {"print.standard": "pdfx-4"})
    result = run("build", str(note), "-o", str(tmp_path / "out"), "--only", "card")
    assert result.exit_code == 0
    assert 'print.standard: ignored: it is for target = "shop"' in result.stderr
    reader = pypdf.PdfReader(tmp_path / "out" / "card.pdf")
    assert "/OutputIntents" not in reader.root_object and "/Metadata" not in reader.root_object


def fills(reader: pypdf.PdfReader) -> set[tuple[float, ...]]:
    """The CMYK fill and stroke colours set on every page and in every form."""
    found: set[tuple[float, ...]] = set()

    def walk(stream: Any, resources: Any) -> None:
        for operands, operator in ContentStream(stream, reader).operations:
            if operator in (b"k", b"K"):
                found.add(tuple(round(float(v), 4) for v in operands))
        for ref in (resources or {}).get("/XObject", {}).values():
            if ref.get_object()["/Subtype"] == "/Form":
                walk(ref.get_object(), ref.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get_contents(), page["/Resources"])
    return found


def test_the_ink_goes_through_the_profile_and_black_stays_k_only(built: dict[tuple[str, str], Path]) -> None:
    used = fills(pypdf.PdfReader(built["pdfx-1a", "flat-monogram"] / "card.pdf"))
    # the sample's ink #2f4858 through ISO Coated v2 (relative colorimetric): not the formula's
    # C 47 % M 18 % Y 0 % K 65 %
    assert (0.7882, 0.5373, 0.4, 0.4431) in used
    assert (0.0, 0.0, 0.0, 1.0) in used  # black text and rules: 100 % K, no rich black
    assert not [c for c in used if c[3] == 1.0 and sum(c[:3]) > 0]


def test_a_name_outside_latin_1_is_the_same_title_in_the_info_and_the_xmp(tmp_path: Path) -> None:
    out = build(tmp_path / "one", "pdfx-4", {"recipient.name": "Łukasz Żółć", "recipient.country": "US"})
    reader = pypdf.PdfReader(out / "card.pdf")
    assert reader.metadata.title == "Card for Łukasz Żółć"
    assert 'x-default">Card for Łukasz Żółć</rdf:li>' in reader.root_object["/Metadata"].get_data().decode()
    note = write_note(tmp_path, {"print.target": "shop"})
    rows = tmp_path / "p.csv"
    rows.write_text(
        "name,street,city,region,postal_code,country\n"
        "Łukasz Żółć,1 Main St,Austin,TX,78701,US\nZoë (Mañana),2 Main St,Austin,TX,78701,US\n",
        encoding="utf-8",
    )
    assert run("build", str(note), "--recipients", str(rows), "-o", str(tmp_path / "run")).exit_code == 0
    for name, title in (("card.pdf", "Cards"), ("envelope.pdf", "Envelopes")):
        reader = pypdf.PdfReader(tmp_path / "run" / name)
        assert reader.metadata.title == title
        assert f'x-default">{title}</rdf:li>' in reader.root_object["/Metadata"].get_data().decode()


def test_a_very_long_title_still_fits_the_xmp_packet() -> None:
    from cardgen.render.xmp import PACKET_SIZE, finish_xmp, xmp_packet

    title = "Card for " + "Żółć " * 600  # about 6,000 bytes: more than the packet holds
    packet = xmp_packet("pdfx-4", title, 0, "cardgen")
    assert len(packet) == PACKET_SIZE
    finished = finish_xmp(packet, title, "0" * 32)
    assert len(finished) == PACKET_SIZE and "Card for Żółć".encode() in finished and "…".encode() in finished
