"""The fonts a PDF page really draws text with (through q/Q and into Form XObjects), and whether
each is embedded: what a printer would otherwise substitute."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject

_SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}


def fonts_used(stream: Any, resources: Any, seen: set[int] | None = None) -> Iterator[tuple[str, bool]]:
    """(BaseFont, embedded) for each text-showing operator of a page or form."""
    return _fonts(stream, resources, set() if seen is None else seen)


def _fonts(stream: Any, resources: Any, seen: set[int]) -> Iterator[tuple[str, bool]]:
    """(BaseFont, embedded) for each text-showing operator; follows the font through q/Q and into Forms."""
    resources = resources.get_object() if resources is not None else DictionaryObject()
    fonts = resources.get("/Font", DictionaryObject()).get_object()
    xobjects = resources.get("/XObject", DictionaryObject()).get_object()
    content = stream.get_contents() if isinstance(stream, PageObject) else ContentStream(stream, None)
    font, stack = None, []
    for operands, operator in content.operations if content is not None else []:
        if operator == b"Tf" and operands:
            font = fonts.get(operands[0])
        elif operator == b"q":
            stack.append(font)
        elif operator == b"Q" and stack:
            font = stack.pop()
        elif operator in _SHOW_TEXT and font is not None:
            font = font.get_object()
            yield str(font.get("/BaseFont", "(unnamed)")).lstrip("/"), _embedded(font)
        elif operator == b"Do" and operands and operands[0] in xobjects:
            form = xobjects[operands[0]].get_object()
            if form.get("/Subtype") == "/Form" and id(form) not in seen:
                seen.add(id(form))
                yield from _fonts(form, form.get("/Resources", resources), seen)


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawings inside the PDF
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        font = descendants.get_object()[0].get_object() if descendants else {}
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
