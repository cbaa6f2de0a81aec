"""Scene -> PDF bytes with reportlab: fonts embedded as subsets, deterministic, no page scaling."""

from __future__ import annotations

import io
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from cardgen import __version__
from cardgen.fonts import bundled_fonts
from cardgen.pdfx import OutputCondition
from cardgen.render.glyphfonts import GLYPHS, GlyphPlaceholder, glyph_run
from cardgen.render.join import join_pdfs, title_mark
from cardgen.render.pdfx import cmyk_color, cmyk_photo
from cardgen.render.pdfx import install as install_pdfx
from cardgen.render.subsets import Placeholder, resource_name, runs
from cardgen.render.subsets import register as _register
from cardgen.scene import Box, Color, Document, Dots, Group, Image, Item, Line, Page, Polyline, Text
from cardgen.shaping import drawn_as_glyphs

rl_config.useA85 = 0  # binary Flate streams: ASCII85 would make every page a quarter larger
BASE_FONT = "noto-sans"  # the canvas's initial font: else reportlab refers to unembedded Helvetica


def _save(canvas: Canvas) -> None:
    """Write the canvas's file: its fonts are placeholders (render/subsets.py) until it is joined."""
    canvas.save()


class PdfStream:
    """A PDF written document by document (a recipient at a time), so a long run never holds all its
    pages: every CHUNK_PAGES pages the canvas is saved to a chunk file beside the target, and close()
    joins the chunks, streaming (render/join.py). The first document sets the
    viewer preferences. A PDF/X file is always finished by the joiner (its ID, its XMP title). The
    file is complete after close()."""

    CHUNK_PAGES = 600

    def __init__(self, target: Path) -> None:
        self.target = target
        self.canvas: Canvas | None = None
        self.first: Document | None = None
        self.pages = 0
        self.chunks: list[Path] = []
        self.title = ""

    def add(self, document: Document) -> None:
        """Draw the document's pages after those already added."""
        if self.first is None:
            self.first = document
            self.title = document.title
        if self.canvas is None:
            self.chunks.append(self.target.with_name(f"{self.target.name}.part{len(self.chunks)}"))
            self.canvas = _new_canvas(self.chunks[-1], self.first)
        for page in document.pages:
            _draw_page(self.canvas, page, document)
            self.pages += 1
        if self.pages >= self.CHUNK_PAGES * len(self.chunks):
            self._save_chunk()

    def _save_chunk(self) -> None:
        if self.canvas is not None:
            self.canvas.setTitle(title_mark(self.title))
            _save(self.canvas)
            self.canvas = None

    def close(self, title: str | None = None, reverse: bool = False, finish: bool = True) -> list[Path]:
        """Finish the file; `title` replaces the first document's title (e.g. for many recipients);
        `reverse` writes the pages last to first. Without `finish` the chunks are left as they are
        (their fonts placeholders) and returned, for a later join with other parts' chunks."""
        if self.first is None:
            return []
        self.title = title or self.first.title
        self._save_chunk()
        if not finish:
            return self.chunks
        try:
            join_pdfs(self.chunks, self.target, self.title, reverse)
        finally:
            for chunk in self.chunks:
                chunk.unlink(missing_ok=True)
        return [self.target]


def _new_canvas(target: Path | BinaryIO, document: Document) -> Canvas:
    first = document.pages[0]
    canvas = Canvas(
        target if not isinstance(target, Path) else str(target),
        pagesize=(first.width, first.height),
        invariant=1,
        pageCompression=1,
        initialFontName=_register(BASE_FONT),
        initialFontSize=10,
    )
    if document.pdfx is not None:
        install_pdfx(canvas, document.pdfx, document.title)
    canvas.setTitle(title_mark(document.title))
    canvas.setAuthor("cardgen")
    canvas.setCreator(f"cardgen {__version__}")
    if document.print_scaling_none:
        canvas.setViewerPreference("PrintScaling", "None")
    if document.duplex:
        flip = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge"}[document.duplex]
        canvas.setViewerPreference("Duplex", flip)
    return canvas


