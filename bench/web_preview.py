"""The web page's preview latency: from a changed field to the new preview for a one-recipient kit,
against a bare pipeline render of the same kit in the same run (cardgen.render_kit: the PDFs only).

Measured three ways, each a median of --repeat changes (each change a new recipient name, so no
cache helps): the bare render; the server's answer over HTTP on loopback (note made, kit rendered,
pages rasterised and turned upright, JSON sent); and, when Debian's chromium is installed, in a real
headless browser from a changed field to the new picture on screen, less the page's typing pause.

usage: python bench/web_preview.py [--repeat 15]"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import cardgen
from cardgen.web import forms
from cardgen.web.server import PageServer

PAUSE_MS = 150  # app.js waits this long after the last keystroke before asking for a preview


CHANGE = "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))"


def form_for(name: str) -> dict[str, Any]:
    form = forms.defaults()
    form["recipient"] = {**form["recipient"], "name": name}
    return form


def bare(repeat: int) -> list[float]:
    times = []
    for i in range(repeat):
        note = cardgen.note_from_dict(forms.form_to_note(form_for(f"Bare Person {i}")))
        start = time.perf_counter()
        cardgen.render_kit(note)
        times.append(time.perf_counter() - start)
    return times


def over_http(server: PageServer, repeat: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    headers = {"Host": f"127.0.0.1:{server.port}", "Content-Type": "application/json", "X-Cardgen": "1"}
    connection.request("GET", "/api/start", headers=headers)
    session = json.loads(connection.getresponse().read())["session"]
    times = []
    for i in range(repeat):
        body = json.dumps({"session": session, "note": form_for(f"Web Person {i}")})
        start = time.perf_counter()
        connection.request("POST", "/api/preview", body=body, headers=headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
        times.append(time.perf_counter() - start)
        assert response.status == 200 and len(answer["pages"]) == 5, answer
    connection.close()
    return times


def in_browser(server: PageServer, repeat: int) -> list[float] | None:
    from cardgen.web.browser import missing, start_browser, stop_browser

    if missing():
        print(f"browser: skipped ({missing()})")
        return None
    from selenium.webdriver.common.by import By

    driver = start_browser(Path(tempfile.mkdtemp()))
    envelope = "return [...document.querySelectorAll('#pages figure img')][2].src"
    try:
        driver.get(server.url)
        time.sleep(2)
        name = driver.find_element(By.CSS_SELECTOR, 'input[data-key="recipient.name"]')
        times = []
        for i in range(repeat):
            before = driver.execute_script(envelope)
            start = time.perf_counter()
            driver.execute_script(CHANGE, name, f"Browser Person {i}")  # one change, as a paste makes
            while driver.execute_script(envelope) == before:
                time.sleep(0.005)
            times.append(time.perf_counter() - start - PAUSE_MS / 1000)
        return times
    finally:
        stop_browser(driver)


def ms(times: list[float]) -> str:
    low, high = min(times) * 1000, max(times) * 1000
    return f"{statistics.median(times) * 1000:.0f} ms (min {low:.0f}, max {high:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    server = PageServer("127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    try:
        bare(2), over_http(server, 2)  # warm: fonts loaded, caches filled once
        rendered = bare(args.repeat)
        served = over_http(server, args.repeat)
        print(f"bare pipeline render (render_kit, PDFs only): {ms(rendered)}")
        print(f"preview over HTTP (render + 5 pages rasterised + JSON): {ms(served)}")
        print(f"preview / bare: {statistics.median(served) / statistics.median(rendered):.1f}x")
        shown = in_browser(server, args.repeat)
        if shown:
            print(
                f"in the browser, a changed field to its picture, less the {PAUSE_MS} ms pause: {ms(shown)}"
            )
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
