"""The PDFs as a user's viewer and printer see them: sizes, fonts, preferences, text, determinism."""

from pathlib import Path

import pdfplumber
import pypdf
import pytest

from cardgen import catalog
from cardgen.jobs import Job
from cardgen.kit import make_kit
from cardgen.writer import render_files
from tests.conftest import note_with

PAPERS = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("sample")
    files, _ = render_files(Job.of(make_kit(note_with(folder, {"card.message": "print"}))))
    return files


def reader(data: bytes) -> pypdf.PdfReader:
    import io

    return pypdf.PdfReader(io.BytesIO(data))


def media(page: pypdf.PageObject) -> tuple[float, float]:
    box = page.mediabox
    return float(box.width), float(box.height)


PRINTABLE = [
    (fmt, paper)
    for fmt, card in catalog.card_formats().items()
    for paper in PAPERS
    if catalog.paper_problem(card, catalog.papers()[paper]) is None
]


@pytest.mark.parametrize(("fmt", "paper"), PRINTABLE)
def test_card_and_guide_pages_are_exactly_the_paper(tmp_path: Path, fmt: str, paper: str) -> None:
    files, _ = render_files(Job.of(make_kit(note_with(tmp_path, {"card.format": fmt, "print.paper": paper}))))
    for name in ("card.pdf", "guide.pdf"):
        for page in reader(files[name]).pages:
            assert sorted(media(page)) == pytest.approx(sorted(PAPERS[paper]), abs=0.01)


@pytest.mark.parametrize("envelope", list(catalog.envelopes()))
def test_envelope_pages_are_exactly_the_envelope(tmp_path: Path, envelope: str) -> None:
    files, _ = render_files(Job.of(make_kit(note_with(tmp_path, {"envelope.format": envelope}))))
    expected = catalog.envelopes()[envelope]
    (page,) = reader(files["envelope.pdf"]).pages
    assert media(page) == pytest.approx((expected.width, expected.height), abs=0.01)


def fonts_of(pdf: pypdf.PdfReader) -> dict[str, pypdf.generic.DictionaryObject]:
    found = {}
    for page in pdf.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def test_every_font_is_embedded_and_none_is_helvetica(sample_files: dict[str, bytes]) -> None:
    for name in ("card.pdf", "envelope.pdf", "guide.pdf"):
        data = sample_files[name]
        assert b"Helvetica" not in data
        fonts = fonts_of(reader(data))
        assert fonts
        for base, font in fonts.items():
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name}: {base} is not embedded"


def test_viewer_preferences_ask_for_no_scaling_and_the_duplex_flip(sample_files: dict[str, bytes]) -> None:
    card = reader(sample_files["card.pdf"]).trailer["/Root"]["/ViewerPreferences"]
    assert card["/PrintScaling"] == "/None"
    assert card["/Duplex"] == "/DuplexFlipLongEdge"
    envelope = reader(sample_files["envelope.pdf"]).trailer["/Root"]["/ViewerPreferences"]
    assert envelope["/PrintScaling"] == "/None"


def test_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    note = note_with(tmp_path, {"card.message": "print"})
    first, _ = render_files(Job.of(make_kit(note)))
    second, _ = render_files(Job.of(make_kit(note)))
    assert first == second


def words_in_font(data: bytes, font: str) -> list[str]:
    """The words set in `font`, page by page, as a reader's eye would take them."""
    import io

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            w["text"]
            for page in pdf.pages
            for w in page.extract_words(extra_attrs=["fontname"])
            if font in w["fontname"].lower()
        ]


def test_guide_holds_the_note_s_words_in_reading_order(sample_files: dict[str, bytes]) -> None:
    import json

    manifest = json.loads(sample_files["manifest.json"])
    assert manifest["recipients"][0]["guide_pages"] == [1, 2]
    text = sample_files["message.txt"].decode().split("\n\n", 1)[1]
    assert words_in_font(sample_files["guide.pdf"], "caveat") == text.split()


