"""Join reportlab PDFs page after page into one file, streaming: one chunk in memory at a time.

Made for the files cardgen's own renderer writes (classic xref table, no object streams, direct
stream lengths): each object is copied with its number shifted and the references in its dictionary
rewritten; stream data is copied as it is. The first chunk gives the catalog (viewer preferences) and
document info; the page tree is written last with every page in order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

OBJECT = re.compile(rb"(\d+) 0 obj\r?\n")
STREAM = re.compile(rb">>\s*stream\r?\n")
REFERENCE = re.compile(rb"(\d+) 0 R")
LENGTH = re.compile(rb"/Length (\d+)")
PAGE = re.compile(rb"/Type /Page\b(?!s)")
PAGES = re.compile(rb"/Type /Pages\b")


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


def _escape(text: str) -> bytes:
    return (
        text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    )


def join_pdfs(chunks: list[Path], target: Path, title: str | None = None, reverse: bool = False) -> None:
    """Write the chunks' pages, in order (or last to first with `reverse`), as one PDF at target
    (titled `title`, or as the first)."""
    numbers: list[dict[int, int]] = []  # per chunk: old object number -> new one
    skipped: list[set[int]] = []
    kids: list[int] = []
    next_number = 1
    root_pages = 0
    for index, chunk in enumerate(chunks):
        data = chunk.read_bytes()
        catalog, info = _trailer_ref(data, b"Root"), _trailer_ref(data, b"Info")
        mapping: dict[int, int] = {}
        drop: set[int] = set()
        pages_objects = []
        for obj in read_objects(data):
            if PAGES.search(obj.body):
                pages_objects.append(obj)
                drop.add(obj.number)
                continue
            if index > 0 and obj.number in (catalog, info):
                drop.add(obj.number)
                continue
            mapping[obj.number] = next_number
            next_number += 1
        for pages in pages_objects:
            if index == 0:
                root_pages = next_number
                next_number += 1
            mapping[pages.number] = root_pages
        kids += [
            mapping[int(n)]
            for pages in pages_objects
            for n in REFERENCE.findall(pages.body.split(b"/Kids")[1])
        ]
        numbers.append(mapping)
        skipped.append(drop)
    offsets: dict[int, int] = {}
    root = info_new = 0
    identifier = None
    with target.open("wb") as out:
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for index, chunk in enumerate(chunks):
            data = chunk.read_bytes()
            mapping = numbers[index]
            info = _trailer_ref(data, b"Info")
            for obj in read_objects(data):
                if obj.number in skipped[index]:
                    continue
                body = REFERENCE.sub(lambda m, mp=mapping: b"%d 0 R" % mp[int(m.group(1))], obj.body)  # type: ignore[misc]
                if index == 0 and obj.number == info and title is not None:
                    body = re.sub(
                        rb"/Title \((?:[^()\\]|\\.)*\)", lambda _: b"/Title (" + _escape(title) + b")", body
                    )
                _write_object(out, offsets, mapping[obj.number], body, obj.stream)
            if index == 0:
                root, info_new = mapping[_trailer_ref(data, b"Root")], mapping[info]
                identifier = re.search(rb"/ID\s*\[<[0-9a-f]+><[0-9a-f]+>\]", data[data.rindex(b"trailer") :])
        kids_text = b" ".join(b"%d 0 R" % kid for kid in (kids[::-1] if reverse else kids))
        pages_body = b"<<\n/Count %d /Kids [ %s ] /Type /Pages\n>>" % (len(kids), kids_text)
        _write_object(out, offsets, root_pages, pages_body, None)
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (next_number))
        for number in range(1, next_number):
            out.write(b"%010d 00000 n \n" % offsets[number])
        ident = identifier.group(0) + b"\n" if identifier else b""
        out.write(
            b"trailer\n<<\n%s/Info %d 0 R\n/Root %d 0 R\n/Size %d\n>>\n"
            % (ident, info_new, root, next_number)
        )
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)


def _write_object(
    out: BinaryIO, offsets: dict[int, int], number: int, body: bytes, stream: bytes | None
) -> None:
    offsets[number] = out.tell()
    out.write(b"%d 0 obj\n" % number)
    out.write(body)
    if stream is not None:
        out.write(b"\nstream\n" + stream + b"\nendstream\n")
    else:
        out.write(b"\n")
    out.write(b"endobj\n")
