"""`cardgen serve`: the note editor with a live preview, as a page in your browser."""

from __future__ import annotations

import click

from cardgen.cli.common import Command


@click.command(cls=Command)
@click.option("--port", type=click.IntRange(0, 65535), help="The port (default 8642, or any free one).")
@click.option(
    "--host", help="Listen on this address instead of 127.0.0.1 (other machines can then reach it)."
)
@click.option("--no-browser", is_flag=True, help="Print the address without opening the browser.")
def serve(port: int | None, host: str | None, no_browser: bool) -> None:
    """Edit a note in your browser and see the paper as it will print (Ctrl-C stops it)."""
    from cardgen.web.server import LOOPBACK
    from cardgen.web.server import serve as run

    if host and host != LOOPBACK:
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine can use the page", err=True
        )
    run(host or LOOPBACK, port, open_browser=not no_browser, tell=click.echo)


COMMANDS = (serve,)
