"""`cardgen init` (a starter note, optionally from questions) and `cardgen list` (the catalogs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cardgen.cli.common import Command, refuse_existing, write_file

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
    from cardgen.starter import check_template, interview, starter_note

    check_template(template_name)
    path = Path(note_file)
    refuse_existing(path, force)  # before the questions, not after them
    tell = lambda problem: click.echo(f"  {problem}", err=True)  # noqa: E731
    answers = interview(template_name, _ask, tell) if interactive else None
    write_file(path, starter_note(template_name, answers).encode(), force=True)
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
