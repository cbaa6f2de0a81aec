"""Scripts and directions of text: each character's writing system, a paragraph's direction, a
line's runs in visual order (the Unicode bidi algorithm, UAX #9), and the language Han is read in."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fontTools import unicodedata as ucd

# Writing systems as fonts are listed for them (ISO 15924): Han is read as Japanese, Simplified
# Chinese or Korean by the note's language; kana are Japanese, Hangul Korean.
HAN_BY_LANGUAGE = {"ja": "Jpan", "ko": "Kore", "zh": "Hans"}
_BY_SCRIPT = {"Hira": "Jpan", "Kana": "Jpan", "Hang": "Kore", "Bopo": "Hans"}
NEUTRAL = ""  # common and inherited characters (spaces, digits, punctuation, marks) take their neighbours'
# Scripts drawn character by character from the font's map: every other script (Arabic, Hebrew,
# Devanagari, ...) is shaped, its glyphs chosen and placed by HarfBuzz.
UNSHAPED = frozenset({"Latn", "Grek", "Cyrl", "Zyyy", "Zinh", "Zzzz", "Hani", "Hira", "Kana", "Hang", "Bopo"})
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})


@lru_cache(maxsize=8192)
def script(char: str) -> str:
    """The character's script (ISO 15924: Latn, Arab, Hani, ...; Zyyy common, Zinh inherited)."""
    return str(ucd.script(char))


def writing_system(char: str, han: str = "Hans") -> str:
    """The writing system fonts are chosen by: Jpan for kana, Kore for Hangul, `han` for Han, the
    script for the rest; NEUTRAL for characters of no script of their own."""
    found = script(char)
    if found in ("Zyyy", "Zinh", "Zzzz"):
        return NEUTRAL
    if found == "Hani":
        return han
    return _BY_SCRIPT.get(found, found)


def text_language(text: str) -> str | None:
    """The language Han characters are read in, judged from the text: ja when it has kana, ko when
    it has Hangul, zh when it has Han but neither; None when it has no Han, kana or Hangul."""
    if text.isascii():
        return None
    found = {script(c) for c in text if ord(c) >= 0x1100}
    if found & {"Hira", "Kana"}:
        return "ja"
    if "Hang" in found:
        return "ko"
    return "zh" if "Hani" in found or "Bopo" in found else None


@lru_cache(maxsize=256)
def dominant_system(text: str, han: str = "Hans") -> str:
    """The writing system most of the text's letters are in (NEUTRAL for text without letters)."""
    if text.isascii():
        return "Latn" if any(map(str.isalpha, text)) else NEUTRAL
    counts: dict[str, int] = {}
    for char in text:
        if not char.isascii() or char.isalpha():
            system = writing_system(char, han)
            if system:
                counts[system] = counts.get(system, 0) + 1
    return max(counts, key=lambda s: (counts[s], s)) if counts else NEUTRAL


CELL_SYSTEMS = frozenset({"Jpan", "Hans", "Kore"})  # written in square cells


def is_cjk(char: str) -> bool:
    """Whether the character is Han, kana, Hangul or Bopomofo (written in square cells)."""
    return script(char) in CJK_SCRIPTS


def needs_shaping(text: str) -> bool:
    """Whether the text has characters of a script that must be shaped (joined, reordered)."""
    return not text.isascii() and any(script(c) not in UNSHAPED for c in text)


def is_rtl(char: str) -> bool:
    """Whether the character is a strong right-to-left one (Hebrew, Arabic, ...)."""
    return unicodedata.bidirectional(char) in ("R", "AL")


def rtl_paragraph(text: str) -> bool:
    """Whether the paragraph reads right to left: its first strong character is (UAX #9 P2, P3)."""
    if text.isascii():
        return False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


@lru_cache(maxsize=4096)
def visual_runs(line: str, rtl: bool = False) -> tuple[tuple[str, bool], ...]:
    """The line's runs of one direction as they stand from left to right: (text in logical order,
    right to left?). `rtl`: the paragraph's direction. Trailing spaces take the paragraph's level."""
    if not line:
        return ()
    if line.isascii() and not rtl:
        return ((line, False),)
    levels = _levels(line, rtl)
    runs: list[tuple[int, str]] = []  # (level, text) in logical order
    for char, level in zip(line, levels, strict=True):
        if runs and runs[-1][0] == level:
            runs[-1] = (level, runs[-1][1] + char)
        else:
            runs.append((level, char))
    order = list(range(len(runs)))
    # UAX #9 L2: from the highest level down to the lowest odd one, reverse every sequence of runs
    # at that level or higher.
    highest, lowest_odd = max(r[0] for r in runs), min((r[0] for r in runs if r[0] % 2), default=None)
    if lowest_odd is not None:
        for level in range(highest, lowest_odd - 1, -1):
            i = 0
            while i < len(order):
                if runs[order[i]][0] >= level:
                    j = i
                    while j < len(order) and runs[order[j]][0] >= level:
                        j += 1
                    order[i:j] = reversed(order[i:j])
                    i = j
                else:
                    i += 1
    return tuple((runs[i][1], runs[i][0] % 2 == 1) for i in order)


def _levels(line: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (UAX #9 up to L1), by python-bidi."""
    from bidi import algorithm  # the package's reference implementation exposes the levels

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(line, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels = [c["level"] for c in storage["chars"]]
    # L1: spaces at the end of the line go back to the paragraph's level
    end = len(line)
    while end and line[end - 1].isspace():
        end -= 1
        levels[end] = storage["base_level"]
    return levels
