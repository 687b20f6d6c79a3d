"""``aup doctor``: what each capability needs on this computer and in this repository, with the fix.

Every check is a function of the project, the environment and a ``which`` lookup, so tests can
give it any machine. Nothing here prints or installs anything.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import __version__
from .config import Config, load_config
from .errors import AupError
from .scaffold import inside_git_repository

Status = Literal["ok", "warning", "missing"]
Which = Callable[[str], str | None]

PLACEHOLDER_DOMAIN = "example.com"
WORKFLOW = Path(".github/workflows/publish.yml")
# What the publishing workflow of aupkit 0.1 ran: it needs aupkit on the public index and a build backend.
OLD_INSTALL = "pip install -e ."
IGNORED = ("/site/", "/build/", "/.aup-cache/", "/outbox/", "/feedback/inbox/", "/.venv/", "/.aup-private/")
# Programs that show a document without PowerPoint or a browser install, by platform name.
LIBREOFFICE = ("soffice", "libreoffice")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "chrome", "msedge")


@dataclass(frozen=True)
class Check:
    capability: str
    status: Status
    detail: str
    fix: str = ""
    core: bool = False  # a core check that fails makes `aup doctor` fail


def diagnose(start: Path, environ: Mapping[str, str] = os.environ, which: Which = shutil.which) -> list[Check]:
    """Every check, in the order a new user meets the capabilities."""
    checks = [_python()]
    try:
        config = load_config(start)
    except AupError as error:
        return [*checks, Check("configuration", "missing", error.message, "; ".join(error.details), core=True)]
    if config.source is None:
        checks.append(
            Check(
                "configuration",
                "missing",
                f"no pyproject.toml with [tool.aup] in {start.resolve()} or above",
                "run aup inside the manual repository, or make one with 'aup init FOLDER'",
                core=True,
            )
        )
        return checks
    checks.append(_configuration(config))
    checks.append(_manual(config))
    checks.extend(_adoption(config))
    checks.append(_site(config))
    checks.extend(_deck(config))
    checks.append(_url(config, "feedback form", "feedback_url", "the site's feedback link and the deck's QR code"))
    checks.append(_url(config, "site address", "site_url", "the deck's QR code and the announcement's links"))
    checks.append(_smtp(config, environ))
    checks.extend(_repository(config, which))
    checks.append(
        _program(
            "deck preview",
            LIBREOFFICE,
            which,
            "open or convert the deck without PowerPoint",
            "install LibreOffice (Debian: libreoffice-impress)",
        )
    )
    checks.append(
        _program(
            "browser", CHROMIUM, which, "read the site offline and print it to PDF", "install Chromium, Chrome or Edge"
        )
    )
    return checks


def core_works(checks: list[Check]) -> bool:
    return not any(check.core and check.status == "missing" for check in checks)


def _python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", "ok", f"Python {version}, aupkit {__version__}", core=True)


def _configuration(config: Config) -> Check:
    if config.notices:
        return Check("configuration", "warning", " ".join(config.notices), core=True)
    return Check("configuration", "ok", f"{config.source}: [tool.aup] is valid", core=True)


def _manual(config: Config) -> Check:
    from .model import load_manual

    if not config.manual_path.is_dir():
        return Check(
            "manual",
            "missing",
            f"{config.manual_path} is not a folder",
            f"put the pages there or set manual_dir in {config.source}",
            core=True,
        )
    manual = load_manual(config)
    errors = [d for d in manual.diagnostics if d.fatal or d.severity == "error"]
    summary = f"{len(manual.pages)} page(s), {sum(1 for _ in manual.rules)} rule(s)"
    if errors:
        return Check(
            "manual", "missing", f"{summary}, {len(errors)} error(s)", "run 'aup check' to see them", core=True
        )
    return Check("manual", "ok", summary, core=True)


def _adoption(config: Config) -> list[Check]:
    """The adoption checklist: each statement about the organisation's setup that nobody has confirmed yet."""
    from .model import load_editions
    from .model.setup import checklist

    if not config.manual_path.is_dir():
        return []
    pages = [page for manual in load_editions(config).values() for page in manual.pages]
    keys = checklist(pages, config.confirmed)
    if not keys:
        marked = sum(len(page.confirms) for page in pages)
        return (
            [Check("setup confirmed", "ok", f"{marked} statement(s) about the setup, all confirmed")] if marked else []
        )
    return [
        Check(
            f"confirm {key}",
            "warning",
            f"{len(places)} statement(s), first at {places[0][0].relative}:{places[0][1]}",
            f'check them against your setup and settings, then add "{key}" to confirmed in [tool.aup]',
        )
        for key, places in keys.items()
    ]


