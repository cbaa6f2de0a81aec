"""`cardgen fonts`: the optional Japanese, Chinese and Korean fonts listed, and installed from the npm
registry with progress on stderr."""

from __future__ import annotations

import json
import sys

import click

from cardgen.cli.common import Command
from cardgen.errors import InputError


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (sizes in bytes).")
@click.pass_context
def fonts(ctx: click.Context, as_json: bool) -> None:
    """The optional fonts for Japanese, Chinese and Korean: each group and its fonts, installed or
    not, where they go and their licence. `cardgen fonts install ja` installs a group."""
    if ctx.invoked_subcommand is not None:
        return
    import cardgen
    from cardgen.fontstore import megabytes
    from cardgen.resources import user_fonts_dir

    groups, folder = cardgen.font_groups(), user_fonts_dir()
    if as_json:
        data = {"folder": str(folder), "groups": [group.as_dict() for group in groups]}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"Optional fonts, installed into {folder} ($CARDGEN_FONTS chooses another folder):")
    width = max(len(font.info.key) for group in groups for font in group.fonts) + 2
    for group in groups:
        done = sum(font.info.key in group.installed for font in group.fonts)
        if group.complete:
            click.echo(f"\n{group.name}  {group.language}: installed ({megabytes(group.size)})")
        else:
            state = f"{done} of {len(group.fonts)} installed" if done else "not installed"
            sizes = f"{megabytes(group.size)}; a {megabytes(group.download)} download"
            click.echo(f"\n{group.name}  {group.language}: {state} ({sizes}): {group.command}")
        for font in group.fonts:
            there = "installed" if font.info.key in group.installed else "not installed"
            click.echo(f"    {font.info.key:<{width}}{font.info.label}; {megabytes(font.size)}, {there}")
            click.echo(f"    {'':<{width}}{font.info.package}, licence {font.licence}")
    click.echo(
        "\nEach font's licence is installed beside it as LICENSE.txt. The bundled fonts: cardgen list fonts"
    )


@fonts.command(cls=Command)
@click.argument("groups", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Install every group (ja, zh, ko).")
def install(groups: tuple[str, ...], every: bool) -> None:
    """Install optional font groups: ja (Japanese), zh (Chinese), ko (Korean), downloaded from the npm
    registry ($CARDGEN_NPM_REGISTRY for a mirror) and checked against their pinned integrity."""
    import cardgen
    from cardgen.fontstore import megabytes
    from cardgen.resources import user_fonts_dir

    if every and groups:
        raise InputError("give either group names or --all, not both")
    chosen = [group.name for group in cardgen.font_groups()] if every else list(groups)
    if not chosen:
        raise InputError("name the groups to install (ja, zh, ko), or --all; cardgen fonts lists them")
    try:
        written = cardgen.install_fonts(chosen, progress=_progress)
    except KeyboardInterrupt:
        click.echo(
            "cardgen: interrupted; the fonts installed before it are whole, nothing else was written",
            err=True,
        )
        sys.exit(130)
    size = sum(path.stat().st_size for path in written)
    if written:
        plural = "s" * (len(written) != 1)
        click.echo(f"installed {len(written)} font{plural} ({megabytes(size)}) into {user_fonts_dir()}")
    else:
        click.echo(f"nothing to install: those fonts are installed in {user_fonts_dir()}")


def _progress(text: str, done: int, total: int) -> None:
    """A download's percentage redrawn on a terminal (its first line alone elsewhere); other steps a line."""
    if not total:
        click.echo(text, err=True)
    elif sys.stderr.isatty():
        click.echo(f"\r{text} {100 * done // total}%", nl=done >= total, err=True)
    elif done == 0:
        click.echo(text, err=True)


COMMANDS = (fonts,)
