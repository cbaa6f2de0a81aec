"""The page in a real headless Chromium (Debian's, driven by selenium): typing changes the preview,
the fit meter moves, a bad value's message stands beside its field, a reload keeps the draft, a
photo and a CSV upload, and the downloaded kit is byte for byte what `cardgen build` writes."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cardgen
from cardgen.web import forms
from cardgen.web.browser import missing, start_browser, stop_browser
from cardgen.web.server import PageServer

if missing():
    pytest.skip(f"browser tests skipped: {missing()}", allow_module_level=True)

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import PANEL_CSV, assert_zip_is_the_build

ROOT = Path(__file__).resolve().parent.parent
Driver = Any


@pytest.fixture(scope="module")
def server() -> Iterator[PageServer]:
    page = PageServer("127.0.0.1", 0)
    thread = threading.Thread(target=page.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield page
    page.shutdown()
    page.server_close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Driver]:
    driver = start_browser(downloads)
    yield driver
    stop_browser(driver)


@pytest.fixture
def page(browser: Driver, server: PageServer) -> Driver:
    """The page freshly opened with no draft."""
    browser.get(server.url)
    browser.execute_script("localStorage.clear(); sessionStorage.clear();")
    browser.get(server.url)
    wait(browser, lambda: len(images(browser)) >= 4)
    return browser


def wait(driver: Driver, condition: Callable[[], Any], seconds: float = 20) -> Any:
    waiting = WebDriverWait(driver, seconds, 0.1, ignored_exceptions=(StaleElementReferenceException,))
    return waiting.until(lambda _: condition())  # a field redrawn under our feet is looked up again


def images(driver: Driver) -> dict[str, str]:
    """Each preview picture's caption and its data URL (read at once: the page redraws them)."""
    return dict(
        driver.execute_script(
            "return [...document.querySelectorAll('#pages figure')].map((f) =>"
            " [f.querySelector('figcaption').textContent.split(/[,;] /)[0], f.querySelector('img').src])"
        )
    )


def field(driver: Driver, key: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, f'[data-key="{key}"]:is(input, select, textarea)')


def open_section(driver: Driver, section: str) -> None:
    part = driver.find_element(By.CSS_SELECTOR, f'details[data-section="{section}"]')
    if part.get_attribute("open") is None:
        part.find_element(By.TAG_NAME, "summary").click()


def retype(driver: Driver, key: str, text: str) -> None:
    def typed() -> bool:
        element = field(driver, key)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(text)
        return True

    wait(driver, typed)


def meters(driver: Driver) -> dict[str, str]:
    return dict(
        driver.execute_script(
            "return [...document.querySelectorAll('#fit-bars .meter')].map((m) =>"
            " [m.dataset.panel, m.querySelector('.count').textContent])"
        )
    )


def message_of(driver: Driver, key: str) -> str:
    return str(
        driver.execute_script(
            "const m = document.querySelector(`.field[data-key='${arguments[0]}'] .msg`);"
            " return m ? m.textContent : '';",
            key,
        )
    )


def test_the_page_shows_every_page_of_the_kit_and_the_fit(page: Driver) -> None:
    assert list(images(page)) == [
        "Card: outside",
        "Card: inside",
        "Envelope",
        "Guide: page 1",
        "Guide: page 2",
    ]
    fit = cardgen.check(cardgen.note_from_dict(forms.form_to_note(forms.defaults()))).recipients[0]["fit"]
    assert meters(page) == {p["panel"]: f"{p['lines']} / {p['available']} lines" for p in fit["per_panel"]}
    assert "flip on long edge" in page.find_element(By.ID, "print-steps").text
    buttons = [b.text for b in page.find_elements(By.CSS_SELECTOR, "#downloads button")]
    assert buttons == ["card.pdf", "envelope.pdf", "guide.pdf", "Everything (.zip)", "The note (note.toml)"]
    assert Select(field(page, "template")).first_selected_option.text == "Interview thank you"


def test_typing_a_name_changes_the_envelope_and_a_reload_keeps_it(page: Driver) -> None:
    before = images(page)["Envelope"]
    retype(page, "recipient.name", "Kim Nguyen")
    wait(page, lambda: images(page).get("Envelope") not in (None, before))
    page.refresh()
    wait(page, lambda: len(images(page)) >= 4)
    assert field(page, "recipient.name").get_attribute("value") == "Kim Nguyen"
    assert "restored" in page.find_element(By.ID, "draft-note").text


def test_a_longer_message_moves_the_fit_meter_until_it_does_not_fit(page: Driver) -> None:
    before = meters(page)
    retype(
        page,
        "message.forgot",
        "I also rebuilt our data quality checks so every dashboard says when it was last right. " * 2,
    )
    wait(page, lambda: meters(page) != before)
    assert int(meters(page)["inside-right"].split(" /")[0]) > int(before["inside-right"].split(" /")[0])
    retype(
        page,
        "message.forgot",
        "I also rebuilt our data quality checks so every dashboard says when it was last right. " * 6,
    )
    wait(page, lambda: "does not fit" in page.find_element(By.ID, "fit-bars").text)
    tips = page.find_elements(By.CSS_SELECTOR, "#fit-tips li")
    assert tips and any("x_height" in t.text for t in tips)
    page.find_element(By.CSS_SELECTOR, "#fit-tips button.apply").click()  # write smaller: the form takes it
    wait(page, lambda: "It fits." in page.find_element(By.ID, "fit-bars").text)
    assert field(page, "handwriting.x_height").get_attribute("value").endswith("mm")


