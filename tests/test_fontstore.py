"""The optional fonts: installed from tarballs a real HTTP server on loopback serves as the npm registry
does ($CARDGEN_NPM_REGISTRY), laid out as the real packages are (package/…, a bundled TTF as the
member, the OFL as LICENSE_FONT) with their real sha512 integrity; and the fonts `make optional-fonts`
fetched from the real registry, checked against what layouts/fonts.toml pins."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import socket
import tarfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import cardgen
from cardgen import fontfetch, fonts, fontstore
from cardgen.errors import CardgenError
from cardgen.fontstore import DownloadError, OptionalFont
from cardgen.resources import user_fonts_dir
from tests.conftest import ROOT, run

SMALL_HAND = ROOT / "fonts" / "DancingScript" / "DancingScript-Regular.ttf"  # 81 KB: stands in for CJK
SMALL_TEXT = ROOT / "fonts" / "NotoSansHebrew" / "NotoSansHebrew-Regular.ttf"  # 48 KB
LICENCE = (ROOT / "fonts" / "NotoSans" / "LICENSE.txt").read_bytes()


class Registry:
    """npm-style tarballs served over real HTTP from a folder; every request path is recorded."""

    def __init__(self, root: Path) -> None:
        self.root, self.requests = root, []
        handler = partial(_Handler, self.requests, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def publish(self, package: str, files: dict[str, bytes]) -> tuple[str, int]:
        """A tarball of `files` where the registry keeps `package`; its integrity and size."""
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            for name, data in files.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        data = buffer.getvalue()
        path = self.root / fontfetch.tarball_url(package).removeprefix(self.url + "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode(), len(data)


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, requests: list[str], *args: Any, **kwargs: Any) -> None:
        self.requests = requests
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        self.requests.append(self.path)


class Store:
    """The user's font folder in tmp, and the registry whose packages it installs."""

    def __init__(self, folder: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.registry, self.monkeypatch = folder, registry, monkeypatch
        self.table = fontstore.optional_fonts()

    def publish(self, group: str, files: dict[str, bytes] | None = None) -> dict[str, OptionalFont]:
        """The group's packages as tarballs laid out like the real ones (a small bundled TTF as each
        member), and the fonts pinned to them, as layouts/fonts.toml pins the real ones."""
        for key, font in self.table.items():
            if font.info.group != group:
                continue
            ttf = (SMALL_TEXT if font.info.role == "text" else SMALL_HAND).read_bytes()
            given = files if files is not None else {"package/LICENSE_FONT": LICENCE, font.info.member: ttf}
            integrity, size = self.registry.publish(
                font.info.package, {"package/README.md": b"# font\n", **given}
            )
            info = replace(font.info, integrity=integrity)
            sha256 = hashlib.sha256(ttf).hexdigest()
            self.table[key] = replace(font, info=info, size=len(ttf), sha256=sha256, download=size)
        self.monkeypatch.setattr(fontstore, "optional_fonts", lambda: dict(self.table))
        return {key: font for key, font in self.table.items() if font.info.group == group}

    def files(self) -> list[str]:
        """Every file and folder in the font folder, hidden ones included."""
        return sorted(str(path.relative_to(self.folder)) for path in self.folder.rglob("*"))


def _forget() -> None:
    fonts.forget()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("CARDGEN_FONTS", str(tmp_path / "fonts"))
    for name in ("no_proxy", "NO_PROXY"):  # a proxy set in the environment is not asked for loopback
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    registry = Registry(tmp_path / "registry")
    monkeypatch.setenv("CARDGEN_NPM_REGISTRY", registry.url)
    _forget()
    yield Store(tmp_path / "fonts", registry, monkeypatch)
    registry.server.shutdown()
    registry.server.server_close()
    _forget()


def test_a_group_installs_from_the_registry_with_its_licences_and_kept_metrics(store: Store) -> None:
    published = store.publish("ja")
    assert "klee-one" not in fonts.metrics("caveat").fonts_for("Jpan")  # read before the install
    told: list[tuple[str, int, int]] = []
    written = cardgen.install_fonts(["ja"], progress=lambda *step: told.append(step))
    assert written == [font.info.path for font in published.values()]
    assert store.registry.requests == [
        "/@expo-google-fonts/klee-one/-/klee-one-0.4.1.tgz",
        "/@expo-google-fonts/noto-sans-jp/-/noto-sans-jp-0.4.3.tgz",
    ]
    assert store.files() == [
        "KleeOne",
        "KleeOne/KleeOne-Regular.ttf",
        "KleeOne/LICENSE.txt",
        "NotoSansJP",
        "NotoSansJP/LICENSE.txt",
        "NotoSansJP/NotoSansJP-Regular.ttf",
        "metrics.json",
    ], "the member and the licence only, nothing half-written or temporary"
    assert (store.folder / "KleeOne" / "KleeOne-Regular.ttf").read_bytes() == SMALL_HAND.read_bytes()
    assert (store.folder / "NotoSansJP" / "LICENSE.txt").read_bytes() == LICENCE
    kept = json.loads((store.folder / "metrics.json").read_text())
    assert kept["klee-one"] == fonts.measure(store.folder / "KleeOne" / "KleeOne-Regular.ttf")
    assert set(kept) == {"klee-one", "noto-sans-jp"}
    downloads = [step for step in told if step[2]]
    assert downloads[0][1] == 0 and downloads[-1][1] == downloads[-1][2] == published["noto-sans-jp"].download
    assert [group.complete for group in cardgen.font_groups()] == [True, False, False]
    assert fonts.bundled_fonts()["klee-one"].installed
    assert "klee-one" in fonts.metrics("caveat").fonts_for("Jpan")  # this process uses it at once


def test_an_installed_font_is_measured_from_its_kept_metrics_not_parsed_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.publish("ko")
    cardgen.install_fonts(["ko"])
    measured = fonts.measure(store.folder / "NanumPenScript" / "NanumPenScript-Regular.ttf")

    def no_measuring(path: Path) -> dict[str, Any]:
        raise AssertionError(f"{path} parsed again: its kept metrics were not used")

    monkeypatch.setattr(fonts, "measure", no_measuring)
    kept = fonts.metrics("nanum-pen-script")
    assert kept.x_height == measured["x_height"] and kept.width("Ab", 10) > 0


def test_an_installed_font_is_not_fetched_again_but_a_damaged_one_is(store: Store) -> None:
    store.publish("ja")
    cardgen.install_fonts(["ja"])
    before = list(store.registry.requests)
    assert cardgen.install_fonts(["ja", "Japanese"]) == []
    assert store.registry.requests == before, "nothing fetched for fonts already installed"
    with (store.folder / "NotoSansJP" / "NotoSansJP-Regular.ttf").open("ab") as handle:
        handle.write(b"\0")  # not the pinned file any more
    assert cardgen.install_fonts(["ja"]) == [store.folder / "NotoSansJP" / "NotoSansJP-Regular.ttf"]
    assert store.registry.requests[len(before) :] == [
        "/@expo-google-fonts/noto-sans-jp/-/noto-sans-jp-0.4.3.tgz"
    ]
    assert (store.folder / "NotoSansJP" / "NotoSansJP-Regular.ttf").read_bytes() == SMALL_TEXT.read_bytes()


def test_a_download_that_is_not_the_pinned_one_installs_nothing(store: Store) -> None:
    store.publish("zh")
    tarball = store.registry.root / "@expo-google-fonts/ma-shan-zheng/-/ma-shan-zheng-0.4.3.tgz"
    tarball.write_bytes(tarball.read_bytes()[:-1] + b"\1")  # one byte changed on the way
    with pytest.raises(DownloadError) as raised:
        fontstore.install(["zh"])
    message = str(raised.value)
    assert "@expo-google-fonts/ma-shan-zheng@0.4.3" in message and "integrity" in message
    assert "\n" not in message and raised.value.exit_status == 2
    assert not store.folder.exists(), "nothing extracted, no folder made"


def test_a_tarball_without_its_font_or_licence_installs_nothing(store: Store) -> None:
    store.publish("ko", {"package/LICENSE_FONT": LICENCE})
    with pytest.raises(
        DownloadError, match=r"nanum-pen-script@0.4.0: its tarball has no package/400Regular/"
    ):
        fontstore.install(["ko"])
    assert not store.folder.exists()
    store.publish("ko", {"package/400Regular/NanumPenScript_400Regular.ttf": SMALL_HAND.read_bytes()})
    with pytest.raises(DownloadError, match="its tarball has no package/LICENSE_FONT"):
        fontstore.install(["ko"])
    assert not store.folder.exists(), "the font written to a temporary name is removed with its folder"


def test_an_interrupted_install_keeps_the_whole_fonts_and_no_part(store: Store) -> None:
    store.publish("ja")

    def interrupt_second_download(text: str, done: int, total: int) -> None:
        if "noto-sans-jp" in text and done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fontstore.install(["ja"], interrupt_second_download)
    assert store.files() == ["KleeOne", "KleeOne/KleeOne-Regular.ttf", "KleeOne/LICENSE.txt", "metrics.json"]
    listed = run("fonts")
    assert "ja  Japanese: 1 of 2 installed" in listed.output and "cardgen fonts install ja" in listed.output


def test_an_unreachable_registry_is_one_line_naming_the_package(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("CARDGEN_NPM_REGISTRY", f"http://127.0.0.1:{port}")
    result = run("fonts", "install", "ko")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "cardgen: could not download @expo-google-fonts/nanum-pen-script@0.4.0 from "
    )
    assert "check the connection" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not store.folder.exists()


def test_a_package_the_registry_does_not_have_is_named_with_its_answer(store: Store) -> None:
    with pytest.raises(DownloadError, match=r"could not download @expo-google-fonts/klee-one@0.4.1: .* 404 "):
        fontstore.install(["ja"])  # nothing published
    assert not store.folder.exists()


def test_the_fonts_command_lists_and_installs(store: Store) -> None:
    listed = run("fonts")
    assert listed.exit_code == 0
    assert f"installed into {store.folder}" in listed.output
    assert "ja  Japanese: not installed (13 MB; a 38 MB download): cardgen fonts install ja" in listed.output
    assert (
        "noto-sans-sc      Noto Sans SC (Simplified Chinese addresses); 11 MB, not installed" in listed.output
    )
    assert "licence OFL-1.1" in listed.output and "LICENSE.txt" in listed.output
    data = json.loads(run("fonts", "--json").output)
    assert data["folder"] == str(store.folder)
    assert [(g["name"], g["installed"], g["command"]) for g in data["groups"]] == [
        ("ja", False, "cardgen fonts install ja"),
        ("zh", False, "cardgen fonts install zh"),
        ("ko", False, "cardgen fonts install ko"),
    ]
    assert data["groups"][0]["fonts"][0]["path"] == str(store.folder / "KleeOne" / "KleeOne-Regular.ttf")
    store.publish("ko")
    installed = run("fonts", "install", "ko")
    assert installed.exit_code == 0, installed.stderr
    assert installed.stdout == f"installed 2 fonts (0.1 MB) into {store.folder}\n"
    assert "downloading @expo-google-fonts/nanum-pen-script@0.4.0" in installed.stderr
    assert "Noto Sans KR: installed " in installed.stderr
    assert "ko  Korean: installed" in run("fonts").output
    again = run("fonts", "install", "KO")
    assert again.exit_code == 0 and again.stdout.startswith("nothing to install")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "cardgen: name the groups to install (ja, zh, ko), or --all; cardgen fonts lists them\n"),
        (
            ("jp",),
            "cardgen: unknown font group 'jp'; the groups are ja (Japanese), zh (Chinese), ko (Korean)\n",
        ),
        (("ja", "--all"), "cardgen: give either group names or --all, not both\n"),
    ],
)
def test_naming_no_group_or_an_unknown_one_is_a_one_line_error(
    store: Store, args: tuple[str, ...], message: str
) -> None:
    result = run("fonts", "install", *args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert store.registry.requests == []


def test_list_fonts_shows_an_optional_font_not_installed_with_the_command(store: Store) -> None:
    lines = {line.split()[0]: line for line in run("list", "fonts").output.splitlines()}
    assert lines["klee-one"].endswith("[handwriting, optional] not installed: cardgen fonts install ja")
    assert lines["caveat"].endswith("[handwriting]")
    rows = {row["name"]: row for row in json.loads(run("list", "fonts", "--json").output)}
    assert (rows["noto-sans-kr"]["group"], rows["noto-sans-kr"]["installed"]) == ("ko", False)


def test_text_that_needs_an_optional_font_names_the_fonts_their_size_and_the_command() -> None:
    error = fontstore.needs_fonts_error("klee-one", key="message.text")
    assert isinstance(error, CardgenError) and error.exit_status == 2 and error.key == "message.text"
    assert error.problem == (
        'Japanese text needs the optional Japanese fonts (Klee One, Noto Sans JP; 13 MB): run "cardgen fonts install ja"'
    )
    assert str(fontstore.needs_fonts_error("ko")).startswith(
        "Korean text needs the optional Korean fonts (Nanum Pen Script, Noto Sans KR; 9.4 MB)"
    )


def test_the_tarball_is_fetched_from_where_the_npm_registry_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CARDGEN_NPM_REGISTRY", raising=False)
    assert (
        fontfetch.tarball_url("@expo-google-fonts/klee-one@0.4.1")
        == "https://registry.npmjs.org/@expo-google-fonts/klee-one/-/klee-one-0.4.1.tgz"
    )


@pytest.mark.optional_fonts("ja", "zh", "ko")
def test_the_fonts_fetched_from_the_registry_are_the_pinned_files_with_licence_and_metrics() -> None:
    """What `make optional-fonts` installed from the real npm registry into .cache/fonts."""
    kept = json.loads((user_fonts_dir() / fonts.KEPT_METRICS).read_text())
    for font in fontstore.optional_fonts().values():
        assert fontstore.is_installed(font), font.info.key
        assert b"SIL Open Font License" in font.licence_path.read_bytes()
        assert kept[font.info.key]["sha256"] == font.sha256
