"""``aup serve``: live preview of the site, with the manual's errors shown on every change."""

from __future__ import annotations

import click

from ..languages import LANGUAGES
from ..site.engines import ENGINES, engine_named
from ..site.serve import serve
from .main import Project


@click.command("serve")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Address to serve the preview on.")  # fmt: skip
@click.option("--engine", type=click.Choice(list(ENGINES)), default=None,
              help="Site engine (default: [tool.aup.site] engine, else mkdocs).")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
              help="In a manual of several languages, the one to preview (default: the source language).")  # fmt: skip
@click.pass_obj
def command(project: Project, dev_addr: str, engine: str | None, open_browser: bool, language: str | None) -> int:
    """Preview the site at http://127.0.0.1:8000/, remade on every save.

    The manual's errors appear in this terminal each time a page changes.
    Stop with Ctrl+C.
    """
    config = project.repository
    config = config.edition_of(language) if language else config
    chosen = engine_named(engine or config.site.engine)
    serve(config, chosen, dev_addr, lambda line: click.echo(line, err=True), open_browser=open_browser)
    return 0
