"""Scene -> PDF bytes with reportlab: fonts embedded as subsets, deterministic, no page scaling."""

from __future__ import annotations

import io
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cardgen import __version__
from cardgen.fonts import bundled_fonts
from cardgen.scene import Document, Group, Item, Line, Page, Rect, Text

BASE_FONT = "noto-sans"  # the canvas's initial font: else reportlab refers to unembedded Helvetica


@cache
def _register(key: str) -> str:
    pdfmetrics.registerFont(TTFont(key, str(bundled_fonts()[key].path)))
    return key


def render_pdf(document: Document) -> bytes:
    """The document as a PDF file's bytes; the same document always gives the same bytes."""
    buffer = io.BytesIO()
    first = document.pages[0]
    canvas = Canvas(
        buffer,
        pagesize=(first.width, first.height),
        invariant=1,
        pageCompression=1,
        initialFontName=_register(BASE_FONT),
        initialFontSize=10,
    )
    canvas.setTitle(document.title)
    canvas.setAuthor("cardgen")
    canvas.setCreator(f"cardgen {__version__}")
    if document.print_scaling_none:
        canvas.setViewerPreference("PrintScaling", "None")
    if document.duplex:
        flip = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge"}[document.duplex]
        canvas.setViewerPreference("Duplex", flip)
    for page in document.pages:
        _draw_page(canvas, page)
    canvas.save()
    return buffer.getvalue()


def _draw_page(canvas: Canvas, page: Page) -> None:
    canvas.setPageSize((page.width, page.height))
    canvas.saveState()
    canvas.transform(1, 0, 0, -1, 0, page.height)  # scene coordinates: top-left origin, y down
    _draw_items(canvas, page.items)
    canvas.restoreState()
    canvas.showPage()


def _draw_items(canvas: Canvas, items: tuple[Item, ...]) -> None:
    for item in items:
        if isinstance(item, Group):
            canvas.saveState()
            canvas.transform(*item.transform)
            _draw_items(canvas, item.items)
            canvas.restoreState()
        elif isinstance(item, Line):
            canvas.setStrokeColorRGB(*item.color)
            canvas.setLineWidth(item.width)
            canvas.setDash(list(item.dash) if item.dash else [])
            canvas.line(item.x1, item.y1, item.x2, item.y2)
        elif isinstance(item, Rect):
            if item.stroke:
                canvas.setStrokeColorRGB(*item.stroke)
                canvas.setLineWidth(item.width)
                canvas.setDash(list(item.dash) if item.dash else [])
            if item.fill:
                canvas.setFillColorRGB(*item.fill)
            canvas.rect(
                item.x, item.y, item.w, item.h, stroke=int(bool(item.stroke)), fill=int(bool(item.fill))
            )
        elif isinstance(item, Text):
            _draw_text(canvas, item)


def _draw_text(canvas: Canvas, item: Text) -> None:
    canvas.saveState()
    canvas.translate(item.x, item.y)
    canvas.scale(1, -1)  # glyphs upright again inside the flipped page
    text = canvas.beginText(0, 0)
    text.setFont(_register(item.font), item.size)
    text.setFillColorRGB(*item.color)
    if item.hscale != 1.0:
        text.setHorizScale(item.hscale * 100)
    text.textOut(item.text)
    canvas.drawText(text)
    canvas.restoreState()
