"""``aup serve``: live preview of the site, with the manual's errors shown on every rebuild."""

from __future__ import annotations

import click

from ..site.build import mkdocs_file
from ..site.plugin import serve_with_mkdocs
from .main import Project


@click.command("serve")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Address to serve the preview on.")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
@click.pass_obj
def command(project: Project, dev_addr: str, open_browser: bool) -> int:
    """Preview the site at http://127.0.0.1:8000/, rebuilt on every save.

    Lint errors appear as warnings in this terminal each time a page changes.
    Stop with Ctrl+C.
    """
    serve_with_mkdocs(mkdocs_file(project.repository), dev_addr, open_browser=open_browser)
    return 0
