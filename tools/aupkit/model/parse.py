"""Markdown -> Page. The only module that parses Markdown.

markdown-it-py parses every page and gives exact source lines.

Where markdown-it's CommonMark dialect and Python-Markdown (what MkDocs renders
with) disagree, this module follows what the site will show and reports the
difference:

* Python-Markdown does not start a list right after a paragraph line: the list
  becomes part of the paragraph. Such a list is not counted as a list here.
* Heading IDs come from an attribute list at the end of the heading
  (``{#id}`` or ``{: #id .class }``), as the ``attr_list`` extension reads it;
  without one, the ID is the slug Python-Markdown's ``toc`` would make.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..languages import every, recognised, words
from .active import active_content
from .frontmatter import parse_front_matter
from .setup import resolve as resolve_setup
from .types import Block, Diagnostic, FrontMatter, GlossaryEntry, Page, PageRole, Rule, Segment, Span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def _markdown_it() -> MarkdownIt:
    """markdown-it, imported on first use: CommonMark with tables and raw HTML."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


_ATTR_LIST = re.compile(r"\s*\{:?\s*([^{}]*)\}\s*#*\s*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([^\s#.{}]+)")
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
# A managed FAQ block (written by ``aup feedback merge``) inside a rule:
#   <!-- aup:faq begin RULE-ID (any note) -->  ...entries...  <!-- aup:faq end -->
FAQ_MARKER = re.compile(r"^<!--\s*/?\s*aup:faq\b")
FAQ_START = re.compile(r"^<!--\s*aup:faq\s+begin\s+(?P<rule>[^\s>]+?)(?:\s.*?)?\s*-->\s*$", re.DOTALL)
FAQ_END = re.compile(r"^<!--\s*aup:faq\s+end\s*-->\s*$")
FAQ_BEGIN_TEMPLATE = "<!-- aup:faq begin {rule_id} -->"
FAQ_END_MARKER = "<!-- aup:faq end -->"

# A Do or Don't item that starts with this word (in any of the manual's languages) is advice, not a rule.
TIP_WORDS = tuple(sorted({said["label.tip"] for said in every("check").values()}))


def is_tip(text: str) -> bool:
    """A Do/Don't item that is advice ("Tip: ...", "Consejo: ..."): everything else in those lists is a rule."""
    return text.lstrip().startswith(TIP_WORDS)


# The labels of a rule's lists in every language, lowercase: "do", "sí", "por qué importa"...
LABELS = recognised("labels")
_LABEL = re.compile(r"(\*\*|__)(.+?)\1\s*:?")


def is_label(block: Block) -> bool:
    """``**Do**``, ``**Don't**``, ``**Why it matters**`` (in any language): structure, not sentences."""
    match = _LABEL.fullmatch(block.markdown.strip()) if block.kind == "paragraph" else None
    return bool(match) and match.group(2).strip().rstrip(":").lower().replace("\u2019", "'") in LABELS


def slugify(text: str, separator: str) -> str:
    """The ID Python-Markdown's ``toc`` gives a heading without one (imported on first use: ~15 ms)."""
    from markdown.extensions.toc import slugify as toc_slugify

    return toc_slugify(text, separator)


def substitute(text: str, values: dict[str, str]) -> tuple[str, list[tuple[int, str]]]:
    """Replace ``{{ name }}`` placeholders; return the text and the unknown ones as (offset, name).

    This is the one substitution used wherever the manual is rendered (site,
    deck, announcement), so all of them show the same values.
    """
    unknown: list[tuple[int, str]] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        unknown.append((match.start(), name))
        return match.group(0)

    return PLACEHOLDER.sub(replace, text), unknown


