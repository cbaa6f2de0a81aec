"""Join reportlab PDFs page after page into one file, streaming: one chunk in memory at a time.

Made for the files cardgen's own renderer writes (classic xref table, no object streams, direct
stream lengths): each object is copied with its number shifted and the references in its dictionary
rewritten; stream data is copied as it is. The first chunk gives the catalog (viewer preferences,
PDF/X output intents) and document info; the XMP metadata and the page tree are written last, the
page tree with every page in order, and the ID is the hash of what was written."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cardgen.render.glyphfonts import merge_texts
from cardgen.render.subsets import font_objects, object_count, read_placeholder, resource_name
from cardgen.render.xmp import finish_xmp

OBJECT = re.compile(rb"(\d+) 0 obj\r?\n")
STREAM = re.compile(rb">>\s*stream\r?\n")
REFERENCE = re.compile(rb"(\d+) 0 R")
LENGTH = re.compile(rb"/Length (\d+)")
PAGE = re.compile(rb"/Type /Page\b(?!s)")
PAGES = re.compile(rb"/Type /Pages\b")
FONTS = re.compile(rb"/Font (\d+) 0 R")


@dataclass
class PdfObject:
    """One indirect object: its number, its dictionary (or other body) and its raw stream, if any."""

    number: int
    body: bytes
    stream: bytes | None


def read_objects(data: bytes) -> Iterator[PdfObject]:
    """The indirect objects of a reportlab PDF, in file order."""
    position = 0
    while match := OBJECT.search(data, position):
        start = match.end()
        end = data.index(b"endobj", start)
        stream = STREAM.search(data, start, end + len(b"endobj"))
        if stream is not None and stream.start() < end:
            body = data[start : stream.start() + 2]
            found = LENGTH.search(body)
            if found is None:
                raise ValueError(f"object {int(match.group(1))}: a stream without a direct /Length")
            begin, length = stream.end(), int(found.group(1))
            payload = data[begin : begin + length]
            end = data.index(b"endobj", begin + length)
            yield PdfObject(int(match.group(1)), body, payload)
        else:
            yield PdfObject(int(match.group(1)), data[start:end].rstrip(), None)
        position = end + len(b"endobj")


def _trailer_ref(data: bytes, key: bytes) -> int:
    trailer = data[data.rindex(b"trailer") :]
    found = re.search(rb"/" + key + rb" (\d+) 0 R", trailer)
    if not found:
        raise ValueError(f"no /{key.decode()} in the trailer")
    return int(found.group(1))


TITLE_MARK = re.compile(rb"/Title \(cardgen-title:([0-9a-f]*)\)")


def title_mark(title: str) -> str:
    """What a canvas is titled until the joiner writes the real title: the title as hex digits,
    so nothing a user wrote ("endobj", "3 0 R") ever stands in an object's dictionary as syntax."""
    return "cardgen-title:" + title.encode("utf-16-be").hex()


def _title(body: bytes, title: str | None) -> tuple[bytes, str]:
    """The Info dictionary with its title mark replaced by `title` (else the marked one) as a hex
    UTF-16 string, and that title."""
    found = TITLE_MARK.search(body)
    if found is None:
        return body, title or ""
    final = title if title is not None else bytes.fromhex(found.group(1).decode()).decode("utf-16-be")
    hexed = b"/Title <feff" + final.encode("utf-16-be").hex().encode() + b">"
    return body[: found.start()] + hexed + body[found.end() :], final


def _data(chunk: Path | bytes) -> bytes:
    return chunk if isinstance(chunk, bytes) else chunk.read_bytes()


def _catalog_owned(objects: dict[int, PdfObject], catalog: int) -> set[int]:
    """The catalog and what only it leads to (output intents, their profiles, the metadata), not
    the page tree: a later chunk's copies of what the first chunk's catalog already has."""
    pages = re.search(rb"/Pages (\d+) 0 R", objects[catalog].body)
    skip = int(pages.group(1)) if pages else -1
    owned, todo = {catalog}, [catalog]
    while todo:
        for ref in REFERENCE.findall(objects[todo.pop()].body):
            number = int(ref)
            if number not in owned and number != skip and number in objects:
                owned.add(number)
                todo.append(number)
    return owned


