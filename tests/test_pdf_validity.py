"""Every output is a valid PDF to qpdf, poppler and pdfium, with no warnings."""

import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from cardgen.jobs import Job
from cardgen.kit import make_kit
from cardgen.writer import render_files
from tests.conftest import note_with

VARIANTS = {
    "sample": {},
    "print-a4-a7": {"card.message": "print", "print.paper": "a4", "card.format": "a7-folded"},
    "flat-ruled-greek": {
        "card.format": "iso-a6-flat",
        "card.ruled": True,
        "message.greeting": "Αγαπητή Ελένη,",
    },
    "shop-cmyk-topfold": {"card.format": "a2-topfold", "print.target": "shop", "print.colors": "cmyk"},
    "quarter-dots-underlay": {
        "card.format": "a2-quarterfold",
        "guide.mode": "underlay",
        "guide.trace": "dots",
        "guide.start_dots": True,
        "handwriting.preset": "copperplate",
    },
    "manual-monogram": {"print.duplex": "manual", "card.front": "monogram", "guide.trace": "outline"},
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp(request.param)
    files, _ = render_files(Job.of(make_kit(note_with(folder, VARIANTS[request.param]))))
    paths = []
    for name, data in files.items():
        if name.endswith(".pdf"):
            (folder / name).write_bytes(data)
            paths.append(folder / name)
    return paths


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (make test installs it with apt when run as root)")


def test_qpdf_check_passes_without_warnings(outputs: list[Path]) -> None:
    need("qpdf")
    for path in outputs:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "WARNING" not in result.stdout + result.stderr
        assert "No syntax or stream encoding errors found" in result.stdout


def test_poppler_reads_and_renders_without_complaint(outputs: list[Path], tmp_path: Path) -> None:
    need("pdftoppm")
    for path in outputs:
        for command in (
            ["pdfinfo", str(path)],
            ["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / path.stem)],
        ):
            result = subprocess.run(command, capture_output=True, text=True)
            assert result.returncode == 0 and result.stderr == "", f"{command}: {result.stderr}"


def test_pdfium_opens_and_renders_every_page(outputs: list[Path]) -> None:
    for path in outputs:
        document = pypdfium2.PdfDocument(path)
        assert len(document) >= 1
        for page in document:
            assert page.render(scale=0.2).to_pil().size[0] > 0
        document.close()


@pytest.mark.parametrize(
    "name", ["Pat endobj Smith", "Jo 9999 0 R Smith", "Ana (stream) \\ Ruiz", "Łukasz 3 0 R Żółć"]
)
@pytest.mark.parametrize("shop", [False, True])
def test_what_a_user_writes_never_becomes_pdf_syntax(tmp_path: Path, name: str, shop: bool) -> None:
    """The title carries the recipient's name: words such as endobj or "3 0 R" in it must stay text."""
    import io

    import pypdf

    need("qpdf")
    changes = {"recipient.name": name, **({"print.target": "shop"} if shop else {})}
    files, _ = render_files(Job.of(make_kit(note_with(tmp_path, changes))))
    for file in ("card.pdf", "envelope.pdf", "guide.pdf"):
        path = tmp_path / file
        path.write_bytes(files[file])
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "WARNING" not in result.stdout + result.stderr, result.stdout
        assert name in pypdf.PdfReader(io.BytesIO(files[file])).metadata.title
