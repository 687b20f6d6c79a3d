"""``aup build`` end to end: each site engine really runs on the generated tree, into temporary folders."""

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
from aupkit.site.build import build_site
from aupkit.site.engines import ENGINES
from conftest import REPO, page

ENGINE_NAMES = list(ENGINES)


def needs_engine(name: str) -> None:
    if not ENGINES[name].installed():
        pytest.skip(f"the site engine {name} is not installed (pip install '{ENGINES[name].extra}')")


HOME = page("Home", body="Read [the email rules](topic.md#email-check).\n")


def _site_project(project, files: dict[str, str]) -> Path:
    root = project(files)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_shipped_manual_builds_the_same_with_every_engine(tmp_path, engine):
    needs_engine(engine)
    config = load_config(REPO)
    result = build_site(config, tmp_path / "site", engine=engine, pdf=False)
    assert result.engine == engine
    manual = load_manual(config)
    ids = [rule.id for rule in manual.rules]
    assert ids and None not in ids
    assert result.rules == len(ids)
    for page_ in manual.pages:
        folder = "" if page_.relative == "index.md" else page_.relative.removesuffix(".md") + "/"
        html = (tmp_path / "site" / folder / "index.html").read_text(encoding="utf-8")
        html = html.replace("&#x2f;", "/")  # MiniJinja (Zensical) escapes every / in an attribute; browsers read both
        assert "{{" not in html, f"placeholders must be filled in {folder}index.html"
        assert '<dl class="aup-page-meta"' in html and "<dt>Owner</dt><dd>IT Security team</dd>" in html
        assert "<dt>Next review due</dt>" in html and "<dt>Version</dt><dd>1.0.0</dd>" in html
        for rule in page_.rules:
            assert f'id="{rule.id}"' in html, f"{rule.id} is not an anchor in {folder}index.html"
            assert f'<a href="#{rule.id}" title="Link to this rule"><code>{rule.id}</code></a>' in html
        if page_.rules:
            assert '<div class="admonition success aup-do">' in html and "aup-dont" in html
            assert "<abbr title=" in html, f"glossary tooltips on {folder}index.html"
        assert 'href="https://forms.example.com/manual-feedback"' in html
        assert "fonts.googleapis" not in html and "api.github.com" not in html
        assert "download>" not in html, "built without a deck or a PDF, so there is no download link"
    record = json.loads((tmp_path / "site" / "rule-ids.json").read_text(encoding="utf-8"))
    assert set(record) == set(ids)
    assert not (tmp_path / "site" / "print").exists(), "the whole-manual page is made only to print the PDF"
    assert "The whole manual" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


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


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_lint_errors_stop_the_build_and_keep_the_old_site(project, run, engine):
    needs_engine(engine)
    broken = page("Email", [("email-check", "Check")]).replace("**Why it matters**\n\nIt keeps everyone safe.\n", "")
    root = _site_project(project, {"index.md": HOME, "topic.md": broken})
    (root / "site").mkdir()
    (root / "site" / "rule-ids.json").write_text("{}", encoding="utf-8")  # a site aup built before
    (root / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    result = run(["build", "--engine", engine, "--no-pdf"], cwd=root)
    assert result.exit_code == 1
    assert "manual/topic.md:" in result.output and "does not say why it matters" in result.output
    assert "site was not built" in result.output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_broken_links_fail_the_build_naming_the_link_and_keep_the_old_site(project, run, engine):
    needs_engine(engine)
    home = page("Home", body="See [gone](missing.md) and [rule](topic.md#no-such-rule).\n")
    root = _site_project(project, {"index.md": home, "topic.md": page("Email", [("email-check", "Check")])})
    (root / "site").mkdir()
    (root / "site" / "rule-ids.json").write_text("{}", encoding="utf-8")
    (root / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    result = run(["build", "--engine", engine, "--no-pdf"], cwd=root)
    assert result.exit_code == 1
    assert f"{engine} stopped" in result.output
    assert "missing.md" in result.output and "no-such-rule" in result.output
    assert "index.md" in result.output, "the page with the broken link is named"
    assert "Traceback" not in result.output, "the engine's own traceback is noise to the user"
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"


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


def test_a_clean_checkout_without_a_site_still_catches_a_rule_id_gone(project, run):
    """CI builds from a clean clone: no site/, only what git holds, the committed rule-ids.json among it."""
    root = _site_project(project, {"index.md": page("Home"), "topic.md": page("Email", [("email-check", "Check")])})
    assert run(["build", "--no-pdf", "--no-deck"], cwd=root).exit_code == 0
    record = json.loads((root / "rule-ids.json").read_text(encoding="utf-8"))
    assert record == {"email-check": "topic.md#email-check"}, "the first build starts the record to commit"
    shutil.rmtree(root / "site")
    (root / "manual" / "topic.md").write_text(page("Email", [("email-verify", "Check")]), encoding="utf-8")
    result = run(["build", "--no-pdf", "--no-deck"], cwd=root)
    assert result.exit_code == 1
    assert "rule ID(s) published before are gone" in result.output and "'email-check'" in result.output
    assert not (root / "site").exists()
    (root / "rule-ids.json").write_text("{not json", encoding="utf-8")
    result = run(["build", "--no-pdf", "--no-deck"], cwd=root)
    assert result.exit_code == 3
    assert "rule-ids.json: cannot be read" in result.output and "git checkout -- rule-ids.json" in result.output


def test_a_template_override_only_jinja2_renders_is_caught_under_zensical_naming_it(project, run):
    needs_engine("zensical")
    root = _site_project(project, {"index.md": page("Home")})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ super() }}<p>{{ page.title.upper() }}</p>{% endblock %}\n',
        encoding="utf-8",
    )
    assert run(["build", "--no-pdf", "--no-deck"], cwd=root).exit_code == 0, "MkDocs' Jinja2 renders it"
    assert "<p>HOME</p>" in (root / "site" / "index.html").read_text(encoding="utf-8"), "the organisation's wins"
    (root / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    result = run(["build", "--engine", "zensical", "--no-pdf", "--no-deck"], cwd=root)
    assert result.exit_code == 1
    assert "main.html:2" in result.output and "only Jinja2 has" in result.output
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_build_without_mkdocs_yml_says_how_to_fix(project, run):
    root = project({"index.md": page("Home")})
    result = run(["build"], cwd=root)
    assert result.exit_code == 3
    assert "no mkdocs.yml" in result.output and "aup init" in result.output


def test_an_old_mkdocs_yml_listing_the_aup_and_print_plugins_still_builds(project, run):
    root = project({"index.md": page("Home")})
    mkdocs_yml = (
        "site_name: x\ndocs_dir: manual\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - aup\n  - print-site:\n      add_cover_page: false\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    result = run(["build", "--no-pdf", "--no-deck"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "with mkdocs: 1 page(s)" in result.output


def test_an_engine_that_is_not_installed_is_named_with_its_extra(project, run, monkeypatch):
    root = _site_project(project, {"index.md": page("Home")})
    monkeypatch.setattr(ENGINES["zensical"].__class__, "installed", lambda self: self.name != "zensical")
    result = run(["build", "--engine", "zensical"], cwd=root)
    assert result.exit_code == 3
    assert "the site engine 'zensical' is not installed" in result.output
    assert "pip install 'aupkit[zensical]'" in result.output


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_serve_previews_the_site_and_shows_lint_errors(project, tmp_path, engine):
    needs_engine(engine)
    broken = page("Email", [("email-check", "Check")]).replace("**Why it matters**\n\nIt keeps everyone safe.\n", "")
    root = _site_project(project, {"index.md": page("Home"), "topic.md": broken})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "aup"), "serve", "--engine", engine, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            html = _fetch(f"http://127.0.0.1:{port}/topic/", server)
        finally:
            server.terminate()
            server.wait(timeout=10)
    serving = str(root / ".aup-cache" / "serve")
    deadline = time.monotonic() + 10
    while _processes_with(serving) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_with(serving), "stopping aup serve stops the engine it started"
    assert 'id="email-check"' in html and "aup-page-meta" in html
    text = log.read_text(encoding="utf-8")
    assert "aup: manual/topic.md:" in text and "does not say why it matters" in text, text


def _processes_with(text: str) -> list[int]:
    """Running processes whose command line holds ``text`` (Linux's /proc; elsewhere, none are seen)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if text in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


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
