"""`cardgen serve`: the page served on this machine (127.0.0.1 unless a host is given), one thread
per request, stopped cleanly by Ctrl-C with every temporary file removed."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cardgen.errors import InputError
from cardgen.web.app import App

DEFAULT_PORT = 8642
MAX_BODY = 64 << 20  # larger requests are refused unread; smaller ones get the route's own message
LOOPBACK = "127.0.0.1"


class PageServer(ThreadingHTTPServer):
    """An HTTP server answering through an App; `url` is the page's address."""

    daemon_threads = True
    allow_reuse_address = (
        True  # a restart right after Ctrl-C gets its port back (Linux never shares a listening port)
    )

    def __init__(self, host: str = LOOPBACK, port: int = 0) -> None:
        super().__init__((host, port), _Handler)
        self.port = int(self.server_address[1])
        shown = "127.0.0.1" if host in (LOOPBACK, "0.0.0.0", "::") else host
        names = {shown, LOOPBACK, "localhost"} if host in (LOOPBACK, "localhost") else {shown}
        if host in ("0.0.0.0", "::"):  # every interface: the names and addresses others reach it by
            names |= {LOOPBACK, "localhost", *_own_names()}
        self.app = App({f"{name}:{self.port}" for name in names})
        self.url = f"http://{shown}:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-answer (a tab closed): nothing to report
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        if hasattr(self, "app"):  # not made when the port could not be had
            self.app.close()


def _own_names() -> set[str]:
    """This machine's host name, its fully qualified name and the IPv4 addresses they resolve to."""
    name = socket.gethostname()
    names = {name, socket.getfqdn()}
    with contextlib.suppress(OSError):
        names |= set(socket.gethostbyname_ex(name)[2])
    return names


class _Handler(BaseHTTPRequestHandler):
    server: PageServer
    protocol_version = "HTTP/1.1"

    def _answer(self, method: str) -> None:
        given = (self.headers.get("Content-Length") or "0").strip()
        if not given.isdigit() or self.headers.get("Transfer-Encoding"):  # no negative or chunked bodies
            self.close_connection = True
            self._send(400, b"refused: send a body with a Content-Length", "text/plain; charset=utf-8", {})
            return
        length = int(given)
        if length > MAX_BODY:
            self.close_connection = True
            body = f"refused: the upload is over {MAX_BODY >> 20} MB".encode()
            self._send(413, body, "text/plain; charset=utf-8", {})
            return
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        response = self.server.app.handle(method, self.path, headers, body)
        self._send(response.status, response.body, response.content_type, response.headers)

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal shows the address only
        pass


def free_port(host: str, wanted: int) -> int:
    """`wanted` if it is free on `host`, else one the system picks."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, wanted))
            return wanted
        except OSError:
            return 0


def serve(
    host: str = LOOPBACK,
    port: int | None = None,
    *,
    open_browser: bool = True,
    tell: Callable[[str], None] = print,
    ready: Callable[[PageServer], None] = lambda server: None,
) -> None:
    """Serve the page until Ctrl-C (or `server.shutdown()`), then remove the temporary files.
    `port`: None picks DEFAULT_PORT when free, else any; `ready` is told the running server."""
    chosen = free_port(host, DEFAULT_PORT) if port is None else port
    try:
        server = PageServer(host, chosen)
    except OSError as error:
        raise InputError(
            f"cannot listen on {host}:{chosen} ({error.strerror}); choose another --port, or leave "
            "it out to take a free one",
            key="port",
        ) from None
    tell(f"cardgen is at {server.url}  (Ctrl-C stops it)")
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    ready(server)
    if threading.current_thread() is threading.main_thread():  # `kill` or a closed terminal: as Ctrl-C
        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGHUP, _interrupt)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        tell("stopped")
    finally:
        server.server_close()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
