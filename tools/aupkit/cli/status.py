"""``aup status``: each page in each language: source, up to date, stale, untracked or missing."""

from __future__ import annotations

import json

import click

from ..model import load_editions, require_usable
from ..model.translation import compare_translations
from .project import Project


@click.command("status")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def command(project: Project, output: str) -> int:
    """Show which translated pages are up to date with the source language.

    A table of pages by languages. A translation is up to date when its front matter's
    source_version is the source page's version. Always exits 0 when the manual can be read
    ('aup check' is what fails on problems).
    """
    config = project.repository
    manuals = {language: require_usable(manual) for language, manual in load_editions(config).items()}
    statuses = compare_translations(manuals, config.changelog_page).statuses if len(manuals) > 1 else ()
    if len(manuals) == 1:
        (language,) = manuals
        click.echo(f"the manual has one language ({language}): nothing is translated")
        return 0
    if output == "json":
        rows = [
            {"page": s.page, "language": s.language, "state": s.state, "version": s.version,
             "source_version": s.source_version}
            for s in statuses
        ]  # fmt: skip
        click.echo(json.dumps({"languages": list(manuals), "pages": rows}, indent=2, ensure_ascii=False))
        return 0
    languages = list(manuals)
    table: dict[str, dict[str, str]] = {}
    for status in statuses:
        shown = status.state if status.state != "source" else f"source {status.version or '?'}"
        if status.state == "stale":
            shown = f"stale ({status.source_version})"
        table.setdefault(status.page, {})[status.language] = shown
    width = max(len("page"), *(len(page) for page in table))
    header = ["page".ljust(width), *(language.ljust(16) for language in languages)]
    click.echo("  ".join(header).rstrip())
    for page, row in table.items():
        click.echo("  ".join([page.ljust(width), *(row.get(lang, "missing").ljust(16) for lang in languages)]).rstrip())
    counts = {}
    for status in statuses:
        if status.state != "source":
            counts[status.state] = counts.get(status.state, 0) + 1
    click.echo(", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "nothing to translate", err=True)
    return 0
