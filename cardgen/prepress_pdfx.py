"""Check any PDF against PDF/X-1a (ISO 15930-4) or PDF/X-4 (ISO 15930-7): output intent, version
keys, XMP, ID, dates, Trapped, page boxes, colour spaces, transparency, no JavaScript, encryption or
external content; with the target's rules (prepress.py) first. Returns Findings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject, StreamObject

from cardgen.errors import InputError, did_you_mean
from cardgen.prepress import _READ_ERRORS, FAIL, TOL, WARN, Finding, _box, _inside, _merge, _open, preflight

STANDARDS = ("pdfx-1a", "pdfx-4")
NAMES = {"pdfx-1a": "PDF/X-1a", "pdfx-4": "PDF/X-4"}
MAX_VERSION = {"pdfx-1a": 1.4, "pdfx-4": 1.6}
X1A_SPACES = {"/DeviceCMYK", "/DeviceGray", "/Separation", "/DeviceN", "/Indexed", "/Pattern"}
RGB_OPERATORS = {b"rg", b"RG"}
_X4_VERSION = re.compile(rb"pdfxid:GTS_PDFXVersion(?:>\s*|=[\"'])PDF/X-4")


def preflight_standard(path: Path, target: str, standard: str, **lengths: float) -> list[Finding]:
    """The target's findings (shop or home) and, unless `standard` is "none", the standard's."""
    findings = preflight(path, target, **lengths)
    if standard == "none":
        return findings
    if standard not in STANDARDS:
        hint = did_you_mean(standard, STANDARDS) or "; use pdfx-1a or pdfx-4"
        raise InputError(f'unknown standard "{standard}"{hint}')
    reader = _open(path)
    try:
        pdfx = _check_file(reader, standard)
        for number, page in enumerate(reader.pages, start=1):
            pdfx += _check_page(number, page, standard)
    except _READ_ERRORS as error:
        raise InputError(f"{path}: not a PDF file (damaged: {error})") from None
    return _merge(findings + pdfx)


def _fail(message: str, page: int | None = None) -> Finding:
    return Finding(page, FAIL, "pdfx", message)


def _check_file(reader: PdfReader, standard: str) -> list[Finding]:
    name = NAMES[standard]
    findings: list[Finding] = []
    if reader.is_encrypted:
        findings.append(_fail(f"the file is encrypted; {name} allows no encryption: save it unprotected"))
    header = reader.pdf_header.lstrip("%PDF-")
    if _version(header) > MAX_VERSION[standard]:
        findings.append(_fail(f"PDF {header}: {name} needs PDF {MAX_VERSION[standard]} or earlier"))
    if "/ID" not in reader.trailer:
        findings.append(_fail(f"no document ID (trailer /ID): {name} requires one"))
    info = _resolve(reader.trailer.get("/Info")) or DictionaryObject()
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if not str(info.get(key, "")).strip():
            findings.append(_fail(f"no {key[1:]} in the document information: {name} requires it"))
    xmp = _metadata(reader)
    trapped = str(info.get("/Trapped", ""))
    if trapped not in ("/True", "/False") and not re.search(rb"pdf:Trapped(>|=[\"'])(True|False)", xmp):
        findings.append(_fail(f"Trapped is missing or Unknown: {name} needs /True or /False"))
    version = str(info.get("/GTS_PDFXVersion", ""))
    if standard == "pdfx-1a":
        conformance = str(info.get("/GTS_PDFXConformance", ""))
        if not version.startswith("PDF/X-1") or not conformance.startswith("PDF/X-1a:"):
            findings.append(
                _fail(
                    f"the document information declares {version or 'no PDF/X version'}: PDF/X-1a needs "
                    "GTS_PDFXVersion PDF/X-1:2001 or :2003 and GTS_PDFXConformance PDF/X-1a:2001 or :2003"
                )
            )
    elif not xmp:
        findings.append(_fail("no XMP metadata stream in the catalog: PDF/X-4 declares itself there"))
    elif not _X4_VERSION.search(xmp):
        findings.append(_fail("the XMP metadata does not declare pdfxid:GTS_PDFXVersion PDF/X-4"))
    findings += _check_intent(reader, standard)
    findings += _check_actions(reader, name)
    return findings


def _version(header: str) -> float:
    try:
        return float(header[:3])
    except ValueError:
        return 9.9


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _metadata(reader: PdfReader) -> bytes:
    stream = _resolve(reader.root_object.get("/Metadata"))
    return stream.get_data() if isinstance(stream, StreamObject) else b""


def _check_intent(reader: PdfReader, standard: str) -> list[Finding]:
    name = NAMES[standard]
    intents = [_resolve(i) for i in _resolve(reader.root_object.get("/OutputIntents")) or []]
    pdfx = [i for i in intents if isinstance(i, DictionaryObject) and i.get("/S") == "/GTS_PDFX"]
    if not pdfx:
        return [
            _fail(f"no output intent (/OutputIntents with /S /GTS_PDFX): {name} names the printing condition")
        ]
    intent = pdfx[0]
    findings = []
    if not str(intent.get("/OutputConditionIdentifier", "")).strip():
        findings.append(_fail("the output intent has no OutputConditionIdentifier"))
    profile = _resolve(intent.get("/DestOutputProfile"))
    if profile is None:
        if standard == "pdfx-4":
            findings.append(
                _fail("the output intent embeds no ICC profile (DestOutputProfile): PDF/X-4 needs it")
            )
        elif not str(intent.get("/RegistryName", "")).strip():
            findings.append(_fail("the output intent has neither an ICC profile nor a RegistryName"))
        return findings
    data = profile.get_data() if isinstance(profile, StreamObject) else b""
    if len(data) < 40 or data[36:40] != b"acsp":
        findings.append(_fail("the output intent's DestOutputProfile is not an ICC profile"))
    elif data[12:16] != b"prtr" or data[16:20] not in (b"CMYK", b"GRAY", b"RGB "):
        kind = data[12:16].decode("latin-1")
        findings.append(
            _fail(f"the output profile is a '{kind}' profile: an output intent needs a printer one")
        )
    elif standard == "pdfx-1a" and data[16:20] == b"RGB ":
        findings.append(_fail("the output profile is RGB: PDF/X-1a prints CMYK or gray"))
    return findings


def _check_actions(reader: PdfReader, name: str) -> list[Finding]:
    root = reader.root_object
    names = _resolve(root.get("/Names")) or {}
    action = _resolve(root.get("/OpenAction"))
    scripted = "/JavaScript" in names or (
        isinstance(action, DictionaryObject) and action.get("/S") == "/JavaScript"
    )
    return [_fail(f"the file has JavaScript: {name} allows none")] if scripted or "/AA" in root else []


def _check_page(number: int, page: PageObject, standard: str) -> list[Finding]:
    name = NAMES[standard]
    findings = []
    has_trim, has_art = "/TrimBox" in page, "/ArtBox" in page
    if not (has_trim or has_art):
        findings.append(
            _fail(f"no TrimBox (or ArtBox): {name} needs the finished size on every page", number)
        )
    elif has_trim and has_art:
        findings.append(Finding(number, WARN, "pdfx", "both a TrimBox and an ArtBox: keep only the TrimBox"))
    media, bleed = _box(page, "/MediaBox"), _box(page, "/BleedBox")
    if "/BleedBox" in page and not _inside(bleed, media, TOL):
        findings.append(_fail("the BleedBox reaches outside the MediaBox", number))
    if has_trim and not _inside(_box(page, "/TrimBox"), bleed, TOL):
        findings.append(_fail("the TrimBox reaches outside the BleedBox", number))
    group = _resolve(page.get("/Group"))
    if standard == "pdfx-1a" and isinstance(group, DictionaryObject) and group.get("/S") == "/Transparency":
        findings.append(_fail("the page has a transparency group: PDF/X-1a allows no transparency", number))
    problems = dict.fromkeys(_content_problems(page, page.get("/Resources"), standard, set()))
    return findings + [_fail(problem, number) for problem in problems]


def _space_problem(space: Any, standard: str, default_rgb: bool) -> str | None:
    """Why a colour space is not allowed by the standard, or None."""
    space = _resolve(space)
    family = str(_resolve(space[0]) if isinstance(space, list) and space else space)
    if standard == "pdfx-1a":
        if family not in X1A_SPACES:
            return f"colour space {family}: PDF/X-1a allows only CMYK, gray and spot colours"
        if family in ("/Separation", "/DeviceN", "/Indexed") and isinstance(space, list) and len(space) > 2:
            base = space[1] if family == "/Indexed" else space[2]
            return _space_problem(base, standard, default_rgb)
        return None
    if family == "/DeviceRGB" and not default_rgb:
        return "DeviceRGB colour with a CMYK output intent and no DefaultRGB: PDF/X-4 needs ICC-based RGB"
    return None


def _content_problems(stream: Any, resources: Any, standard: str, seen: set[int]) -> Iterator[str]:
    """The colour, transparency and external-content problems of a content stream and the forms and
    images it paints, following XObjects."""
    resources = _resolve(resources) if resources is not None else DictionaryObject()
    spaces = _resolve(resources.get("/ColorSpace")) or DictionaryObject()
    default_rgb = "/DefaultRGB" in spaces
    for space in spaces.values():
        problem = _space_problem(space, standard, default_rgb)
        if problem:
            yield problem
    for shading in (_resolve(resources.get("/Shading")) or DictionaryObject()).values():
        problem = _space_problem(_resolve(shading).get("/ColorSpace"), standard, default_rgb)
        if problem:
            yield problem
    for state in (_resolve(resources.get("/ExtGState")) or DictionaryObject()).values():
        yield from _graphics_state(_resolve(state), standard)
    content = stream.get_contents() if isinstance(stream, PageObject) else ContentStream(stream, None)
    for operands, operator in content.operations if content is not None else []:
        if operator in RGB_OPERATORS or (operator in (b"cs", b"CS") and operands == ["/DeviceRGB"]):
            problem = _space_problem("/DeviceRGB", standard, default_rgb)
            if problem:
                yield problem
    xobjects = _resolve(resources.get("/XObject")) or DictionaryObject()
    for ref in xobjects.values():
        xobject = _resolve(ref)
        if id(xobject) in seen:
            continue
        seen.add(id(xobject))
        if "/F" in xobject or "/OPI" in xobject or xobject.get("/Subtype") == "/PS":
            yield "external or PostScript content (an XObject with /F, /OPI or /PS): PDF/X allows none"
        if xobject.get("/Subtype") == "/Image":
            if xobject.get("/ImageMask"):
                continue
            problem = _space_problem(xobject.get("/ColorSpace", "/DeviceGray"), standard, default_rgb)
            if problem:
                yield "an image in " + problem.removeprefix("colour space ")
            if standard == "pdfx-1a" and "/SMask" in xobject:
                yield "an image with a soft mask (transparency): PDF/X-1a allows no transparency"
        elif xobject.get("/Subtype") == "/Form":
            yield from _content_problems(xobject, xobject.get("/Resources", resources), standard, seen)


def _graphics_state(state: Any, standard: str) -> Iterator[str]:
    if any(state.get(key, "/Default") != "/Default" for key in ("/TR", "/TR2")):
        yield "a transfer function (ExtGState /TR): PDF/X allows none, the press curves are the shop's"
    if standard != "pdfx-1a":
        return
    smask = state.get("/SMask", "/None")
    blend = state.get("/BM", "/Normal")
    opacity = min(float(state.get("/CA", 1)), float(state.get("/ca", 1)))
    if smask != "/None" or opacity < 1 or blend not in ("/Normal", "/Compatible"):
        yield "transparency (a soft mask, opacity below 1 or a blend mode): PDF/X-1a allows none"
