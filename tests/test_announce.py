"""Announcing a new version: composing it (en/es), the .eml in the outbox, sending through a real local SMTP server."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from aupkit.announce.compose import compose, message
from aupkit.config import load_config
from aupkit.feedback.items import Item, item_id
from aupkit.feedback.merge import apply_merge, plan_merge
from aupkit.feedback.store import dump_file, load_store
from aupkit.files import write_atomic
from aupkit.model import load_manual
from feedback_samples import english_project, spanish_project

USER, PASSWORD = "announcer", "correct horse battery staple"


def released_project(root: Path, language: str = "en") -> Path:
    """A manual with one merge done: an answered question and an accepted suggestion released as 1.1.0."""
    project = english_project(root) if language == "en" else spanish_project(root)
    rule = "email-phishing"
    items = [
        Item(id=item_id("s", "question", "Can I forward it?"), session="s", date="2026-11-20", rule=rule,
             kind="question", text="Can I forward it?", status="answered", answer="No, report it.", count=3),
        Item(id=item_id("s", "suggestion", "Say <who> to call"), session="s", date="2026-11-20", rule=rule,
             kind="suggestion", text="Say <who> to call", status="accepted", change="minor",
             answer="The rule now says to call the helpdesk & your manager."),
    ]  # fmt: skip
    write_atomic({project / "feedback" / "s.yaml": dump_file("s", items)})
    config = load_config(project)
    apply_merge(plan_merge(load_manual(config), config, load_store(config), dt.date(2026, 11, 23)))
    return project


def test_the_announcement_says_what_changed_why_and_where_in_plain_text_and_html(tmp_path: Path) -> None:
    root = released_project(tmp_path)
    config = load_config(root)
    announcement = compose(load_manual(config), config, since=None, feedback={"1.1.0": 4})
    assert announcement.subject == "Good practice manual 1.1.0: what's new"
    assert "We have updated the Good practice manual to version 1.1.0." in announcement.text
    assert "these changes answer 4 question(s) and suggestion(s)" in announcement.text
    assert "- Stop and check before you click: The rule now says to call the helpdesk & your manager." in (
        announcement.text
    )
    assert "https://intranet.example.com/manual/changelog/" in announcement.text
    assert "the helpdesk &amp; your manager" in announcement.html and "& your" not in announcement.html
    assert '<a href="https://intranet.example.com/manual/changelog/">' in announcement.html
    mail = message(announcement, dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC))
    assert mail.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mail.iter_parts()] == ["text/plain", "text/html"]
    assert mail["To"] == "all-staff@example.com" and mail["From"] == "helpdesk@example.com"


def test_the_announcement_is_in_the_manuals_language(tmp_path: Path) -> None:
    root = released_project(tmp_path, "es")
    config = load_config(root)
    announcement = compose(load_manual(config), config, since=None, feedback={})
    assert announcement.subject == "Good practice manual 1.1.0: novedades"
    assert "Actualizamos el" in announcement.text and "Qué cambió" in announcement.text
    assert "Cambiado:" in announcement.text and '<html lang="es">' in announcement.html
    assert "Lee los detalles" in announcement.text, "tú, the default register"


def test_the_announcement_follows_the_organisations_register_and_region(tmp_path: Path) -> None:
    root = released_project(tmp_path, "es")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace(
        "[tool.aup]\n", '[tool.aup]\naddress = "usted"\nvariant = "es-ES"\n'
    )
    pyproject.write_text(text, encoding="utf-8")
    config = load_config(root)
    assert str(config.voice) == "es-ES usted"
    announcement = compose(load_manual(config), config, since=None, feedback={"1.1.0": 2})
    assert "Hemos actualizado el" in announcement.text and "Qué ha cambiado:" in announcement.text
    assert "Lea los detalles" in announcement.text and "sesión de formación" in announcement.text


def test_since_covers_several_versions_and_nothing_new_is_refused(tmp_path: Path, run) -> None:
    root = released_project(tmp_path)
    config = load_config(root)
    assert compose(load_manual(config), config, since="1.0.0", feedback={}).versions == ("1.1.0",)
    result = run(["announce", "--since", "1.1.0"], cwd=root)
    assert result.exit_code == 2 and "nothing to announce" in result.output and "Traceback" not in result.output


def test_by_default_an_eml_goes_to_the_outbox(tmp_path: Path, run) -> None:
    root = released_project(tmp_path)
    result = run(["announce"], cwd=root)
    assert result.exit_code == 0, result.output
    path = root / "outbox" / "announce-1.1.0.eml"
    mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert mail["Subject"] == "Good practice manual 1.1.0: what's new"
    assert "Stop and check before you click" in mail.get_body(("plain",)).get_content()
    assert not (root / "feedback" / "announcements.yaml").exists()  # writing a draft is not sending


# --- a real SMTP server on 127.0.0.1 with STARTTLS and AUTH ---------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(envelope.content)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.logins.append(auth_data.login.decode())
        ok = auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
        return AuthResult(success=True) if ok else AuthResult(success=False, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: it makes the test server's self-signed certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def start(inbox: Inbox, certificate: tuple[Path, Path] | None) -> Controller:
    options = {"server_hostname": "localhost", "authenticator": inbox.authenticate, "auth_require_tls": True}
    if certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, certificate))
        options |= {"tls_context": context, "require_starttls": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller


@pytest.fixture
def server(certificate) -> Iterator[tuple[Controller, Inbox]]:
    inbox = Inbox()
    controller = start(inbox, certificate)
    yield controller, inbox
    controller.stop()


def smtp_env(monkeypatch: pytest.MonkeyPatch, port: int, cafile: Path | None, password: str = PASSWORD) -> None:
    monkeypatch.setenv("AUP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AUP_SMTP_PORT", str(port))
    monkeypatch.setenv("AUP_SMTP_USER", USER)
    monkeypatch.setenv("AUP_SMTP_PASSWORD", password)
    if cafile:
        monkeypatch.setenv("AUP_SMTP_CAFILE", str(cafile))


def test_send_goes_over_starttls_with_auth_and_never_twice(tmp_path, run, server, certificate, monkeypatch) -> None:
    controller, inbox = server
    root = released_project(tmp_path)
    smtp_env(monkeypatch, controller.port, certificate[0])
    result = run(["announce", "--send"], cwd=root)
    assert result.exit_code == 0, result.output
    assert inbox.logins == [USER] and len(inbox.messages) == 1
    received = email.message_from_bytes(inbox.messages[0], policy=email.policy.default)
    assert received["Subject"] == "Good practice manual 1.1.0: what's new"
    assert received.get_content_type() == "multipart/alternative"
    record = (root / "feedback" / "announcements.yaml").read_text(encoding="utf-8")
    assert "version: 1.1.0" in record and "all-staff@example.com" in record
    again = run(["announce", "--send"], cwd=root)
    assert again.exit_code == 2 and "already announced" in again.output
    assert len(inbox.messages) == 1
    assert load_store(load_config(root)).items  # the record file is not mistaken for a session file


def test_a_wrong_password_is_reported_and_nothing_recorded(tmp_path, run, server, certificate, monkeypatch) -> None:
    controller, inbox = server
    root = released_project(tmp_path)
    smtp_env(monkeypatch, controller.port, certificate[0], password="wrong")
    result = run(["announce", "--send"], cwd=root)
    assert result.exit_code == 3 and "refused the login (535)" in result.output
    assert "AUP_SMTP_PASSWORD" in result.output and "Traceback" not in result.output
    assert inbox.messages == [] and not (root / "feedback" / "announcements.yaml").exists()


def test_an_untrusted_certificate_is_refused(tmp_path, run, server, monkeypatch) -> None:
    controller, inbox = server
    root = released_project(tmp_path)
    smtp_env(monkeypatch, controller.port, cafile=None)
    result = run(["announce", "--send"], cwd=root)
    assert (
        result.exit_code == 3 and "certificate is not trusted" in result.output and "AUP_SMTP_CAFILE" in result.output
    )
    assert inbox.logins == []


def test_credentials_are_never_sent_without_tls(tmp_path, run, monkeypatch) -> None:
    inbox = Inbox()
    controller = start(inbox, certificate=None)  # a server that offers no STARTTLS
    try:
        root = released_project(tmp_path)
        smtp_env(monkeypatch, controller.port, cafile=None)
        result = run(["announce", "--send"], cwd=root)
    finally:
        controller.stop()
    assert result.exit_code == 3 and "does not offer STARTTLS" in result.output
    assert inbox.logins == [] and inbox.messages == []


def test_send_without_a_server_setting_says_which_variable(tmp_path, run, monkeypatch) -> None:
    root = released_project(tmp_path)
    monkeypatch.delenv("AUP_SMTP_HOST", raising=False)
    result = run(["announce", "--send"], cwd=root)
    assert result.exit_code == 2 and "AUP_SMTP_HOST is not set" in result.output


def test_a_long_changelog_entry_is_cut_short_in_the_email(tmp_path: Path) -> None:
    root = released_project(tmp_path)
    changelog = root / "manual" / "changelog.md"
    many = "".join(f"- Change number {n}.\n" for n in range(20))
    changelog.write_text(changelog.read_text(encoding="utf-8").replace("### Changed\n\n", "### Changed\n\n" + many))
    config = load_config(root)
    announcement = compose(load_manual(config), config, since=None, feedback={})
    assert "- Change number 7." in announcement.text and "Change number 8." not in announcement.text
    assert '... and 13 more on the "What\'s new" page.' in announcement.text


def bilingual_release(root: Path, run, *, translated: bool = True, mode: str = "together") -> Path:
    """``aup init --lang es,en`` with version 1.1.0 written in the Spanish changelog (and in the English one)."""
    target = root / "bi"
    assert run(["init", str(target), "--lang", "es,en", "--no-git"]).exit_code == 0
    pyproject = target / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8")
        + f'\n[tool.aup.announce]\nrecipients = ["todos@example.com"]\nlanguages = "{mode}"\n'
        '[tool.aup.announce.recipients_by_language]\nen = ["managers@example.com"]\n',
        encoding="utf-8",
    )
    entries = {"es": ("Cambiado", "La regla de phishing pide reenviar el correo."),
               "en": ("Changed", "The phishing rule asks you to forward the email.")}  # fmt: skip
    for language in ("es", "en") if translated else ("es",):
        index = target / "manual" / language / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"), "utf-8")
        changelog = target / "manual" / language / "changelog.md"
        section, line = entries[language]
        changelog.write_text(
            changelog.read_text(encoding="utf-8") + f"\n## [1.1.0] - 2026-12-01\n\n### {section}\n\n- {line}\n", "utf-8"
        )
    return target


def test_a_bilingual_manual_announces_both_languages_in_one_message(tmp_path: Path, run) -> None:
    root = bilingual_release(tmp_path, run)
    result = run(["announce"], cwd=root)
    assert result.exit_code == 0, result.output
    (eml,) = (root / "outbox").glob("*.eml")
    assert eml.name == "announce-1.1.0-es-en.eml"
    mail = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert mail["Subject"] == "Manual de buenas prácticas 1.1.0: novedades / Good practice manual 1.1.0: what's new"
    assert mail["To"] == "todos@example.com, managers@example.com"
    text = mail.get_body(("plain",)).get_content()
    assert text.index("La regla de phishing") < text.index("The phishing rule")
    assert "https://intranet.example.com/manual/es/changelog/" in text
    assert "https://intranet.example.com/manual/en/changelog/" in text
    html_part = mail.get_body(("html",)).get_content()
    assert '<div lang="es">' in html_part and '<div lang="en">' in html_part


def test_an_untranslated_changelog_entry_is_named_and_nothing_is_written(tmp_path: Path, run) -> None:
    root = bilingual_release(tmp_path, run, translated=False)
    result = run(["announce"], cwd=root)
    assert result.exit_code == 2
    assert "manual/en/changelog.md: has no entry for version 1.1.0" in result.output
    assert not (root / "outbox").exists()
    only = run(["announce", "--lang", "es"], cwd=root)
    assert only.exit_code == 0 and (root / "outbox" / "announce-1.1.0-es.eml").is_file()


def test_each_language_can_go_to_its_own_recipients(tmp_path, run, server, certificate, monkeypatch) -> None:
    controller, inbox = server
    root = bilingual_release(tmp_path, run, mode="each")
    smtp_env(monkeypatch, controller.port, certificate[0])
    result = run(["announce", "--send"], cwd=root)
    assert result.exit_code == 0, result.output
    received = [email.message_from_bytes(m, policy=email.policy.default) for m in inbox.messages]
    assert [(m["To"], m["Subject"]) for m in received] == [
        ("todos@example.com", "Manual de buenas prácticas 1.1.0: novedades"),
        ("managers@example.com", "Good practice manual 1.1.0: what's new"),
    ]
    again = run(["announce", "--send", "--lang", "en"], cwd=root)
    assert again.exit_code == 2 and "already announced" in again.output and len(inbox.messages) == 2
