"""Font subsets embedded once per file: text is written in a fixed code table per font, so parts
drawn apart (in other processes) agree on every code, and the joiner writes each subset once.

Codes 0-255 of subset 0 are Unicode's first 256 characters; the font's other characters follow in
code point order, 256 to a subset (1, 2, ...). A canvas's font resources are placeholders naming
the font, the subset and the codes used; join.py replaces them with TrueType font objects built
here (reportlab makes the subset font file) from the codes every part used."""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, TTFontFace

from cardgen.fonts import bundled_fonts
from cardgen.render.glyphfonts import GLYPHS, glyph_font_objects, unpack_texts
from cardgen.render.glyphfonts import OBJECTS as GLYPH_OBJECTS

MARK = b"/CardgenFont"
PLACEHOLDER = re.compile(
    rb"/CardgenFont \(([\w-]+)\) /Subset (\d+) /Codes <([0-9a-f]*)>(?: /Texts <([0-9a-f]*)>)?"
)
MISSING = -1  # a code no text used: the subset font maps it to the missing glyph


@cache
def register(key: str) -> str:
    """The bundled font `key` registered with reportlab (its metrics and file)."""
    pdfmetrics.registerFont(TTFont(key, str(bundled_fonts()[key].path)))
    return key


def _face(key: str) -> TTFontFace:
    face: TTFontFace = pdfmetrics.getFont(register(key)).face
    return face


