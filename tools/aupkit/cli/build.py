"""``aup build``: check the manual, make the deck, build the site into site/ (only when all of it passed)."""

from __future__ import annotations

from pathlib import Path

import click

from ..site.build import awareness_deck, build_site
from .main import Project


@click.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to publish into (default: site/ next to pyproject.toml; GitLab Pages wants public/).",
)
@click.option("--no-deck", is_flag=True, help="Leave the awareness deck (and its download link) out of the site.")
@click.option(
    "--offline",
    is_flag=True,
    help="A site that also works opened from a folder or file share (file://): page.html links and a search "
    "that needs no server (default: [tool.aup.site] offline).",
)
@click.pass_obj
def command(project: Project, site_dir: Path | None, no_deck: bool, offline: bool) -> int:
    """Lint the manual, make the awareness deck, then build the site with MkDocs (--strict) into site/.

    The site is built in a temporary folder and replaces site/ only when the
    whole build passed, so a failed build leaves the last good site as it was.
    Exits 1 when the manual has errors (listed), a link is broken or a rule ID
    from the last build disappeared.
    """
    deck_maker = None if no_deck else awareness_deck
    with project.locked("build"):
        result = build_site(project.repository, site_dir, make_deck=deck_maker, offline=offline)
    for repair in result.repaired:
        click.secho(f"aup: repaired: {repair}", err=True, fg="yellow")
    for warning in result.warnings:
        click.echo(warning, err=True)
    deck = f", deck {result.deck.name}" if result.deck else ""
    click.echo(f"built {result.site_dir}: {result.pages} page(s), {result.rules} rule(s){deck}")
    if offline or project.repository.site.offline:
        click.echo(f"open {(result.site_dir / 'index.html').as_uri()} (or copy the folder to a file share)")
    return 0