def decode(data: bytes, path: Path) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a file -> text; a UTF-8 BOM is accepted. Names the line of a bad byte."""
    if b"\x00" in data[:8192]:
        return None, Diagnostic(
            path,
            1,
            "not-text",
            "the file is binary, not a Markdown text file",
            "remove it from the manual folder or replace it with a Markdown file",
            fatal=True,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, Diagnostic(
            path,
            line,
            "not-utf8",
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x} on this line)",
            "open it in your editor and save it with the UTF-8 encoding",
            fatal=True,
        )
    return normalise_newlines(text), None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR end a line for editors and for markdown-it alike: count them as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class _Element:
    """A top-level piece of the body, with its blocks."""

    token: Token
    kind: str  # heading, paragraph, list, code, html, table, blockquote, hr
    start: int  # 1-based first line in the file
    end: int  # 1-based last line in the file
    blocks: list[Block] = field(default_factory=list)


class ParsedPage(NamedTuple):
    page: Page
    glossary: tuple[GlossaryEntry, ...]
    diagnostics: list[Diagnostic]


def parse_page(
    text: str,
    path: Path,
    relative: str,
    *,
    role: PageRole = "topic",
    placeholders: dict[str, str] | None = None,
    default_language: str = "en",
    allowed_html: Iterable[str] = (),
) -> ParsedPage:
    """Parse one page's text. Never raises on any input; problems come back as diagnostics."""
    text = normalise_newlines(text)
    front, body_line, problems = parse_front_matter(text, path, default_language)
    language = (front.language if front and front.language else None) or default_language
    said = words(language, "check")  # the messages in the page's language
    problems.extend(active_content(text, path, allowed_html, said))
    setup = resolve_setup(text, placeholders or {})
    problems += [
        Diagnostic(path, line, "setup-marker", what, said["setup-marker.fix"]) for line, what in setup.problems
    ]
    substituted, unknown = substitute(setup.text, placeholders or {})
    for offset, name in unknown:
        line = text.count("\n", 0, offset) + 1
        if line >= body_line:
            known = ", ".join("{{ " + key + " }}" for key in sorted(placeholders or {}))
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "placeholder-unknown",
                    said["placeholder-unknown"].format(name=name),
                    said["placeholder-unknown.fix"].format(known=known),
                    column=offset - (text.rfind("\n", 0, offset) + 1) + 1,
                )
            )
    lines = substituted.split("\n")
    body = "\n".join(lines[body_line - 1 :])
    elements = _elements(_markdown_it().parse(body), body_line - 1, path, problems, said)
    blocks = tuple(block for element in elements for block in element.blocks)
    title = _title(front, elements, path)
    rules: tuple[Rule, ...] = ()
    if role == "topic":
        rules = tuple(_rules(elements, path, lines, problems, language))
        if not rules:
            problems.append(
                Diagnostic(
                    path,
                    min(body_line, len(lines)),
                    "page-no-rules",
                    said["page-no-rules"],
                    said["page-no-rules.fix"].format(),
                    "warning",
                )
            )
    page = Page(
        path=path,
        relative=relative,
        role=role,
        front_matter=front,
        title=title,
        language=language,
        rules=rules,
        blocks=blocks,
        source=text,
        body_line=body_line,
        confirms=tuple(setup.confirms),
    )
    glossary = parse_glossary(elements, path, problems, said) if role == "glossary" else ()
    return ParsedPage(page, glossary, problems)


def _title(front: FrontMatter | None, elements: list[_Element], path: Path) -> str:
    if front and front.title:
        return front.title
    for element in elements:
        if element.kind == "heading" and element.blocks and element.blocks[0].level == 1:
            return _split_heading(element.blocks[0].text)[0]
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


def _segments(children: list[Token]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for child in children:
        if child.type in ("text", "text_special"):
            segments.append(Segment("text", child.content))
        elif child.type == "code_inline":
            segments.append(Segment("code", child.content))
        elif child.type == "html_inline":
            segments.append(Segment("html", child.content))
        elif child.type in ("softbreak", "hardbreak"):
            segments.append(Segment("break", "\n"))
        elif child.type == "image":
            segments.append(Segment("text", child.content))
    merged: list[Segment] = []
    for segment in segments:  # join neighbouring text so sentences are not split by emphasis
        if merged and segment.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Segment("text", merged[-1].content + segment.content)
        else:
            merged.append(segment)
    return tuple(merged)


def _elements(
    tokens: list[Token], offset: int, path: Path, problems: list[Diagnostic], said: dict[str, str]
) -> list[_Element]:
    """Group tokens into top-level elements, each holding the blocks inside it."""
    elements: list[_Element] = []
    stack: list[str] = []  # the types of the tokens open around the current one
    heading_tag = ""  # the tag of the innermost open heading
    last_map: list[int] | None = None
    append_element = elements.append
    for token in tokens:
        kind = token.type
        nesting = token.nesting
        line_map = token.map
        if line_map:
            last_map = line_map
            if nesting >= 0 and token.level == 0 and kind in _ELEMENT_KINDS:
                append_element(_Element(token, _ELEMENT_KINDS[kind], line_map[0] + offset + 1, line_map[1] + offset))
        if nesting == 1:
            stack.append(kind)
            if kind == "heading_open":
                heading_tag = token.tag
            continue
        if nesting == -1:
            if stack:
                stack.pop()
            continue
        if not elements or kind not in _BLOCK_TOKENS:
            continue
        line_map = line_map or last_map or [0, 1]
        span = Span(path, line_map[0] + offset + 1, max(line_map[0] + 1, line_map[1]) + offset)
        if kind == "inline":
            level = 0
            if "td_open" in stack or "th_open" in stack:
                block_kind = "table_cell"
            elif "list_item_open" in stack:
                block_kind = "list_item"
            elif stack and stack[-1] == "heading_open":
                block_kind, level = "heading", int(heading_tag[1])
            elif "blockquote_open" in stack:
                block_kind = "blockquote_paragraph"
            else:
                block_kind = "paragraph"
            content = token.content
            elements[-1].blocks.append(Block(block_kind, span, content, _segments(token.children or []), level))
        elif kind in ("fence", "code_block"):
            elements[-1].blocks.append(Block("code", span, token.content))
        elif kind == "html_block":
            elements[-1].blocks.append(Block("html", span, token.content))
    return _merge_lazy_lists(elements, path, problems, said)


_BLOCK_TOKENS = frozenset(("inline", "fence", "code_block", "html_block"))  # the tokens that make a Block
_ELEMENT_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "table_open": "table",
    "blockquote_open": "blockquote",
    "hr": "hr",
}


