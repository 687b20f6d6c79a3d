"""``aup announce``: the email that tells staff what changed in the new version of the manual."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import click

from ..announce.compose import compose, message, together
from ..announce.send import SmtpSettings, already_sent, read_record, record_text, send
from ..config import Config
from ..errors import UsageError
from ..feedback.store import load_store
from ..files import write_atomic
from ..languages import LANGUAGES
from ..model import display_path, load_manual, require_usable
from .main import Project


@click.command("announce")
@click.option("--since", metavar="VERSION", help="Announce every changelog entry after VERSION (default: the newest).")
@click.option("--send", "send_", is_flag=True, help="Send it by SMTP with STARTTLS (settings: AUP_SMTP_* variables).")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default=None,
              help="In a manual of several languages, announce in this one only (default: [tool.aup.announce] "
              "languages: every language in one message, or one message each).")  # fmt: skip
@click.pass_obj
def command(project: Project, since: str | None, send_: bool, language: str | None) -> int:
    """Compose the announcement of the new version from the changelog, in the manual's language(s).

    By default writes it as an .eml file (plain text and HTML) to the outbox folder, to check or send
    by hand. With --send, sends it through AUP_SMTP_HOST:AUP_SMTP_PORT (default 587) over STARTTLS,
    logging in with AUP_SMTP_USER and AUP_SMTP_PASSWORD, and records the version so it is never sent twice.
    """
    config = project.repository
    with project.locked("announce"):  # the record of what was sent is shared state
        return _announce(config, since, send_, language)


def _announce(config: Config, since: str | None, send_: bool, language: str | None) -> int:
    counts = Counter()
    for item in load_store(config).items:
        if item.released:
            counts[item.released] += item.count
    editions = (config.edition_of(language),) if language else config.editions()
    first = compose(require_usable(load_manual(editions[0])), editions[0], since=since, feedback=counts)
    composed = [first] + [
        compose(require_usable(load_manual(edition)), edition, since=since, feedback=counts, versions=first.versions)
        for edition in editions[1:]
    ]
    if len(composed) > 1 and config.announce.languages == "together":
        everyone = tuple(dict.fromkeys(address for a in composed for address in a.recipients))
        composed = [together(composed, everyone)]
    several = len(config.languages) > 1
    now = dt.datetime.now(dt.UTC)
    mails = [(announcement, message(announcement, now)) for announcement in composed]
    if not send_:
        for announcement, mail in mails:
            suffix = f"-{'-'.join(announcement.languages)}" if several else ""
            path = config.root / config.announce.outbox / f"announce-{announcement.versions[0]}{suffix}.eml"
            write_atomic({path: mail.as_bytes()})
            click.echo(f"{display_path(path)}: {announcement.subject} (not sent; --send sends it)")
        return 0
    record_path = config.root / config.announce.record
    record = read_record(record_path)
    for announcement, _ in mails:
        done = already_sent(record, announcement.versions, announcement.languages if several else ())
        if done:
            raise UsageError(
                f"version {', '.join(done)} was already announced ({display_path(record_path)}); nothing sent",
                details=("  use --since with the newest version already announced to send only what is new",),
            )
    settings = SmtpSettings.from_environment(os.environ)
    for announcement, mail in mails:  # each one recorded as soon as it went: a failure later never sends it twice
        send(mail, settings)
        languages = announcement.languages if several else ()
        record = read_record(record_path)
        write_atomic({record_path: record_text(record, mail, announcement.versions, now, languages)})
        click.echo(f"sent '{announcement.subject}' to {mail['To']} through {settings.host}:{settings.port}")
    return 0
