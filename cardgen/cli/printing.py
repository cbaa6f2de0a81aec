"""The `cardgen print` and `cardgen printers` commands: parse, call printing/printplan/cups, print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardgen.cli.common import Command, kinds
from cardgen.errors import InputError

if TYPE_CHECKING:  # the printing modules are loaded when a print command runs, not at every start
    from cardgen.printing import Capabilities


@click.command("print", cls=Command)
@click.argument("source", type=click.Path())
@click.option("--printer", "queue", metavar="NAME", help="The CUPS printer (default: the system default).")
@click.option("--only", metavar="KINDS", help="Print only these: a comma list of card, envelope, guide.")
@click.option("--copies", type=int, default=1, show_default=True, help="Copies of each file.")
@click.option("--pages", metavar="RANGES", help="Pages of a single PDF, e.g. 1-2,5.")
@click.option(
    "--recipient", metavar="NAME|LINE", help="Only this person's pages of a run (name or CSV line)."
)
@click.option("--as-built", is_flag=True, help="Print even if the card's offsets are not this printer's.")
@click.option("--dry-run", is_flag=True, help="Print the lp commands instead of printing.")
def print_command(
    source: str,
    queue: str | None,
    only: str | None,
    copies: int,
    pages: str | None,
    recipient: str | None,
    as_built: bool,
    dry_run: bool,
) -> None:
    """Send a built folder (or one FILE.pdf) to a CUPS printer with the job options the kit needs:
    media, no scaling, the duplex flip (or fronts, a turn, then backs), copies."""
    from cardgen import cups
    from cardgen.printing import check_pages, describe, read_kit
    from cardgen.printplan import Request, plan_print
    from cardgen.profiles import has_printer, load_feed, save_feed

    kit = read_kit(Path(source), kinds(only))
    name = queue or _default_queue(dry_run)
    if not name:
        raise InputError("no default CUPS printer; name one with --printer (cardgen printers lists them)")
    found = None if dry_run else cups.ready(name)
    request = Request(
        name,
        found.capabilities if found else _known_capabilities(name),
        copies,
        check_pages(pages),
        recipient,
        has_printer(name),
        load_feed(name),
        as_built,
    )
    plan = plan_print(kit, request)
    if dry_run:
        for line in describe(plan, name):
            click.echo(line)
        return
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    envelope = kit.facts.get("envelope") or {}
    feed = {key: envelope[key] for key in ("feed", "feed_rotate", "face")} if envelope else {}

    def confirmed() -> None:
        path = save_feed(name, feed)
        click.echo(f"saved this envelope feed for {name} in {path}: no test envelope next time")

    jobs = cups.run_plan(plan, name, _ask, confirmed)
    click.echo(f"sent {len(jobs)} job{'s' * (len(jobs) != 1)} to {name}: {', '.join(jobs)}")


def _default_queue(dry_run: bool) -> str | None:
    from cardgen import cups

    try:
        return cups.default_queue()
    except cups.PrintError:
        if dry_run:  # a dry run works without CUPS, given a printer name
            return None
        raise


def _known_capabilities(name: str) -> Capabilities:
    """A dry run asks CUPS what the printer can, when CUPS is there; it works without."""
    from cardgen import cups
    from cardgen.printing import Capabilities

    try:
        return cups.capabilities(name)
    except cups.PrintError:
        return Capabilities()


def _ask(message: str) -> str:
    click.echo(message)
    try:
        return str(click.prompt("", default="", show_default=False, prompt_suffix="> "))
    except click.Abort:  # Ctrl-C or the end of the input: stop the run, saying what was sent
        raise KeyboardInterrupt from None


@click.command("printers", cls=Command)
@click.argument("source", required=False, type=click.Path())
def printers_command(source: str | None) -> None:
    """List the CUPS printers with their duplex and paper sizes; with a built folder or PDF, warn
    about what it needs that a printer lacks."""
    from cardgen import cups
    from cardgen.printing import read_kit
    from cardgen.printplan import Request, plan_print

    kit = read_kit(Path(source)) if source else None
    names = cups.queue_names()
    if not names:
        click.echo("no CUPS printers: add one with your system's printer settings (or lpadmin)")
        return
    for name in names:
        found = cups.queue(name)
        click.echo(cups.summary(found))
        if kit:
            for warning in plan_print(kit, Request(name, found.capabilities, as_built=True)).warnings:
                click.echo(f"  warning: {warning}")


COMMANDS = (print_command, printers_command)
