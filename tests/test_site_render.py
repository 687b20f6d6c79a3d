"""The pure side of the site: page Markdown, navigation, removed rule IDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aupkit.config import Config
from aupkit.model import load_manual
from aupkit.site.build import removed_rule_ids
from aupkit.site.nav import plan_nav
from aupkit.site.render import abbreviations, format_date, render_markdown
from conftest import page

TODAY = dt.date(2026, 11, 20)


def _manual(project, files):
    root = project(files)
    config = Config(root=root, organisation=Config().organisation)
    return load_manual(config), config


def test_do_and_dont_lists_become_admonitions_titled_by_their_labels(project):
    manual, config = _manual(project, {"topic.md": page("Email", [("email-check", "Check the sender")])})
    topic = manual.page("topic.md")
    out = render_markdown(topic, config.placeholders())
    assert "---" not in out.splitlines()[0], "front matter must not reach MkDocs"
    assert out.lstrip().startswith("# Email\n")
    assert '!!! success aup-do "Do"\n\n    - Do the first thing.\n    - Do the second thing.\n' in out
    assert "!!! failure aup-dont \"Don't\"\n\n    - Don't do the bad thing.\n" in out
    assert out.index("aup-do") < out.index("aup-dont") < out.index("**Why it matters**"), "the Why stays as written"
    assert "**Do**" not in out and "**Don't**" not in out


def test_page_header_follows_the_title_and_rule_ids_follow_rule_headings_as_html_blocks(project):
    manual, config = _manual(project, {"topic.md": page("Email", [("email-check", "Check"), ("email-b", "B")])})
    out = render_markdown(manual.page("topic.md"), config.placeholders(), today=TODAY)
    lines = out.split("\n")
    title = lines.index("# Email")
    assert lines[title + 1] == "" and lines[title + 2].startswith('<dl class="aup-page-meta"'), "an HTML block"
    for label, value in [("Owner", "IT team"), ("Version", "1.0.0")]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in out
    assert '<time datetime="2026-10-01">1 October 2026</time>' in out
    assert '<time datetime="2027-10-01">1 October 2027</time>' in out
    assert "Overdue" not in out
    heading = next(i for i, line in enumerate(lines) if line.startswith("## Check"))
    link = '<p class="aup-rule-id">Rule ID: <a href="#email-check" title="Link to this rule"><code>email-check</code>'
    assert lines[heading + 1] == "" and lines[heading + 2].startswith(link) and lines[heading + 3] == ""
    assert out.index('href="#email-b"') > out.index("## B")


def test_html_of_the_page_header_and_rule_ids_renders_the_same_in_python_markdown(project):
    import markdown

    manual, config = _manual(project, {"topic.md": page("Email", [("email-check", "Check")])})
    html = markdown.markdown(
        render_markdown(manual.page("topic.md"), config.placeholders(), today=TODAY),
        extensions=["abbr", "admonition", "attr_list", "md_in_html", "toc"],
    )
    assert html.index("</h1>") < html.index('<dl class="aup-page-meta"') < html.index('<h2 id="email-check">')
    assert html.index('<h2 id="email-check">') < html.index('<p class="aup-rule-id">') < html.index("aup-do")
    assert "&lt;dl" not in html and "<p><dl" not in html, "the HTML blocks pass through untouched"


def test_overdue_review_is_marked(project):
    manual, config = _manual(project, {"topic.md": page("Email", [("email-check", "Check")])})
    out = render_markdown(manual.page("topic.md"), config.placeholders(), today=dt.date(2027, 10, 2))
    assert '<strong class="aup-overdue">Overdue</strong>' in out


def test_page_without_h1_gets_its_title_and_placeholders_are_filled(project):
    text = page("Home").replace("# Home\n", "") + "\nAsk {{ org.helpdesk_email }} at {{ org.name }}.\n"
    manual, config = _manual(project, {"index.md": text})
    out = render_markdown(manual.page("index.md"), config.placeholders())
    assert out.lstrip().startswith("# Home\n")
    assert "Ask helpdesk@example.com at Example Company." in out


def test_faq_block_is_wrapped_under_its_rule(project):
    text = page("Email", [("email-check", "Check")]) + (
        "\n<!-- aup:faq begin email-check -->\n\n**Can I forward it?**\n\nNo, report it.\n\n<!-- aup:faq end -->\n"
    )
    manual, config = _manual(project, {"topic.md": text})
    out = render_markdown(manual.page("topic.md"), config.placeholders())
    start = out.index('<div class="aup-faq" markdown>')
    assert start < out.index("Questions from staff") < out.index("**Can I forward it?**") < out.rindex("</div>")
    assert out.index("<!-- aup:faq end -->") < out.rindex("</div>")


def test_glossary_terms_become_abbreviations_except_on_the_glossary(project):
    glossary = page("Glossary").replace(
        "# Glossary\n",
        "# Glossary\n\n- **MFA**: Multi-factor authentication.\n"
        "- **Phishing**: A *fake* message from {{ org.name }}.\n"
        "- **VPN**: Virtual private network.\n",
    )
    topic = page("Email", [("email-check", "Check")], body="Turn on MFA. Report phishing.\n")
    files = {"glossary.md": glossary, "topic.md": topic}
    manual, config = _manual(project, files)
    assert len(manual.glossary) == 3
    out = render_markdown(manual.page("topic.md"), config.placeholders(), manual.glossary)
    assert "*[VPN]" not in out, "a term the page does not use adds no work for the abbr extension"
    assert "*[MFA]: Multi-factor authentication." in out
    assert "*[Phishing]: A fake message from Example Company." in out
    assert "*[phishing]: A fake message from Example Company." in out
    assert "*[mfa]" not in out
    glossary_out = render_markdown(manual.page("glossary.md"), config.placeholders(), manual.glossary)
    assert "*[MFA]" not in glossary_out
    assert abbreviations((), {}) == ""


def test_spanish_page_uses_spanish_labels(project):
    text = page("Correo", [("correo-revisar", "Revisar")]).replace("summary:", "language: es\nsummary:")
    text = text.replace("**Do**", "**Sí**").replace("**Don't**", "**No**")
    manual, config = _manual(project, {"topic.md": text})
    out = render_markdown(manual.page("topic.md"), config.placeholders())
    assert '!!! success aup-do "Sí"' in out and '!!! failure aup-dont "No"' in out
    header = render_markdown(manual.page("topic.md"), config.placeholders(), today=TODAY)
    assert "<dt>Responsable</dt>" in header and "1 de octubre de 2026" in header
    assert format_date(dt.date(2026, 3, 5), "en") == "5 March 2026"


def test_nav_puts_home_first_topics_by_title_then_glossary_and_whats_new(project):
    files = {
        "index.md": page("Our manual"),
        "changelog.md": page("Changes"),
        "glossary.md": page("Words"),
        "zeta.md": page("Alpha topic", [("alpha-one", "One")]),
        "alpha.md": page("Zulu topic", [("zulu-one", "One")]),
        "devices/phones.md": page("Phones", [("phones-one", "One")]),
    }
    manual, _config = _manual(project, files)
    assert plan_nav(manual, "en") == [
        {"Home": "index.md"},
        {"Alpha topic": "zeta.md"},
        {"Zulu topic": "alpha.md"},
        {"Devices": [{"Phones": "devices/phones.md"}]},
        {"Glossary": "glossary.md"},
        {"What's new": "changelog.md"},
    ]
    assert plan_nav(manual, "es")[0] == {"Inicio": "index.md"}
    assert plan_nav(manual, "es")[-1] == {"Novedades": "changelog.md"}


def test_removed_rule_ids_are_those_gone_and_not_in_the_changelog(project):
    manual, _config = _manual(project, {"topic.md": page("Email", [("email-check", "Check")])})
    previous = {"email-check": "topic.md#email-check", "email-old": "topic.md#email-old", "email-x": "t.md#email-x"}
    assert removed_rule_ids(previous, manual, "") == [("email-old", "topic.md#email-old"), ("email-x", "t.md#email-x")]
    changelog = "Removed `email-old`. Renamed email-x-y."
    assert removed_rule_ids(previous, manual, changelog) == [("email-x", "t.md#email-x")]


def test_render_keeps_every_body_line(project):
    manual, config = _manual(project, {"topic.md": page("Email", [("email-a", "A"), ("email-b", "B")])})
    topic = manual.page("topic.md")
    out = render_markdown(topic, config.placeholders())
    body = topic.source.split("\n")[topic.body_line - 1 :]
    kept = [line for line in body if line.strip() and not line.startswith("**Do") and not line.startswith("**Don")]
    for line in kept:
        assert line in out or f"    {line}" in out
    assert isinstance(topic.path, Path)


def test_the_sites_own_spanish_words_follow_the_register(project):
    import dataclasses

    from aupkit.site.source import site_source

    text = page("Correo", [("correo-revisar", "Revisar")]).replace("summary:", "language: es\nsummary:")
    manual, config = _manual(project, {"index.md": text})
    extra = site_source(manual, config, today=TODAY, pdf="m.pdf").extra["aup"]
    assert extra["feedback_link"].startswith("Escríbenos") and extra["pdf_label"].startswith("Descarga ")
    formal = dataclasses.replace(config, address="usted")
    extra = site_source(manual, formal, today=TODAY, pdf="m.pdf").extra["aup"]
    assert extra["feedback_link"].startswith("Escríbanos") and extra["pdf_label"].startswith("Descargue ")