def _site(config: Config) -> Check:
    mkdocs_yml = config.root / "mkdocs.yml"
    if not mkdocs_yml.is_file():
        return Check(
            "site",
            "missing",
            f"{mkdocs_yml} is missing",
            "run 'aup init .' to add the standard one (it keeps your files)",
            core=True,
        )
    from .site.engines import ENGINES

    engine = ENGINES[config.site.engine]
    if not engine.installed():
        return Check(
            "site", "missing", f"the site engine '{engine.name}' is not installed", f"pip install '{engine.extra}'",
            core=True,
        )  # fmt: skip
    return Check("site", "ok", f"{mkdocs_yml} with {engine.name}", core=True)


def _deck(config: Config) -> list[Check]:
    from .slides.fit import TextFitter

    fitter = TextFitter(config.slides.body_font, config.slides.heading_font)
    unmeasured = fitter.unmeasured_fonts()
    if unmeasured:
        return [
            Check(
                "deck fonts",
                "warning",
                f"no font file for {', '.join(unmeasured)}: text sizes are estimated",
                "install fontconfig and the fonts (Debian: fonts-crosextra-carlito for Calibri)",
            )
        ]
    stand_ins = fitter.stand_ins()
    if stand_ins:
        pairs = ", ".join(f"{font} measured as {other}" for font, other in stand_ins)
        return [Check("deck fonts", "warning", pairs, "install the fonts the deck names, or their metric twins")]
    fonts = sorted({config.slides.body_font, config.slides.heading_font})
    return [Check("deck fonts", "ok", f"{' and '.join(fonts)} measured with the font files")]


def _url(config: Config, capability: str, key: str, used_for: str) -> Check:
    value = getattr(config.organisation, key)
    fix = f"set {key} in [tool.aup.organisation] of {config.source}"
    if not value:
        return Check(capability, "missing", f"{key} is empty: {used_for} are left out", fix)
    if PLACEHOLDER_DOMAIN in value:
        return Check(capability, "warning", f"{key} is still the example address {value}", fix)
    return Check(capability, "ok", value)


def _smtp(config: Config, environ: Mapping[str, str]) -> Check:
    if not config.announce.recipients:
        return Check(
            "announcement",
            "warning",
            "no recipients: 'aup announce' writes the email, nobody gets it",
            f"set recipients in [tool.aup.announce] of {config.source}",
        )
    if not environ.get("AUP_SMTP_HOST", "").strip():
        return Check(
            "announcement",
            "warning",
            "AUP_SMTP_HOST is not set: 'aup announce --send' cannot send",
            "set AUP_SMTP_HOST (and AUP_SMTP_PORT, AUP_SMTP_USER, AUP_SMTP_PASSWORD) where you send from",
        )
    return Check("announcement", "ok", f"sends through {environ['AUP_SMTP_HOST'].strip()}")


def _repository(config: Config, which: Which) -> list[Check]:
    root = config.root
    checks = []
    if not inside_git_repository(root):
        fix = "run 'git init' there" if which("git") else "install git (https://git-scm.com), then run 'git init'"
        checks.append(Check("git", "warning", f"{root} is not in a git repository", fix))
    ignore = root / ".gitignore"
    ignored = ignore.read_text(encoding="utf-8", errors="replace").split() if ignore.is_file() else []
    listed = {entry.strip("/") for entry in ignored}
    missing = [entry for entry in IGNORED if entry.strip("/") not in listed]
    if missing:
        checks.append(
            Check(
                "git",
                "warning",
                f"{ignore} does not ignore {', '.join(missing)}",
                "add those lines: they hold built files and, in feedback/inbox/, personal data",
            )
        )
    workflow = root / WORKFLOW
    old_install = workflow.is_file() and OLD_INSTALL in workflow.read_text(encoding="utf-8", errors="replace")
    if old_install and config.depends_on_aupkit:
        checks.append(
            Check(
                "publishing",
                "warning",
                f"{workflow} installs with '{OLD_INSTALL}' (aupkit 0.1), which fails without aupkit on the "
                "package index and ignores the version pinned in pyproject.toml",
                "replace its 'Install aup' step with the one 'aup init NEW-FOLDER' writes "
                "(it installs the pinned version, from AUPKIT_SPEC when set)",
            )
        )
    return checks


def _program(capability: str, names: tuple[str, ...], which: Which, used_for: str, fix: str) -> Check:
    found = next((path for name in names if (path := which(name))), None)
    if found is None:
        return Check(capability, "missing", f"optional, to {used_for}: not found", fix)
    return Check(capability, "ok", found)
