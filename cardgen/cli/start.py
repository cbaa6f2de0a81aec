"""`cardgen init` (a starter note, optionally from questions) and `cardgen list` (the catalogs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cardgen.cli.common import Command
from cardgen.errors import InputError, OutputError

LIST_KINDS = ("formats", "envelopes", "papers", "fronts", "hands", "templates", "fonts")


@click.command(cls=Command)
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
    from cardgen.errors import did_you_mean
    from cardgen.files import write_files
    from cardgen.starter import interview, starter_note

    if template_name not in catalog.templates():
        hint = did_you_mean(template_name, catalog.templates()) or "; see cardgen list templates"
        raise InputError(f"unknown template '{template_name}'{hint}", key="template_name")
    path = Path(note_file)
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to overwrite it")
    answers = (
        interview(template_name, _ask, lambda problem: click.echo(f"  {problem}", err=True))
        if interactive
        else None
    )
    text = starter_note(template_name, answers).encode()
    write_files({path.name: text}, path.parent, force=True, ours=lambda name: name == path.name)
    click.echo(f"wrote {path}; edit it, then run: cardgen check {path}")


def _ask(question: str, default: Any) -> str:
    return str(click.prompt(question, default=default, show_default=bool(default)))


@click.command("list", cls=Command)
@click.argument("kind", type=click.Choice(LIST_KINDS))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (sizes in pt and mm).")
def list_(kind: str, as_json: bool) -> None:
    """List formats, envelopes, papers, fronts, handwriting presets (hands), templates or fonts."""
    from cardgen.listing import listing

    rows = listing(kind)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(row["name"]) for row in rows) + 2
    for row in rows:
        click.echo(f"{row['name']:<{width}}{row['summary']}")


COMMANDS = (init, list_)
