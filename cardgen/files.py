"""Output files written atomically: temporary names first, then all renamed into place together."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cardgen.errors import OutputError

OUTPUT_FILES = ("card.pdf", "envelope.pdf", "guide.pdf", "manifest.json", "message.txt", "followup.ics")


def is_build_output(name: str) -> bool:
    """Whether a file name is one `build` writes (or a temporary file of an interrupted write)."""
    return name in OUTPUT_FILES or any(name.startswith(f".{output}.") for output in OUTPUT_FILES)


def write_files(
    files: dict[str, bytes],
    out_dir: Path,
    *,
    force: bool = False,
    ours: Callable[[str], bool] = is_build_output,
) -> None:
    """Write every file atomically: all to temporary names first, then each renamed into place, and
    files of ours (`ours` says which) from an earlier run that this run does not make are removed, so
    the folder holds one consistent set. A folder holding files cardgen did not make is refused
    unless `force`."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; give -o a folder name")
    if out_dir.is_dir() and not force:
        foreign = sorted(p.name for p in out_dir.iterdir() if not ours(p.name))
        if foreign:
            listed = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
            raise OutputError(
                f"{out_dir}: holds files cardgen did not make ({listed}); choose an empty or new folder, "
                "or add --force to write beside them"
            )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the folder ({error.strerror})") from None
    temporary: dict[str, str] = {}
    try:
        for name, data in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            temporary[name] = temp
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp, 0o666 & ~_umask())
        with _uninterrupted():  # all renamed or, if an error stops us, the old files stay as they were
            for name, temp in temporary.items():
                os.replace(temp, out_dir / name)
            for stale in out_dir.iterdir():
                if ours(stale.name) and stale.name not in files and not stale.name.startswith("."):
                    stale.unlink()
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot write ({error.strerror})") from None
    finally:
        for temp in temporary.values():
            if os.path.exists(temp):
                os.unlink(temp)


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back while files are renamed into place, so a set is never half swapped."""
    main_thread = threading.current_thread() is threading.main_thread()
    if main_thread and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if main_thread and hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
