"""``aup ack``: who has read and accepted which version of the manual, with reminders and evidence for audits.

Personal data (the ledger, the staff list, reminders, HR's reports) is read from and written to the private
folder only ([tool.aup.acknowledge] folder), which must be outside the site and ignored by git.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import click

from ..ack import private
from ..ack.ledger import append, read_export, read_ledger
from ..ack.links import confirm_link
from ..ack.remind import message, plan, read_record, record_lines
from ..ack.report import as_csv, as_html, as_json, as_xlsx, summary_line, text
from ..ack.roster import read_roster
from ..ack.status import Status, status
from ..ack.versions import ManualVersion, manual_versions, parse, required
from ..announce.compose import releases
from ..announce.send import SmtpSettings, send
from ..config import Config
from ..errors import EXIT_FINDINGS, UsageError
from ..feedback.tables import read_table
from ..files import write_atomic
from ..languages import words
from ..model import Manual, display_path, load_manual, require_usable
from ..site.source import VERSIONS, pdf_name
from .main import Project


@click.group("ack")
def command() -> None:
    """Acknowledgements: who has accepted which version, reminders, and evidence for auditors."""


def _versions(config: Config, manual: Manual | None = None) -> tuple[list[ManualVersion], tuple[int, int, int]]:
    """The manual's versions and the one in force (``manual``: already loaded, else read here)."""
    manual = manual or require_usable(load_manual(config))
    changelog = manual.page(config.changelog_page)
    current = parse(str(manual.version or ""))
    if current is None:
        raise UsageError(f"{config.manual_dir}/{config.home_page}: the manual has no version like 1.0.0")
    entries = [(release.version, release.date) for release in releases(changelog)] if changelog else []
    return manual_versions(entries, current, config.acknowledge.material), current


@command.command("versions")
@click.pass_obj
def versions_(project: Project) -> int:
    """Each version of the manual and whether it asks everyone to accept again (material)."""
    config = project.repository
    found, current = _versions(config)
    for version in reversed(found):
        why = "set in [tool.aup.acknowledge] material" if version.overridden else "from its version number"
        mark = "material" if version.material else "not material"
        in_force = "  (in force)" if version.version == current else ""
        click.echo(f"{version.name:<10} {version.date or '-':<12} {mark:<13} {why}{in_force}")
    click.echo(f"acceptances of {'.'.join(map(str, required(found, current)))} or later count", err=True)
    return 0


def _link(config: Config, version: str, language: str) -> str:
    return confirm_link(config, version, language) or config.organisation.site_url


@command.command("form")
@click.pass_obj
def form(project: Project) -> int:
    """What to set up in Google Forms or Microsoft Forms, and the pre-filled link for each language."""
    config = project.repository
    name = ".".join(map(str, _versions(config)[1]))
    languages = config.languages or (config.language,)
    click.echo("Google Forms: one form for every version")
    click.echo("  Settings: collect verified email addresses; limit to 1 response off (a new version is a new one)")
    click.echo("  Questions: 'Version' (short answer), 'Language' (multiple choice: " + ", ".join(languages) + "),")
    click.echo("             'I have read and accept the manual' (checkbox, required)")
    click.echo("  Then 'Get pre-filled link' and set [tool.aup.acknowledge] form_url, version_entry, language_entry")
    click.echo("Microsoft Forms: one form per version, titled with the version (e.g. 'Manual " + name + "')")
    click.echo("  Settings: only people in my organisation can respond, record name; a required acceptance question")
    click.echo("Links for version " + name + ":")
    for language in languages:
        click.echo(f"  {language}: {_link(config, name, language)}")
    return 0


