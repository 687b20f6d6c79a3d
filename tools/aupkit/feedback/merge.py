"""Decided feedback -> the manual: FAQ blocks, a changelog entry, version bumps. Planning is pure.

``plan_merge`` returns the new text of every file it would change and a unified
diff; ``apply_merge`` writes them atomically. Only three kinds of text change:
the managed blocks (``<!-- aup:faq begin RULE-ID -->`` under a rule,
``<!-- aup:changelog begin -->`` on the changelog page), the ``version:`` line of
affected pages' front matter, and the ``released:`` field of merged items.
A second run finds nothing pending and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Config
from ..errors import FeedbackError
from ..files import write_atomic
from ..languages import Voice, every
from ..languages import words as words_in
from ..model import Manual, Page, Rule, display_path, format_diagnostic
from ..model.parse import FAQ_END_MARKER
from .items import LEVELS, Item, Level
from .literal import Targets, answer_markdown, literal
from .store import Store, with_items

CHANGELOG_BEGIN = "<!-- aup:changelog begin (entries written by 'aup feedback merge'; newest first) -->"
CHANGELOG_END = "<!-- aup:changelog end -->"
_CHANGELOG_BEGIN = re.compile(r"^<!--\s*aup:changelog\s+begin\b.*-->\s*$", re.DOTALL)
_CHANGELOG_END = re.compile(r"^<!--\s*aup:changelog\s+end\s*-->\s*$")
_CHANGELOG_ANY = re.compile(r"^<!--\s*/?\s*aup:changelog\b")
_VERSION_LINE = re.compile(r"^(version\s*:\s*)(['\"]?)(\d+\.\d+\.\d+)\2(.*)$")
FAQ_NOTE = "(written by 'aup feedback merge' from the feedback folder: change answers there, not here)"

WORDS = every("merge")


@dataclass(frozen=True)
class FileChange:
    path: Path
    before: str
    after: str


@dataclass(frozen=True)
class MergePlan:
    """Everything a merge would change. Empty when nothing is pending."""

    version_before: str | None
    version_after: str | None
    changes: tuple[FileChange, ...]
    released: tuple[Item, ...]
    skipped: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.changes

    def diff(self) -> str:
        """A unified diff of every change, with paths as shown to the user."""
        return unified_diff(self.changes)


def unified_diff(changes: Iterable[FileChange]) -> str:
    """A unified diff of file changes (merge, decide), with paths as shown to the user."""
    parts = []
    for change in changes:
        name = display_path(change.path)
        parts.extend(
            difflib.unified_diff(
                change.before.splitlines(keepends=True),
                change.after.splitlines(keepends=True),
                "a/" + name.lstrip("/"),
                "b/" + name.lstrip("/"),
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in parts)


def bump(version: str, level: Level) -> str:
    major, minor, patch = (int(part) for part in version.split("."))
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def highest(levels: Iterable[Level]) -> Level:
    return max(levels, key=LEVELS.index)


def check_decisions(manual: Manual, store: Store) -> None:
    """Every rule named in the store exists; FeedbackError naming file:line and the closest IDs otherwise."""
    known = [rule.id for rule in manual.rules if rule.id]
    problems = []
    for item in store.items:
        if item.rule is not None and manual.rule(item.rule) is None:
            close = difflib.get_close_matches(item.rule, known, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else "run 'aup feedback status' to see the rule IDs"
            problems.append(
                f"{store.where(item.id)}: rule '{item.rule}' does not exist in the manual ({hint} "
                "Or leave 'rule:' empty)"
            )
    if problems:
        raise FeedbackError(f"{len(problems)} decision(s) name a rule that does not exist:", details=tuple(problems))


def plan_editions(
    manuals: Mapping[str, Manual], configs: Mapping[str, Config], store: Store, today: dt.date
) -> MergePlan:
    """The merge of a manual in several languages (the first is the source), as one plan.

    Each answer goes to the pages of the language its item is written in (``Item.language``; the source's when
    unknown). Every language gets the same new version and a changelog entry in its own words. A translated
    page whose source changed only in its version (or, for the changelog, by this merge's entry) stays current:
    its ``source_version`` follows; a source page that got new answers leaves its translation stale.
    """
    source, *others = manuals

    def belongs(language: str) -> Callable[[Item], bool]:
        return lambda item: (item.language if item.language in manuals else source) == language

    first = plan_merge(manuals[source], configs[source], store, today, belongs=belongs(source))
    plans = [first]
    for language in others:
        plans.append(plan_merge(
            manuals[language], configs[language], store, today, belongs=belongs(language),
            version_after=first.version_after, record=False, follows=(manuals[source], first),
        ))  # fmt: skip
    return MergePlan(
        first.version_before, first.version_after or next((p.version_after for p in plans if p.version_after), None),
        tuple(change for plan in plans for change in plan.changes), first.released,
        tuple(dict.fromkeys(warning for plan in plans for warning in plan.skipped)),
    )  # fmt: skip


def plan_merge(
    manual: Manual,
    config: Config,
    store: Store,
    today: dt.date,
    *,
    belongs: Callable[[Item], bool] = lambda item: True,
    version_after: str | None = None,
    record: bool = True,
    follows: tuple[Manual, MergePlan] | None = None,
) -> MergePlan:
    """The merge as new file texts; raises FeedbackError when the manual or a decision is not usable.

    For one language of several (``plan_editions``): ``belongs`` says which items' answers go on this
    manual's pages, ``version_after`` is the source's new version, ``record`` whether the store records the
    release, ``follows`` the source manual and its plan (to keep ``source_version`` of unchanged pages)."""
    check_decisions(manual, store)
    broken = [d for d in manual.diagnostics if d.code.startswith("faq-") or d.fatal]
    changelog = manual.page(config.changelog_page)
    home = manual.home
    if changelog is None:
        raise FeedbackError(
            f"{display_path(config.manual_path / config.changelog_page)}: the changelog page does not exist",
            details=("  create it (a page with front matter and a '# What's new' heading) or set changelog_page",),
        )
    if home is None:
        raise FeedbackError(f"{display_path(config.manual_path / config.home_page)}: the home page does not exist")
    changelog_block, block_problems = _changelog_block(changelog)
    if broken or block_problems:
        raise FeedbackError(
            "the manual has broken managed blocks or pages; merge changes nothing until they are fixed:",
            details=(
                *(f"  {format_diagnostic(d)}" for d in broken),
                *(f"  {problem}" for problem in block_problems),
                "  fix the marker by hand, or delete the whole block with its markers: merge writes it again",
            ),
        )
    skipped: list[str] = []
    releasing: list[Item] = []
    for item in store.items:
        if not item.pending:
            continue
        releasing.append(item)  # an answered item about no rule goes to the general FAQ on the home page
    targets = answer_targets(manual, config)
    wrong = _answer_problems(manual, store, releasing, targets)
    if wrong:
        raise FeedbackError(
            f"{len(wrong)} answer(s) use what the manual does not have; merge changes nothing until they are fixed:",
            details=(
                *(f"  {problem}" for problem in wrong),
                "  an answer may use **bold**, [text](#rule-id), [text](page.md) and the manual's {{ placeholders }}",
            ),
        )
    answered: dict[str, list[Item]] = {}
    releasing_ids = {item.id for item in releasing}
    here = [item for item in store.items if belongs(item)]  # the items whose answers go on this manual's pages
    for item in here:
        if item.status == "answered" and item.rule and (item.released or item.id in releasing_ids):
            answered.setdefault(item.rule, []).append(item)
    pending_rules = {item.rule for item in releasing if item.status == "answered" and belongs(item)}
    # A block that no longer matches its released answers (an answer corrected, an item withdrawn, a hand
    # edit inside the block) is written again: a patch, listed in the changelog.
    merged_before = {item.rule for item in here if item.released and item.rule}  # blocks merge wrote
    stale = {
        rule.id: page
        for page in manual.pages
        for rule in page.rules
        if rule.id in merged_before and rule.id not in pending_rules
        and _faq_current(page, rule) != _faq_expected(page, rule, answered, targets)
    }  # fmt: skip
    general = [
        item for item in here
        if item.status == "answered" and item.rule is None and (item.released or item.id in releasing_ids)
    ]  # fmt: skip
    general_block, general_problems = _general_block(home)
    if general_problems:
        raise FeedbackError("the home page's general FAQ block is broken; merge changes nothing:", details=tuple(
            f"  {problem}" for problem in general_problems
        ))  # fmt: skip
    general_now = home.source.split("\n")[general_block[0] - 1 : general_block[1]] if general_block else None
    general_expected = _general_lines(home, general, targets) if general else None
    general_stale = general_now != general_expected and not any(item.id in releasing_ids for item in general)
    if not releasing and not stale and not general_stale:
        return MergePlan(manual.version, None, (), (), tuple(skipped))
    version_before = _version(home)
    level = highest([*(item.level for item in releasing), *(["patch"] if stale or general_stale else [])])
    version_after = version_after or bump(version_before, level)
    changes: list[FileChange] = []
    for page in manual.pages:
        page_rules = {rule.id for rule in page.rules}
        levels = [item.level for item in releasing if item.rule in page_rules and belongs(item)]
        levels += ["patch"] * any(rule_id in page_rules for rule_id in stale)
        edits: list[tuple[int, int, list[str]]] = []
        if page is home:
            edits.append(_version_edit(page, version_after))
            if general_now != general_expected:
                edits.append(_general_edit(page, general_block, general_expected or []))
        elif page is changelog:
            edits.append(_version_edit(page, bump(_version(page), level)))
            entry = _changelog_entry(
                page, releasing, sorted(stale), manual, version_after, today, config.voice, targets, belongs
            )
            edits.append(_changelog_edit(page, changelog_block, entry))
        elif levels:
            edits.append(_version_edit(page, bump(_version(page), highest(levels))))
        if edits:  # a page the merge changes has been reviewed today: its next review counts from here
            edits += _reviewed_edit(page, today)
        for rule in page.rules:
            if rule.id in pending_rules or rule.id in stale:
                edits.append(_faq_edit(page, rule, answered.get(rule.id or "", []), targets))
        if follows is not None:
            edits += _follow_edit(page, *follows, is_changelog=page is changelog, home=page is home)
        if edits:
            after = _apply_edits(page.source, edits)
            if after != page.source:
                changes.append(FileChange(page.path, page.source, after))
    released = tuple(replace(item, released=version_after) for item in releasing)
    for path, text in (with_items(store, {item.id: item for item in released}) if record else {}).items():
        changes.append(FileChange(path, path.read_text(encoding="utf-8") if path.exists() else "", text))
    return MergePlan(version_before, version_after, tuple(changes), released, tuple(skipped))


_SOURCE_VERSION_LINE = re.compile(r"^(source_version\s*:\s*)(['\"]?)(\d+\.\d+\.\d+)\2(.*)$")


def _follow_edit(
    page: Page, source: Manual, plan: MergePlan, *, is_changelog: bool, home: bool
) -> list[tuple[int, int, list[str]]]:
    """A translated home page stays current when its source changed only in its version and review date, and
    the translated changelog always (this merge writes its entry in both languages): their source_version
    follows. Any other page whose source changed is left stale, for a person to translate."""
    original = source.page(page.relative)
    change = next((change for change in plan.changes if original and change.path == original.path), None)
    if original is None or change is None or original.version is None:
        return []
    before, after = change.before.split("\n"), change.after.split("\n")

    def bare(lines: list[str]) -> list[str]:
        return [line for line in lines if not _VERSION_LINE.match(line) and not _REVIEWED_LINE.match(line)]

    if not (is_changelog or home) or (home and bare(before) != bare(after)):
        return []  # the source page got new content: the translation is behind until someone translates it
    new_version = next((m.group(3) for line in after if (m := _VERSION_LINE.match(line))), None)
    front = page.front_matter
    for number, line in enumerate(page.source.split("\n")[: front.end_line if front and front.end_line else 0], 1):
        match = _SOURCE_VERSION_LINE.match(line)
        if match and match.group(3) == str(original.version) and new_version:
            prefix, quote, _, rest = match.groups()
            return [(number, number, [f"{prefix}{quote}{new_version}{quote}{rest}"])]
    return []


def apply_merge(plan: MergePlan, *, journal: Path | None = None) -> None:
    """Write the planned files as one change, keeping each file's line ends (LF or CRLF) and BOM.

    ``journal`` (``files.journal_path``) lets the next run finish or roll back a merge killed half-way.
    """
    texts = {}
    for change in plan.changes:
        text = change.after
        raw = change.path.read_bytes() if change.path.exists() else b""
        if b"\r\n" in raw:
            text = text.replace("\n", "\r\n")
        if raw.startswith(b"\xef\xbb\xbf"):
            text = "\ufeff" + text
        texts[change.path] = text
    write_atomic(texts, journal=journal)


def _version(page: Page) -> str:
    version = page.version
    if not version or not re.fullmatch(r"\d+\.\d+\.\d+", str(version)):
        raise FeedbackError(
            f"{display_path(page.path)}:1: the page has no version like 1.0.0 in its front matter",
            details=("  add 'version: 1.0.0' to the front matter; merge bumps it",),
        )
    return str(version)


def _version_edit(page: Page, version: str) -> tuple[int, int, list[str]]:
    lines = page.source.split("\n")
    front = page.front_matter
    last = front.end_line if front and front.end_line else min(len(lines), 40)
    for number in range(1, last + 1):
        match = _VERSION_LINE.match(lines[number - 1])
        if match:
            prefix, quote, _, rest = match.groups()
            return number, number, [f"{prefix}{quote}{version}{quote}{rest}"]
    raise FeedbackError(
        f"{display_path(page.path)}:1: no 'version:' line in the front matter", details=("  add 'version: 1.0.0'",)
    )


_REVIEWED_LINE = re.compile(r"^(last_reviewed\s*:\s*)(['\"]?)([^'\"#\s]*)\2(.*)$")


def _reviewed_edit(page: Page, today: dt.date) -> list[tuple[int, int, list[str]]]:
    """The page's ``last_reviewed`` set to ``today`` (none when the page has no such line: check reports it)."""
    lines = page.source.split("\n")
    front = page.front_matter
    last = front.end_line if front and front.end_line else 0
    for number in range(1, last + 1):
        match = _REVIEWED_LINE.match(lines[number - 1])
        if match:
            prefix, quote, _, rest = match.groups()
            return [(number, number, [f"{prefix}{quote}{today.isoformat()}{quote}{rest}"])]
    return []


def faq_lines(rule: Rule, items: Sequence[Item], language: str, answer: Callable[[str], str] = literal) -> list[str]:
    """The managed FAQ block for a rule: markers, then a question paragraph and an answer paragraph per item.

    The question is staff text, always literal; ``answer`` renders the reviewers' answer (the safe subset).
    """
    words = WORDS.get(language, WORDS["en"])
    lines = [f"<!-- aup:faq begin {rule.id} {FAQ_NOTE} -->", ""]
    for item in sorted(items, key=lambda item: (item.date, item.id)):
        lines += [f"**{words['question']}:** {literal(item.text)}", ""]
        lines += [f"**{words['answer']}:** {answer(item.answer)}", ""]
    return [*lines, FAQ_END_MARKER]


GENERAL_BEGIN = "<!-- aup:general-faq begin " + FAQ_NOTE + " -->"
GENERAL_END = "<!-- aup:general-faq end -->"
_GENERAL_BEGIN = re.compile(r"^<!--\s*aup:general-faq\s+begin\b.*-->\s*$")
_GENERAL_END = re.compile(r"^<!--\s*aup:general-faq\s+end\s*-->\s*$")


def _general_block(home: Page) -> tuple[tuple[int, int] | None, list[str]]:
    """The home page's general FAQ block as (first line, last line), and what is wrong with its markers."""
    begin = end = None
    problems = []
    for number, line in enumerate(home.source.split("\n"), start=1):
        if _GENERAL_BEGIN.match(line.strip()):
            if begin is not None:
                problems.append(f"{display_path(home.path)}:{number}: a second general FAQ block opens here")
            begin = number
        elif _GENERAL_END.match(line.strip()):
            if begin is None or end is not None:
                problems.append(f"{display_path(home.path)}:{number}: this closes no general FAQ block")
            end = number
    if begin is not None and end is None:
        problems.append(f"{display_path(home.path)}:{begin}: the general FAQ block never closes (add '{GENERAL_END}')")
    return ((begin, end) if begin is not None and end is not None else None), problems


def _general_lines(home: Page, items: Sequence[Item], targets: Targets) -> list[str]:
    """The general FAQ: answered questions about no single rule, on the home page, under their own heading."""
    words = WORDS.get(home.language, WORDS["en"])
    render = _answer_on(home, targets)
    lines = [GENERAL_BEGIN, "", f"## {words['general']}", ""]
    for item in sorted(items, key=lambda item: (item.date, item.id)):
        lines += [
            f"**{words['question']}:** {literal(item.text)}",
            "",
            f"**{words['answer']}:** {render(item.answer)}",
            "",
        ]
    return [*lines, GENERAL_END]


def _general_edit(home: Page, block: tuple[int, int] | None, lines: list[str]) -> tuple[int, int, list[str]]:
    if block is not None:
        return block[0], block[1], lines
    last = len(home.source.rstrip("\n").split("\n"))
    return last + 1, last, ["", *lines]


def answer_targets(manual: Manual, config: Config) -> Targets:
    """What answers may link to (the manual's rules and pages) and fill in (its placeholders)."""
    rules = {rule.id: (page.relative, rule.anchor) for page in manual.pages for rule in page.rules if rule.id}
    return Targets(rules, frozenset(page.relative for page in manual.pages), frozenset(config.placeholders()))


def _answer_on(page: Page, targets: Targets) -> Callable[[str], str]:
    return lambda text: answer_markdown(text, targets, page.relative)[0]


def _answer_problems(manual: Manual, store: Store, items: Sequence[Item], targets: Targets) -> list[str]:
    problems = []
    for item in items:
        page = manual.page_of(item.rule) if item.rule else manual.home
        if item.answer and page is not None:
            _, found = answer_markdown(item.answer, targets, page.relative)
            problems += [f"{store.where(item.id)}: the answer: {problem}" for problem in found]
    return problems


def _faq_current(page: Page, rule: Rule) -> list[str] | None:
    if rule.faq_span is None:
        return None
    return page.source.split("\n")[rule.faq_span.start - 1 : rule.faq_span.end]


def _faq_expected(page: Page, rule: Rule, answered: dict[str, list[Item]], targets: Targets) -> list[str] | None:
    items = answered.get(rule.id or "")
    return faq_lines(rule, items, page.language, _answer_on(page, targets)) if items else None


def _faq_edit(page: Page, rule: Rule, items: Sequence[Item], targets: Targets) -> tuple[int, int, list[str]]:
    span = rule.faq_span
    if not items:  # every answer withdrawn: the block goes, with the empty line before it
        assert span is not None
        blank_before = span.start > 1 and not page.source.split("\n")[span.start - 2].strip()
        return span.start - blank_before, span.end, []
    block = faq_lines(rule, items, page.language, _answer_on(page, targets))
    if span is not None:
        return span.start, span.end, block
    return rule.span.end + 1, rule.span.end, ["", *block]


def _changelog_block(page: Page) -> tuple[tuple[int, int] | None, list[str]]:
    """The changelog page's managed block as (begin line, end line), found through the model's HTML blocks."""
    begin = end = None
    problems = []
    for block in page.blocks:
        source = block.markdown.strip()
        if block.kind != "html" or not _CHANGELOG_ANY.match(source):
            continue
        where = f"{display_path(page.path)}:{block.span.start}"
        if _CHANGELOG_BEGIN.match(source) and begin is None:
            begin = block.span.start
        elif _CHANGELOG_END.match(source) and begin is not None and end is None:
            end = block.span.end
        else:
            problems.append(f"{where}: unexpected or repeated aup:changelog marker (keep one begin and one end)")
    if begin is not None and end is None:
        problems.append(f"{display_path(page.path)}:{begin}: the changelog block never closes (add '{CHANGELOG_END}')")
    return ((begin, end) if begin is not None and end is not None else None), problems


def _changelog_entry(
    page: Page,
    items: Sequence[Item],
    refreshed: Sequence[str],
    manual: Manual,
    version: str,
    today: dt.date,
    voice: str | Voice,
    targets: Targets,
    belongs: Callable[[Item], bool] = lambda item: True,
) -> list[str]:
    """A Keep a Changelog entry: accepted suggestions under Changed, answered questions under Added.

    In one language of several, the answers written in another language are not listed (they are not on this
    language's pages), and a suggestion in another language is named by its rule only, in this language."""
    words = words_in(page.language, "merge", voice)
    entry = [f"## [{version}] - {today.isoformat()}", ""]
    changed = [item for item in items if item.status == "accepted"]
    if changed or refreshed:
        entry += [f"### {words['changed']}", ""]
        lines = []
        for item in sorted(changed, key=lambda item: (item.rule or "", item.date, item.id)):
            link = _rule_link(manual, page, item.rule)
            if not belongs(item):
                lines.append("- " + words["changed_elsewhere"].format(rule=link or words["general"]))
                continue
            said = answer_markdown(item.answer, targets, page.relative)[0] if item.answer else literal(item.text)
            lines.append(f"- {link + ': ' if link else ''}{said}")
        lines += ["- " + words["updated"].format(rule=_rule_link(manual, page, rule_id)) for rule_id in refreshed]
        entry += [*dict.fromkeys(lines), ""]
    items = [item for item in items if belongs(item)]
    if not changed and not refreshed and not items:
        return [*entry, words["other_language"], ""]
    answers: dict[str, list[Item]] = {}
    for item in items:
        if item.status == "answered" and item.rule:
            answers.setdefault(item.rule, []).append(item)
    general = sorted(
        (item for item in items if item.status == "answered" and not item.rule), key=lambda item: (-item.count, item.id)
    )
    if answers or general:
        entry += [f"### {words['added']}", ""]
        if general and manual.home is not None:
            target = posixpath.relpath(manual.home.relative, posixpath.dirname(page.relative) or ".")
            link = f"[{literal(words['general'])}]({target})"
            question = literal(_shortened(general[0].text))
            entry.append("- " + words["general_answers"].format(page=link, count=len(general), question=question))
        for rule_id in sorted(answers):
            asked = sorted(answers[rule_id], key=lambda item: (-item.count, item.date, item.id))  # most asked first
            said = words["answers" if len(asked) == 1 else "answers_many"]
            question = literal(_shortened(asked[0].text))
            link = _rule_link(manual, page, rule_id)
            entry.append("- " + said.format(count=len(asked), rule=link, question=question))
        entry.append("")
    return entry


def _shortened(text: str, limit: int = 90) -> str:
    """A staff question on one line, cut at a word near ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _changelog_edit(page: Page, block: tuple[int, int] | None, entry: list[str]) -> tuple[int, int, list[str]]:
    """Put the entry at the top of the managed block, creating the block before the first section if needed."""
    lines = page.source.split("\n")
    if block is not None:
        inner = lines[block[0] : block[1] - 1]
        while inner and not inner[0].strip():
            inner = inner[1:]
        return block[0], block[1], [CHANGELOG_BEGIN, "", *entry, *inner, CHANGELOG_END]
    first_section = next((b.span.start for b in page.blocks if b.kind == "heading" and b.level == 2), None)
    if first_section is not None:
        return first_section, first_section - 1, [CHANGELOG_BEGIN, "", *entry, CHANGELOG_END, ""]
    last = len(lines)
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    return last + 1, last, ["", CHANGELOG_BEGIN, "", *entry, CHANGELOG_END]


def _rule_link(manual: Manual, from_page: Page, rule_id: str | None) -> str:
    if not rule_id:
        return ""
    rule, page = manual.rule(rule_id), manual.page_of(rule_id)
    if rule is None or page is None:
        return literal(rule_id)
    target = posixpath.relpath(page.relative, posixpath.dirname(from_page.relative) or ".")
    return f"[{literal(rule.title)}]({target}#{rule.anchor})"


def _apply_edits(text: str, edits: Sequence[tuple[int, int, list[str]]]) -> str:
    """Replace 1-based inclusive line ranges (start > end inserts before ``start``), bottom first."""
    lines = text.split("\n")
    for start, end, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        lines[start - 1 : end] = new
    return "\n".join(lines)