def _merge_lazy_lists(
    elements: list[_Element], path: Path, problems: list[Diagnostic], said: dict[str, str]
) -> list[_Element]:
    """A list with no blank line before it, right after a paragraph, is paragraph text on the site."""
    merged: list[_Element] = []
    for element in elements:
        previous = merged[-1] if merged else None
        if (
            element.kind == "list"
            and previous is not None
            and previous.kind == "paragraph"
            and (previous.end + 1 == element.start)
        ):
            problems.append(
                Diagnostic(
                    path,
                    element.start,
                    "list-needs-blank-line",
                    said["list-needs-blank-line"],
                    said["list-needs-blank-line.fix"].format(line=element.start),
                )
            )
            paragraph = previous.blocks[0]
            markdown = "\n".join([paragraph.markdown, *(block.markdown for block in element.blocks)])
            segments = (
                *paragraph.segments,
                *(s for block in element.blocks for s in (Segment("break", "\n"), *block.segments)),
            )
            previous.blocks[0] = Block("paragraph", Span(path, previous.start, element.end), markdown, segments)
            previous.end = element.end
            continue
        merged.append(element)
    return merged


def _split_heading(text: str) -> tuple[str, str | None]:
    """'Title {#id}' -> ('Title', 'id'); without an attribute list the ID is None."""
    match = _ATTR_LIST.search(text)
    if not match:
        return text.strip().rstrip("#").strip(), None
    ids = _ID_IN_ATTRS.findall(match.group(1))
    return text[: match.start()].strip(), (ids[-1] if ids else None)


def _label(block: Block) -> str | None:
    """'do', 'dont' or 'why' when a paragraph is exactly a bold label such as ``**Do**``."""
    if block.kind != "paragraph":
        return None
    source = block.markdown.strip()
    match = re.fullmatch(r"(\*\*|__)(.+?)\1\s*:?", source)
    if not match:
        return None
    name = unicodedata.normalize("NFC", match.group(2)).strip().rstrip(":").strip().lower()
    return LABELS.get(name.replace("\u2019", "'"))


def _rules(
    elements: list[_Element], path: Path, lines: list[str], problems: list[Diagnostic], language: str
) -> list[Rule]:
    rules: list[Rule] = []
    sections: list[list[_Element]] = []
    for element in elements:
        heading_level = element.blocks[0].level if element.kind == "heading" and element.blocks else 0
        if heading_level and heading_level <= 2:
            sections.append([element] if heading_level == 2 else [])
        elif sections and sections[-1]:
            sections[-1].append(element)
    for section in sections:
        if section:
            rules.append(_rule(section, path, problems, language))
    return rules


