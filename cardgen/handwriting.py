"""The writer's hand: its limits stated once, [handwriting] and [guide] keys read into a Handwriting
and a GuideSpec (preset < profile < keys), and measures from a ruler or a scan made into a profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.fonts import bundled_fonts, handwriting_fonts, metrics
from cardgen.fontstore import needs_fonts_error
from cardgen.model import (
    LINE_SPACING_MM,
    MIN_SPACING_X,
    NIB_MM,
    SLANT_DEGREES,
    WIDTH,
    X_HEIGHT_MM,
    GuideSpec,
    HandProfile,
    Handwriting,
    Profiles,
)
from cardgen.tomlsource import NoteSource, Reader
from cardgen.units import MM, format_mm

RULINGS = ("lines", "school", "four-line", "seyes", "calligraphy")
PANGRAM = "The quick brown fox jumps over the lazy dog"  # written on the calibration sheet
PANGRAM_FONT = "caveat"  # measured widths are relative to this font


def read_handwriting(reader: Reader, profiles: Profiles) -> Handwriting:
    """The hand: a preset's sizes, a measured profile's x-height, width and slant, then the keys
    written in [handwriting], in that order of strength."""
    presets = catalog.hand_presets()
    name = reader.choice("handwriting.preset", ["", *presets], "", "hands")
    preset = presets[name] if name else None
    profile_name = reader.text("handwriting.profile")
    profile: HandProfile | None = None
    if profile_name:
        try:
            profile = profiles.hand(profile_name)
        except InputError as error:
            raise reader.source.error("handwriting.profile", error.problem) from None
    fonts = handwriting_fonts()
    preset_font = preset.font if preset and preset.font else "caveat"
    if preset_font not in fonts:
        fonts = [*fonts, preset_font]  # a preset may name a font of its own (italic: a chancery italic)
    font_key = reader.choice("handwriting.font", fonts, preset_font, "fonts")
    if not bundled_fonts()[font_key].installed:
        needed = needs_fonts_error(font_key).problem
        raise reader.source.error("handwriting.font", f'"{font_key}" is not installed: {needed}')
    x_height = 3 * MM
    cause = "handwriting.preset"  # what set the sizes, when they are out of range
    if preset and preset.x_height_nibs:
        nib = reader.length(
            "handwriting.nib", f"{preset.nib or 3 * MM}pt", low=NIB_MM[0] * MM, high=NIB_MM[1] * MM
        )
        x_height = preset.x_height_nibs * nib
        cause = "handwriting.nib" if reader.get("handwriting.nib") is not None else cause
    elif preset and preset.x_height:
        x_height = preset.x_height
    if profile:
        x_height, cause = profile.x_height, "handwriting.profile"
    if reader.get("handwriting.x_height") is None:
        _within(reader, cause, x_height, X_HEIGHT_MM, "an x-height")
    x_height = reader.length(
        "handwriting.x_height", f"{x_height}pt", low=X_HEIGHT_MM[0] * MM, high=X_HEIGHT_MM[1] * MM
    )
    spacing = max(8 * MM, 2.5 * x_height)  # a relaxed hand: lines about 2.5 x-heights apart
    if preset:
        spacing = preset.line_spacing or (preset.line_spacing_x or 8 * MM / x_height) * x_height
    if reader.get("handwriting.line_spacing") is None:
        cause = "handwriting.x_height" if reader.get("handwriting.x_height") is not None else cause
        _within(reader, cause, spacing, LINE_SPACING_MM, "lines")
    font = metrics(font_key)
    width = (
        profile.width * text_ratio(PANGRAM, PANGRAM_FONT) / text_ratio(PANGRAM, font_key) if profile else 1.0
    )
    ascender_x = preset.ascender_x if preset and preset.ascender_x else font.ascender / font.x_height
    descender_x = preset.descender_x if preset and preset.descender_x else font.descender / font.x_height
    limits = {"low": 0.1 * MM, "high": 3 * X_HEIGHT_MM[1] * MM}
    low, high = LINE_SPACING_MM
    hand = Handwriting(
        x_height=x_height,
        line_spacing=reader.length("handwriting.line_spacing", f"{spacing}pt", low=low * MM, high=high * MM),
        width=reader.number("handwriting.width", round(width, 3), low=WIDTH[0], high=WIDTH[1]),
        slant=_slant(reader, profile.slant if profile else preset.slant if preset else 0.0),
        font=font_key,
        ascender=reader.length("handwriting.ascender", f"{ascender_x * x_height}pt", **limits),
        descender=reader.length("handwriting.descender", f"{descender_x * x_height}pt", **limits),
        ruling=preset.ruling if preset else "lines",
    )
    if hand.line_spacing < MIN_SPACING_X * hand.x_height:
        raise reader.source.error(
            "handwriting.line_spacing",
            f"{format_mm(hand.line_spacing)} is less than {MIN_SPACING_X:g} × the x-height "
            f"({format_mm(hand.x_height)}), so written lines would collide; make it at least "
            f"{format_mm(MIN_SPACING_X * hand.x_height)}, better about 2.5 × "
            "(e.g. x_height 3mm, line_spacing 8mm)",
        )
    return hand


def _within(reader: Reader, cause: str, points: float, range_mm: tuple[float, float], what: str) -> None:
    """A size that came from a preset, nib or profile, checked against its limits: the error
    names what set it, not a key the user never wrote."""
    low, high = range_mm
    if not low * MM <= points <= high * MM:
        raise reader.source.error(
            cause,
            f"gives {what} of {format_mm(points)}, outside {low:g}–{high:g} mm; "
            "choose a smaller nib or preset, or give handwriting.x_height and line_spacing yourself",
        )


def text_ratio(text: str, font_key: str) -> float:
    """A text's length in a font, in x-heights (the calibration sentence's: about 41 in Caveat); a
    width measured against the pangram font becomes the width against another font by their ratio."""
    font = metrics(font_key)
    return font.width(text, 1.0) / font.x_height


def read_guide(reader: Reader, hand: Handwriting) -> GuideSpec:
    """The [guide] keys: mode, trace style, ruling (default: the hand's), stroke font."""
    from cardgen.strokes import STROKE_FONTS

    return GuideSpec(
        mode=reader.choice("guide.mode", ["copy", "underlay", "ticks"], "copy"),
        trace=reader.choice("guide.trace", ["solid", "outline", "dots", "none"], "solid"),
        ruling=reader.choice("guide.ruling", list(RULINGS), hand.ruling),
        mirror=reader.boolean("guide.mirror", False),
        start_dots=reader.boolean("guide.start_dots", False),
        stroke_font=reader.choice("guide.stroke_font", list(STROKE_FONTS), "ems-readability"),
    )


def _slant(reader: Reader, default: float) -> float:
    low, high = SLANT_DEGREES
    slant = reader.number("handwriting.slant", default, low=0.0, high=high)
    if 0 < slant < low:
        raise reader.source.error(
            "handwriting.slant",
            f"{slant:g}° is almost flat; give the angle from the baseline, {low:g} to {high:g} (e.g. 55 "
            "for copperplate, 90 upright, over 90 for a backhand), or 0 for no slant lines",
        )
    return slant


def hand_and_guide(values: dict[str, dict[str, Any]], profiles: Profiles) -> tuple[Handwriting, GuideSpec]:
    """A hand and guide settings from [handwriting] and [guide] keys given in code (errors name
    the key, e.g. handwriting.x_height, with no file)."""
    reader = Reader(values, NoteSource(Path(""), ""))
    hand = read_handwriting(reader, profiles)
    return hand, read_guide(reader, hand)


@dataclass(frozen=True)
class RulerMeasure:
    """What a writer measured on the calibration sheet with a ruler: x-height and the written
    sentence's length in points, and the slant in degrees (None: not measured)."""

    x_height: float
    pangram_length: float
    slant: float | None = None


def profile_from_ruler(name: str, measure: RulerMeasure) -> HandProfile:
    """A hand profile from ruler measures; errors name the measure that is off."""
    low, high = X_HEIGHT_MM
    if not low * MM <= measure.x_height <= high * MM:
        raise InputError(
            f"{format_mm(measure.x_height)} is out of range; measure a lowercase x: {low:g}mm to {high:g}mm",
            key="x_height",
        )
    width = measure.pangram_length / (text_ratio(PANGRAM, PANGRAM_FONT) * measure.x_height)
    if not WIDTH[0] <= width <= WIDTH[1]:
        raise InputError(
            f"{format_mm(measure.pangram_length)} gives a width factor of {width:.2f}, outside "
            f"{WIDTH[0]:g}–{WIDTH[1]:g}; measure the whole written sentence, from its first letter "
            "to its last",
            key="pangram_length",
        )
    return HandProfile(name, measure.x_height, width, measure.slant or 0.0)
