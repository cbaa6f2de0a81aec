"""`cardgen preflight`: any PDF checked against print-shop or home-printing rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cardgen.cli.common import Command
from cardgen.errors import InputError


@click.command(cls=Command)
@click.argument("pdf_file", type=click.Path(dir_okay=False))
@click.option("--target", type=click.Choice(["shop", "home"]), default="shop", show_default=True)
@click.option("--bleed", default="0.125in", show_default=True, help="The least bleed a shop needs.")
@click.option("--safe", default="0.125in", show_default=True, help="The shop's safe margin inside the trim.")
@click.option(
    "--standard", type=click.Choice(["none", "pdfx-1a", "pdfx-4"]), default="none", show_default=True
)
def preflight(pdf_file: str, target: str, bleed: str, safe: str, standard: str) -> None:
    """Check any PDF against print-shop (page boxes, bleed, fonts, image resolution, safe area) or
    home-printing rules (page size, printer margin, no scaling), and with --standard PDF/X-1a or
    PDF/X-4; exit 1 when something fails."""
    import cardgen
    from cardgen.units import LengthError, parse_length

    try:
        lengths = {"bleed": parse_length(bleed), "safe": parse_length(safe)}
    except LengthError as error:
        raise InputError(f"--bleed/--safe: {error}") from None
    if min(lengths.values()) < 0:
        raise InputError("--bleed/--safe: give lengths of 0 or more, e.g. 0.125in or 3mm")
    findings = cardgen.preflight(Path(pdf_file), target, standard=standard, **lengths)
    for finding in findings:
        click.echo(str(finding))
    failed = sum(f.severity == "fail" for f in findings)
    warned = len(findings) - failed
    rules = target if standard == "none" else f"{target} and {standard}"
    click.echo(f"{pdf_file}: {failed} failed, {warned} warnings ({rules} rules)")
    if failed:
        sys.exit(1)


COMMANDS = (preflight,)
