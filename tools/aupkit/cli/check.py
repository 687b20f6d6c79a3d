"""``aup check``: structural problems in the manual, as ``path:line: message (fix)``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_PROJECT
from ..model import format_diagnostic, load_manual
from .project import Project


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def command(project: Project, paths: tuple[Path, ...]) -> int:
    """Check the manual's structure: front matter, rule IDs, Do/Don't/Why.

    PATHS are files or folders (default: the manual folder). Never writes a file.
    Exits 1 when there are findings, 3 when a page cannot be read at all.
    """
    manual = load_manual(project.config, list(paths) or None)
    for diagnostic in manual.diagnostics:
        label = "error" if diagnostic.fatal else diagnostic.severity
        click.echo(f"{format_diagnostic(diagnostic)} [{label}: {diagnostic.code}]")
    rules = sum(1 for _ in manual.rules)
    counts = f"{len(manual.pages)} page(s), {rules} rule(s), {len(manual.diagnostics)} problem(s)"
    click.echo(counts, err=True)
    if manual.fatal:
        return EXIT_PROJECT
    return EXIT_FINDINGS if any(d.severity == "error" for d in manual.diagnostics) else EXIT_OK
