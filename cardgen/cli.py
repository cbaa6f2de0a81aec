"""The `cardgen` command: parse arguments, call the library, print. No layout logic here."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from cardgen.errors import CardgenError, InputError, OutputError


class _Cardgen(click.Group):
    """Turns cardgen's errors into one line on stderr and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CardgenError as error:
            click.echo(f"cardgen: {error}", err=True)
            sys.exit(error.exit_status)
        except KeyboardInterrupt:
            click.echo("cardgen: interrupted; nothing was written", err=True)
            sys.exit(130)


@click.group(cls=_Cardgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cardgen")
def main() -> None:
    """Print-ready PDFs for handwritten notes: the card, the envelope and a handwriting guide."""


def _load(note_file: str) -> Any:
    from cardgen.model import load_note

    return load_note(Path(note_file))


def _warn(warnings: list[str] | tuple[str, ...]) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def _fit_line(fit: dict[str, Any]) -> str:
    where = " + ".join(fit["panels"])
    verdict = "fits" if fit["fits"] else "does NOT fit"
    return (
        f"{verdict}: {fit['lines_needed']} lines needed, {fit['lines_available']} available on {where} "
        f"(x-height {fit['x_height_mm']} mm, lines {fit['line_spacing_mm']} mm apart)"
    )


def _has_problems(reports: list[dict[str, Any]]) -> bool:
    return any(not r["fit"]["fits"] or r["warnings"] for r in reports)


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the recipients report as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 when the message overflows or a warning is found.")
def check(note_file: str, as_json: bool, strict: bool) -> None:
    """Validate NOTE_FILE and report how the message fits and any postal problems; writes nothing."""
    from cardgen.build import make_kit, recipient_report

    kit = make_kit(_load(note_file))
    report = recipient_report(kit)
    if as_json:
        click.echo(json.dumps({"recipients": [report]}, indent=2, ensure_ascii=False))
    else:
        click.echo(f"{report['name']}: {_fit_line(report['fit'])}")
        for suggestion in report["fit"]["suggestions"]:
            click.echo(f"  - {suggestion}")
        _warn(report["warnings"])
        if not report["warnings"] and report["fit"]["fits"]:
            click.echo("no problems found")
    if strict and _has_problems([report]):
        sys.exit(1)


FORCE = click.option(
    "--force", is_flag=True, help="Write into a folder that holds files cardgen did not make."
)


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Folder to write into.")
@click.option("--strict", is_flag=True, help="Exit 1 (after writing) on overflow or any warning.")
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
@FORCE
def build(
    note_file: str,
    out_dir: str,
    strict: bool,
    feed: str | None,
    feed_rotate: str | None,
    face: str | None,
    force: bool,
) -> None:
    """Write card.pdf, envelope.pdf, guide.pdf, manifest.json, message.txt (and followup.ics)."""
    overrides = {"feed": feed, "feed_rotate": int(feed_rotate) if feed_rotate else None, "face": face}
    reports = _build_and_report(Path(note_file), Path(out_dir), force, overrides)
    if strict and _has_problems(reports):
        sys.exit(1)


def _build_and_report(
    note_file: Path, out: Path, force: bool, envelope_overrides: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    from dataclasses import replace

    from cardgen.build import build as build_kit

    note = _load(str(note_file))
    changes = {k: v for k, v in (envelope_overrides or {}).items() if v is not None}
    if changes:
        note = replace(note, envelope=replace(note.envelope, **changes))
    reports, names = build_kit(note, out, force=force)
    for report in reports:
        click.echo(f"{report['name']}: {_fit_line(report['fit'])}")
        _warn(report["warnings"])
    click.echo(f"wrote {', '.join(names)} in {out}/")
    return reports


@main.command()
@click.option("-o", "--output", "out_dir", default="cardgen-demo", show_default=True, type=click.Path())
@FORCE
def demo(out_dir: str, force: bool) -> None:
    """Build the bundled sample (a thank-you note after a job interview) end to end."""
    from cardgen.resources import samples_dir

    sample = samples_dir() / "interview-thank-you.toml"
    click.echo(f"building the sample note {sample.name}")
    _build_and_report(sample, Path(out_dir), force)
    click.echo(f"open {Path(out_dir) / 'card.pdf'} and print it at 100 % on both sides (long edge).")


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Folder for the PNGs.")
@click.option("--dpi", default=100, show_default=True, type=click.IntRange(20, 600))
@FORCE
def preview(note_file: str, out_dir: str, dpi: int, force: bool) -> None:
    """Render every page of the kit to PNG (card-1.png, envelope-1.png, guide-1.png, …)."""
    from cardgen.build import make_kit, render_files, write_files
    from cardgen.render.png import is_preview_output, pdf_pages_to_png

    files, _ = render_files([make_kit(_load(note_file))])
    images = {}
    for kind in ("card", "envelope", "guide"):
        for number, png in enumerate(pdf_pages_to_png(files[f"{kind}.pdf"], dpi), start=1):
            images[f"{kind}-{number}.png"] = png
    write_files(images, Path(out_dir), force=force, ours=is_preview_output)
    click.echo(f"wrote {len(images)} PNG files in {out_dir}/")


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option(
    "-t",
    "--template",
    "template_name",
    default="interview-thank-you",
    show_default=True,
    help="Wording template (cardgen list templates).",
)
@click.option("-i", "--interactive", is_flag=True, help="Ask the questions and fill the note in.")
@click.option("--force", is_flag=True, help="Overwrite NOTE_FILE if it exists.")
def init(note_file: str, template_name: str, interactive: bool, force: bool) -> None:
    """Write a commented starter note file."""
    from cardgen import catalog
    from cardgen.build import write_files
    from cardgen.errors import did_you_mean
    from cardgen.starter import interview, starter_note

    if template_name not in catalog.templates():
        hint = did_you_mean(template_name, catalog.templates()) or "; see cardgen list templates"
        raise InputError(f"--template: unknown template '{template_name}'{hint}")
    path = Path(note_file)
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to overwrite it")
    answers = interview(template_name, _ask) if interactive else None
    text = starter_note(template_name, answers).encode()
    write_files({path.name: text}, path.parent, force=True, ours=lambda name: name == path.name)
    click.echo(f"wrote {path}; edit it, then run: cardgen check {path}")


def _ask(question: str, default: Any) -> Any:
    if isinstance(default, dt.date) or question.lower().startswith("the day"):
        answer = click.prompt(f"{question} (YYYY-MM-DD, blank to skip)", default="", show_default=False)
        while answer:
            try:
                return dt.date.fromisoformat(answer)
            except ValueError:
                answer = click.prompt("Please write the date as YYYY-MM-DD", default="", show_default=False)
        return ""
    return click.prompt(question, default=default, show_default=bool(default))


@main.group()
def calibrate() -> None:
    """Calibration sheets for your printer."""


@calibrate.command("envelope")
@click.option("-o", "--output", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@FORCE
def calibrate_envelope(out_file: str, paper: str, force: bool) -> None:
    """A plain-paper test page that shows which edge your printer takes first and which side it prints."""
    from cardgen import catalog
    from cardgen.build import write_files
    from cardgen.layout.calibrate import envelope_feed_test
    from cardgen.render.pdf import render_pdf

    path = Path(out_file)
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to overwrite it")
    data = render_pdf(envelope_feed_test(catalog.papers()[paper]))
    write_files({path.name: data}, path.parent, force=True, ours=lambda name: name == path.name)
    click.echo(f"wrote {path}: print it on plain paper and follow the steps on it")


LIST_KINDS = ("formats", "envelopes", "papers", "fronts", "templates", "fonts")


@main.command("list")
@click.argument("kind", type=click.Choice(LIST_KINDS))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (sizes in pt and mm).")
def list_(kind: str, as_json: bool) -> None:
    """List formats, envelopes, papers, fronts, templates or fonts."""
    from cardgen.listing import listing

    rows = listing(kind)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['name']:<24} {row['summary']}")
