"""The writing band of a script: the height guide lines mark for the text's main script (the
x-height for Latin, Greek and Cyrillic, the letter height for Hebrew, Arabic and Devanagari) or,
for Chinese, Japanese and Korean, the square cell each character is written in."""

from __future__ import annotations

from dataclasses import dataclass

from cardgen.fonts import letter_height, metrics
from cardgen.glyphs import em_box
from cardgen.scripts import CELL_SYSTEMS, dominant_system
from cardgen.units import format_mm

SAMPLE = {"Jpan": "国", "Hans": "国"}  # a full-width letter: its advance is the cell


@dataclass(frozen=True)
class Band:
    """Where the guide lines go for text set at an x-height: `mean`, the height above the baseline
    of the line the letters reach (their x-height or letter height); `cell` > 0: the side of the
    square cell each character fills (CJK), reaching `descent` cells below the baseline (the
    font's em box, 0.12 in the Noto and Klee fonts)."""

    system: str
    mean: float
    cell: float = 0.0
    descent: float = 0.0

    def cell_box(self, x: float, baseline: float) -> tuple[float, float, float, float]:
        """The cell whose left edge is x on a baseline: (x, top, side, side)."""
        return x, baseline + self.cell * self.descent - self.cell, self.cell, self.cell

    def lines(self, x_height: float, ascender: float, descender: float) -> tuple[float, float, float]:
        """The mean line, ascender and descender heights for a hand of this x-height: a taller
        letter height takes its ascender and descender lines up and down with it (the vowel signs
        above Devanagari's headline and below its letters)."""
        scale = self.mean / x_height if x_height else 1.0
        return self.mean, ascender * scale, descender * scale

    def describe(self) -> str:
        """'x-height 3 mm', 'letter height 3.5 mm', 'character boxes 4.7 mm'."""
        if self.cell:
            return f"character boxes {format_mm(self.cell)}"
        if letter_height(self.system):
            return f"letter height {format_mm(self.mean)}"
        return f"x-height {format_mm(self.mean)}"


def band_for(text: str, font: str, x_height: float, hscale: float = 1.0) -> Band:
    """The band of `text` set in `font` (a key such as "caveat@ja") at `x_height` (points)."""
    face = metrics(font)
    system = dominant_system(text, face.han)
    if system in CELL_SYSTEMS:
        size = x_height / face.x_height
        bottom, _ = em_box(face.font_for(SAMPLE[system], system))
        return Band(system, x_height, face.width(SAMPLE[system], size) * hscale, -bottom)
    ratio = letter_height(system)
    return Band(system, x_height * ratio if ratio else x_height)
