"""The named things a note can choose (card formats, envelopes, papers, fronts), read from layouts/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cardgen.resources import layouts_dir
from cardgen.units import parse_length


@dataclass(frozen=True)
class CardFormat:
    """A finished card size in points and how it folds (none | side | top | quarter)."""

    name: str
    label: str
    width: float
    height: float
    fold: str
    envelope: str

    @property
    def short_label(self) -> str:
        """The label without its parenthesis: "A2 folded card"."""
        return self.label.split(" (")[0]

    @property
    def flat_size(self) -> tuple[float, float]:
        """The sheet the card is cut from, before folding."""
        across, down = {"side": (2, 1), "top": (1, 2), "quarter": (2, 2)}.get(self.fold, (1, 1))
        return across * self.width, down * self.height


@dataclass(frozen=True)
class EnvelopeFormat:
    """An envelope, long side first."""

    name: str
    label: str
    width: float
    height: float


@dataclass(frozen=True)
class Paper:
    """A home-printer sheet in portrait, with the length of its 100 % check bar."""

    name: str
    label: str
    width: float
    height: float
    check_bar: float
    check_bar_label: str


def paper_problem(card: CardFormat, paper: Paper) -> str | None:
    """Why a card cannot be printed at home on this paper (None: it can). A quarter-fold card is
    one side of its own sheet; any other flat card must not be larger than the paper."""
    flat, sheet = sorted(card.flat_size), sorted((paper.width, paper.height))
    size = f"{card.flat_size[0] / 72:.3g} × {card.flat_size[1] / 72:.3g} in"
    if card.fold == "quarter" and any(abs(a - b) > 1 for a, b in zip(flat, sheet, strict=True)):
        own = "a4" if flat[0] < 600 else "letter"
        return f'the {card.short_label} is one side of a {size} sheet, not {paper.label}; set paper = "{own}"'
    if flat[0] > sheet[0] + 1 or flat[1] > sheet[1] + 1:
        return f"the {card.short_label} is {size} flat, larger than {paper.label}; choose a smaller format"
    return None


PANEL_NAMES = {  # each fold's panels, outside face first (layout.panels places them)
    "side": ("back", "front", "inside-left", "inside-right"),
    "top": ("back", "front", "inside-top", "inside-bottom"),
    "quarter": ("inside-right", "inside-left", "back", "front"),
    "none": ("front", "back"),
}


def message_panels(card: CardFormat) -> list[str]:
    """The panels a message may be written on: all but the front."""
    return [name for name in PANEL_NAMES[card.fold] if name != "front"]


@dataclass(frozen=True)
class Front:
    """A front design: its kind and, for text fronts, the words, font and ink colour."""

    name: str
    label: str
    kind: str
    text: str = ""
    font: str = ""
    ink: str = "#000000"


def _read(name: str) -> dict[str, dict[str, Any]]:
    with (layouts_dir() / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _size(entry: dict[str, Any]) -> tuple[float, float]:
    width, height = entry["size"]
    return parse_length(width), parse_length(height)


@cache
def card_formats() -> dict[str, CardFormat]:
    """Every card format by name, in catalog order."""
    return {
        name: CardFormat(name, e["label"], *_size(e), fold=e["fold"], envelope=e["envelope"])
        for name, e in _read("formats").items()
    }


@cache
def envelopes() -> dict[str, EnvelopeFormat]:
    """Every envelope by name, in catalog order."""
    return {name: EnvelopeFormat(name, e["label"], *_size(e)) for name, e in _read("envelopes").items()}


@cache
def papers() -> dict[str, Paper]:
    """Every home paper by name."""
    return {
        name: Paper(name, e["label"], *_size(e), parse_length(e["check_bar"]), e["check_bar"])
        for name, e in _read("papers").items()
    }


@cache
def fronts() -> dict[str, Front]:
    """Every front design by name."""
    return {
        name: Front(
            name,
            e["label"],
            e["kind"],
            e.get("text", ""),
            e.get("font", ""),
            e.get("ink", "#000000"),
        )
        for name, e in _read("fronts").items()
    }


@dataclass(frozen=True)
class HandPreset:
    """A named handwriting size (layouts/hands.toml): lengths in points, ratios in x-heights."""

    name: str
    label: str
    x_height: float | None  # None: x_height_nibs × the nib width
    x_height_nibs: float | None
    nib: float | None
    line_spacing: float | None  # None: line_spacing_x × the x-height
    line_spacing_x: float | None
    ascender_x: float | None  # None: the guide font's
    descender_x: float | None
    slant: float
    ruling: str
    font: str | None = None  # the letterforms of the hand, when not the default handwriting font


@cache
def hand_presets() -> dict[str, HandPreset]:
    """Every handwriting preset by name."""

    def length(entry: dict[str, Any], key: str) -> float | None:
        return parse_length(entry[key]) if key in entry else None

    return {
        name: HandPreset(
            name,
            e["label"],
            length(e, "x_height"),
            e.get("x_height_nibs"),
            length(e, "nib"),
            length(e, "line_spacing"),
            e.get("line_spacing_x"),
            e.get("ascender_x"),
            e.get("descender_x"),
            float(e.get("slant", 0)),
            e["ruling"],
            e.get("font"),
        )
        for name, e in _read("hands").items()
    }


@dataclass(frozen=True)
class TemplateField:
    """A [message] field a wording template reads."""

    name: str
    required: bool
    example: Any
    help: str


@dataclass(frozen=True)
class WordingTemplate:
    """A built-in wording template: its file, what it is for and the fields it reads."""

    name: str
    description: str
    fields: tuple[TemplateField, ...]

    @property
    def path(self) -> Path:
        """The jinja2 file."""
        return layouts_dir() / "templates" / f"{self.name}.j2"


@cache
def templates() -> dict[str, WordingTemplate]:
    """Built-in wording templates by name, from layouts/templates.toml."""
    return {
        name: WordingTemplate(
            name,
            entry.pop("description"),
            tuple(TemplateField(key, f["required"], f["example"], f["help"]) for key, f in entry.items()),
        )
        for name, entry in _read("templates").items()
    }