@command.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--version", "version", metavar="X.Y.Z", help="The version the form was for, when it has no column.")
@click.pass_obj
def import_(project: Project, files: tuple[Path, ...], version: str | None) -> int:
    """Add the acceptances in form exports (Google Forms CSV, Microsoft Forms .xlsx) to the private ledger.

    Re-importing an export, or a later export that repeats its rows, adds nothing. Exits 1 when rows were
    not counted (each is listed with its place and reason).
    """
    config = project.repository
    found, _ = _versions(config)
    if version is not None and parse(version) not in [v.version for v in found]:
        raise UsageError(f"--version {version} is not a version of the manual ({', '.join(v.name for v in found)})")
    acks, skipped = [], []
    for path in files:
        reading = read_export(read_table(path), path.read_bytes(), [v.version for v in found], version=version,
                              default_language=config.language, date_order=config.feedback.date_order)  # fmt: skip
        acks += reading.acks
        skipped += reading.skipped
    with project.locked("ack import"):
        folder = private.guard(config)
        ledger = folder / private.LEDGER
        text_now = ledger.read_text(encoding="utf-8") if ledger.is_file() else ""
        new_text, added = append(text_now, acks)
        if added:
            write_atomic({ledger: new_text})
    click.echo(f"{len(added)} new acceptance(s) in the ledger, {len(acks) - len(added)} already there")
    for line in skipped:
        click.secho(f"not counted: {line}", err=True, fg="yellow")
    return EXIT_FINDINGS if skipped else 0


def _status(config: Config, roster: Path | None, today: dt.date, manual: Manual | None = None) -> tuple[Status, Path]:
    folder = private.guard(config)
    roster = roster or next((p for p in (folder / "roster.csv", folder / "roster.xlsx") if p.is_file()), None)
    if roster is None:
        raise UsageError("no staff list: give one with --roster FILE (HR's CSV or .xlsx), or put roster.csv in "
                         f"{folder}")  # fmt: skip
    people = read_roster(read_table(roster), config.feedback.date_order)
    ledger = folder / private.LEDGER
    acks = read_ledger(ledger.read_text(encoding="utf-8")) if ledger.is_file() else []
    found, current = _versions(config, manual)
    ack = config.acknowledge
    result = status(people, acks, current, required(found, current), today, grace_days=ack.grace_days,
                    deadline=ack.deadline)  # fmt: skip
    return result, roster


_ROSTER = click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                       help="HR's staff list (CSV or .xlsx; default: roster.csv in the private folder).")  # fmt: skip
_TODAY = click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                      help="Report as of this date (default: today).")  # fmt: skip


@command.command("status")
@_ROSTER
@_TODAY
@click.option("--format", "output", type=click.Choice(["text", "json", "csv", "xlsx", "html"]), default="text",
              show_default=True)  # fmt: skip
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write csv, xlsx or html (default: status.<format> in the private folder).")  # fmt: skip
@click.pass_obj
def status_(
    project: Project, roster: Path | None, today: dt.datetime | None, output: str, output_file: Path | None
) -> int:
    """Who has accepted the version in force, per person and per department, against HR's staff list."""
    config = project.repository
    result, _ = _status(config, roster, (today or dt.datetime.now()).date())
    title, language = config.title, config.language
    if output == "text":
        click.echo(text(result, title, language, config.voice), nl=False)
        return 0
    if output == "json":
        click.echo(json.dumps(as_json(result), indent=2, ensure_ascii=False))
        return 0
    folder = private.guard(config)
    target = (output_file or folder / f"status.{output}").resolve()
    if folder not in target.parents and config.root.resolve() in target.parents:
        raise UsageError(f"{target}: HR's report names people; write it in {folder} or outside the repository")
    content = {"csv": lambda: as_csv(result), "xlsx": lambda: as_xlsx(result),
               "html": lambda: as_html(result, title, language, config.voice)}[output]()  # fmt: skip
    write_atomic({target: content})
    click.echo(f"wrote {target}", err=True)
    return 0


