"""What the linter returns: findings and scores, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..model import Severity

# Bump when the JSON shape of a LintReport changes (documented in docs/lint-json.md).
JSON_FORMAT_VERSION = 1

DATA = Path(__file__).parent / "data"  # the linter's shipped data: word rules, dictionary, report style


@dataclass(frozen=True)
class Finding:
    """One problem at ``path:line:column``; ``suggestion`` is a concrete rewrite when there is one."""

    path: Path
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    suggestion: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.line, self.column, self.code)


@dataclass(frozen=True)
class Counts:
    """The counts every readability formula is made of (textstat's own counting rules)."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    letters: int = 0
    polysyllables: int = 0  # words of 3+ syllables (SMOG)
    fog_words: int = 0  # 3+ syllables and not in the easy-word list (Gunning fog)
    hard_words: int = 0  # not in the easy-word list (Dale-Chall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (
            self.sentences, self.words, self.syllables, self.letters,
            self.polysyllables, self.fog_words, self.hard_words,
        )  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose with where it starts in the file, its counts and its Flesch-Kincaid grade."""

    text: str
    line: int
    column: int
    counts: Counts
    grade: float | None
    difficulty: str = "ok"  # ok, hard, very-hard (Hemingway-style)
    passage: int = 0  # index of the paragraph, list item or table cell it belongs to
    kind: str = "paragraph"  # that block's kind
    part: str | None = None  # inside a rule: key, do, dont, why, detail or faq


@dataclass(frozen=True)
class ScoredPart:
    """Scores of a rule, or of a whole page: textstat function name -> value (None when there is no text)."""

    name: str
    line: int
    counts: Counts
    title: str = ""
    metrics: dict[str, float | None] = field(default_factory=dict, hash=False, compare=False)


RuleRow = tuple[str, int, tuple[int, ...], str]  # a rule's ID (or anchor), line, Counts.astuple() and title


@dataclass(frozen=True)
class Target:
    """One threshold a page is held to, and whether it met it."""

    metric: str
    bound: str  # "max" or "min"
    value: float
    actual: float | None

    @property
    def met(self) -> bool:
        if self.actual is None:
            return True
        return self.actual <= self.value if self.bound == "max" else self.actual >= self.value


@dataclass(frozen=True)
class PageReport:
    """Per-page result: scores for the page and each rule, the sentences, and the targets."""

    path: Path
    relative: str
    title: str
    language: str
    audience: str | None
    metrics: dict[str, float | None]
    counts: Counts
    rule_rows: tuple[RuleRow, ...]  # plain tuples: cached for thousands of pages, read back fast
    sentences: tuple[Sentence, ...]
    targets: tuple[Target, ...]
    findings: tuple[Finding, ...]
    held_to_targets: bool = True  # False when the page has too few words to score fairly

    @cached_property
    def rules(self) -> tuple[ScoredPart, ...]:
        """Each rule's counts and scores (made on first use: the text output never needs them)."""
        from .metrics import scores

        return tuple(
            ScoredPart(name, line, Counts(*counts), title, scores(Counts(*counts), self.language))
            for name, line, counts, title in self.rule_rows
        )

    @property
    def meets_targets(self) -> bool:
        return not self.held_to_targets or all(target.met for target in self.targets)


@dataclass(frozen=True)
class LintReport:
    """The result of linting a manual: every finding (sorted) and every page's scores."""

    findings: tuple[Finding, ...]
    pages: tuple[PageReport, ...]
    metrics: dict[str, dict[str, float | None]] = field(default_factory=dict)  # language -> whole-manual scores
    fatal: bool = False  # a file could not be read as a page, or a rule ID is used twice

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)
