"""``aup review``: the plain-language review in Word. Export the pages with the lint's comments; import the
document the reviewer sends back as a proposed change to the manual, and their comments as feedback items."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..config import Config
from ..errors import EXIT_FINDINGS, ReviewError, UsageError
from ..feedback.items import Item, item_id
from ..feedback.redact import redact
from ..feedback.store import load_store, with_session
from ..files import guard_output, journal_path, write_atomic
from ..git import git_output, git_top
from ..languages import words
from ..lint import lint_manual, page_report
from ..model import Manual, Page, display_path, load_manual, markdown_files, parse_page, require_usable
from ..review.docx import MARK, ReturnedDocument, read_document
from ..review.export import export_document
from ..review.paragraphs import Paragraph, norm, page_paragraphs, paragraphs
from ..review.returned import Plan, plan_review
from .main import Project


@click.group("review")
def command() -> None:
    """The plain-language review in Word: export pages with the lint's comments, import the edited document."""


@command.command("export")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The Word document to write (default: build/review-LANG.docx).")  # fmt: skip
@click.option("--since", metavar="REF", help="Only the pages changed since this git commit, tag or branch.")
@click.option(
    "--lang", metavar="LANG", help="In a manual of several languages, this one's pages (default: the source)."
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="The date the lint checks review deadlines against.")
@click.pass_obj
def export(
    project: Project, paths: tuple[Path, ...], output: Path | None, since: str | None, lang: str | None,
    today: dt.datetime | None,
) -> int:  # fmt: skip
    """Write PATHS (default: every page) as a Word document for the plain-language reviewer: the pages as staff
    read them, the lint's findings as comments, the scores against the targets on the first page."""
    config = project.repository
    edition = config.edition_of(lang) if lang else config.editions()[0]
    manual = require_usable(load_manual(edition))
    pages = _chosen(manual, paths, since, config)
    if not pages:
        click.echo("no page to review: nothing written", err=True)
        return 0
    day = today.date() if today else dt.date.today()
    report = lint_manual(manual, edition, today=day)
    commit = _clean_commit(config)
    found = paragraphs(manual, edition.placeholders(), pages)
    home = next((page for page in manual.pages if page.role == "home"), None)
    version = home.front_matter.version if home and home.front_matter else ""
    data = export_document(
        found, report, title=edition.title, version=version, language=edition.language, voice=edition.voice,
        commit=commit, today=day,
    )  # fmt: skip
    target = guard_output(
        output or config.root / "build" / f"review-{edition.language}.docx", config, what="review document",
        suffixes=(".docx",),
    )  # fmt: skip
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic({target: data})
    comments = sum(1 for finding in report.findings if any(p.path == finding.path for p in pages))
    click.echo(f"wrote {display_path(target)}: {len(pages)} page(s), {len(found)} paragraph(s), {comments} finding(s)")
    if not commit:
        why = "is not in a git repository" if git_top(config.root) is None else "has changes that are not committed"
        click.secho(
            f"aup: note: the manual {why}; commit it before you export, so that 'aup review import' can tell the "
            "reviewer's edits from later changes to the manual",
            err=True, fg="yellow",
        )  # fmt: skip
    return 0


