"""Property tests: the parser never raises, whatever Markdown and front matter it is given."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupkit.model import parse_page

PIECES = st.sampled_from(
    [
        "---",
        "...",
        "title: x",
        "title: [",
        "version: 1.0.0",
        "last_reviewed: 2026-02-30",
        "review_every: 0 days",
        "## Rule {#r-1}",
        "## Rule {: #R_1 .x }",
        "## {#}",
        "# Page",
        "### Sub",
        "Setext",
        "---",
        "===",
        "**Do**",
        "**Don't**",
        "**Why it matters**",
        "**Sí**",
        "- item",
        "1. item",
        "    - nested",
        "> quote",
        "```",
        "~~~",
        "    code",
        "<div>",
        "</div>",
        "<!-- aup:faq begin r-1 -->",
        "<!-- aup:faq end -->",
        "| a | b |",
        "|---|---|",
        "{{ org.name }}",
        "{{ }}",
        "{{",
        "- **Term**: def",
        "*[MFA]: x",
        "",
        " ",
        "\t",
        "key: value: other",
        "- [link](javascript:alert(1))",
        "\u202e",
        "\x0c",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40),
    st.sampled_from(["topic", "home", "glossary", "changelog"]),
)
def test_parser_never_raises_and_spans_stay_inside_the_file(lines: list[str], role: str) -> None:
    text = "\n".join(lines)
    parsed = parse_page(text, Path("p.md"), "p.md", role=role, placeholders={"org.name": "Org"})  # type: ignore[arg-type]
    line_count = text.replace("\r\n", "\n").count("\n") + text.replace("\r\n", "\n").count("\r") + 1
    for rule in parsed.page.rules:
        assert 1 <= rule.span.start <= rule.span.end <= line_count
        for block in rule.blocks:
            assert rule.span.start <= block.span.start <= block.span.end <= line_count
    for diagnostic in parsed.diagnostics:
        assert 0 <= diagnostic.line <= line_count
        assert diagnostic.message and diagnostic.fix


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=12),
        st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=3)),
        max_size=8,
    )
)
def test_any_yaml_front_matter_is_handled(data: dict) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n# Page\n"
    parsed = parse_page(text, Path("p.md"), "p.md")
    assert parsed.page.title


def test_a_lone_carriage_return_ends_a_line() -> None:
    parsed = parse_page("## Rule {#r-1}\r\rKey.\r", Path("p.md"), "p.md")
    (rule,) = parsed.page.rules
    assert (rule.span.start, rule.key_message.span.start, rule.span.end) == (1, 3, 3)
