"""The envelope: exact sizes, country formats post-processed per PRINT_RULES 18–19, postal zones."""

from pathlib import Path

import pytest

from cardgen import catalog
from cardgen.address import address_lines
from cardgen.errors import InputError
from cardgen.fonts import metrics
from cardgen.kit import make_kit
from cardgen.model import Address
from cardgen.scene import Text
from tests.conftest import note_with

IN = 72.0
MM = 72 / 25.4


# Every catalogued envelope, long side first, in points: inches × 72, millimetres × 72 / 25.4.
ENVELOPE_SIZES = [
    ("a2", (414, 315)),
    ("a7", (522, 378)),
    ("no10", (684, 297)),
    ("c6", (459.2126, 323.1496)),
    ("dl", (623.622, 311.811)),
    ("a1", (369, 261)),
    ("a6", (468, 342)),
    ("a8", (585, 396)),
    ("a9", (630, 414)),
    ("a10", (684, 432)),
    ("no9", (639, 279)),
    ("no6-3-4", (468, 261)),
    ("monarch", (540, 279)),
    ("slimline", (639, 279)),
    ("c5", (649.1339, 459.2126)),
    ("c6-5", (649.1339, 323.1496)),
    ("b6", (498.8976, 354.3307)),
]


@pytest.mark.parametrize(("name", "size"), ENVELOPE_SIZES)
def test_envelope_page_is_the_envelope_long_side_horizontal(tmp_path: Path, name: str, size: tuple) -> None:
    page = make_kit(note_with(tmp_path, {"envelope.format": name})).envelope.pages[0]
    assert (page.width, page.height) == pytest.approx(size, abs=0.01)


def test_every_catalogued_envelope_is_covered() -> None:
    assert sorted(name for name, _ in ENVELOPE_SIZES) == sorted(catalog.envelopes())


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
    assert not [w for w in kit.warnings if w.startswith("envelope:")], "no postal warnings"


def addr(country: str, **fields: str) -> Address:
    return Address(name="Sam Lee", country=country, **fields)


MATRIX = [
    (
        addr("US", street="400 Market Street", city="San Francisco", region="CA", postal_code="94105"),
        ["400 MARKET STREET", "SAN FRANCISCO CA 94105"],
        "UNITED STATES",
        "VEREINIGTE STAATEN",
    ),
    (
        addr("CA", street="1 Rue Peel", city="Montreal", region="QC", postal_code="h3a1b2"),
        ["1 RUE PEEL", "MONTREAL QC H3A 1B2"],
        "CANADA",
        "KANADA",
    ),
    (
        addr("GB", street="10 Downing St", city="London", postal_code="SW1A 2AA"),
        ["10 DOWNING ST", "LONDON", "SW1A 2AA"],
        "UNITED KINGDOM",
        "VEREINIGTES KÖNIGREICH",
    ),
    (
        addr("DE", street="Hauptstr. 5", city="Berlin", postal_code="10115"),
        ["HAUPTSTR. 5", "10115 BERLIN"],
        "GERMANY",
        "DEUTSCHLAND",
    ),
    (
        addr("FR", street="5 Rue de Rivoli", city="Paris", postal_code="75001"),
        ["5 RUE DE RIVOLI", "75001 PARIS"],
        "FRANCE",
        "FRANKREICH",
    ),
    (
        addr("JP", street="1-2-3 Chiyoda, Chiyoda-ku", region="Tokyo", postal_code="100-0001"),
        ["1-2-3 CHIYODA, CHIYODA-KU, TOKYO", "100-0001"],
        "JAPAN",
        "JAPAN",
    ),
    (
        addr("BR", street="Av. Paulista, 1000", city="São Paulo", region="SP", postal_code="01310-100"),
        ["AV. PAULISTA, 1000", "SÃO PAULO-SP", "01310-100"],
        "BRAZIL",
        "BRASILIEN",
    ),
    (
        addr("AU", street="1 George St", city="Sydney", region="NSW", postal_code="2000"),
        ["1 GEORGE ST", "SYDNEY NSW 2000"],
        "AUSTRALIA",
        "AUSTRALIEN",
    ),
    (
        addr("IN", street="12 MG Road", city="Bengaluru", region="Karnataka", postal_code="560001"),
        ["12 MG ROAD", "BENGALURU 560001", "KARNATAKA"],
        "INDIA",
        "INDIEN",
    ),
    (
        addr("PL", street="ul. Długa 5", city="Gdańsk", postal_code="80-827"),
        ["UL. DŁUGA 5", "80-827 GDAŃSK"],
        "POLAND",
        "POLEN",
    ),
]


