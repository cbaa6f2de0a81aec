"""Scripts and directions of text: each character's writing system, a paragraph's direction, a
line's runs in visual order (the Unicode bidi algorithm, UAX #9), and the language Han is read in."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fontTools import unicodedata as ucd

# Writing systems as fonts are listed for them (ISO 15924): Han is read as Japanese, Simplified
# Chinese or Korean by the note's language; kana are Japanese, Hangul Korean.
HAN_BY_LANGUAGE = {"ja": "Jpan", "ko": "Kore", "zh": "Hans"}
HAN_LANGUAGES = {"ja": "Japanese", "zh": "Chinese", "ko": "Korean"}  # by their codes, as said to people
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


CELL_SYSTEMS = frozenset({"Jpan", "Hans"})  # a note's guide: squared lines (Korean: lines, as it has spaces)


def unspaced(char: str) -> bool:
    """Whether the character is Han, kana or Bopomofo: Chinese and Japanese are written without
    spaces between words (Korean has them)."""
    return script(char) in _UNSPACED


_UNSPACED = frozenset({"Hani", "Hira", "Kana", "Bopo"})


def is_cjk(char: str) -> bool:
    """Whether the character is Han, kana, Hangul or Bopomofo (written in square cells)."""
    return script(char) in CJK_SCRIPTS


def needs_shaping(text: str) -> bool:
    """Whether the text has characters of a script that must be shaped (joined, reordered)."""
    return not text.isascii() and any(script(c) not in UNSHAPED for c in text)


def is_rtl(char: str) -> bool:
    """Whether the character is a strong right-to-left one (Hebrew, Arabic, ...)."""
    return unicodedata.bidirectional(char) in ("R", "AL")
