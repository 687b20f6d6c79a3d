"""``aup slides``: the awareness session deck as a PowerPoint file."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..model import load_manual, require_usable
from ..slides import build_deck
from ..slides.words import format_duration
from .main import Project


@click.command("slides")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the .pptx (default: slides.output, build/slides.pptx).",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A corporate .pptx or .potx whose layouts the deck uses (default: slides.template).",
)
@click.option(
    "--pages",
    "pages",
    multiple=True,
    metavar="PAGE[,PAGE...]",
    help="Topic pages to present, in this order (for example: byod,email). Default: all.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "es"]),
    help="Language of the deck: in a manual of several languages, the one to present (default: one deck each, "
    "slides-<language>.pptx); otherwise the language of the deck's own words (default: the manual's).",
)
@click.option("--presenter", metavar="NAME", help="Name on the title slide (default: slides.presenter).")
@click.option(
    "--questions",
    type=click.Choice(["topic", "end"]),
    help="A 'Your questions' slide after each topic or once at the end (default: slides.questions).",
)
@click.option(
    "--knowledge-check/--no-knowledge-check",
    default=None,
    help="Add 'Is this OK?' slides built from Do/Don't items (default: slides.knowledge_check).",
)
@click.pass_obj
def command(
    project: Project,
    paths: tuple[Path, ...],
    out: Path | None,
    template: Path | None,
    pages: tuple[str, ...],
    language: str | None,
    presenter: str | None,
    questions: str | None,
    knowledge_check: bool | None,
) -> int:
    """Build the awareness session deck (.pptx) from the manual.

    PATHS are Markdown files or folders to present instead of the manual folder;
    pages that do not follow the rule conventions are shown as headings and lists.
    The same input always gives the same bytes. Exits 2 on a bad option or
    template, 3 when the manual cannot be read.
    """
    config = project.config
    wanted = tuple(name.strip() for value in pages for name in value.split(",") if name.strip())
    several = len(config.editions()) > 1 and not paths
    editions = (config.edition_of(language),) if several and language else config.editions() if several else (config,)
    if several and out is not None and len(editions) > 1:
        raise UsageError("--out names one file, but the manual has several languages: add --lang to choose one")
    for edition in editions:
        manual = require_usable(load_manual(edition, list(paths) or None))
        target = out or edition.deck_path
        built = build_deck(
            manual,
            edition,
            target,
            template=template,
            pages=wanted,
            language=None if several else language,
            presenter=presenter,
            questions=questions,
            knowledge_check=knowledge_check,
        )
        for notice in built.notices:
            click.echo(f"aup: note: {notice}", err=True)
        deck = built.deck
        minutes = format_duration(deck.total_seconds, deck.language)
        click.echo(f"wrote {built.path} ({len(deck.slides)} slides, about {minutes} to present)")
    return 0
