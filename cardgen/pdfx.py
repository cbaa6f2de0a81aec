"""PDF/X for print shops: the standards, the registered printing conditions and their bundled ICC
profiles, and a file's date (SOURCE_DATE_EPOCH, else the note's interview date; never the clock)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.resources import layouts_dir

if TYPE_CHECKING:
    from cardgen.model import Note

STANDARDS = ("none", "pdfx-1a", "pdfx-4")
SHOP_DEFAULT = "pdfx-4"
REGISTRY = "http://www.color.org"  # the ICC's registry of characterizations
FIXED_DATE = 946684800  # 2000-01-01 00:00 UTC: a file's date when nothing gives one


@dataclass(frozen=True)
class OutputCondition:
    """A registered printing condition: its OutputConditionIdentifier, a readable description, and
    the bundled ICC profile for it (None: cardgen has none it may ship)."""

    key: str
    identifier: str
    info: str
    profile: str | None


CONDITIONS = {
    c.key: c
    for c in (
        OutputCondition(
            "fogra39", "FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)", "ISOcoated_v2_300_bas.icc"
        ),
        OutputCondition("fogra51", "FOGRA51", "PSO Coated v3 (ISO 12647-2:2013), premium coated paper", None),
        OutputCondition("gracol2013", "CGATS21_CRPC6", "GRACoL 2013 (CGATS 21-2, CRPC6), coated paper", None),
        OutputCondition("swop", "CGATS TR 001", "SWOP (Publication) Grade 3 paper (CGATS TR 001)", None),
    )
}


@dataclass(frozen=True)
class PdfX:
    """What a PDF/X file is made to: the standard, the printing condition, and its date."""

    standard: str  # pdfx-1a | pdfx-4
    condition: OutputCondition
    date: int  # seconds since 1970-01-01 UTC

    @property
    def version(self) -> str:
        """GTS_PDFXVersion."""
        return "PDF/X-1:2003" if self.standard == "pdfx-1a" else "PDF/X-4"


def standard_problem(standard: str, condition: str) -> str | None:
    """Why a standard cannot be written for a condition (PDF/X-4 embeds the profile), or None."""
    if standard == "pdfx-4" and CONDITIONS[condition].profile is None:
        with_profile = ", ".join(k for k, c in CONDITIONS.items() if c.profile)
        return (
            f"cardgen has no ICC profile for '{condition}' that it may ship, and PDF/X-4 embeds one; use "
            f'output_condition = "{with_profile}", or standard = "pdfx-1a", which names the condition only'
        )
    return None


def photo_problem(note: Note) -> str | None:
    """Why the note's photo cannot be converted for its PDF/X condition (no profile), or None."""
    pdfx = pdfx_of(note)
    photo = catalog.fronts()[note.card.front].kind == "photo"
    if pdfx is None or pdfx.condition.profile is not None or not photo:
        return None
    return (
        f"cardgen has no ICC profile for '{pdfx.condition.key}' to convert the photo to CMYK with; "
        'use output_condition = "fogra39"'
    )


def profile_path(condition: OutputCondition) -> Path:
    """The bundled ICC profile of the condition; InputError when there is none or it is missing."""
    if condition.profile is None:
        raise InputError(
            f"print.output_condition: cardgen has no ICC profile for '{condition.key}' to convert colours "
            'with (a photo front needs one); use output_condition = "fogra39"'
        )
    path = layouts_dir() / "icc" / condition.profile
    if not path.is_file():
        raise InputError(
            f"the ICC profile {condition.profile} is missing from cardgen's data ({path.parent}; "
            "see layouts/icc/SOURCES.md); reinstall cardgen or restore the file"
        )
    return path


def document_date(fields: Mapping[str, Any]) -> int:
    """The date written into a PDF/X file: SOURCE_DATE_EPOCH when set, else the note's interview
    date (midnight UTC), else 2000-01-01; the same input always gives the same date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    day = fields.get("interview_date")
    if isinstance(day, datetime.datetime):
        day = day.date()
    if isinstance(day, datetime.date):
        return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())
    return FIXED_DATE


def pdfx_of(note: Note) -> PdfX | None:
    """The PDF/X the note's shop files are written to, or None (home files, standard = "none")."""
    spec = note.print
    if spec.target != "shop" or spec.standard == "none":
        return None
    return PdfX(spec.standard, CONDITIONS[spec.output_condition], document_date(note.message.fields))
