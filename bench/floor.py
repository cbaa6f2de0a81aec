"""The floor: a plain reportlab script that draws the same pages as cardgen's sample kit (the same
fonts, the same text, the same lines) for COUNT recipients, with none of cardgen's pipeline.

It is what the drawing itself costs; cardgen's time over this is its own (wording, fitting, layout,
scene). Positions are the sample's, rounded; the recipient's name changes on every kit."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parent.parent / "fonts"
MM = 72 / 25.4
MESSAGE = [
    "Dear Ms. Rivera,",
    "Thank you for meeting with me",
    "about the Data Analyst role",
    "at Northwind Labs. I",
    "especially enjoyed hearing how",
    "your team rebuilt the",
    "reporting pipeline.",
    "Our conversation made me",
    "even more excited about the",
    "work, and I am confident I",
    "can help Northwind Labs from",
    "day one.",
    "One thing I forgot to mention",
    "when we met: I led our",
    "migration to dbt, which cut",
    "nightly report builds from",
    "three hours to twenty minutes.",
    "I would love to join you as your",
    "next Data Analyst. I will",
    "follow up on Friday, December",
    "4 if I have not heard by then.",
    "Warm regards,",
    "Alex",
]


def register() -> None:
    for key, path in {
        "caveat": "Caveat/Caveat-Regular.ttf",
        "noto": "NotoSans/NotoSans-Regular.ttf",
        "dancing": "DancingScript/DancingScript-Regular.ttf",
    }.items():
        pdfmetrics.registerFont(TTFont(key, str(FONTS / path)))


def canvas(path: Path, size: tuple[float, float]) -> Canvas:
    c = Canvas(str(path), pagesize=size, invariant=1, pageCompression=1, initialFontName="noto")
    c.setViewerPreference("PrintScaling", "None")
    return c


def marks(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    c.setLineWidth(0.3)
    for cx in (x, x + w):
        c.line(cx, y - 6, cx, y - 24)
        c.line(cx, y + h + 6, cx, y + h + 24)
    for cy in (y, y + h):
        c.line(x - 6, cy, x - 24, cy)
        c.line(x + w + 6, cy, x + w + 24, cy)
    c.rect(22, 20, 144, 3, stroke=0, fill=1)
    c.setFont("noto", 7.5)
    c.drawString(174, 18, "This bar must measure 2 in. If not, print at 100 % (Actual size).")


def draw_card(c: Canvas) -> None:
    marks(c, 90, 108, 612, 396)
    c.setFont("noto", 7.5)
    c.drawString(22, 586, "Print both sides at 100 % (Actual size), flip on long edge; cut on the marks.")
    c.setFillColorRGB(0.18, 0.28, 0.35)
    c.setFont("dancing", 52)
    c.drawString(450, 300, "Thank you")
    c.line(500, 280, 580, 280)
    c.setFillColorRGB(0, 0, 0)
    c.showPage()
    c.showPage()  # the inside, left for the pen


def draw_guide(c: Canvas, name: str) -> None:
    for part, lines in ((1, MESSAGE[:12]), (2, MESSAGE[12:])):
        marks(c, 153, 198, 306, 396)
        c.setFont("noto", 9)
        c.drawString(22, 770, f"Handwriting guide for {name}: panel ({part} of 2), A2 folded card")
        c.setLineWidth(0.5)
        c.rect(153, 198, 306, 396)
        for i in range(14):
            base = 594 - 10 * MM - (i + 1) * 8 * MM
            c.setDash([])
            c.setLineWidth(0.5)
            c.line(153 + 10 * MM, base, 459 - 10 * MM, base)
            c.setDash([1.5, 2.5])
            c.setLineWidth(0.3)
            c.line(153 + 10 * MM, base + 3 * MM, 459 - 10 * MM, base + 3 * MM)
            if i < len(lines):
                c.setFillColorRGB(0.42, 0.62, 0.92)
                c.setFont("caveat", 23.97)
                c.drawString(153 + 10 * MM, base, lines[i])
                c.setFillColorRGB(0, 0, 0)
        c.setDash([])
        c.showPage()


def draw_envelope(c: Canvas, name: str) -> None:
    c.setFont("noto", 8.5)
    for i, line in enumerate(["Alex Morgan", "12 Elm Street", "SPRINGFIELD IL 62701"]):
        c.drawString(21.6, 315 - 27.7 - i * 10.6, line)
    c.setFont("noto", 11)
    delivery = [
        name.upper(),
        "ENGINEERING MANAGER",
        "NORTHWIND LABS",
        "400 MARKET STREET",
        "SUITE 1200",
        "SAN FRANCISCO CA 94105",
    ]
    for i, line in enumerate(delivery):
        c.drawString(140, 190 - i * 13.75, line)
    c.showPage()


def draw_all(count: int, out: Path) -> None:
    """card.pdf, guide.pdf and envelope.pdf for `count` recipients in `out`."""
    register()
    out.mkdir(parents=True, exist_ok=True)
    card = canvas(out / "card.pdf", (792, 612))
    guide = canvas(out / "guide.pdf", (612, 792))
    envelope = canvas(out / "envelope.pdf", (414, 315))
    for number in range(count):
        name = f"Person {number}"
        draw_card(card)
        draw_guide(guide, name)
        draw_envelope(envelope, name)
    for c in (card, guide, envelope):
        c.save()
