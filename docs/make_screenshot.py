"""The README's picture of the web page (run: make previews): `cardgen serve`'s page with the
bundled defaults, taken in Debian's headless Chromium, saved as docs/web-page.png."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

from cardgen.web.browser import missing, start_browser, stop_browser
from cardgen.web.server import PageServer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "web-page.png"


def main() -> None:
    if missing():
        raise SystemExit(f"no screenshot: {missing()}")
    server = PageServer("127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    driver = start_browser(Path(tempfile.mkdtemp()), 1440, 1000)
    try:
        driver.get(server.url)
        deadline = time.monotonic() + 30
        while driver.execute_script("return document.querySelectorAll('#pages img').length") < 4:
            if time.monotonic() > deadline:
                raise SystemExit("no screenshot: the preview did not appear")
            time.sleep(0.1)
        time.sleep(0.5)
        driver.save_screenshot(str(OUT))
    finally:
        stop_browser(driver)
        server.shutdown()
        server.server_close()
    Image.open(OUT).convert("RGB").quantize(colors=128).save(OUT, optimize=True)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
