"""``aup build``: check the manual, make the deck and the PDF, build the site into site/ when all of it passed."""

from __future__ import annotations

from pathlib import Path

import click

from ..site.build import awareness_deck, build_site
from ..site.engines import ENGINES
from .main import Project

PDF_CHOICES = {"auto": None, "always": True, "never": False}


@click.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to publish into (default: site/ next to pyproject.toml; GitLab Pages wants public/).",
)
@click.option("--engine", type=click.Choice(list(ENGINES)), default=None,
              help="Site engine (default: [tool.aup.site] engine, else mkdocs).")  # fmt: skip
@click.option("--no-deck", is_flag=True, help="Leave the awareness deck (and its download link) out of the site.")
@click.option("--no-pdf", is_flag=True, help="Leave the PDF of the whole manual (and its download link) out.")
@click.option(
    "--offline",
    is_flag=True,
    help="A site that also works opened from a folder or file share (file://): page.html links and a search "
    "that needs no server (default: [tool.aup.site] offline).",
)
@click.pass_obj
def command(
    project: Project, site_dir: Path | None, engine: str | None, no_deck: bool, no_pdf: bool, offline: bool
) -> int:
    """Lint the manual, make the awareness deck and the PDF, then build the site (--strict) into site/.

    The site is built in a temporary folder and replaces site/ only when the
    whole build passed, so a failed build leaves the last good site as it was.
    The PDF of the whole manual is printed by Chromium, Chrome or Edge when one
    is found ([tool.aup.site] pdf = "always" makes a missing browser an error).
    Exits 1 when the manual has errors (listed), a link is broken or a rule ID
    from the last build disappeared.
    """
    config = project.repository
    deck_maker = None if no_deck else awareness_deck
    pdf = False if no_pdf else PDF_CHOICES[config.site.pdf]
    with project.locked("build"):
        result = build_site(
            config, site_dir, make_deck=deck_maker, offline=offline, engine=engine or config.site.engine, pdf=pdf
        )
    for repair in result.repaired:
        click.secho(f"aup: repaired: {repair}", err=True, fg="yellow")
    for warning in result.warnings:
        click.echo(warning, err=True)
    extras = [f"deck {result.deck.name}"] if result.deck else []
    extras += [f"PDF {pdf.name}" for pdf in result.pdfs]
    made = "".join(f", {extra}" for extra in extras)
    languages = f" in {', '.join(result.languages)}" if len(result.languages) > 1 else ""
    click.echo(
        f"built {result.site_dir} with {result.engine}: {result.pages} page(s){languages}, {result.rules} rule(s){made}"
    )
    if offline or config.site.offline:
        click.echo(f"open {(result.site_dir / 'index.html').as_uri()} (or copy the folder to a file share)")
    return 0