def test_print_mode_card_holds_the_note_s_words_in_reading_order(sample_files: dict[str, bytes]) -> None:
    # The inside page is printed upside down for the long-edge flip: pypdf reads runs in content order.
    inside = reader(sample_files["card.pdf"]).pages[1].extract_text(orientations=(180,))
    text = sample_files["message.txt"].decode().split("\n\n", 1)[1]
    assert " ".join(inside.split()) == " ".join(text.split())


def test_greek_is_drawn_in_the_greek_handwriting_font_at_the_note_s_x_height(tmp_path: Path) -> None:
    """Caveat has no Greek: Greek words (with the spaces and commas among them) are set in Mynerve,
    the handwriting font made for Greek, its lowercase as tall as Caveat's; no warning, since
    the letters are in a handwriting font made for them."""
    from cardgen.fonts import metrics
    from cardgen.scene import Text, walk

    note = note_with(
        tmp_path, {"template": None, "message.text": "Αγαπητή Ελένη, thank you!", "card.message": "print"}
    )
    kit = make_kit(note)
    assert not [w for w in kit.warnings if "glyph" in w]
    runs = [
        (i.text, i.font, i.size)
        for i, _, _ in walk(kit.guide.pages[0].items)
        if isinstance(i, Text) and i.role == "message"
    ]
    assert [(t.strip(), f) for t, f, _ in runs] == [("Αγαπητή Ελένη,", "mynerve"), ("thank you!", "caveat")]
    caveat_size, greek_size = runs[1][2], runs[0][2]
    assert greek_size * metrics("mynerve").x_height == pytest.approx(caveat_size * metrics("caveat").x_height)
    files, _ = render_files(Job.of(kit))
    for name in ("guide.pdf", "card.pdf"):
        text = " ".join(page.extract_text() for page in reader(files[name]).pages)
        assert "Αγαπητή" in text or "Αγαπητή" in words_in_font(files[name], "mynerve")


def test_a_letter_the_handwriting_font_lacks_is_drawn_from_noto_sans_with_a_warning(tmp_path: Path) -> None:
    from cardgen.scene import Text, walk

    note = note_with(
        tmp_path, {"template": None, "message.text": "Dear ſam, thanks", "card.message": "print"}
    )
    kit = make_kit(note)
    assert any("caveat has no glyph for ſ (U+017F" in w and "Noto Sans" in w for w in kit.warnings)
    fonts = [
        (i.text, i.font)
        for i, _, _ in walk(kit.guide.pages[0].items)
        if isinstance(i, Text) and i.role == "message"
    ]
    assert ("ſ", "noto-sans") in fonts


def test_the_kept_font_metrics_are_those_of_the_bundled_fonts() -> None:
    """fonts/metrics.json spares a run from parsing each font; it must say what the fonts say
    (after changing a font: make font-metrics)."""
    import json

    from cardgen.fonts import KEPT_METRICS, bundled_fonts, measure
    from cardgen.resources import fonts_dir

    kept = json.loads((fonts_dir() / KEPT_METRICS).read_text())
    bundled = {key: info for key, info in bundled_fonts().items() if info.group is None}
    assert set(kept) == set(bundled)
    for key, info in bundled.items():
        assert kept[key] == measure(info.path), (
            f"fonts/metrics.json is stale for {key}: run make font-metrics"
        )


def test_a_font_changed_since_its_metrics_were_kept_is_measured_afresh(tmp_path: Path) -> None:
    import shutil

    from cardgen.fonts import FontInfo, FontMetrics, bundled_fonts

    caveat = bundled_fonts()["caveat"]
    copy = tmp_path / "Caveat-Regular.ttf"
    shutil.copy(caveat.path, copy)
    kept, fresh = FontMetrics(caveat), FontMetrics(FontInfo("caveat", copy, "handwriting", "copy"))
    assert (kept.x_height, kept.ascender, kept.width("Thank you", 10)) == (
        fresh.x_height,
        fresh.ascender,
        fresh.width("Thank you", 10),
    )
    with copy.open("ab") as handle:
        handle.write(b"\0")  # not the file the metrics were kept for: its digest differs
    assert FontMetrics(FontInfo("caveat", copy, "handwriting", "copy")).width("Thank you", 10) == kept.width(
        "Thank you", 10
    )
