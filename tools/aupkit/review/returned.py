"""A returned review document -> the change it proposes to the manual: edits, refusals and comments. Pure.

Three texts meet for every paragraph: the one exported (``base``), the one in the manual now (``current``) and
the reviewer's. An edit applies when the manual's paragraph is still the exported one; when both changed, the
three texts are reported and nothing is applied there. Edits to structure (a label, a rule's ID, two
paragraphs joined) are reported and not applied. Everything else in the file stays byte for byte.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .docx import DocParagraph, ReturnedDocument
from .paragraphs import EditProblem, Paragraph, added_after, edited, norm, where

_ACKNOWLEDGED = re.compile(
    r"^\s*(ok(ay)?|done|fixed|agreed|thanks?( you)?|hecho|listo|resuelto|corregido|de acuerdo|gracias|vale|✓|✔|👍)"
    r"[\s.!]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Edit:
    """One paragraph's change: its new source lines (None: deleted) and paragraphs added after it."""

    paragraph: Paragraph
    before: str
    after: str
    lines: str | None
    added: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refused:
    """An edit not applied: where, why, and the texts involved (for a conflict: exported, now, reviewer's)."""

    where: str
    reason: str
    exported: str = ""
    current: str = ""
    reviewer: str = ""


@dataclass(frozen=True)
class ReviewComment:
    """A reviewer's comment that asks or leaves an open point; the rule it is about, if any."""

    text: str
    rule: str | None
    key: str
    date: str


