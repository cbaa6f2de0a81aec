"""Check any PDF against the print rules (shop: boxes, fonts, images, safe area, bleed; home: page size,
margin, fonts, images, scaling) and return Findings; an unreadable file raises InputError."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from cardgen.errors import InputError, did_you_mean
from cardgen.prepress_fonts import fonts_used
from cardgen.units import IN, MM

FAIL, WARN = "fail", "warn"
TARGETS = ("shop", "home")
TOL = 0.01  # pt, for box comparisons
TOUCH = 0.5  # pt: art this close to a trim edge touches it
PAGE_TOL = 0.5  # pt, for home page sizes
HOME_SIZES = ((612.0, 792.0), (595.28, 841.89))  # US Letter, A4
PPI = {"shop": (150, 300), "home": (100, 150)}  # (fail below, warn below)
SIDES = ("left", "bottom", "right", "top")
_DEFAULT_BOX = {"/TrimBox": "/CropBox", "/BleedBox": "/CropBox", "/CropBox": "/MediaBox"}
NO_SCALING = (
    "the PDF does not ask viewers to print at 100 % (ViewerPreferences /PrintScaling /None): a viewer may "
    '"fit to page" and change the card size; print at "Actual size"'
)
_READ_ERRORS = (PyPdfError, PSException, PdfminerException, MalformedPDFException)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space (origin bottom left)


@dataclass(frozen=True)
class Finding:
    page: int | None  # 1-based; None for the whole file or for several pages (listed in the message)
    severity: str  # "fail" | "warn"
    rule: str  # "boxes", "fonts", "images", "safe-area", "bleed", "page-size", "margin", "scaling", "pdfx"
    message: str  # one line, without the page number

    def __str__(self) -> str:
        return f"{self.severity}: " + (f"page {self.page}: " if self.page else "") + self.message


def preflight(
    path: Path, target: str = "shop", *, safe: float = 9.0, bleed: float = 9.0, printer_margin: float = 18.0
) -> list[Finding]:
    """The problems of the PDF at `path` for printing at a shop or at home (lengths in points)."""
    if target not in TARGETS:
        choices = f'use "shop" or "home"{did_you_mean(target, TARGETS)}'
        raise InputError(f'unknown preflight target "{target}"; {choices}')
    reader = _open(path)
    findings: list[Finding] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, (page, plumb) in enumerate(zip(reader.pages, pdf.pages, strict=False), start=1):
                if target == "shop":
                    findings += _check_shop_page(number, page, plumb, safe, bleed)
                else:
                    findings += _check_page_size(number, _box(page, "/CropBox"))
                    findings += _check_margin(number, plumb, _box(page, "/CropBox"), printer_margin)
                findings += _check_images(number, plumb, target)
                findings += _check_fonts(number, page)
                plumb.close()  # frees the page's parsed objects
            prefs: Any = reader.root_object.get("/ViewerPreferences", DictionaryObject())
            if target == "home" and prefs.get_object().get("/PrintScaling") != "/None":
                findings.append(Finding(None, WARN, "scaling", NO_SCALING))
    except _READ_ERRORS as error:
        raise InputError(f"{path}: not a PDF file (damaged: {error})") from None
    return _merge(findings)


def _check_shop_page(number: int, page: PageObject, plumb: Any, safe: float, bleed: float) -> list[Finding]:
    trim, bleed_box = _box(page, "/TrimBox"), _box(page, "/BleedBox")
    findings = _check_boxes(number, page, trim, bleed_box, bleed)
    boxes_ok = not any(f.severity == FAIL for f in findings)  # else the bleed edge is not known
    findings += _check_text_area(number, plumb, trim, bleed_box, safe)
    findings += _check_art_area(number, plumb, trim, safe)
    return findings + (_check_art_bleed(number, plumb, trim, bleed_box) if boxes_ok else [])


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding for a message repeated on several pages, listing them; file-wide findings first."""
    pages: dict[tuple[str, str, str], list[int]] = {}
    for f in findings:
        pages.setdefault((f.severity, f.rule, f.message), []).append(f.page or 0)
    merged = []
    for (severity, rule, message), numbers in pages.items():
        if len(numbers) == 1:
            merged.append(Finding(numbers[0] or None, severity, rule, message))
        else:
            merged.append(Finding(None, severity, rule, f"{message} (pages {_page_list(numbers)})"))
    return sorted(merged, key=lambda f: f.page or 0)


