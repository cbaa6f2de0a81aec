"""Output files written atomically: temporary names first, then all renamed into place together."""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cardgen.errors import OutputError

OUTPUT_FILES = (
    "card.pdf",
    "card-fronts.pdf",
    "card-backs.pdf",
    "envelope.pdf",
    "guide.pdf",
    "manifest.json",
    "message.txt",
    "followup.ics",
    "checklist.pdf",
)
SVG_FILE = re.compile(r"(guide-\d+|message-[a-z-]+)\.svg")  # build --format svg
RECIPIENT_FOLDER = re.compile(r"\d{3,}-[a-z0-9-]*")  # --split: 001-dana-rivera/


def is_build_output(name: str) -> bool:
    """Whether a name is one `build` writes: a file, a --split recipient folder, or a temporary file."""
    return (
        name in OUTPUT_FILES
        or RECIPIENT_FOLDER.fullmatch(name) is not None
        or any(name.startswith(f".{output}.") for output in OUTPUT_FILES)
        or name.startswith(".part")  # a long run's part files, should one be interrupted hard
        or SVG_FILE.fullmatch(name.lstrip(".").split(".svg")[0] + ".svg") is not None
    )


def refuse_foreign(out_dir: Path, ours: Callable[[str], bool], force: bool) -> None:
    """An OutputError when out_dir is a file, or holds files cardgen did not make (unless force)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; give -o a folder name")
    if out_dir.is_dir() and not force:
        foreign = sorted(p.name for p in out_dir.iterdir() if not ours(p.name))
        if foreign:
            listed = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
            raise OutputError(
                f"holds files cardgen did not make ({listed}); choose an empty or new folder, "
                "or let cardgen write beside them",
                file=str(out_dir),
                allow="force",
            )


class Staging:
    """Files being made in a folder under temporary names; commit() renames them all into place
    together and removes our files of an earlier run that this run did not make."""

    def __init__(self, out_dir: Path, ours: Callable[[str], bool]) -> None:
        self.out_dir = out_dir
        self.ours = ours
        self.temporary: dict[str, Path] = {}

    def path(self, name: str) -> Path:
        """A temporary file that becomes `name` (which may be "folder/file") on commit."""
        folder = (self.out_dir / name).parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{Path(name).name}.", dir=folder)
        os.close(handle)
        self.temporary[name] = Path(temp)
        return Path(temp)

    def write(self, name: str, data: bytes) -> None:
        """Stage a file's whole content."""
        self.path(name).write_bytes(data)

    def commit(self) -> None:
        mode = 0o666 & ~_umask()
        for temp in self.temporary.values():
            os.chmod(temp, mode)
        tops = {name.split("/")[0] for name in self.temporary}
        with _uninterrupted():  # all renamed or, if an error stops us, the old files stay as they were
            for name, temp in self.temporary.items():
                os.replace(temp, self.out_dir / name)
            for stale in self.out_dir.iterdir():
                if self.ours(stale.name) and stale.name not in tops and not stale.name.startswith("."):
                    shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        self.temporary.clear()

    def discard(self) -> None:
        for temp in self.temporary.values():
            temp.unlink(missing_ok=True)


@contextmanager
def staged(
    out_dir: Path, *, force: bool = False, ours: Callable[[str], bool] = is_build_output
) -> Iterator[Staging]:
    """A Staging for out_dir, committed when the block ends normally; on an error or Ctrl-C every
    temporary file goes and earlier outputs stay exactly as they were."""
    refuse_foreign(out_dir, ours, force)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the folder ({error.strerror})") from None
    staging = Staging(out_dir, ours)
    try:
        yield staging
        staging.commit()
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot write ({error.strerror})") from None
    finally:
        staging.discard()


def write_files(
    files: dict[str, bytes],
    out_dir: Path,
    *,
    force: bool = False,
    ours: Callable[[str], bool] = is_build_output,
) -> None:
    """Write every file atomically (see staged); a folder holding files cardgen did not make is
    refused unless `force`."""
    with staged(out_dir, force=force, ours=ours) as staging:
        for name, data in files.items():
            staging.write(name, data)


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
