"""PDF bytes -> PNG bytes per page, rendered with pdfium (pypdfium2)."""

from __future__ import annotations

import io
import re

import pypdfium2


def pdf_pages_to_png(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Every page of the PDF as a PNG image at `dpi`."""
    document = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            images.append(buffer.getvalue())
    finally:
        document.close()
    return images


def is_preview_output(name: str) -> bool:
    """Whether a file name is one `cardgen preview` writes (or its temporary file)."""
    return re.fullmatch(r"\.?(card|card-fronts|card-backs|envelope|guide)-\d+\.png(\..*)?", name) is not None
