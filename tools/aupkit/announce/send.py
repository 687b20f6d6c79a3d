"""Send the announcement through SMTP with STARTTLS, and remember what was sent so nothing goes twice.

The server and credentials come from the environment, never from files in git:
``AUP_SMTP_HOST``, ``AUP_SMTP_PORT`` (default 587), ``AUP_SMTP_USER``,
``AUP_SMTP_PASSWORD`` and, for a private certificate authority, ``AUP_SMTP_CAFILE``.
aup only talks to a server that offers STARTTLS, so credentials never travel in clear.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import yaml

from ..errors import ConfigError, SendError, UsageError
from ..model import display_path

RECORD_HEADER = "# What 'aup announce --send' sent, one entry per version, so that nothing is sent twice.\n"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    cafile: str

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> SmtpSettings:
        host = environ.get("AUP_SMTP_HOST", "").strip()
        if not host:
            raise UsageError(
                "--send needs a mail server: AUP_SMTP_HOST is not set",
                details=(
                    "  set AUP_SMTP_HOST (and AUP_SMTP_PORT, AUP_SMTP_USER, AUP_SMTP_PASSWORD) in the environment",
                ),
            )
        port_text = environ.get("AUP_SMTP_PORT", "587").strip() or "587"
        if not port_text.isdigit():
            raise UsageError(f"AUP_SMTP_PORT '{port_text}' is not a port number; use for example 587")
        user, password = environ.get("AUP_SMTP_USER", ""), environ.get("AUP_SMTP_PASSWORD", "")
        if bool(user) != bool(password):
            raise UsageError("set both AUP_SMTP_USER and AUP_SMTP_PASSWORD, or neither")
        return cls(host, int(port_text), user, password, environ.get("AUP_SMTP_CAFILE", ""))


def send(mail: EmailMessage, settings: SmtpSettings, timeout: float = 30) -> None:
    """Deliver the message over STARTTLS; SendError with the reason and the fix on any failure."""
    where = f"{settings.host}:{settings.port}"
    try:
        context = ssl.create_default_context(cafile=settings.cafile or None)
    except (OSError, ssl.SSLError) as error:
        raise SendError(f"AUP_SMTP_CAFILE '{settings.cafile}' cannot be read as certificates ({error})") from None
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=timeout) as smtp:
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise SendError(
                    f"{where} does not offer STARTTLS; aup sends mail only over an encrypted connection",
                    details=("  use the server's submission port (usually 587) or ask for STARTTLS to be enabled",),
                )
            smtp.starttls(context=context)
            smtp.ehlo()
            if settings.user:
                smtp.login(settings.user, settings.password)
            smtp.send_message(mail)
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(
            f"{where} refused the login ({error.smtp_code})",
            details=("  check AUP_SMTP_USER and AUP_SMTP_PASSWORD",),
        ) from None
    except ssl.SSLCertVerificationError as error:
        raise SendError(
            f"{where}: the server's certificate is not trusted ({error.verify_message})",
            details=("  set AUP_SMTP_CAFILE to your organisation's CA certificate file",),
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        raise SendError(f"{where} refused every recipient: {', '.join(error.recipients)}") from None
    except (smtplib.SMTPException, ssl.SSLError) as error:
        raise SendError(f"{where}: sending failed ({error})") from None
    except (TimeoutError, OSError) as error:
        raise SendError(
            f"cannot reach the mail server {where} ({error})",
            details=("  check AUP_SMTP_HOST and AUP_SMTP_PORT",),
        ) from None


def read_record(path: Path) -> list[dict]:
    """The versions already announced; a ConfigError naming the file when it was broken by hand."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(
            f"{display_path(path)}{f':{mark.line + 1}' if mark else ''}: not valid YAML",
            details=("  restore the file from git: it records what was already sent",),
        ) from None
    sent = data.get("sent") if isinstance(data, dict) else None
    if not isinstance(sent, list) or not all(isinstance(entry, dict) and "version" in entry for entry in sent):
        raise ConfigError(f"{display_path(path)}: expected 'sent:' with one '- version: ...' entry per version sent")
    return sent


def already_sent(record: list[dict], versions: tuple[str, ...], languages: tuple[str, ...] = ()) -> list[str]:
    """The versions among ``versions`` already announced in one of ``languages`` (an entry without any: in all)."""
    done = [
        str(entry["version"])
        for entry in record
        if not languages or not entry.get("languages") or set(entry["languages"]) & set(languages)
    ]
    return [version for version in versions if version in done]


def record_text(
    record: list[dict],
    mail: EmailMessage,
    versions: tuple[str, ...],
    when: dt.datetime,
    languages: tuple[str, ...] = (),
) -> str:
    entries = [*record]
    said = {"languages": list(languages)} if languages else {}
    for version in versions:
        entries.append({
            "version": version, "sent": when.isoformat(timespec="seconds"), "subject": str(mail["Subject"]),
            "to": str(mail["To"]), "message_id": str(mail["Message-ID"]), **said,
        })  # fmt: skip
    return RECORD_HEADER + yaml.safe_dump({"sent": entries}, sort_keys=False, allow_unicode=True, width=100)
