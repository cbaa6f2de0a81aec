"""Addresses in the local script: domestic mail written in the country's script is set in its local
format (Japan: 〒 and code first … name 様 last), each script in its font, right-to-left lines
right-aligned; international mail and Latin-written addresses stay in the Latin format."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cardgen.address import address_lines
from cardgen.fonts import metrics
from cardgen.kit import make_kit
from cardgen.model import Address
from cardgen.scene import Group, Page, Text
from tests.conftest import ROOT, note_with, run, write_note

IN = 72.0


JP_FONTS = pytest.mark.optional_fonts("ja")


def person(section: str, **fields: str) -> dict[str, Any]:
    """Changes for write_note: the [section] table replaced by these fields (others emptied)."""
    keys = ("name", "title", "company", "street", "city", "region", "postal_code", "country")
    return {f"{section}.{key}": fields.get(key) for key in keys}


TOKYO = person(
    "sender",
    name="佐藤 花子",
    street="丸の内1-9-1",
    city="千代田区",
    region="東京都",
    postal_code="100-0005",
    country="JP",
)
OSAKA = person(
    "recipient",
    name="山田 太郎",
    title="開発部 部長",
    company="株式会社ノースウィンド",
    street="梅田3-1-3\nノースウィンドビル12階",
    city="大阪市北区",
    region="大阪府",
    postal_code="530-0001",
    country="JP",
)
JAPANESE_LINES = [
    "〒530-0001",
    "大阪府大阪市北区",
    "梅田3-1-3",
    "ノースウィンドビル12階",
    "株式会社ノースウィンド",
    "開発部 部長",
    "山田 太郎 様",
]


def texts(page: Page, role: str) -> list[Text]:
    return [t for t in page.items if isinstance(t, Text) and t.role == role]


def right_end(item: Text) -> float:
    return item.x + metrics(item.font).width_of_run(item.font, item.text, item.size) * item.hscale


def lines_of(page: Page, role: str) -> list[tuple[float, list[Text]]]:
    """The role's Text items grouped by baseline, top to bottom, each line's items left to right."""
    rows: dict[float, list[Text]] = {}
    for item in texts(page, role):
        rows.setdefault(round(item.y, 3), []).append(item)
    return [(y, sorted(rows[y], key=lambda t: t.x)) for y in sorted(rows)]


def logical(items: list[Text]) -> str:
    """A line's text in reading order: its runs from the right for a right-to-left line."""
    rtl = any(t.rtl for t in items)
    return "".join(t.text for t in (reversed(items) if rtl else items))


def printed(page: Page, role: str = "delivery-address") -> list[str]:
    return [logical(items) for _, items in lines_of(page, role)]


def slip(page: Page) -> Page:
    """The hand-addressing guide's slip, in envelope coordinates."""
    group = next(item for item in page.items if isinstance(item, Group) and item.label == "guide")
    return Page(0, 0, group.items)


@JP_FONTS
def test_a_japanese_domestic_envelope_is_in_the_japanese_format(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, TOKYO | OSAKA))
    page = kit.envelope.pages[0]
    assert printed(page) == JAPANESE_LINES, "〒 and the code first, prefecture to name, 様 last"
    assert printed(page, "return-address") == ["〒100-0005", "東京都千代田区", "丸の内1-9-1", "佐藤 花子"]
    for item in texts(page, "delivery-address") + texts(page, "return-address"):
        assert item.font == "noto-sans-jp", f"{item.text!r} in {item.font}"
    baselines = [y for y, _ in lines_of(page, "delivery-address")]
    steps = [b - a for a, b in itertools.pairwise(baselines)]
    assert steps == pytest.approx([1.5 * 11] * 6, abs=0.01), "kanji get more room than Latin lines (1.25)"
    lefts = {round(items[0].x, 6) for _, items in lines_of(page, "delivery-address")}
    assert len(lefts) == 1, "one left edge"
    bottom = max(t.y + metrics(t.font).descent * t.size for t in texts(page, "delivery-address"))
    top = min(t.y - 0.88 * t.size for t in texts(page, "delivery-address"))
    right = max(map(right_end, texts(page, "delivery-address")))
    assert page.height - bottom >= 0.625 * IN, "out of the barcode zone"
    assert top >= 1.25 * IN or right <= page.width - 1.5 * IN, "out of the stamp area"
    assert not [w for w in kit.warnings if w.startswith(("envelope", "recipient", "sender"))]


