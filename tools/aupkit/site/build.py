"""``aup build``: check the manual, make the deck, build the site into a temporary folder, then swap it in.

The site's source is generated (``source.site_source``) and built by the chosen
engine in its own process while the manual is linted and the deck is made; the
PDF is printed from the built site. A failed build never touches the published
folder: everything is made in a sibling temporary folder, which replaces
``site/`` only when all of it passed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import AupError, BuildFindingsError, ConfigError, SiteInUseError
from ..files import exchange, guard_output, write_atomic
from ..lint import Finding
from ..lint.formats import format_finding
from ..model import Manual, display_path, load_manual, require_usable
from ..model.load import format_diagnostic
from ..model.translation import compare_translations
from .engines import DEFAULT_ENGINE, SOURCE_SITE, Engine, EngineRun, engine_named, read_engine_config, stage
from .findings import blocking_findings
from .pdf import find_browser, no_browser_message, print_pdf
from .source import DOWNLOADS, PRINT_PAGE, RULE_IDS_FILE, VERSIONS, pdf_name, root_page, rule_record, site_source

MKDOCS_FILE = "mkdocs.yml"
SEARCH_INDEX = "search/search_index.json"  # the engines' search index; a site opened from a folder reads the .js
# The rule IDs of the last good build, committed with the manual, so that CI (a clean checkout, no site/)
# still sees an ID that disappeared: IDs are what links, feedback and the deck use.
RULE_RECORD = "rule-ids.json"
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
    pdf: Path | None = None  # the source language's
    engine: str = DEFAULT_ENGINE
    languages: tuple[str, ...] = ()
    pdfs: tuple[Path, ...] = ()  # one per language


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


def earlier_versions(config: Config) -> tuple[Path, ...]:
    """The PDFs of earlier versions kept in the project's ``versions/`` folder (``aup pdf`` writes them there)."""
    folder = config.root / VERSIONS
    return tuple(sorted(folder.glob("*.pdf"))) if folder.is_dir() else ()


def build_site(
    config: Config,
    site_dir: Path | None = None,
    *,
    make_deck: DeckMaker | None = None,
    today: dt.date | None = None,
    offline: bool = False,
    engine: str = DEFAULT_ENGINE,
    pdf: bool | None = None,
) -> BuildResult:
    """Lint, make the deck (when ``make_deck`` is given) and the PDF, build the site with ``engine``, replace ``site_dir``.

    ``offline`` (or ``[tool.aup.site] offline``) makes a site that also works opened from a folder.
    ``pdf``: True to require the PDF, False to leave it out, None to make it when a browser is found.
    A manual in several languages is one site per language (``site/es/``, ``site/en/``, each with its own
    search, deck and PDF), linked page to page, with a root page that opens the reader's language.
    """
    if offline:
        config = dataclasses.replace(config, site=dataclasses.replace(config.site, offline=True))
    project_config = read_engine_config(mkdocs_file(config))
    chosen = engine_named(engine)
    site_dir = guard_output(site_dir or config.root / "site", config, what="site", replaces_folder=True)
    editions = config.editions()
    several = len(editions) > 1
    manuals = {edition.language: require_usable(load_manual(edition)) for edition in editions}
    repaired = recover_interrupted_build(site_dir)
    source_manual = manuals[editions[0].language]
    _check_rule_ids(source_manual, config)
    _stop_on_translation_errors(manuals, config, site_dir)
    today = today or dt.date.today()
    browser = find_browser() if pdf is not False else None
    notes: list[str] = []
    if pdf and browser is None:
        raise ConfigError("the PDF cannot be made", details=(no_browser_message(),))
    if pdf is None and browser is None:
        notes.append(f"aup: {no_browser_message()}; the site has no PDF (--no-pdf says you meant that)")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=_work_prefix(site_dir), dir=site_dir.parent))
    new_site = work / "site"
    made: list[_Made] = []
    try:
        for edition in editions:
            folder = new_site / edition.language if several else new_site
            # The engine's folder lives on in .aup-cache/ so Zensical's cache beside it makes the next build
            # incremental (100 realistic pages: 1.0 s against 2.1 s cold); its site/ is moved out after each build.
            engine_folder = config.root / config.lint.cache_dir / "build" / chosen.name
            engine_folder = engine_folder / edition.language if several else engine_folder
            made.append(
                _build_edition(
                    edition, manuals[edition.language], folder, work / "deck" / edition.language,
                    engine_folder, project_config, chosen, make_deck, browser, today, site_dir,
                )  # fmt: skip
            )
        if several:
            write_root_page(new_site, editions, source_manual, offline=config.site.offline)
        _swap(new_site, site_dir, work)
        _update_rule_record(source_manual, config)
        # The deck just made is also the one 'aup slides' would write: after a merge, build/ has the new one too.
        decks = {edition.deck_path: item.deck for edition, item in zip(editions, made, strict=True) if item.deck}
        if decks:
            write_atomic({path: deck.read_bytes() for path, deck in decks.items()})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    relocated = [site_dir / item.pdf.relative_to(new_site) for item in made if item.pdf]
    return BuildResult(
        site_dir,
        sum(len(manual.pages) for manual in manuals.values()),
        sum(1 for rule in source_manual.rules if rule.id),
        made[0].deck,
        (*notes, *(warning for item in made for warning in item.warnings)),
        repaired,
        relocated[0] if relocated else None,
        chosen.name,
        tuple(manuals),
        tuple(relocated),
    )


@dataclass(frozen=True)
class _Made:
    deck: Path | None
    pdf: Path | None
    warnings: tuple[str, ...]


