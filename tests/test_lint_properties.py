"""Property tests: sentence splitting loses no text, and linting any Markdown never raises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupkit.config import Config
from aupkit.lint import lint_page
from aupkit.lint.prose import split_sentences
from aupkit.model import Manual, parse_page

PIECES = st.sampled_from(
    ["Lock it.", "Mr.", "3.5", "e.g.", "U.S.", "Why?", "¡Hola!", "¿Qué?", "word", "WORD", "(see", "MFA)", "...",
     "https://example.com/a.", "a@b.example", "—", "x" * 40, "\u00a0", "**Do**", "`code`", "<!-- aup-lint disable -->",
     "- item", "| a | b |", "## Title {#t-1}", "\n", "\n\n", "shall", "should", "is scanned", "---"]
)  # fmt: skip


@given(st.lists(PIECES, max_size=40))
def test_splitting_keeps_every_word(pieces: list[str]) -> None:
    text = " ".join(" ".join(pieces).split())
    sentences = split_sentences(text)
    assert " ".join(sentences) == text
    assert all(sentence == sentence.strip() and sentence for sentence in sentences)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60), st.sampled_from(["en", "es"]))
def test_linting_any_markdown_never_raises(pieces: list[str], language: str) -> None:
    text = f"---\ntitle: T\nlanguage: {language}\n---\n" + " ".join(pieces)
    parsed = parse_page(text, Path("p.md"), "p.md")
    manual = Manual(Path("."), (parsed.page,), parsed.glossary, tuple(parsed.diagnostics))
    findings = lint_page(parsed.page, manual, Config(), today=dt.date(2026, 11, 23))
    lines = text.count("\n") + 1
    assert all(0 <= finding.line <= lines and finding.column >= 1 for finding in findings)


PHRASES = ["log", "log in", "login", "in", "in order to", "order", "e-mail", "mail", "user’s", "use", "10"]


@given(
    st.lists(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4, unique=True), min_size=1, max_size=4),
    st.lists(st.sampled_from([*PHRASES, "Log", "LOGIN", "x", "’s", "-", "s"]), max_size=10),
    st.lists(st.sampled_from([" ", "  ", "-", "’", "\n", ""]), min_size=1, max_size=3),
)
@settings(max_examples=400, deadline=None)
def test_rule_scanner_finds_what_a_word_boundary_per_rule_would(
    rules: list[list[str]], words: list[str], glue: list[str]
) -> None:
    """The scanner puts one word boundary around all rules' groups; one inside each group finds the same."""
    import re

    from aupkit.lint.checks import _WORD, _RuleScanner
    from aupkit.lint.rules import AFTER, BEFORE, _ordered

    scanner = _RuleScanner(tuple(_ordered(phrases) for phrases in rules))
    text = "".join(word + glue[index % len(glue)] for index, word in enumerate(words))
    pattern = scanner.pattern(text)
    picked = [(r, i) for r, alternatives in enumerate(scanner.alternatives) for i, (first, _) in enumerate(alternatives)
              if first is None or first in {w.lower() for w in _WORD.findall(text)}]  # fmt: skip
    if not picked:
        assert pattern is None
        return
    groups = scanner.groups(tuple(picked))
    per_rule = "|".join(f"(?P<r{r}>{BEFORE}(?:{'|'.join(bodies)}){AFTER})" for r, bodies in groups.items())
    expected = [(m.span(), m.lastgroup) for m in re.finditer(per_rule, text, re.IGNORECASE)]
    assert pattern is not None
    assert [(m.span(), m.lastgroup) for m in pattern.finditer(text)] == expected
