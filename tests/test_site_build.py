"""``aup build`` end to end: MkDocs really runs (in-process, into temporary folders)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from pptx import Presentation

from aupkit.config import load_config
from aupkit.model import load_manual
from aupkit.site import build as site_build
from aupkit.site.build import build_site
from conftest import REPO, page

HOME = page("Home", body="Read [the email rules](topic.md#email-check).\n")


def _site_project(project, files: dict[str, str]) -> Path:
    root = project(files)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_shipped_manual_builds_with_every_rule_id_as_an_anchor(tmp_path):
    config = load_config(REPO)
    result = build_site(config, tmp_path / "site")
    manual = load_manual(config)
    ids = [rule.id for rule in manual.rules]
    assert ids and None not in ids
    assert result.rules == len(ids)
    for page_ in manual.pages:
        if not page_.rules:
            continue
        folder = "" if page_.relative == "index.md" else page_.relative.removesuffix(".md") + "/"
        html = (tmp_path / "site" / folder / "index.html").read_text(encoding="utf-8")
        for rule in page_.rules:
            assert f'id="{rule.id}"' in html, f"{rule.id} is not an anchor in {folder}index.html"
    record = json.loads((tmp_path / "site" / "rule-ids.json").read_text(encoding="utf-8"))
    assert set(record) == set(ids)
    assert (tmp_path / "site" / "print_page" / "index.html").is_file()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "{{" not in home, "placeholders must be filled"
    assert 'href="https://forms.example.com/manual-feedback"' in home
    assert "fonts.googleapis" not in home and "api.github.com" not in home
    assert "download>" not in home, "built without a deck, so there is no deck link"


def test_cli_build_replaces_site_and_adds_header_links_and_tooltips(project, run):
    glossary = page("Glossary").replace("# Glossary\n", "# Glossary\n\n- **MFA**: Multi-factor authentication.\n")
    topic = page("Email", [("email-check", "Check the sender")], body="Turn on MFA.\n")
    root = _site_project(project, {"index.md": HOME, "topic.md": topic, "glossary.md": glossary})
    (root / "site").mkdir()
    (root / "site" / "rule-ids.json").write_text("{}", encoding="utf-8")  # a site aup built before
    (root / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = run(["build"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "3 page(s), 1 rule(s), deck slides.pptx" in result.output
    assert not (root / "site" / "stale.html").exists()
    assert not list(root.glob(".site-build-*")), "the temporary folder is removed"
    html = (root / "site" / "topic" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Multi-factor authentication.">MFA</abbr>' in html
    assert '<div class="admonition success aup-do">' in html
    assert "Questions or suggestions?" in html and 'href="https://forms.test.example/f"' in html
    assert '<a href="../downloads/slides.pptx" download>' in html
    assert len(Presentation(str(root / "site" / "downloads" / "slides.pptx")).slides) > 3
    assert "<title>Email - Test manual</title>" in html


@pytest.mark.parametrize("beside", [True, False], ids=["lint-beside-the-build", "lint-in-process"])
def test_lint_errors_stop_the_build_and_keep_the_old_site(project, run, monkeypatch, beside):
    if not beside:
        monkeypatch.setattr(site_build, "_can_fork", lambda: False)
    broken = page("Email", [("email-check", "Check")]).replace("**Why it matters**\n\nIt keeps everyone safe.\n", "")
    root = _site_project(project, {"index.md": HOME, "topic.md": broken})
    (root / "site").mkdir()
    (root / "site" / "rule-ids.json").write_text("{}", encoding="utf-8")  # a site aup built before
    (root / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    result = run(["build"], cwd=root)
    assert result.exit_code == 1
    assert "manual/topic.md:" in result.output and "does not say why it matters" in result.output
    assert "site was not built" in result.output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_broken_links_fail_the_build_naming_the_link(project, run):
    home = page("Home", body="See [gone](missing.md) and [rule](topic.md#no-such-rule).\n")
    root = _site_project(project, {"index.md": home, "topic.md": page("Email", [("email-check", "Check")])})
    result = run(["build"], cwd=root)
    assert result.exit_code == 1
    assert "'missing.md', but the target is not found" in result.output
    assert "does not contain an anchor '#no-such-rule'" in result.output
    assert not (root / "site").exists()


def test_explicit_nav_missing_a_page_is_reported(project, run):
    root = _site_project(project, {"index.md": HOME, "topic.md": page("Email", [("email-check", "Check")])})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + "\nnav:\n  - Home: index.md\n", encoding="utf-8")
    result = run(["build"], cwd=root)
    assert result.exit_code == 1
    assert re.search(r"not included in the \"nav\" configuration:\s+- topic.md", result.output), result.output


def test_a_rule_id_gone_since_the_last_build_is_named(project, run):
    root = _site_project(project, {"index.md": page("Home"), "topic.md": page("Email", [("email-check", "Check")])})
    assert run(["build"], cwd=root).exit_code == 0
    renamed = page("Email", [("email-verify", "Check")])
    (root / "manual" / "topic.md").write_text(renamed, encoding="utf-8")
    result = run(["build"], cwd=root)
    assert result.exit_code == 1
    assert "'email-check' (was at topic.md#email-check)" in result.output
    assert 'id="email-check"' in (root / "site" / "topic" / "index.html").read_text(encoding="utf-8")
    (root / "manual" / "changelog.md").write_text(
        page("What's new", body="Renamed `email-check` to `email-verify`.\n"), encoding="utf-8"
    )
    assert run(["build"], cwd=root).exit_code == 0
    assert 'id="email-verify"' in (root / "site" / "topic" / "index.html").read_text(encoding="utf-8")


def test_build_without_mkdocs_yml_says_how_to_fix(project, run):
    root = project({"index.md": page("Home")})
    result = run(["build"], cwd=root)
    assert result.exit_code == 3
    assert "no mkdocs.yml" in result.output and "aup init" in result.output


def test_mkdocs_yml_without_the_plugin_is_refused(project, run):
    root = project({"index.md": page("Home")})
    mkdocs_yml = "site_name: x\ndocs_dir: manual\ntheme:\n  name: material\nplugins:\n  - search\n"
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    result = run(["build"], cwd=root)
    assert result.exit_code == 3
    assert "the 'aup' plugin is not listed" in result.output


def test_serve_previews_the_site_and_shows_lint_errors(project, tmp_path):
    broken = page("Email", [("email-check", "Check")]).replace("**Why it matters**\n\nIt keeps everyone safe.\n", "")
    root = _site_project(project, {"index.md": page("Home"), "topic.md": broken})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "aup"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            html = _fetch(f"http://127.0.0.1:{port}/topic/", server)
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert 'id="email-check"' in html and "aup-page-meta" in html
    text = log.read_text(encoding="utf-8")
    assert "WARNING" in text and "topic.md" in text and "does not say why it matters" in text, text


def _fetch(url: str, server: subprocess.Popen, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "aup serve stopped early"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"aup serve did not answer on {url} within {timeout} s")


def test_a_failure_in_the_lint_process_is_raised_with_its_traceback():
    if not site_build._can_fork():
        pytest.skip("the lint runs beside the build only with fork and two cores")
    beside = site_build._Beside(int, "not a number")
    try:
        with pytest.raises(RuntimeError, match=r"(?s)the lint process failed.*ValueError: invalid literal"):
            beside.result()
    finally:
        beside.close()