@pytest.mark.parametrize(
    ("address", "domestic", "english", "german"), MATRIX, ids=[m[0].country for m in MATRIX]
)
def test_domestic_and_international_last_lines(
    address: Address, domestic: list[str], english: str, german: str
) -> None:
    home = address_lines(address, address.country, key="recipient", upper=True)
    assert home == ["SAM LEE", *domestic], "domestic mail: no country line"
    abroad = "GB" if address.country == "US" else "US"
    assert address_lines(address, abroad, key="recipient", upper=True) == ["SAM LEE", *domestic, english]
    in_german = address_lines(address, abroad, key="recipient", upper=True, language="de")
    assert in_german[-1] == german, "the country line in the sender's language"


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
    assert "recipient.postal_code: not valid for US (e.g. 95014)" in kit.warnings


US_ENVELOPES = ["a1", "a2", "a6", "a7", "a8", "a9", "a10", "no10", "no9", "no6-3-4", "monarch", "slimline"]


def delivery_box(page, font_key: str = "noto-sans") -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    font = metrics(font_key)
    lines = [t for t in page.items if isinstance(t, Text) and t.role == "delivery-address"]
    left = min(t.x for t in lines)
    right = max(t.x + metrics(t.font).width(t.text, t.size) for t in lines)
    top = min(t.y - font.cap_height * t.size for t in lines)
    bottom = max(t.y + font.descent * t.size for t in lines)
    return left, top, right, bottom


@pytest.mark.parametrize("name", US_ENVELOPES)
def test_every_us_envelope_keeps_the_address_in_the_read_area(tmp_path: Path, name: str) -> None:
    page = make_kit(note_with(tmp_path, {"envelope.format": name})).envelope.pages[0]
    left, top, right, bottom = delivery_box(page)
    assert left >= 0.5 * IN and right <= page.width - 0.5 * IN
    assert page.height - bottom >= 0.625 * IN and page.height - top <= 2.75 * IN
    assert not (right > page.width - 1.5 * IN and top < 1.25 * IN)


def test_long_envelopes_take_the_address_in_the_standard_position(tmp_path: Path) -> None:
    page = make_kit(note_with(tmp_path, {"envelope.format": "no10"})).envelope.pages[0]
    left, _, _, _ = delivery_box(page)
    assert left == pytest.approx(0.42 * 9.5 * IN)


def test_square_custom_envelope_is_warned_as_not_machinable(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"envelope.format": "custom", "envelope.size": ["6in", "6in"]}))
    assert (kit.envelope.pages[0].width, kit.envelope.pages[0].height) == (432, 432)
    assert any("6 × 6 in is not machinable for US mail" in w and "surcharge" in w for w in kit.warnings)


def test_german_clearances(tmp_path: Path) -> None:
    german = {
        "recipient.country": "DE",
        "recipient.city": "Berlin",
        "recipient.postal_code": "10115",
        "recipient.region": None,
        "recipient.street": "Hauptstr. 5",
        "sender.country": "DE",
    }
    ok = make_kit(note_with(tmp_path, {**german, "envelope.format": "c6"}))
    left, top, right, bottom = delivery_box(ok.envelope.pages[0])
    page = ok.envelope.pages[0]
    assert (
        left >= 15 * MM
        and right <= page.width - 15 * MM
        and bottom <= page.height - 15 * MM
        and top >= 40 * MM
    )
    assert not [w for w in ok.warnings if "Deutsche Post" in w]
    small = make_kit(
        note_with(
            tmp_path,
            {**german, "envelope.format": "a1", "card.format": "custom", "card.size": ["3.25in", "4.5in"]},
        )
    )
    assert any("Deutsche Post wants the address at least 15 mm" in w for w in small.warnings)


def test_return_address_on_the_back_flap_is_its_own_page(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"envelope.return_address": "back"}))
    front, back = kit.envelope.pages
    assert not [t for t in front.items if isinstance(t, Text) and t.role == "return-address"]
    returns = [t for t in back.items if isinstance(t, Text) and t.role == "return-address"]
    assert [t.text for t in returns] == ["ALEX MORGAN", "12 ELM STREET", "SPRINGFIELD IL 62701"]
    assert max(t.y for t in returns) < back.height / 3, "on the flap"


