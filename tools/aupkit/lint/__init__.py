"""``aup lint``: plain-language checks and readability scores for the manual.

report = lint_manual(manual, config)        # every page
findings = lint_page(page, manual, config)  # one page
"""

from .engine import known_codes, lint_editions, lint_manual, lint_page, page_report
from .types import JSON_FORMAT_VERSION, Counts, Finding, LintReport, PageReport, ScoredPart, Sentence, Target

__all__ = [
    "JSON_FORMAT_VERSION", "Counts", "Finding", "LintReport", "PageReport", "ScoredPart", "Sentence", "Target",
    "known_codes", "lint_editions", "lint_manual", "lint_page", "page_report",
]  # fmt: skip
