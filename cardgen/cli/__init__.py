"""The `cardgen` command: a group of short commands over the library's face (cardgen.api)."""

from __future__ import annotations

import sys
from typing import Any

import click

from cardgen.errors import CardgenError


class _Cardgen(click.Group):
    """Turns cardgen's errors into one line on stderr and exit status 2, never a traceback; an
    error about a setting given as an option names the option (--x-height), not the note key."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CardgenError as error:
            click.echo(f"cardgen: {error.args[0] if error.args else error}", err=True)
            sys.exit(error.exit_status)
        except KeyboardInterrupt:
            click.echo("cardgen: interrupted; nothing was written", err=True)
            sys.exit(130)


@click.group(cls=_Cardgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cardgen")
def main() -> None:
    """Print-ready PDFs for handwritten notes: the card, the envelope and a handwriting guide."""


def _register() -> None:
    from cardgen.cli import calibrate, fonts, inspect, kit, practice, printing, serve, start

    for module in (kit, start, calibrate, practice, inspect, printing, serve, fonts):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