def _rule(section: list[_Element], path: Path, problems: list[Diagnostic], language: str) -> Rule:
    heading_element, *content = section
    heading = heading_element.blocks[0]
    title, rule_id = _split_heading(heading.markdown)
    line = heading.span.start
    said = words(language, "check")  # the messages in the page's language

    def report(code: str, at: int = line, **values: str) -> None:
        message, fix = said[code].format(**values), said[f"{code}.fix"].format(**values)
        problems.append(Diagnostic(path, at, code, message, fix, "error"))

    if rule_id is None:
        example = slugify(title, "-")[:30].strip("-") or "topic-rule"
        report("rule-id-missing", title=title, example=example)
    elif not RULE_ID.match(rule_id):
        report("rule-id-invalid", rule_id=rule_id, example=slugify(rule_id, "-"))
    key_message: Block | None = None
    parts: dict[str, list[Block]] = {"do": [], "dont": [], "why": [], "detail": [], "faq": []}
    seen: dict[str, int] = {}
    pending: str | None = None
    in_faq = False
    faq_start: int | None = None
    faq_span: Span | None = None
    for index, element in enumerate(content):
        first = element.blocks[0] if element.blocks else None
        if element.kind == "html" and first is not None and FAQ_MARKER.match(first.markdown.strip()):
            in_faq, faq_start, faq_span = _faq_marker(
                first.markdown.strip(), element, rule_id, (in_faq, faq_start, faq_span), path, report
            )
            continue
        if in_faq:
            parts["faq"].extend(element.blocks)
            continue
        label = _label(first) if first is not None else None
        if label:
            if label in seen:
                report("rule-label-repeated", at=element.start, label=said[f"label.{label}"])
            seen[label] = element.start
            pending = label
            continue
        if pending in ("do", "dont"):
            if element.kind == "list":
                parts[pending].extend(b for b in element.blocks if b.kind == "list_item")
            else:
                report("rule-label-without-list", at=seen[pending], label=said[f"label.{pending}"])
                parts["detail"].extend(element.blocks)
            pending = None
            continue
        if pending == "why":
            pending = None
            if element.kind == "paragraph":
                parts["why"].extend(element.blocks)
                continue
        if index == 0 and element.kind == "paragraph":
            key_message = first
            continue
        parts["detail"].extend(element.blocks)
    if in_faq:
        report("faq-block-unclosed", at=faq_start or line, end=FAQ_END_MARKER)
    end = section[-1].end
    if key_message is None:
        report("rule-key-message-missing", title=title)
    for part in ("do", "dont"):
        if not parts[part]:
            report(f"rule-{part}-missing", at=seen.get(part) or line, title=title, label=said[f"label.{part}"])
    if not parts["why"]:
        report("rule-why-missing", title=title, label=said["label.why"])
    return Rule(
        id=rule_id,
        anchor=rule_id or slugify(title, "-"),
        title=title,
        span=Span(path, line, end),
        heading=heading,
        key_message=key_message,
        do=tuple(parts["do"]),
        dont=tuple(parts["dont"]),
        why=tuple(parts["why"]),
        detail=tuple(parts["detail"]),
        faq=tuple(parts["faq"]),
        faq_span=faq_span,
    )


def _faq_marker(
    marker: str,
    element: _Element,
    rule_id: str | None,
    state: tuple[bool, int | None, Span | None],
    path: Path,
    report: Callable[..., None],
) -> tuple[bool, int | None, Span | None]:
    """Follow one ``aup:faq`` marker: (inside a block, its first line, the closed block's span)."""
    in_faq, faq_start, faq_span = state
    begin = FAQ_START.match(marker)
    opening = FAQ_BEGIN_TEMPLATE.format(rule_id=rule_id or "RULE-ID")
    if begin and in_faq:
        report("faq-block-nested", at=element.start, end=FAQ_END_MARKER)
    elif begin and faq_span is not None:
        report("faq-block-repeated", at=element.start)
    elif begin and begin.group("rule") != rule_id:
        report(
            "faq-block-wrong-rule", at=element.start, other=begin.group("rule"), rule_id=str(rule_id), opening=opening
        )
    elif begin:
        return True, element.start, faq_span
    elif FAQ_END.match(marker) and in_faq and faq_start is not None:
        return False, None, Span(path, faq_start, element.end)
    elif FAQ_END.match(marker):
        report("faq-block-unmatched-end", at=element.start, end=FAQ_END_MARKER, opening=opening)
    else:
        report("faq-marker-malformed", at=element.start, opening=opening, end=FAQ_END_MARKER)
    return False, None, faq_span


_GLOSSARY_ITEM = re.compile(r"^(\*\*|__)(.+?)\1\s*:\s*(.+)$", re.DOTALL)


def parse_glossary(
    elements: list[_Element], path: Path, problems: list[Diagnostic], said: dict[str, str]
) -> tuple[GlossaryEntry, ...]:
    """Glossary entries: list items written ``- **Term**: definition``."""
    entries: list[GlossaryEntry] = []
    for element in elements:
        if element.kind != "list":
            continue
        for block in element.blocks:
            if block.kind != "list_item":
                continue
            match = _GLOSSARY_ITEM.match(block.markdown.strip())
            if not match:
                problems.append(
                    Diagnostic(
                        path,
                        block.span.start,
                        "glossary-entry-malformed",
                        said["glossary-entry-malformed"],
                        said["glossary-entry-malformed.fix"],
                        "warning",
                    )
                )
                continue
            definition = " ".join(match.group(3).split())
            entries.append(GlossaryEntry(match.group(2).strip(), definition, block.span))
    return tuple(entries)
