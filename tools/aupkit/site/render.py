"""Page -> the Markdown every site engine renders the same way. Pure: no engine.

Everything works on the model's source lines (1-based, as on disk), so the
spans the model found are used as they are and nothing parses Markdown again.
The result needs only stock Python-Markdown extensions (``abbr``,
``admonition``, ``attr_list``, ``md_in_html``, ``toc``), which MkDocs,
ProperDocs and Zensical all have:

* setup markers resolved (``aupkit.model.setup``) and placeholders filled with ``aupkit.model.substitute``;
* a header under the page title (an HTML block): owner, version, last reviewed,
  next review (marked when overdue) and reading time;
* each rule's ID under its heading, as a link to the rule (an HTML block);
* the Do and Don't lists as styled blocks (admonitions: the label becomes the title);
* FAQ entries from feedback wrapped in a block under their rule;
* glossary terms appended as ``*[TERM]: definition`` so ``abbr`` turns them into tooltips.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..languages import Voice, words as words_in
from ..model import Block, GlossaryEntry, Page, Rule, is_tip, substitute
from ..model.parse import TIP_WORDS
from ..model.setup import resolve as resolve_setup

WORDS_PER_MINUTE = 200

def text_for(language: str, voice: str | Voice = "") -> dict[str, str]:
    """The site's own words in ``language`` and the organisation's ``voice`` (English when there is no translation)."""
    return words_in(language, "site", voice)  # type: ignore[no-any-return]


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
    today: dt.date | None = None,
    voice: str | Voice = "",
) -> str:
    """The Markdown a site engine renders for ``page`` (front matter removed, line for line otherwise)."""
    words = text_for(page.language, voice)
    placeholders = {name: as_markdown_text(value) for name, value in placeholders.items()}
    setup = resolve_setup(page.source, placeholders)  # markers out; lines for another setup blanked
    substituted, _unknown = substitute(setup.text, placeholders)
    lines = substituted.split("\n")
    edits = _Edits({}, {}, {}, set())
    header = f"\n{page_header(page, today or dt.date.today(), voice)}\n"
    title = next((block for block in page.blocks if block.kind == "heading" and block.level == 1), None)
    if title is None:
        edits.add_before(page.body_line, f"# {page.title}\n{header}")
    else:
        edits.add_after(title.span.end, header)
    for rule in page.rules:
        if rule.id:
            edits.add_after(rule.heading.span.end, f"\n{rule_id_line(rule, words)}\n")
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


def rule_id_line(rule: Rule, words: dict[str, str]) -> str:
    """The rule's ID under its heading, as a link to the rule (an HTML block)."""
    return (
        f'<p class="aup-rule-id">{words["rule_id"]}: '
        f'<a href="#{rule.anchor}" title="{words["rule_link"]}"><code>{rule.id}</code></a></p>'
    )


def page_header(page: Page, today: dt.date, voice: str | Voice = "") -> str:
    """The page's details as a description list: owner, version, review dates and reading time."""
    words = text_for(page.language, voice)
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
    for block in blocks:  # a tip is advice, not a rule: its first word in italics tells them apart
        line = lines[block.span.start - 1]
        if is_tip(block.text) and (match := _TIP.match(line)):
            edits.replace[block.span.start] = f"{match.group(1)}*{match.group(2)}*{line[match.end(2) :]}"


_TIP = re.compile(r"^(\s*[-*+]\s+)(" + "|".join(re.escape(word) for word in TIP_WORDS) + ")")


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
