"""Inline suppression comments, read from the model's HTML blocks and inline HTML.

    <!-- aup-lint disable-next-line CODE [CODE...] -->   the next non-blank line
    <!-- aup-lint disable CODE [CODE...] -->             from here ...
    <!-- aup-lint enable CODE [CODE...] -->              ... to here (or the end of the page)

Without a code, a comment covers every code. A comment that suppresses
nothing, or names an unknown code, is itself reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..model import Page
from .prose import Locator
from .types import Finding

DIRECTIVE = re.compile(r"<!--\s*aup-lint\s+(disable-next-line|disable|enable)\b(.*?)-->", re.DOTALL)


@dataclass
class Directive:
    """One suppression comment: which codes it switches off, on which lines, and which it did switch off."""

    kind: str
    codes: frozenset[str]  # empty: every code
    line: int
    first: int = 0  # first line covered
    last: float = 0  # last line covered
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        return self.first <= finding.line <= self.last and (not self.codes or finding.code in self.codes)


def directives(page: Page, locator: Locator) -> list[Directive]:
    """Every aup-lint comment of the page, with the lines it covers."""
    found: list[Directive] = []
    for block in page.blocks:
        if block.kind == "html":
            for match in DIRECTIVE.finditer(block.markdown):
                line = block.span.start + block.markdown.count("\n", 0, match.start())
                end = block.span.start + block.markdown.count("\n", 0, match.end())
                found.append(_directive(match, line, end))
        else:
            for segment in block.segments:
                if segment.kind == "html" and (match := DIRECTIVE.search(segment.content)):
                    position = locator.find("aup-lint", block.span.start, 1, block.span.end)
                    line = position[0] if position else block.span.start
                    found.append(_directive(match, line, line))
    _set_ranges(found, locator.lines)
    return [d for d in found if d.kind != "enable"] + [d for d in found if d.kind == "enable"]


def _directive(match: re.Match[str], line: int, end: int) -> Directive:
    codes = frozenset(code for code in re.split(r"[\s,]+", match.group(2)) if code)
    directive = Directive(match.group(1), codes, line)
    directive.first = end  # provisional: where the comment ends
    return directive


def _set_ranges(found: list[Directive], lines: list[str]) -> None:
    for index, directive in enumerate(found):
        if directive.kind == "disable-next-line":
            target = directive.first + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            directive.first = directive.last = target
        elif directive.kind == "disable":
            directive.first = directive.line
            directive.last = math.inf
            for later in found[index + 1 :]:
                if later.kind == "enable" and (not later.codes or not directive.codes or later.codes & directive.codes):
                    directive.last = later.line
                    break


def apply(findings: list[Finding], page: Page, locator: Locator, known_codes: frozenset[str]) -> list[Finding]:
    """Drop suppressed findings; add one finding per useless or wrong comment."""
    active = directives(page, locator)
    kept: list[Finding] = []
    for finding in findings:
        covering = [d for d in active if d.kind != "enable" and d.covers(finding)]
        for directive in covering:
            directive.used.add(finding.code)
        if not covering:
            kept.append(finding)
    for directive in active:
        if directive.kind == "enable":
            continue
        unknown = sorted(directive.codes - known_codes)
        for code in unknown:
            kept.append(
                Finding(
                    page.path,
                    directive.line,
                    1,
                    "suppression-unknown-code",
                    "warning",
                    f"the aup-lint comment names '{code}', which is not a check",
                    "use a code from 'aup lint' output, for example sentence-long",
                )
            )
        idle = (
            sorted((directive.codes & known_codes) - directive.used)
            if directive.codes
            else ([] if directive.used else ["*"])
        )
        for code in idle:
            what = "any finding" if code == "*" else f"'{code}'"
            kept.append(
                Finding(
                    page.path,
                    directive.line,
                    1,
                    "suppression-unused",
                    "warning",
                    f"this aup-lint {directive.kind} comment does not suppress {what}",
                    "remove the comment, or move it next to the text it is meant for",
                )
            )
    return kept
