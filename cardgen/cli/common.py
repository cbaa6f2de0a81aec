"""What the commands share: common options, progress bars, printing reports and warnings, and
naming the option an error is about."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from cardgen.errors import CardgenError, OutputError, locate

RECIPIENTS = click.option(
    "--recipients",
    type=click.Path(dir_okay=False),
    help="A CSV with one recipient per row (columns: [recipient] fields; others override [message]).",
)
STRICT = click.option(
    "--strict", is_flag=True, help="Stop on a bad CSV row; exit 1 on an overflow or any warning."
)
FORCE = click.option(
    "--force", is_flag=True, help="Write into a folder that holds files cardgen did not make."
)


class Command(click.Command):
    """A command whose errors name the option the user gave rather than the note key it sets
    (handwriting.x_height given as --x-height)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CardgenError as error:
            error.args = (as_option_error(error, ctx),)
            raise


def as_option_error(error: CardgenError, ctx: click.Context) -> str:
    """The error's message, naming the option instead of the key when the setting was given as an
    option on the command line and not read from a file."""
    name = error.key.rsplit(".", 1)[-1] if error.key else ""
    flags = {
        param.name: max(param.opts, key=len)
        for param in ctx.command.params
        if isinstance(param, click.Option)
        and param.name
        and ctx.get_parameter_source(param.name) == click.core.ParameterSource.COMMANDLINE
    }
    if name in flags and not error.file:
        return locate(error.problem, flags[name])
    if error.allow:
        return f"{error} (--{error.allow.replace('_', '-')})"
    return str(error)


def warn(warnings: Sequence[str]) -> None:
    """Each warning on stderr."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def print_report(report: dict[str, Any], suggestions: bool) -> None:
    """A check or build report: the note's warnings, each recipient's fit and warnings, skipped rows."""
    from cardgen.layout import fitwords

    warn(report["warnings"])
    for recipient in report["recipients"]:
        where = f" (line {recipient['csv_line']})" if "csv_line" in recipient else ""
        click.echo(f"{recipient['name']}{where}: {fitwords.summary(recipient['fit'])}")
        if "photo_ppi" in recipient:
            click.echo(f"  photo: {recipient['photo_ppi']} ppi at the printed size")
        if suggestions:
            for suggestion in recipient["fit"]["suggestions"]:
                click.echo(f"  - {suggestion}")
        prefix = f"{recipient['name']}: " if len(report["recipients"]) > 1 else ""
        warn([prefix + w for w in recipient["warnings"]])
    warn([f"skipped {problem}" for problem in report["skipped"]])


class Progress:
    """A progress bar on stderr for a run of many recipients when stderr is a terminal: `total` is
    told the count when the run starts, `tick` each recipient done."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def total(self, count: int) -> None:
        """Start the bar (not for a handful of recipients, nor when stderr is not a terminal)."""
        if count >= 5 and sys.stderr.isatty():
            self.bar = click.progressbar(length=count, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def tick(self) -> None:
        """One more recipient done."""
        if self.bar is not None:
            self.bar.update(1)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def refuse_existing(path: Path, force: bool) -> None:
    """An error when the file exists and may not be overwritten."""
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to overwrite it")


def write_file(path: Path, data: bytes, force: bool) -> None:
    """One file written atomically; an existing file is kept unless `force`."""
    from cardgen.files import write_files

    refuse_existing(path, force)
    write_files({path.name: data}, path.parent, force=True, ours=lambda name: name == path.name)


def kinds(only: str | None) -> tuple[str, ...]:
    """--only card,guide as the kinds in their usual order."""
    from cardgen.api import KINDS
    from cardgen.errors import InputError

    if not only:
        return KINDS
    chosen = tuple(k.strip() for k in only.split(",") if k.strip())
    unknown = [k for k in chosen if k not in KINDS]
    if unknown or not chosen:
        raise InputError(
            f"unknown '{','.join(unknown) or only}'; give a comma list of card, envelope, guide", key="only"
        )
    return tuple(k for k in KINDS if k in chosen)
