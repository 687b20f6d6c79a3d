"""Translation status: how each language's pages stand against the source language's. Pure.

A translated page says which version of its source page it translates (``source_version`` in its
front matter). It is *up to date* when that is the source page's ``version``, *stale* when the source
has moved on since, *untracked* when it does not say, and *missing* when there is no such page.

Structural differences (a rule ID on one side only, a Do or Don't list of a different length, a
placeholder on one side only) are errors on a translation that claims to be up to date, and warnings
on one already known to be behind: an organisation publishes its source language first and
translates after. Stale and untracked pages are warnings unless ``stale_translations = "error"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..languages import words
from .load import display_path
from .parse import PLACEHOLDER
from .types import Diagnostic, Manual, Page, Severity

State = Literal["source", "up to date", "stale", "untracked", "missing"]
_ENTRY = re.compile(r"^##\s+\[?(\d+\.\d+\.\d+)\]?")


@dataclass(frozen=True)
class PageStatus:
    """One page in one language."""

    page: str  # file name under the language's folder
    language: str
    state: State
    version: str | None  # the page's own version (the source page's, for the source)
    source_version: str | None = None  # which source version a translation translates


@dataclass(frozen=True)
class Comparison:
    statuses: tuple[PageStatus, ...]
    diagnostics: tuple[Diagnostic, ...]


def compare_translations(manuals: dict[str, Manual], changelog_page: str, stale: Severity = "warning") -> Comparison:
    """Compare every translation in ``manuals`` (language -> manual, the source first) with the source."""
    (source_language, source), *translations = manuals.items()
    statuses = [PageStatus(p.relative, source_language, "source", p.version) for p in _ordered(source)]
    diagnostics: list[Diagnostic] = []
    changelog = source.page(changelog_page)
    for language, manual in translations:
        said = words(language, "check")
        for page in _ordered(source):
            translated = manual.page(page.relative)
            if translated is None:
                statuses.append(PageStatus(page.relative, language, "missing", None))
                diagnostics.append(
                    Diagnostic(
                        manual.root / page.relative,
                        0,
                        "translation-missing",
                        said["translation-missing"].format(language=language, page=page.relative),
                        said["translation-missing.fix"].format(source=_shown(page)),
                        stale,
                    )
                )
                continue
            state = _state(page, translated)
            statuses.append(PageStatus(page.relative, language, state, translated.version, _source_version(translated)))
            diagnostics += _page_problems(page, translated, state, said, changelog, stale)
        for page in manual.pages:
            if source.page(page.relative) is None:
                diagnostics.append(
                    Diagnostic(
                        page.path,
                        1,
                        "translation-extra",
                        said["translation-extra"].format(page=page.relative, source=source_language),
                        said["translation-extra.fix"].format(folder=_folder(source)),
                    )
                )
    return Comparison(tuple(statuses), tuple(sorted(diagnostics, key=lambda d: (str(d.path), d.line))))


def _ordered(manual: Manual) -> list[Page]:
    return sorted(manual.pages, key=lambda page: page.relative)


def _source_version(page: Page) -> str | None:
    return page.front_matter.source_version if page.front_matter else None


def _state(source: Page, translated: Page) -> State:
    translates = _source_version(translated)
    if translates is None:
        return "untracked"
    return "up to date" if translates == source.version else "stale"


def _page_problems(
    source: Page, translated: Page, state: State, said: dict[str, str], changelog: Page | None, stale: Severity
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    line = translated.front_matter.end_line if translated.front_matter else 1

    def add(code: str, at: int, severity: Severity, **values: str) -> None:
        found.append(
            Diagnostic(
                translated.path, at, code, said[code].format(**values), said[f"{code}.fix"].format(**values), severity
            )
        )

    version = source.version or "?"
    if state == "untracked":
        add("translation-untracked", line, stale, source=_shown(source), version=version)
    elif state == "stale":
        since = _changes_since(changelog, source, _source_version(translated) or "")
        add(
            "translation-stale",
            line,
            stale,
            translates=_source_version(translated) or "",
            source=_shown(source),
            version=version,
            changes="; ".join(since) or "-",
        )
    # Differences are expected while a translation is behind; on one that says it is current they are mistakes.
    differs: Severity = "error" if state == "up to date" else "warning"
    theirs = {rule.id: rule for rule in translated.rules if rule.id}
    ours = {rule.id: rule for rule in source.rules if rule.id}
    for rule_id, rule in ours.items():
        other = theirs.get(rule_id)
        if other is None:
            add("translation-rule-missing", line, differs, rule_id=rule_id, source=_shown(source))
            continue
        for part in ("do", "dont"):
            if len(getattr(rule, part)) != len(getattr(other, part)):
                add(
                    f"translation-{part}-count",
                    other.span.start,
                    differs,
                    rule_id=rule_id,
                    count=str(len(getattr(other, part))),
                    source_count=str(len(getattr(rule, part))),
                    source=_shown(source),
                )
    for rule_id, rule in theirs.items():
        if rule_id not in ours:
            add("translation-rule-extra", rule.span.start, "error", rule_id=rule_id, source=_shown(source))
    mine, yours = _placeholders(source), _placeholders(translated)
    for name in sorted(mine - yours):
        add("translation-placeholder-missing", line, differs, name=name, source=_shown(source))
    for name in sorted(yours - mine):
        add("translation-placeholder-extra", line, differs, name=name, source=_shown(source))
    return found


def _placeholders(page: Page) -> set[str]:
    return {match.group(1) for match in PLACEHOLDER.finditer(page.source)}


def _changes_since(changelog: Page | None, page: Page, translates: str) -> list[str]:
    """The source changelog's entries newer than ``translates`` that mention ``page``, as 'version: text'."""
    if changelog is None:
        return []
    found, version = [], None
    for line in changelog.source.split("\n"):
        entry = _ENTRY.match(line)
        if entry:
            version = entry.group(1)
        elif version and _newer(version, translates) and line.lstrip().startswith("- ") and f"{page.relative}" in line:
            found.append(f"{version}: {line.strip()[2:]}")
    return found


def _newer(version: str, than: str) -> bool:
    def key(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split(".") if part.isdigit())

    return key(version) > key(than)


def _shown(page: Page) -> str:
    """The source page as a reader finds it: ``manual/es/email.md``."""
    return display_path(page.path)


def _folder(manual: Manual) -> str:
    return display_path(manual.root)
