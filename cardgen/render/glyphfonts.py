"""Fonts drawn by glyph id (shaped text, script fonts): text is written as the font's own glyph ids
(two bytes each, Identity-H), so the codes parts use agree without any table, and the joiner embeds
one Type 0 font per font holding every glyph any part drew, with a ToUnicode map from the glyphs'
clusters. A canvas's resource is a placeholder naming the font, the glyphs and their texts."""

from __future__ import annotations

import io
import logging
import zlib
from functools import cache, lru_cache
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject

from cardgen.fonts import bundled_fonts
from cardgen.shaping import Shaped, shape

GLYPHS = 65535  # the "subset" number of a font drawn by glyph id: one per font and file
# Tables a PDF's CID font never uses: a viewer draws glyph ids through the CIDToGIDMap
UNUSED_TABLES = (
    "GSUB",
    "GPOS",
    "GDEF",
    "BASE",
    "JSTF",
    "MATH",
    "DSIG",
    "vhea",
    "vmtx",
    "VORG",
    "cmap",
    "kern",
)
OBJECTS = 6  # the Type 0 font, its CID font, descriptor, font file, ToUnicode and CIDToGIDMap


def glyph_texts(text: str, shaped: Shaped) -> dict[int, str]:
    """What each glyph stands for (for copying text out of the PDF): a cluster's characters go to
    its first glyph; the other glyphs of a cluster (marks, parts of a conjunct) to nothing."""
    starts = sorted({g.cluster for g in shaped.glyphs})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    found: dict[int, str] = {}
    seen: set[int] = set()
    for glyph in shaped.glyphs:
        first = glyph.cluster not in seen
        seen.add(glyph.cluster)
        merge_texts(found, {glyph.gid: text[glyph.cluster : ends[glyph.cluster]] if first else ""})
    return found


@lru_cache(maxsize=4096)
def glyph_run(
    key: str, size: float, hscale: float, x: float, y: float, text: str, rtl: bool, outline: bool
) -> tuple[str, dict[int, str]]:
    """The content-stream code drawing a shaped run (stroked when `outline`), in a span whose
    ActualText is the run's own text, for copying and search: a glyph shared by several letters (a
    dot of Aref Ruqaa's) or standing for a cluster maps to one text only in the font's ToUnicode;
    and what each of its glyphs stands for."""
    operators, shaped = shown(key, size, hscale, x, y, text, rtl)
    mode = ("1 Tr ", " 0 Tr") if outline else ("", "")
    actual = "feff" + text.encode("utf-16-be").hex()
    code = f"/Span <</ActualText <{actual}>>> BDC BT {mode[0]}{operators}{mode[1]} ET EMC"
    return code, glyph_texts(text, shaped)


def shown(
    key: str, size: float, hscale: float, x: float, y: float, text: str, rtl: bool
) -> tuple[str, Shaped]:
    """The text operators (inside BT … ET) drawing the shaped run from x on baseline y in a y-down
    scene: HarfBuzz's advances kept exactly (TJ adjustments against the embedded widths) and each
    offset glyph (a mark, a vowel sign) placed by its own text matrix."""
    shaped = shape(str(bundled_fonts()[key].path), text, rtl)
    widths = _widths(key)
    scale = size / shaped.units
    parts = [f"/{key}.g {fp_str(size)} Tf"]
    segment: list[str] = []
    pen = 0.0  # in font units
    start: tuple[float, float] | None = (0.0, 0.0)  # where the next glyph must be placed anew

    for glyph in shaped.glyphs:
        shifted = bool(glyph.x_offset or glyph.y_offset)
        if shifted:
            start = (pen + glyph.x_offset, glyph.y_offset)
        if start is not None:
            if segment:
                parts.append(f"[{' '.join(segment)}] TJ")
                segment.clear()
            left = x + start[0] * scale * hscale
            parts.append(f"{fp_str(hscale, 0, 0, -1, left, y - start[1] * scale)} Tm")
            start = None
        segment.append(f"<{glyph.gid:04x}>")
        pen += glyph.advance
        if shifted:
            start = (pen, 0.0)
            continue
        drawn, wanted = widths.get(glyph.gid, 0.0), glyph.advance * 1000 / shaped.units
        if abs(wanted - drawn) > 1e-6:  # a viewer advances by the embedded width: set it right
            segment.append(fp_str(drawn - wanted))
    if segment:
        parts.append(f"[{' '.join(segment)}] TJ")
    return " ".join(parts), shaped


