"""The page's server over real HTTP on loopback: foreign Host and Origin refused, upload limits,
concurrent previews, downloads byte-identical to `cardgen build`, temporary files removed, and
`cardgen serve` started and stopped with Ctrl-C."""

from __future__ import annotations

import base64
import dataclasses
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import cardgen
from cardgen.web import forms
from cardgen.web.server import PageServer
from tests.conftest import assert_zip_is_the_build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server() -> Iterator[PageServer]:
    page = PageServer("127.0.0.1", 0)
    thread = threading.Thread(target=page.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield page
    page.shutdown()
    page.server_close()
    thread.join(5)


def request(
    server: PageServer, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    data = body if isinstance(body, bytes) else None if body is None else json.dumps(body).encode()
    sent = {"Host": f"127.0.0.1:{server.port}", "X-Cardgen": "1", **(headers or {})}
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    answer = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    connection.close()
    return answer


def post(server: PageServer, path: str, body: Any) -> tuple[int, Any]:
    status, _, data = request(server, "POST", path, body)
    return status, json.loads(data)


def session(server: PageServer) -> str:
    status, _, data = request(server, "GET", "/api/start")
    assert status == 200
    return str(json.loads(data)["session"])


def test_the_page_and_its_files_are_served(server: PageServer) -> None:
    status, headers, body = request(server, "GET", "/")
    assert status == 200 and b"/static/app.js" in body
    assert "default-src 'self'" in headers["content-security-policy"]
    assert request(server, "GET", "/static/app.js")[0] == 200
    assert request(server, "GET", "/static/../app.py")[0] == 404
    assert request(server, "GET", "/static/forms.py")[0] == 404


@pytest.mark.parametrize("host", ["evil.example:80", "127.0.0.1:1", "localhost.evil.example", ""])
def test_a_foreign_host_is_refused(server: PageServer, host: str) -> None:
    status, _, body = request(server, "GET", "/api/start", headers={"Host": host})
    assert status == 403 and b"refused" in body


def test_a_cross_site_post_is_refused_and_the_page_s_own_is_not(server: PageServer) -> None:
    note = {"session": session(server), "note": forms.defaults()}
    evil = {"Origin": "http://evil.example", "Content-Type": "application/json"}
    assert request(server, "POST", "/api/toml", note, evil)[0] == 403
    own = {"Origin": f"http://localhost:{server.port}"}
    assert request(server, "POST", "/api/toml", note, own)[0] == 200


def test_a_bad_value_comes_back_naming_its_field_and_no_server_path(server: PageServer) -> None:
    form = forms.defaults()
    form["handwriting"]["x_height"] = "99mm"
    status, answer = post(server, "/api/preview", {"session": session(server), "note": form})
    assert status == 422 and answer["error"]["key"] == "handwriting.x_height"
    assert "out of range" in answer["error"]["message"]
    form = forms.defaults()
    form["card"] = {**form["card"], "front": "photo", "image": "photo.jpg"}
    status, answer = post(server, "/api/preview", {"session": session(server), "note": form})
    assert status == 422 and answer["error"]["key"] == "card.image"
    assert str(server.app.sessions.root) not in answer["error"]["message"]
    assert "/tmp" not in answer["error"]["message"]


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_uploads_over_their_limits_are_refused_with_the_reason(server: PageServer) -> None:
    sid = session(server)
    status, answer = post(server, f"/api/photo?session={sid}", b"\xff" * (26 << 20))
    assert status == 413 and answer["error"]["key"] == "card.image" and "25 MB" in answer["error"]["message"]
    status, answer = post(server, f"/api/photo?session={sid}", _png(9000, 8000))
    assert status == 413 and "9000 × 8000 pixels" in answer["error"]["message"]
    status, answer = post(server, f"/api/photo?session={sid}", b"GIF? no, a note")
    assert status == 422 and "not a picture" in answer["error"]["message"]
    status, answer = post(server, f"/api/recipients?session={sid}", b"name\n" + b"x" * (3 << 20))
    assert status == 413 and answer["error"]["key"] == "recipients"
    status, answer = post(server, "/api/preview", b'{"note": "' + b"x" * (2 << 20) + b'"}')
    assert status == 413
    status, _, _ = request(server, "POST", "/api/photo", b"", {"Content-Length": str(100 << 20)})
    assert status == 413


def test_a_photo_is_kept_and_its_resolution_reported(server: PageServer) -> None:
    sid = session(server)
    status, answer = post(
        server, f"/api/photo?session={sid}", (ROOT / "samples" / "dawn-hills.jpg").read_bytes()
    )
    assert status == 200 and answer["name"] == "photo.jpg"
    with Image.open(ROOT / "samples" / "dawn-hills.jpg") as image:
        assert (answer["width"], answer["height"]) == image.size
    form = forms.defaults()
    form["card"] = {**form["card"], "front": "photo", "image": answer["name"]}
    status, shown = post(server, "/api/preview", {"session": sid, "note": form})
    assert status == 200 and shown["photo_ppi"] > 0


def _kit_form() -> dict[str, Any]:
    form = forms.defaults()
    form["message"] = {**form["message"], "decision_by": "2027-12-03"}
    return form


def test_the_zip_holds_the_kit_cardgen_build_writes_and_the_note(server: PageServer, tmp_path: Path) -> None:
    status, headers, body = request(
        server, "POST", "/api/kit", {"session": session(server), "note": _kit_form()}
    )
    assert status == 200 and headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = set(archive.namelist())
    assert {
        "card.pdf",
        "envelope.pdf",
        "guide.pdf",
        "manifest.json",
        "message.txt",
        "followup.ics",
        "note.toml",
    } <= names
    assert_zip_is_the_build(archive, tmp_path)
    again = request(server, "POST", "/api/kit", {"session": session(server), "note": _kit_form()})[2]
    assert again == body  # no clock in the zip


def test_one_pdf_downloads_alone(server: PageServer) -> None:
    status, headers, body = request(
        server, "POST", "/api/kit", {"session": session(server), "note": _kit_form(), "name": "envelope.pdf"}
    )
    note = cardgen.note_from_dict(forms.form_to_note(_kit_form()))
    assert status == 200 and body == cardgen.render_kit(note)[0]["envelope.pdf"]
    assert 'filename="envelope.pdf"' in headers["content-disposition"]


def test_a_note_file_opens_into_the_form_and_saves_back(server: PageServer, tmp_path: Path) -> None:
    text = (ROOT / "samples" / "interview-thank-you.toml").read_bytes()
    status, answer = post(server, "/api/open?name=interview-thank-you.toml", text)
    assert status == 200 and answer["note"]["recipient"]["name"] == "Dana Rivera"
    status, _, saved = request(server, "POST", "/api/toml", {"note": answer["note"]})
    assert status == 200
    (tmp_path / "note.toml").write_bytes(saved)
    sample = cardgen.load_note(ROOT / "samples" / "interview-thank-you.toml")
    assert cardgen.load_note(tmp_path / "note.toml") == dataclasses.replace(
        sample, path=tmp_path / "note.toml"
    )
    status, answer = post(server, "/api/open?name=bad.toml", b'[card]\nformat = "a2\n')
    assert status == 422 and "bad.toml:2" in answer["error"]["message"]


def test_concurrent_previews_from_many_tabs_each_get_their_own(server: PageServer) -> None:
    names = ["Ana Ruiz", "Bo Chen", "Cy Park", "Di Okafor"]

    def form_for(name: str) -> dict[str, Any]:
        form = forms.defaults()
        form["recipient"] = {**form["recipient"], "name": name}
        return form

    expected = {}
    for name in names:
        status, shown = post(server, "/api/preview", {"session": session(server), "note": form_for(name)})
        assert status == 200
        expected[name] = [page["png"] for page in shown["pages"]]
    assert len({tuple(pages) for pages in expected.values()}) == len(names)
    results: dict[str, list[list[str]]] = {name: [] for name in names}
    failures: list[str] = []

    def tab(name: str) -> None:
        sid = session(server)
        for round_ in range(3):  # bounded: three previews per tab, the form changing each time
            form = form_for(name)
            form["message"] = {**form["message"], "closing": f"Best {round_}"}
            status, shown = post(server, "/api/preview", {"session": sid, "note": form})
            if status != 200:
                failures.append(f"{name}: {status}")
        status, shown = post(server, "/api/preview", {"session": sid, "note": form_for(name)})
        results[name].append([page["png"] for page in shown["pages"]] if status == 200 else [])

    threads = [threading.Thread(target=tab, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures
    for name in names:
        assert results[name] == [expected[name]], name


def test_the_preview_pages_are_upright_pngs(server: PageServer) -> None:
    form = forms.defaults()
    form["card"] = {**form["card"], "message": "print"}
    status, shown = post(server, "/api/preview", {"session": session(server), "note": form})
    assert status == 200
    inside = next(page for page in shown["pages"] if page["label"].startswith("Card: inside"))
    image = Image.open(io.BytesIO(base64.b64decode(inside["png"])))
    assert inside["turned"] == 180 and image.size == (440, 340)  # Letter landscape at 40 dpi


def test_closing_the_server_removes_its_temporary_files() -> None:
    page = PageServer("127.0.0.1", 0)
    root = page.app.sessions.root
    page.app.sessions.new().save_upload("recipients.csv", b"name\nA\n")
    assert any(root.rglob("recipients.csv"))
    page.server_close()
    assert not root.exists()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_cardgen_serve_prints_its_address_and_stops_on_ctrl_c(tmp_path: Path, stop: int) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cardgen", "serve", "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("cardgen is at http://127.0.0.1:")
        port = int(line.split(":")[2].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/start", headers={"X-Cardgen": "1"})
        assert connection.getresponse().status == 200
        connection.close()
        assert any(tmp_path.iterdir())  # the sessions' folder
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0 and "stopped" in out and "Traceback" not in err
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("section", "values", "key"),
    [
        ("", {"template": "/etc/passwd"}, "template"),
        ("", {"template": "../../secret.j2"}, "template"),
        ("card", {"front": "photo", "image": "/etc/hostname"}, "card.image"),
        ("card", {"front": "photo", "image": "../photo.jpg"}, "card.image"),
    ],
)
def test_the_page_reads_no_file_but_its_own(
    server: PageServer, section: str, values: dict[str, str], key: str
) -> None:
    form = forms.defaults()
    if section:
        form[section] = {**form[section], **values}
    else:
        form.update(values)
    for path in ("/api/preview", "/api/kit", "/api/rows"):
        status, answer = post(server, path, {"session": session(server), "note": form})
        if path == "/api/rows":
            assert status == 200 and answer == {"rows": []}  # no CSV: nothing read
            continue
        assert status == 422 and answer["error"]["key"] == key, path


def test_an_explicit_host_is_warned_about_and_only_its_own_name_is_served(tmp_path: Path) -> None:
    process = subprocess.Popen(  # 127.0.0.2 is still this machine's loopback: nothing leaves it
        [sys.executable, "-m", "cardgen", "serve", "--no-browser", "--port", "0", "--host", "127.0.0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        assert "warning: listening on 127.0.0.2" in process.stderr.readline()
        line = process.stdout.readline()
        assert line.startswith("cardgen is at http://127.0.0.2:")
        port = int(line.split(":")[2].split("/")[0])
        for host, status in ((f"127.0.0.2:{port}", 200), (f"localhost:{port}", 403)):
            connection = http.client.HTTPConnection("127.0.0.2", port, timeout=30)
            connection.request("GET", "/api/start", headers={"Host": host, "X-Cardgen": "1"})
            assert connection.getresponse().status == status, host
            connection.close()
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0


def test_a_port_in_use_is_a_clear_error(server: PageServer) -> None:
    taken = subprocess.run(
        [sys.executable, "-m", "cardgen", "serve", "--no-browser", "--port", str(server.port)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert taken.returncode == 2 and "Traceback" not in taken.stderr
    assert f"cannot listen on 127.0.0.1:{server.port}" in taken.stderr and "--port" in taken.stderr


def test_a_cross_site_get_cannot_start_sessions_and_evict_a_tabs_upload(server: PageServer) -> None:
    """An <img src=http://127.0.0.1:PORT/api/start> on any site sends no Origin and the right Host:
    without the page's header it is refused, so it can neither start a session nor push one out."""
    for _ in range(40):
        status, _, body = request(server, "GET", "/api/start", headers={"X-Cardgen": ""})
        assert status == 403 and b"the page's own requests" in body
    status, _, _ = request(server, "POST", "/api/preview", {"note": {}}, headers={"X-Cardgen": ""})
    assert status == 403
    assert request(server, "GET", "/")[0] == 200  # the page itself loads without it


def test_a_body_without_an_honest_length_is_refused_unread(server: PageServer) -> None:
    for length in ("-1", "abc"):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.putrequest("POST", "/api/preview")
        connection.putheader("Host", f"127.0.0.1:{server.port}")
        connection.putheader("X-Cardgen", "1")
        connection.putheader("Content-Length", length)
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 400 and b"Content-Length" in response.read()
        connection.close()


def test_a_request_the_page_never_sends_gets_an_answer_not_a_dropped_connection(server: PageServer) -> None:
    status, answer = post(server, "/api/toml", {"note": [1]})
    assert status in (422, 500) and answer["error"]["message"]


def test_a_server_on_every_interface_takes_this_machines_own_names() -> None:
    import socket

    from cardgen.web.server import PageServer

    everywhere = PageServer("0.0.0.0", 0)
    try:
        hosts = everywhere.app.allowed_hosts
        port = everywhere.port
        assert {f"127.0.0.1:{port}", f"localhost:{port}", f"{socket.gethostname()}:{port}"} <= hosts
        assert f"evil.example:{port}" not in hosts
    finally:
        everywhere.server_close()
