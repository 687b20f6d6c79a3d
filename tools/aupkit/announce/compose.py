"""The announcement of a new version, composed from the changelog page (read through the model). Pure."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..ack.links import confirm_link
from ..config import Config
from ..errors import ConfigError, UsageError
from ..languages import words as words_in
from ..model import Manual, Page, display_path
from ..model.urls import page_url

SHOWN_PER_SECTION = 8
_VERSION = re.compile(r"^\[?(\d+)\.(\d+)\.(\d+)\]?(?:\s*[-–—]\s*(.*))?$")


@dataclass(frozen=True)
class Release:
    """One changelog entry: a version, its date text, and its sections of changes."""

    version: tuple[int, int, int]
    date: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return ".".join(map(str, self.version))


@dataclass(frozen=True)
class Announcement:
    subject: str
    text: str
    html: str
    versions: tuple[str, ...]
    sender: str
    recipients: tuple[str, ...]
    languages: tuple[str, ...] = ("en",)  # one, or every language of a message that holds several
    body: str = ""  # the HTML body's content, so messages in several languages can be put together


def parse_version(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text.strip())
    if not match:
        raise UsageError(f"'{text}' is not a version like 1.2.0")
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def releases(page: Page) -> list[Release]:
    """The changelog's entries, newest first as written: ``## [1.1.0] - date``, ``### Section``, list items."""
    found: list[tuple[tuple[int, int, int], str, list[tuple[str, list[str]]]]] = []
    for block in page.blocks:
        if block.kind == "heading" and block.level == 2:
            match = _VERSION.match(block.text)
            if match:
                version = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
                found.append((version, (match.group(4) or "").strip(), []))
            continue
        if not found:
            continue
        sections = found[-1][2]
        if block.kind == "heading" and block.level >= 3:
            sections.append((block.text, []))
        elif block.kind in ("list_item", "paragraph") and block.text:
            if not sections:
                sections.append(("", []))
            sections[-1][1].append(block.text)
    return [Release(v, d, tuple((title, tuple(lines)) for title, lines in s)) for v, d, s in found]


def whats_new_url(config: Config) -> str:
    """The address of the "What's new" page: configured, or the site URL plus the changelog page's address."""
    url = config.announce.whats_new_url
    if not url:
        site = config.organisation.site_url
        if not site:
            raise ConfigError(
                'the announcement needs the address of the "What\'s new" page',
                details=("  set site_url in [tool.aup.organisation] or whats_new_url in [tool.aup.announce]",),
            )
        if len(config.languages) > 1:  # one site per language: site_url/es/, site_url/en/
            site = f"{site.rstrip('/')}/{config.language}/"
        url = page_url(site, config.changelog_page, directory_urls=not config.site.offline)
    if not re.match(r"^https?://", url):
        raise ConfigError(f"the \"What's new\" address '{url}' must start with https:// or http://")
    return url


