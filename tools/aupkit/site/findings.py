"""The findings that stop a site build: the linter's error-level findings (model problems included)."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..lint import Finding
from ..lint.cache import LintCache
from ..lint.files import lint_files


def blocking_findings(config: Config, today: dt.date | None = None, *, jobs: int | None = None) -> tuple[Finding, ...]:
    """Every error-level finding on the manual, read from disk; unchanged pages come from ``aup lint``'s cache."""
    cache = LintCache.for_config(config)
    report = lint_files(config, today=today, cache=cache, jobs=jobs, sentences=False)
    cache.save()
    return tuple(finding for finding in report.findings if finding.severity == "error")
