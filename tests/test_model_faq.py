"""Managed FAQ blocks in the model: the markers ``aup feedback merge`` writes, and what a broken block reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupkit.model import parse_page
from conftest import page

RULE = page("Email", [("email-phishing", "Spot phishing"), ("email-report", "Report it")])


def with_block(block: str, after: str = "It keeps everyone safe.\n") -> str:
    index = RULE.index(after) + len(after)  # the first rule's Why paragraph
    return RULE[:index] + "\n" + block + RULE[index:]


def parse(text: str):
    return parse_page(text, Path("email.md"), "email.md")


def test_a_closed_block_gives_faq_blocks_and_the_span_of_its_markers() -> None:
    text = with_block(
        "<!-- aup:faq begin email-phishing (written by aup feedback merge) -->\n\n"
        "**Question:** What if I clicked?\n\n**Answer:** Tell the helpdesk.\n\n<!-- aup:faq end -->\n"
    )
    parsed = parse(text)
    rule = parsed.page.rules[0]
    lines = text.split("\n")
    assert [b.text for b in rule.faq] == ["Question: What if I clicked?", "Answer: Tell the helpdesk."]
    assert rule.faq_span is not None
    assert lines[rule.faq_span.start - 1].startswith("<!-- aup:faq begin email-phishing")
    assert lines[rule.faq_span.end - 1] == "<!-- aup:faq end -->"
    assert not [b for b in rule.detail if "helpdesk" in b.text]
    assert parsed.page.rules[1].faq == () and parsed.page.rules[1].faq_span is None
    assert not [d for d in parsed.diagnostics if d.code.startswith("faq")]


@pytest.mark.parametrize(
    ("block", "code"),
    [
        ("<!-- aup:faq begin email-phishing -->\n\n**Question:** x\n", "faq-block-unclosed"),
        ("**Question:** x\n\n<!-- aup:faq end -->\n", "faq-block-unmatched-end"),
        ("<!-- aup:faq begin email-report -->\n\nx\n\n<!-- aup:faq end -->\n", "faq-block-wrong-rule"),
        ("<!-- aup:faq -->\n\nx\n\n<!-- /aup:faq -->\n", "faq-marker-malformed"),
        (
            "<!-- aup:faq begin email-phishing -->\n\n<!-- aup:faq begin email-phishing -->\n\n<!-- aup:faq end -->\n",
            "faq-block-nested",
        ),
        (
            "<!-- aup:faq begin email-phishing -->\n\nx\n\n<!-- aup:faq end -->\n\n"
            "<!-- aup:faq begin email-phishing -->\n\ny\n\n<!-- aup:faq end -->\n",
            "faq-block-repeated",
        ),
    ],
)
def test_a_broken_block_is_reported_on_its_line_with_a_fix(block: str, code: str) -> None:
    text = with_block(block)
    found = [d for d in parse(text).diagnostics if d.code == code]
    assert found, parse(text).diagnostics
    line = text.split("\n")[found[0].line - 1]
    assert "aup:faq" in line
    assert "aup:faq" in found[0].fix or "block" in found[0].fix
