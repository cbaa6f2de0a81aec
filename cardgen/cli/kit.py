"""`cardgen check`, `build`, `preview` and `demo`: one note (or a CSV of recipients) made into its kit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from cardgen.cli.common import FORCE, RECIPIENTS, STRICT, Command, Progress, kinds, print_report


def _note(note_file: str | Path, envelope: dict[str, Any] | None = None, printer: str | None = None) -> Any:
    import cardgen

    return cardgen.with_options(cardgen.load_note(note_file), envelope=envelope, printer=printer)


@click.command(cls=Command)
@click.argument("note_file", type=click.Path(dir_okay=False))
@RECIPIENTS
@click.option(
    "--json", "as_json", is_flag=True, help="Print the report (the manifest without files) as JSON."
)
@STRICT
def check(note_file: str, recipients: str | None, as_json: bool, strict: bool) -> None:
    """Validate NOTE_FILE and report how the message fits and any postal problems; writes nothing."""
    import cardgen

    note = _note(note_file)
    with Progress("checking") as progress:
        report = cardgen.check(note, recipients, strict=strict, progress=progress.tick, total=progress.total)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_report(report.as_dict(), suggestions=True)
        if not report.has_problems:
            click.echo("no problems found")
    if strict and report.has_problems:
        sys.exit(1)


@click.command(cls=Command)
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Folder to write into.")
@RECIPIENTS
@STRICT
@click.option(
    "--feed",
    type=click.Choice(["none", "left", "center", "right"]),
    help="Print the envelope on a Letter/A4 carrier sheet fed at this side ([envelope] feed).",
)
@click.option(
    "--feed-rotate",
    type=click.Choice(["0", "90", "180", "270"]),
    help="Turn the envelope on the carrier sheet ([envelope] feed_rotate).",
)
@click.option(
    "--face", type=click.Choice(["up", "down"]), help="How envelopes go in the tray ([envelope] face)."
)
@click.option(
    "--split", is_flag=True, help="One folder per recipient (001-dana-rivera/) instead of collated files."
)
@click.option("--only", metavar="KINDS", help="Write only these PDFs: a comma list of card, envelope, guide.")
@click.option(
    "--printer",
    metavar="NAME",
    help="Apply a saved printer profile's offsets ([print] printer; see calibrate).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "svg"]),
    default="pdf",
    show_default=True,
    help="svg: pen-plotter files (guide pages, the message per panel) with text as single strokes.",
)
@FORCE
def build(
    note_file: str,
    out_dir: str,
    recipients: str | None,
    strict: bool,
    feed: str | None,
    feed_rotate: str | None,
    face: str | None,
    split: bool,
    only: str | None,
    printer: str | None,
    fmt: str,
    force: bool,
) -> None:
    """Write card.pdf (or card-fronts.pdf and card-backs.pdf for manual duplex), envelope.pdf,
    guide.pdf, manifest.json, message.txt (and followup.ics; with --recipients also checklist.pdf)."""
    envelope = {"feed": feed, "feed_rotate": int(feed_rotate) if feed_rotate else None, "face": face}
    note = _note(note_file, envelope, printer)
    built = _build(note, Path(out_dir), force, recipients, strict, kinds(only), split, fmt == "svg")
    if strict and built.has_problems:
        sys.exit(1)


def _build(
    note: Any,
    out: Path,
    force: bool,
    recipients: str | None = None,
    strict: bool = False,
    only: tuple[str, ...] | None = None,
    split: bool = False,
    svg: bool = False,
) -> Any:
    import cardgen

    with Progress("building") as progress:
        built = cardgen.build(
            note,
            out,
            recipients=recipients,
            strict=strict,
            force=force,
            only=only or cardgen.api.KINDS,
            split=split,
            svg=svg,
            progress=progress.tick,
            total=progress.total,
        )
    manifest = built.manifest
    print_report(manifest, suggestions=False)
    count = manifest["count"]
    warned = sum(bool(r["warnings"]) or not r["fit"]["fits"] for r in manifest["recipients"])
    summary = f"{count} recipient{'s' * (count != 1)}"
    if warned or manifest["skipped"]:
        summary += f", {warned} with warnings, {len(manifest['skipped'])} rows skipped"
    click.echo(f"wrote {', '.join(built.names)} in {out}/ ({summary})")
    return built


@click.command(cls=Command)
@click.option("-o", "--output", "out_dir", default="cardgen-demo", show_default=True, type=click.Path())
@FORCE
def demo(out_dir: str, force: bool) -> None:
    """Build the bundled sample (a thank-you note after a job interview) end to end."""
    from cardgen.resources import samples_dir

    sample = samples_dir() / "interview-thank-you.toml"
    click.echo(f"building the sample note {sample.name}")
    _build(_note(sample), Path(out_dir), force)
    click.echo(f"open {Path(out_dir) / 'card.pdf'} and print it at 100 % on both sides (long edge).")


@click.command(cls=Command)
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Folder for the PNGs.")
@RECIPIENTS
@click.option("--dpi", default=100, show_default=True, type=click.IntRange(20, 600))
@click.option("--only", metavar="KINDS", help="Preview only these: a comma list of card, envelope, guide.")
@click.option("--page", type=click.IntRange(1), help="Only this page of each file (1 is the first).")
@FORCE
def preview(
    note_file: str,
    out_dir: str,
    recipients: str | None,
    dpi: int,
    only: str | None,
    page: int | None,
    force: bool,
) -> None:
    """Render the kit's pages to PNG (card-1.png, envelope-1.png, guide-1.png, …; for manual duplex
    card-fronts-1.png and card-backs-1.png)."""
    import cardgen
    from cardgen.files import write_files
    from cardgen.render.png import is_preview_output

    files, _ = cardgen.render_kit(_note(note_file), recipients=recipients, only=kinds(only))
    images = {}
    for name in (n for n in files if n.endswith(".pdf") and n != "checklist.pdf"):
        try:
            pngs = cardgen.preview(files[name], pages=[page] if page else None, dpi=dpi)
        except cardgen.InputError:
            continue  # a file shorter than --page
        for number, png in pngs.items():
            images[f"{name.removesuffix('.pdf')}-{number}.png"] = png
    if not images:
        raise cardgen.InputError(f"no file of the kit has a page {page}", key="page")
    write_files(images, Path(out_dir), force=force, ours=is_preview_output)
    click.echo(f"wrote {len(images)} PNG files in {Path(out_dir)}/")


COMMANDS = (check, build, preview, demo)
