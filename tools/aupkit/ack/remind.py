"""Reminders: one email per person who must act, in their language, and a digest per manager. Pure planning;
the CLI writes the messages (to the private folder, or through SMTP) and records them.

The record (``reminders.csv`` in the private folder: person, version, kind, time) keeps anyone from getting the
same reminder again within ``remind_every_days``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..languages import Voice, words
from .status import Standing, Status

RECORD_COLUMNS = ("person", "version", "kind", "time")


@dataclass(frozen=True)
class Reminder:
    to: str
    kind: str  # "person" or "digest"
    language: str
    subject: str
    text: str
    people: tuple[str, ...]  # whom it is about (the person, or the manager's team members)


def plan(
    result: Status,
    record: Iterable[dict[str, str]],
    now: dt.datetime,
    *,
    every_days: int,
    title_of: Callable[[str], str],
    link_of: Callable[[str], str],
    default_language: str,
    voice: Voice | str = "",
) -> list[Reminder]:
    """The reminders due now: to everyone who must act and has an email, and to each of their managers."""
    recent = {
        (row["person"], row["version"], row["kind"])
        for row in record
        if now - dt.datetime.fromisoformat(row["time"]) < dt.timedelta(days=every_days)
    }
    reminders: list[Reminder] = []
    teams: dict[str, list[Standing]] = {}
    for standing in result.must_act:
        person = standing.person
        if person.manager:
            teams.setdefault(person.manager, []).append(standing)
        if not person.email or (person.email, result.version, "person") in recent:
            continue
        language = person.language or default_language
        said = words(language, "ack", voice)
        title = title_of(language)
        lines = [said["remind.hello"].format(name=person.name or person.email), "",
                 said["remind." + standing.state].format(title=title, version=result.version), "",
                 said["remind.link"].format(url=link_of(language))]  # fmt: skip
        if result.deadline:
            lines += ["", said["remind.deadline"].format(date=result.deadline)]
        lines += ["", said["remind.thanks"]]
        subject = said["remind.subject"].format(title=title, version=result.version)
        reminders.append(Reminder(person.email, "person", language, subject, "\n".join(lines) + "\n", (person.email,)))
    languages = {standing.person.email: standing.person.language for standing in result.standings}
    names = {standing.person.email: standing.person.name for standing in result.standings}
    for manager, team in sorted(teams.items()):
        if (manager, result.version, "digest") in recent:
            continue
        language = languages.get(manager) or default_language
        said = words(language, "ack", voice)
        title = title_of(language)
        listed = [f"- {s.person.name or s.person.email or s.person.id} ({said['state.' + s.state]})" for s in team]
        hello = said["remind.hello"].format(name=names.get(manager) or manager)
        body = [hello, "", said["digest.body"].format(version=result.version), "", *listed, "", said["digest.ask"]]
        text = "\n".join(body)
        subject = said["digest.subject"].format(title=title, version=result.version)
        about = tuple(s.person.email or s.person.id for s in team)
        reminders.append(Reminder(manager, "digest", language, subject, text + "\n", about))
    return reminders


def message(reminder: Reminder, sender: str, now: dt.datetime) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = reminder.subject
    mail["From"] = sender
    mail["To"] = reminder.to
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid(idstring="aup-ack", domain=sender.rpartition("@")[2] or "localhost")
    mail.set_content(reminder.text)
    return mail


def read_record(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row for row in rows if set(RECORD_COLUMNS) <= set(row)]


def record_lines(existing: str, sent: Iterable[Reminder], version: str, now: dt.datetime) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not existing.strip():
        writer.writerow(RECORD_COLUMNS)
    for reminder in sent:
        writer.writerow([reminder.to, version, reminder.kind, now.isoformat(timespec="seconds")])
    return existing + out.getvalue()
