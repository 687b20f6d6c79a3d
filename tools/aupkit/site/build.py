"""``aup build``: check the manual, make the deck, build the site into a temporary folder, then swap it in.

A failed build never touches the published folder: MkDocs writes into a
sibling temporary folder, which replaces ``site/`` only when everything passed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import multiprocessing
import multiprocessing.process
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import AupError, BuildFindingsError, ConfigError, SiteInUseError
from ..files import exchange, guard_output
from ..lint import Finding
from ..lint.formats import format_finding
from ..model import Manual, display_path, load_manual, require_usable
from .findings import blocking_findings
from .plugin import RULE_IDS_FILE, Prepared, build_with_mkdocs

MKDOCS_FILE = "mkdocs.yml"
SWAP_ATTEMPTS = 10  # renames of site/ tried this many times, SWAP_PAUSE seconds apart, while a file in it is open
SWAP_PAUSE = 0.5

DeckMaker = Callable[[Manual, Config, Path], Path | None]


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    rules: int
    deck: Path | None
    warnings: tuple[str, ...]
    repaired: tuple[str, ...] = ()  # what an interrupted earlier build left, and what was done about it


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
    offline: bool = False,
) -> BuildResult:
    """Lint, make the deck (when ``make_deck`` is given), run ``mkdocs build --strict``, replace ``site_dir``.

    ``offline`` (or ``[tool.aup.site] offline``) makes a site that also works opened from a folder.
    """
    if offline:
        config = dataclasses.replace(config, site=dataclasses.replace(config.site, offline=True))
    config_file = mkdocs_file(config)
    site_dir = guard_output(site_dir or config.root / "site", config, what="site", replaces_folder=True)
    manual = require_usable(load_manual(config))
    repaired = recover_interrupted_build(site_dir)
    _check_rule_ids(site_dir, manual, config)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=_work_prefix(site_dir), dir=site_dir.parent))
    linting = _Beside(blocking_findings, config, today, manual)
    try:
        try:
            deck = make_deck(manual, config, work / "deck") if make_deck else None
            new_site = work / "site"
            prepared = Prepared(config, manual, (), deck, today or dt.date.today())
            warnings = build_with_mkdocs(config_file, new_site, prepared)
        except AupError:
            _stop_on_findings(linting.result(), site_dir)  # the manual's own errors come first
            raise
        _stop_on_findings(linting.result(), site_dir)
        _swap(new_site, site_dir, work)
    finally:
        linting.close()
        shutil.rmtree(work, ignore_errors=True)
    rules = sum(1 for rule in manual.rules if rule.id)
    return BuildResult(site_dir, len(manual.pages), rules, deck, warnings, repaired)


class _Beside:
    """``function(*args)`` in a forked process while the site builds, where there is fork and a second core.

    Kept for speed, measured on 2026-12-02 (2-core machine, shipped manual, no deck, alternating runs):
    ``aup build`` with the lint beside the build, median 1.07 s (0.93-1.52, 8 runs) against 0.86 s for the
    bare ``mkdocs build``: 1.24 times. With the lint first, 1.20-1.52 s (5 runs): about 1.45 times, over
    the budget of 1.3 times the bare engine.
    """

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._value: Any = None
        self._done = False
        if not _can_fork():
            self._value, self._done = function(*args), True
            return
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_and_send, args=(sender, function, args), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> Any:
        """The function's value; an exception in the other process is raised here with its traceback."""
        if not self._done:
            try:
                status, payload = self._receiver.recv()
            except EOFError:
                status, payload = "error", "the lint process ended without an answer"
            if status != "ok":
                raise RuntimeError(f"the lint process failed:\n{payload}")
            self._value, self._done = payload, True
        return self._value

    def close(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._receiver.close()
            self._process = None


def _run_and_send(sender: Connection, function: Callable[..., Any], args: tuple) -> None:
    try:
        sender.send(("ok", function(*args)))
    except BaseException:  # report everything, a bug included, to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _can_fork() -> bool:
    """Fork only where it is safe and useful: a fork start method, no other threads, two cores or more."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 and cores > 1


def _work_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-build-"


def recover_interrupted_build(site_dir: Path) -> tuple[str, ...]:
    """Finish what a build killed half-way left behind (the caller holds the project lock).

    A build works in a folder beside the site. If it was killed after the old site moved into that
    folder and before the new one took its place, the old site goes back; the folder is removed.
    """
    done = []
    for work in sorted(site_dir.parent.glob(f"{_work_prefix(site_dir)}*")):
        previous = work / "previous"
        if not site_dir.exists() and previous.is_dir():
            os.replace(previous, site_dir)
            done.append(f"put back the last good site in {display_path(site_dir)}: an earlier build was interrupted")
        shutil.rmtree(work, ignore_errors=True)
        done.append(f"removed {display_path(work)}, left by an interrupted build")
    return tuple(done)


def _stop_on_findings(findings: tuple[Finding, ...], site_dir: Path) -> None:
    if findings:
        raise BuildFindingsError(
            f"the manual has {len(findings)} error(s): the site was not built, {display_path(site_dir)} is unchanged",
            details=tuple(format_finding(finding) for finding in findings),
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


def _swap(
    new_site: Path,
    site_dir: Path,
    work: Path,
    *,
    replace: Callable[[Path, Path], None] = os.replace,
    attempts: int = SWAP_ATTEMPTS,
    pause: float = SWAP_PAUSE,
) -> None:
    """Put ``new_site`` at ``site_dir``; the old folder moves into ``work`` (deleted with it).

    Where the system can swap two folders in one step (Linux, macOS) it does. Elsewhere the old
    folder moves out first. On Windows a folder cannot be renamed while a program holds a file in it open (a virus
    scanner for a moment, a preview or a file-share sync for longer): each rename is tried
    again for a few seconds, and if the new site cannot go in, the last good one is put back.
    """
    previous = work / "previous"
    if site_dir.exists() and exchange(new_site, site_dir):
        return  # one step: there is never a moment without a site (the old one is now in work/, deleted with it)
    if site_dir.exists():
        _patiently(replace, site_dir, previous, site_dir, attempts, pause)
    try:
        _patiently(replace, new_site, site_dir, site_dir, attempts, pause)
    except AupError:
        if previous.exists():
            replace(previous, site_dir)
        raise


def _patiently(
    replace: Callable[[Path, Path], None], source: Path, target: Path, in_use: Path, attempts: int, pause: float
) -> None:
    for attempt in range(attempts):
        try:
            replace(source, target)
            return
        except PermissionError as error:
            if attempt == attempts - 1:
                raise SiteInUseError(
                    f"{display_path(in_use)} is in use by another program ({error.strerror or error}); "
                    "the last good site is unchanged",
                    details=(
                        "close what has a file of the site open (a browser preview, Explorer, a sync client) "
                        "and build again",
                    ),
                ) from None
            time.sleep(pause)
