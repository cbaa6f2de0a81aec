"""Render the README's pictures (run: make previews): docs/sample-kit.png from the main sample,
each sample note's card pages to samples/previews/<sample>-<file>-<page>.png for the gallery, and
docs/practice-grids.png, three CJK practice grids (when the optional CJK fonts are installed)."""

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


def sheet(files: dict[str, bytes], name: str, page: int) -> Image.Image:
    image = Image.open(io.BytesIO(pdf_pages_to_png(files[name], DPI)[page])).convert("RGB")
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
    gap = 16
    width = sum(t.width for t in tiles) + gap * (len(tiles) + 1)
    height = max(t.height for t in tiles) + 2 * gap
    canvas = Image.new("RGB", (width, height), (236, 236, 232))
    x = gap
    for tile in tiles:
        canvas.paste(tile, (x, gap))
        x += tile.width + gap
    out = ROOT / "docs" / "sample-kit.png"
    canvas.save(out, optimize=True)
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
    gap = 16
    canvas = Image.new(
        "RGB", (sum(t.width for t in tiles) + gap * 4, tiles[0].height + 2 * gap), (236, 236, 232)
    )
    for index, tile in enumerate(tiles):
        canvas.paste(tile, (gap + index * (tile.width + gap), gap))
    out = ROOT / "docs" / "practice-grids.png"
    canvas.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(out, optimize=True)
    print(f"wrote {out}")


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
    gallery()
