"""Bundled fonts: their files, and the metrics layout measures text with (no drawing library here)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import chain, repeat
from pathlib import Path
from typing import Protocol

from cardgen.direction import visual_order
from cardgen.measure import BODY_GLYPHS, KEPT_METRICS, digest, kept_metrics, measure
from cardgen.resources import fonts_dir, layouts_dir, user_fonts_dir
from cardgen.scripts import HAN_BY_LANGUAGE, NEUTRAL, is_rtl, script, writing_system
from cardgen.shaping import drawn_as_glyphs, shape

FALLBACK_FONT = "noto-sans"  # Latin, Greek, Cyrillic: drawn where a font lacks a character


@dataclass(frozen=True)
class FontInfo:
    """A font: the key notes use, its file, what it is for and the scripts (ISO 15924) it is chosen
    for; an optional font (`group` set) lives in the user's font folder once installed."""

    key: str
    path: Path
    role: str
    label: str
    scripts: tuple[str, ...] = ("Latn",)
    group: str | None = None  # `cardgen fonts install <group>` installs it
    package: str = ""  # npm package@version it comes from (optional fonts)
    member: str = ""  # its file inside the package's tarball
    integrity: str = ""  # the tarball's npm integrity (sha512-…)

    @property
    def installed(self) -> bool:
        """Whether the font's file is there (bundled fonts always are)."""
        return self.group is None or self.path.is_file()


