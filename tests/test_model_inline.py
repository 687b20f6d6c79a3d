"""The model's inline fast path gives exactly what markdown-it's own inline parser gives.

``inline_segments`` skips markdown-it's inline parser for text that holds no inline syntax
(and for a lone bold label such as ``**Do**``). These tests compare it with the full parser,
on chosen cases and on generated text, so a shortcut that drifts from markdown-it fails here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from aupkit.model.parse import _segments, inline_segments

_FULL = MarkdownIt("commonmark", {"html": True}).enable("table")


def reference(content: str) -> tuple:
    """What the whole markdown-it pipeline (inline rules, then joining text) makes of ``content``."""
    tokens = _FULL.parseInline(content)
    return _segments(tokens[0].children or [])


CASES = [
    "",
    "Lock your screen.",
    "Lock your screen\nwhen you leave.",
    "one space at the end \nnext line",
    "two spaces at the end  \nnext line",
    "three spaces   \n   indented next line",
    "tab at the end\t\n\tnext",
    "line\n   \nafter a blank-looking line",
    "trailing spaces on the last line  ",
    "Ñandú, café, 50 % — «comillas» y ¿preguntas?",
    "**Do**",
    "__Don't__",
    "**Why it matters**",
    "**Sí**",
    "** Do**",
    "**Do **",
    "**Do**:",
    "**D*o**",
    "**a\nb**",
    "*Do*",
    "**Do** this",
    "a_b_c",
    "`code` and text",
    "see <https://example.org>",
    "AT&amp;T",
    "\\*not emphasis\\*",
    "[link](https://example.org) text",
    "![alt text](image.png)",
    "<b>bold</b> tag",
]


@pytest.mark.parametrize("content", CASES)
def test_fast_path_matches_markdown_it_on_chosen_text(content):
    assert inline_segments(content) == reference(content)


# Mostly plain characters, so that most generated strings take the fast path; the syntax characters
# are there too, so the others prove the hand-over to markdown-it is right.
ALPHABET = st.sampled_from(list("abc XYZ\t\n  .,;:'\"()-#+=>@$%^{}|/?ñé€0123456789") + list("*_`[]!<&\\~"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40).map(str.strip))
def test_fast_path_matches_markdown_it_on_generated_text(content):
    assert inline_segments(content) == reference(content)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z.'-é\t")), min_size=1, max_size=12), st.sampled_from(["**", "__"]))
def test_bold_label_shortcut_matches_markdown_it(inner, marker):
    content = f"{marker}{inner}{marker}"
    assert inline_segments(content) == reference(content)
