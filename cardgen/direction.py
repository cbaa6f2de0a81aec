"""Right-to-left text: a paragraph's direction, and a line's runs in visual order by the Unicode
bidi algorithm (UAX #9: python-bidi's levels, with the bracket pairs of rule N0 resolved here)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# Bidi paired brackets (BidiBrackets.txt): each opening bracket and its closing one
BRACKETS = dict(zip("([{⁅⁽₍〈《「『【〔〖〘〚（［｛｟｢", ")]}⁆⁾₎〉》」』】〕〗〙〛）］｝｠｣", strict=True))
_CLOSING = {close: open_ for open_, close in BRACKETS.items()}
_STRONG = {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}  # N0: numbers count as R


def rtl_paragraph(text: str, default: bool = False) -> bool:
    """Whether the paragraph reads right to left: its first strong character is (UAX #9 P2, P3);
    `default` for a paragraph with none (digits, punctuation: the letter's direction)."""
    if text.isascii() and any(map(str.isalpha, text)):
        return False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return default


@lru_cache(maxsize=4096)
def visual_runs(line: str, rtl: bool = False) -> tuple[tuple[str, bool], ...]:
    """The line's runs of one direction as they stand from left to right: (text in logical order,
    right to left?). `rtl`: the paragraph's direction. Trailing spaces take the paragraph's level."""
    return tuple((text, run_rtl) for _, text, run_rtl in visual_order((("", line),), rtl))


@lru_cache(maxsize=4096)
def visual_order(pieces: tuple[tuple[str, str], ...], rtl: bool = False) -> tuple[tuple[str, str, bool], ...]:
    """Tagged pieces of a line in logical order ((font, text): the line's runs of one font) cut where
    the direction changes and put in the order they stand from left to right: (tag, text in
    logical order, right to left?)."""
    line = "".join(text for _, text in pieces)
    if not line:
        return ()
    if not rtl and (line.isascii() or not any(unicodedata.bidirectional(c) in ("R", "AL") for c in line)):
        return tuple((tag, text, False) for tag, text in pieces if text)
    levels = _levels(line, rtl)
    segments: list[tuple[int, str, str]] = []  # (level, tag, text) in logical order
    at = 0
    for tag, text in pieces:
        for char in text:
            level = levels[at]
            at += 1
            if segments and segments[-1][:2] == (level, tag):
                segments[-1] = (level, tag, segments[-1][2] + char)
            else:
                segments.append((level, tag, char))
    order = _reordered([level for level, _, _ in segments])
    return tuple((segments[i][1], segments[i][2], segments[i][0] % 2 == 1) for i in order)


def _reordered(levels: Sequence[int]) -> list[int]:
    """UAX #9 L2: the indices of runs at these levels in visual order (from the highest level down to
    the lowest odd one, every sequence of runs at that level or higher reversed)."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels), min(odd, default=max(levels) + 1) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order


def _levels(line: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (UAX #9 up to L1), by python-bidi's
    reference implementation (its functions expose the levels), with rule N0 added."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(line, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    _resolve_brackets(storage["chars"], "R" if rtl else "L")
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels = [c["level"] for c in storage["chars"]]
    end = len(line)  # L1: spaces at the end of the line go back to the paragraph's level
    while end and line[end - 1].isspace():
        end -= 1
        levels[end] = storage["base_level"]
    return levels


def _resolve_brackets(chars: list[dict[str, Any]], paragraph: str) -> None:
    """UAX #9 N0: a bracket pair takes the embedding direction when it encloses a strong character
    of that direction; else the other direction when it encloses one of those and the text before
    it is of that direction too ("(Acme)" in Hebrew stays whole); else it is left to N1 and N2."""
    pairs: list[tuple[int, int]] = []
    openers: list[tuple[str, int]] = []
    for index, char in enumerate(chars):
        if char["type"] != "ON":
            continue
        if char["ch"] in BRACKETS and len(openers) < 63:
            openers.append((BRACKETS[char["ch"]], index))
        elif char["ch"] in _CLOSING:
            for depth in range(len(openers) - 1, -1, -1):
                if openers[depth][0] == char["ch"]:
                    pairs.append((openers[depth][1], index))
                    del openers[depth:]
                    break
    for start, end in sorted(pairs):
        embedding = "R" if chars[start]["level"] % 2 else "L"
        inside = {_STRONG[c["type"]] for c in chars[start + 1 : end] if c["type"] in _STRONG}
        if embedding in inside:
            direction = embedding
        elif inside:
            before = next(
                (_STRONG[c["type"]] for c in reversed(chars[:start]) if c["type"] in _STRONG), paragraph
            )
            direction = before if before != embedding else embedding
        else:
            continue
        chars[start]["type"] = chars[end]["type"] = direction