def compose(
    manual: Manual,
    config: Config,
    *,
    since: str | None,
    feedback: Mapping[str, int],
    versions: tuple[str, ...] | None = None,
) -> Announcement:
    """The announcement of every changelog entry after ``since`` (default: the entry of the manual's version).

    ``feedback`` counts the feedback items released per version: the "why" of the summary. ``versions``
    names the entries exactly (a translation announces the versions its source announces).
    """
    language = manual.home.language if manual.home else config.language
    words = words_in(language, "announce", config.voice)
    changelog = manual.page(config.changelog_page)
    if changelog is None:
        raise ConfigError(f"the changelog page {config.changelog_page} is not in the manual; set changelog_page")
    entries = releases(changelog)
    current = manual.version
    if versions is not None:
        chosen = [entry for entry in entries if entry.name in versions]
        if len(chosen) != len(versions):
            where = display_path(changelog.path)
            missing = ", ".join(version for version in versions if version not in {e.name for e in chosen})
            raise UsageError(
                f"{where}: has no entry for version {missing}",
                details=(f"  translate the entry into {where} first, or announce one language with --lang",),
            )
    elif since is not None:
        floor = parse_version(since)
        chosen = [entry for entry in entries if entry.version > floor]
    else:
        chosen = [entry for entry in entries if current and entry.name == current]
    if not chosen:
        after = f"after {since}" if since else f"for version {current}"
        raise UsageError(
            f"nothing to announce: the changelog ({config.changelog_page}) has no entry {after}",
            details=("  run 'aup feedback merge --apply' first, or write the entry on the changelog page",),
        )
    chosen.sort(key=lambda entry: entry.version, reverse=True)
    sender = config.announce.sender or config.organisation.helpdesk_email
    recipients = config.announce.recipients_by_language.get(language) or config.announce.recipients
    if not recipients or not sender:
        raise ConfigError(
            "the announcement has no recipients or no sender",
            details=('  set recipients = ["all-staff@example.com"] (and sender) in [tool.aup.announce]',),
        )
    newest = chosen[0].name
    values = {"title": config.title, "version": newest, "helpdesk": config.organisation.helpdesk_email}
    count = sum(feedback.get(entry.name, 0) for entry in chosen)
    why = words["why_feedback"].format(count=count) if count else words["why"]
    url = whats_new_url(config)
    text = [words["hello"], "", words["intro"].format(**values), "", why, "", words["what"], ""]
    body = [f"<p>{html.escape(words['hello'])}</p>", f"<p>{html.escape(words['intro'].format(**values))}</p>",
            f"<p>{html.escape(why)}</p>", f"<p>{html.escape(words['what'])}</p>"]  # fmt: skip
    for entry in chosen:
        if len(chosen) > 1:
            heading = words["version"].format(version=entry.name)
            text += [heading, ""]
            body.append(f"<h2>{html.escape(heading)}</h2>")
        for title, lines in entry.sections:
            if title:
                text.append(f"{title}:")
                body.append(f"<h3>{html.escape(title)}</h3>")
            shown = list(lines[:SHOWN_PER_SECTION])
            if len(lines) > SHOWN_PER_SECTION:  # a short email: the page has the rest
                shown.append(words["more"].format(count=len(lines) - SHOWN_PER_SECTION))
            text += [f"- {line}" for line in shown] + [""]
            body.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in shown) + "</ul>")
    text += [words["read"], url, ""]
    link = f'<a href="{html.escape(url, quote=True)}">{html.escape(words["link"])}</a>'
    body.append(f"<p>{html.escape(words['read'])} {link}</p>")
    confirm = confirm_link(config, newest, language)
    if confirm:  # the acknowledgement form, pre-filled with this version and language
        text += [words["confirm"].format(version=newest), confirm, ""]
        anchor = f'<a href="{html.escape(confirm, quote=True)}">{html.escape(words["confirm_link"])}</a>'
        body.append(f"<p>{html.escape(words['confirm'].format(version=newest))} {anchor}</p>")
    if config.organisation.helpdesk_email:
        text += [words["help"].format(**values), ""]
        body.append(f"<p>{html.escape(words['help'].format(**values))}</p>")
    text.append(config.organisation.name)
    body.append(f"<p>{html.escape(config.organisation.name)}</p>")
    return Announcement(
        subject=" ".join(words["subject"].format(**values).split()),  # a header is one line, whatever a title holds
        text="\n".join(text) + "\n",
        html=_document(language, "\n".join(body)),
        versions=tuple(entry.name for entry in chosen),
        sender=sender,
        recipients=tuple(recipients),
        languages=(language,),
        body="\n".join(body),
    )


def _document(language: str, body: str) -> str:
    head = f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head><body>\n'
    return f"{head}{body}\n</body></html>\n"


def together(announcements: list[Announcement], recipients: tuple[str, ...]) -> Announcement:
    """One message holding the announcement in every language, the source's first: for mixed recipients."""
    if len(announcements) == 1:
        return announcements[0]
    first = announcements[0]
    body = "\n<hr>\n".join(f'<div lang="{a.languages[0]}">\n{a.body}\n</div>' for a in announcements)
    return Announcement(
        subject=" / ".join(announcement.subject for announcement in announcements),
        text="\n----\n\n".join(announcement.text for announcement in announcements),
        html=_document(first.languages[0], body),
        versions=first.versions,
        sender=first.sender,
        recipients=recipients,
        languages=tuple(announcement.languages[0] for announcement in announcements),
        body=body,
    )


def message(announcement: Announcement, now: dt.datetime) -> EmailMessage:
    """The announcement as a multipart/alternative email: plain text first, then HTML."""
    mail = EmailMessage()
    mail["Subject"] = announcement.subject
    mail["From"] = announcement.sender
    mail["To"] = ", ".join(announcement.recipients)
    mail["Date"] = format_datetime(now)
    domain = announcement.sender.rpartition("@")[2] or "localhost"
    mail["Message-ID"] = make_msgid(idstring=f"aup-{announcement.versions[0]}", domain=domain)
    mail.set_content(announcement.text)
    mail.add_alternative(announcement.html, subtype="html")
    return mail
