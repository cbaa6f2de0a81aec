"""A headless Chromium driven by selenium, for the page's browser tests and its README screenshot:
Debian's chromium and chromedriver, never a browser download."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver",)
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # without these the closed network refuses its connections
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def missing() -> str | None:
    """Why a browser cannot be started here (None: it can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not any(Path(p).exists() for p in CHROMIUM):
        return (
            "chromium is not installed (apt-get install chromium chromium-driver; make test does it as root)"
        )
    if not any(Path(p).exists() for p in CHROMEDRIVER):
        return "chromedriver is not installed (apt-get install chromium-driver)"
    return None


def start_browser(downloads: Path, width: int = 1400, height: int = 1000) -> Any:
    """A headless Chromium with a fresh profile that saves downloads into `downloads`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cardgen-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = next(p for p in CHROMIUM if Path(p).exists())
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    service = Service(executable_path=next(p for p in CHROMEDRIVER if Path(p).exists()))
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.cardgen_profile = profile  # type: ignore[attr-defined]  # removed by stop_browser
    return driver


def stop_browser(driver: Any) -> None:
    """Quit the browser and remove its profile."""
    profile = getattr(driver, "cardgen_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)