@command.command("import")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--apply", "apply_", is_flag=True, help="Write the changes and the comments (default: only show them).")
@click.option("--session", help="The feedback session the comments go to (default: review-YYYY-MM-DD).")
@click.pass_obj
def import_(project: Project, document: Path, apply_: bool, session: str | None) -> int:
    """Read DOCUMENT (the review document, edited in Word, LibreOffice or Google Docs) and show the change it
    makes to the manual as a diff, with the scores before and after; --apply writes it, and the reviewer's
    open comments become feedback items of kind 'review'.

    Exits 1 when an edit could not be applied (a conflict with a later change, or an edit to structure),
    2 when the document cannot be read.
    """
    config = project.repository
    returned = read_document(document)
    fields = returned.identifier.split()
    ours = fields[:1] == [MARK] or any(
        name.startswith("_aup_") for paragraph in returned.paragraphs for name in paragraph.bookmarks
    )
    if fields[:1] == [MARK] and len(fields) > 3:
        edition = config.edition_of(fields[3]) if config.languages else config
        manual = require_usable(load_manual(edition))
        current = paragraphs(manual, edition.placeholders())
    else:  # Google Docs keeps neither the document's properties nor the bookmarks' names: known by its text
        edition, manual, current, matched = _by_text(returned, config)
        ours = ours or matched >= MIN_MATCHED
    if not ours:
        raise ReviewError(
            f"{document}: is not a document 'aup review export' wrote (no aup marks in it, and too little of its "
            "text is in the manual)",
            details=("  export the pages with 'aup review export' and send that document for review",),
        )
    values = edition.placeholders()
    exported, note = _exported(manual, edition, fields[2] if len(fields) > 2 else "-", values)
    said = words(edition.language, "review", edition.voice)
    sources = {page.path: page.source for page in manual.pages}
    plan = plan_review(returned, exported or current, current, sources, author=said["author"])
    if note:
        plan.notes.insert(0, note)
    relative = {page.path: page.relative for page in manual.pages}
    _show(plan, sources, relative, returned.external)
    _show_scores(plan, manual, edition, said)
    day = dt.date.today().isoformat()
    name = session or f"review-{day}"
    store = load_store(config)
    known = {item.id for item in store.items}
    items = []
    for comment in plan.comments:
        text = redact(comment.text, edition.language)
        identifier_ = item_id(name, "review", text)
        if identifier_ in known or any(item.id == identifier_ for item in items):
            continue
        items.append(
            Item(
                id=identifier_, session=name, date=comment.date or day, rule=comment.rule, kind="review", text=text,
                source=f"{document.name}: {comment.key or 'the document'}",
                language=edition.language if config.languages else "",
            )
        )  # fmt: skip
    if not apply_:
        click.echo(
            f"{len(plan.edits)} edit(s) and {len(items)} comment(s) to import; nothing written (--apply writes them)"
        )
        return EXIT_FINDINGS if plan.refused or plan.unplaced else 0
    with project.locked("review import"):
        files = dict(plan.files)
        if items:
            path = store.path_for(name)
            current_file = next((file for file in store.files if file.path == path), None)
            files[path] = with_session(current_file, name, items, {}, config.voice, config.language)
        write_atomic(files, journal=journal_path(config))
    written = ", ".join(display_path(path) for path in files) or "nothing"
    click.echo(f"applied {len(plan.edits)} edit(s), {len(items)} comment(s) as feedback items: wrote {written}")
    return EXIT_FINDINGS if plan.refused or plan.unplaced else 0


MIN_MATCHED = 5  # paragraphs of the manual found word for word: a document exported from it, without its marks


def _by_text(returned: ReturnedDocument, config: Config) -> tuple[Config, Manual, list[Paragraph], int]:
    """The language edition whose paragraphs the document's text matches best, and how many it matches."""
    texts = {norm(paragraph.before) for paragraph in returned.paragraphs}
    best: tuple[Config, Manual, list[Paragraph], int] | None = None
    for edition in config.editions():
        manual = require_usable(load_manual(edition))
        found = paragraphs(manual, edition.placeholders())
        matched = sum(1 for paragraph in found if norm(paragraph.text) in texts)
        if best is None or matched > best[3]:
            best = (edition, manual, found, matched)
    assert best is not None
    return best


def _chosen(manual: Manual, paths: tuple[Path, ...], since: str | None, config: Config) -> tuple[Page, ...]:
    pages = manual.pages
    if paths:
        wanted = {path.resolve() for path in markdown_files(paths)}
        pages = tuple(page for page in pages if page.path.resolve() in wanted)
    if since:
        top = git_top(config.root)
        changed = git_output(config.root, "diff", "--name-only", since, "--", str(config.manual_path))
        if top is None or changed is None:
            raise UsageError(
                f"--since {since}: git cannot compare with it", details=("  give a commit, tag or branch",)
            )
        names = {(top / name).resolve() for name in changed.split("\n") if name}
        pages = tuple(page for page in pages if page.path.resolve() in names)
    return pages


