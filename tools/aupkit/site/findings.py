"""The findings that stop a site build: the linter's error-level findings (model problems included)."""

from __future__ import annotations

import datetime as dt

from ..config import Config
from ..lint import Finding, lint_manual
from ..model import Manual, load_manual


def blocking_findings(config: Config, today: dt.date | None = None, manual: Manual | None = None) -> tuple[Finding, ...]:
    """Every error-level finding on the manual (read from disk unless ``manual`` is given)."""
    report = lint_manual(manual or load_manual(config), config, today=today, sentences=False)
    return tuple(finding for finding in report.findings if finding.severity == "error")