def _build_edition(
    config: Config,
    manual: Manual,
    new_site: Path,
    deck_folder: Path,
    engine_folder: Path,
    project_config: dict,
    chosen: Engine,
    make_deck: DeckMaker | None,
    browser: Path | None,
    today: dt.date,
    site_dir: Path,
) -> _Made:
    """One language's site into ``new_site``: the engine builds while the manual is linted and the deck made."""
    deck_name = Path(config.slides.output).name if make_deck else None
    pdf_file = pdf_name(config, manual) if browser else None
    versions = tuple(path for path in earlier_versions(config) if path.name != pdf_file)
    if config.languages:
        versions = tuple(path for path in versions if path.stem.endswith(f"-{config.language}"))
    source = site_source(
        manual, config, today=today, deck=deck_name, pdf=pdf_file, versions=tuple(p.name for p in versions)
    )
    shutil.rmtree(engine_folder / SOURCE_SITE, ignore_errors=True)
    run: EngineRun | None = None
    try:
        config_file = stage(source, project_config, config.root, engine_folder, offline=config.site.offline)
        run = EngineRun(chosen, config_file)  # the engine builds in its own process while the manual is checked
        findings = blocking_findings(config, today, manual)
        try:
            deck = make_deck(manual, config, deck_folder) if make_deck and not findings else None
            warnings = run.wait()
        except AupError:
            _stop_on_findings(findings, site_dir)  # the manual's own errors come first
            raise
        _stop_on_findings(findings, site_dir)
        new_site.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(engine_folder / SOURCE_SITE, new_site)  # a move where both are on one disk
    finally:
        if run is not None:
            run.stop()
    _finish_site(new_site, deck, versions, config.site.offline)
    printed = None
    if browser is not None and pdf_file is not None:  # a PDF name is chosen only when there is a browser
        printed = new_site / DOWNLOADS / pdf_file
        print_pdf(browser, print_page_file(new_site, config.site.offline), printed)
    return _Made(deck, printed, warnings)


def _stop_on_translation_errors(manuals: dict[str, Manual], config: Config, site_dir: Path) -> None:
    """A translation that claims to be current but differs from its source (or any, with stale = error) stops."""
    if len(manuals) < 2:
        return
    found = compare_translations(manuals, config.changelog_page, config.stale_translations).diagnostics
    errors = [d for d in found if d.severity == "error"]
    if errors:
        raise BuildFindingsError(
            f"the translations have {len(errors)} error(s): the site was not built, "
            f"{display_path(site_dir)} is unchanged",
            details=(*(format_diagnostic(d) for d in errors), "'aup check' lists them all; 'aup status' shows each page"),
        )


def write_root_page(site: Path, editions: tuple[Config, ...], manual: Manual, *, offline: bool) -> None:
    """``site/index.html``: opens the reader's browser language, else the source's, and lets them choose.

    The root also holds the rule IDs (the same in every language): they mark the folder as a site aup built.
    """
    (site / "index.html").write_text(root_page(editions, offline=offline), encoding="utf-8")
    (site / RULE_IDS_FILE).write_text(rule_record(manual), encoding="utf-8")


def print_page_file(site: Path, offline: bool) -> Path:
    """Where the engine wrote the print page (``print.html`` without directory URLs, else ``print/index.html``)."""
    stem = PRINT_PAGE.removesuffix(".md")
    return site / f"{stem}.html" if offline else site / stem / "index.html"


def _finish_site(site: Path, deck: Path | None, versions: tuple[Path, ...], offline: bool) -> None:
    """What the site needs besides the engine's pages: the downloads, and a search that works from a folder."""
    (site / DOWNLOADS).mkdir(parents=True, exist_ok=True)  # the deck's and the PDF's folder
    if deck is not None:
        shutil.copyfile(deck, site / DOWNLOADS / deck.name)
    if versions:
        (site / VERSIONS).mkdir(parents=True, exist_ok=True)
        for path in versions:
            shutil.copyfile(path, site / VERSIONS / path.name)
    index = site / SEARCH_INDEX
    if offline and index.is_file():  # browsers refuse to fetch files from a folder, but run scripts
        script = index.with_suffix(".js")
        script.write_text(f"var __index = {index.read_text(encoding='utf-8')};\n", encoding="utf-8")


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


def _check_rule_ids(manual: Manual, config: Config) -> None:
    """Stop when a rule ID in the committed record is gone and the changelog does not say so."""
    record = config.root / RULE_RECORD
    if not record.is_file():
        return
    try:
        previous = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ConfigError(
            f"{display_path(record)}: cannot be read ({error})",
            details=(f"restore it with 'git checkout -- {RULE_RECORD}', or delete it to start a new record",),
        ) from None
    if not isinstance(previous, dict) or not all(isinstance(value, str) for value in previous.values()):
        raise ConfigError(
            f"{display_path(record)}: is not a record of rule IDs (an object of ID -> page#anchor)",
            details=(f"restore it with 'git checkout -- {RULE_RECORD}', or delete it to start a new record",),
        )
    changelog = manual.page(config.changelog_page)
    gone = removed_rule_ids(previous, manual, changelog.source if changelog else "")
    if gone:
        raise BuildFindingsError(
            f"{len(gone)} rule ID(s) published before are gone; links that staff and feedback use would break",
            details=(
                *(f"  - '{rule_id}' (was at {where})" for rule_id, where in gone),
                f"put the ID back on its rule, or, if the rule was removed or renamed on purpose, "
                f"mention the old ID on {config.manual_dir}/{config.changelog_page}",
            ),
        )


def _update_rule_record(manual: Manual, config: Config) -> None:
    record = config.root / RULE_RECORD
    text = rule_record(manual)
    if not record.is_file() or record.read_text(encoding="utf-8") != text:
        write_atomic({record: text})


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
