"""``aup build``: check the manual, make the deck, build the site into a temporary folder, then swap it in.

A failed build never touches the published folder: MkDocs writes into a
sibling temporary folder, which replaces ``site/`` only when everything passed.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import multiprocessing.process
import os
import re
import shutil
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..config import Config
from ..errors import EXIT_FINDINGS, AupError, ConfigError
from ..lint import Finding
from ..lint.formats import format_finding
from ..model import Manual, display_path, load_manual, require_usable
from .findings import blocking_findings
from .plugin import RULE_IDS_FILE, Prepared, build_with_mkdocs

MKDOCS_FILE = "mkdocs.yml"

DeckMaker = Callable[[Manual, Config, Path], Path | None]


class BuildFindingsError(AupError):
    """The manual has error-level findings: nothing was built."""

    exit_code = EXIT_FINDINGS


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    rules: int
    deck: Path | None
    warnings: tuple[str, ...]


def mkdocs_file(config: Config) -> Path:
    path = config.root / MKDOCS_FILE
    if not path.is_file():
        raise ConfigError(
            f"{path}: there is no mkdocs.yml next to pyproject.toml",
            details=("run 'aup init .' to add the standard one (existing files are kept)",),
        )
    return path


def awareness_deck(manual: Manual, config: Config, folder: Path) -> Path:
    """The awareness deck, as ``aup slides`` makes it, for the site's download link."""
    from ..slides import build_deck  # python-pptx loads only when a deck is made

    return build_deck(manual, config, folder / Path(config.slides.output).name).path


def removed_rule_ids(previous: dict[str, str], manual: Manual, changelog_text: str) -> list[tuple[str, str]]:
    """Rule IDs in the last build that are gone now and that the changelog does not mention, with their old page."""
    current = {rule.id for rule in manual.rules if rule.id}
    return [
        (rule_id, where)
        for rule_id, where in sorted(previous.items())
        if rule_id not in current and not re.search(rf"(?<![\w-]){re.escape(rule_id)}(?![\w-])", changelog_text)
    ]


def build_site(
    config: Config,
    site_dir: Path | None = None,
    *,
    make_deck: DeckMaker | None = None,
    today: dt.date | None = None,
) -> BuildResult:
    """Lint, make the deck (when ``make_deck`` is given), run ``mkdocs build --strict``, replace ``site_dir``."""
    config_file = mkdocs_file(config)
    site_dir = (site_dir or config.root / "site").resolve()
    linting = _Linting(config, today)
    try:
        manual = require_usable(load_manual(config))
        _check_rule_ids(site_dir, manual, config)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    except AupError:
        linting.close()
        raise
    try:
        try:
            deck = make_deck(manual, config, work / "deck") if make_deck else None
            new_site = work / "site"
            warnings = build_with_mkdocs(config_file, new_site, Prepared(config, manual, (), deck))
        except AupError:
            _stop_on_findings(linting.result(), site_dir)  # the manual's own errors come first
            raise
        _stop_on_findings(linting.result(), site_dir)
        _swap(new_site, site_dir, work)
    finally:
        linting.close()
        shutil.rmtree(work, ignore_errors=True)
    rules = sum(1 for rule in manual.rules if rule.id)
    return BuildResult(site_dir, len(manual.pages), rules, deck, warnings)


def _stop_on_findings(findings: tuple[Finding, ...], site_dir: Path) -> None:
    if findings:
        raise BuildFindingsError(
            f"the manual has {len(findings)} error(s): the site was not built, {display_path(site_dir)} is unchanged",
            details=tuple(format_finding(finding) for finding in findings),
        )


class _Linting:
    """The linter's error-level findings, worked out in a forked process while MkDocs builds.

    Linting and building each take a few seconds on a large manual and need
    nothing from each other, so on a machine with two cores or more they run
    side by side. The build is only kept when the linter found no error.
    """

    def __init__(self, config: Config, today: dt.date | None) -> None:
        self._findings: tuple[Finding, ...] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if not _can_fork():
            self._findings = blocking_findings(config, today)
            return
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_lint_worker, args=(sender, config, today), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> tuple[Finding, ...]:
        if self._findings is None:
            try:
                status, payload = self._receiver.recv()
            except EOFError:
                status, payload = "error", "the worker process ended without an answer"
            if status != "ok":
                raise RuntimeError(f"the linter failed in its worker process:\n{payload}")
            self._findings = payload
        return self._findings

    def close(self) -> None:
        if self._process is not None:
            if self._findings is None:
                self._process.terminate()
            self._process.join()
            self._receiver.close()
            self._process = None


def _lint_worker(sender: Connection, config: Config, today: dt.date | None) -> None:
    try:
        # One process: the other core builds the site meanwhile.
        sender.send(("ok", blocking_findings(config, today, jobs=1)))
    except BaseException:  # report everything, a bug included, to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _can_fork() -> bool:
    """Fork only where it is safe and useful: a fork start method, no other threads, two cores or more."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and len(os.sched_getaffinity(0)) > 1
    )


def _check_rule_ids(site_dir: Path, manual: Manual, config: Config) -> None:
    record = site_dir / RULE_IDS_FILE
    if not record.is_file():
        return
    try:
        previous = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # a damaged record from an old build is no reason to stop publishing
    if not isinstance(previous, dict):
        return
    changelog = manual.page(config.changelog_page)
    gone = removed_rule_ids(previous, manual, changelog.source if changelog else "")
    if gone:
        raise BuildFindingsError(
            f"{len(gone)} rule ID(s) from the last build are gone; links that staff and feedback use would break",
            details=(
                *(f"  - '{rule_id}' (was at {where})" for rule_id, where in gone),
                f"put the ID back on its rule, or, if the rule was removed or renamed on purpose, "
                f"mention the old ID on {config.manual_dir}/{config.changelog_page}",
            ),
        )


def _swap(new_site: Path, site_dir: Path, work: Path) -> None:
    """Put ``new_site`` at ``site_dir``; the old folder moves into ``work`` (deleted with it)."""
    if site_dir.exists():
        os.replace(site_dir, work / "previous")
    os.replace(new_site, site_dir)
