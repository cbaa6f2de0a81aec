"""A package's tarball from the npm registry, kept only once its digest is the pinned integrity, and
members of it written into place atomically (a temporary name beside each, then renamed)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

from cardgen.errors import CardgenError, OutputError

REGISTRY = "https://registry.npmjs.org"  # $CARDGEN_NPM_REGISTRY replaces it (a mirror, a test's server)
TIMEOUT = 30  # seconds to connect, or to wait for the next bytes, before a download is given up
CHUNK = 1 << 16

Progress = Callable[[str, int, int], None]
"""Told (text, done, total): during a download, `text` names the package and done and total are its
bytes (done 0 first, done == total last); for any other step, done and total are 0."""


class DownloadError(CardgenError):
    """A package could not be downloaded, or is not the file that was pinned."""


def tarball_url(package: str) -> str:
    """Where the registry keeps a package's tarball: '@scope/name@1.0' -> BASE/@scope/name/-/name-1.0.tgz,
    BASE being $CARDGEN_NPM_REGISTRY or the npm registry."""
    name, _, version = package.rpartition("@")
    base = (os.environ.get("CARDGEN_NPM_REGISTRY") or REGISTRY).rstrip("/")
    return f"{base}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def fetch(package: str, integrity: str, expected: int, tell: Progress) -> IO[bytes]:
    """The package's tarball ("@scope/name@version") in an anonymous temporary file (gone once closed,
    or if the process dies), at its start, once its digest is `integrity` (npm's "sha512-<base64>").
    `expected`: its size, shown when the server does not say. Proxies come from the environment."""
    import urllib.error
    import urllib.request
    from http.client import HTTPException

    url = tarball_url(package)
    algorithm, _, digest_b64 = integrity.partition("-")
    digest = hashlib.new(algorithm)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "cardgen"})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            total = int(response.headers.get("Content-Length") or expected or 0)
            text = f"downloading {package} ({total / 1e6:.1f} MB)"
            done, told = 0, 0
            tell(text, 0, total)
            while chunk := response.read(CHUNK):
                spool.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if done < total and done * 100 // total > told:  # at most once a percent
                    told = done * 100 // total
                    tell(text, done, total)
            tell(text, done, done)
    except urllib.error.HTTPError as error:
        spool.close()
        raise DownloadError(
            f"could not download {package}: the registry answered {error.code} {error.reason} for {url}"
        ) from None
    except (urllib.error.URLError, HTTPException, OSError) as error:
        spool.close()
        reason = getattr(error, "reason", None) or error
        raise DownloadError(
            f"could not download {package} from {url}: {reason}; check the connection "
            "(and $HTTPS_PROXY if you use a proxy), then run the command again"
        ) from None
    except BaseException:
        spool.close()
        raise
    if base64.b64encode(digest.digest()).decode() != digest_b64:
        spool.close()
        raise DownloadError(
            f"{package}: the download from {url} does not match its pinned integrity ({algorithm}); "
            "nothing was installed; run the command again, or check $CARDGEN_NPM_REGISTRY if you set it"
        )
    spool.seek(0)
    return spool


def extract(
    tarball: IO[bytes], package: str, places: Mapping[str, Sequence[Path]], sha256: Mapping[str, str]
) -> None:
    """Only the members named in `places` ("package/LICENSE_FONT": [where it goes, ...]), each written
    whole to a temporary name beside each of its places, a member in `sha256` checked, then all renamed
    into place in the order of `places` once every one is there. Raises DownloadError (a member absent,
    not the file pinned, an unreadable tarball) or OutputError, leaving no file and no folder made."""
    import tarfile

    parts: dict[str, list[tuple[Path, Path]]] = {}  # member -> [(temporary file, its place)]
    made: list[Path] = []  # folders made here, removed again if it fails
    done = False
    try:
        with tarfile.open(fileobj=tarball, mode="r|gz") as archive:
            for member in archive:
                if member.name not in places or member.name in parts:
                    continue
                source = archive.extractfile(member) if member.isfile() else None
                if source is None:
                    raise DownloadError(f"{package}: {member.name} in its tarball is not a file")
                several = source.read() if len(places[member.name]) > 1 else None
                parts[member.name] = written = []
                for place in places[member.name]:
                    written.append(
                        (write_part(place, source if several is None else io.BytesIO(several), made), place)
                    )
                wanted = sha256.get(member.name)
                if wanted and sha256_of(parts[member.name][0][0]) != wanted:
                    raise DownloadError(
                        f"{package}: {member.name} is not the file pinned for it (its sha256 differs); "
                        "nothing was installed"
                    )
        absent = [name for name in places if name not in parts]
        if absent:
            raise DownloadError(f"{package}: its tarball has no {absent[0]}; nothing was installed")
        for name in places:
            for part, place in parts[name]:
                os.replace(part, place)
        done = True
    except OSError as error:
        where = error.filename or next(iter(places.values()))[0].parent
        raise OutputError(
            f"{package}: could not write {where}: {error.strerror or error}; set $CARDGEN_FONTS to a "
            "folder you can write, or free some room"
        ) from None
    except tarfile.TarError as error:
        raise DownloadError(
            f"{package}: its tarball cannot be read ({error}); nothing was installed"
        ) from None
    finally:
        if not done:
            for part, _ in (pair for pairs in parts.values() for pair in pairs):
                part.unlink(missing_ok=True)
            for folder in reversed(made):
                with contextlib.suppress(OSError):  # not empty: something else is in it
                    folder.rmdir()


def write_part(place: Path, source: IO[bytes], made: list[Path] | None = None) -> Path:
    """The source written whole to a hidden temporary file beside `place`, its folders made (and
    listed in `made`); rename it onto `place` to put it there."""
    missing = [folder for folder in (place.parent, *place.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir()
        if made is not None:
            made.append(folder)
    handle, name = tempfile.mkstemp(dir=place.parent, prefix=f".{place.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def sha256_of(path: Path) -> str:
    """The file's sha256, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
