"""``aup build``: check the manual, make the deck, build the site into a temporary folder, then swap it in.

A failed build never touches the published folder: MkDocs writes into a
sibling temporary folder, which replaces ``site/`` only when everything passed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import EXIT_FINDINGS, AupError, ConfigError
from ..lint.formats import format_finding
from ..model import Manual, display_path, load_manual, require_usable
from ..slides import build_deck
from .findings import blocking_findings, lint_cache
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
    manual = require_usable(load_manual(config))
    cache = lint_cache(config)
    findings = blocking_findings(manual, config, today, cache=cache)
    cache.save()
    if findings:
        raise BuildFindingsError(
            f"the manual has {len(findings)} error(s): the site was not built, {display_path(site_dir)} is unchanged",
            details=tuple(format_finding(finding) for finding in findings),
        )
    _check_rule_ids(site_dir, manual, config)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        deck = make_deck(manual, config, work / "deck") if make_deck else None
        new_site = work / "site"
        warnings = build_with_mkdocs(config_file, new_site, Prepared(config, manual, findings, deck))
        _swap(new_site, site_dir, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rules = sum(1 for rule in manual.rules if rule.id)
    return BuildResult(site_dir, len(manual.pages), rules, deck, warnings)


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
