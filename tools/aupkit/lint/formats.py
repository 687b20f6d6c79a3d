"""LintReport -> text for people and for CI: text, json, github annotations, SARIF 2.1.0. Pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from .. import version
from ..languages import words
from ..model import display_path
from .checks import CODES
from .metrics import inflesz
from .types import JSON_FORMAT_VERSION, Finding, LintReport, PageReport

GITHUB_LIMIT = 10  # GitHub shows at most 10 annotations of each type per step
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SHOWN = {"en": ("flesch_kincaid_grade", "flesch_reading_ease"), "es": ("szigriszt_pazos", "fernandez_huerta")}
_SHORT = {
    "flesch_kincaid_grade": "grade",
    "flesch_reading_ease": "ease",
    "szigriszt_pazos": "szigriszt",
    "fernandez_huerta": "huerta",
}


def summary(report: LintReport) -> dict:
    counts = Counter(finding.severity for finding in report.findings)
    return {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "info": counts["info"],
        "pages": len(report.pages),
        "words": sum(page.counts.words for page in report.pages),
        "sentences": sum(page.counts.sentences for page in report.pages),
        "metrics": report.metrics,
        "pages_missing_targets": [page.relative for page in report.pages if not page.meets_targets],
    }


def summary_line(report: LintReport) -> str:
    data = summary(report)
    return summary_text(data["errors"], data["warnings"], data["info"], data["pages"], data["words"])


def summary_text(errors: int, warnings: int, info: int, pages: int, words: int) -> str:
    return f"aup lint: {errors} error(s), {warnings} warning(s), {info} info in {pages} page(s), {words} words"


def finding_text(finding: Finding) -> str:
    """A finding's text line after its path: ``:line:col: severity code: message (suggestion)``."""
    where = f":{finding.line}:{finding.column}" if finding.line else ""
    text = f"{where}: {finding.severity} {finding.code}: {finding.message}"
    return f"{text} ({finding.suggestion})" if finding.suggestion else text


def format_finding(finding: Finding, shown: str | None = None) -> str:
    """``path:line:col: severity code: message (suggestion)``; ``shown`` is the path as displayed, if known."""
    return (shown or display_path(finding.path)) + finding_text(finding)


def _band(name: str, value: float | None) -> str:
    """`` (INFLESZ normal)`` beside a Szigriszt-Pazos score, in the page's own language (Spanish)."""
    band = inflesz(value) if name == "szigriszt_pazos" else None
    return f" (INFLESZ {words('es', 'report')[f'inflesz.{band}']})" if band else ""


