"""Nothing in a page or in the configuration can put running code in front of every reader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import PYPROJECT, REPO, page

PAYLOADS = {
    "<script>alert(1)</script>": "html-not-allowed",
    '<img src="x.png" onerror="alert(1)">': "html-not-allowed",
    '<iframe src="https://evil.example/"></iframe>': "html-not-allowed",
    "[Open](javascript:alert(1))": "link-scheme-not-allowed",
    "[Open](JaVaScRiPt:alert(1))": "link-scheme-not-allowed",
    "[Open](java&#x09;script:alert(1))": "link-scheme-not-allowed",
    "[Open][evil]\n\n[evil]: javascript:alert(1)": "link-scheme-not-allowed",
    "<javascript:alert(1)>": "link-scheme-not-allowed",
    "![x](data:image/svg+xml;base64,PHN2Zy8+)": "link-scheme-not-allowed",
    'Read this.\n{: onclick="alert(1)" }': "html-event-handler",
}


def _site_project(project, body: str, extra: str = "") -> Path:
    root = project({"index.md": page("Home"), "topic.md": page("Topic", [("topic-one", "One")], body=body)},
                   pyproject=PYPROJECT + extra)  # fmt: skip
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_active_content_in_a_page_is_an_error_and_is_never_published(project, run, payload: str) -> None:
    root = _site_project(project, f"Intro.\n\n{payload}\n")
    check = run(["check"], cwd=root)
    assert check.exit_code == 1, check.output
    assert "manual/topic.md:" in check.output and PAYLOADS[payload] in check.output
    build = run(["build", "--no-deck"], cwd=root)
    assert build.exit_code == 1, build.output
    assert not (root / "site").exists(), "nothing was published"


def test_code_that_shows_html_is_not_active_content(project, run) -> None:
    body = "Never paste `<script>` tags.\n\n```html\n<script>alert(1)</script>\n```\n"
    root = _site_project(project, body)
    assert run(["check"], cwd=root).exit_code == 0
    assert run(["build", "--no-deck"], cwd=root).exit_code == 0
    html = (root / "site" / "topic" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_harmless_tags_can_be_allowed_but_not_their_handlers_or_tags_that_run(project, run) -> None:
    allow = '\n[tool.aup.site]\nallowed_html = ["details", "summary", "kbd"]\n'
    root = _site_project(project, "<details><summary>More</summary>Press <kbd>Ctrl</kbd>.</details>\n", allow)
    assert run(["check"], cwd=root).exit_code == 0
    handler = _site_project(project, '<details ontoggle="alert(1)"><summary>More</summary></details>\n', allow)
    assert "html-event-handler" in run(["check"], cwd=handler).output
    never = '\n[tool.aup.site]\nallowed_html = ["script"]\n'
    root = _site_project(project, "Text.\n", never)
    result = run(["check"], cwd=root)
    assert result.exit_code == 3 and "'script' runs or embeds content and can never be allowed" in result.output


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", 'https://forms.example/" onmouseover="alert(1)', "data:text/html,x", "ftp://x"]
)
def test_an_address_setting_must_be_a_plain_web_or_mail_address(project, run, url: str) -> None:
    config = PYPROJECT.replace('feedback_url = "https://forms.test.example/f"', f"feedback_url = {url!r}")
    root = project({"index.md": page("Home")}, pyproject=config.replace("'", '"') if '"' not in url else config)
    result = run(["check"], cwd=root)
    assert result.exit_code == 3, result.output
    assert "tool.aup.organisation.feedback_url" in result.output and "https:, http: or mailto:" in result.output


def test_html_in_an_organisation_value_is_shown_as_text(project, run) -> None:
    evil = "<img src=x onerror=alert(1)> [click](javascript:alert(2)) {: onclick=alert(3) }"
    config = PYPROJECT.replace('name = "Test Org"', f"name = '{evil}'")
    root = _site_project(project, "Welcome to {{ org.name }}.\n", "")
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    result = run(["build", "--no-deck"], cwd=root)
    assert result.exit_code == 0, result.output
    html = (root / "site" / "topic" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<[^>]+>", html)
    assert not [tag for tag in tags if re.search(r"onerror|onclick|javascript:", tag)], "no tag carries the payload"
    assert "&lt;img src=x onerror=alert(1)&gt;" in html, "the value is shown, as text"


def test_a_page_linked_from_outside_the_project_is_not_published(project, run, tmp_path_factory) -> None:
    secret = tmp_path_factory.mktemp("home") / "notes.md"
    secret.write_text("---\ntitle: Private\n---\n\n# Private\n\nThe root password is hunter2.\n", encoding="utf-8")
    root = _site_project(project, "Text.\n")
    (root / "manual" / "private.md").symlink_to(secret)
    result = run(["build", "--no-deck"], cwd=root)
    assert result.exit_code == 3, result.output
    assert "private.md: the page is a link to" in result.output and "outside the project" in result.output
    assert not (root / "site").exists()


def test_a_line_break_in_a_setting_is_refused_and_never_reaches_an_email_header(tmp_path, run) -> None:
    import dataclasses
    import datetime as dt

    from aupkit.announce.compose import compose, message
    from aupkit.config import load_config
    from aupkit.model import load_manual
    from test_announce import released_project

    root = released_project(tmp_path / "p")
    pyproject = root / "pyproject.toml"
    clean = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(clean.replace('title = "', 'title = "Evil\\r\\nBcc: all@x.example\\r\\n', 1), "utf-8")
    result = run(["announce"], cwd=root)
    assert result.exit_code == 3 and "tool.aup.title: holds a line break" in result.output
    pyproject.write_text(clean, encoding="utf-8")
    config = dataclasses.replace(load_config(root), title="Evil\r\nBcc: all@x.example")  # past the check
    mail = message(compose(load_manual(config), config, since=None, feedback={}), dt.datetime(2026, 11, 23))
    assert "\n" not in mail["Subject"] and "\r" not in mail["Subject"] and "Evil Bcc" in mail["Subject"]
    assert mail["Bcc"] is None
