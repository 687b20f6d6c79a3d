"""Page -> what the site shows: the Markdown MkDocs renders, and what is added to its HTML. Pure: no MkDocs.

Everything works on the model's source lines (1-based, as on disk), so the
spans the model found are used as they are and nothing parses Markdown again:

* placeholders filled with ``aupkit.model.substitute``;
* the Do and Don't lists as styled blocks (admonitions: the label becomes the title);
* FAQ entries from feedback wrapped in a block under their rule;
* glossary terms appended as ``*[TERM]: definition`` so ``abbr`` turns them into tooltips.

Two things are added to the rendered HTML instead (``decorate_html``), at the
headings' known IDs: they are plain HTML, and HTML blocks in Markdown are slow
to render on a large manual:

* a header under the page title: owner, version, last reviewed, next review
  (marked when overdue) and reading time;
* each rule's ID under its heading, as a link to the rule.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..languages import every
from ..languages import words as words_in
from ..model import Block, GlossaryEntry, Page, Rule, substitute

WORDS_PER_MINUTE = 200

TEXT = every("site")


def text_for(language: str) -> dict[str, str]:
    """The site's own words in ``language`` (English when there is no translation)."""
    return TEXT.get(language, TEXT["en"])


def format_date(day: dt.date, language: str) -> str:
    words = text_for(language)
    month = words_in(language, "months")[day.month - 1]
    return words["date"].format(day=day.day, month=month, year=day.year)


def reading_minutes(page: Page) -> int:
    """Minutes to read the page's prose at 200 words a minute, at least 1."""
    words = sum(len(block.text.split()) for block in page.blocks if block.is_prose)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class _Edits:
    """Line edits keyed by 1-based source line: text before it, after it, or in its place."""

    before: dict[int, list[str]]
    after: dict[int, list[str]]
    replace: dict[int, str]
    indent: set[int]

    def add_before(self, line: int, text: str) -> None:
        self.before.setdefault(line, []).append(text)

    def add_after(self, line: int, text: str) -> None:
        self.after.setdefault(line, []).insert(0, text)


def render_markdown(
    page: Page,
    placeholders: dict[str, str],
    glossary: Iterable[GlossaryEntry] = (),
) -> str:
    """The Markdown MkDocs renders for ``page`` (front matter removed, line for line otherwise)."""
    words = text_for(page.language)
    placeholders = {name: as_markdown_text(value) for name, value in placeholders.items()}
    substituted, _unknown = substitute(page.source, placeholders)
    lines = substituted.split("\n")
    edits = _Edits({}, {}, {}, set())
    if not any(block.kind == "heading" and block.level == 1 for block in page.blocks):
        edits.add_before(page.body_line, f"# {page.title}\n")
    for rule in page.rules:
        _rule_edits(rule, lines, edits, words)
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        if number < page.body_line:
            continue
        out.extend(edits.before.get(number, ()))
        line = edits.replace.get(number, line)
        out.append(f"    {line}" if number in edits.indent and line.strip() else line)
        out.extend(edits.after.get(number, ()))
    markdown = "\n".join(out)
    if page.role != "glossary":
        markdown += abbreviations(glossary, placeholders, markdown)
    return markdown


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}()#!|~])")


