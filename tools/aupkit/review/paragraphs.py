"""Manual -> the paragraphs a reviewer edits in Word, and an edited paragraph -> its new Markdown. Pure.

Each paragraph keeps the source lines it came from and, for every character a reader sees, where that
character is in the source. An edit to the text a reader sees is applied to those characters only, so the
Markdown around them (bold, links, list markers, heading IDs, placeholders) stays as it was.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..languages import words
from ..model import Block, Manual, Page, display_path, is_label

PLACEHOLDER = -1  # the offset of a character that a placeholder's value shows: not in the source
_MARKER = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+")
_HEADING_END = re.compile(r"[ \t]*(?:\{[^{}]*\})?[ \t]*#*[ \t]*$")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_ESCAPE = re.compile(r"([\\`*\[\]<])")
_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")


@dataclass(frozen=True)
class Run:
    """Text in one style: "", "bold", "italic", "code", "link" or "placeholder" (a setting's value: keep it)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the review document and where it comes from.

    ``key`` names it by place, not by line ("email.md#report-phishing/do/2"), so it survives edits elsewhere.
    ``offsets[i]`` is where the i-th character of ``text`` is in ``raw`` (``PLACEHOLDER`` for a setting's value).
    A ``protected`` paragraph (a list label, a rule's ID) is structure: an edit to it is refused.
    """

    key: str
    path: Path
    relative: str
    start: int
    end: int
    kind: str  # title, rule, rule-id, label, key, do, dont, why, detail, text
    rule_id: str | None
    runs: tuple[Run, ...]
    offsets: tuple[int, ...]
    raw: str
    content_end: int  # the offset in ``raw`` after the last character of content (before a heading's ID)
    protected: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def scope(self) -> str:
        """The part of the page it is in ("email.md#report-phishing/do"): its key without its position."""
        return self.key.rsplit("/", 1)[0]

    @property
    def is_item(self) -> bool:
        """A list item in the source (``- ...``, ``1. ...``, inside a quote or not)."""
        return bool(_ITEM.match(self.raw))

    @property
    def bookmark(self) -> str:
        """A hidden Word bookmark name (a leading underscore hides it; at most 40 characters)."""
        return "_aup_" + hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:20]


class EditProblem(ValueError):
    """An edit that cannot be applied without breaking the Markdown: the reason, in plain words."""


def paragraphs(manual: Manual, placeholders: dict[str, str], pages: tuple[Page, ...] | None = None) -> list[Paragraph]:
    """Every paragraph of ``pages`` (default: the manual's) a reviewer sees, in reading order."""
    found: list[Paragraph] = []
    for page in manual.pages if pages is None else pages:
        found.extend(page_paragraphs(page, placeholders))
    return found


def page_paragraphs(page: Page, placeholders: dict[str, str]) -> list[Paragraph]:
    lines = page.source.split("\n")
    parts: dict[int, tuple[str | None, str]] = {}
    faq: set[int] = set()
    for rule in page.rules:
        parts[id(rule.heading)] = (rule.id, "rule")
        for part, blocks in (
            ("key", (rule.key_message,) if rule.key_message else ()),
            ("do", rule.do), ("dont", rule.dont), ("why", rule.why), ("detail", rule.detail),
        ):  # fmt: skip
            for block in blocks:
                parts[id(block)] = (rule.id, part)
        faq.update(id(block) for block in rule.faq)  # written by 'aup feedback merge' from the store: not here
    said = words(page.language, "review")
    counts: dict[str, int] = {}
    found: list[Paragraph] = []
    current_rule: str | None = None
    for block in page.blocks:
        if block.kind not in ("heading", "paragraph", "list_item", "blockquote_paragraph") or id(block) in faq:
            continue
        rule_id, part = parts.get(id(block), (current_rule, "text"))
        if block.kind == "heading" and block.level == 1:
            part = "title"
        elif part == "rule":
            current_rule = rule_id
        elif is_label(block):
            part = "label"
        scope = f"{page.relative}#{rule_id or 'page'}/{part}"
        counts[scope] = counts.get(scope, -1) + 1
        paragraph = _paragraph(page, block, lines, f"{scope}/{counts[scope]}", part, rule_id, placeholders)
        found.append(paragraph)
        if part == "rule" and rule_id:
            found.append(
                Paragraph(
                    f"{page.relative}#{rule_id}/rule-id/0", page.path, page.relative, block.span.start,
                    block.span.start, "rule-id", rule_id, (Run(said["rule_id"], "label"), Run(rule_id)), (),
                    paragraph.raw, 0, protected=True,
                )
            )  # fmt: skip
    return found


def _paragraph(
    page: Page, block: Block, lines: list[str], key: str, kind: str, rule_id: str | None, values: dict[str, str]
) -> Paragraph:
    start, end = block.span.start, block.span.end
    while end > start and not lines[end - 1].strip():
        end -= 1  # the span may end on the blank line after the block
    raw = "\n".join(lines[start - 1 : end])
    ranges = _content_ranges(raw, block.kind)
    chars: list[tuple[str, int]] = []
    for index, (begin, stop) in enumerate(ranges):
        if index:
            chars.append((" ", ranges[index - 1][1]))  # a line break reads as a space; it maps to the newline
        chars.extend((raw[offset], offset) for offset in range(begin, stop))
    runs, offsets = _inline(chars, values)
    return Paragraph(
        key, page.path, page.relative, start, end, kind, rule_id, runs, offsets, raw,
        ranges[-1][1] if ranges else len(raw), protected=kind == "label",
    )  # fmt: skip


def _content_ranges(raw: str, kind: str) -> list[tuple[int, int]]:
    """Where the content of each source line is in ``raw``: without list markers, quote marks, indentation,
    a heading's hashes or its ``{#id}``."""
    ranges = []
    offset = 0
    for number, line in enumerate(raw.split("\n")):
        if kind == "heading":
            begin = _HEADING.match(line)
            head = begin.end() if begin else 0
            tail = _HEADING_END.search(line, head)
            stop = tail.start() if tail else len(line)
        else:
            head = _MARKER.match(line).end() if number == 0 else len(line) - len(line.lstrip(" \t>"))  # type: ignore[union-attr]
            stop = len(line.rstrip())
        if stop > head:
            ranges.append((offset + head, offset + stop))
        offset += len(line) + 1
    return ranges


def _inline(chars: list[tuple[str, int]], values: dict[str, str]) -> tuple[tuple[Run, ...], tuple[int, ...]]:
    """Markdown's inline syntax read off ``chars`` (character, offset): what a reader sees, run by run."""
    text = "".join(char for char, _ in chars)
    shown: list[tuple[str, int, str]] = []  # character, offset, style
    bold = italic = False
    index = 0
    while index < len(chars):
        char = text[index]
        style = "bold" if bold else "italic" if italic else ""
        if char == "\\" and index + 1 < len(text) and not text[index + 1].isalnum() and not text[index + 1].isspace():
            shown.append((text[index + 1], chars[index + 1][1], style))
            index += 2
            continue
        if char == "`":
            ticks = len(text[index:]) - len(text[index:].lstrip("`"))
            close = text.find("`" * ticks, index + ticks)
            if close > 0:
                shown.extend((text[k], chars[k][1], "code") for k in range(index + ticks, close))
                index = close + ticks
                continue
        if text.startswith("{{", index):
            close = text.find("}}", index)
            if close > 0:
                name = text[index + 2 : close].strip()
                value = values.get(name)
                if value is not None:
                    shown.extend((character, PLACEHOLDER, "placeholder") for character in value)
                    index = close + 2
                    continue
        if text.startswith(("**", "__"), index):
            bold = not bold
            index += 2
            continue
        if char == "*" or (char == "_" and _emphasis_underscore(text, index)):
            italic = not italic
            index += 1
            continue
        if char == "[":
            close = _link_end(text, index)
            if close is not None:
                inner_end, after = close
                inner = _inline(chars[index + 1 : inner_end], values)
                position = 0
                for run in inner[0]:
                    for character in run.text:
                        shown.append((character, inner[1][position], "link"))
                        position += 1
                index = after
                continue
        if text.startswith("<!--", index):  # a comment (aup's setup markers): not shown, kept as it is
            close = text.find("-->", index)
            index = close + 3 if close > 0 else len(text)
            continue
        if char == "<":
            tag = _TAG.match(text, index)
            if tag:
                index = tag.end()
                continue
        shown.append((char, chars[index][1], style))
        index += 1
    while shown and shown[0][0].isspace():  # beside a hidden comment: not the reader's text
        shown.pop(0)
    while shown and shown[-1][0].isspace():
        shown.pop()
    runs: list[Run] = []
    for character, _, style in shown:
        if runs and runs[-1].style == style:
            runs[-1] = Run(runs[-1].text + character, style)
        else:
            runs.append(Run(character, style))
    return tuple(runs), tuple(offset for _, offset, _ in shown)


def _emphasis_underscore(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not (before.isalnum() and after.isalnum())  # snake_case keeps its underscore


def _link_end(text: str, index: int) -> tuple[int, int] | None:
    """For ``[text](url)`` at ``index``: (where the text ends, where the link ends); else None."""
    depth = 0
    for position in range(index, len(text)):
        if text[position] == "[":
            depth += 1
        elif text[position] == "]":
            depth -= 1
            if depth == 0:
                if text.startswith("(", position + 1):
                    close = text.find(")", position + 2)
                    return (position, close + 1) if close > 0 else None
                return None
    return None


def edited(paragraph: Paragraph, new_text: str) -> str | None:
    """The paragraph's new source lines after the reader's text became ``new_text``; None: delete it.

    Raises ``EditProblem`` for an edit to structure (a label, a rule ID) or inside a setting's value.
    """
    old = paragraph.text
    if norm(old) == norm(new_text):
        return paragraph.raw
    if paragraph.protected or paragraph.kind == "rule-id":
        raise EditProblem(f"'{old}' is structure: edit the text around it, not it")
    if not new_text.strip():
        if paragraph.kind in ("title", "rule"):
            raise EditProblem("a page title or a rule's heading cannot be deleted here: delete the rule in git")
        return None
    if "{{" in new_text:
        raise EditProblem("'{{' starts a setting's placeholder: write it another way")
    lead = len(old) - len(old.lstrip())  # spaces around the text (beside a hidden comment) are not the reader's
    old_tokens, new_tokens = _TOKEN.findall(old.strip()), _TOKEN.findall(" ".join(new_text.split()))
    starts = [lead]
    for token in old_tokens:
        starts.append(starts[-1] + len(token))
    dropped: set[int] = set()
    inserted: dict[int, str] = {}
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        begin, stop = starts[i1], starts[i2]
        touched = paragraph.offsets[begin:stop]
        if PLACEHOLDER in touched or (
            begin == stop
            and 0 < begin < len(old)
            and paragraph.offsets[begin - 1] == paragraph.offsets[begin] == PLACEHOLDER
        ):
            raise EditProblem("the edit changes a setting's value (marked in grey): change it in pyproject.toml")
        dropped.update(touched)
        at = paragraph.offsets[begin] if begin < len(old) else paragraph.content_end
        if at == PLACEHOLDER:  # inserting just before a setting's value: before its '{{'
            at = paragraph.raw.rfind("{{", 0, _next_offset(paragraph, begin))
        text = "".join(new_tokens[j1:j2])
        if text:
            inserted[at] = inserted.get(at, "") + _ESCAPE.sub(r"\\\1", text)
    out: list[str] = []
    for offset, char in enumerate(paragraph.raw):
        out.append(inserted.pop(offset, ""))
        if offset not in dropped:
            out.append(char)
    out.append(inserted.pop(len(paragraph.raw), ""))
    result = "".join(out)
    return re.sub(r"(?<!\*)\*\*\*\*(?!\*)|(?<!_)____(?!_)", "", result)  # emphasis left empty


def _next_offset(paragraph: Paragraph, begin: int) -> int:
    """The first real source offset at or after display position ``begin`` (past a setting's value)."""
    for offset in paragraph.offsets[begin:]:
        if offset != PLACEHOLDER:
            return offset
    return paragraph.content_end


def norm(text: str) -> str:
    """Text with its runs of white space as one space: how texts from the manual and the document compare."""
    return " ".join(text.split())


def added_after(paragraph: Paragraph, text: str) -> str:
    """Source lines for a new paragraph the reviewer wrote after ``paragraph``: a list item if it is one."""
    if "{{" in text:
        raise EditProblem("'{{' starts a setting's placeholder: write it another way")
    clean = _ESCAPE.sub(r"\\\1", " ".join(text.split()))
    first = paragraph.raw.split("\n", 1)[0]
    marker = _MARKER.match(first)
    if paragraph.kind in ("do", "dont", "detail", "why") and marker and marker.group(0).strip():
        return marker.group(0) + clean
    return "\n" + clean


def where(paragraph: Paragraph) -> str:
    return f"{display_path(paragraph.path)}:{paragraph.start}"
