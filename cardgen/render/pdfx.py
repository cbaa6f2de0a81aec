"""PDF/X-1a and PDF/X-4 on a reportlab canvas: the output intent (with the condition's ICC profile),
XMP metadata, the Info keys (version, Trapped, dates), and photos converted to CMYK through the
output profile with Pillow's ImageCms. join.py gives the file its content-hash ID."""

from __future__ import annotations

import datetime
import io
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from cardgen import __version__
from cardgen.pdfx import REGISTRY, OutputCondition, PdfX, profile_path
from cardgen.render.xmp import PRODUCER, xmp_packet

_CATALOG_KEYS = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]


class _Info(pdfdoc.PDFInfo):
    """The document information dictionary of a PDF/X file: what the XMP metadata says, plus the
    version keys, with the file's own date (never the clock)."""

    def __init__(self, pdfx: PdfX) -> None:
        super().__init__()
        self.pdfx = pdfx

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        date = datetime.datetime.fromtimestamp(self.pdfx.date, datetime.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
        keys = {
            "Title": pdfdoc.PDFString(self.title),
            "Author": pdfdoc.PDFString("cardgen"),
            "Creator": pdfdoc.PDFString(f"cardgen {__version__}"),
            "Producer": pdfdoc.PDFString(PRODUCER),
            "CreationDate": pdfdoc.PDFString(date),
            "ModDate": pdfdoc.PDFString(date),
            "Trapped": pdfdoc.PDFName("False"),
            "GTS_PDFXVersion": pdfdoc.PDFString(self.pdfx.version),
        }
        if self.pdfx.standard == "pdfx-1a":
            keys["GTS_PDFXConformance"] = pdfdoc.PDFString("PDF/X-1a:2003")
        result: bytes = pdfdoc.PDFDictionary(keys).format(document)
        return result


class _RawStream(pdfdoc.PDFStream):
    """A stream written without filters: XMP stays readable (and editable in place) as PDF/X wants."""

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        dictionary = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(self.content)
        head: bytes = pdfdoc.format(dictionary, document)
        return head + b"\nstream\n" + self.content + b"endstream\n"


def install(canvas: Canvas, pdfx: PdfX, title: str) -> None:
    """Make the canvas's file a PDF/X file of the given standard, titled `title`."""
    doc = canvas._doc
    doc.info = _Info(pdfx)
    canvas.setTitle(title)
    condition = pdfx.condition
    intent = {
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(condition.identifier),
        "OutputCondition": pdfdoc.PDFString(condition.info),
        "RegistryName": pdfdoc.PDFString(REGISTRY),
        "Info": pdfdoc.PDFString(condition.info),
    }
    if condition.profile is not None:
        profile = pdfdoc.PDFStream(
            pdfdoc.PDFDictionary({"N": 4, "Alternate": pdfdoc.PDFName("DeviceCMYK")}),
            _profile_bytes(profile_path(condition)),
            [pdfdoc.PDFZCompress],
        )
        intent["DestOutputProfile"] = doc.Reference(profile)
    catalog = doc.Catalog
    catalog.__NoDefault__ = _CATALOG_KEYS
    catalog.OutputIntents = pdfdoc.PDFArray([doc.Reference(pdfdoc.PDFDictionary(intent))])
    packet = xmp_packet(pdfx.standard, title, pdfx.date, f"cardgen {__version__}")
    metadata = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")})
    catalog.Metadata = doc.Reference(_RawStream(metadata, packet))


@cache
def _profile_bytes(path: Path) -> bytes:
    return path.read_bytes()


@cache
def _to_cmyk(condition: OutputCondition, photo: bool = True):  # type: ignore[no-untyped-def]
    """sRGB to the condition's CMYK: perceptual for photos (the whole picture kept in gamut),
    relative colorimetric with black point compensation for flat colours (kept as close as they go)."""
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(profile_path(condition))),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL if photo else ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.NONE if photo else ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@cache
def cmyk_color(rgb: tuple[float, ...], condition: OutputCondition) -> tuple[float, float, float, float]:
    """A flat sRGB colour (0..1 each) as the condition's CMYK (0..1 each)."""
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in rgb))
    converted = ImageCms.applyTransform(pixel, _to_cmyk(condition, photo=False))
    assert converted is not None  # applyTransform returns None only when converting in place
    c, m, y, k = converted.getpixel((0, 0))  # type: ignore[misc]
    return round(c / 255, 4), round(m / 255, 4), round(y / 255, 4), round(k / 255, 4)


@lru_cache(maxsize=4)  # a run's recipients share one photo: converted once per process
def cmyk_photo(data: bytes, condition: OutputCondition) -> bytes:
    """An encoded photo (taken as sRGB) as a CMYK JPEG for the printing condition, through its ICC
    profile: PDF/X-1a allows no RGB, and the shop's press prints what the profile predicts."""
    from PIL import Image, ImageCms

    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
    cmyk = ImageCms.applyTransform(rgb, _to_cmyk(condition))
    assert cmyk is not None  # applyTransform returns None only when converting in place
    out = io.BytesIO()
    cmyk.save(out, "JPEG", quality=95, subsampling=0)
    return out.getvalue()
