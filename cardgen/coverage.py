"""Glyph coverage and stray characters: every text checked against the font it will be set in."""

from __future__ import annotations

import unicodedata

from cardgen.errors import Finding, InputError
from cardgen.fonts import FALLBACK_FONT, metrics


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
    text = text.replace("\t", " ")
    if text.replace("\n", "").isprintable():  # no control or format characters (the usual case)
        return text, []
    strays = sorted({c for c in text if is_stray(c)})
    if not strays:
        return text, []
    cleaned = "".join(c for c in text if not is_stray(c))
    listed = ", ".join(f"U+{ord(c):04X}" for c in strays)
    return cleaned, [Finding(f"removed invisible control characters {listed}", where)]


def check_coverage(text: str, font: str, where: str) -> list[Finding]:
    """Warnings for characters drawn from the fallback font; an InputError, before anything is
    drawn, for right-to-left text and for characters no bundled font has."""
    face = metrics(font)
    if face.covers(text.replace("\n", "")):
        return []
    fallback = metrics(FALLBACK_FONT)
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for char in line:
            if unicodedata.bidirectional(char) in ("R", "AL"):
                raise InputError(
                    f"line {number}: right-to-left text such as {describe(char)} is not supported "
                    "yet; write that part by hand",
                    key=where,
                )
            if not (face.has(char) or fallback.has(char)) and not char.isspace():
                raise InputError(
                    f"line {number}: no bundled font can draw {describe(char)}; remove it or "
                    "write it by hand on the card",
                    key=where,
                )
    borrowed = [c for c in dict.fromkeys(text) if not c.isspace() and not face.has(c)]
    if not borrowed:
        return []
    listed = ", ".join(describe(c) for c in borrowed[:4])
    if len(borrowed) > 4:
        listed += f" and {len(borrowed) - 4} more"
    return [Finding(f"{font} has no glyph for {listed}; drawn in Noto Sans instead", where)]