@dataclass
class Plan:
    files: dict[Path, str] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    comments: list[ReviewComment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def diff(self, sources: dict[Path, str], relative: dict[Path, str]) -> str:
        """A unified diff of every changed file, as ``git diff`` shows one."""
        out = []
        for path, text in self.files.items():
            name = relative.get(path, path.name)
            out.extend(
                difflib.unified_diff(
                    sources[path].splitlines(keepends=True), text.splitlines(keepends=True),
                    f"a/{name}", f"b/{name}",
                )
            )  # fmt: skip
        return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def plan_review(
    document: ReturnedDocument,
    exported: Sequence[Paragraph],
    current: Sequence[Paragraph],
    sources: dict[Path, str],
    *,
    author: str,
) -> Plan:
    """What the returned document changes. ``exported``: the paragraphs as exported (the current ones when the
    export cannot be rebuilt); ``sources``: the text of every file the paragraphs come from."""
    plan = Plan()
    base = {paragraph.key: paragraph for paragraph in exported}
    now = {paragraph.key: paragraph for paragraph in current}
    order = list(base)
    by_bookmark = {paragraph.bookmark: paragraph.key for paragraph in exported}
    by_text: dict[str, list[str]] = {}
    for paragraph in exported:
        by_text.setdefault(norm(paragraph.text), []).append(paragraph.key)
    had_bookmarks = any(name in by_bookmark for p in document.paragraphs for name in p.bookmarks)

    placed: list[tuple[DocParagraph, str | None]] = []  # doc paragraph, key (None: not placed yet)
    seen: set[str] = set()
    for paragraph in document.paragraphs:
        keys = list(dict.fromkeys(by_bookmark[name] for name in paragraph.bookmarks if name in by_bookmark))
        if len(keys) > 1:
            for key in keys:
                seen.add(key)
                plan.refused.append(Refused(where(base[key]), "two paragraphs were joined into one: not applied"))
            placed.append((paragraph, "joined"))
            continue
        key = keys[0] if keys else None
        if key is None and not had_bookmarks:
            matches = [k for k in by_text.get(norm(paragraph.before), []) if k not in seen]
            key = matches[0] if len(matches) == 1 else None
        if key is not None and key in seen:
            key = None  # a copy of a paragraph: read as new text
        if key is not None:
            seen.add(key)
        placed.append((paragraph, key))
    _align(placed, order, seen)

    started = False
    last: str | None = None
    added: dict[str, list[str]] = {}
    texts: dict[str, DocParagraph] = {}
    for paragraph, key in placed:
        if key == "joined":
            continue
        if key is not None:
            started, last = True, key
            texts[key] = paragraph
        elif not started:
            continue  # the instructions and the scores before the manual's first page
        elif not norm(paragraph.before) and norm(paragraph.after) and last is not None:
            added.setdefault(last, []).append(paragraph.after)
        elif norm(paragraph.after) or norm(paragraph.before):
            plan.unplaced.append(paragraph.after.strip() or paragraph.before.strip())
    if started and had_bookmarks:
        first, final = order.index(min(texts, key=order.index)), order.index(max(texts, key=order.index))
        for key in order[first : final + 1]:
            if key not in seen:  # no trace left in the document: deleted (changes accepted without tracking)
                texts[key] = DocParagraph(-1, (), base[key].text, "", False, True)
    elif started:
        missing = [key for key in order if key not in seen and not base[key].protected]
        if missing:
            plan.notes.append(
                f"{len(missing)} paragraph(s) were not found in the returned document (it lost aup's bookmarks); "
                "they are left as they are"
            )

    for key in order:
        paragraph = texts.get(key)
        if paragraph is None:
            continue
        counterpart = _counterpart(base[key], now, current)
        new = added.get(key, [])
        if counterpart is not None and new:  # imported before: the new paragraphs are there already
            there = {norm(p.text) for p in current if p.scope == counterpart.scope}
            new = [text for text in new if norm(text) not in there]
        _decide(plan, key, paragraph, base[key], counterpart, new)
    plan.files = _apply(plan.edits, sources)
    plan.comments = _comments(document, placed, base, author)
    return plan


def _align(placed: list[tuple[DocParagraph, str | None]], order: list[str], seen: set[str]) -> None:
    """Pair paragraphs left unplaced with exported ones left unseen between the same two placed neighbours,
    when both runs have the same length (an edited paragraph whose bookmark was lost)."""
    index = 0
    while index < len(placed):
        if placed[index][1] is not None or not norm(placed[index][0].before):
            index += 1
            continue
        end = index
        while end < len(placed) and placed[end][1] is None and norm(placed[end][0].before):
            end += 1
        before = next((key for _, key in reversed(placed[:index]) if key not in (None, "joined")), None)
        after = next((key for _, key in placed[end:] if key not in (None, "joined")), None)
        low = order.index(before) + 1 if before else 0
        high = order.index(after) if after else len(order)
        unseen = [key for key in order[low:high] if key not in seen]
        if before is not None and len(unseen) == end - index:
            for offset, key in enumerate(unseen):
                placed[index + offset] = (placed[index + offset][0], key)
                seen.add(key)
        index = end


def _counterpart(base: Paragraph, now: dict[str, Paragraph], current: Sequence[Paragraph]) -> Paragraph | None:
    """The paragraph in the manual now that was ``base`` when exported: the same place and text, else the same
    text in the same part of the same rule (items were added or deleted around it), else the same place."""
    same = now.get(base.key)
    if same is not None and norm(same.text) == norm(base.text):
        return same
    moved = [p for p in current if p.scope == base.scope and norm(p.text) == norm(base.text)]
    return moved[0] if len(moved) == 1 else same


def _decide(
    plan: Plan, key: str, paragraph: DocParagraph, base: Paragraph, current: Paragraph | None, added: list[str]
) -> None:
    if paragraph.mark_deleted and norm(paragraph.after):
        plan.refused.append(Refused(where(base), "the paragraph was joined with the next one: not applied"))
        return
    reviewer = "" if paragraph.mark_deleted else paragraph.after
    if norm(reviewer) == norm(base.text) and not added:
        return
    if not added and (
        (current is None and not reviewer) or (current is not None and norm(current.text) == norm(reviewer))
    ):
        return  # the manual already says what the reviewer wrote (imported before, or changed the same way)
    if current is None:
        plan.refused.append(
            Refused(where(base), "the paragraph is no longer in the manual", base.text, "", reviewer or "(deleted)")
        )
        return
    if norm(current.text) != norm(base.text):
        plan.refused.append(
            Refused(
                where(current), "changed in the manual since the export, and by the reviewer: not applied",
                base.text, current.text, reviewer or "(deleted)",
            )
        )  # fmt: skip
        return
    try:
        lines = edited(current, reviewer)
        extra = tuple(added_after(current, text) for text in added)
    except EditProblem as problem:
        plan.refused.append(Refused(where(current), str(problem), base.text, current.text, reviewer or "(deleted)"))
        return
    if lines is None and extra:
        plan.refused.append(Refused(where(current), "a deleted paragraph has new text after it: not applied"))
        return
    plan.edits.append(Edit(current, base.text, reviewer, lines, extra))


def _apply(edits: list[Edit], sources: dict[Path, str]) -> dict[Path, str]:
    """Each changed file's new text; lines no edit touches stay byte for byte."""
    files: dict[Path, str] = {}
    for path in dict.fromkeys(edit.paragraph.path for edit in edits):
        lines = sources[path].split("\n")
        for edit in sorted((e for e in edits if e.paragraph.path == path), key=lambda e: -e.paragraph.start):
            start, end = edit.paragraph.start - 1, edit.paragraph.end
            new = [] if edit.lines is None else edit.lines.split("\n")
            for text in edit.added:
                new.extend(text.split("\n") if not text.startswith("\n") else ["", *text[1:].split("\n")])
            alone = end < len(lines) and not lines[end].strip() and (start == 0 or not lines[start - 1].strip())
            if edit.lines is None and not edit.paragraph.is_item and alone:
                end += 1  # the blank line after a deleted paragraph
            lines[start:end] = new
        files[path] = "\n".join(lines)
    return {path: text for path, text in files.items() if text != sources[path]}


def _comments(
    document: ReturnedDocument, placed: list[tuple[DocParagraph, str | None]], base: dict[str, Paragraph], author: str
) -> list[ReviewComment]:
    """The reviewer's comments and replies that ask something or leave a point open (not resolved, not 'ok')."""
    anchored: dict[str, str] = {}
    for paragraph, key in placed:
        for identifier in paragraph.comments:
            if key not in (None, "joined"):
                anchored.setdefault(identifier, key)
    found = []
    for identifier, comment in document.comments.items():
        if comment.author == author or identifier in document.done or not comment.text.strip():
            continue
        parent = document.parents.get(identifier)
        if parent in document.done or _ACKNOWLEDGED.match(comment.text):
            continue
        key = anchored.get(identifier) or (anchored.get(parent) if parent else None) or ""
        rule = base[key].rule_id if key in base else None
        found.append(ReviewComment(comment.text.strip(), rule, key, comment.date))
    return found
