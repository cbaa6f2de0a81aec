"""Every script on paper: shaped glyphs as HarfBuzz gives them, right-to-left lines right-aligned and
in visual order, Chinese and Japanese broken only where UAX #14 allows, each script in its font,
every font embedded, and the same bytes from one process or several."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import uharfbuzz as hb
from bidi import get_display
from uniseg.linebreak import line_break_boundaries

from cardgen import load_note
from cardgen.fonts import bundled_fonts
from cardgen.jobs import Job
from cardgen.kit import make_kit
from cardgen.scene import Text, walk
from cardgen.writer import render_files
from tests.conftest import ROOT, note_with, skip_without_fonts

SAMPLES = ROOT / "samples"


def needs(group: str) -> None:
    """Skip, saying why, when the optional fonts of `group` are not installed."""
    skip_without_fonts(group)


def harfbuzz_gids(font: str, text: str, rtl: bool) -> list[int]:
    """uharfbuzz's own shaping of the text, in the glyph order it draws them."""
    face = hb.Face(hb.Blob.from_file_path(str(bundled_fonts()[font].path)))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(hb.Font(face), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def drawn_gids(data: bytes, font: str) -> list[int]:
    """The glyph ids the PDF's pages draw in `font`'s Type 0 font, in content order."""
    gids: list[int] = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        for block in re.findall(r"BT (.*?) ET", content, re.S):
            if f"/{font}.g " in block:
                gids += [int(h, 16) for h in re.findall(r"<([0-9a-f]{4})>", block)]
    return gids


def ink_ends(texts: list[Text], digits: int) -> dict[float, float]:
    """Each line's right end by baseline: where its ink ends (the advance's end, plus what its
    rightmost glyph's ink reaches past it)."""
    from cardgen.fonts import metrics
    from cardgen.layout.text import ink_overhang

    lines: dict[float, list[Text]] = {}
    for t in texts:
        lines.setdefault(round(t.y, digits), []).append(t)
    return {
        y: max(t.x + metrics(t.font).width_of_run(t.font, t.text, t.size) * t.hscale for t in line)
        + ink_overhang(line)
        for y, line in lines.items()
    }


def message_texts(kit_document_items: tuple, font: str | None = None) -> list[Text]:
    return [
        i
        for i, _, _ in walk(kit_document_items)
        if isinstance(i, Text) and i.role == "message" and (font is None or i.font == font)
    ]


@pytest.fixture(scope="module")
def arabic() -> tuple:
    kit = make_kit(load_note(SAMPLES / "arabic-thank-you.toml"))
    files, _ = render_files(Job.of(kit))
    return kit, files


def test_arabic_glyphs_are_harfbuzz_s_shaping_of_each_run(arabic: tuple) -> None:
    kit, files = arabic
    runs = [t for page in kit.guide.pages for t in message_texts(page.items, "aref-ruqaa")]
    assert runs and all(t.rtl for t in runs if any("\u0600" <= c <= "\u06ff" for c in t.text))
    expected = [g for t in runs for g in harfbuzz_gids("aref-ruqaa", t.text, t.rtl)]
    assert drawn_gids(files["guide.pdf"], "aref-ruqaa") == expected
    # joined forms: the drawn glyphs are not the letters' own glyphs one for one
    for t in runs:
        if t.text.strip() and not t.text.isascii():
            assert harfbuzz_gids("aref-ruqaa", t.text, t.rtl) != nominal_gids("aref-ruqaa", t.text)[::-1]


def nominal_gids(font: str, text: str) -> list[int]:
    """Each character's own glyph from the font's character map, in the text's order (unshaped)."""
    from fontTools.ttLib import TTFont

    tt = TTFont(str(bundled_fonts()[font].path), lazy=True)
    cmap, order = tt.getBestCmap(), tt.getGlyphOrder()
    index = {name: i for i, name in enumerate(order)}
    return [index[cmap[ord(c)]] if ord(c) in cmap else 0 for c in text]


def test_devanagari_practice_sheet_draws_kalam_s_conjuncts(tmp_path: Path) -> None:
    from cardgen import tracing_sheet
    from cardgen.practice import PracticeOptions

    text = "नमस्ते, आपका बहुत धन्यवाद। क्षमा कीजिए"
    data, _, _ = tracing_sheet(text, PracticeOptions(font="kalam"), name="hindi")
    expected = harfbuzz_gids("kalam", text, False)
    assert drawn_gids(data, "kalam") == expected
    assert expected != nominal_gids("kalam", text)  # स्ते, क्ष joined; the ि of कि stands before its क


def test_right_to_left_lines_are_right_aligned_and_in_visual_order(tmp_path: Path) -> None:
    from cardgen.layout.panels import writing_panels

    message = (
        "שלום דנה,\n\nתודה רבה על הפגישה היום ועל הזמן שהקדשת לי. אני שמח מאוד על ההזדמנות "
        "להכיר את הצוות ואשמח להצטרף אליכם בקרוב מאוד.\n\nבברכה,\nיונתן"
    )
    note = note_with(tmp_path, {"template": None, "message.text": message})
    kit = make_kit(note)
    rows = [row for rows in kit.fit.rows for row in rows if row.text]
    assert rows and all(row.rtl for row in rows)
    panel = {p.name: p for p in writing_panels(note.card.format, note.card.panels)}[kit.fit.panels[0]]
    x, _, w, _ = panel.writing_area()
    # The guide's words, in the panel's coordinates: each line's right end is the area's right edge
    # less its indent (the greeting and the body's lines at the edge, the body's first line indented).
    ends = ink_ends(message_texts(kit.guide.pages[0].items), 3)
    placed = [
        (round(b, 3), row) for b, row in kit.fit.placed(panel.name, panel.writing_area()[1]) if row.text
    ]
    assert len(placed) == len(ends) >= 3
    for baseline, row in placed:
        assert ends[baseline] == pytest.approx(x + w - row.indent, abs=0.01), row.text
    assert sum(1 for _, row in placed if row.indent == 0) >= 2
    # In the PDF: the greeting read left to right is the logical line reversed (visual order).
    files, _ = render_files(Job.of(kit))
    with pdfplumber.open(io.BytesIO(files["guide.pdf"])) as pdf:
        chars = [c for c in pdf.pages[0].chars if "\u0590" <= c["text"] <= "\u05ff"]
    top = min(c["top"] for c in chars)
    line = sorted((c for c in chars if abs(c["top"] - top) < 1), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in line) == get_display("שלום דנה").replace(" ", "")


def test_japanese_lines_break_only_where_uax14_allows() -> None:
    needs("ja")
    from cardgen.fonts import metrics
    from cardgen.layout.panels import writing_panels

    note = load_note(SAMPLES / "japanese-thank-you.toml")
    kit = make_kit(note)
    font = metrics(kit.note.handwriting.font)
    size = kit.fit.size.font_size(font)
    width = writing_panels(note.card.format, note.card.panels)[0].writing_area()[2]
    rows = [row for rows in kit.fit.rows for row in rows if row.text]
    for row in rows:
        assert row.indent + font.width(row.text, size) <= width + 1e-6, row.text
    # Every character once, in order (no space added, none lost), and every line break at a UAX #14
    # break opportunity of the text.
    texts = [row.text.replace(" ", "") for row in rows]
    joined = "".join(texts)
    assert joined == kit.text.replace("\n", "").replace(" ", "")
    allowed = set(line_break_boundaries(joined))
    at = 0
    for text in texts[:-1]:
        at += len(text)
        assert at in allowed, (joined[:at][-5:], joined[at:][:5])
    for text in texts[1:]:
        assert text[0] not in "、。」』）ぁぃぅぇぉっゃゅょァィゥェォッャュョー", text
    assert len(texts) >= 10


MIXED = "Dear Anna, שלום Привет Γειά नमस्ते 東京 ありがとう 감사합니다 مرحبا"
SCRIPT_FONTS = {
    "\u0590": "PlaypenSansHebrew",
    "\u0400": "Caveat",
    "\u0370": "Mynerve",
    "\u0900": "Kalam",
    "\u3040": "KleeOne",
    "\u4e00": "KleeOne",  # Han read as Japanese: the message has kana
    "\uac00": "NanumPen",
    "\u0600": "ArefRuqaa",
}


def block(char: str) -> str | None:
    point = ord(char) if char else 0
    for start, end in ((0x590, 0x600), (0x400, 0x500), (0x370, 0x400), (0x900, 0x980), (0x600, 0x700)):
        if start <= point < end:
            return chr(start)
    if 0x3040 <= point < 0x3100:
        return "\u3040"
    if 0x4E00 <= point < 0xA000:
        return "\u4e00"
    if 0xAC00 <= point < 0xD7B0:
        return "\uac00"
    return None


def test_each_script_is_drawn_in_its_own_font_and_every_font_is_embedded(tmp_path: Path) -> None:
    needs("ja")
    needs("ko")
    note = note_with(tmp_path, {"template": None, "message.text": MIXED, "card.message": "print"})
    files, _ = render_files(Job.of(make_kit(note)))
    with pdfplumber.open(io.BytesIO(files["card.pdf"])) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    seen = set()
    for char in chars:
        where = block(char["text"][:1]) if char["text"] else None
        if where:
            seen.add(where)
            assert SCRIPT_FONTS[where] in char["fontname"], (char["text"], char["fontname"])
    assert seen == set(SCRIPT_FONTS)
    for name in ("card.pdf", "guide.pdf", "envelope.pdf"):
        for page in pypdf.PdfReader(io.BytesIO(files[name])).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                if font["/Subtype"] == "/Type0":
                    descendant = font["/DescendantFonts"][0].get_object()
                    assert descendant["/Subtype"] == "/CIDFontType2"
                    assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
                    assert "/ToUnicode" in font
                else:
                    assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (make pdf-tools)")
def test_pdfs_with_type0_fonts_pass_qpdf(arabic: tuple, tmp_path: Path) -> None:
    _, files = arabic
    for name in ("card.pdf", "guide.pdf"):
        path = tmp_path / name
        path.write_bytes(files[name])
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_shaped_text_gives_the_same_bytes_every_time_and_from_several_workers(tmp_path: Path) -> None:
    from cardgen import render_kit

    csv = tmp_path / "people.csv"
    csv.write_text(
        "name,street,city,postal_code,country\n"
        + "".join(f"Recipient {i},{i} Main St,Boston,02110,US\n" for i in range(60)),  # 3 parts
        encoding="utf-8",
    )
    note = note_with(tmp_path, {"template": None, "message.text": "مرحبا {{ name }}، شكرا جزيلا. नमस्ते"})
    outputs = []
    for workers in (1, 2, 1):
        files, _ = render_kit(note, recipients=csv, workers=workers)
        outputs.append({name: data for name, data in files.items() if name.endswith(".pdf")})
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_a_note_needing_fonts_not_installed_names_the_command(tmp_path: Path) -> None:
    from tests.conftest import write_note

    note = write_note(tmp_path, {"template": None, "message.text": "ありがとうございました"})
    env = {"CARDGEN_FONTS": str(tmp_path / "no-fonts"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "cardgen", "check", str(note)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2, result.stderr
    assert 'run "cardgen fonts install ja"' in result.stderr and "line 1: あ (U+3042" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_plotter_svg_draws_the_shaped_glyphs_outlines(arabic: tuple) -> None:
    from fontTools.ttLib import TTFont

    from cardgen.render.svg import svg_page

    kit, _ = arabic
    page = kit.guide.pages[0]
    svg, missing = svg_page(page)
    runs = message_texts(page.items, "aref-ruqaa")
    tt = TTFont(str(bundled_fonts()["aref-ruqaa"].path), lazy=True)
    order, glyf = tt.getGlyphOrder(), tt["glyf"]
    contours = 0
    for t in runs:
        for gid in harfbuzz_gids("aref-ruqaa", t.text, t.rtl):
            glyph = glyf[order[gid]]
            contours += len(glyph.getCoordinates(glyf)[1]) if glyph.numberOfContours else 0
    ink = "#" + "".join(f"{round(v * 255):02x}" for v in runs[0].color)
    paths = re.findall(r'<path d="([^"]*)" fill="none" stroke="' + ink, svg.decode())
    assert contours and sum(d.count("M") for d in paths) == contours  # each glyph contour, once
    assert "ا" in missing  # said: the single-stroke font has no Arabic, drawn as outlines


def test_a_right_to_left_message_is_read_from_the_inside_right_panel(arabic: tuple) -> None:
    kit, _ = arabic
    assert kit.fit.panels == ("inside-right", "inside-left")
    first = " ".join(row.text for row in kit.fit.rows[0] if row.text)
    assert first.startswith("الأستاذة سارة")  # the greeting opens the right-hand panel


def test_devanagari_guide_lines_stand_at_its_headline_and_above_its_vowel_signs() -> None:
    from cardgen.layout.band import band_for
    from cardgen.units import MM

    band = band_for("नमस्ते आपका धन्यवाद", "kalam", 3 * MM)
    assert band.describe().startswith("letter height")
    assert band.mean == pytest.approx(3 * MM * 0.622 / 0.536, rel=0.01)  # Noto Sans Devanagari's headline
    mean, ascender, descender = band.lines(3 * MM, 5 * MM, 2 * MM)
    assert (ascender / 5, descender / 2) == pytest.approx((mean / 3, mean / 3))


def test_a_japanese_guide_puts_each_character_in_a_cell_of_its_squared_lines() -> None:
    needs("ja")
    from cardgen.fonts import metrics
    from cardgen.layout.band import band_for
    from cardgen.layout.panels import writing_panels
    from cardgen.scene import Line

    note = load_note(SAMPLES / "japanese-thank-you.toml")
    kit = make_kit(note)
    words = " ".join(row.text for rows in kit.fit.rows for row in rows)
    band = band_for(words, kit.note.handwriting.font, kit.fit.size.x_height)
    assert band.cell and band.describe().startswith("character boxes")
    panel = writing_panels(note.card.format, note.card.panels)[0]
    x, _, w, _ = panel.writing_area()
    page = kit.guide.pages[0]
    grid = [
        i
        for i, _, _ in walk(page.items)
        if isinstance(i, Line) and i.x1 == i.x2 and abs(abs(i.y2 - i.y1) - band.cell) < 0.01
    ]
    lefts = sorted({round(i.x1 - x, 3) for i in grid if x - 0.01 <= i.x1 <= x + w + 0.01})
    assert lefts == pytest.approx([k * band.cell for k in range(len(lefts))], abs=0.01)
    assert len(lefts) - 1 == int(w / band.cell)  # as many cells as fit across the writing area
    heading = [i for i, _, _ in walk(page.items) if isinstance(i, Text) and i.role == "heading"]
    assert {t.font for t in heading if "山" in t.text} == {"noto-sans-jp"}  # the name read as Japanese
    texts = [t for t in message_texts(page.items) if t.font == "klee-one"]
    assert texts
    for t in texts:
        start, width = (t.x - x) / band.cell, metrics(t.font).width_of_run(t.font, t.text, t.size) / band.cell
        assert start == pytest.approx(round(start), abs=0.01), t.text  # starts on a cell's edge
        assert width == pytest.approx(len(t.text), abs=0.1), t.text  # a cell a character (、 a bit less)


def test_digits_and_brackets_in_a_hebrew_line_are_set_in_its_font_and_end_at_the_right_edge(
    tmp_path: Path,
) -> None:
    from cardgen.layout.panels import writing_panels

    message = (
        "שלום דנה,\n\nנפגשנו ב-12 במאי 2024 בשעה 10:30 במשרדי (Acme Inc) בתל אביב, ואשמח מאוד "
        "להמשיך בתהליך ולהצטרף לצוות שלכם בקרוב.\n\n052-1234567\n\nבברכה,\nיעל"
    )
    note = note_with(tmp_path, {"template": None, "message.text": message})
    kit = make_kit(note)
    rows = [row for rows in kit.fit.rows for row in rows if row.text]
    assert all(row.rtl for row in rows)  # the telephone number too: it reads as the letter does
    panel = {p.name: p for p in writing_panels(note.card.format, note.card.panels)}[kit.fit.panels[0]]
    x, top, w, _ = panel.writing_area()
    texts = message_texts(kit.guide.pages[0].items)
    digits = {t.font for t in texts if any(c.isdigit() for c in t.text) and t.text != "052-1234567"}
    assert digits == {"playpen-sans-hebrew"}  # among Hebrew words, in the Hebrew font
    for baseline, row in kit.fit.placed(panel.name, top):
        if row.text:
            line = [t for t in texts if abs(t.y - baseline) < 0.01]
            assert ink_ends(line, 3)[round(baseline, 3)] == pytest.approx(x + w - row.indent, abs=0.01)


def test_bracket_pairs_follow_uax9_as_python_bidi_orders_them() -> None:
    from cardgen.direction import visual_runs

    for line in (
        "שלום abc (def)",
        "שלום (Acme Inc) תודה",
        "abc (שלום) def",
        "תודה [רבה] לך",
        "Hi (שלום) there",
    ):
        rtl = line[0] > "z"
        shown = "".join(text[::-1] if run_rtl else text for text, run_rtl in visual_runs(line, rtl))
        assert shown == get_display(line, base_dir="R" if rtl else "L"), line


def test_a_full_stop_after_a_latin_word_in_japanese_is_drawn_in_the_japanese_font(tmp_path: Path) -> None:
    needs("ja")
    from cardgen.fonts import metrics

    assert metrics("caveat@ja").runs("先日のPython。") == [
        ("klee-one", "先日の"),
        ("caveat", "Python"),
        ("klee-one", "。"),
    ]
    kit = make_kit(note_with(tmp_path, {"template": None, "message.text": "山田様、先日のPython。ー"}))
    assert not [w for w in kit.warnings if "glyph" in w]


def test_korean_breaks_at_its_spaces_and_gets_lines_not_squares() -> None:
    needs("ko")
    from cardgen.fonts import metrics
    from cardgen.layout.band import band_for
    from cardgen.layout.fit import HandSize, wrap
    from cardgen.units import MM

    text = "오늘 면접 기회를 주셔서 진심으로 감사드립니다. 다음 주에 다시 연락드리겠습니다."
    lines = wrap(text, metrics("caveat"), HandSize(3 * MM, 8 * MM), 40 * MM)
    assert len(lines) >= 3 and " ".join(lines) == text  # whole words on every line
    band = band_for(text, "caveat", 3 * MM)
    assert band.cell == 0 and band.describe().startswith("letter height")


def test_japanese_wrapping_never_adds_a_space_where_it_broke_inside_a_word() -> None:
    from cardgen.layout.fit import _wrap_block

    assert _wrap_block(["私は 東京 大阪 ありがとうございました"], len, 12, 12) == [
        "私は 東京 大阪 ありが",
        "とうございました",
    ]


def test_a_hebrew_practice_paragraph_is_right_aligned_on_every_line(tmp_path: Path) -> None:
    from cardgen import tracing_sheet
    from cardgen.practice import PracticeOptions, practice_sheet
    from cardgen.profiles import GivenProfiles

    text = " ".join(["משרד Google תל אביב הוא גדול."] * 6)  # lines may start with "Google"
    document, _ = practice_sheet(text, PracticeOptions(), GivenProfiles())
    texts = message_texts(document.pages[0].items)
    ends = ink_ends(texts, 2)
    assert len(ends) >= 3 and max(ends.values()) - min(ends.values()) < 0.01
    tracing_sheet("ש" + "\u05b0" * 300, PracticeOptions())  # a cluster longer than 255 code units


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed (make pdf-tools)"
)
def test_shaped_text_copies_out_as_written(tmp_path: Path) -> None:
    from cardgen import tracing_sheet
    from cardgen.practice import PracticeOptions

    text = "क कि नमस्ते जज़ीला جزيلا زر حج خ"
    data, _, _ = tracing_sheet(text, PracticeOptions(font="kalam"), name="copy")
    path = tmp_path / "copy.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    strip = str.maketrans("", "", "\u202a\u202b\u202c\u202d\u202e")
    words = set(out.translate(strip).split())
    assert {"क", "कि", "नमस्ते", "जज़ीला"} <= words
    assert {w[::-1] for w in ("جزيلا", "زر", "حج", "خ")} <= words | {w[::-1] for w in words}


def test_decomposed_kana_is_one_character(tmp_path: Path) -> None:
    from cardgen.coverage import clean_message

    assert clean_message("か\u3099き\u3099", "message")[0] == "がぎ"


def test_kalam_s_latin_stays_a_simple_font_and_its_devanagari_is_shaped() -> None:
    from cardgen import tracing_sheet
    from cardgen.practice import PracticeOptions

    data, _, _ = tracing_sheet("Thank you\n\nनमस्ते", PracticeOptions(font="kalam"), name="mixed")
    kinds = {
        (str(font.get_object()["/BaseFont"]).split("+")[1], str(font.get_object()["/Subtype"]))
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert ("Kalam-Regular", "/TrueType") in kinds and ("Kalam-Regular", "/Type0") in kinds


def test_an_arabic_practice_line_s_ink_ends_at_the_ruling_s_right_end() -> None:
    """Aref Ruqaa's initial kaf reaches 0.16 em right of its advance: the line is set left by that
    much, so its ink, not its advance, ends where the ruling does (rendered and looked for)."""
    from PIL import Image

    import cardgen
    from cardgen.layout.tracing import SIDE_MARGIN
    from cardgen.practice import PracticeOptions

    data, _, _ = cardgen.tracing_sheet("كبير جدا\n\nكتب", PracticeOptions(paper="a4"), name="ar")
    dpi = 144
    image = Image.open(io.BytesIO(cardgen.preview(data, pages=[1], dpi=dpi)[1])).convert("RGB")
    end = (image.width - SIDE_MARGIN * dpi / 72) + 1  # the ruling's right end, in pixels
    inked = [
        x
        for x in range(image.width)
        for y in range(0, image.height // 3, 2)
        if (lambda p: p[2] > 150 and p[0] < 200 and p[2] - p[0] > 40)(image.getpixel((x, y)))
    ]
    assert inked and max(inked) <= end, (max(inked), end)
    assert max(inked) >= end - 3  # and reaches it: the lines are right-aligned
