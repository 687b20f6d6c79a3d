"""The document model: front matter, rules and their parts, exact source lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.errors import ManualError
from aupkit.model import ReviewPeriod, load_manual, parse_page, parse_review_period, require_usable
from conftest import page

SAMPLE = """\
---
title: Email
owner: IT Security team
version: 1.2.3
last_reviewed: 2026-01-31
review_every: 1 month
summary: Safe email.
language: en
---

# Email

Intro for {{ org.name }}.

## Spot phishing {#email-phishing}

Check the sender before you click.

**Do**

- Look at the sender's address.
- Report odd messages to {{ org.helpdesk_email }}.

**Don't:**

- Don't open unexpected attachments.

**Why it matters**

One click can let an attacker in.

More detail here.

```
code is detail, not prose
```

## Use the VPN {: #internet-vpn .important }

Turn on the VPN on public Wi-Fi.

**Do**

- Connect before you open work apps.

**Don’t**

- Don't use open networks without it.

**Why it matters**

Others on the network can see your traffic.
"""

VALUES = {"org.name": "Test Org", "org.helpdesk_email": "help@test.example"}


def parse(text: str = SAMPLE, role: str = "topic"):
    return parse_page(text, Path("manual/email.md"), "email.md", role=role, placeholders=VALUES)


def test_front_matter_is_validated_into_typed_values() -> None:
    front = parse().page.front_matter
    assert front is not None
    assert front.title == "Email"
    assert front.version == "1.2.3"
    assert front.last_reviewed == dt.date(2026, 1, 31)
    assert front.review_every == ReviewPeriod(1, "months")
    assert front.next_review == dt.date(2026, 2, 28)  # month ends clamp
    assert front.end_line == 9


def test_rules_have_ids_titles_and_exact_line_spans() -> None:
    parsed = parse()
    assert parsed.diagnostics == []
    first, second = parsed.page.rules
    assert (first.id, first.title, first.span.start, first.span.end) == ("email-phishing", "Spot phishing", 15, 36)
    assert (second.id, second.title, second.span.start) == ("internet-vpn", "Use the VPN", 38)
    assert second.span.end == 52


def test_rule_parts_are_split_by_labels() -> None:
    rule = parse().page.rules[0]
    assert rule.key_message is not None and rule.key_message.text == "Check the sender before you click."
    assert rule.key_message.span.start == 17
    assert [item.text for item in rule.do] == [
        "Look at the sender's address.",
        "Report odd messages to help@test.example.",
    ]
    assert [item.span.start for item in rule.do] == [21, 22]
    assert [item.text for item in rule.dont] == ["Don't open unexpected attachments."]
    assert [block.text for block in rule.why] == ["One click can let an attacker in."]
    assert [block.kind for block in rule.detail] == ["paragraph", "code"]


def test_curly_apostrophe_and_trailing_colon_labels_are_accepted() -> None:
    rules = parse().page.rules
    assert rules[0].dont and rules[1].dont


def test_placeholders_are_substituted_and_unknown_ones_reported() -> None:
    parsed = parse(SAMPLE.replace("{{ org.name }}", "{{ org.nmae }}"))
    assert parsed.page.blocks[1].text == "Intro for {{ org.nmae }}."
    (problem,) = parsed.diagnostics
    assert (problem.code, problem.line, problem.column) == ("placeholder-unknown", 13, 11)
    assert "{{ org.name }}" in problem.fix


def test_list_right_after_a_label_is_not_a_list_on_the_site() -> None:
    text = SAMPLE.replace("**Do**\n\n- Look", "**Do**\n- Look")
    parsed = parse(text)
    codes = {(d.code, d.line) for d in parsed.diagnostics}
    assert ("list-needs-blank-line", 20) in codes
    assert ("rule-do-missing", 15) in codes
    assert parsed.page.rules[0].do == ()


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (("## Spot phishing {#email-phishing}", "## Spot phishing"), "rule-id-missing", 15),
        (("{#email-phishing}", "{#Email_Phishing}"), "rule-id-invalid", 15),
        (("**Why it matters**\n\nOne click", "One click"), "rule-why-missing", 15),
        (("Check the sender before you click.\n\n", ""), "rule-key-message-missing", 15),
        (("version: 1.2.3", "version: 1.2"), "version-invalid", 4),
        (("last_reviewed: 2026-01-31", "last_reviewed: next week"), "last-reviewed-invalid", 5),
        (("review_every: 1 month", "review_every: often"), "review-every-invalid", 6),
        (("language: en", "language: fr"), "language-invalid", 8),
        (("owner: IT Security team\n", ""), "owner-missing", 8),
    ],
)
def test_structural_problems_name_their_line(change: tuple[str, str], code: str, line: int) -> None:
    parsed = parse(SAMPLE.replace(*change))
    found = [(d.code, d.line) for d in parsed.diagnostics]
    assert (code, line) in found, found
    assert all(not d.fatal for d in parsed.diagnostics)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("---\ntitle: [unclosed\n---\n# x\n", "front-matter-yaml", 2),
        ("---\nowner: me\n---\n# x\n", "title-missing", 1),
        ("---\ntitle: x\n# never closed\n", "front-matter-unclosed", 1),
        ("---\n- a\n- b\n---\n", "front-matter-yaml", 2),
    ],
)
def test_fatal_front_matter_problems(text: str, code: str, line: int) -> None:
    parsed = parse(text)
    fatal = [(d.code, d.line) for d in parsed.diagnostics if d.fatal]
    assert (code, line) in fatal


def test_page_without_front_matter_falls_back_to_its_heading() -> None:
    parsed = parse("# Clean desk\n\n### Scope\n\nText.\n")
    assert parsed.page.title == "Clean desk"
    assert {d.code for d in parsed.diagnostics} == {"front-matter-missing", "page-no-rules"}
    assert not any(d.fatal for d in parsed.diagnostics)


def test_level_two_headings_are_sections_not_rules_on_the_home_page() -> None:
    parsed = parse(page("Home", body="## Who this is for\n\nEveryone.\n"), role="home")
    assert parsed.page.rules == ()
    assert parsed.diagnostics == []


def test_glossary_entries_are_read_from_the_list() -> None:
    text = page("Glossary", body="- **MFA**: Multi-factor authentication. A second check.\n- not an entry\n")
    parsed = parse(text, role="glossary")
    assert [(e.term, e.definition) for e in parsed.glossary] == [
        ("MFA", "Multi-factor authentication. A second check.")
    ]
    assert [d.code for d in parsed.diagnostics] == ["glossary-entry-malformed"]


def test_faq_managed_block_is_kept_apart_from_detail() -> None:
    text = SAMPLE.replace(
        "More detail here.\n",
        "More detail here.\n\n<!-- aup:faq begin email-phishing -->\n\n**Q: What if I clicked?**\n\n"
        "Tell the help desk.\n\n<!-- aup:faq end -->\n",
    )
    rule = parse(text).page.rules[0]
    assert [b.text for b in rule.faq] == ["Q: What if I clicked?", "Tell the help desk."]
    assert "Tell the help desk." not in [b.text for b in rule.detail]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 months", ReviewPeriod(12, "months")),
        ("1 year", ReviewPeriod(1, "years")),
        ("90 days", ReviewPeriod(90, "days")),
        ("6 meses", ReviewPeriod(6, "months")),
        ("2 años", ReviewPeriod(2, "years")),
        ("0 months", None),
        ("monthly", None),
    ],
)
def test_review_periods(text: str, expected: ReviewPeriod | None) -> None:
    assert parse_review_period(text) == expected


def test_load_manual_reports_duplicate_ids_across_pages(project) -> None:
    root = project(
        {
            "index.md": page("Home"),
            "a.md": page("A", [("shared-id", "First")]),
            "b.md": page("B", [("shared-id", "Second")]),
        }
    )
    manual = load_manual(load_config(root))
    (duplicate,) = manual.fatal
    assert duplicate.code == "rule-id-duplicate"
    assert duplicate.path.name == "b.md"
    assert "a.md:" in duplicate.message
    with pytest.raises(ManualError) as raised:
        require_usable(manual)
    assert "shared-id" in str(raised.value)


def test_load_manual_gives_roles_versions_and_rule_lookup(project) -> None:
    root = project(
        {"index.md": page("Home"), "email.md": page("Email", [("email-one", "One")]), "glossary.md": page("Glossary")}
    )
    manual = require_usable(load_manual(load_config(root)))
    assert {p.relative: p.role for p in manual.pages} == {
        "email.md": "topic",
        "glossary.md": "glossary",
        "index.md": "home",
    }
    assert manual.version == "1.0.0"
    assert manual.rule("email-one").title == "One"
    assert manual.page_of("email-one").relative == "email.md"


def test_non_utf8_and_binary_files_are_fatal_with_the_line(project) -> None:
    root = project(
        {"index.md": page("Home"), "bad.md": "# Title\n\nCaf\xe9 ok\n".encode("cp1252"), "bin.md": b"\x00\x01PNG"}
    )
    manual = load_manual(load_config(root))
    found = {(d.path.name, d.code, d.line) for d in manual.fatal}
    assert found == {("bad.md", "not-utf8", 3), ("bin.md", "not-text", 1)}


def test_bom_and_windows_line_endings_are_accepted(project) -> None:
    text = "\ufeff" + page("Email", [("email-one", "One")]).replace("\n", "\r\n")
    root = project({"email.md": text.encode("utf-8")})
    manual = load_manual(load_config(root))
    assert [r.id for r in manual.rules] == ["email-one"]
    expected = text.split("\r\n").index("## One {#email-one}") + 1
    assert manual.rule("email-one").span.start == expected


def test_empty_manual_is_fatal(project) -> None:
    manual = load_manual(load_config(project({})))
    assert [d.code for d in manual.fatal] == ["manual-empty"]


def test_model_is_immutable() -> None:
    rule = parse().page.rules[0]
    with pytest.raises(AttributeError):
        rule.id = "other"  # type: ignore[misc]


def test_topics_have_one_order_for_site_and_deck(project) -> None:
    from aupkit.site.nav import plan_nav
    from aupkit.slides.plan import select_pages

    root = project(
        {
            "index.md": page("Home"),
            "a-file.md": page("Zebra crossings", [("z-one", "One")]),
            "b-file.md": page("Apples", [("a-one", "One")]),
        }
    )
    manual = load_manual(load_config(root))
    assert [p.title for p in manual.topics] == ["Apples", "Zebra crossings"]
    assert [p.title for p in select_pages(manual, ())] == ["Apples", "Zebra crossings"]
    nav_titles = [next(iter(entry)) for entry in plan_nav(manual, "en")]
    assert nav_titles[1:3] == ["Apples", "Zebra crossings"]