class Metrics(Protocol):
    """What layout needs to know about a font; sizes are in points, ratios in ems."""

    key: str
    x_height: float
    cap_height: float
    ascender: float  # the tops of b d h k l above the baseline
    descender: float  # the bottoms of g j p q y below the baseline (positive)
    ascent: float
    descent: float

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` set at `size` points, as drawn (no kerning)."""
        ...

    def missing(self, text: str) -> list[str]:
        """The characters of `text` the font has no glyph for, in order, each once."""
        ...


@cache
def bundled_fonts() -> dict[str, FontInfo]:
    """Every bundled font by key, from layouts/fonts.toml."""
    with (layouts_dir() / "fonts.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {
        key: FontInfo(
            key,
            (user_fonts_dir() if "group" in entry else fonts_dir()) / entry["file"],
            entry["role"],
            entry["label"],
            tuple(entry.get("scripts", ("Latn",))),
            entry.get("group"),
            entry.get("package", ""),
            entry.get("member", ""),
            entry.get("integrity", ""),
        )
        for key, entry in table.items()
    }


def handwriting_fonts(installed: bool = False) -> list[str]:
    """Keys of the fonts that can be chosen as [handwriting] font (`installed`: only those there)."""
    return [
        key
        for key, info in bundled_fonts().items()
        if info.role == "handwriting" and (info.installed or not installed)
    ]


class FontMetrics:
    """Metrics of a TrueType font: those kept in fonts/metrics.json when they were measured from this
    very file, else measured now with fontTools (see measure)."""

    def __init__(self, info: FontInfo, han: str = "Hans") -> None:
        self.key = info.key
        self._path = info.path
        self.scripts = info.scripts
        self.handwriting = info.role == "handwriting"
        self.han = han  # the writing system Han characters are read in (Jpan, Hans, Kore)
        self._systems = {NEUTRAL, *(HAN_BY_LANGUAGE.get(s, s) for s in info.scripts)}
        self._simple = not drawn_as_glyphs(info.scripts, "")  # a Latin, Greek or Cyrillic font
        kept = kept_metrics(info.group is not None).get(info.key)
        measured = kept if kept and kept["sha256"] == digest(info.path) else measure(info.path)
        units = measured["units_per_em"]
        self._advance: dict[int, float] = {
            int(code): width / units for code, width in measured["advances"].items()
        }
        self._notdef: float = measured["notdef"] / units
        self.x_height, self.cap_height = measured["x_height"], measured["cap_height"]
        self.ascender, self.descender = measured["ascender"], measured["descender"]
        self.ascent, self.descent = measured["ascent"], measured["descent"]
        self.bodies: dict[str, float] = measured.get("bodies", {})  # script letters' heights, ems

    @cached_property
    def _ink_sides(self) -> dict[int, tuple[float, float]]:
        from fontTools.pens.boundsPen import BoundsPen
        from fontTools.ttLib import TTFont

        font = TTFont(self._path, lazy=True)
        units = font["head"].unitsPerEm
        glyphs, advances = font.getGlyphSet(), font["hmtx"].metrics
        sides = {}
        for code, glyph in font.getBestCmap().items():
            pen = BoundsPen(glyphs)
            glyphs[glyph].draw(pen)
            if pen.bounds:
                sides[code] = (
                    max(0.0, -pen.bounds[0] / units),
                    max(0.0, (pen.bounds[2] - advances[glyph][0]) / units),
                )
        return sides

    def ink_sides(self, char: str) -> tuple[float, float]:
        """How far, in ems, the character's ink reaches out of its advance box: left of the pen
        position and right of the advance (a swash "s", an italic "f"); 0 where it stays inside."""
        return self._ink_sides.get(ord(char), (0.0, 0.0))

    def has(self, char: str) -> bool:
        """Whether the font has a glyph for the character."""
        return ord(char) in self._advance

    def covers(self, text: str) -> bool:
        """Whether the font has a glyph for every character of the text."""
        return all(map(self._advance.__contains__, map(ord, text)))

    def scale(self, key: str, run: str = "") -> float:
        """A run in font `key` among this font's text is set at size × this (1 for this font): its
        letters stand as tall beside this font's lowercase as the script's letters do beside the
        lowercase of its reference font (the first plain font made for it: Noto Sans JP for
        Japanese); Latin, Greek and Cyrillic by their x-heights."""
        if key == self.key:
            return 1.0
        other = metrics(key)
        system = next((s for s in (writing_system(c, self.han) for c in run) if s), NEUTRAL)
        reference = letter_height(system)
        if reference and other.bodies.get(system):
            return self.x_height * reference / other.bodies[system]
        return self.x_height / other.x_height

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points as drawn, every run in its own font."""
        if self._simple and text.isascii():
            try:
                return sum(map(self._advance.__getitem__, map(ord, text))) * size
            except KeyError:  # a control character: measured below as drawn
                pass
        return sum(self.width_of_run(key, run, size) for key, run in self.runs(text))

    def width_of_run(self, key: str, run: str, size: float) -> float:
        """The advance width of one run from runs(), set in font `key` (shaped where it is drawn
        shaped: the glyphs' advances, as HarfBuzz places them)."""
        if key != self.key:
            return metrics(key).width_of_run(key, run, size * self.scale(key, run))
        if drawn_as_glyphs(self.scripts, run):  # shaped as set_line draws it: each direction apart
            path, rtl = str(self._path), any(map(is_rtl, run))
            pieces = visual_order((("", run),), rtl) if rtl else (("", run, False),)
            return sum(shape(path, piece, piece_rtl).width for _, piece, piece_rtl in pieces) * size
        return sum(map(self._advance.get, map(ord, run), repeat(self._notdef))) * size

    def runs(self, text: str) -> list[tuple[str, str]]:
        """The text cut into (font key, run): each character in this font when it is made for the
        character's writing system; a letter of another script in the first font of this font's
        kind made for it (a handwriting font for a handwriting font), else in this font if it has
        the glyph, else in a plain font that has it; a letter of its own script the font lacks in
        Noto Sans; a symbol it lacks (〒) in Noto Sans, else in a font for the Han it reads (its
        language's). Spaces and punctuation stay with their neighbours. Characters no installed
        font has stay in this font (coverage checks report them)."""
        if self.covers(text) and (text.isascii() or self.made_for(text)):
            return [(self.key, text)]
        systems = [writing_system(c, self.han) for c in text]
        following = NEUTRAL
        for i in range(len(systems) - 1, -1, -1):  # a neutral takes the next strong system, if any
            following = systems[i] = systems[i] or following
        result: list[tuple[str, str]] = []
        for char, system in zip(text, systems, strict=True):
            if script(char) in ("Zyyy", "Zinh") and result and metrics(result[-1][0]).has(char):
                key = result[-1][0]  # a space or mark goes with the run it stands in
            else:
                key = self.font_for(char, system)
                if key == self.key and not self.has(char):
                    key = self._any_font(char)
            if result and result[-1][0] == key:
                result[-1] = (key, result[-1][1] + char)
            else:
                result.append((key, char))
        return result

    def made_for(self, text: str, han: str | None = None) -> bool:
        """Whether every character's writing system is one this font is made for (or none); Han
        read as `han` (default: as this font reads it)."""
        return all(writing_system(c, han or self.han) in self._systems for c in text)

    def font_for(self, char: str, system: str) -> str:
        """The font a character of `system` is set in (see runs)."""
        if system in self._systems and self.has(char):
            return self.key
        if system == NEUTRAL:  # a symbol the font lacks (〒, ※): Noto Sans, else the Han fonts'
            candidates: Iterable[str] = chain(
                (FALLBACK_FONT,),
                self._script_fonts(self.han, self.handwriting),
                self._script_fonts(self.han, False),
            )
        elif system in self._systems:  # a letter of its own script the font lacks
            candidates = (FALLBACK_FONT,)
        else:
            # a Han character the language's fonts lack (a simplified one in Japanese) is taken
            # from another language's Han fonts
            others = [s for s in HAN_BY_LANGUAGE.values() if s != system] if script(char) == "Hani" else []
            candidates = chain(
                self._script_fonts(system, self.handwriting),
                (self.key,),
                self._script_fonts(system, False),
                *(self._script_fonts(other, self.handwriting) for other in others),
                *(self._script_fonts(other, False) for other in others),
                (FALLBACK_FONT,),
            )
        for key in candidates:
            if key == self.key:
                if self.has(char):
                    return key
            elif metrics(key).has(char):
                return key
        return self.key

    def _any_font(self, char: str) -> str:
        """The first installed font of this kind, then of any, that has the character (a full stop
        after a Latin word in a Japanese note, a lone mark): this font when none has it."""
        infos = sorted(bundled_fonts().values(), key=lambda i: (i.role == "handwriting") != self.handwriting)
        return next((i.key for i in infos if i.installed and metrics(i.key).has(char)), self.key)

    def fonts_for(self, system: str) -> tuple[str, ...]:
        """The installed fonts of this font's kind a letter of the writing system may be set in."""
        return self._script_fonts(system, self.handwriting)

    @cache  # noqa: B019  (fonts live for the process)
    def _script_fonts(self, system: str, handwriting: bool) -> tuple[str, ...]:
        """Installed fonts made for the writing system, of this kind, in fonts.toml's order."""
        return tuple(
            info.key
            for info in bundled_fonts().values()
            if system in info.scripts and (info.role == "handwriting") == handwriting and info.installed
        )

    def missing(self, text: str) -> list[str]:
        """Characters no font of runs() has a glyph for (line breaks and other controls are not
        counted)."""
        seen: dict[str, None] = {}
        for key, run in self.runs(text):
            face = metrics(key)
            for char in run:
                if ord(char) >= 32 and not face.has(char):
                    seen[char] = None
        return list(seen)


def write_kept_metrics() -> Path:
    """Measure every bundled font and keep the results beside them (tools/font_metrics.py), so a
    run reads them instead of parsing each font with fontTools (about 50 ms a font)."""
    path = fonts_dir() / KEPT_METRICS
    kept = {key: measure(info.path) for key, info in sorted(bundled_fonts().items()) if info.group is None}
    path.write_text(json.dumps(kept, indent=0, sort_keys=True) + "\n")
    return path


@cache
def metrics(key: str) -> FontMetrics:
    """The metrics of a font by key (cached: fonts are read once per process); "caveat@ja" is the
    font with Han read as Japanese (zh: Simplified Chinese, the default; ko: Korean)."""
    name, _, language = key.partition("@")
    return FontMetrics(bundled_fonts()[name], HAN_BY_LANGUAGE.get(language, "Hans"))


@cache
def letter_height(system: str) -> float | None:
    """How tall the script's letters stand beside a Latin lowercase, in x-heights, as in its
    reference font (the first installed plain font made for it: Hebrew 1.1, Devanagari to its
    headline 1.16, Japanese 1.6); None for scripts measured by their x-height."""
    if system not in BODY_GLYPHS:
        return None
    for info in bundled_fonts().values():
        if system in info.scripts and info.role != "handwriting" and info.installed:
            reference = metrics(info.key)
            body = reference.bodies.get(system)
            return body / reference.x_height if body else None
    return None


def forget() -> None:
    """Forget what was read of the fonts (after fonts were installed, or $CARDGEN_FONTS changed):
    the next call reads fonts.toml, the font folders and their metrics again."""
    for cached in (bundled_fonts, metrics, letter_height):
        cached.cache_clear()


def for_language(key: str, language: str | None) -> str:
    """The font key that reads Han in `language` (ja, zh, ko): "caveat@ja"; the key as it is for
    other languages."""
    name = key.partition("@")[0]
    return f"{name}@{language}" if language in HAN_BY_LANGUAGE else name
