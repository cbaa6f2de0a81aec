"""Glyph coverage and stray characters: every text checked against the font it will be set in."""

from __future__ import annotations

import unicodedata

from cardgen.errors import Finding, InputError
from cardgen.fonts import FontMetrics, bundled_fonts, metrics
from cardgen.fontstore import needs_fonts_error
from cardgen.scripts import writing_system


def some(items: list[str], most: int = 8, between: str = " ") -> str:
    """The first `most` items joined, and how many more: 'ا ل أ and 20 more'."""
    shown = between.join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def describe(char: str) -> str:
    """'é (U+00E9 LATIN SMALL LETTER E WITH ACUTE)'."""
    name = unicodedata.name(char, "unnamed character")
    return f"{char} (U+{ord(char):04X} {name})"


def is_stray(char: str) -> bool:
    """Control and format characters (bell, zero-width space, …): never meant to be printed."""
    return unicodedata.category(char) in ("Cc", "Cf") and char not in "\n"


def clean_message(text: str, where: str) -> tuple[str, list[Finding]]:
    """The text without stray control/format characters (tabs become spaces), and a warning for each
    kind removed."""
    text = unicodedata.normalize("NFC", text.replace("\t", " "))  # か + ゙ is が: one letter, one cell
    if text.replace("\n", "").isprintable():  # no control or format characters (the usual case)
        return text, []
    strays = sorted({c for c in text if is_stray(c)})
    if not strays:
        return text, []
    cleaned = "".join(c for c in text if not is_stray(c))
    listed = ", ".join(f"U+{ord(c):04X}" for c in strays)
    return cleaned, [Finding(f"removed invisible control characters {listed}", where)]


def check_coverage(text: str, font: str, where: str) -> list[Finding]:
    """Warnings for characters drawn from a font not made for their script (a plain font in
    handwriting, Noto Sans for a letter the font lacks); an InputError, before anything is drawn, for
    characters no installed font has (naming the optional fonts that would draw them)."""
    face = metrics(font)
    body = text.replace("\n", "")
    if face.covers(body) and (body.isascii() or face.made_for(body)):
        return []
    borrowed: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for key, run in face.runs(line):
            used = metrics(key)
            for char in run:
                if char.isspace():
                    continue
                if not used.has(char):
                    group = optional_group_for(char, face.han)
                    if group is not None:
                        needed = needs_fonts_error(group).problem
                        raise InputError(f"line {number}: {describe(char)}: {needed}", key=where)
                    raise InputError(
                        f"line {number}: no font can draw {describe(char)}; remove it or write it by hand",
                        key=where,
                    )
                if key != face.key and _stands_in(face, used, char):
                    borrowed.setdefault(char, key)
    if not borrowed:
        return []
    listed = some([describe(c) for c in borrowed], 4, ", ")
    drawn_in = ", ".join(dict.fromkeys(bundled_fonts()[k].label.split(" (")[0] for k in borrowed.values()))
    return [Finding(f"{face.key} has no glyph for {listed}; drawn in {drawn_in} instead", where)]


def _stands_in(face: FontMetrics, used: FontMetrics, char: str) -> bool:
    """Whether a letter drawn in `used` instead of `face` is drawn in a font not meant for it: one
    of the font's own script it lacks, or a font not of its kind (handwriting or plain) or not made
    for the letter's script. Punctuation and spaces never are."""
    if not writing_system(char, face.han):
        return False
    return face.made_for(char) or not used.made_for(char, face.han) or used.handwriting != face.handwriting


def optional_group_for(char: str, han: str) -> str | None:
    """The optional font group (ja, zh, ko) whose fonts, not installed, are made for the
    character's writing system, or None."""
    system = writing_system(char, han)
    for info in bundled_fonts().values():
        if info.group and not info.installed and system in info.scripts:
            return info.group
    return None