class _Shared:
    """What every chunk of a joined file shares, written once: the font subsets (each with the
    codes every chunk used), the font resource dictionary of the chunks whose fonts are all
    placeholders, and forms (the same parts of every page) that are byte for byte the same."""

    def __init__(self) -> None:
        self.used: dict[tuple[str, int], set[int]] = {}
        self.texts: dict[tuple[str, int], dict[int, str]] = {}  # glyph fonts: what each glyph stands for
        # per chunk: old number -> the font it stands for (None: the merged font dictionary)
        self.refers: list[dict[int, tuple[str, int] | None]] = []
        self.forms: dict[tuple[bytes, bytes], int] = {}  # a form's dictionary and stream -> its new number
        self.fonts_dicts: set[int] = set()  # the chunk being read's merged font dictionaries
        self.font_numbers: dict[tuple[str, int] | None, int] = {}

    def read(self, index: int, objects: dict[int, PdfObject], mapping: dict[int, int]) -> set[int]:
        """Note the chunk's placeholders, font dictionaries and repeated forms (given their number
        in `mapping`); returns the objects not to copy."""
        refers: dict[int, tuple[str, int] | None] = {}
        for obj in objects.values():
            found = read_placeholder(obj.body)
            if found is not None:
                key, subset, codes, texts = found
                self.used.setdefault((key, subset), set()).update(codes)
                merge_texts(self.texts.setdefault((key, subset), {}), texts)
                refers[obj.number] = (key, subset)
        dicts = {int(n) for obj in objects.values() for n in FONTS.findall(obj.body)}
        self.fonts_dicts = {
            n
            for n in dicts
            if n in objects and all(int(r) in refers for r in REFERENCE.findall(objects[n].body))
        }
        refers.update(dict.fromkeys(self.fonts_dicts))
        self.refers.append(refers)
        drop = set(refers)
        for obj in objects.values():
            form = self._form_key(obj)
            if form is not None and form in self.forms:
                mapping[obj.number] = self.forms[form]
                drop.add(obj.number)
        return drop

    def _form_key(self, obj: PdfObject) -> tuple[bytes, bytes] | None:
        """A form's identity across chunks, if it refers to nothing but the merged font resources."""
        if obj.stream is None or b"/Subtype /Form" not in obj.body:
            return None
        refs = {int(n) for n in REFERENCE.findall(obj.body)}
        if not refs <= self.fonts_dicts:
            return None
        return REFERENCE.sub(b"FONTS", obj.body), obj.stream

    def note_form(self, obj: PdfObject, number: int) -> None:
        """Remember a copied form, so that later chunks' copies of it refer to this one."""
        key = self._form_key(obj)
        if key is not None:
            self.forms.setdefault(key, number)

    def number(self, numbers: list[dict[int, int]], next_number: int) -> int:
        """Number the shared objects from next_number and map every chunk's references to them;
        returns the next free number."""
        if any(None in refers.values() for refers in self.refers):
            self.font_numbers[None] = next_number
            next_number += 1
        for font in sorted(self.used):
            self.font_numbers[font] = next_number
            next_number += object_count(font[1])  # the font, its descriptor, file, ToUnicode map, ...
        for mapping, refers in zip(numbers, self.refers, strict=True):
            for old, stands_for in refers.items():
                mapping[old] = self.font_numbers[stands_for]
        return next_number

    def objects(self) -> Iterator[tuple[int, bytes, bytes | None]]:
        """The shared objects to write: (number, dictionary, stream)."""
        if None in self.font_numbers:
            entries = b" ".join(
                b"/%s %d 0 R" % (resource_name(*font).encode(), self.font_numbers[font])
                for font in sorted(self.used)
            )
            yield self.font_numbers[None], b"<<\n" + entries + b"\n>>", None
        for font in sorted(self.used):
            yield from font_objects(*font, self.used[font], self.font_numbers[font], self.texts.get(font))