def _value(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def score_row(page: PageReport) -> tuple[str, ...]:
    """A page's row of the score table: words, sentences, the two headline scores and whether it meets the targets."""
    names = _SHOWN.get(page.language, _SHOWN["en"])
    scores = [f"{_SHORT[name]} {_value(page.metrics.get(name))}{_band(name, page.metrics.get(name))}" for name in names]
    met = ("met" if page.meets_targets else "MISSED") if page.held_to_targets else "too short to judge"
    return (page.relative, page.language, str(page.counts.words), str(page.counts.sentences), *scores, met)


def score_table(pages: Iterable[PageReport]) -> str:
    """One row per page (``score_row``) under a heading, in aligned columns."""
    return _table([score_row(page) for page in pages])


def _table(rows: list[tuple[str, ...]]) -> str:
    rows = [("page", "lang", "words", "sentences", "score 1", "score 2", "targets"), *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def text_output(files: Iterable[tuple[Path | str, Iterable[str]]], rows: list[tuple[str, ...]], summary: str) -> str:
    """The text format from its parts: each file's ``finding_text`` lines (in order), the score rows, the summary."""
    lines = []
    cwd = Path.cwd().resolve()
    for path, texts in files:
        shown = display_path(path, cwd)
        lines.extend([shown + text for text in texts])
    if rows:
        lines += ["", _table(rows)]
    lines += ["", summary]
    return "\n".join(lines).lstrip("\n") + "\n"


def as_text(report: LintReport) -> str:
    by_file = groupby(report.findings, key=attrgetter("path"))  # findings come file by file
    files = ((path, [finding_text(finding) for finding in findings]) for path, findings in by_file)
    return text_output(files, [score_row(page) for page in report.pages], summary_line(report))


def _metrics(values: dict[str, float | None]) -> dict[str, float | None]:
    return {name: None if value is None else round(value, 2) for name, value in values.items()}


def as_json(report: LintReport) -> str:
    """The documented JSON shape (docs/lint.md); ``version`` changes when it does."""
    data = {
        "version": JSON_FORMAT_VERSION,
        "findings": [
            {
                "path": display_path(f.path),
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
                "suggestion": f.suggestion,
            }
            for f in report.findings
        ],
        "pages": [
            {
                "path": display_path(page.path),
                "title": page.title,
                "language": page.language,
                "audience": page.audience,
                "words": page.counts.words,
                "sentences": page.counts.sentences,
                "metrics": _metrics(page.metrics),
                **({"inflesz": inflesz(page.metrics.get("szigriszt_pazos"))} if page.language == "es" else {}),
                "targets": [
                    {"metric": t.metric, "bound": t.bound, "value": t.value, "met": t.met} for t in page.targets
                ],
                "held_to_targets": page.held_to_targets,
                "rules": [{"id": r.name, "line": r.line, "metrics": _metrics(r.metrics)} for r in page.rules],
            }
            for page in report.pages
        ],
        "summary": {**summary(report), "metrics": {k: _metrics(v) for k, v in report.metrics.items()}},
    }
    return _dumps(data)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: LintReport) -> str:
    """GitHub Actions workflow commands, one per finding, then a summary (GitHub shows only 10 per type)."""
    command = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for finding in report.findings:
        props = [f"file={_escape_property(display_path(finding.path))}"]
        if finding.line:
            props += [f"line={finding.line}", f"col={finding.column}"]
        props.append(f"title={_escape_property('aup lint ' + finding.code)}")
        text = finding.message + (f" ({finding.suggestion})" if finding.suggestion else "")
        lines.append(f"::{command[finding.severity]} {','.join(props)}::{_escape_data(text)}")
    counts = Counter(command[f.severity] for f in report.findings)
    lines.append(summary_line(report))
    hidden = {kind: count - GITHUB_LIMIT for kind, count in counts.items() if count > GITHUB_LIMIT}
    if hidden:
        more = ", ".join(f"{count} more {kind}(s)" for kind, count in sorted(hidden.items()))
        lines.append(f"GitHub shows only {GITHUB_LIMIT} annotations of each type: {more} are in this log only.")
    return "\n".join(lines) + "\n"


def as_sarif(report: LintReport, root: Path) -> str:
    """SARIF 2.1.0 for code scanning; paths relative to ``root`` (the repository)."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    used = sorted({finding.code for finding in report.findings} | set(CODES))
    rules = [
        {
            "id": code,
            "shortDescription": {"text": CODES[code].description if code in CODES else f"aup check: {code}"},
            "defaultConfiguration": {"level": level[CODES[code].severity] if code in CODES else "error"},
        }
        for code in used
    ]
    index = {code: number for number, code in enumerate(used)}
    results = []
    for finding in report.findings:
        location: dict = {"artifactLocation": {"uri": _uri(finding.path, root), "uriBaseId": "%SRCROOT%"}}
        if finding.line:
            location["region"] = {"startLine": finding.line, "startColumn": max(1, finding.column)}
        text = finding.message + (f" ({finding.suggestion})" if finding.suggestion else "")
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": level[finding.severity],
                "message": {"text": text},
                "locations": [{"physicalLocation": location}],
            }
        )
    data = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aup lint",
                        "version": version(),
                        "informationUri": "https://github.com/aupkit/aupkit",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return _dumps(data)


def _uri(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()


def _dumps(data: dict) -> str:
    import json  # here: the text format, the one a re-run prints most, needs none

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# The one table of output formats: the CLI's --format choices and its dispatch both come from here.
# Each takes the report and the project folder (SARIF names files relative to it).
FORMATTERS: dict[str, Callable[[LintReport, Path], str]] = {
    "text": lambda report, root: as_text(report),
    "json": lambda report, root: as_json(report),
    "github": lambda report, root: as_github(report),
    "sarif": as_sarif,
}
FORMATS = tuple(FORMATTERS)
