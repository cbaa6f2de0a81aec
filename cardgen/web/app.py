"""The page's requests answered: a request (method, path, headers, body) in, a Response out; the
note is made and rendered by the library in memory. Foreign Host or Origin headers are refused."""

from __future__ import annotations

import io
import json
import threading
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardgen.errors import CardgenError, InputError
from cardgen.web import addresses, forms, views
from cardgen.web.sessions import CSV_NAME, PHOTO_NAMES, Session, Sessions, check_session_id

STATIC = Path(__file__).parent / "static"
MAX_JSON = 1 << 20  # a form is a few kB; a note's text at most this
MAX_PHOTO = 25 << 20  # bytes
MAX_PHOTO_PIXELS = 60_000_000  # a 60-megapixel photo is already far more than a card needs
MAX_CSV = 2 << 20
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
}
PHOTO_EXTENSIONS = {"jpeg": "jpg", "mpo": "jpg", "png": "png", "webp": "webp", "tiff": "tiff", "gif": "gif"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same kit gives the same zip: no clock in it


class TooLarge(InputError):
    """An upload over its limit (HTTP 413)."""


@dataclass
class Response:
    """What the server sends back."""

    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def json_response(data: Any, status: int = 200) -> Response:
    """A JSON answer (dates and warnings written as text)."""
    return Response(status, json.dumps(data, ensure_ascii=False, default=str).encode())


def error_response(error: CardgenError, status: int = 422, hide: str = "") -> Response:
    """An error as the page shows it beside its field: its key and one line of text."""
    message = str(error).replace(hide, "") if hide else str(error)
    return json_response(
        {"error": {"key": error.key or views.warning_key(message), "message": message}}, status
    )


# Every call of the page's API carries this header: another site's page cannot send it (a custom
# header needs a CORS preflight, which this server never grants), nor can an <img> or a form, so a
# cross-site GET cannot start sessions (and so evict a tab's) nor a post reach a route.
PAGE_HEADER = "x-cardgen"


class App:
    """The page's server side: its sessions, and one render at a time (pdfium is not thread-safe)."""

    def __init__(self, allowed_hosts: set[str]) -> None:
        self.allowed_hosts = allowed_hosts
        self.sessions = Sessions()
        self.render_lock = threading.Lock()

    def close(self) -> None:
        """Remove every temporary file."""
        self.sessions.close()

    def refused(self, headers: dict[str, str]) -> str | None:
        """Why a request is refused (its Host or Origin is not this server: DNS rebinding or a
        cross-site post), or None."""
        host = headers.get("host", "")
        if host not in self.allowed_hosts:
            return f"refused: Host '{host}' is not this server; open http://{sorted(self.allowed_hosts)[0]}/"
        origin = headers.get("origin")
        if origin is not None and origin.removeprefix("http://") not in self.allowed_hosts:
            return f"refused: a page from '{origin}' may not use this server"
        return None

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Response:
        """Answer one request; `headers` with lower-case names."""
        why = self.refused(headers)
        url = urllib.parse.urlsplit(target)
        if not why and url.path.startswith("/api/") and headers.get(PAGE_HEADER) != "1":
            why = "refused: the page's own requests carry its header; open the page instead"
        if why:
            return Response(403, why.encode(), "text/plain; charset=utf-8")
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
        route = ROUTES.get((method, url.path))
        if route is None and method == "GET" and url.path.startswith("/static/"):
            return self.static(url.path.removeprefix("/static/"))
        if route is None:
            return Response(404, b"not found", "text/plain")
        try:
            return route(self, query, body)
        except TooLarge as error:
            return error_response(error, 413)
        except InputError as error:
            return error_response(error)
        except Exception as error:  # a request the page never sends, or a bug: an answer, not a drop
            problem = f"internal error ({type(error).__name__}); reload the page, and report it if it stays"
            return error_response(InputError(problem), 500)

    def static(self, name: str) -> Response:
        """A file of the page (only those shipped in cardgen/web/static)."""
        files = {p.name: p for p in STATIC.iterdir() if p.is_file()}
        if name not in files:
            return Response(404, b"not found", "text/plain")
        path = files[name]
        return Response(200, path.read_bytes(), TYPES.get(path.suffix, "application/octet-stream"))

    def index(self, query: dict[str, str], body: bytes) -> Response:
        return self.static("index.html")

    def start(self, query: dict[str, str], body: bytes) -> Response:
        """The page's schema, defaults and countries, and a session for this tab."""
        return json_response(
            {
                "session": self.sessions.get(query.get("session")).id,
                "schema": forms.schema(),
                "defaults": forms.defaults(),
                "countries": addresses.countries(),
            }
        )

    def address(self, query: dict[str, str], body: bytes) -> Response:
        return json_response({"fields": addresses.address_fields(query.get("country", "US"))})

    def _session(self, query: dict[str, str]) -> Session:
        return self.sessions.get(check_session_id(query.get("session")))

    def _note(self, session: Session, form: Any) -> Any:
        from cardgen.api import note_from_dict

        if not isinstance(form, dict):
            raise InputError("the page sent no note; reload the page", key="note")
        data = forms.form_to_note(form)
        confine(data)
        return note_from_dict(data, path=session.note_path)

    def preview(self, query: dict[str, str], body: bytes) -> Response:
        """The kit's pages upright, its fit and warnings, for the note (or one CSV row of it)."""
        request = _json(body)
        session = self._session({"session": request.get("session", "")})
        hide = f"{session.folder}/"
        with session.lock:
            key = {"note": request.get("note"), "row": request.get("row")}
            result = session.cached_for(key)
            if result is None:
                try:
                    note = self._note(session, request.get("note"))
                    if request.get("row") and session.csv_path:
                        note = views.csv_note(note, session.csv_path, int(request["row"]))
                    with self.render_lock:
                        result = views.preview_kit(note, hide=hide)
                except InputError as error:
                    return error_response(error, hide=hide)
                session.cache(key, result)
        shown = {k: v for k, v in result.items() if k != "files"}
        return json_response({"session": session.id, **shown})

    def photo(self, query: dict[str, str], body: bytes) -> Response:
        """Keep an uploaded photo in the session: its name for card.image, and its size in pixels."""
        from PIL import Image, UnidentifiedImageError

        session = self._session(query)
        if len(body) > MAX_PHOTO:
            raise TooLarge(
                f"the photo is {len(body) / 1e6:.0f} MB; the limit is {MAX_PHOTO >> 20} MB: "
                "export it smaller (3000 pixels across is plenty)",
                key="card.image",
            )
        try:
            with Image.open(io.BytesIO(body)) as image:
                kind, (width, height) = str(image.format or "").lower(), image.size
        except Image.DecompressionBombError:
            raise TooLarge(
                f"the photo has more pixels than {MAX_PHOTO_PIXELS // 1_000_000} megapixels; "
                "export it smaller (3000 pixels across is plenty)",
                key="card.image",
            ) from None
        except (UnidentifiedImageError, OSError):
            raise InputError(
                "not a picture cardgen can read; use a JPEG, PNG or WebP file", key="card.image"
            ) from None
        if width * height > MAX_PHOTO_PIXELS:
            raise TooLarge(
                f"the photo is {width} × {height} pixels, over {MAX_PHOTO_PIXELS // 1_000_000} megapixels; "
                "export it smaller (3000 pixels across is plenty)",
                key="card.image",
            )
        extension = PHOTO_EXTENSIONS.get(kind)
        if extension is None:
            raise InputError(
                f"a {kind.upper()} picture cannot be printed; use a JPEG, PNG or WebP file", key="card.image"
            )
        name = f"photo.{extension}"
        with session.lock:
            session.save_upload(name, body)
            session.cached_key = ""
        return json_response({"session": session.id, "name": name, "width": width, "height": height})

    def recipients(self, query: dict[str, str], body: bytes) -> Response:
        """Keep an uploaded recipients CSV in the session (an empty body removes it)."""
        session = self._session(query)
        if len(body) > MAX_CSV:
            raise TooLarge(
                f"the CSV is {len(body) / 1e6:.1f} MB; the limit is {MAX_CSV >> 20} MB: "
                "split it into smaller files",
                key="recipients",
            )
        with session.lock:
            if body:
                session.save_upload(CSV_NAME, body)
            else:
                (session.folder / CSV_NAME).unlink(missing_ok=True)
            session.cached_key = ""
        return json_response({"session": session.id, "csv": bool(body)})

    def rows(self, query: dict[str, str], body: bytes) -> Response:
        """The CSV's rows with their status: built, warning or skipped, and why."""
        from cardgen.api import check

        request = _json(body)
        session = self._session({"session": request.get("session", "")})
        hide = f"{session.folder}/"
        with session.lock:
            if session.csv_path is None:
                return json_response({"rows": []})
            try:
                note = self._note(session, request.get("note"))
                with self.render_lock:
                    report = check(note, recipients=session.csv_path).as_dict()
            except InputError as error:
                return error_response(error, hide=hide)
        rows = views.recipient_rows(report)
        for row in rows:
            row["detail"] = row["detail"].replace(hide, "")
        return json_response({"rows": rows})

    def kit(self, query: dict[str, str], body: bytes) -> Response:
        """The kit as `cardgen build` writes it: one file (`name`) or all of them in a zip with the note."""
        from cardgen.api import render_kit

        request = _json(body)
        session = self._session({"session": request.get("session", "")})
        hide = f"{session.folder}/"
        with session.lock:
            try:
                data = forms.form_to_note(request.get("note") or {})
                note = self._note(session, request.get("note"))
                with self.render_lock:
                    csv = session.csv_path if request.get("all") else None
                    files, _ = render_kit(note, recipients=csv, workers=0)  # no fork in a threaded server
            except InputError as error:
                return error_response(error, hide=hide)
        name = str(request.get("name") or "")
        if name:
            if name not in files:
                raise InputError(f"the kit has no file '{name}'", key="name")
            return Response(200, files[name], _file_type(name), _attachment(name))
        files["note.toml"] = forms.note_toml(data).encode()
        photo = data.get("card", {}).get("image")
        if photo and (session.folder / photo).is_file():
            files[photo] = (session.folder / photo).read_bytes()
        if csv is not None:  # with the note, `cardgen build note.toml --recipients recipients.csv` again
            files["recipients.csv"] = csv.read_bytes()
        return Response(200, _zip(files), "application/zip", _attachment("cardgen-kit.zip"))

    def toml(self, query: dict[str, str], body: bytes) -> Response:
        """The form as a note file."""
        request = _json(body)
        text = forms.note_toml(forms.form_to_note(request.get("note") or {}))
        return Response(200, text.encode(), "application/toml; charset=utf-8", _attachment("note.toml"))

    def open_note(self, query: dict[str, str], body: bytes) -> Response:
        """A note file's text as the form's values."""
        if len(body) > MAX_JSON:
            raise TooLarge("the note file is over 1 MB; is it really a note?", key="open")
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text; save the note file as UTF-8", key="open") from None
        return json_response({"note": forms.read_note_text(text, query.get("name", "note.toml")[:80])})


def confine(data: dict[str, Any]) -> None:
    """Keep the page to its own files: a built-in template (or the message written out) and the
    photo uploaded to this session, never a path to a file elsewhere on the machine."""
    from cardgen import catalog

    template = data.get("template")
    if template is not None and template not in catalog.templates():
        raise InputError(
            f"'{template}' is not one of the page's templates; choose one, or write your own words "
            "(a template file of your own works with the cardgen command)",
            key="template",
        )
    image = data.get("card", {}).get("image")
    if image is not None and image not in PHOTO_NAMES:
        raise InputError("upload the photo here (the page reads no other file)", key="card.image")


def _json(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_JSON:
        raise TooLarge("the request is over 1 MB; shorten the message", key="note")
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise InputError("the page sent something that is not JSON; reload the page", key="note") from None
    if not isinstance(data, dict):
        raise InputError("the page sent something that is not a request; reload the page", key="note")
    return data


def _file_type(name: str) -> str:
    return {".pdf": "application/pdf", ".json": "application/json", ".ics": "text/calendar"}.get(
        Path(name).suffix, "text/plain; charset=utf-8"
    )


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), files[name], zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


ROUTES = {
    ("GET", "/"): App.index,
    ("GET", "/api/start"): App.start,
    ("GET", "/api/address"): App.address,
    ("POST", "/api/preview"): App.preview,
    ("POST", "/api/photo"): App.photo,
    ("POST", "/api/recipients"): App.recipients,
    ("POST", "/api/rows"): App.rows,
    ("POST", "/api/kit"): App.kit,
    ("POST", "/api/toml"): App.toml,
    ("POST", "/api/open"): App.open_note,
}
