"""``aup check``: structural problems in the manual, as ``path:line: message (fix)``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_PROJECT
from ..languages import words
from ..model import Diagnostic, format_diagnostic, load_editions, load_manual
from ..model.setup import unconfirmed
from ..model.translation import compare_translations
from .project import Project


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def command(project: Project, paths: tuple[Path, ...]) -> int:
    """Check the manual's structure: front matter, rule IDs, Do/Don't/Why, and each translation against its source.

    PATHS are files or folders (default: the manual folder, every language). Never writes a file.
    Exits 1 when there are findings, 3 when a page cannot be read at all.
    """
    config = project.config
    manuals = {config.language: load_manual(config, list(paths))} if paths else load_editions(config)
    diagnostics: list[Diagnostic] = [d for manual in manuals.values() for d in manual.diagnostics]
    fatal = any(manual.fatal for manual in manuals.values())
    if len(manuals) > 1 and not fatal:
        diagnostics += compare_translations(manuals, config.changelog_page, config.stale_translations).diagnostics
    pages = [page for manual in manuals.values() for page in manual.pages]
    diagnostics += unconfirmed(pages, config.confirmed, lambda language: words(language, "check"))
    for diagnostic in diagnostics:
        label = "error" if diagnostic.fatal else diagnostic.severity
        click.echo(f"{format_diagnostic(diagnostic)} [{label}: {diagnostic.code}]")
    rules = sum(1 for manual in manuals.values() for _ in manual.rules)
    languages = f" in {len(manuals)} languages" if len(manuals) > 1 else ""
    click.echo(f"{len(pages)} page(s), {rules} rule(s){languages}, {len(diagnostics)} problem(s)", err=True)
    if fatal:
        return EXIT_PROJECT
    return EXIT_FINDINGS if any(d.severity == "error" for d in diagnostics) else EXIT_OK
