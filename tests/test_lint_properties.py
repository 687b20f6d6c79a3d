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
