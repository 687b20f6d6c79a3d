"""``aup announce``: the email that tells staff what changed in the new version of the manual."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import click

from ..announce.compose import compose, message
from ..announce.send import SmtpSettings, already_sent, read_record, record_text, send
from ..config import Config
from ..errors import UsageError
from ..feedback.store import load_store
from ..files import write_atomic
from ..model import display_path, load_manual, require_usable
from .main import Project


@click.command("announce")
@click.option("--since", metavar="VERSION", help="Announce every changelog entry after VERSION (default: the newest).")
@click.option("--send", "send_", is_flag=True, help="Send it by SMTP with STARTTLS (settings: AUP_SMTP_* variables).")
@click.pass_obj
def command(project: Project, since: str | None, send_: bool) -> int:
    """Compose the announcement of the new version from the changelog, in the manual's language.

    By default writes it as an .eml file (plain text and HTML) to the outbox folder, to check or send
    by hand. With --send, sends it through AUP_SMTP_HOST:AUP_SMTP_PORT (default 587) over STARTTLS,
    logging in with AUP_SMTP_USER and AUP_SMTP_PASSWORD, and records the version so it is never sent twice.
    """
    config = project.repository
    with project.locked("announce"):  # the record of what was sent is shared state
        return _announce(config, since, send_)


def _announce(config: Config, since: str | None, send_: bool) -> int:
    manual = require_usable(load_manual(config))
    counts = Counter()
    for item in load_store(config).items:
        if item.released:
            counts[item.released] += item.count
    announcement = compose(manual, config, since=since, feedback=counts)
    now = dt.datetime.now(dt.UTC)
    mail = message(announcement, now)
    name = f"announce-{announcement.versions[0]}.eml"
    if not send_:
        path = config.root / config.announce.outbox / name
        write_atomic({path: mail.as_bytes()})
        click.echo(f"{display_path(path)}: {announcement.subject} (not sent; --send sends it)")
        return 0
    record_path = config.root / config.announce.record
    record = read_record(record_path)
    done = already_sent(record, announcement.versions)
    if done:
        raise UsageError(
            f"version {', '.join(done)} was already announced ({display_path(record_path)}); nothing sent",
            details=("  use --since with the newest version already announced to send only what is new",),
        )
    settings = SmtpSettings.from_environment(os.environ)
    send(mail, settings)
    write_atomic({record_path: record_text(record, mail, announcement.versions, now)})
    click.echo(f"sent '{announcement.subject}' to {mail['To']} through {settings.host}:{settings.port}")
    return 0