def test_a_hebrew_message_is_typed_right_to_left_and_fits_on_the_inside_right_panel(page: Driver) -> None:
    Select(field(page, "template")).select_by_value("")
    hebrew = "שלום דנה,\n\nתודה רבה על הפגישה היום. אשמח מאוד להצטרף לצוות שלכם.\n\nבברכה,\nיונתן"
    before = images(page).get("Guide: page 1")
    retype(page, "message.text", hebrew)
    box = field(page, "message.text")
    assert page.execute_script("return getComputedStyle(arguments[0]).direction", box) == "rtl"
    wait(page, lambda: images(page).get("Guide: page 1") not in (None, before))
    assert list(meters(page)) == ["inside-right"]
    assert "It fits." in page.find_element(By.ID, "fit-bars").text


def test_a_bad_value_is_named_beside_its_field_and_the_last_preview_stays(page: Driver) -> None:
    before = images(page)
    open_section(page, "handwriting")
    retype(page, "handwriting.x_height", "99mm")
    wait(page, lambda: "out of range" in message_of(page, "handwriting.x_height"))
    assert "stale" in page.find_element(By.ID, "pages").get_attribute("class")
    assert images(page) == before
    retype(page, "handwriting.x_height", "3.5mm")
    wait(page, lambda: message_of(page, "handwriting.x_height") == "")
    wait(
        page,
        lambda: (
            images(page)["Card: outside"] == before["Card: outside"]
            and "stale" not in page.find_element(By.ID, "pages").get_attribute("class")
        ),
    )


def test_a_postal_warning_stands_beside_the_postal_code(page: Driver) -> None:
    retype(page, "recipient.postal_code", "9410")
    wait(page, lambda: "not valid for US" in message_of(page, "recipient.postal_code"))


def test_the_address_form_follows_the_country(page: Driver) -> None:
    Select(field(page, "recipient.country")).select_by_value("JP")
    wait(
        page,
        lambda: page.find_elements(By.CSS_SELECTOR, '.field[data-key="recipient.region"] label')[
            0
        ].text.startswith("Prefecture"),
    )


def test_a_photo_upload_shows_its_resolution_and_the_new_front(page: Driver) -> None:
    before = images(page)["Card: outside"]
    open_section(page, "card")
    Select(field(page, "card.front")).select_by_value("photo")
    photo = page.find_element(By.CSS_SELECTOR, 'input[type=file][data-key="card.image"]')
    photo.send_keys(str(ROOT / "samples" / "dawn-hills.jpg"))
    wait(page, lambda: "ppi" in page.find_element(By.ID, "photo-info").text)
    assert "pixels" in page.find_element(By.ID, "photo-info").text
    wait(page, lambda: images(page)["Card: outside"] != before)


def test_a_csv_lists_its_rows_and_a_click_previews_one(page: Driver, tmp_path: Path) -> None:
    csv = tmp_path / "panel.csv"
    csv.write_text(PANEL_CSV, encoding="utf-8")
    open_section(page, "recipients")
    page.find_element(By.ID, "csv").send_keys(str(csv))
    wait(page, lambda: len(page.find_elements(By.CSS_SELECTOR, "#rows tr.row")) == 3)
    rows = [r.text for r in page.find_elements(By.CSS_SELECTOR, "#rows tr.row")]
    assert rows[0].startswith("2 Sam Lee built") and rows[1].startswith("3 Ana Ruiz warning")
    assert rows[2].startswith("4 skipped")
    before = images(page)["Envelope"]
    page.find_elements(By.CSS_SELECTOR, "#rows tr.row")[1].click()
    wait(page, lambda: "line 3" in page.find_element(By.ID, "status").text)
    wait(page, lambda: images(page)["Envelope"] != before)
    page.execute_script(
        "fetch('/api/recipients?session=' + sessionStorage.getItem('cardgen-session'), {method: 'POST', body: '', headers: {'X-Cardgen': '1'}})"
    )


def test_the_downloaded_kit_is_what_cardgen_build_writes(
    page: Driver, downloads: Path, tmp_path: Path
) -> None:
    retype(page, "message.decision_by", "")  # a date input: typed as the browser's locale shows it
    wait(page, lambda: field(page, "message.decision_by").send_keys("12032027") or True)
    wait(page, lambda: field(page, "message.decision_by").get_attribute("value") == "2027-12-03")
    for old in downloads.iterdir():
        old.unlink()
    page.find_element(By.CSS_SELECTOR, '[data-download="kit"]').click()
    target = downloads / "cardgen-kit.zip"
    wait(page, target.exists, 30)
    time.sleep(0.3)
    archive = zipfile.ZipFile(io.BytesIO(target.read_bytes()))
    assert "decision_by = 2027-12-03" in archive.read("note.toml").decode()
    assert_zip_is_the_build(archive, tmp_path)


def test_a_note_file_opens_into_the_form(page: Driver, tmp_path: Path) -> None:
    page.find_element(By.ID, "open-toml").send_keys(str(ROOT / "samples" / "flat-monogram.toml"))
    wait(page, lambda: "Opened flat-monogram.toml" in page.find_element(By.ID, "draft-note").text)
    note = cardgen.load_note(ROOT / "samples" / "flat-monogram.toml")
    open_section(page, "card")
    assert field(page, "card.format").get_attribute("value") == note.card.format.name
    assert field(page, "recipient.name").get_attribute("value") == note.recipient.name
    broken = tmp_path / "broken.toml"
    broken.write_text('[card]\nformat = "a2\n', encoding="utf-8")
    page.find_element(By.ID, "open-toml").send_keys(str(broken))
    wait(page, lambda: "broken.toml:2" in page.find_element(By.ID, "draft-note").text)
    assert field(page, "recipient.name").get_attribute("value") == note.recipient.name  # the form kept