@cache
def _codes(key: str) -> dict[int, tuple[int, int]]:
    """The font's characters above U+00FF -> (subset, code)."""
    chars = sorted(c for c in _face(key).charToGlyph if c > 0xFF)
    return {c: (1 + i // 256, i % 256) for i, c in enumerate(chars)}


@cache
def _chars(key: str, subset: int) -> dict[int, int]:
    """A subset's codes -> the characters they stand for."""
    if subset == 0:
        return {code: code for code in range(256)}
    return {code: char for char, (number, code) in _codes(key).items() if number == subset}


def resource_name(key: str, subset: int) -> str:
    """The font resource's name on every page and form of every part: /noto-sans.0 (a font drawn
    by glyph id: /noto-sans-jp.g)."""
    return f"{key}.g" if subset == GLYPHS else f"{key}.{subset}"


def runs(key: str, text: str) -> list[tuple[int, bytes]]:
    """The text as (subset, codes) runs, in order; a character the font lacks is code 0."""
    try:
        return [(0, text.encode("latin-1"))]
    except UnicodeEncodeError:
        pass
    table = _codes(key)
    found: list[tuple[int, bytearray]] = []
    for char in text:
        point = ord(char)
        subset, code = (0, point) if point <= 0xFF else table.get(point, (0, 0))
        if found and found[-1][0] == subset:
            found[-1][1].append(code)
        else:
            found.append((subset, bytearray([code])))
    return [(subset, bytes(codes)) for subset, codes in found]


class Placeholder(PDFObject):  # type: ignore[misc]
    """A font resource in a part: which font, which subset and which codes its pages used. It is a
    reportlab PDF object (it formats itself), replaced when the file is finished."""

    def __init__(self, key: str, subset: int) -> None:
        self.key, self.subset = key, subset
        self.codes: set[int] = set()

    def format(self, document: Any) -> bytes:
        """The placeholder's dictionary, as reportlab writes objects."""
        used = bytes(sorted(self.codes)).hex().encode()
        return b"<< %s (%s) /Subset %d /Codes <%s> >>" % (MARK, self.key.encode(), self.subset, used)


def read_placeholder(body: bytes) -> tuple[str, int, set[int], dict[int, str]] | None:
    """(font, subset, codes, glyph texts) of a placeholder object's body (a glyph font's codes are
    its glyph ids, render/glyphfonts.py), or None for any other object."""
    found = PLACEHOLDER.search(body) if MARK in body else None
    if found is None:
        return None
    key, subset = found.group(1).decode(), int(found.group(2))
    if found.group(4) is not None:
        texts = unpack_texts(found.group(4).decode())
        return key, subset, set(texts), texts
    return key, subset, set(bytes.fromhex(found.group(3).decode())), {}


def subset_tag(font_name: bytes, codes: list[int]) -> bytes:
    """A font subset's six-letter tag (ABCDEF+Caveat): a hash of the font and of the characters in
    the subset, in order, so different subsets never share a tag, even across joined files."""
    digest = hashlib.sha256(font_name + b"\0" + ",".join(map(str, codes)).encode()).digest()
    return bytes(65 + b % 26 for b in digest[:6])


def object_count(subset: int) -> int:
    """How many objects font_objects writes for a subset."""
    return GLYPH_OBJECTS if subset == GLYPHS else 4


def font_objects(
    key: str, subset: int, codes: set[int], first: int, texts: dict[int, str] | None = None
) -> list[tuple[int, bytes, bytes | None]]:
    """The objects (number, dictionary, stream) of one embedded subset holding `codes`, numbered
    from `first`: the font (the number resources refer to), its descriptor, file and ToUnicode map
    (a glyph font: render/glyphfonts.py, with the glyphs' `texts`)."""
    if subset == GLYPHS:
        glyphs = texts or dict.fromkeys(codes, "")
        tag = subset_tag(key.encode(), sorted(glyphs))
        return glyph_font_objects(key, glyphs, first, tag)
    face, table = _face(key), _chars(key, subset)
    used = sorted(codes) or [0]
    low, high = used[0], used[-1]
    chars = [table.get(code, MISSING) if code in codes else MISSING for code in range(high + 1)]
    name = subset_tag(face.name, [c for c in chars if c != MISSING]) + b"+" + face.name + face.subfontNameX
    program = face.makeSubset(chars)
    widths = b" ".join(b"%d" % (face.getCharWidth(c) if c != MISSING else 0) for c in chars[low:])
    font, descriptor, file, unicode = first, first + 1, first + 2, first + 3
    flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
    bbox = b" ".join(b"%d" % v for v in face.bbox)
    mapping = b"\n".join(b"<%02X> <%04X>" % (code, chars[code]) for code in used if chars[code] != MISSING)
    cmap = (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<< /Registry (%s)\n"
        b"/Ordering (%s)\n/Supplement 0\n>> def\n/CMapName /%s def\n/CMapType 2 def\n1 begincodespacerange\n"
        b"<00> <FF>\nendcodespacerange\n%d beginbfchar\n%s\nendbfchar\nendcmap\n"
        b"CMapName currentdict /CMap defineresource pop\nend\nend"
    ) % (name, name, name, len(mapping.split(b"\n")) if mapping else 0, mapping)
    packed_program, packed_cmap = zlib.compress(program), zlib.compress(cmap)
    return [
        (
            font,
            b"<<\n/BaseFont /%s /FirstChar %d /FontDescriptor %d 0 R /LastChar %d /Subtype /TrueType\n"
            b"  /ToUnicode %d 0 R /Type /Font /Widths [ %s ]\n>>"
            % (name, low, descriptor, high, unicode, widths),
            None,
        ),
        (
            descriptor,
            b"<<\n/Ascent %d /CapHeight %d /Descent %d /Flags %d /FontBBox [ %s ] /FontFile2 %d 0 R\n"
            b"  /FontName /%s /ItalicAngle %s /MissingWidth %d /StemV %d /Type /FontDescriptor\n>>"
            % (
                face.ascent,
                face.capHeight,
                face.descent,
                flags,
                bbox,
                file,
                name,
                str(face.italicAngle).encode(),
                face.defaultWidth,
                face.stemV,
            ),
            None,
        ),
        (
            file,
            b"<<\n/Filter [ /FlateDecode ] /Length %d /Length1 %d\n>>" % (len(packed_program), len(program)),
            packed_program,
        ),
        (unicode, b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>" % len(packed_cmap), packed_cmap),
    ]
