"""Addresses in their country's own script: whether one is written in it, when its country's local
format is used, that format's fixes, and the courtesy word after the addressee (JP 様, KR 귀하)."""

from __future__ import annotations

from functools import cache

from cardgen.model import Address
from cardgen.scripts import script

# [envelope] address_format: auto (the local format for domestic mail written in the country's
# script, else the Latin one), local (always the country's own), latin (always the Latin one).
MODES = ("auto", "local", "latin")

# The character scripts (ISO 15924, as fontTools names them) that CLDR's script codes stand for.
_LETTERS = {
    "Jpan": ("Hani", "Hira", "Kana"),
    "Kore": ("Hang", "Hani"),
    "Hans": ("Hani", "Bopo"),
    "Hant": ("Hani", "Bopo"),
}

# The language Han is read in by country: the forms its font draws (cardgen.fonts.for_language).
HAN_LANGUAGE = {
    "JP": "ja",
    "KR": "ko",
    "KP": "ko",
    "CN": "zh",
    "TW": "zh",
    "HK": "zh",
    "MO": "zh",
    "SG": "zh",
}

# The courtesy word written after the addressee in the local format: (after a person's name, after
# an organisation's when no person is named). Japanese 様 / 御中, Korean 귀하 / 귀중, Chinese 收.
HONORIFICS = {
    "JP": ("様", "御中"),
    "KR": ("귀하", "귀중"),
    "KP": ("귀하", "귀중"),
    "CN": ("收", "收"),
    "TW": ("收", "收"),
    "HK": ("收", "收"),
    "MO": ("收", "收"),
}
# Courtesy words people write themselves: after one of these none is added.
WRITTEN_HONORIFICS = (
    *("様", "さま", "殿", "御中", "先生", "宛", "行"),
    *("귀하", "귀중", "님", "앞", "께"),
    *("收", "启", "啟", "收启", "收啟", "親啟", "亲启"),
)

# Google's local formats fixed: (what the library has, what is printed instead).
LOCAL_FIXES = {
    # Japan's local format has no city: the city or ward (市区町村) follows the prefecture, as written.
    "JP": ("%S%n%A", "%S%C%n%A"),
}


@cache
def country_scripts(country: str) -> frozenset[str]:
    """The scripts other than Latin that the country's official languages are written in (CLDR's
    likely scripts: Hani, Hira and Kana for JP, Hang and Hani for KR, Hebr and Arab for IL, …)."""
    from babel.core import get_global
    from babel.languages import get_official_languages

    likely = get_global("likely_subtags")
    found: set[str] = set()
    for language in get_official_languages(country, de_facto=True):
        parts = language.split("_")
        written = [p for p in parts[1:] if len(p) == 4]  # sr_Latn, zh_Hant name their script
        if not written:
            written = [p for p in str(likely.get(parts[0], "")).split("_")[1:] if len(p) == 4]
        for code in written:
            found.update(_LETTERS.get(code, (code,)))
    found.discard("Latn")
    return frozenset(found)


def written_locally(address: Address, country: str) -> bool:
    """Whether the address is written in its country's own script: more than half the letters of
    its place (street, city and region; of its name and company when those have none) are."""
    local = country_scripts(country)
    if not local:
        return False
    for text in (address.street + address.city + address.region, address.name + address.company):
        letters = [c for c in text if c.isalpha() and script(c) not in ("Zyyy", "Zinh")]
        if letters:
            return 2 * sum(script(c) in local for c in letters) > len(letters)
    return False


def uses_local_format(address: Address, country: str, from_country: str, mode: str = "auto") -> bool:
    """Whether the address (in `country`, posted in `from_country`) is printed in its country's
    local format: always (`mode` local), never (latin), or (auto) for domestic mail written in the
    country's own script."""
    if mode == "local":
        return True
    return mode == "auto" and country == from_country and written_locally(address, country)


def with_honorific(name: str, company: str, country: str) -> tuple[str, str]:
    """The name (or, when no person is named, the company) with its country's courtesy word after
    it, unless the user wrote one already; both as they are where the country has none."""
    words = HONORIFICS.get(country)
    if not words:
        return name, company
    person, organisation = words
    if name:
        return (name if name.endswith(WRITTEN_HONORIFICS) else f"{name} {person}"), company
    if company and not company.endswith(WRITTEN_HONORIFICS):
        return name, f"{company} {organisation}"
    return name, company


def upper_latin(text: str) -> str:
    """Latin letters in capitals, as postal services prefer; other scripts as written (capital
    Greek loses its accents, Cyrillic addresses are written in both cases)."""
    if text.isascii():
        return text.upper()
    return "".join(c.upper() if script(c) == "Latn" else c for c in text)