def test_handwriting_style_sets_the_address_in_the_handwriting_font_tall_enough(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, {"envelope.style": "handwriting"}))
    lines = [t for t in kit.envelope.pages[0].items if isinstance(t, Text) and t.role == "delivery-address"]
    assert {t.font for t in lines} == {"caveat"}
    assert all(metrics("caveat").cap_height * t.size >= 0.1 * IN - 1e-9 for t in lines)
    assert lines[0].text == "Dana Rivera", "the writer's case is kept unless uppercase = true"


@pytest.mark.parametrize(
    ("feed", "face", "rotate", "expected_x"),
    [
        ("left", "up", 0, 0.0),
        ("right", "up", 0, 612 - 414),
        ("center", "up", 0, (612 - 414) / 2),
        ("left", "down", 0, 612 - 414),
        ("left", "up", 90, 0.0),
        ("right", "up", 90, 612 - 315),
    ],
)
def test_carrier_sheet_places_the_envelope_as_the_printer_feeds_it(
    tmp_path: Path, feed: str, face: str, rotate: int, expected_x: float
) -> None:
    from cardgen.scene import Group, apply

    kit = make_kit(
        note_with(tmp_path, {"envelope.feed": feed, "envelope.face": face, "envelope.feed_rotate": rotate})
    )
    (page,) = kit.envelope.pages
    assert (page.width, page.height) == (612, 792)
    (group,) = page.items
    assert isinstance(group, Group)
    corners = [apply(group.transform, x, y) for x in (0, 414) for y in (0, 315)]
    assert min(x for x, _ in corners) == pytest.approx(expected_x)
    assert min(y for _, y in corners) == pytest.approx(0), "the leading edge at the top of the sheet"


def test_a_wide_envelope_on_a_carrier_must_be_turned(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="set feed_rotate = 90 or 270"):
        make_kit(note_with(tmp_path, {"envelope.format": "no10", "envelope.feed": "left"}))


@pytest.mark.parametrize("align", ["centered", "left"])
@pytest.mark.parametrize("name", ["a2", "a7", "no10"])
def test_hand_addressing_guide_lines_lie_in_the_read_area(tmp_path: Path, name: str, align: str) -> None:
    from cardgen.scene import Group, Line, apply

    kit = make_kit(
        note_with(
            tmp_path, {"envelope.format": name, "envelope.address": "guide", "envelope.guide_align": align}
        )
    )
    (page,) = kit.envelope.pages
    (slip,) = [i for i in page.items if isinstance(i, Group)]
    env = catalog.envelopes()[name]
    writing = [i for i in slip.items if isinstance(i, Line) and i.width == 1.2]
    assert len(writing) == 6
    for line in writing:  # in envelope coordinates
        assert 0.5 * IN <= line.x1 < line.x2 <= env.width - 0.5 * IN
        assert 0.625 * IN <= env.height - line.y1 <= 2.75 * IN
    if align == "centered":
        assert {round(line.x1 + line.x2, 3) for line in writing} == {round(env.width, 3)}
    copy = [t for t in slip.items if isinstance(t, Text) and t.role == "delivery-address"]
    assert copy[0].text == "Dana Rivera" and copy[0].font == "caveat"
    # the slip is the envelope less 1/8 in each side, at 1:1 on the sheet
    from cardgen.scene import Rect

    outline = next(i for i in page.items if isinstance(i, Rect) and i.fill is None)
    assert (outline.w, outline.h) == pytest.approx((env.width - 18, env.height - 18))
    ox, oy = apply(slip.transform, 9, 9)
    assert (ox, oy) == pytest.approx((outline.x, outline.y))


def test_country_mistakes_get_suggestions(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"'UK'; did you mean 'GB'\?$"):
        address_lines(addr("UK"), "US", key="recipient", upper=True)
    with pytest.raises(InputError, match=r"did you mean 'DE' \(Germany\)\?"):
        note_with(tmp_path, {"recipient.country": "Germany"})


