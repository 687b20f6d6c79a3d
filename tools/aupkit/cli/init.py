"""``aup init``: scaffold a new manual repository."""

from __future__ import annotations

from pathlib import Path

import click

from ..scaffold import plan_scaffold, write_scaffold


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of the starter manual.",
)
def command(directory: Path, language: str) -> int:
    """Create a new manual repository in DIRECTORY: starter manual, mkdocs.yml, configuration, CI workflow.

    Never overwrites a file that already exists; it is listed as kept.
    """
    result = write_scaffold(directory, plan_scaffold(language))
    for relative in result.created:
        click.echo(f"created {directory / relative}")
    for relative in result.kept:
        click.echo(f"kept    {directory / relative} (already there, not changed)")
    click.echo(f"\nNext: cd {directory} && aup check", err=True)
    return 0
