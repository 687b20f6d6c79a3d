"""The model follows what the site shows: Python-Markdown, with the site's own extensions, agrees with it.

markdown-it-py (CommonMark) gives the model its source lines; MkDocs renders
with Python-Markdown. Where the two dialects could disagree, these tests
render the same text with Python-Markdown and the extensions in mkdocs.yml
and compare rule anchors and Do/Don't items with the model.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config as load_mkdocs_config

from aupkit.config import load_config
from aupkit.model import load_manual, parse_page, substitute
from aupkit.model.frontmatter import split_front_matter
from conftest import FRONT, MANUAL, REPO


class Outline(HTMLParser):
    """Top-level h2 IDs, and the number of items in the list after each bold label paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.h2_ids: list[str] = []
        self.lists_after: list[tuple[str, int]] = []
        self._depth = 0
        self._label: str | None = None
        self._in_p_strong = False
        self._p_text = ""
        self._counting: list[int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2" and self._depth == 0:
            self.h2_ids.append(dict(attrs).get("id") or "")
        if tag == "p" and self._depth == 0:
            self._p_text = ""
            self._in_p_strong = True
        if tag in ("ul", "ol"):
            if self._depth == 0 and self._label:
                self._counting = [0]
            self._depth += 1
        if tag == "li" and self._counting is not None and self._depth == 1:
            self._counting[0] += 1
        if tag in ("blockquote", "div") and self._depth == 0:
            self._depth += 100

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._depth == 0 and self._in_p_strong:
            self._in_p_strong = False
            text = self._p_text.strip()
            self._label = text if text in ("Do", "Don't", "Don’t") else None
        if tag in ("ul", "ol"):
            self._depth -= 1
            if self._depth == 0 and self._counting is not None:
                self.lists_after.append((self._label or "", self._counting[0]))
                self._counting = None
                self._label = None
        if tag in ("blockquote", "div") and self._depth >= 100:
            self._depth -= 100

    def handle_data(self, data: str) -> None:
        if self._in_p_strong:
            self._p_text += data


def render(text: str) -> Outline:
    config = load_mkdocs_config(str(REPO / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    _, body_line, _ = split_front_matter(text)
    body = "\n".join(text.split("\n")[body_line - 1 :])
    outline = Outline()
    outline.feed(md.convert(body))
    return outline


def model_lists(rules) -> list[tuple[str, int]]:
    found = []
    for rule in rules:
        found += [("Do", len(rule.do))] if rule.do else []
        found += [("Don't", len(rule.dont))] if rule.dont else []
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in MANUAL.glob("*.md")))
def test_shipped_pages_agree_with_python_markdown(name: str) -> None:
    config = load_config(REPO)
    manual = load_manual(config, [MANUAL / name])
    page = manual.pages[0]
    text, _ = substitute(page.source, config.placeholders())
    outline = render(text)
    if page.role == "topic":
        assert outline.h2_ids == [rule.anchor for rule in page.rules]
    assert [(label.replace("’", "'"), n) for label, n in outline.lists_after] == model_lists(page.rules)


TRICKY = (
    FRONT.format(title="Tricky")
    + """
# Tricky

## Attribute list with a class {: #tricky-attr .important }

Key.

**Do**
- This list has no blank line before it, so it is paragraph text.

**Don't**

- One.
- Two.

**Why it matters**

Because.

Setext rule {#tricky-setext}
----------------------------

Key.

**Do**

- Alpha.

> ## Not a rule {#tricky-quoted}
>
> Quoted heading.

```text
## Not a rule either {#tricky-code}
```

    ## Indented code {#tricky-indented}

## Closing hashes {#tricky-hashes} ##

Key.

**Don’t**

1. Numbered.
2. Still a list.
"""
)


def test_tricky_markdown_agrees_with_python_markdown() -> None:
    parsed = parse_page(TRICKY, Path("tricky.md"), "tricky.md")
    outline = render(TRICKY)
    assert [rule.anchor for rule in parsed.page.rules] == ["tricky-attr", "tricky-setext", "tricky-hashes"]
    assert outline.h2_ids == [rule.anchor for rule in parsed.page.rules]
    assert [(label.replace("’", "'"), n) for label, n in outline.lists_after] == model_lists(parsed.page.rules)
    assert "list-needs-blank-line" in {d.code for d in parsed.diagnostics}