def test_a_field_the_format_has_no_place_for_is_kept_on_its_own_line_and_warned() -> None:
    from cardgen.address import address_warnings

    address = addr(
        "GB", street="10 Downing St", city="London", region="Greater London", postal_code="SW1A 2AA"
    )
    # Royal Mail's place for a county: after the post town, before the postcode
    assert address_lines(address, "GB", key="recipient", upper=True) == [
        "SAM LEE",
        "10 DOWNING ST",
        "LONDON",
        "GREATER LONDON",
        "SW1A 2AA",
    ]
    assert address_warnings(address, key="recipient") == [
        "recipient.region: GB addresses have no place for a region; 'Greater London' is printed on a "
        "line of its own: remove it unless the post needs it"
    ]


def test_a_japanese_ward_in_city_goes_between_the_block_and_the_prefecture() -> None:
    from cardgen.address import address_warnings

    address = addr("JP", street="1-2-3 Chiyoda", city="Chiyoda-ku", region="Tokyo", postal_code="100-0001")
    assert address_lines(address, "US", key="recipient", upper=True) == [
        "SAM LEE",
        "1-2-3 CHIYODA, CHIYODA-KU, TOKYO",
        "100-0001",
        "JAPAN",
    ]
    assert address_warnings(address, key="recipient") == [], "mapped, not dropped: nothing to warn"
    twice = addr("JP", street="1-2-3 Chiyoda, Chiyoda-ku", city="Chiyoda-ku", region="Tokyo")
    assert address_lines(twice, "JP", key="recipient", upper=True)[1] == "1-2-3 CHIYODA, CHIYODA-KU, TOKYO"
    # a line that would be over 40 characters is broken at its commas
    long = addr(
        "JP", street="Shibuya Scramble Square 20F, 2-24-12 Shibuya", city="Shibuya-ku", region="Tokyo"
    )
    assert address_lines(long, "JP", key="recipient", upper=True) == [
        "SAM LEE",
        "SHIBUYA SCRAMBLE SQUARE 20F",
        "2-24-12 SHIBUYA, SHIBUYA-KU, TOKYO",
    ]


POSTAL_CODES = {
    "US": "94105",
    "CA": "H3A 1B2",
    "GB": "SW1A 2AA",
    "DE": "10115",
    "FR": "75001",
    "JP": "100-0001",
    "BR": "01310-100",
    "AU": "2000",
    "IN": "560001",
    "PL": "80-827",
    "SE": "111 22",
    "CN": "100000",
    "KR": "03000",
    "ES": "28001",
    "IT": "00100",
    "NL": "1012 AB",
    "CH": "8001",
}


@pytest.mark.parametrize("country", sorted(POSTAL_CODES))
@pytest.mark.parametrize("upper", [True, False])
def test_every_field_the_user_wrote_is_on_the_envelope(country: str, upper: bool) -> None:
    written = {
        "name": "Marie Dubois",
        "title": "Data Scientist",
        "company": "Northwind",
        "street": "5 Example Street\nBuilding 2",
        "city": "Townsville",
        "region": "Shireland",
        "postal_code": POSTAL_CODES[country],
    }
    lines = address_lines(Address(**written, country=country), "US", key="recipient", upper=upper)
    printed = "\n".join(lines)
    for key, value in written.items():
        for part in value.split("\n"):
            assert (part.upper() if upper else part) in printed, f"{country}: {key} '{part}' vanished"
    assert all(len(line) <= 40 for line in lines)


def person(company: str, street: str, city: str, region: str, postal_code: str, country: str) -> Address:
    return Address("Marie Dubois", "Data Scientist", company, street, city, region, postal_code, country)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            person("Northwind France", "5 Rue de Rivoli", "Paris", "", "75001", "FR"),
            ["NORTHWIND FRANCE", "MARIE DUBOIS", "DATA SCIENTIST", "5 RUE DE RIVOLI", "75001 PARIS"],
        ),
        (
            person("Northwind Brasil", "Av. Paulista, 1000", "São Paulo", "SP", "01310-100", "BR"),
            [
                "NORTHWIND BRASIL",
                "MARIE DUBOIS",
                "DATA SCIENTIST",
                "AV. PAULISTA, 1000",
                "SÃO PAULO-SP",
                "01310-100",
            ],
        ),
        (
            person("Northwind Sverige", "Drottninggatan 1", "Stockholm", "", "111 51", "SE"),
            [
                "NORTHWIND SVERIGE",
                "MARIE DUBOIS",
                "DATA SCIENTIST",
                "DROTTNINGGATAN 1",
                "SE-111 51 STOCKHOLM",
            ],
        ),
        (
            person("Northwind Australia", "1 George St", "Sydney", "NSW", "2000", "AU"),
            ["NORTHWIND AUSTRALIA", "MARIE DUBOIS", "DATA SCIENTIST", "1 GEORGE ST", "SYDNEY NSW 2000"],
        ),
        (
            person("Northwind Labs", "400 Market St", "San Francisco", "CA", "94105", "US"),
            ["MARIE DUBOIS", "DATA SCIENTIST", "NORTHWIND LABS", "400 MARKET ST", "SAN FRANCISCO CA 94105"],
        ),
    ],
    ids=["FR", "BR", "SE", "AU", "US"],
)
def test_the_title_goes_with_the_person_on_the_line_after_the_name(
    address: Address, expected: list[str]
) -> None:
    assert address_lines(address, address.country, key="recipient", upper=True) == expected