def _page_list(numbers: list[int]) -> str:
    """Page numbers with runs shortened: "1–4, 7"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs[:8])
    return shown + (", …" if len(runs) > 8 else "")


def _open(path: Path) -> PdfReader:
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror})") from None
    if b"%PDF-" not in head:
        raise InputError(f"{path}: not a PDF file (it does not start with %PDF-)")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}: the PDF is password-protected; preflight an unprotected copy")
        len(reader.pages)
    except _READ_ERRORS as error:
        raise InputError(f"{path}: not a PDF file (damaged: {error})") from None
    return reader


def _length(points: float) -> str:
    return f"{points / IN:.3g} in ({points / MM + 1e-9:.1f} mm)"  # 6.35 mm shows as 6.4


def _fmt(box: Box) -> str:
    return "[" + " ".join(f"{v:g}" for v in box) + "]"


def _box(page: PageObject, name: str) -> Box:
    """A page box with the PDF spec's defaults (Trim/Bleed to CropBox, CropBox to MediaBox). Not pypdf's
    page.trimbox etc.: those getters write the default into the page, and "/TrimBox" in page turns true."""
    while name not in page and name in _DEFAULT_BOX:
        name = _DEFAULT_BOX[name]
    x0, y0, x1, y1 = (float(v) for v in page.get(name, (0, 0, 612, 792)))  # no MediaBox: Letter, as pdfminer
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner: Box, outer: Box, tol: float = TOL) -> bool:
    return all(inner[i] >= outer[i] - tol for i in (0, 1)) and all(inner[i] <= outer[i] + tol for i in (2, 3))


def _overlaps(a: Box, b: Box, by: float = 0.0) -> bool:
    return a[0] < b[2] - by and a[2] > b[0] + by and a[1] < b[3] - by and a[3] > b[1] + by


def _inset(box: Box, by: float) -> Box:
    return box[0] + by, box[1] + by, box[2] - by, box[3] - by


def _gaps(inner: Box, outer: Box) -> tuple[float, float, float, float]:
    """How far inside `outer` each side of `inner` lies (left, bottom, right, top)."""
    return inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3]


def _pdf_box(obj: dict[str, Any], plumb: Any) -> Box:
    """An object's bbox back in PDF user space: pdfminer turned the page by /Rotate and moved the MediaBox
    corner to (0, 0); pdfplumber added the MediaBox x0 back to x only (its y0/y1 are pdfminer's)."""
    mx0, my0, mx1, my1 = (float(v) for v in plumb.page_obj.mediabox)
    xs = [float(obj[k]) - float(plumb.mediabox[0]) for k in ("x0", "x1")]
    ys = [float(obj[k]) for k in ("y0", "y1")]
    rotate = plumb.page_obj.rotate
    if rotate == 90:
        xs, ys = [mx1 - y for y in ys], [x + my0 for x in xs]
    elif rotate == 180:
        xs, ys = [mx1 - x for x in xs], [my1 - y for y in ys]
    elif rotate == 270:
        xs, ys = [y + mx0 for y in ys], [my1 - x for x in xs]
    else:
        xs, ys = [x + mx0 for x in xs], [y + my0 for y in ys]
    return min(xs), min(ys), max(xs), max(ys)


def _check_boxes(number: int, page: PageObject, trim: Box, bleed_box: Box, bleed: float) -> list[Finding]:
    missing = [name for name in ("TrimBox", "BleedBox") if f"/{name}" not in page]
    media = _box(page, "/MediaBox")
    gaps = _gaps(trim, bleed_box)
    side = SIDES[gaps.index(min(gaps))]
    advice = f"make the BleedBox and the background art {_length(bleed)} larger than the trim on every side"
    severity = FAIL
    if missing:
        message = (
            " and ".join(f"no {name}" for name in missing)
            + ": the shop needs the TrimBox (the finished size)"
            " and the BleedBox (trim plus bleed); export the PDF with trim and bleed boxes"
        )
    elif not _inside(bleed_box, media):
        message = (
            f"BleedBox {_fmt(bleed_box)} pt is not inside the MediaBox {_fmt(media)} pt: enlarge the page"
        )
    elif not _inside(trim, bleed_box):
        message = f"TrimBox {_fmt(trim)} pt is not inside the BleedBox {_fmt(bleed_box)} pt; {advice}"
    elif max(gaps) <= TOL:
        message = f"no bleed: the BleedBox equals the TrimBox {_fmt(trim)} pt; {advice}"
    elif min(gaps) <= TOL:
        message = (
            f"no bleed on the {side} side (TrimBox {_fmt(trim)}, BleedBox {_fmt(bleed_box)} pt); {advice}"
        )
    elif min(gaps) < bleed - TOL:
        severity, message = WARN, f"the bleed is only {_length(min(gaps))} on the {side} side; {advice}"
    else:
        return []
    return [Finding(number, severity, "boxes", message)]


def _snippet(chars: list[dict[str, Any]], first: int, bad: set[int]) -> str:
    """The run of offending characters starting at `first`, up to a space or 20 characters."""
    end = first
    while end in bad and end - first < 20 and not chars[end]["text"].isspace():
        end += 1
    return "".join(ch["text"] for ch in chars[first:end])


def _count(items: list[Any], noun: str) -> str:
    return f"{len(items)} {noun}{'s' * (len(items) != 1)}"


def _check_text_area(number: int, plumb: Any, trim: Box, bleed_box: Box, safe: float) -> list[Finding]:
    chars = plumb.chars
    outside: list[int] = []
    near: list[int] = []
    for index, ch in enumerate(chars):
        box = _pdf_box(ch, plumb)
        if ch["text"].isspace() or not _overlaps(box, bleed_box):
            continue  # spaces leave no ink; slugs and marks outside the bleed are cut off
        if not _inside(box, trim):
            outside.append(index)
        elif not _inside(box, _inset(trim, safe)):
            near.append(index)
    findings = []
    for bad, what, where in (
        (outside, "text in the bleed", "outside the trim box"),
        (near, "text within the safe margin", "between the trim edge and the safe line"),
    ):
        if bad:
            first = _snippet(chars, bad[0], set(bad))
            message = f'{what}: {_count(bad, "character")} {where} (first: "{first}")'
            keep = f"keep text at least {_length(safe)} inside the trim"
            findings.append(Finding(number, FAIL, "safe-area", f"{message}; {keep}"))
    return findings


def _check_art_area(number: int, plumb: Any, trim: Box, safe: float) -> list[Finding]:
    """Lines, outlines and shapes on the card within the safe margin of a trim edge. Filled art
    that runs past the trim is background (the bleed check looks after it); marks outside the trim
    are printer's marks."""
    near = []
    for obj in plumb.lines + plumb.rects + plumb.curves:
        if not _inks(obj):
            continue
        box = _pdf_box(obj, plumb)
        background = obj.get("fill") and not obj.get("stroke") and not _inside(box, trim)
        if _overlaps(box, trim) and not background and not _inside(box, _inset(trim, safe)):
            near.append((obj, box))
    if not near:
        return []
    obj, box = near[0]
    message = f"content within the safe margin: {_count(near, 'shape')} (first: {_describe(obj, box)})"
    keep = (
        f"keep lines and shapes at least {_length(safe)} inside the trim, or run background art to the bleed"
    )
    return [Finding(number, FAIL, "safe-area", f"{message}; {keep}")]


def _inks(path: dict[str, Any]) -> bool:
    """A line, rectangle or curve that is stroked, or filled with a colour other than white."""
    color = path.get("non_stroking_color")
    white = isinstance(color, (tuple, list)) and tuple(color) in {(1,), (1, 1, 1), (0, 0, 0, 0)}
    return bool(path.get("stroke") or (path.get("fill") and not white))


def _describe(obj: dict[str, Any], box: Box) -> str:
    kind = obj["object_type"]
    what = {"image": "an image", "rect": "a rectangle", "line": "a line", "curve": "a curve"}.get(kind, kind)
    size = f"{(box[2] - box[0]) / IN:.3g} × {(box[3] - box[1]) / IN:.3g} in"
    return f"{what} of {size} at ({box[0]:.4g}, {box[1]:.4g}) pt"


def _check_art_bleed(number: int, plumb: Any, trim: Box, bleed_box: Box) -> list[Finding]:
    short = []
    for obj in plumb.images + [r for r in plumb.rects if r.get("fill") and _inks(r)]:
        box = _pdf_box(obj, plumb)
        if not _overlaps(box, trim, TOUCH):
            continue
        for side, to_trim, to_bleed in zip(SIDES, _gaps(box, trim), _gaps(box, bleed_box), strict=True):
            if to_trim <= TOUCH and to_bleed > TOUCH:
                short.append((obj, box, side, to_bleed))
                break
    if not short:
        return []
    obj, box, side, gap = short[0]
    more = f" ({len(short) - 1} more)" if len(short) > 1 else ""
    message = f"{_describe(obj, box)} stops {_length(gap)} short of the bleed edge on the {side} side{more}"
    rule = "art touching the trim must run to the bleed edge"
    return [Finding(number, FAIL, "bleed", f"{rule}: {message}; extend it to the BleedBox")]


def _check_page_size(number: int, crop: Box) -> list[Finding]:
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    short, long = sorted((w, h))
    if any(abs(short - a) <= PAGE_TOL and abs(long - b) <= PAGE_TOL for a, b in HOME_SIZES):
        return []
    size = f"{w:g} × {h:g} pt ({w / IN:.3g} × {h / IN:.3g} in, {w / MM:.0f} × {h / MM:.0f} mm)"
    need = "US Letter 612 × 792 pt (8.5 × 11 in) or A4 595.28 × 841.89 pt (210 × 297 mm)"
    message = f"the page is {size}; home printing needs {need}: lay the cards out on a Letter or A4 sheet"
    return [Finding(number, FAIL, "page-size", message)]


def _check_margin(number: int, plumb: Any, crop: Box, margin: float) -> list[Finding]:
    chars = plumb.chars
    others = [p for p in plumb.lines + plumb.rects + plumb.curves if _inks(p)] + plumb.images
    bad: list[tuple[int, Box]] = []  # (index into chars + others, bbox)
    for index, obj in enumerate(chars + others):
        box = _pdf_box(obj, plumb)
        if index < len(chars) and obj["text"].isspace():
            continue
        if _overlaps(box, crop) and not _inside(box, _inset(crop, margin)):
            bad.append((index, box))
    if not bad:
        return []
    index, box = bad[0]
    if index < len(chars):
        first = f'text "{_snippet(chars, index, {i for i, _ in bad})}"'
    else:
        first = _describe(others[index - len(chars)], box)
    gaps = _gaps(box, crop)
    side = SIDES[gaps.index(min(gaps))]
    where = f"{_length(max(min(gaps), 0))} from the {side} edge"
    inside = f"keep everything at least {_length(margin)} inside the page"
    message = f"{_count(bad, 'mark')} within the printer margin (first: {first}, {where})"
    return [Finding(number, FAIL, "margin", f"{message}; printers cannot print there: {inside}")]


def _check_images(number: int, plumb: Any, target: str) -> list[Finding]:
    refuse, want = PPI[target]
    findings = []
    for image in plumb.images:
        box = _pdf_box(image, plumb)
        width, height = box[2] - box[0], box[3] - box[1]
        pixels = image["srcsize"]
        if width < TOUCH or height < TOUCH or not pixels[0] or not pixels[1]:
            continue
        if (pixels[0] - pixels[1]) * (width - height) < 0:
            width, height = height, width  # a wide image in a tall box: placed turned by 90°
        ppi = min(pixels[0] * IN / width, pixels[1] * IN / height)
        if round(ppi) >= want:
            continue
        need = f"{width / IN * want:.0f} × {height / IN * want:.0f} px"
        who = "print shops want" if target == "shop" else "home prints want"
        message = f"{_describe(image, box)} is {ppi:.0f} ppi at its printed size; {who} {want} ppi"
        advice = f"and need at least {refuse}: use {need} or print it smaller"
        severity = FAIL if round(ppi) < refuse else WARN
        findings.append(Finding(number, severity, "images", f"{message} {advice}"))
    return findings


def _check_fonts(number: int, page: PageObject) -> list[Finding]:
    unembedded = {name for name, embedded in fonts_used(page, page.get("/Resources")) if not embedded}
    advice = "the printer would substitute another font; export the PDF with all fonts embedded"
    return [
        Finding(number, FAIL, "fonts", f'font "{name}" is not embedded: {advice}')
        for name in sorted(unembedded)
    ]