@JP_FONTS
def test_the_hand_addressing_guide_follows_the_same_lines_clear_of_the_barcode_zone(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, TOKYO | OSAKA | {"envelope.address": "guide"}))
    page = slip(kit.envelope.pages[0])
    assert printed(page) == JAPANESE_LINES
    assert printed(page, "return-address")[0] == "〒100-0005"
    assert {t.font for t in texts(page, "delivery-address")} == {"klee-one"}, "the Japanese handwriting font"
    envelope_h = kit.note.envelope.format.height
    bottom = max(t.y + metrics(t.font).descent * t.size for t in texts(page, "delivery-address"))
    assert envelope_h - bottom >= 0.625 * IN


@pytest.mark.parametrize("align", ["centered", "left"])
def test_a_hebrew_envelope_is_right_aligned_in_noto_sans_hebrew(tmp_path: Path, align: str) -> None:
    changes = person("sender", name="יעל לוי", street="רחוב הרצל 12", city="תל אביב-יפו", country="IL")
    changes |= person(
        "recipient",
        name="דנה כהן",
        company="נורת'ווינד בע״מ",
        street="רחוב יפו 97\nקומה 5",
        city="ירושלים",
        postal_code="9434001",
        country="IL",
    )
    kit = make_kit(note_with(tmp_path, changes | {"envelope.guide_align": align}))
    page = kit.envelope.pages[0]
    expected = ["דנה כהן", "נורת'ווינד בע״מ", "רחוב יפו 97", "קומה 5", "ירושלים 9434001"]
    assert printed(page) == expected, "the Israeli format, every line in reading order"
    for role in ("delivery-address", "return-address"):
        ends = [max(map(right_end, items)) for _, items in lines_of(page, role)]
        assert max(ends) - min(ends) <= 0.01, f"{role}: each line's right end at the same x"
    hebrew = [t for t in texts(page, "delivery-address") if any("\u0590" <= c <= "\u05ff" for c in t.text)]
    assert hebrew and all(t.font == "noto-sans-hebrew" and t.rtl for t in hebrew)
    bottom = max(t.y + metrics(t.font).descent * t.size for t in texts(page, "delivery-address"))
    assert page.height - bottom >= 0.625 * IN
    assert not [w for w in kit.warnings if w.startswith(("envelope", "recipient"))]
    guide = make_kit(
        note_with(tmp_path, changes | {"envelope.address": "guide", "envelope.guide_align": align})
    )
    rows = lines_of(slip(guide.envelope.pages[0]), "delivery-address")
    assert [logical(items) for _, items in rows] == expected
    ends = [max(map(right_end, items)) for _, items in rows]
    if align == "left":  # the guide's lines start where a right-to-left line starts: on the right
        assert max(ends) - min(ends) <= 0.01


def test_an_arabic_domestic_address_is_right_aligned_in_an_arabic_font(tmp_path: Path) -> None:
    changes = person("sender", name="سارة حسن", street="شارع الهرم 5", city="الجيزة", country="EG")
    changes |= person(
        "recipient",
        name="محمد علي",
        street="شارع التحرير 10",
        city="القاهرة",
        postal_code="11511",
        country="EG",
    )
    page = make_kit(note_with(tmp_path, changes)).envelope.pages[0]
    assert printed(page) == ["محمد علي", "شارع التحرير 10", "القاهرة", "11511"]
    ends = [max(map(right_end, items)) for _, items in lines_of(page, "delivery-address")]
    assert max(ends) - min(ends) <= 0.01, "the postal code alone on its line too"
    arabic = [t for t in texts(page, "delivery-address") if t.text.strip() and not t.text.strip().isdigit()]
    assert all(t.font == "noto-naskh-arabic" and t.rtl for t in arabic)


