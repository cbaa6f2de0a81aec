"""`cardgen calibrate envelope|printer|handwriting`: test sheets to print, and saving what was measured."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardgen.cli.common import FORCE, Command, write_file
from cardgen.errors import InputError

if TYPE_CHECKING:
    from cardgen.scene import Document


@click.group()
def calibrate() -> None:
    """Calibration sheets: your printer (envelope feed, front/back offsets) and your handwriting."""


@calibrate.command("envelope", cls=Command)
@click.option("-o", "--output", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@FORCE
def calibrate_envelope(out_file: str, paper: str, force: bool) -> None:
    """A plain-paper test page that shows which edge your printer takes first and which side it prints."""
    from cardgen import catalog
    from cardgen.layout.calibrate import envelope_feed_test

    _write(Path(out_file), envelope_feed_test(catalog.papers()[paper]), force)
    click.echo(f"wrote {out_file}: print it on plain paper and follow the steps on it")


@calibrate.command("printer", cls=Command)
@click.option(
    "-o", "--output", "out_file", type=click.Path(dir_okay=False), help="Write the test sheet here."
)
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option("--duplex", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--landscape", is_flag=True, help="Landscape pages, as most folded and 2-up card sheets print.")
@click.option("--save", metavar="NAME", help="Save the measured offsets as printer profile NAME.")
@click.option("--front-dx", type=float, default=0.0, help="mm: front, left-edge measure minus 25.")
@click.option("--front-dy", type=float, default=0.0, help="mm: front, top-edge measure minus 25.")
@click.option("--back-dx", type=float, default=0.0, help="mm: back, left-edge measure minus 25.")
@click.option("--back-dy", type=float, default=0.0, help="mm: back, top-edge measure minus 25.")
@FORCE
def calibrate_printer(
    out_file: str | None,
    paper: str,
    duplex: str,
    landscape: bool,
    save: str | None,
    front_dx: float,
    front_dy: float,
    back_dx: float,
    back_dy: float,
    force: bool,
) -> None:
    """Print a two-sided test sheet (-o), or save the offsets you measured on it (--save NAME)."""
    from cardgen import catalog
    from cardgen.layout.calibrate import printer_test
    from cardgen.profiles import measured_printer, save_printer

    if not out_file and not save:
        raise InputError(
            "calibrate printer: give -o sheet.pdf to print the test sheet, or --save NAME with offsets"
        )
    if out_file:
        _write(Path(out_file), printer_test(catalog.papers()[paper], duplex, landscape), force)
        click.echo(f"wrote {out_file}: print it on both sides ({duplex} edge) and follow the steps on it")
    if save:
        profile = measured_printer(save, (front_dx, front_dy, back_dx, back_dy), landscape, duplex)
        path = save_printer(profile)
        click.echo(
            f"saved printer '{save}' in {path} (front {front_dx:+g}, {front_dy:+g} mm; back {back_dx:+g}, "
            f"{back_dy:+g} mm; {profile.orientation} pages, {duplex} edge); "
            f"use it with build --printer {save}"
        )


@calibrate.command("handwriting", cls=Command)
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False), help="Write the sheet here.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option("--save", metavar="NAME", help="Save your hand as profile NAME ([handwriting] profile).")
@click.option("--x-height", help="What you measured: your lowercase letters' height, e.g. 3mm.")
@click.option("--pangram-length", help="What you measured: the written sentence's length, e.g. 135mm.")
@click.option("--slant", type=float, help="Your writing's slant from the baseline (90: upright).")
@click.option("--scan", type=click.Path(dir_okay=False), help="A scan or photo of the filled sheet.")
@FORCE
def calibrate_handwriting(
    out_file: str | None,
    paper: str,
    save: str | None,
    x_height: str | None,
    pangram_length: str | None,
    slant: float | None,
    scan: str | None,
    force: bool,
) -> None:
    """Print a sheet to write a sentence on (-o), then save your hand from a ruler (--save NAME
    --x-height … --pangram-length …) or from a scan or photo of the sheet (--save NAME --scan FILE)."""
    from cardgen import catalog
    from cardgen.handwriting import RulerMeasure, profile_from_ruler
    from cardgen.layout.handcal import calibration_sheet
    from cardgen.profiles import save_hand
    from cardgen.scan import profile_from_scan
    from cardgen.units import LengthError, format_mm, parse_length

    if not out_file and not save:
        raise InputError(
            "calibrate handwriting: give -o sheet.pdf to print the sheet, or --save NAME with measures"
        )
    if out_file:
        _write(Path(out_file), calibration_sheet(catalog.papers()[paper]), force)
        click.echo(
            f"wrote {out_file}: print it at 100 %, write the sentence in the box, then measure or scan it"
        )
    if not save:
        return
    if scan:
        hand = profile_from_scan(save, Path(scan), paper, slant)
    else:
        if not (x_height and pangram_length):
            raise InputError(
                "give --scan FILE, or both --x-height and --pangram-length as you measured", key="save"
            )
        try:
            measure = RulerMeasure(parse_length(x_height), parse_length(pangram_length), slant)
        except LengthError as error:
            raise InputError(f"--x-height/--pangram-length: {error}") from None
        hand = profile_from_ruler(save, measure)
    path = save_hand(hand)
    click.echo(
        f"saved hand '{save}' in {path}: x-height {format_mm(hand.x_height)}, width {hand.width:.2f}, "
        f'slant {hand.slant:.1f}°; use it with [handwriting] profile = "{save}"'
    )


def _write(path: Path, document: Document, force: bool) -> None:
    from cardgen.outputs import render_pdf_bytes

    write_file(path, render_pdf_bytes(document), force)


COMMANDS = (calibrate,)