def _clean_commit(config: Config) -> str:
    """The commit the manual's files are at, when none of them has uncommitted changes; else ''."""
    status = git_output(config.root, "status", "--porcelain", "--", str(config.manual_path))
    head = git_output(config.root, "rev-parse", "HEAD")
    return head.strip() if status == "" and head else ""


def _exported(manual: Manual, config: Config, commit: str, values: dict[str, str]) -> tuple[list[Paragraph], str]:
    """The paragraphs as they were exported, rebuilt from git at the export's commit; ([], why) when they cannot."""
    if commit in ("", "-"):
        return [], (
            "the export was made from uncommitted changes (or the document lost its marks): the manual is taken "
            "as unchanged since, so a later change to a paragraph the reviewer edited cannot be told apart"
        )
    top = git_top(config.root)
    if top is None:
        return [], "git is not available: the manual is taken as unchanged since the export"
    found: list[Paragraph] = []
    for page in manual.pages:
        name = page.path.resolve().relative_to(top).as_posix() if top in page.path.resolve().parents else None
        text = git_output(top, "show", f"{commit}:{name}") if name else None
        if text is None:
            continue  # a page added since the export: nothing of it was exported
        found.extend(page_paragraphs(_reparsed(page, text, config), values))
    if not found:
        return [], f"commit {commit[:12]} of the export is not in this repository: the manual is taken as unchanged"
    return found, ""


def _reparsed(page: Page, text: str, config: Config) -> Page:
    """``page`` as it reads with another text (the exported one from git, or the one the import proposes)."""
    return parse_page(
        text, page.path, page.relative, role=page.role, placeholders=config.placeholders(),
        default_language=config.language, allowed_html=config.site.allowed_html,
    ).page  # fmt: skip


def _show(plan: Plan, sources: dict[Path, str], relative: dict[Path, str], external: tuple[str, ...]) -> None:
    for note in plan.notes:
        click.secho(f"aup: note: {note}", err=True, fg="yellow")
    if external:
        click.secho(f"aup: note: {len(external)} link(s) to outside files in the document were not opened", err=True)
    diff = plan.diff(sources, relative)
    if diff:
        click.echo(diff, nl=False)
    for refused in plan.refused:
        click.secho(f"not applied: {refused.where}: {refused.reason}", err=True, fg="red")
        for label, text in (("exported", refused.exported), ("in the manual now", refused.current),
                            ("the reviewer's", refused.reviewer)):  # fmt: skip
            if text:
                click.echo(f"  {label}: {' '.join(text.split())}", err=True)
    for text in plan.unplaced:
        click.secho(f"not placed: '{' '.join(text.split())[:120]}' (no paragraph of the manual matches it)", err=True)


def _show_scores(plan: Plan, manual: Manual, config: Config, said: dict[str, str]) -> None:
    """The changed pages' and rules' headline score, before and after."""
    for path, text in plan.files.items():
        page = next(page for page in manual.pages if page.path == path)
        old, new = page_report(page, manual, config), page_report(_reparsed(page, text, config), manual, config)
        target = next(iter(new.targets), None)
        if target is None:
            continue
        metric, name = target.metric, said.get(f"metric.{target.metric}", target.metric)
        click.echo(f"{page.relative}: {name} {_score(old.metrics.get(metric))} -> {_score(new.metrics.get(metric))}")
        before_rules = {rule.name: rule for rule in old.rules}
        for rule in new.rules:
            was = before_rules.get(rule.name)
            if was is not None and was.metrics.get(metric) != rule.metrics.get(metric):
                click.echo(
                    f"  {rule.name}: {name} {_score(was.metrics.get(metric))} -> {_score(rule.metrics.get(metric))}"
                )


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
