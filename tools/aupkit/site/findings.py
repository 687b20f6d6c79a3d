"""The findings that stop a site build: the linter's error-level findings (model problems included)."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..lint import Finding, lint_manual
from ..lint.cache import LintCache
from ..model import Manual


def blocking_findings(
    manual: Manual, config: Config, today: dt.date | None = None, *, cache: LintCache | None = None
) -> tuple[Finding, ...]:
    """Every error-level finding on the manual, in the linter's order."""
    report = lint_manual(manual, config, today=today, cache=cache)
    return tuple(finding for finding in report.findings if finding.severity == "error")


def lint_cache(config: Config) -> LintCache:
    """The same page cache ``aup lint`` uses, so an unchanged page is not scored again."""
    return LintCache.for_config(config)