def render_pdf(document: Document, reverse: bool = False) -> bytes:
    """The document as a PDF file's bytes (`reverse`: its pages last to first), the same bytes as
    a PdfStream of it; the same document always gives the same bytes."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, document)
    for page in document.pages:
        _draw_page(canvas, page, document)
    _save(canvas)
    finished = io.BytesIO()
    join_pdfs([buffer.getvalue()], finished, document.title, reverse)  # its fonts, and the ID: a content hash
    return finished.getvalue()


def _pdf_box(page: Page, box: Box | None) -> list[float] | None:
    """A scene box (top-left origin) as a PDF box [x1, y1, x2, y2] (bottom-left origin)."""
    if box is None:
        return None
    x, y, w, h = box
    return [round(v, 4) for v in (x, page.height - y - h, x + w, page.height - y)]


def _draw_page(canvas: Canvas, page: Page, document: Document) -> None:
    canvas.setPageSize((page.width, page.height))
    canvas.setTrimBox(_pdf_box(page, page.trim))  # None clears a box set for an earlier page
    canvas.setBleedBox(_pdf_box(page, page.bleed))
    canvas.saveState()
    canvas.transform(1, 0, 0, -1, 0, page.height)  # scene coordinates: top-left origin, y down
    condition = document.pdfx.condition if document.pdfx else None
    _Painter(canvas, document.cmyk, condition).draw(page.items)
    canvas.restoreState()
    canvas.showPage()
    canvas._doc.Pages.pages[-1].__class__ = _Page


class _Content(pdfdoc.PDFObject):  # type: ignore[misc]
    """A page's content stream, compressed and written as reportlab would, without its machinery."""

    def __init__(self, code: str) -> None:
        self.code = code

    def format(self, document: Any) -> bytes:
        """The stream object's dictionary and data."""
        data = zlib.compress(self.code.encode("utf-8"))
        return b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>\nstream\n%sendstream\n" % (len(data), data)


class _Page(pdfdoc.PDFPage):  # type: ignore[misc]
    """A page whose dictionary is written directly when it holds only what cardgen's pages do
    (content, boxes, fonts, forms): reportlab's generic formatting cost more than the drawing."""

    def format(self, document: Any) -> bytes:
        """The page dictionary (and its content stream registered), as reportlab's would be."""
        unusual = (self.Annots, self.Dur, self.Rotate, self.CropBox, self.ArtBox, self.ExtGState)
        if any(unusual) or self._colorsUsed or self._shadingUsed:
            return bytes(super().format(document))
        contents = document.Reference(_Content(self.stream)).format(document)
        parent = document.Reference(document.Pages).format(document)
        fonts = pdfdoc.PDFObjectReference(pdfdoc.BasicFonts).format(document)
        boxes = b"".join(
            b" /%s [ %s ]" % (name.encode(), fp_str(*box.sequence).encode())
            for name, box in (("BleedBox", self.BleedBox), ("TrimBox", self.TrimBox))
            if box is not None
        )
        xobjects = b" /XObject " + pdfdoc.format(self.XObjects, document) if self.XObjects else b""
        return (
            b"<<\n/Contents %s /MediaBox [ 0 0 %s ] /Parent %s%s"
            b" /Resources <<\n/Font %s%s%s\n>> /Type /Page\n>>"
            % (
                contents,
                fp_str(self.pagewidth, self.pageheight).encode(),
                parent,
                boxes,
                fonts,
                b" /ProcSet [ /PDF /Text /ImageB /ImageC /ImageI ]",
                xobjects,
            )
        )


FORM_REACH = 5000.0  # a form's bounding box, in points each way: larger than any page
_FORMS: WeakKeyDictionary[Canvas, dict[tuple[Item, ...], str]] = WeakKeyDictionary()
_FONTS: WeakKeyDictionary[Canvas, dict[tuple[str, int], Placeholder | GlyphPlaceholder]] = WeakKeyDictionary()
_NOTED: WeakKeyDictionary[Canvas, set[tuple[str, str]]] = WeakKeyDictionary()  # texts whose codes are noted