def as_markdown_text(value: str) -> str:
    """A configuration value as literal text in Markdown: no HTML, link, emphasis or attribute list."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(" ".join(value.split()), quote=True))


def decorate_html(page: Page, html_text: str, today: dt.date | None = None) -> str:
    """The rendered page with its header after the title and each rule's ID after the rule's heading."""
    words = text_for(page.language)
    insertions: list[tuple[int, str]] = []
    title_end = html_text.find("</h1>")
    if title_end >= 0:
        insertions.append((title_end + len("</h1>"), "\n" + page_header(page, today or dt.date.today())))
    for rule in page.rules:
        heading_end = _heading_end(html_text, rule.anchor) if rule.id else -1
        if heading_end >= 0:
            link = (
                f'\n<p class="aup-rule-id">{words["rule_id"]}: '
                f'<a href="#{rule.anchor}" title="{words["rule_link"]}"><code>{rule.id}</code></a></p>'
            )
            insertions.append((heading_end, link))
    for position, text in sorted(insertions, reverse=True):
        html_text = html_text[:position] + text + html_text[position:]
    return html_text


def _heading_end(html_text: str, anchor: str) -> int:
    """Where the ``<h2>`` with this ID ends in the HTML, or -1."""
    at = html_text.find(f' id="{anchor}"')
    start = html_text.rfind("<", 0, at) if at >= 0 else -1
    if start < 0 or not html_text.startswith("<h2", start):
        return -1
    close = html_text.find("</h2>", at)
    return close + len("</h2>") if close >= 0 else -1


def page_header(page: Page, today: dt.date) -> str:
    """The page's details as a description list: owner, version, review dates and reading time."""
    words = text_for(page.language)
    front = page.front_matter
    items: list[tuple[str, str, str]] = []
    if front and front.owner:
        items.append(("owner", words["owner"], html.escape(front.owner)))
    if front and front.version:
        items.append(("version", words["version"], html.escape(front.version)))
    if front and front.last_reviewed:
        items.append(("reviewed", words["last_reviewed"], _time(front.last_reviewed, page.language)))
    next_review = front.next_review if front else None
    if next_review:
        value = _time(next_review, page.language)
        kind = "next-review"
        if next_review < today:
            value += f' <strong class="aup-overdue">{words["overdue"]}</strong>'
            kind += " aup-page-meta__item--overdue"
        items.append((kind, words["next_review"], value))
    minutes = words["minutes"].format(n=reading_minutes(page))
    items.append(("reading-time", words["reading_time"], minutes))
    # One item a line: a long line of tags is slow for the print page's regular expressions.
    body = "".join(
        f'\n<div class="aup-page-meta__item aup-page-meta__item--{kind}"><dt>{label}</dt><dd>{value}</dd></div>'
        for kind, label, value in items
    )
    return f'<dl class="aup-page-meta" aria-label="{words["page_details"]}" data-search-exclude>{body}\n</dl>'


def _time(day: dt.date, language: str) -> str:
    return f'<time datetime="{day.isoformat()}">{format_date(day, language)}</time>'


def _rule_edits(rule: Rule, lines: list[str], edits: _Edits, words: dict[str, str]) -> None:
    for blocks, kind in ((rule.do, "do"), (rule.dont, "dont")):
        if blocks:
            _wrap_list(blocks, kind, rule.heading.span.end, lines, edits, words)
    if rule.faq:
        start, end = (rule.faq_span.start, rule.faq_span.end) if rule.faq_span else _extent(rule.faq)
        edits.add_before(start, f'<div class="aup-faq" markdown>\n<p class="aup-faq__title">{words["faq"]}</p>\n')
        edits.add_after(end, "\n</div>\n")


_LABEL_MARKS = re.compile(r"^[\s*_]+|[\s*_:]+$")


def _wrap_list(
    blocks: tuple[Block, ...], kind: str, heading_end: int, lines: list[str], edits: _Edits, words: dict[str, str]
) -> None:
    """Turn a Do or Don't list, with its label line, into an admonition whose title is the label."""
    start, end = _extent(blocks)
    label = start - 1
    while label > heading_end and not lines[label - 1].strip():
        label -= 1
    css = "success aup-do" if kind == "do" else "failure aup-dont"
    if label > heading_end:
        title = _LABEL_MARKS.sub("", lines[label - 1]).replace('"', "")
        edits.replace[label] = f'!!! {css} "{title}"'
    else:
        edits.add_before(start, f'!!! {css} "{words[kind]}"\n')
        label = start - 1
    edits.indent.update(range(label + 1, end + 1))
    edits.add_after(end, "")


def _extent(blocks: Iterable[Block]) -> tuple[int, int]:
    spans = [block.span for block in blocks]
    return min(span.start for span in spans), max(span.end for span in spans)


_INLINE_MARKS = re.compile(r"[*_`]")


def abbreviations(glossary: Iterable[GlossaryEntry], placeholders: dict[str, str], text: str | None = None) -> str:
    """``*[TERM]: definition`` lines for the ``abbr`` extension; plain words also match in lower case.

    With ``text``, only the terms that occur in it: the extension's work grows with the number of
    terms times the page's length, and most pages use a few of a glossary's terms.
    """
    lines: list[str] = []
    folded = text.lower() if text is not None else None
    for entry in glossary:
        if folded is not None and entry.term.lower() not in folded:
            continue
        definition, _unknown = substitute(_INLINE_MARKS.sub("", entry.definition), placeholders)
        definition = " ".join(definition.split())
        terms = [entry.term]
        if not entry.term.isupper() and entry.term.lower() != entry.term:
            terms.append(entry.term.lower())
        lines.extend(f"*[{term}]: {definition}" for term in terms if "]" not in term)
    return ("\n\n" + "\n".join(lines) + "\n") if lines else ""
