"""The page's sessions, one per browser tab: a private temporary folder for its uploads (the photo,
the recipients CSV) and its last preview, each used under the session's own lock; all removed on exit."""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardgen.errors import InputError

MAX_SESSIONS = 32  # tabs kept at once; the oldest unused is dropped beyond this
PHOTO_NAMES = ("photo.jpg", "photo.jpeg", "photo.png", "photo.webp", "photo.tif", "photo.tiff", "photo.gif")
CSV_NAME = "recipients.csv"


@dataclass
class Session:
    """One tab's folder and cache; `lock` is held while it renders or takes an upload."""

    id: str
    folder: Path
    lock: threading.Lock = field(default_factory=threading.Lock)
    cached_key: str = ""
    cached: dict[str, Any] | None = None

    @property
    def note_path(self) -> Path:
        """Where the note is said to be: messages name it note.toml, and a photo name is relative to it."""
        return self.folder / "note.toml"

    @property
    def csv_path(self) -> Path | None:
        """The uploaded recipients CSV, if any."""
        path = self.folder / CSV_NAME
        return path if path.exists() else None

    def cache(self, form: Any, result: dict[str, Any]) -> None:
        """Keep the last render, keyed by the form that made it."""
        self.cached_key, self.cached = json.dumps(form, sort_keys=True), result

    def cached_for(self, form: Any) -> dict[str, Any] | None:
        """The last render if it was made from this very form."""
        return self.cached if self.cached_key == json.dumps(form, sort_keys=True) else None

    def save_upload(self, name: str, data: bytes) -> None:
        """Write an upload into the session's folder (the name is one of ours, never the user's)."""
        if name.startswith("photo."):
            for old in PHOTO_NAMES:
                (self.folder / old).unlink(missing_ok=True)
        (self.folder / name).write_bytes(data)


class Sessions:
    """Every session of a server, under one temporary folder removed by `close`."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="cardgen-web-"))
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def new(self) -> Session:
        """A fresh session with its own folder."""
        with self._lock:
            while len(self._sessions) >= MAX_SESSIONS:
                _, oldest = self._sessions.popitem(last=False)
                shutil.rmtree(oldest.folder, ignore_errors=True)
            session_id = secrets.token_urlsafe(16)
            folder = self.root / session_id
            folder.mkdir()
            session = self._sessions[session_id] = Session(session_id, folder)
            return session

    def get(self, session_id: Any) -> Session:
        """The session by id, or a new one when the id is unknown (the server was restarted)."""
        with self._lock:
            session = self._sessions.get(str(session_id or ""))
            if session is not None:
                self._sessions.move_to_end(session.id)
                return session
        return self.new()

    def close(self) -> None:
        """Remove every session's files."""
        with self._lock:
            self._sessions.clear()
            shutil.rmtree(self.root, ignore_errors=True)


def check_session_id(value: Any) -> str:
    """A session id as sent by the page; an InputError when it is not one of ours in form."""
    text = str(value or "")
    if len(text) > 64 or not all(c.isalnum() or c in "-_" for c in text):
        raise InputError("not a session of this page; reload the page", key="session")
    return text
