"""Optional fonts (Japanese, Chinese, Korean): their groups, which are installed, the error naming
the command that installs them, and installing them into the user's font folder (downloaded, checked
and written whole by fontfetch.py) with their licences, their metrics measured once and kept there."""

from __future__ import annotations

import io
import json
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cardgen.errors import InputError, OutputError
from cardgen.fontfetch import DownloadError, Progress, extract, fetch, sha256_of, write_part
from cardgen.fonts import KEPT_METRICS, FontInfo, bundled_fonts, forget, measure
from cardgen.resources import layouts_dir, user_fonts_dir
from cardgen.scripts import HAN_LANGUAGES

__all__ = [
    "DownloadError",
    "FontGroup",
    "OptionalFont",
    "Progress",
    "font_groups",
    "install",
    "needs_fonts_error",
]

LICENCE_MEMBER = "package/LICENSE_FONT"  # the OFL with the font's copyright, in every package
LICENCE_FILE = "LICENSE.txt"  # what it is called beside the installed font


@dataclass(frozen=True)
class OptionalFont:
    """An optional font: its entry (package, member, integrity, path), its licence, the installed
    file's size and sha256 and the tarball's size, all from layouts/fonts.toml."""

    info: FontInfo
    licence: str
    size: int
    sha256: str
    download: int

    @property
    def name(self) -> str:
        """The family's name without what it is for: 'Klee One'."""
        return self.info.label.split(" (")[0]

    @property
    def licence_path(self) -> Path:
        """Where the licence goes: LICENSE.txt beside the font."""
        return self.info.path.parent / LICENCE_FILE

    def as_dict(self) -> dict[str, Any]:
        """The font as data: key, label, role, path, package, name, licence, size and download."""
        info, fields = (
            self.info,
            {name: getattr(self, name) for name in ("name", "licence", "size", "download")},
        )
        return {"key": info.key, "label": info.label, "role": info.role, "path": str(info.path)} | fields


@dataclass(frozen=True)
class FontGroup:
    """A group of optional fonts as it stands now: its fonts and the keys of those installed (the
    right file, with its licence beside it)."""

    name: str
    language: str
    fonts: tuple[OptionalFont, ...]
    installed: frozenset[str]

    @property
    def complete(self) -> bool:
        """Whether every font of the group is installed."""
        return all(font.info.key in self.installed for font in self.fonts)

    @property
    def size(self) -> int:
        """The installed files' bytes."""
        return sum(font.size for font in self.fonts)

    @property
    def download(self) -> int:
        """The bytes downloaded to install the whole group."""
        return sum(font.download for font in self.fonts)

    @property
    def command(self) -> str:
        """The command that installs the group."""
        return f"cardgen fonts install {self.name}"

    def as_dict(self) -> dict[str, Any]:
        """The group as data (cardgen fonts --json), each font's with whether it is installed."""
        fonts = [font.as_dict() | {"installed": font.info.key in self.installed} for font in self.fonts]
        fields = {name: getattr(self, name) for name in ("name", "language", "size", "download", "command")}
        return fields | {"installed": self.complete, "fonts": fonts}


def optional_fonts() -> dict[str, OptionalFont]:
    """Every optional font by key, in fonts.toml's order."""
    with (layouts_dir() / "fonts.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {
        key: OptionalFont(
            info, table[key]["licence"], table[key]["size"], table[key]["sha256"], table[key]["download"]
        )
        for key, info in bundled_fonts().items()
        if info.group is not None
    }


def is_installed(font: OptionalFont) -> bool:
    """Whether the font's file is there with the size and sha256 fonts.toml names, its licence beside it."""
    path = font.info.path
    if not (font.licence_path.is_file() and path.is_file() and path.stat().st_size == font.size):
        return False
    return sha256_of(path) == font.sha256


def font_groups() -> list[FontGroup]:
    """Each group of optional fonts (ja, zh, ko) with its fonts, their sizes and which are installed."""
    return [
        FontGroup(
            name, group.language, group.fonts, frozenset(f.info.key for f in group.fonts if is_installed(f))
        )
        for name, group in _groups().items()
    ]