@lru_cache(maxsize=4096)
def _shown(font: str, size: float, text: str) -> tuple[str, tuple[tuple[int, bytes], ...]]:
    """The operators showing `text` (font, size, codes; after its Tm) and its (subset, codes) runs."""
    used = tuple(runs(font, text))
    size_text = fp_str(size)
    shown = " ".join(
        f"/{resource_name(font, subset)} {size_text} Tf ({escapePDF(codes)}) Tj" for subset, codes in used
    )
    return shown, used


class _Painter:
    """Draws items, setting colour, width and dash only when they change (a guide page has hundreds
    of lines in two styles)."""

    def __init__(self, canvas: Canvas, cmyk: bool = False, condition: OutputCondition | None = None) -> None:
        self.canvas = canvas
        self.cmyk = cmyk
        self.condition = condition  # PDF/X: colours and photos converted through its ICC profile
        self.forms = _FORMS.setdefault(canvas, {})
        self.fonts = _FONTS.setdefault(canvas, {})
        self.noted = _NOTED.setdefault(canvas, set())
        self.stroke: object = None
        self.width: object = None
        self.dash: object = None
        self.fill: object = None
        self.round = False

    def _caps(self, round_caps: bool) -> None:
        if round_caps != self.round:
            self.canvas.setLineCap(1 if round_caps else 0)
            self.canvas.setLineJoin(1 if round_caps else 0)
            self.round = round_caps

    def _pen(self, color: Color, width: float, dash: tuple[float, ...]) -> None:
        canvas = self.canvas
        if color != self.stroke:
            canvas.setStrokeColor(_color(color, self.cmyk, self.condition))
            self.stroke = color
        if width != self.width:
            canvas.setLineWidth(width)
            self.width = width
        if dash != self.dash:
            canvas.setDash(list(dash))
            self.dash = dash

    def _paint(self, color: Color) -> None:
        if color != self.fill:
            self.canvas.setFillColor(_color(color, self.cmyk, self.condition))
            self.fill = color

    def _form(self, items: tuple[Item, ...]) -> str:
        """The name of a form XObject holding these items, drawn the first time they are met in
        this file (named in order of first use, so the output stays deterministic)."""
        name = self.forms.get(items)
        if name is None:
            name = self.forms[items] = f"Shared{len(self.forms) + 1}"
            self.canvas.beginForm(name, -FORM_REACH, -FORM_REACH, FORM_REACH, FORM_REACH)
            _Painter(self.canvas, self.cmyk, self.condition).draw(items)
            self.canvas.endForm()
        return name

    def _font(self, key: str, subset: int, codes: bytes) -> str:
        """The resource name of the font's subset, noting the codes used (for the joiner)."""
        holder = self.fonts.get((key, subset))
        name = resource_name(key, subset)
        if holder is None:
            holder = self.fonts[key, subset] = Placeholder(key, subset)
            doc = self.canvas._doc
            doc.idToObject["BasicFonts"].dict[name] = doc.Reference(holder, f"CardgenFont:{name}")
        holder.codes.update(codes)
        return name

    def _text(self, item: Text) -> None:
        """A text run's operators, written directly: reportlab's text objects cost more than the
        rest of the page (and would number font subsets in order of use)."""
        if item.outline:
            self._pen(item.color, item.outline, item.dash)
        else:
            self._paint(item.color)
        if drawn_as_glyphs(bundled_fonts()[item.font].scripts, item.text):
            self._glyph_text(item)
            return
        shown, used = _shown(item.font, item.size, item.text)
        if (item.font, item.text) not in self.noted:  # the same words recur on every recipient's pages
            self.noted.add((item.font, item.text))
            for subset, codes in used:
                self._font(item.font, subset, codes)
        place = fp_str(item.hscale, 0, 0, -1, item.x, item.y)  # glyphs upright, y down
        if item.outline:
            self.canvas._code.append(f"BT 1 Tr {place} Tm {shown} 0 Tr ET")
        else:
            self.canvas._code.append(f"BT {place} Tm {shown} ET")

    def _glyph_text(self, item: Text) -> None:
        """A shaped run, drawn by glyph id in the font's Type 0 font (render/glyphfonts.py)."""
        code, texts = glyph_run(
            item.font, item.size, item.hscale, item.x, item.y, item.text, item.rtl, item.outline > 0
        )
        holder = self.fonts.get((item.font, GLYPHS))
        if holder is None:
            holder = self.fonts[item.font, GLYPHS] = GlyphPlaceholder(item.font)
            name = resource_name(item.font, GLYPHS)
            doc = self.canvas._doc
            doc.idToObject["BasicFonts"].dict[name] = doc.Reference(holder, f"CardgenFont:{name}")
        holder.note(texts)
        self.canvas._code.append(code)

    def draw(self, items: tuple[Item, ...]) -> None:
        canvas = self.canvas
        for item in items:
            if isinstance(item, Line):
                self._pen(item.color, item.width, item.dash)
                canvas.line(item.x1, item.y1, item.x2, item.y2)
            elif isinstance(item, Text):
                self._text(item)
            elif isinstance(item, Polyline):
                self._polyline(item)
            elif isinstance(item, Dots):
                self._paint(item.color)
                path = canvas.beginPath()
                for x, y in item.points:
                    path.circle(x, y, item.diameter / 2)
                canvas.drawPath(path, stroke=0, fill=1)
            elif isinstance(item, Image):
                canvas.saveState()
                canvas.transform(1, 0, 0, -1, item.x, item.y + item.h)  # images upright in a y-down scene
                data = cmyk_photo(item.data, self.condition) if self.condition else item.data
                canvas.drawImage(_image_reader(data), 0, 0, item.w, item.h)
                canvas.restoreState()
            elif isinstance(item, Group):
                saved = (self.stroke, self.width, self.dash, self.fill, self.round)
                canvas.saveState()
                canvas.transform(*item.transform)
                if item.shared:
                    canvas.doForm(self._form(item.items))
                else:
                    self.draw(item.items)
                canvas.restoreState()
                self.stroke, self.width, self.dash, self.fill, self.round = saved
            else:
                if item.stroke:
                    self._pen(item.stroke, item.width, item.dash)
                if item.fill:
                    self._paint(item.fill)
                stroke, fill = int(bool(item.stroke)), int(bool(item.fill))
                canvas.rect(item.x, item.y, item.w, item.h, stroke=stroke, fill=fill)

    def _polyline(self, item: Polyline) -> None:
        if not item.points:
            return
        if item.color:
            self._pen(item.color, item.width, item.dash)
            self._caps(item.round)
        if item.fill:
            self._paint(item.fill)
        path = self.canvas.beginPath()
        path.moveTo(*item.points[0])
        for point in item.points[1:]:
            path.lineTo(*point)
        if item.closed:
            path.close()
        self.canvas.drawPath(path, stroke=int(item.color is not None), fill=int(item.fill is not None))


def _color(color: Color, cmyk: bool, condition: OutputCondition | None = None) -> colors.Color:
    """A scene colour for reportlab: RGB (or converted to CMYK: greys and black to K only, other
    colours through the PDF/X condition's profile when there is one), CMYK, or the registration
    colour that prints on every plate."""
    if len(color) == 1:
        return colors.CMYKColorSep(1, 1, 1, 1, spotName="All")
    if len(color) == 4:
        return colors.CMYKColor(*color)
    if not cmyk:
        return colors.Color(*color)
    if condition is not None and condition.profile is not None and max(color) - min(color) > 0.002:
        return colors.CMYKColor(*cmyk_color(color, condition))
    black = 1 - max(color)
    if black >= 1:
        return colors.CMYKColor(0, 0, 0, 1)
    c, m, y = ((1 - v - black) / (1 - black) for v in color)
    return colors.CMYKColor(round(c, 4), round(m, 4), round(y, 4), round(black, 4))


def _image_reader(data: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(data))
