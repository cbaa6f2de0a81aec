"""XMP metadata packets for PDF/X files: written padded to a fixed size, so that joining files can
set the final title and document ID in place without moving anything."""

from __future__ import annotations

import datetime
import re

PACKET_SIZE = 4096  # bytes: the packet and its padding (XMP's way to leave room for edits)
PLACEHOLDER = "0" * 32  # the document ID before the file's content is known
PRODUCER = "ReportLab PDF Library - www.reportlab.com"  # the same in the Info dictionary
_TITLE = re.compile(rb'(<rdf:li xml:lang="x-default">).*?(</rdf:li>)', re.S)
_UUID = re.compile(rb"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_END = b'<?xpacket end="w"?>'


def escape(text: str) -> str:
    """Text for XML character data (xml.sax.saxutils would load urllib and http on every start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_date(epoch: int) -> str:
    """A date as XMP writes it (UTC)."""
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _uuid(ident: str) -> str:
    return f"uuid:{ident[:8]}-{ident[8:12]}-{ident[12:16]}-{ident[16:20]}-{ident[20:32]}"


def xmp_packet(standard: str, title: str, epoch: int, creator_tool: str) -> bytes:
    """The metadata of a PDF/X-1a or PDF/X-4 file, with a placeholder document ID."""
    date = xmp_date(epoch)
    if standard == "pdfx-4":
        version = "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"
    else:
        version = (
            "<pdfx:GTS_PDFXVersion>PDF/X-1:2003</pdfx:GTS_PDFXVersion>\n"
            "   <pdfx:GTS_PDFXConformance>PDF/X-1a:2003</pdfx:GTS_PDFXConformance>"
        )
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(_short(title))}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>cardgen</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(creator_tool)}</xmp:CreatorTool>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{_uuid(PLACEHOLDER)}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{_uuid(PLACEHOLDER)}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   {version}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    return _padded(body.encode("utf-8"), PACKET_SIZE)


TITLE_CHARACTERS = 300  # the packet has a fixed size; a longer title is cut there (Info keeps it whole)


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARACTERS else title[: TITLE_CHARACTERS - 1] + "…"


def _padded(body: bytes, size: int) -> bytes:
    room = size - len(body) - len(_END)
    if room < 1:
        raise ValueError("XMP metadata: the title is too long for the packet")
    lines, rest = divmod(room, 100)
    return body + (b" " * 99 + b"\n") * lines + b" " * rest + _END


def finish_xmp(packet: bytes, title: str | None, ident: str) -> bytes:
    """The packet with the file's document ID (32 hex digits) and, when given, its title, padded to
    its old size (a packet of another shape is returned as it is)."""
    if not packet.endswith(_END) or b"</x:xmpmeta>" not in packet:
        return packet
    body = packet[: packet.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>\n")]
    if title is not None:
        text = escape(_short(title)).encode("utf-8")
        body = _TITLE.sub(lambda m: m.group(1) + text + m.group(2), body, count=1)
    return _padded(_UUID.sub(_uuid(ident).encode(), body), len(packet))
