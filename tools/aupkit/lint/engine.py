"""lint_page and lint_manual: the model in, findings and scores out. Pure: no printing, no files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from functools import cache

from ..config import Config
from ..errors import ConfigError
from ..languages import LANGUAGES, words
from ..model import Diagnostic, Manual, Page
from . import metrics
from .checks import (
    CODES,
    MODEL_CODES,
    acronym_findings,
    as_sentences,
    defined_acronyms,
    gerund_findings,
    page_targets,
    passive_findings,
    review_findings,
    score_sentences,
    se_passive_findings,
    sentence_findings,
    target_findings,
    word_findings,
)
from .prose import Locator, guess_language, passages
from .rules import builtin_rules, organisation_rules
from .suppress import apply
from .types import Counts, Finding, LintReport, PageReport


@cache
def known_codes() -> frozenset[str]:
    """Every code a finding can carry: lint checks, data rules and the model's diagnostics."""
    data = {rule.code for language in LANGUAGES for rule in builtin_rules(language).rules}
    return frozenset(CODES) | MODEL_CODES | data | {"word-banned", "term-preferred"}


def validate(config: Config) -> None:
    """Raise ConfigError naming every unknown code in ``[tool.aup.lint.checks]``."""
    if not config.lint.checks:
        return  # nothing to check, and no need to read every language's rules
    unknown = sorted(set(config.lint.checks) - known_codes())
    if unknown:
        where = config.source or "[tool.aup]"
        raise ConfigError(
            f"{where}: [tool.aup.lint.checks] names {len(unknown)} unknown check(s): {', '.join(unknown)}",
            details=(f"  known checks: {', '.join(sorted(known_codes()))}",),
        )


def finding_from_diagnostic(diagnostic: Diagnostic) -> Finding:
    return Finding(
        diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code,
        "error" if diagnostic.fatal else diagnostic.severity, diagnostic.message, diagnostic.fix,
    )  # fmt: skip


def with_configured_severity(findings: list[Finding], config: Config) -> list[Finding]:
    """Apply ``[tool.aup.lint.checks]``: another severity, or ``off`` to drop the finding."""
    checks = config.lint.checks
    if not checks:
        return findings
    result = []
    for finding in findings:
        severity = checks.get(finding.code, finding.severity)
        if severity == "off":
            continue
        result.append(finding if severity == finding.severity else _with_severity(finding, severity))
    return result


def _with_severity(finding: Finding, severity: str) -> Finding:
    return dataclasses.replace(finding, severity=severity)


def page_report(
    page: Page,
    manual: Manual,
    config: Config,
    *,
    today: dt.date | None = None,
    acronyms: frozenset[str] | None = None,
    keep_sentences: bool = True,
) -> PageReport:
    """Scores and findings for one page (its model diagnostics included).

    ``keep_sentences=False`` leaves ``PageReport.sentences`` empty (only the HTML report needs them).
    """
    lint = config.lint
    today = today or dt.date.today()
    found_passages = passages(page)
    language = page.language if page.language in LANGUAGES else "en"
    if not (page.front_matter and page.front_matter.language):
        language = guess_language(found_passages, language)
    locator = Locator(page)
    scored = score_sentences(found_passages, language, lint)
    findings: list[Finding] = [finding_from_diagnostic(d) for d in manual.diagnostics if d.path == page.path]
    said = words(language, "lint", config.voice)
    findings.extend(sentence_findings(page, scored, lint, said))
    word_rules = (*builtin_rules(language).rules, *organisation_rules(lint))
    findings.extend(word_findings(page, found_passages, word_rules, locator))
    if acronyms is None:
        acronyms = defined_acronyms(manual)
    known = acronyms | builtin_rules(language).known_acronyms | frozenset(lint.known_acronyms)
    findings.extend(acronym_findings(page, found_passages, known, locator, metrics.easy_words(language), said))
    findings.extend(passive_findings(page, found_passages, locator, language, said))
    findings.extend(se_passive_findings(page, found_passages, locator, language, said))
    findings.extend(gerund_findings(page, found_passages, locator, language, said))
    findings.extend(review_findings(page, today, said))

    page_rows: list[tuple[int, ...]] = []
    rule_rows: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for passage, scored_sentences in scored:
        rows = [sentence.counts.astuple() for sentence in scored_sentences]
        page_rows.extend(rows)
        if passage.rule_anchor:
            rule_rows[passage.rule_anchor].extend(rows)
    page_counts = _total(page_rows)
    rule_counts = {anchor: _total(rows) for anchor, rows in rule_rows.items()}
    page_scores = metrics.scores(page_counts, language)
    targets = page_targets(page, page_scores, lint, language)
    findings.extend(target_findings(page, targets, page_counts, lint, said))
    findings = apply(with_configured_severity(findings, config), page, locator, known_codes())
    rule_rows = tuple(
        (rule.id or rule.anchor, rule.span.start, rule_counts.get(rule.anchor, Counts()).astuple(), rule.title)
        for rule in page.rules
    )
    return PageReport(
        path=page.path,
        relative=page.relative,
        title=page.title,
        language=language,
        audience=page.front_matter.audience if page.front_matter else None,
        metrics=page_scores,
        counts=page_counts,
        rule_rows=rule_rows,
        sentences=as_sentences(scored) if keep_sentences else (),
        targets=targets,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        held_to_targets=page_counts.words >= lint.min_words,
    )


def _total(rows: list[tuple[int, ...]]) -> Counts:
    """The sum of sentences' counts (each as ``Counts.astuple``)."""
    return Counts(*map(sum, zip(*rows, strict=True))) if rows else Counts()


def lint_page(page: Page, manual: Manual, config: Config, *, today: dt.date | None = None) -> tuple[Finding, ...]:
    """Findings for one page, sorted by line ."""
    validate(config)
    return page_report(page, manual, config, today=today).findings


def lint_manual(manual: Manual, config: Config, *, today: dt.date | None = None, sentences: bool = True) -> LintReport:
    """Lint every page of the manual: the one way in, for the CLI, the site build and the preview.

    ``sentences`` keeps each page's scored sentences (only the HTML report shows them).
    """
    validate(config)
    acronyms = defined_acronyms(manual)
    reports = [
        page_report(page, manual, config, today=today, acronyms=acronyms, keep_sentences=sentences)
        for page in manual.pages
    ]
    page_paths = {page.path for page in manual.pages}
    orphans = [finding_from_diagnostic(d) for d in manual.diagnostics if d.path not in page_paths]
    findings = [finding for report in reports for finding in report.findings]
    findings.extend(with_configured_severity(orphans, config))
    totals: dict[str, Counts] = defaultdict(Counts)
    for report in reports:
        totals[report.language] = totals[report.language] + report.counts
    return LintReport(
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        pages=tuple(reports),
        metrics={language: metrics.scores(counts, language) for language, counts in totals.items()},
        fatal=bool(manual.fatal),
    )


def lint_editions(
    manuals: dict[str, Manual], config: Config, *, today: dt.date | None = None, sentences: bool = True
) -> LintReport:
    """Lint the manual in each of its languages (``load_editions``) as one report, each with its own targets."""
    reports = [
        lint_manual(manual, config.edition_of(language), today=today, sentences=sentences)
        for language, manual in manuals.items()
    ]
    if len(reports) == 1:
        return reports[0]
    return LintReport(
        findings=tuple(sorted((f for report in reports for f in report.findings), key=Finding.sort_key)),
        pages=tuple(page for report in reports for page in report.pages),
        metrics={language: scores for report in reports for language, scores in report.metrics.items()},
        fatal=any(report.fatal for report in reports),
    )