@command.command("remind")
@_ROSTER
@_TODAY
@click.option("--dry-run", is_flag=True, help="List who would be written to; write nothing.")
@click.option("--send", "send_", is_flag=True, help="Send by SMTP with STARTTLS (the announcement's AUP_SMTP_*).")
@click.pass_obj
def remind(project: Project, roster: Path | None, today: dt.datetime | None, dry_run: bool, send_: bool) -> int:
    """One email to each person who must accept (in their language, with the link) and a digest per manager.

    Writes them as .eml files to the private folder's outbox (or sends them with --send), and records them so
    nobody gets the same reminder again within [tool.aup.acknowledge] remind_every_days.
    """
    config = project.repository
    now = today or dt.datetime.now().replace(microsecond=0)
    with project.locked("ack remind"):
        result, _ = _status(config, roster, now.date())
        folder = private.guard(config)
        record_path = folder / private.REMINDERS
        existing = record_path.read_text(encoding="utf-8") if record_path.is_file() else ""
        titles = {edition.language: edition.title for edition in config.editions()}
        due = plan(result, read_record(existing), now, every_days=config.acknowledge.remind_every_days,
                   title_of=lambda language: titles.get(language, config.title),
                   link_of=lambda language: _link(config, result.version, language),
                   default_language=config.language, voice=config.voice)  # fmt: skip
        if dry_run:
            for reminder in due:
                click.echo(f"{reminder.kind:<7} {reminder.to}  ({reminder.language}, {len(reminder.people)} person(s))")
            click.echo(f"{len(due)} reminder(s) would be written", err=True)
            return 0
        sender = config.announce.sender or config.organisation.helpdesk_email
        mails = [(reminder, message(reminder, sender, now)) for reminder in due]
        if send_:
            settings = SmtpSettings.from_environment(os.environ)
            for _, mail in mails:
                send(mail, settings)
        else:
            files = {}
            for reminder, mail in mails:
                name = hashlib.sha256(f"{reminder.kind}{reminder.to}".encode()).hexdigest()[:12]
                files[folder / private.OUTBOX / f"{now:%Y%m%d}-{reminder.kind}-{name}.eml"] = mail.as_bytes()
            write_atomic(files)
        write_atomic({record_path: record_lines(existing, due, result.version, now)})
    where = "sent" if send_ else f"written to {display_path(folder / private.OUTBOX)}"
    people = sum(1 for reminder in due if reminder.kind == "person")
    click.echo(f"{people} reminder(s) and {len(due) - people} manager digest(s) {where}", err=True)
    return 0


@command.command("evidence")
@click.option("--version", "version", required=True, metavar="X.Y.Z", help="The version to give evidence for.")
@_ROSTER
@_TODAY
@click.pass_obj
def evidence(project: Project, version: str, roster: Path | None, today: dt.datetime | None) -> int:
    """For an auditor: the version's document and its hash, who accepted it and when, and what that proves."""
    config = project.repository
    manual = require_usable(load_manual(config))
    found, current = _versions(config, manual)
    wanted = parse(version)
    if wanted not in [v.version for v in found]:
        raise UsageError(f"{version} is not a version of the manual ({', '.join(v.name for v in found)})")
    result, roster_path = _status(config, roster, (today or dt.datetime.now()).date(), manual)
    folder = private.guard(config)
    ledger = folder / private.LEDGER
    acks = read_ledger(ledger.read_text(encoding="utf-8")) if ledger.is_file() else []
    pdf = config.root / VERSIONS / pdf_name(config, manual).replace(f"-{manual.version}-", f"-{version}-")
    if pdf.is_file():
        document, digest = pdf.name, hashlib.sha256(pdf.read_bytes()).hexdigest()
    else:  # no PDF kept for it: the hash of the manual's pages as they are now
        joined = b"".join(page.source.encode() for page in sorted(manual.pages, key=lambda p: p.relative))
        document, digest = f"{config.manual_dir}/ (no PDF in {VERSIONS}/)", hashlib.sha256(joined).hexdigest()
    said = words(config.language, "ack", config.voice)
    counted = {}
    for ack in sorted(acks, key=lambda a: a.time):
        accepted = parse(ack.version)
        if accepted is not None and wanted <= accepted <= current:
            counted.setdefault(ack.person, ack)
    roster_date = dt.date.fromtimestamp(roster_path.stat().st_mtime).isoformat()
    due = len(result.standings) - result.count("exempt")
    lines = [said["evidence.title"].format(title=config.title, version=version), "",
             said["evidence.document"].format(document=document, digest=digest),
             said["evidence.count"].format(count=len(counted), roster_date=roster_date, due=due),
             *summary_line(result, config.title, config.language, config.voice)[1:], "",
             said["evidence.level"], ""]  # fmt: skip
    rows = "person,version,time,file,row\n" + "".join(
        f"{a.person},{a.version},{a.time},{a.file},{a.row}\n" for a in counted.values()
    )
    target = folder / f"evidence-{version}"
    write_atomic({target / "evidence.txt": "\n".join(lines), target / "acceptances.csv": rows})
    click.echo(f"wrote {display_path(target)}: {len(counted)} acceptance(s)", err=True)
    return 0
