"""Lint files straight from disk, for the CLI: pages in parallel processes, unchanged files from the cache.

``lint_manual`` needs the whole manual parsed first, which is most of the time
on a large manual. Here each worker process parses and lints its own share of
the files (through the model's ``load_manual``), and a file whose bytes, and
everything else its result depends on, are unchanged since the last run is not
parsed at all. What spans pages is done once in the parent: the glossary's
acronyms before, duplicate rule IDs after.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import os
import pickle
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..config import Config
from ..model import load_manual, markdown_names
from . import metrics
from .cache import LintCache, code_digest, gc_paused
from .checks import defined_acronyms
from .engine import finding_from_diagnostic, page_report, settings_digest, validate, with_configured_severity
from .formats import as_text, finding_text, score_row, summary_text, text_output
from .rules import LANGUAGES, builtin_rules
from .types import Counts, Finding, LintReport, PageReport

PARALLEL_FROM = 40  # files to lint before worker processes pay for themselves
CHUNK_PAGES = 25  # pages a worker is given at a time


@dataclass(frozen=True)
class FileResult:
    """What one file contributes; cached (pickled on its own) beside its ``FileText``."""

    path: Path
    report: PageReport | None  # None when the file could not be read as a page
    orphans: tuple[Finding, ...]  # findings about a file that is not a page (binary, not UTF-8...)
    rule_ids: tuple[tuple[str, int], ...]
    next_review: dt.date | None
    overdue: bool  # whether the review was overdue on the day this was computed
    fatal: bool

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings if self.report is not None else self.orphans


class FileText(NamedTuple):
    """One file's share of the text output and of the run's totals; cached beside its ``FileResult``.

    A re-run that prints text reads only these: the thousands of findings of unchanged pages are
    never rebuilt as objects, and never formatted again.
    """

    lines: tuple[str, ...]  # its findings in order, each as ``formats.finding_text`` (the line without the path)
    row: tuple[str, ...] | None  # its score-table row (``formats.score_row``); None when the file is not a page
    severities: tuple[int, int, int]  # how many of its findings are errors, warnings, info
    words: int
    rule_ids: tuple[tuple[str, int], ...]
    next_review: dt.date | None
    overdue: bool
    fatal: bool


def _severities(findings: tuple[Finding, ...]) -> tuple[int, int, int]:
    """How many of ``findings`` are errors, warnings, info."""
    found = Counter(finding.severity for finding in findings)
    return found["error"], found["warning"], found["info"]


def file_text(result: FileResult) -> FileText:
    findings = result.findings
    report = result.report
    return FileText(
        lines=tuple(finding_text(finding) for finding in findings),
        row=score_row(report) if report is not None else None,
        severities=_severities(findings),
        words=report.counts.words if report is not None else 0,
        rule_ids=result.rule_ids,
        next_review=result.next_review,
        overdue=result.overdue,
        fatal=result.fatal,
    )


class _Entry:
    """A file in a run: its result (linted now, or unpickled from the cache when first asked) and its text."""

    __slots__ = ("_blob", "_result", "_text", "name")

    def __init__(
        self, name: str, result: FileResult | None = None, blob: bytes | None = None, text: FileText | None = None
    ) -> None:
        self.name, self._result, self._blob, self._text = name, result, blob, text  # name: str(path)

    def result(self) -> FileResult:
        if self._result is None:
            self._result = pickle.loads(self._blob)  # type: ignore[arg-type]
        return self._result

    def text(self) -> FileText:
        if self._text is None:
            self._text = file_text(self.result())
        return self._text

    def is_page(self) -> bool:
        return self._text.row is not None if self._result is None else self._result.report is not None  # type: ignore[union-attr]

    def facts(self) -> FileResult | FileText:
        """Whichever of the two is at hand: both carry the rule IDs, the review dates and ``fatal``."""
        return self._text if self._result is None else self._result  # type: ignore[return-value]

    def severities(self) -> tuple[int, int, int]:
        if self._text is not None:
            return self._text.severities
        return _severities(self.result().findings)


def _lint_chunk(
    files: list[Path], config: Config, acronyms: frozenset[str], today: dt.date, sentences: bool
) -> list[FileResult]:
    manual = load_manual(config, files)
    manual = dataclasses.replace(
        manual, diagnostics=tuple(d for d in manual.diagnostics if d.code != "rule-id-duplicate")
    )
    by_path = {page.path: page for page in manual.pages}
    results = []
    for file in files:
        page = by_path.get(file)
        diagnostics = [d for d in manual.diagnostics if d.path == file]
        if page is None:
            orphans = tuple(finding_from_diagnostic(d) for d in diagnostics)
            results.append(FileResult(file, None, orphans, (), None, False, any(d.fatal for d in diagnostics)))
            continue
        report = page_report(page, manual, config, today=today, acronyms=acronyms, keep_sentences=sentences)
        front = page.front_matter
        rule_ids = tuple((rule.id, rule.span.start) for rule in page.rules if rule.id)
        fatal = any(d.fatal for d in diagnostics)
        due = front.next_review if front else None
        results.append(FileResult(file, report, (), rule_ids, due, bool(due and due < today), fatal))
    return results


def _lint_chunk_in_worker(
    files: list[Path], config: Config, acronyms: frozenset[str], today: dt.date, sentences: bool
) -> tuple[list[FileResult], dict[str, dict[str, tuple[int, int, bool, bool, bool]]]]:
    """``_lint_chunk`` in a worker process, with the words it counted (for the parent's cache)."""
    marks = metrics.word_marks()
    results = _lint_chunk(files, config, acronyms, today, sentences)
    return results, metrics.known_words(since=marks)


def _glossary_acronyms(files: Sequence[str], config: Config) -> frozenset[str]:
    """The glossary's acronyms, the glossary found among ``files`` as the model finds it (by its role)."""
    name = Path(config.glossary_page).name
    candidates = [Path(file) for file in files if os.path.basename(file) == name]
    return defined_acronyms(load_manual(config, candidates)) if candidates else frozenset()


def _duplicates(files: list[tuple[str, tuple[tuple[str, int], ...]]], config: Config) -> list[Finding]:
    """Rule IDs (with their lines) used twice across files (by name), reported as the model reports them."""
    first_seen: dict[str, tuple[str, int]] = {}
    findings = []
    for file, rule_ids in files:
        for rule_id, line in rule_ids:
            if rule_id in first_seen:
                path, first_line = first_seen[rule_id]
                where = f"{path}:{first_line}"
                findings.append(
                    Finding(
                        Path(file),
                        line,
                        1,
                        "rule-id-duplicate",
                        "error",
                        f"the rule ID '{rule_id}' is already used at {where}",
                        "give this rule a new ID; keep the old one on the rule people already link to",
                    )
                )
            else:
                first_seen[rule_id] = (file, line)
    return with_configured_severity(findings, config)


def _key(common: hashlib._Hash, file: str, content: str) -> str:
    """Everything a file's result depends on: ``common`` (``_common_key``), its place and its content's digest."""
    digest = common.copy()
    digest.update(f"{file}\x00{content}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _common_key(settings: str, acronyms: str, sentences: bool) -> hashlib._Hash:
    """The part of every file's key that is the same for all files: the code and the settings."""
    digest = hashlib.sha256()
    for part in (code_digest(), settings, acronyms, str(sentences)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return digest


def _content_digest(file: str, cache: LintCache | None) -> str | None:
    """The SHA-256 of the file's bytes; None when it cannot be read (the model then reports why).

    The cache remembers it with the file's size, modification time and inode, so an unchanged file
    is not read again (as git's index does).
    """
    known = cache.content_digest(file) if cache is not None else None
    if known is not None:
        return known
    try:
        data = Path(file).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()
    if cache is not None:
        cache.note_content(file, digest)
    return digest


def lint_files(config: Config, paths: Sequence[Path] | None = None, **options: Any) -> LintReport:
    """Lint the manual folder (or ``paths``) from disk; same findings as ``lint_manual`` on the same files.

    ``options`` are ``lint_run``'s: ``today``, ``cache``, ``jobs``, ``sentences``.
    """
    return lint_run(config, paths, **options).report()


def lint_run(
    config: Config,
    paths: Sequence[Path] | None = None,
    *,
    today: dt.date | None = None,
    cache: LintCache | None = None,
    jobs: int | None = None,
    sentences: bool = True,
) -> LintRun:
    """``lint_files`` before its report is put together: ``LintRun.text()`` prints a re-run from cached text.

    ``cache`` reuses unchanged files' results; ``jobs`` is the number of worker processes (default: one per
    CPU); ``sentences=False`` leaves ``PageReport.sentences`` empty (only the HTML report needs them).
    """
    validate(config)
    today = today or dt.date.today()
    if paths is None:
        if not config.manual_path.is_dir():
            load_manual(config)  # raises the model's own message for a missing folder
        paths = [config.manual_path]
    names = markdown_names(paths)  # Paths are made only for the files to lint
    if not names:
        manual = load_manual(config, paths)
        return LintRun([], [finding_from_diagnostic(d) for d in manual.diagnostics], fatal=True)
    acronyms = _glossary_acronyms(names, config)
    entries: dict[str, _Entry] = {}
    keys: dict[str, str] = {}
    todo: list[Path] = []
    common = _common_key(settings_digest(config), " ".join(sorted(acronyms)), sentences) if cache is not None else None
    for name in names if cache is not None else ():
        content = _content_digest(name, cache)
        if content is None:
            todo.append(Path(name))  # the model reports it
            continue
        keys[name] = key = _key(common, name, content)
        cached = cache.lookup(key)
        if _usable(cached, today):
            entries[name] = _Entry(name, blob=cached[1], text=cached[0])  # type: ignore[index]
        else:
            todo.append(Path(name))
    if cache is None:
        todo = [Path(name) for name in names]  # no cache: every file is linted, none needs a key
    for result in _run(todo, config, acronyms, today, sentences, jobs):
        name = str(result.path)
        entry = entries[name] = _Entry(name, result)
        if cache is not None and name in keys:
            cache.store(keys[name], (entry.text(), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)))
    ordered = [entries[name] for name in names]
    duplicates = _duplicates([(entry.name, entry.facts().rule_ids) for entry in ordered], config)
    return LintRun(ordered, duplicates, fatal=any(entry.facts().fatal for entry in ordered) or bool(duplicates))


@dataclass
class LintRun:
    """The files of one run, in path order, and what spans files (rule IDs used twice)."""

    entries: list[_Entry]
    extra: list[Finding]  # findings beside the files' own: duplicate rule IDs, or why there is no file at all
    fatal: bool  # a file could not be read as a page, or a rule ID is used twice

    def report(self) -> LintReport:
        results = [entry.result() for entry in self.entries]
        findings = [finding for result in results for finding in result.findings]
        findings.extend(self.extra)
        reports = [result.report for result in results if result.report is not None]
        totals: dict[str, Counts] = defaultdict(Counts)
        for report in reports:
            totals[report.language] = totals[report.language] + report.counts
        if not self._in_order():
            names = {result.path: str(result.path) for result in results}  # str(path) once per file, not per finding
            findings.sort(key=lambda f: (names.get(f.path) or str(f.path), f.line, f.column, f.code))
        return LintReport(
            findings=tuple(findings),
            pages=tuple(reports),
            metrics={language: metrics.scores(counts, language) for language, counts in totals.items()},
            fatal=self.fatal,
        )

    def _in_order(self) -> bool:
        """Whether the findings, file after file, are already sorted: files in path order, each one's findings
        sorted (a page report's are), nothing else (a file that is not a page has findings of its own order)."""
        shown = [entry.name for entry in self.entries]
        return not self.extra and shown == sorted(shown) and all(entry.is_page() for entry in self.entries)

    def text(self) -> str:
        """``formats.as_text(self.report())``, from each file's cached text when the findings need no sorting."""
        if not self._in_order():
            return as_text(self.report())
        texts = [entry.text() for entry in self.entries]
        rows = [text.row for text in texts if text.row is not None]
        errors, warnings, info = (sum(text.severities[kind] for text in texts) for kind in range(3))
        summary = summary_text(errors, warnings, info, len(rows), sum(text.words for text in texts))
        files = [(entry.name, text.lines) for entry, text in zip(self.entries, texts, strict=True)]
        return text_output(files, rows, summary)

    def severities(self) -> Counter[str]:
        """How many findings of each severity the run has."""
        counts = Counter(finding.severity for finding in self.extra)
        for entry in self.entries:
            errors, warnings, info = entry.severities()
            counts.update(error=errors, warning=warnings, info=info)
        return counts


def _usable(cached: object, today: dt.date) -> bool:
    """A cached (FileText, pickled FileResult) that is still right today."""
    return (
        isinstance(cached, tuple)
        and len(cached) == 2
        and isinstance(cached[0], FileText)
        and isinstance(cached[1], bytes)
        and _still_valid(cached[0], today)
    )


def _still_valid(result: FileResult | FileText, today: dt.date) -> bool:
    """A cached result stays right until its review falls due (the overdue check depends on the day)."""
    return result.next_review is None or (result.next_review < today) == result.overdue


def _run(
    todo: list[Path], config: Config, acronyms: frozenset[str], today: dt.date, sentences: bool, jobs: int | None
) -> list[FileResult]:
    if not todo:
        return []
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(todo) < PARALLEL_FROM:
        with gc_paused():
            results = _lint_chunk(todo, config, acronyms, today, sentences)
            gc.freeze()  # as below
            return results
    from concurrent.futures import ProcessPoolExecutor  # here: a run that lints a few files needs no pool
    from multiprocessing import get_context

    metrics.warm_up()
    for language in LANGUAGES:
        builtin_rules(language)
    # Small chunks: the last one to finish keeps a worker busy while the other waits, so keep it short.
    size = max(1, min(CHUNK_PAGES, len(todo) // (workers * 4)))
    chunks = [todo[index : index + size] for index in range(0, len(todo), size)]
    results: list[FileResult] = []
    # The results are unpickled in this process (see gc_paused); the workers forked here inherit the pause,
    # which is safe: linting leaves no reference cycles behind (a test counts them).
    with gc_paused():
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            task = (config, acronyms, today, sentences)
            futures = [pool.submit(_lint_chunk_in_worker, chunk, *task) for chunk in chunks]
            for future in futures:
                chunk_results, words = future.result()
                results.extend(chunk_results)
                metrics.remember_words(words)
        gc.freeze()  # as LintCache.load: these results live until the end
    return results