def test_a_long_name_and_title_stay_within_40_characters_a_line(tmp_path: Path) -> None:
    kit = make_kit(
        note_with(
            tmp_path,
            {
                "recipient.name": "Alexandra Montgomery-Whitfield",
                "recipient.title": "Senior Engineering Manager",
            },
        )
    )
    delivery = [
        t.text for t in kit.envelope.pages[0].items if isinstance(t, Text) and t.role == "delivery-address"
    ]
    assert delivery[:3] == ["ALEXANDRA MONTGOMERY-WHITFIELD", "SENIOR ENGINEERING MANAGER", "NORTHWIND LABS"]
    assert not [w for w in kit.warnings if "characters; postal scanners" in w]


@pytest.mark.parametrize(
    ("uppercase", "expected"),
    [
        (True, ["ALEX MORGAN", "12 ELM STREET", "SPRINGFIELD IL 62701"]),
        (False, ["Alex Morgan", "12 Elm Street", "Springfield IL 62701"]),
    ],
)
def test_the_return_address_follows_the_delivery_address_case(
    tmp_path: Path, uppercase: bool, expected: list[str]
) -> None:
    kit = make_kit(note_with(tmp_path, {"envelope.uppercase": uppercase}))
    items = [t for t in kit.envelope.pages[0].items if isinstance(t, Text)]
    assert [t.text for t in items if t.role == "return-address"] == expected
    delivery = [t.text for t in items if t.role == "delivery-address"]
    assert delivery[-1] == ("SAN FRANCISCO CA 94105" if uppercase else "San Francisco CA 94105")


def test_card_that_does_not_fit_its_envelope_is_warned(tmp_path: Path) -> None:
    note = note_with(tmp_path, {"card.format": "a7-folded", "envelope.format": "a2"})
    assert any(
        'does not fit the A2 envelope (5.75 × 4.375 in) with 1/8 in to spare; use envelope.format = "a7"' in w
        for w in note.warnings
    )


ABROAD = {
    "FR": ("Northwind France", "5 Rue de Rivoli", "Paris", "Île-de-France", "75001"),
    "BR": ("Northwind Brasil", "Av. Paulista, 1000", "São Paulo", "SP", "01310-100"),
    "JP": ("Northwind Japan", "1-2-3 Chiyoda", "Chiyoda-ku", "Tokyo", "100-0001"),
    "AU": ("Northwind Australia", "1 George St", "Sydney", "NSW", "2000"),
}


@pytest.mark.parametrize("country", sorted(ABROAD))
def test_a_titled_address_abroad_stays_in_the_read_area_clear_of_the_barcode_zone(
    tmp_path: Path, country: str
) -> None:
    company, street, city, region, postal_code = ABROAD[country]
    fields = {"name": "Marie Dubois", "title": "Data Scientist", "company": company, "street": street}
    fields |= {"city": city, "region": region, "postal_code": postal_code, "country": country}
    kit = make_kit(note_with(tmp_path, {f"recipient.{k}": v for k, v in fields.items()}))
    page = kit.envelope.pages[0]
    left, top, right, bottom = delivery_box(page)
    assert left >= 0.5 * IN and right <= page.width - 0.5 * IN
    assert page.height - bottom >= 0.625 * IN, "above the barcode zone"
    assert page.height - top <= 2.75 * IN
    assert not [w for w in kit.warnings if w.startswith("envelope:")]
    returns = [t.text for t in page.items if isinstance(t, Text) and t.role == "return-address"]
    assert returns == ["ALEX MORGAN", "12 ELM STREET", "SPRINGFIELD IL 62701", "UNITED STATES"]
