"""Render the README's pictures (run: make previews): docs/sample-kit.png from the main sample,
each sample note's card pages to samples/previews/<sample>-<file>-<page>.png for the gallery, and
docs/practice-grids.png, three CJK practice grids, and docs/scripts-*.png, notes in other scripts
(when the optional CJK fonts are installed)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from PIL import Image

import cardgen
from cardgen import load_note
from cardgen.fonts import bundled_fonts
from cardgen.jobs import Job
from cardgen.kit import make_kit
from cardgen.render.png import pdf_pages_to_png
from cardgen.writer import render_files

ROOT = Path(__file__).resolve().parent.parent
DPI = 40
GALLERY_DPI = 30


def sheet(files: dict[str, bytes], name: str, page: int, dpi: int = DPI, top: float = 1.0) -> Image.Image:
    """A page framed in grey (`top`: only that share of it, from the top)."""
    image = Image.open(io.BytesIO(pdf_pages_to_png(files[name], dpi)[page])).convert("RGB")
    image = image.crop((0, 0, image.width, round(image.height * top)))
    framed = Image.new("RGB", (image.width + 2, image.height + 2), (150, 150, 150))
    framed.paste(image, (1, 1))
    return framed


def sample_kit() -> None:
    note = load_note(ROOT / "samples" / "interview-thank-you.toml")
    handwrite, _ = render_files(Job.of(make_kit(note)))
    printed = dataclasses.replace(note, card=dataclasses.replace(note.card, message="print"))
    print_files, _ = render_files(Job.of(make_kit(printed)))
    tiles = [
        sheet(handwrite, "card.pdf", 0),
        sheet(print_files, "card.pdf", 1).rotate(180),  # printed upside down for the flip; shown upright
        sheet(handwrite, "guide.pdf", 0),
        sheet(handwrite, "envelope.pdf", 0),
    ]
    strip(tiles, "sample-kit.png")


def strip(tiles: list[Image.Image], name: str, colors: int = 0) -> None:
    """The tiles side by side on a grey ground, saved as docs/<name> (`colors`: a palette of so many)."""
    gap = 16
    width = sum(t.width for t in tiles) + gap * (len(tiles) + 1)
    canvas = Image.new("RGB", (width, max(t.height for t in tiles) + 2 * gap), (236, 236, 232))
    x = gap
    for tile in tiles:
        canvas.paste(tile, (x, gap))
        x += tile.width + gap
    out = ROOT / "docs" / name
    image = canvas.convert("P", palette=Image.Palette.ADAPTIVE, colors=colors) if colors else canvas
    image.save(out, optimize=True)
    print(f"wrote {out}")


GRIDS = (  # text, options: the README's three practice grids
    ("日本語を勉強します。ひらがな、カタカナ、漢字。", {}),
    (
        "「吾輩は猫である。名前はまだ無い。」\nどこで生れたか、とんと見当がつかぬ。コーヒーを飲みながら、"
        "ゆっくり考えよう。",
        {"grid": "text", "vertical": True},
    ),
    ("学而时习之，不亦说乎？有朋自远方来，不亦乐乎？", {"cell": "diagonals"}),
)


def practice_grids() -> None:
    """A Japanese drill on 田字格, a Japanese text written vertically, a Chinese drill on 米字格."""
    if not all(bundled_fonts()[key].installed for key in ("klee-one", "ma-shan-zheng")):
        print("skipped docs/practice-grids.png: the optional Japanese and Chinese fonts are not installed")
        return
    tiles = []
    for text, options in GRIDS:
        pdf, _, _ = cardgen.tracing_sheet(text, cardgen.PracticeOptions(paper="a4", **options), name="text")
        tiles.append(sheet({"grid.pdf": pdf}, "grid.pdf", 0))
    strip(tiles, "practice-grids.png", 64)


def scripts_gallery() -> None:
    """The README's pictures of other scripts: a Japanese note's guide and a grid of its words, an
    Arabic note (its card printed, its guide), a Hebrew envelope, a Hindi practice sheet."""
    if not bundled_fonts()["klee-one"].installed:
        print("skipped docs/scripts-*.png: the optional Japanese fonts are not installed")
        return

    def kit(name: str, printed: bool = False) -> dict[str, bytes]:
        note = load_note(ROOT / "samples" / f"{name}.toml")
        if printed:
            note = dataclasses.replace(note, card=dataclasses.replace(note.card, message="print"))
        return render_files(Job.of(make_kit(note)))[0]

    japanese = kit("japanese-thank-you")
    drill, _, _ = cardgen.tracing_sheet("本日はありがとうございました。", cardgen.PracticeOptions(paper="a4"))
    strip(
        [sheet(japanese, "guide.pdf", 0), sheet({"g": drill}, "g", 0), sheet(japanese, "envelope.pdf", 0)],
        "scripts-japanese.png",
        64,
    )
    arabic, arabic_printed = kit("arabic-thank-you"), kit("arabic-thank-you", printed=True)
    tiles = [sheet(arabic_printed, "card.pdf", 1).rotate(180), sheet(arabic, "guide.pdf", 0)]
    strip(tiles, "scripts-arabic.png", 64)
    strip([sheet(kit("hebrew-envelope"), "envelope.pdf", 0, dpi=70)], "scripts-hebrew-envelope.png", 64)
    hindi = "नमस्ते, आपका बहुत धन्यवाद।\nमुझे आपके साथ काम करने का अवसर मिला।\nक ख ग घ च छ ज झ"
    options = cardgen.PracticeOptions(paper="a4", font="kalam", ruling="school", rehearse=True)
    practice, _, _ = cardgen.tracing_sheet(hindi, options, name="hindi")
    strip([sheet({"p": practice}, "p", 0, dpi=90, top=0.3)], "scripts-hindi-practice.png", 64)


def gallery() -> None:
    """Every sample's card file(s), page by page, as the printer receives them."""
    folder = ROOT / "samples" / "previews"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    for path in sorted((ROOT / "samples").glob("*.toml")):
        files, _ = render_files(Job.of(make_kit(load_note(path))))
        for name in sorted(n for n in files if n.startswith("card")):
            for number, png in enumerate(pdf_pages_to_png(files[name], GALLERY_DPI), start=1):
                image = Image.open(io.BytesIO(png)).convert("P", palette=Image.Palette.ADAPTIVE, colors=255)
                out = folder / f"{path.stem}-{name.removesuffix('.pdf')}-{number}.png"
                image.save(out, optimize=True)
                print(f"wrote {out}")


if __name__ == "__main__":
    sample_kit()
    practice_grids()
    scripts_gallery()
    gallery()