@JP_FONTS
def test_international_mail_from_a_japanese_sender_stays_latin(tmp_path: Path) -> None:
    kit = make_kit(note_with(tmp_path, TOKYO))  # to the sample's recipient in San Francisco
    page = kit.envelope.pages[0]
    assert printed(page) == [
        "DANA RIVERA",
        "ENGINEERING MANAGER",
        "NORTHWIND LABS",
        "400 MARKET STREET",
        "SUITE 1200",
        "SAN FRANCISCO CA 94105",
        "UNITED STATES",
    ]
    returned = printed(page, "return-address")
    assert returned[0] == "佐藤 花子" and returned[-1] == "JAPAN", (
        "the Latin format: name first, country last"
    )
    assert not any("〒" in line or "様" in line for line in returned + printed(page))


@JP_FONTS
def test_a_japanese_address_written_from_abroad_is_in_the_latin_format(tmp_path: Path) -> None:
    page = make_kit(note_with(tmp_path, OSAKA)).envelope.pages[0]  # from the sample's US sender
    lines = printed(page)
    assert lines[0] == "山田 太郎" and lines[-1] == "JAPAN" and not any("様" in line for line in lines)


def test_an_address_in_japan_written_in_latin_letters_stays_latin(tmp_path: Path) -> None:
    changes = person("sender", name="Alex Morgan", street="1-9-1 Marunouchi", city="Chiyoda-ku", country="JP")
    changes |= person(
        "recipient",
        name="Sam Lee",
        street="1-2-3 Chiyoda",
        city="Chiyoda-ku",
        region="Tokyo",
        postal_code="100-0001",
        country="JP",
    )
    page = make_kit(note_with(tmp_path, changes)).envelope.pages[0]
    assert printed(page) == ["SAM LEE", "1-2-3 CHIYODA, CHIYODA-KU, TOKYO", "100-0001"]
    assert {t.font for t in texts(page, "delivery-address")} == {"noto-sans"}


@pytest.mark.optional_fonts("ko")
def test_a_korean_domestic_envelope_goes_from_the_province_to_the_name_and_code(tmp_path: Path) -> None:
    changes = person(
        "sender", name="김민지", street="테헤란로 152", city="강남구", region="서울특별시", country="KR"
    )
    changes |= person(
        "recipient",
        name="홍길동",
        title="인사팀장",
        company="노스윈드",
        street="세종대로 209",
        city="종로구",
        region="서울특별시",
        postal_code="03171",
        country="KR",
    )
    page = make_kit(note_with(tmp_path, changes)).envelope.pages[0]
    assert printed(page) == [
        "서울특별시 종로구",
        "세종대로 209",
        "노스윈드",
        "인사팀장",
        "홍길동 귀하",
        "03171",
    ]
    hangul = [t for t in texts(page, "delivery-address") if not t.text.isascii()]
    assert hangul and {t.font for t in hangul} == {"noto-sans-kr"}


@pytest.mark.optional_fonts("zh")
def test_a_chinese_domestic_envelope_starts_with_the_postal_code(tmp_path: Path) -> None:
    changes = person(
        "sender", name="李华", street="南京东路100号", city="黄浦区", region="上海市", country="CN"
    )
    changes |= person(
        "recipient",
        name="王小明",
        company="北风科技有限公司",
        street="东长安街1号",
        city="东城区",
        region="北京市",
        postal_code="100006",
        country="CN",
    )
    page = make_kit(note_with(tmp_path, changes)).envelope.pages[0]
    assert printed(page) == ["100006", "北京市东城区", "东长安街1号", "北风科技有限公司", "王小明 收"]
    han = [t for t in texts(page, "delivery-address") if not t.text.isascii()]
    assert han and {t.font for t in han} == {"noto-sans-sc"}


def jp(**fields: str) -> Address:
    return Address(**({"name": "山田 太郎", "postal_code": "530-0001", "country": "JP"} | fields))


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            jp(street="梅田3-1-3", city="大阪市北区", region="大阪府"),
            ["〒530-0001", "大阪府大阪市北区", "梅田3-1-3"],
        ),
        (
            jp(street="大阪府大阪市北区梅田3-1-3", city="大阪市北区", region="大阪府"),
            ["〒530-0001", "大阪府大阪市北区梅田3-1-3"],
        ),
        (
            jp(street="梅田3-1-3", city="大阪市北区", region="大阪府", postal_code="５３０－０００１"),
            ["〒530-0001"],
        ),
        (jp(street="梅田3-1-3", city="大阪市北区", region="大阪府", postal_code=""), ["大阪府大阪市北区"]),
    ],
    ids=["fields", "prefecture-in-street", "full-width-code", "no-code"],
)
def test_japanese_places_are_printed_once(address: Address, expected: list[str]) -> None:
    lines = address_lines(address, "JP", key="recipient", upper=True)
    assert lines[: len(expected)] == expected and lines[-1] == "山田 太郎 様"


