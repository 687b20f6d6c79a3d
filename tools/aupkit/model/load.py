"""Read files or folders into one ``Manual``. Reads only; never writes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..config import Config
from ..errors import ConfigError, ManualError
from ..languages import words
from .parse import decode, parse_page
from .types import Diagnostic, GlossaryEntry, Manual, Page, PageRole

MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_PAGE_BYTES = 1_000_000  # the longest real policy page is tens of kilobytes; bounds the work of a build


def markdown_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus Markdown files found in folders (not inside linked folders; a folder that
    cannot be read is passed over), each folder's in the order of their '/'-separated relative paths."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            relative = []
            for folder, _, files in os.walk(path):
                inside = Path(folder).relative_to(path).as_posix()
                relative += [name if inside == "." else f"{inside}/{name}" for name in files]
            for name in sorted(relative):
                if os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES and (path / name).is_file():
                    found.setdefault(path / name)
        elif path.is_file():
            found.setdefault(path)
        else:
            raise ManualError(f"{path}: no such file or folder; check the path")
    return list(found)


def load_manual(config: Config, paths: Sequence[Path] | None = None) -> Manual:
    """Parse the manual (default: the configured manual folder) into the document model.

    Problems in the text become ``Manual.diagnostics``; only a missing manual
    folder raises here. Use ``require_usable`` before trusting the model.
    """
    manual_dir = config.manual_path
    if paths is None:
        if not manual_dir.is_dir():
            raise ConfigError(
                f"{manual_dir}: the manual folder does not exist",
                details=(f"create it, set manual_dir in {config.source or '[tool.aup]'}, or run 'aup init DIR'",),
            )
        paths = [manual_dir]
    files = markdown_files(paths)
    diagnostics: list[Diagnostic] = []
    pages: list[Page] = []
    glossary: list[GlossaryEntry] = []
    if not files:
        where = paths[0] if len(paths) == 1 else manual_dir
        diagnostics.append(
            Diagnostic(
                where,
                0,
                "manual-empty",
                "there are no Markdown pages here",
                "add .md pages, or run 'aup init DIR' to start from the starter manual",
                fatal=True,
            )
        )
    placeholders = config.placeholders()
    root = manual_dir.resolve()  # once, not per file
    project = config.root.resolve()
    for file in files:
        relative = _relative(file, root)
        if _linked_from_outside(file, project):
            diagnostics.append(
                Diagnostic(
                    file,
                    0,
                    "page-outside-project",
                    f"the page is a link to {file.resolve()}, outside the project; it would be published",
                    "copy the page into the manual folder instead of linking to it",
                    fatal=True,
                )
            )
            continue
        try:
            size = file.stat().st_size
            if size > MAX_PAGE_BYTES:
                diagnostics.append(
                    Diagnostic(
                        file,
                        0,
                        "page-too-large",
                        f"the page is {size / 1e6:.1f} MB; a page may hold at most {MAX_PAGE_BYTES // 1_000_000} MB",
                        "split it into several pages (a page that long is not read by anyone)",
                        fatal=True,
                    )
                )
                continue
            data = file.read_bytes()
        except OSError as error:
            diagnostics.append(
                Diagnostic(
                    file,
                    0,
                    "unreadable",
                    f"cannot read the file: {error.strerror}",
                    "check its permissions",
                    fatal=True,
                )
            )
            continue
        text, problem = decode(data, file)
        if problem is not None:
            diagnostics.append(problem)
            continue
        parsed = parse_page(
            text,
            file,
            relative,
            role=_role(relative, config),
            placeholders=placeholders,
            default_language=config.language,
            allowed_html=config.site.allowed_html,
        )
        pages.append(parsed.page)
        glossary.extend(parsed.glossary)
        diagnostics.extend(parsed.diagnostics)
    diagnostics.extend(_duplicate_ids(pages))
    diagnostics.sort(key=lambda d: (str(d.path), d.line, d.column))
    return Manual(root=manual_dir, pages=tuple(pages), glossary=tuple(glossary), diagnostics=tuple(diagnostics))


def load_editions(config: Config) -> dict[str, Manual]:
    """The manual in each of its languages (language -> manual), the source language first."""
    return {edition.language: load_manual(edition) for edition in config.editions()}


def require_usable(manual: Manual) -> Manual:
    """Raise ManualError listing every fatal problem; return the manual when there is none."""
    fatal = manual.fatal
    if fatal:
        raise ManualError(
            f"the manual cannot be read ({len(fatal)} problem(s)):",
            details=tuple(format_diagnostic(d) for d in fatal),
        )
    return manual


def display_path(path: Path | str, cwd: Path | None = None) -> str:
    """The path relative to the current folder (``cwd``: already resolved) when it is inside it, else as it is.

    Only its folder is resolved: a file that is a symbolic link keeps the name the user gave it.
    """
    path = Path(path)
    try:
        folder = path.parent.resolve().relative_to(cwd or Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)
    if folder == ".":
        return path.name or folder
    return f"{folder}/{path.name}"


def _linked_from_outside(file: Path, project: Path) -> bool:
    """True for a file inside the project that is a link (or in a linked folder) to a file outside it."""
    absolute = Path(os.path.abspath(file))
    if project != absolute and project not in absolute.parents:
        return False  # a file the user named outside the project: checked as asked, never published
    resolved = file.resolve()
    return project != resolved and project not in resolved.parents


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``path:line: message (fix)`` — the one text form of a model problem."""
    where = display_path(diagnostic.path) + (f":{diagnostic.line}" if diagnostic.line else "")
    return f"{where}: {diagnostic.message} ({diagnostic.fix})"


def _relative(file: Path, root: Path) -> str:
    """``file`` relative to the resolved manual folder ``root``, else its name."""
    try:
        return file.resolve().relative_to(root).as_posix()
    except ValueError:
        return file.name


def _role(relative: str, config: Config) -> PageRole:
    roles: dict[str, PageRole] = {
        config.home_page: "home",
        config.glossary_page: "glossary",
        config.changelog_page: "changelog",
    }
    return roles.get(relative, "topic")


def _duplicate_ids(pages: Sequence[Page]) -> list[Diagnostic]:
    first_seen: dict[str, tuple[Path, int]] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        for rule in page.rules:
            if rule.id is None:
                continue
            if rule.id in first_seen:
                path, line = first_seen[rule.id]
                said = words(page.language, "check")
                problems.append(
                    Diagnostic(
                        page.path,
                        rule.span.start,
                        "rule-id-duplicate",
                        said["rule-id-duplicate"].format(rule_id=rule.id, where=f"{path}:{line}"),
                        said["rule-id-duplicate.fix"],
                        fatal=True,
                    )
                )
            else:
                first_seen[rule.id] = (page.path, rule.span.start)
    return problems
