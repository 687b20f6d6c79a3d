"""The immutable document model: Manual -> Page -> Rule, each with its source span.

Lines are 1-based and inclusive, counted in the file as it is on disk (front
matter included), so ``path:line`` in any message opens the right place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


@dataclass(frozen=True)
class Span:
    """Where something is: a file and an inclusive range of 1-based lines."""

    path: Path
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.path}:{self.start}"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading the manual.

    ``fatal`` problems (broken YAML, bad encoding, duplicate rule IDs...) mean
    the model cannot be trusted: commands that need the manual stop with exit
    code 3. The others are findings that ``aup check`` and ``aup lint`` report.
    """

    path: Path
    line: int
    code: str
    message: str
    fix: str
    severity: Severity = "error"
    fatal: bool = False
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} ({self.fix})"


@dataclass(frozen=True)
class Segment:
    """A piece of inline content: ``text``, ``code`` (inline code), ``html``, ``break``."""

    kind: Literal["text", "code", "html", "break"]
    content: str


@dataclass(frozen=True)
class Block:
    """One block of content: a heading, a paragraph, a list item, a table cell, code...

    ``kind`` is one of ``heading``, ``paragraph``, ``list_item``, ``table_cell``,
    ``code``, ``html``, ``blockquote_paragraph``. ``markdown`` is the inline
    source (or the raw text for code and html); ``segments`` split it into
    plain text and what prose checks must skip.
    """

    kind: str
    span: Span
    markdown: str
    segments: tuple[Segment, ...] = ()
    level: int = 0

    @property
    def text(self) -> str:
        """Plain text as a reader sees it (inline code kept, HTML tags dropped)."""
        parts = []
        for segment in self.segments:
            if segment.kind == "break":
                parts.append(" ")
            elif segment.kind != "html":
                parts.append(segment.content)
        return "".join(parts).strip() if self.segments else self.markdown.strip()

    @property
    def is_prose(self) -> bool:
        return self.kind not in ("code", "html")


@dataclass(frozen=True)
class Rule:
    """A level-2 heading with an explicit ID and its structured parts.

    ``anchor`` is the ID the site will give the heading: the explicit ID, or
    the slug MkDocs derives when the ID is missing (``id`` is then ``None``).
    """

    id: str | None
    anchor: str
    title: str
    span: Span
    heading: Block
    key_message: Block | None
    do: tuple[Block, ...]
    dont: tuple[Block, ...]
    why: tuple[Block, ...]
    detail: tuple[Block, ...]
    faq: tuple[Block, ...] = ()
    faq_span: Span | None = None  # the managed FAQ block, from its begin marker line to its end marker line

    @property
    def blocks(self) -> tuple[Block, ...]:
        key = (self.key_message,) if self.key_message else ()
        return (*key, *self.do, *self.dont, *self.why, *self.detail, *self.faq)


@dataclass(frozen=True)
class ReviewPeriod:
    """How often a page is reviewed: ``review_every: 12 months``."""

    amount: int
    unit: Literal["days", "weeks", "months", "years"]

    def after(self, day: dt.date) -> dt.date:
        """The date one period after ``day`` (month ends clamp: 31 Jan + 1 month = 28/29 Feb)."""
        if self.unit == "days":
            return day + dt.timedelta(days=self.amount)
        if self.unit == "weeks":
            return day + dt.timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "years" else 1)
        month_index = day.month - 1 + months
        year, month = day.year + month_index // 12, month_index % 12 + 1
        for last_day in (day.day, 30, 29, 28):
            try:
                return dt.date(year, month, min(day.day, last_day))
            except ValueError:
                continue
        raise AssertionError("unreachable: day 28 exists in every month")

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {unit}"


@dataclass(frozen=True)
class FrontMatter:
    """The validated front matter of a page. Missing or invalid values are ``None``."""

    title: str | None
    owner: str | None = None
    version: str | None = None
    last_reviewed: dt.date | None = None
    review_every: ReviewPeriod | None = None
    summary: str | None = None
    audience: str | None = None
    language: str | None = None
    source_version: str | None = None  # a translated page: the version of the source-language page it translates
    raw: dict = field(default_factory=dict, compare=False, hash=False)
    line: int = 1
    end_line: int = 0

    @property
    def next_review(self) -> dt.date | None:
        if self.last_reviewed and self.review_every:
            return self.review_every.after(self.last_reviewed)
        return None


PageRole = Literal["home", "topic", "glossary", "changelog"]


@dataclass(frozen=True)
class Page:
    """One Markdown file of the manual."""

    path: Path
    relative: str
    role: PageRole
    front_matter: FrontMatter | None
    title: str
    language: str
    rules: tuple[Rule, ...]
    blocks: tuple[Block, ...]
    source: str = field(repr=False)
    body_line: int = 1
    # Statements to confirm: (line, key) of each '<!-- aup:confirm KEY -->' (model.setup).
    confirms: tuple[tuple[int, str], ...] = ()

    @property
    def span(self) -> Span:
        return Span(self.path, 1, max(1, self.source.count("\n") + 1))

    @property
    def version(self) -> str | None:
        return self.front_matter.version if self.front_matter else None


@dataclass(frozen=True)
class GlossaryEntry:
    """A term the glossary page defines, where it defines it."""

    term: str
    definition: str
    span: Span


@dataclass(frozen=True)
class Manual:
    """The whole manual, read once. ``diagnostics`` holds every problem found reading it."""

    root: Path
    pages: tuple[Page, ...]
    glossary: tuple[GlossaryEntry, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def rules(self) -> Iterator[Rule]:
        for page in self.pages:
            yield from page.rules

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def page_of(self, rule_id: str) -> Page | None:
        return next((page for page in self.pages for rule in page.rules if rule.id == rule_id), None)

    def page(self, relative: str) -> Page | None:
        return next((page for page in self.pages if page.relative == relative), None)

    @property
    def topics(self) -> tuple[Page, ...]:
        """Topic pages in the one order the site's navigation and the deck both use: by folder, then title."""
        topics = (page for page in self.pages if page.role == "topic")
        return tuple(sorted(topics, key=lambda page: (page.relative.rpartition("/")[0], page.title.casefold())))

    @property
    def home(self) -> Page | None:
        return next((page for page in self.pages if page.role == "home"), None)

    @property
    def version(self) -> str | None:
        """The manual's version: the home page's ``version``."""
        return self.home.version if self.home else None

    @property
    def fatal(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.fatal)