@cache
def _font(key: str) -> Any:
    return _open(key, lazy=True)


def _open(key: str, lazy: bool | None = None) -> Any:
    """The font file of `key`, its glyphs named by id: a CJK font's names would otherwise be made
    from its character map, which costs more than everything else here."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(bundled_fonts()[key].path), recalcTimestamp=False, lazy=lazy)
    font.setGlyphOrder([f"g{gid}" for gid in range(font["maxp"].numGlyphs)])
    return font


@cache
def _widths(key: str) -> dict[int, float]:
    """Every glyph's advance in thousandths of an em, rounded as the font's /W array writes it."""
    font = _font(key)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {gid: round(metrics[f"g{gid}"][0] * 1000 / units, 3) for gid in range(font["maxp"].numGlyphs)}


class GlyphPlaceholder(PDFObject):  # type: ignore[misc]
    """A glyph font's resource in a part: the glyphs its pages drew and what they stand for."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.texts: dict[int, str] = {}

    def note(self, texts: dict[int, str]) -> None:
        """Note glyphs drawn (see merge_texts)."""
        merge_texts(self.texts, texts)

    def format(self, document: Any) -> bytes:
        """The placeholder's dictionary: /CardgenFont (key) /Subset 65535 /Codes <gids> /Texts <…>."""
        return b"<< /CardgenFont (%s) /Subset %d /Codes <%s> /Texts <%s> >>" % (
            self.key.encode(),
            GLYPHS,
            "".join(f"{gid:04x}" for gid in sorted(self.texts)).encode(),
            pack_texts(self.texts),
        )


def merge_texts(known: dict[int, str], texts: dict[int, str]) -> None:
    """Add glyph texts to `known`; a glyph met with two texts keeps the smaller non-empty one, so
    parts merged in any order give the same file."""
    for gid, text in texts.items():
        old = known.get(gid)
        if old is None or (text and (not old or text < old)):
            known[gid] = text


def pack_texts(texts: dict[int, str]) -> bytes:
    """Glyph texts as hex digits: per glyph its id, the UTF-16 length (four digits each) and the
    UTF-16 text."""
    out = []
    for gid in sorted(texts):
        units = texts[gid].encode("utf-16-be").hex()
        out.append(f"{gid:04x}{len(units) // 4:04x}{units}")
    return "".join(out).encode()


def unpack_texts(packed: str) -> dict[int, str]:
    """pack_texts undone."""
    texts, at = {}, 0
    while at < len(packed):
        gid, length = int(packed[at : at + 4], 16), int(packed[at + 4 : at + 8], 16)
        texts[gid] = bytes.fromhex(packed[at + 8 : at + 8 + 4 * length]).decode("utf-16-be")
        at += 8 + 4 * length
    return texts


@lru_cache(maxsize=16)
def _program(key: str, gids: tuple[int, ...]) -> tuple[bytes, dict[int, int]]:
    """The font file holding just these glyphs (and what they are built of), and each kept
    glyph's new id (the CIDToGIDMap: content streams keep the original ids)."""
    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "meta NOT subset; dropped" is fine
    font = _open(key)
    for table in UNUSED_TABLES:  # dropped before the subsetter reads them (a CJK font's GSUB is slow)
        if table in font:
            del font[table]
    options = subset.Options()
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.hinting = False
    options.glyph_names = False
    options.prune_unicode_ranges = options.prune_codepage_ranges = False  # they read the dropped cmap
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    count = font["maxp"].numGlyphs
    subsetter.populate(glyphs=[f"g{gid}" for gid in gids if gid < count])
    subsetter.subset(font)
    index = {name: new for new, name in enumerate(font.getGlyphOrder())}
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), {gid: index[f"g{gid}"] for gid in gids if f"g{gid}" in index}


