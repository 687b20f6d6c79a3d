"""``aup feedback``: import session feedback, see where it stands, export it for review, merge decisions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..config import Config
from ..errors import EXIT_FINDINGS, UsageError
from ..feedback.decide import plan_decisions
from ..feedback.form import form_kit
from ..feedback.importing import plan_import, read_exports_keep_going
from ..feedback.link import RuleIndex
from ..feedback.merge import FileChange, apply_merge, check_decisions, plan_editions, unified_diff
from ..feedback.report import export_csv, export_xlsx, session_lines, status_lines, summary, summary_html
from ..feedback.store import load_store, with_items
from ..feedback.tables import read_table
from ..files import guard_output, journal_path, write_atomic
from ..languages import words
from ..model import display_path, load_editions, load_manual, require_usable
from .main import Project


@click.group("feedback")
def command() -> None:
    """Session feedback: import exports, record decisions in feedback/*.yaml, merge them into the manual."""


@command.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--session", help="Name of the session (default: the date of the earliest response).")
@click.option(
    "--mapping",
    metavar="NAME",
    default=None,
    help="Read the files through this [tool.aup.feedback.mappings] mapping (default: found by header).",
)
@click.option("--keep-going/--stop", "keep_going", default=None,
              help="Import the files that can be read and list the others (default with several files), or stop "
              "at the first file that cannot be read (default with one).")  # fmt: skip
@click.pass_obj
def import_(
    project: Project, files: tuple[Path, ...], session: str | None, mapping: str | None, keep_going: bool | None
) -> int:
    """Read FILES (Google Forms CSV, Microsoft Forms .xlsx, Q&A exports in CSV, .xlsx or JSON through a mapping,
    the presenter's template).

    Personal data is removed from the text and submitter identities are never stored.
    Items already in the store keep their decisions; re-importing a file changes nothing.
    Exits 1 when a file was refused (the others are imported), 2 when nothing could be read.
    """
    config = project.repository
    manuals = [require_usable(manual) for manual in load_editions(config).values()]
    keep_going = len(files) > 1 if keep_going is None else keep_going
    readings, refused = read_exports_keep_going(files, config, mapping)
    if refused and (not keep_going or not readings):
        if len(refused) == 1:
            raise refused[0][1]
        raise UsageError(
            f"no file could be imported ({len(refused)} refused)",
            details=tuple(f"  {display_path(path)}: {error.message}" for path, error in refused),
        )
    # Every language: a Spanish comment finds its rule by the rule's Spanish words.
    rules = RuleIndex.of_manuals(manuals, config.feedback.synonyms)
    with project.locked("feedback import"):  # two imports at once must not lose either's items
        result = plan_import(
            readings,
            load_store(config),
            rules,
            session=session,
            language=config.language,
            resubmissions=config.feedback.resubmissions,
            voice=config.voice,
            languages=config.languages,
        )
        write_atomic(result.files, journal=journal_path(config))
    for reading in readings:
        click.echo(f"{display_path(reading.table.path)}: {reading.format}, {len(reading.responses)} response(s)")
    for warning in result.warnings:
        click.secho(f"warning: {warning}", err=True, fg="yellow")
    unassigned = sum(1 for item in result.added if item.rule is None)
    guessed = sum(1 for item in result.added if item.rule is None and item.suggested)
    target = ", ".join(display_path(path) for path in result.files) or "the store"
    click.echo(
        f"session '{result.session}': {result.responses} new response(s) ({result.ratings} rated the session), "
        f"{len(result.added)} new item(s) in {target} ({unassigned} without a rule, "
        f"{guessed} of them with suggestions 'aup feedback status' shows), "
        f"{result.known} already known, {result.dropped} duplicate submission(s) dropped, "
        f"{result.replaced} replaced by a later resubmission"
    )
    for path, error in refused:
        click.secho(f"refused {display_path(path)}: {error.message}", err=True, fg="red")
        for detail in error.details:
            click.echo(detail, err=True)
    return EXIT_FINDINGS if refused else 0


@command.command("status")
@click.option("--format", "output", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output-file", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="With --format html: the page to write for the organisers.")  # fmt: skip
@click.pass_obj
def status(project: Project, output: str, output_file: Path | None) -> int:
    """Per session: items by kind, status and page, the most asked; then counts per rule and what needs a decision.

    --format html -o FILE writes the per-session summary as a page for the organisers.
    """
    config = project.repository
    manual = require_usable(load_manual(config))
    store = load_store(config)
    check_decisions(manual, store)
    titles = {rule.id: rule.title for rule in manual.rules if rule.id}
    pages = {rule_id: page.relative for rule_id in titles if (page := manual.page_of(rule_id))}
    if output == "json":
        click.echo(json.dumps(summary(store, pages), indent=2, ensure_ascii=False))
        return 0
    if output == "html":
        if output_file is None:
            raise UsageError("--format html needs a file to write: add -o FILE.html")
        target = guard_output(output_file, config, what="summary", suffixes=(".html", ".htm"))
        write_atomic({target: summary_html(store, pages, config.language, config.voice)})
        click.echo(f"wrote {display_path(target)}", err=True)
        return 0
    for line in (
        *session_lines(store, pages),
        *([""] if store.items else []),
        *status_lines(store.items, titles),
    ):
        click.echo(line)
    return 0


@command.command("export")
@click.option(
    "--csv", "fmt", flag_value="csv", help="CSV (UTF-8; with a BOM in a file); without --output, to the screen."
)
@click.option("--xlsx", "fmt", flag_value="xlsx", help="An Excel workbook; needs --output.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.pass_obj
def export(project: Project, fmt: str | None, output: Path | None) -> int:
    """A spreadsheet of every item for reviewers, safe to open (no cell runs as a formula)."""
    if fmt is None:
        raise UsageError("choose a format: --csv or --xlsx")
    items = load_store(project.repository).items
    if output is not None:
        output = guard_output(output, project.repository, what="export", suffixes=(f".{fmt}",))
    if fmt == "xlsx":
        if output is None:
            raise UsageError("--xlsx needs a file to write: add --output FILE.xlsx")
        write_atomic({output: export_xlsx(items)})
    elif output is None:
        click.echo(export_csv(items, bom=False), nl=False)
    else:
        write_atomic({output: export_csv(items)})
    if output is not None:
        click.echo(f"{len(items)} item(s) written to {display_path(output)}", err=True)
    return 0


@command.command("decide")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--apply", "apply_", is_flag=True, help="Write the decisions (default: only show them as a diff).")
@click.pass_obj
def decide(project: Project, sheet: Path, apply_: bool) -> int:
    """Read back the decisions reviewers wrote in an exported sheet (.xlsx or .csv from 'aup feedback export').

    Only rule, status, change and answer are read. A row decided in the store since the export is a
    conflict: reported, never overwritten. Shows the change as a diff; --apply writes it. Exits 1 when
    a row was not applied (a value the store does not accept, or a conflict).
    """
    config = project.repository
    with project.locked("feedback decide"):
        manual = require_usable(load_manual(config))
        store = load_store(config)
        decisions = plan_decisions(read_table(sheet), store, {r.id: r.title for r in manual.rules if r.id})
        texts = with_items(store, decisions.updates)
        changes = [FileChange(path, path.read_text(encoding="utf-8"), text) for path, text in texts.items()]
        click.echo(unified_diff(changes), nl=False)
        if apply_ and texts:
            write_atomic(texts, journal=journal_path(config))
    for problem in (*decisions.problems, *decisions.conflicts):
        click.secho(f"not applied: {problem}", err=True, fg="red")
    done = "decided" if apply_ else "would decide"
    click.echo(
        f"{done} {len(decisions.updates)} item(s); {decisions.unchanged} row(s) unchanged; "
        f"{len(decisions.problems)} refused, {len(decisions.conflicts)} conflict(s)"
        + ("" if apply_ or not decisions.updates else "; run again with --apply to write it"),
        err=True,
    )
    return EXIT_FINDINGS if decisions.problems or decisions.conflicts else 0


@command.command("merge")
@click.option("--apply", "apply_", is_flag=True, help="Write the changes (default: only show them as a diff).")
@click.pass_obj
def merge(project: Project, apply_: bool) -> int:
    """Answered questions become FAQ entries under their rule, accepted suggestions a changelog entry.

    Bumps the version of each affected page and of the manual by the highest change level among
    the items, and records the released version in the items. Shows the change as a diff; --apply
    writes it. Text outside the managed blocks and the 'version:' lines is never touched.
    """
    config = project.repository
    with project.locked("feedback merge"):
        return _merge(config, apply_)


def _merge(config: Config, apply_: bool) -> int:
    editions = {edition.language: edition for edition in config.editions()}
    manuals = {language: require_usable(manual) for language, manual in load_editions(config).items()}
    plan = plan_editions(manuals, editions, load_store(config), dt.date.today())
    for warning in plan.skipped:
        click.secho(f"warning: {warning}", err=True, fg="yellow")
    if plan.empty:
        click.echo("nothing to merge: no answered or accepted item waits for release", err=True)
        return 0
    click.echo(plan.diff(), nl=False)
    summary = f"manual {plan.version_before} -> {plan.version_after}: {len(plan.released)} item(s)"
    if apply_:
        apply_merge(plan, journal=journal_path(config))
        click.echo(f"merged: {summary}; {len(plan.changes)} file(s) written", err=True)
    else:
        click.echo(f"would merge: {summary}; run again with --apply to write it", err=True)
    return 0


@command.command("form")
@click.pass_obj
def form(project: Project) -> int:
    """What to paste into a Google or Microsoft form so that answers link to their rule by themselves.

    The questions, the choices "Page – Rule title" for "which part of the manual?" in each language
    of the manual, and, with [tool.aup.feedback.form] url and rule_entry, a pre-filled link for each
    page and rule (the site's "Questions or suggestions?" link on each page uses its page's).
    """
    config = project.repository
    manuals = {language: require_usable(manual) for language, manual in load_editions(config).items()}
    click.echo(form_kit(manuals, config), nl=False)
    return 0


@command.command("template")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def template(project: Project, path: Path | None) -> int:
    """The presenter's CSV template for notes taken during a session, in the manual's language
    (date,rule,kind,text; in Spanish fecha,regla,tipo,texto)."""
    text = words(project.config.language, "feedback", project.config.voice)["template"]
    if path is None:
        click.echo(text, nl=False)
        return 0
    if path.exists():
        raise UsageError(f"{display_path(path)} already exists; choose another name")
    write_atomic({path: text})
    click.echo(f"wrote {display_path(path)}", err=True)
    return 0
