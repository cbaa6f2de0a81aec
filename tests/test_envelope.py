"""The envelope: exact sizes, country formats post-processed per PRINT_RULES 18–19, postal zones."""

from pathlib import Path

import pytest

from cardgen import catalog
from cardgen.address import address_lines
from cardgen.build import make_kit
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.model import Address
from cardgen.scene import Text
from tests.conftest import note_with

IN = 72.0


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("a2", (414, 315)),
        ("a7", (522, 378)),
        ("no10", (684, 297)),
        ("c6", (459.2126, 323.1496)),
        ("dl", (623.622, 311.811)),
    ],
)
def test_envelope_page_is_the_envelope_long_side_horizontal(tmp_path: Path, name: str, size: tuple) -> None:
    page = make_kit(note_with(tmp_path, {"envelope.format": name})).envelope.pages[0]
    assert (page.width, page.height) == pytest.approx(size, abs=0.01)


@pytest.mark.parametrize("name", ["a2", "a7", "no10"])
def test_us_delivery_address_in_read_area_clear_of_barcode_and_stamp(tmp_path: Path, name: str) -> None:
    kit = make_kit(note_with(tmp_path, {"envelope.format": name}))
    page = kit.envelope.pages[0]
    font = metrics("noto-sans")
    lines = [t for t in page.items if isinstance(t, Text) and t.role == "delivery-address"]
    left = min(t.x for t in lines)
    right = max(t.x + font.width(t.text, t.size) for t in lines)
    top = min(t.y - font.cap_height * t.size for t in lines)
    bottom = max(t.y + font.descent * t.size for t in lines)
    assert left >= 0.5 * IN and right <= page.width - 0.5 * IN
    assert page.height - bottom >= 0.625 * IN  # so also clear of the barcode zone
    assert page.height - top <= 2.75 * IN
    assert not (right > page.width - 1.5 * IN and top < 1.25 * IN), "in the stamp area"
    assert all(font.cap_height * t.size >= 0.080 * IN for t in lines)
    returns = [t for t in page.items if isinstance(t, Text) and t.role == "return-address"]
    assert returns and max(t.size for t in returns) <= min(t.size for t in lines)
    assert kit.warnings == ()


def addr(country: str, **fields: str) -> Address:
    return Address(name="Sam Lee", country=country, **fields)


CASES = [
    (
        addr("US", street="400 Market Street", city="San Francisco", region="CA", postal_code="94105"),
        "US",
        "SAN FRANCISCO CA 94105",
    ),
    (
        addr("US", street="1 Main St", city="Austin", region="TX", postal_code="78701-1234"),
        "GB",
        "UNITED STATES",
    ),
    (
        addr("CA", street="1 Rue Peel", city="Montreal", region="QC", postal_code="h3a1b2"),
        "CA",
        "MONTREAL QC H3A 1B2",
    ),
    (addr("GB", street="10 Downing St", city="London", postal_code="SW1A 2AA"), "GB", "SW1A 2AA"),
    (addr("DE", street="Hauptstr. 5", city="Berlin", postal_code="10115"), "DE", "10115 BERLIN"),
    (addr("FR", street="5 Rue de Rivoli", city="Paris", postal_code="75001"), "US", "FRANCE"),
    (
        addr("JP", street="1-2-3 Chiyoda", city="Chiyoda-ku", region="Tokyo", postal_code="100-0001"),
        "US",
        "JAPAN",
    ),
    (
        addr("BR", street="Av. Paulista, 1000", city="São Paulo", region="SP", postal_code="01310-100"),
        "BR",
        "01310-100",
    ),
    (
        addr("AU", street="1 George St", city="Sydney", region="NSW", postal_code="2000"),
        "AU",
        "SYDNEY NSW 2000",
    ),
    (
        addr("IN", street="12 MG Road", city="Bengaluru", region="Karnataka", postal_code="560001"),
        "US",
        "INDIA",
    ),
    (addr("PL", street="ul. Długa 5", city="Gdańsk", postal_code="80-827"), "PL", "80-827 GDAŃSK"),
]


@pytest.mark.parametrize(
    ("address", "posted_in", "last"), CASES, ids=[c[0].country + "-from-" + c[1] for c in CASES]
)
def test_last_lines_domestic_and_international(address: Address, posted_in: str, last: str) -> None:
    lines = address_lines(address, posted_in, key="recipient", upper=True)
    assert lines[-1] == last
    assert lines[0] == "SAM LEE"
    if address.country == posted_in:
        assert catalog is not None and all(line != "UNITED STATES" for line in lines)


def test_japanese_address_in_latin_letters_stays_latin() -> None:
    address = addr("JP", street="1-2-3 Chiyoda", city="Chiyoda-ku", region="Tokyo", postal_code="100-0001")
    assert all(ch.isascii() for line in address_lines(address, "US", key="r", upper=True) for ch in line)


def test_unknown_country_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(InputError, match=r"recipient\.country: unknown country code 'QQ'"):
        address_lines(addr("QQ"), "US", key="recipient", upper=True)


def test_long_lines_and_bad_postal_codes_are_warned(tmp_path: Path) -> None:
    kit = make_kit(
        note_with(
            tmp_path,
            {
                "recipient.street": "4000 Extraordinarily Long Boulevard Northwest",
                "recipient.postal_code": "9410",
            },
        )
    )
    assert any("has 45 characters; postal scanners read at most 40" in w for w in kit.warnings)
    assert any(w == "recipient.postal_code: invalid for US addresses" for w in kit.warnings)
