"""``aup lint``: plain-language findings and readability scores, for people and for CI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_PROJECT, UsageError
from ..files import guard_output
from ..languages import LANGUAGES, Voice
from ..lint import LintReport, lint_editions
from ..lint.formats import FORMATS, FORMATTERS, summary_line
from ..model import SEVERITIES, load_editions, load_manual
from .main import Project


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json (documented, versioned); github annotations; sarif 2.1.0.")  # fmt: skip
@click.option("--fail-on", type=click.Choice([*reversed(SEVERITIES), "never"]), default="error", show_default=True,
              help="Exit 1 when a finding at or above this severity exists.")  # fmt: skip
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained HTML report for reviewers to this file.")  # fmt: skip
@click.option("--no-cache", is_flag=True, hidden=True, help="Ignored: aup lint keeps no cache since 0.2.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, hidden=True,
              help="Ignored: aup lint runs in one process since 0.2.")  # fmt: skip
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
              help="In a manual of several languages, only this one's pages; the HTML report's words are in it too "
              "(default: every language, the report in the manual's source language).")  # fmt: skip
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date to check review deadlines against (default: today).")  # fmt: skip
@click.pass_obj
def command(
    project: Project,
    paths: tuple[Path, ...],
    output_format: str,
    fail_on: str,
    html_path: Path | None,
    no_cache: bool,
    jobs: int | None,
    language: str | None,
    today: dt.datetime | None,
) -> int:
    """Check the manual's writing: plain words, short sentences, clear obligations, readability scores.

    PATHS are files or folders (default: the manual folder, every language). Prints
    'path:line:col: severity code: message (suggestion)' and a score table per
    page. Exits 1 when a finding at or above --fail-on exists, 3 when a page
    cannot be read at all.
    """
    config = project.config
    if html_path is not None:
        html_path = guard_output(html_path, config, what="HTML report", suffixes=(".html", ".htm"))
    several = len(config.editions()) > 1
    if paths:
        manuals = {config.language: load_manual(config, list(paths))}
    elif language and several:
        manuals = {language: load_manual(config.edition_of(language))}
    else:
        manuals = load_editions(config)
    day = today.date() if today else None
    report = lint_editions(manuals, config, today=day, sentences=html_path is not None)
    _print_report(report, output_format, html_path, config.root, language or config.language, config.voice)
    if report.fatal:
        return EXIT_PROJECT
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITIES.index(fail_on)
    failing = any(SEVERITIES.index(finding.severity) >= threshold for finding in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _print_report(
    report: LintReport, output_format: str, html_path: Path | None, root: Path, language: str, voice: str | Voice
) -> None:
    click.echo(FORMATTERS[output_format](report, root), nl=False)
    if html_path is not None:
        try:
            from ..lint.report import write_html  # only with --html

            write_html(report, html_path, language, voice)
        except OSError as error:
            raise UsageError(f"{html_path}: cannot write the report: {error.strerror}; choose another path") from None
        click.echo(f"wrote {html_path}", err=True)
    if output_format != "text":
        click.echo(summary_line(report), err=True)
