"""The model's fast path for simple pages finds exactly the elements markdown-it finds.

A body made only of blank lines, ATX headings, one-line "- " items and plain paragraph lines is
split into elements without markdown-it (``_simple_elements``); anything else goes to markdown-it.
These tests compare the two on every page this project ships, on the corpus and on generated text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupkit.model.frontmatter import parse_front_matter
from aupkit.model.parse import _elements, _markdown_it, _simple_elements, normalise_newlines
from conftest import REPO

PATH = Path("page.md")


def shape(elements) -> list[tuple]:
    return [(e.kind, e.start, e.end, e.blocks) for e in elements]


def reference(body: str, offset: int = 0) -> list[tuple]:
    env: dict = {}
    return shape(_elements(_markdown_it()[1].parse(body, env), offset, PATH, [], env))


def assert_same(body: str, offset: int = 0) -> bool:
    """True when the fast path took the body (and then agreed with markdown-it)."""
    fast = _simple_elements(body, offset, PATH)
    if fast is None:
        return False
    assert shape(fast) == reference(body, offset), body
    return True


def shipped_pages() -> list[Path]:
    folders = [REPO / "manual", REPO / "tools" / "aupkit" / "starter" / "es", REPO.parent / "shared" / "corpus"]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*.md"))


@pytest.mark.parametrize("path", shipped_pages(), ids=lambda path: path.name)
def test_fast_path_agrees_on_every_shipped_and_corpus_page(path: Path) -> None:
    text = normalise_newlines(path.read_text("utf-8"))
    _, body_line, _ = parse_front_matter(text, path)
    body = "\n".join(text.split("\n")[body_line - 1 :])
    assert_same(body, body_line - 1)


def test_the_commonest_pages_take_the_fast_path() -> None:
    body = (
        "# Email\n\n## Lock it {#email-lock}\n\nLock your screen.\nEvery time.\n\n**Do**\n\n- Lock it.\n"
        "- Log out.\n\n**Don't**\n\n- Don't share it.\n\n\n**Why it matters**\n\nIt keeps 2026 safe.  \n"
    )
    assert assert_same(body, 7)


@pytest.mark.parametrize(
    "body",
    [
        "", "\n", "  ", "p", "p\n", "p\n  ", "- item\n  ", "- item\n  \n", "- item\n\n  ", "- a\n  \n  ",
        "More text  \n2026 was a year.\n  \n- item\n- item\n  ", "- a\n- b\n\n\n", "- a\n\n- b\n\ntext",
        "# h\n- a\n", "- a\n# h\n", "- a\ntext", "text\n- a", "text\n# h\nmore", "**Do**\n\n- x\n",
    ],
)  # fmt: skip
def test_fast_path_agrees_on_chosen_edges(body: str) -> None:
    assert_same(body)


LINES = st.sampled_from(
    [
        "", "", "  ", "# Title", "## Rule {#r-1}", "### Sub ###", "Plain text.", "More text  ",
        "**Do**", "__Why__", "- item", "- **bold** item", "- 1. nested?", "-not an item", "- ",
        "* star item", "+ plus", "1. ordered", "2026 was a year.", "1.5 GB", "> quote", "    code",
        "```", "~~~", "<div>", "<!-- aup:faq begin r-1 -->", "---", "===", "***", "___", "| a | b |",
        "[ref]: https://example.org", "\tTab", " lead space", "Text with `code` and <b>", "Ends with \\",
        "#nospace", "####### seven", "Héllo wörld", "\u00a0nbsp start", "- trailing  ",
    ]
)  # fmt: skip


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=14), st.booleans())
def test_fast_path_agrees_with_markdown_it_on_generated_pages(lines: list[str], final_newline: bool) -> None:
    body = "\n".join(lines) + ("\n" if final_newline else "")
    assert_same(body)
