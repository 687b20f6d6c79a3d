"""``aup pdf``: the whole manual as one PDF, kept in versions/ so every published version can be found again."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from ..files import guard_output, write_atomic
from ..model import display_path, load_manual, require_usable
from ..site.build import build_site
from ..site.engines import ENGINES
from ..site.source import VERSIONS, pdf_name
from .main import Project


@click.command("pdf")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder for the PDF (default: {VERSIONS}/ next to pyproject.toml; commit it, aup build publishes it).",
)
@click.option("--engine", type=click.Choice(list(ENGINES)), default=None,
              help="Site engine that lays out the pages (default: [tool.aup.site] engine, else mkdocs).")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace the PDF of this version when it is already there.")
@click.pass_obj
def command(project: Project, out_dir: Path | None, engine: str | None, force: bool) -> int:
    """Print the whole manual to one PDF (one per language): cover, contents, every page with its header, glossary.

    The file is named after the manual's title, version and language (for
    example good-practice-manual-2.1.0-en.pdf), so each published version
    keeps its own PDF. A version's PDF is kept as it is unless --force. Needs
    Chromium, Chrome or Edge (or AUP_BROWSER). Exits 1 when the manual has
    errors or the browser fails, 3 when no browser is found.
    """
    config = project.repository
    targets = []
    for edition in config.editions():
        name = pdf_name(edition, require_usable(load_manual(edition)))
        targets.append(guard_output((out_dir or config.root / VERSIONS) / name, config, what="PDF", suffixes=(".pdf",)))
    wanted = [target for target in targets if force or not target.exists()]
    for target in targets:
        if target not in wanted:
            click.echo(f"kept {display_path(target)}: this version's PDF is already there (--force replaces it)")
    if not wanted:
        return 0
    with project.locked("pdf"), tempfile.TemporaryDirectory(prefix="aup-pdf-") as work:
        built = build_site(config, Path(work) / "site", engine=engine or config.site.engine, pdf=True)
        printed = {pdf.name: pdf for pdf in built.pdfs}
        assert {target.name for target in targets} == set(printed)
        for target in wanted:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic({target: printed[target.name].read_bytes()})
    for target in wanted:
        click.echo(f"wrote {display_path(target)} ({target.stat().st_size // 1024} KB)")
    return 0
