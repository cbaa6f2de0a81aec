"""The installed wheel carries fonts/, layouts/, samples/ and the web page's files: built, installed
into a fresh virtual environment and run from an unrelated folder, as a new user would."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def sh(*args: str | Path, cwd: Path) -> str:
    process = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    assert process.returncode == 0, f"{args}:\n{process.stdout}\n{process.stderr}"
    return process.stdout


def test_wheel_installs_and_runs_the_demo_outside_the_repository(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    sh(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("cardgen-*.whl")
    venv = tmp_path / "fresh"
    sh(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    sh(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    output = sh(venv / "bin" / "cardgen", "demo", "-o", "kit", cwd=elsewhere)
    assert "wrote card.pdf, envelope.pdf, guide.pdf" in output
    for name in ("card.pdf", "envelope.pdf", "guide.pdf", "manifest.json"):
        assert (elsewhere / "kit" / name).stat().st_size > 0
    where = sh(
        venv / "bin" / "python",
        "-c",
        "from cardgen.resources import fonts_dir; print(fonts_dir())",
        cwd=elsewhere,
    )
    assert "site-packages" in where and str(ROOT) not in where
    assert "OFL" in sh(
        venv / "bin" / "python",
        "-c",
        "from cardgen.resources import fonts_dir; print((fonts_dir()/'Caveat'/'LICENSE.txt').read_text())",
        cwd=elsewhere,
    )
    page = sh(  # the web page's own files travel in the wheel: it works offline, from anywhere
        venv / "bin" / "python",
        "-c",
        "from cardgen.web.app import STATIC; print(STATIC, sorted(p.name for p in STATIC.iterdir()))",
        cwd=elsewhere,
    )
    assert "site-packages" in page and "'app.css', 'app.js', 'index.html'" in page
