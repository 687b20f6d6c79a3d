"""The ``aup`` MkDocs plugin and the calls into MkDocs: the only module that imports ``mkdocs``.

Kept thin on purpose (MkDocs 1.x is frozen): every decision is made in the
pure modules beside it (``render``, ``nav``, ``findings``); this module only
hands MkDocs their results.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import config_options
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.base import Config as MkDocsBaseConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from ..config import Config, load_config
from ..errors import AupError, ConfigError, SiteBuildError
from ..files import SITE_MARKER
from ..lint import Finding
from ..lint.formats import format_finding
from ..model import Manual, load_manual
from ..model import Page as ManualPage
from .findings import blocking_findings
from .nav import plan_nav
from .render import decorate_html, render_markdown, text_for

log = get_plugin_logger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
STYLESHEET = "assets/stylesheets/aup.css"
SCRIPT = "assets/javascripts/aup.js"
RULE_IDS_FILE = SITE_MARKER  # the record of rule IDs is also how aup knows a folder is a site it built
SEARCH_INDEX = "search/search_index.json"  # written by the search plugin; Material reads the .js beside it on file://
DECK_FOLDER = "downloads"
# mkdocs-print-site-plugin's own default title, replaced by ours in the manual's language.
PRINT_SITE_DEFAULT_TITLE = "Print Site"
REQUIRED_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html")


@dataclass
class Prepared:
    """What ``aup build`` already has, so the plugin does not read and lint the manual twice."""

    config: Config
    manual: Manual
    findings: tuple[Finding, ...]
    deck: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)
    pages: dict[str, ManualPage] = field(init=False)

    def __post_init__(self) -> None:
        self.pages = {page.relative: page for page in self.manual.pages}  # MkDocs asks once per page


class AupPluginConfig(MkDocsBaseConfig):
    project = config_options.Optional(config_options.Dir(exists=True))


class AupPlugin(BasePlugin[AupPluginConfig]):
    """Fills placeholders, adds page headers, rule IDs, Do/Don't blocks, FAQ and tooltips; reports lint errors."""

    prepared: Prepared | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.prepared is None:
            start = Path(self.config.project or Path(config.config_file_path).parent)
            try:
                aup_config = load_config(start)
                manual = load_manual(aup_config)
                findings = blocking_findings(aup_config, manual=manual)
            except AupError as error:
                raise PluginError(str(error)) from None
            self.prepared = Prepared(aup_config, manual, findings)
        aup_config = self.prepared.config
        config.site_name = aup_config.title
        if aup_config.site.offline:
            config.use_directory_urls = False  # page.html links work from a folder; page/ needs a web server
        config.theme["language"] = aup_config.language
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if config.nav is None:
            config.nav = plan_nav(self.prepared.manual, aup_config.language)
        print_site = config.plugins.get("print-site")
        if print_site is not None and print_site.config.get("print_page_title") == PRINT_SITE_DEFAULT_TITLE:
            print_site.config["print_page_title"] = text_for(aup_config.language)["print"]
        if aup_config.source is not None:
            config.watch.append(str(aup_config.source))
        return config

    def on_post_build(self, config: MkDocsConfig) -> None:
        """For a site opened from a folder: the search index as a script (browsers refuse to fetch files there)."""
        assert self.prepared is not None
        index = Path(config.site_dir) / SEARCH_INDEX
        if self.prepared.config.site.offline and index.is_file():
            script = index.with_suffix(".js")
            script.write_text(f"var __index = {index.read_text(encoding='utf-8')};\n", encoding="utf-8")

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.prepared is not None
        for finding in self.prepared.findings:
            log.warning(format_finding(finding))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.prepared is not None
        rule_ids = {
            rule.id: f"{page.relative}#{rule.anchor}"
            for page in self.prepared.manual.pages
            for rule in page.rules
            if rule.id
        }
        files.append(File.generated(config, RULE_IDS_FILE, content=json.dumps(rule_ids, indent=1, sort_keys=True)))
        deck = self.prepared.deck
        if deck is not None:
            files.append(File.generated(config, f"{DECK_FOLDER}/{deck.name}", abs_src_path=str(deck)))
        return files

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        assert self.prepared is not None
        manual_page = self.prepared.pages.get(page.file.src_uri)
        if manual_page is None:
            return markdown
        return render_markdown(manual_page, self.prepared.config.placeholders(), self.prepared.manual.glossary)

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        assert self.prepared is not None
        manual_page = self.prepared.pages.get(page.file.src_uri)
        return html if manual_page is None else decorate_html(manual_page, html, self.prepared.today)

    def on_page_context(self, context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Any) -> dict:
        assert self.prepared is not None
        manual_page = self.prepared.pages.get(page.file.src_uri)
        language = manual_page.language if manual_page else self.prepared.config.language
        words = text_for(language)
        deck = self.prepared.deck
        context["aup"] = {
            "feedback_url": self.prepared.config.organisation.feedback_url,
            "feedback_label": words["feedback"],
            "feedback_link": words["feedback_link"],
            "deck_path": f"{DECK_FOLDER}/{deck.name}" if deck else "",
            "deck_label": words["deck"],
        }
        return context




def build_with_mkdocs(config_file: Path, site_dir: Path, prepared: Prepared) -> tuple[str, ...]:
    """Run ``mkdocs build --strict`` in-process into ``site_dir``; return its warnings, raise when it fails."""
    messages: list[str] = []
    handler = _Collector(messages)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        mkdocs_config = _load(config_file, site_dir=str(site_dir), strict=True)
        plugin = mkdocs_config.plugins.get("aup")
        if not isinstance(plugin, AupPlugin):
            raise ConfigError(f"{config_file}: the 'aup' plugin is not listed", details=("add '- aup' under plugins:",))
        plugin.prepared = prepared
        try:
            mkdocs_build(mkdocs_config)
        except (Abort, PluginError) as error:
            raise SiteBuildError(
                f"the site was not built: {error}", details=tuple(f"  {message}" for message in messages)
            ) from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    return tuple(messages)


def serve_with_mkdocs(config_file: Path, dev_addr: str, *, open_browser: bool = False) -> None:
    """``mkdocs serve``: live preview; lint errors show as warnings on every rebuild."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, open_in_browser=open_browser, livereload=True)
    except (Abort, ConfigurationError, PluginError) as error:
        raise SiteBuildError(f"the preview stopped: {error}") from None
    finally:
        logger.removeHandler(handler)


def _load(config_file: Path, **options: Any) -> MkDocsConfig:
    try:
        return load_mkdocs_config(str(config_file), **options)
    except (ConfigurationError, Abort) as error:
        raise ConfigError(f"{config_file}: {error}", details=("fix mkdocs.yml (see the MkDocs docs)",)) from None


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")