class _HashingWriter:
    """A file that also hashes what is written to it: the document ID is the hash of the content."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.md5(usedforsecurity=False)

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)

    def tell(self) -> int:
        return self.out.tell()


def join_pdfs(
    chunks: Sequence[Path | bytes], target: Path | BinaryIO, title: str | None = None, reverse: bool = False
) -> None:
    """Write the chunks' pages, in order (or last to first with `reverse`), as one PDF at target
    (titled `title`, or as the first). The first chunk's catalog (viewer preferences, output
    intents, metadata) and document info are kept; the ID is a hash of the content, and the XMP
    metadata, if any, gets the title and that ID."""
    numbers: list[dict[int, int]] = []  # per chunk: old object number -> new one
    skipped: list[set[int]] = []
    pages_found: list[list[PdfObject]] = []
    shared = _Shared()
    next_number = 1
    metadata = 0  # the first chunk's XMP metadata stream (old number), numbered and written last
    for index, chunk in enumerate(chunks):
        data = _data(chunk)
        catalog, info = _trailer_ref(data, b"Root"), _trailer_ref(data, b"Info")
        objects = {obj.number: obj for obj in read_objects(data)}
        drop = _catalog_owned(objects, catalog) | {info} if index > 0 else set()
        if index == 0:
            found = re.search(rb"/Metadata (\d+) 0 R", objects[catalog].body)
            metadata = int(found.group(1)) if found else 0
        mapping: dict[int, int] = {}
        pages_found.append([obj for obj in objects.values() if PAGES.search(obj.body)])
        drop |= {obj.number for obj in pages_found[-1]}
        drop |= shared.read(index, objects, mapping)
        for obj in objects.values():
            if obj.number not in drop and not (index == 0 and obj.number == metadata):
                mapping[obj.number] = next_number
                next_number += 1
                shared.note_form(obj, mapping[obj.number])
        numbers.append(mapping)
        skipped.append(drop)
    if metadata:
        numbers[0][metadata] = next_number
        next_number += 1
    next_number = shared.number(numbers, next_number)
    root_pages = next_number
    next_number += 1
    kids: list[int] = []
    for mapping, pages_objects in zip(numbers, pages_found, strict=True):
        for pages in pages_objects:
            mapping[pages.number] = root_pages
        kids += [
            mapping[int(n)]
            for pages in pages_objects
            for n in REFERENCE.findall(pages.body.split(b"/Kids")[1])
        ]
    offsets: dict[int, int] = {}
    root = info_new = 0
    xmp: tuple[bytes, bytes] | None = None
    with target.open("wb") if isinstance(target, Path) else nullcontext(target) as file:
        out = _HashingWriter(file)
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for index, chunk in enumerate(chunks):
            data = _data(chunk)
            mapping = numbers[index]
            info = _trailer_ref(data, b"Info")
            for obj in read_objects(data):
                if obj.number in skipped[index]:
                    continue
                body = REFERENCE.sub(lambda m, mp=mapping: b"%d 0 R" % mp[int(m.group(1))], obj.body)  # type: ignore[misc]
                if index == 0 and obj.number == info:
                    body, title = _title(body, title)
                if index == 0 and obj.number == metadata and obj.stream is not None:
                    xmp = (body, obj.stream)
                    continue
                _write_object(out, offsets, mapping[obj.number], body, obj.stream)
            if index == 0:
                root, info_new = mapping[_trailer_ref(data, b"Root")], mapping[info]
        for number, body, stream in shared.objects():
            _write_object(out, offsets, number, body, stream)
        kids_text = b" ".join(b"%d 0 R" % kid for kid in (kids[::-1] if reverse else kids))
        pages_body = b"<<\n/Count %d /Kids [ %s ] /Type /Pages\n>>" % (len(kids), kids_text)
        out.digest.update(pages_body)
        ident = out.digest.hexdigest()
        if xmp is not None:
            _write_object(out, offsets, numbers[0][metadata], xmp[0], finish_xmp(xmp[1], title, ident))
        _write_object(out, offsets, root_pages, pages_body, None)
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (next_number))
        for number in range(1, next_number):
            out.write(b"%010d 00000 n \n" % offsets[number])
        out.write(
            b"trailer\n<<\n/ID [<%s><%s>]\n/Info %d 0 R\n/Root %d 0 R\n/Size %d\n>>\n"
            % (ident.encode(), ident.encode(), info_new, root, next_number)
        )
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)


def _write_object(
    out: _HashingWriter, offsets: dict[int, int], number: int, body: bytes, stream: bytes | None
) -> None:
    offsets[number] = out.tell()
    out.write(b"%d 0 obj\n" % number)
    out.write(body)
    if stream is not None:
        out.write(b"\nstream\n" + stream + b"\nendstream\n")
    else:
        out.write(b"\n")
    out.write(b"endobj\n")
