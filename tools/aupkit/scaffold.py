"""``aup init``: the files of a new manual repository, planned as data, written without overwriting."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from . import __version__
from .errors import AupError, UsageError
from .languages import every

TITLES = {code: said["title"] for code, said in every("starter").items()}
HOURS = {"en": "Monday to Friday, 8:00 to 18:00", "es": "lunes a viernes, de 8:00 a 18:00"}  # the example hours
# Names in the package that start with this are written with a dot instead: packaging tools leave dotfiles out.
DOT_PREFIX = "dot-"


@dataclass(frozen=True)
class PlannedFile:
    relative: str
    content: bytes


@dataclass(frozen=True)
class ScaffoldResult:
    created: tuple[str, ...]
    kept: tuple[str, ...]


VARIANTS = ("es-419", "es-MX", "es-ES")  # the Spanish starter is written for Latin America (es-419, Mexico in mind)


def regional(language: str, variant: str) -> list[tuple[str, str]]:
    """The phrase swaps that turn the ``language`` starter into ``variant`` (``starter/<variant>.yaml``; none for
    the variant it is written in): Spain's words, institutions and laws for the Latin American starter."""
    import yaml

    if not variant.startswith(f"{language}-") or variant in ("es-419", "es-MX"):
        return []
    data = yaml.safe_load((resources.files("aupkit") / "starter" / f"{variant}.yaml").read_text(encoding="utf-8"))
    return [(str(a), str(b)) for a, b in data["replace"]]


def plan_scaffold(language: str | Sequence[str] = "en", variant: str = "") -> list[PlannedFile]:
    """Every file of a new manual repository, as (relative path, content).

    With several languages (the first is the source), each one's pages go in ``manual/<language>/``
    and the translations say which version of the source page they translate (``source_version``).
    ``variant`` (es-ES) adapts the Spanish pages to that region with ``regional``'s swaps.
    """
    languages = [language] if isinstance(language, str) else list(language)
    unknown = [code for code in languages if code not in TITLES]
    if unknown or not languages or len(set(languages)) != len(languages):
        raise UsageError(
            f"no starter manual for {', '.join(map(repr, unknown)) or repr(','.join(languages))}; "
            f"use one or more of {', '.join(TITLES)}, each once, the source language first (for example es,en)"
        )
    source = languages[0]
    starter = resources.files("aupkit") / "starter"
    planned = []
    for code in languages:
        folder = f"manual/{code}" if len(languages) > 1 else "manual"
        swaps = regional(code, variant) if variant else []
        for rel, data in _walk(starter / code):
            if swaps and rel.endswith(".md"):
                text = data.decode("utf-8")
                for before, after in swaps:
                    text = text.replace(before, after)
                data = text.encode("utf-8")
            if code != source and rel.endswith(".md"):
                data = _translating(data)
            planned.append(PlannedFile(f"{folder}/{rel}", data))
    tokens = {
        "@AUPKIT_VERSION@": __version__,
        "@TITLE@": TITLES[source],
        "@LANGUAGE@": source,
        "@HOURS@": HOURS[source],
    }
    project_files = [*_walk(starter / "project"), ("README.md", (starter / "readme" / f"{source}.md").read_bytes())]
    for rel, data in project_files:
        text = data.decode("utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        if rel == "pyproject.toml" and variant:
            text = text.replace('title = "', f'variant = "{variant}"\ntitle = "', 1)
        if rel == "pyproject.toml" and len(languages) > 1:
            text = _several_languages(text, languages)
        planned.append(PlannedFile(_undot(rel), text.encode("utf-8")))
    return sorted(planned, key=lambda f: f.relative)


def _translating(data: bytes) -> bytes:
    """A starter page as a translation of the source's same page: ``source_version`` under its ``version``."""
    text = data.decode("utf-8")
    return re.sub(r"^(version:\s*(\S+)\s*)$", r"\1\nsource_version: \2", text, count=1, flags=re.M).encode("utf-8")


def _several_languages(text: str, languages: list[str]) -> str:
    listed = ", ".join(f'"{code}"' for code in languages)
    titles = "".join(f'{code} = "{TITLES[code]}"\n' for code in languages)
    text = text.replace(
        f'language = "{languages[0]}"\n',
        f"# The first language is the source; the others translate it. Pages: manual/<language>/, same names.\n"
        f"languages = [{listed}]\n\n[tool.aup.titles]\n{titles}",
        1,
    )
    hours = "".join(
        f"\n[tool.aup.organisation.languages.{code}]  # what reads differently in {code}\n"
        f'helpdesk_hours = "{HOURS[code]}"\n'
        for code in languages[1:]
    )
    return text.rstrip("\n") + "\n" + hours


def _undot(relative: str) -> str:
    return "/".join(
        f".{part[len(DOT_PREFIX) :]}" if part.startswith(DOT_PREFIX) else part for part in relative.split("/")
    )


def inside_git_repository(folder: Path) -> bool:
    """True when ``folder`` (existing or not) is in a git working tree: it or a folder above it has ``.git``."""
    folder = folder.resolve()
    return any((candidate / ".git").exists() for candidate in (folder, *folder.parents))


def write_scaffold(target: Path, planned: list[PlannedFile]) -> ScaffoldResult:
    """Write planned files under ``target``; a file that exists is kept as it is, never overwritten."""
    created, kept = [], []
    for item in planned:
        path = target / item.relative
        if path.exists():
            kept.append(item.relative)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, item.content)
        created.append(item.relative)
    return ScaffoldResult(tuple(created), tuple(kept))


def start_rule_record(target: Path) -> str | None:
    """Write the starter's record of rule IDs (committed with it, so CI can tell when one disappears)."""
    from .config import load_config
    from .model import load_manual
    from .site.build import RULE_RECORD
    from .site.source import rule_record

    path = target / RULE_RECORD
    if path.exists():
        return None
    try:
        record = rule_record(load_manual(load_config(target)))
    except AupError:
        return None  # a project aup cannot read yet: its first good build starts the record
    _write_new(path, record.encode("utf-8"))
    return RULE_RECORD


def _write_new(path: Path, content: bytes) -> None:
    """Write through a temporary file and link it in place only if the name is still free."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes the file private; a new file follows the umask
        os.link(temporary, path)  # fails if someone created the file meanwhile: never overwrite
    finally:
        os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            files.extend(_walk(entry, f"{rel}/"))
        else:
            files.append((rel, entry.read_bytes()))
    return files