def test_the_courtesy_word_is_added_once_and_to_a_company_when_no_one_is_named() -> None:
    place = {"street": "梅田3-1-3", "city": "大阪市北区", "region": "大阪府"}
    assert address_lines(jp(**place, name="山田様"), "JP", key="r", upper=True)[-1] == "山田様"
    company = jp(**place, name="", company="株式会社ノースウィンド")
    assert address_lines(company, "JP", key="r", upper=True)[-1] == "株式会社ノースウィンド 御中"
    assert address_lines(jp(**place), "JP", key="sender", upper=True, honorific=False)[-1] == "山田 太郎"


def test_local_scripts_keep_their_case_and_latin_letters_are_capitals() -> None:
    greek = Address(
        name="Γιώργος Παπαδόπουλος", street="Οδός Ερμού 10", city="Αθήνα", postal_code="105 63", country="GR"
    )
    assert address_lines(greek, "GR", key="r", upper=True) == [
        "Γιώργος Παπαδόπουλος",
        "Οδός Ερμού 10",
        "105 63 Αθήνα",
    ]
    assert address_lines(greek, "US", key="r", upper=True)[-1] == "GREECE", "abroad: Latin format as before"
    tokyo = jp(street="丸の内1-1-1 JPタワー", city="千代田区", region="東京都", postal_code="100-7090")
    assert "丸の内1-1-1 JPタワー" in address_lines(tokyo, "JP", key="r", upper=False)


@pytest.mark.parametrize(
    ("choice", "first", "last"),
    [
        ("latin", "山田 太郎", "530-0001"),
        ("local", "〒530-0001", "山田 太郎 様"),
        ("auto", "〒530-0001", "山田 太郎 様"),
    ],
)
def test_address_format_overrides_the_choice(choice: str, first: str, last: str) -> None:
    address = jp(street="梅田3-1-3", city="大阪市北区", region="大阪府")
    lines = address_lines(address, "JP", key="r", upper=True, address_format=choice)
    assert (lines[0], lines[-1]) == (first, last)
    abroad = address_lines(address, "US", key="r", upper=True, address_format=choice)
    assert abroad[-1] == "JAPAN" and (abroad[0] == "〒530-0001") == (choice == "local")


def test_a_wrong_address_format_is_a_clear_error(tmp_path: Path) -> None:
    note = write_note(tmp_path, {"envelope.address_format": "japanese"})
    result = run("check", str(note))
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(note.read_text().splitlines(), 1) if "address_format" in text)
    assert result.stderr.strip() == (
        f"cardgen: note.toml:{line}: envelope.address_format: unknown value 'japanese'; "
        "choose one of: auto, local, latin"
    )


def test_a_local_format_without_its_fonts_names_them_and_the_way_back(tmp_path: Path) -> None:
    changes = person("sender", name="Alex Morgan", street="1-9-1 Marunouchi", city="Chiyoda-ku", country="JP")
    changes |= person(
        "recipient",
        name="Sam Lee",
        street="1-2-3 Chiyoda",
        city="Chiyoda-ku",
        postal_code="100-0001",
        country="JP",
    )
    note = write_note(tmp_path, changes | {"envelope.address_format": "local"})
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "cardgen", "check", str(note)],
        capture_output=True,
        text=True,
        env=os.environ | {"CARDGEN_FONTS": str(empty)},
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith(
        "cardgen: note.toml: envelope.address_format: JP's local address format writes 〒 and 様: "
        "Japanese text needs the optional Japanese fonts (Klee One, Noto Sans JP; "
    )
    assert message.endswith('run "cardgen fonts install ja", or set address_format = "latin"')
