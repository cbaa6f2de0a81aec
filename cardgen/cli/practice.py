"""`cardgen tracing`: practice sheets from any text (a file, or standard input)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cardgen.cli.common import FORCE, Command, warn, write_file
from cardgen.errors import InputError


@click.command(cls=Command)
@click.argument("text_file", metavar="FILE|-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option(
    "--ruling",
    default="auto",
    show_default=True,
    help="A line system or hand: lines, school, four-line, seyes, a preset (cardgen list hands), or "
    "grid: squares for Chinese, Japanese, Korean (auto: grid for such text, else wide).",
)
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option(
    "--trace", type=click.Choice(["solid", "outline", "dots", "none"]), default="solid", show_default=True
)
@click.option("--rehearse", is_flag=True, help="Each line three times: traced, faint, blank.")
@click.option("--x-height", help="Lowercase height, e.g. 4mm (default: the ruling's).")
@click.option("--line-spacing", help="Between baselines, e.g. 10mm (default: the ruling's).")
@click.option("--nib", help="Broad-pen hands: the nib width, e.g. 3mm.")
@click.option("--slant", type=float, help="Slant lines at this angle from the baseline (degrees).")
@click.option("--font", help="Handwriting font (cardgen list fonts).")
@click.option("--stroke-font", type=click.Choice(["ems-readability", "ems-allure"]), help="For --trace dots.")
@click.option("--start-dots", is_flag=True, help="With --trace dots: a larger dot where each stroke starts.")
@click.option("--profile", help="A measured hand (cardgen calibrate handwriting --save).")
@click.option("--box", help="Grid: the square's side, your glyph size, e.g. 12mm (default 15mm).")
@click.option(
    "--cell", help="Grid: guides in each square: none, cross (田字格, default), diagonals (米字格)."
)
@click.option("--grid", help="Grid: chars (a row per character, default) or text (the text, blank rows).")
@click.option("--traced", type=int, help="Grid: grey copies to trace after each model character (default 3).")
@click.option("--vertical", is_flag=True, help="Grid: columns top to bottom, right to left.")
@click.option("--language", help="How Han characters are read: ja, zh or ko (default: from the text).")
@FORCE
def tracing(text_file: str, out_file: str, force: bool, **settings: Any) -> None:
    """Practice sheets from any text (a file, or - for standard input) traced on a line system."""
    import cardgen

    text = sys.stdin.read() if text_file == "-" else _read_text(Path(text_file))
    name = "text" if text_file == "-" else Path(text_file).name
    pdf, pages, warnings = cardgen.tracing_sheet(text, cardgen.PracticeOptions(**settings), name=name)
    warn(warnings)
    write_file(Path(out_file), pdf, force)
    click.echo(f"wrote {out_file}: {pages} page{'s' * (pages != 1)}; print at 100 %")


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file; give a text file, or - to read standard input")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8 (plain text)") from None


COMMANDS = (tracing,)