def glyph_font_objects(
    key: str, texts: dict[int, str], first: int, tag: bytes
) -> list[tuple[int, bytes, bytes | None]]:
    """The objects (number, dictionary, stream) embedding font `key` with the glyphs of `texts`,
    numbered from `first` (the Type 0 font, the number resources refer to); `tag` the subset tag."""
    font = _font(key)
    gids = tuple(sorted({0, *texts}))
    program, new_ids = _program(key, gids)
    units = font["head"].unitsPerEm
    name = tag + b"+" + font["name"].getDebugName(6).encode("ascii", "replace")
    widths = _widths(key)
    font0, cid, descriptor, file, unicode, cid_map = range(first, first + OBJECTS)
    w_array = b" ".join(b"%d [ %s ]" % (gid, fp_str(widths[gid]).encode()) for gid in gids)
    gid_map = bytearray(2 * (max(gids) + 1))
    for old, new in new_ids.items():
        gid_map[2 * old : 2 * old + 2] = new.to_bytes(2, "big")
    entries = [
        b"<%04X> <%s>" % (gid, text.encode("utf-16-be").hex().upper().encode())
        for gid, text in sorted(texts.items())
        if text
    ]
    cmap = (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        b"<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + b"".join(
            b"%d beginbfchar\n%s\nendbfchar\n" % (len(entries[i : i + 100]), b"\n".join(entries[i : i + 100]))
            for i in range(0, len(entries), 100)
        )
        + b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    )
    head, hhea, os2, post = font["head"], font["hhea"], font["OS/2"], font["post"]

    def em(value: float) -> bytes:
        return b"%d" % round(value * 1000 / units)

    bbox = b" ".join(em(v) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
    packed_program, packed_cmap, packed_map = (zlib.compress(x) for x in (program, cmap, bytes(gid_map)))
    return [
        (
            font0,
            b"<<\n/BaseFont /%s /DescendantFonts [ %d 0 R ] /Encoding /Identity-H /Subtype /Type0\n"
            b"  /ToUnicode %d 0 R /Type /Font\n>>" % (name, cid, unicode),
            None,
        ),
        (
            cid,
            b"<<\n/BaseFont /%s /CIDSystemInfo << /Ordering (Identity) /Registry (Adobe) /Supplement 0 >>\n"
            b"  /CIDToGIDMap %d 0 R /DW 1000 /FontDescriptor %d 0 R /Subtype /CIDFontType2 /Type /Font\n"
            b"  /W [ %s ]\n>>" % (name, cid_map, descriptor, w_array),
            None,
        ),
        (
            descriptor,
            b"<<\n/Ascent %s /CapHeight %s /Descent %s /Flags 4 /FontBBox [ %s ] /FontFile2 %d 0 R\n"
            b"  /FontName /%s /ItalicAngle %s /StemV 80 /Type /FontDescriptor\n>>"
            % (
                em(hhea.ascent),
                em(getattr(os2, "sCapHeight", 0) or hhea.ascent),
                em(hhea.descent),
                bbox,
                file,
                name,
                fp_str(post.italicAngle).encode(),
            ),
            None,
        ),
        (
            file,
            b"<<\n/Filter [ /FlateDecode ] /Length %d /Length1 %d\n>>" % (len(packed_program), len(program)),
            packed_program,
        ),
        (unicode, b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>" % len(packed_cmap), packed_cmap),
        (cid_map, b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>" % len(packed_map), packed_map),
    ]