def megabytes(size: int) -> str:
    """'13 MB', '9.4 MB': a size as people read it."""
    return f"{size / 1e6:.0f} MB" if size >= 9.95e6 else f"{size / 1e6:.1f} MB"


def needs_fonts_error(font: str, *, key: str = "", file: str = "", line: int | None = None) -> InputError:
    """The error for text that needs an optional font not installed: its language, the group's fonts
    and size, and the command that installs them. `font`: a font key or a group name; key, file and
    line say where the text or setting that needs it stands."""
    group = _groups()[_group_name(font)]
    names = ", ".join(member.name for member in group.fonts)
    return InputError(
        f"{group.language} text needs the optional {group.language} fonts ({names}; "
        f'{megabytes(group.size)}): run "{group.command}"',
        key=key,
        file=file,
        line=line,
    )


def install(groups: Iterable[str], progress: Progress | None = None) -> list[Path]:
    """Install the fonts of these groups ("ja", "zh", "ko", or a language's name) into the user's font
    folder, each with its licence, and keep their metrics there; returns the font files written now.
    A font already installed is not fetched again. Raises DownloadError (network, integrity) or
    OutputError (the folder) naming the package; no file is left half-written either way."""
    tell: Progress = progress or (lambda text, done, total: None)
    chosen = list(dict.fromkeys(_group_name(name) for name in groups))
    if not chosen:
        raise InputError(f"name the font groups to install: {_group_list()}")
    fonts = list({font.info.key: font for name in chosen for font in _groups()[name].fonts}.values())
    missing: dict[str, list[OptionalFont]] = {}
    there = []
    for font in fonts:
        if is_installed(font):
            there.append(font)
        else:
            missing.setdefault(font.info.package, []).append(font)
    _keep_metrics(there, tell)
    written: list[Path] = []
    for package, members in missing.items():
        places = {LICENCE_MEMBER: [font.licence_path for font in members]}
        places |= {font.info.member: [font.info.path] for font in members}
        with fetch(package, members[0].info.integrity, members[0].download, tell) as tarball:
            extract(tarball, package, places, {font.info.member: font.sha256 for font in members})
        written += [font.info.path for font in members]
        for font in members:
            tell(f"{font.name}: installed {font.info.path}", 0, 0)
        _keep_metrics(members, tell)
    forget()  # this process draws with the new fonts from now on
    return written


def _group_name(name: str) -> str:
    wanted = name.strip().lower()
    for group, language in HAN_LANGUAGES.items():
        if wanted in (group, language.lower()):
            return group
    if wanted in _groups():
        return wanted
    font = optional_fonts().get(wanted)
    if font is not None and font.info.group:
        return font.info.group
    raise InputError(f"unknown font group '{name}'; the groups are {_group_list()}")


def _group_list() -> str:
    return ", ".join(f"{group.name} ({group.language})" for group in _groups().values())


def _groups() -> dict[str, FontGroup]:
    """The groups by name, in fonts.toml's order, nothing installed."""
    fonts = list(optional_fonts().values())
    names = dict.fromkeys(str(font.info.group) for font in fonts)
    return {
        name: FontGroup(
            name, HAN_LANGUAGES.get(name, name), tuple(f for f in fonts if f.info.group == name), frozenset()
        )
        for name in names
    }


def _keep_metrics(fonts: list[OptionalFont], tell: Progress) -> None:
    """Measure the installed fonts whose metrics are not kept for their very file, once, and keep
    them in the font folder's metrics.json, which cardgen.fonts reads instead of measuring."""
    path = user_fonts_dir() / KEPT_METRICS
    kept = _read_json(path)
    stale = [font for font in fonts if kept.get(font.info.key, {}).get("sha256") != font.sha256]
    if not stale:
        return
    for font in stale:
        tell(f"{font.name}: measuring its metrics (once; kept in {path})", 0, 0)
        kept[font.info.key] = measure(font.info.path)
    try:
        written = write_part(path, io.BytesIO(json.dumps(kept, indent=0, sort_keys=True).encode() + b"\n"))
        os.replace(written, path)
    except OSError as error:
        raise OutputError(f"could not write {path}: {error.strerror or error}") from None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: written anew
    return data if isinstance(data, dict) else {}
