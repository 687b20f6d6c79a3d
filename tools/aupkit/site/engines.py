"""The site engines aupkit supports, and the one way it runs them: write the docs tree, write a config, run.

Adding an engine is one ``Engine`` entry here (see docs/CONTRIBUTING.md): its
Python module, the extra that installs it, and how its command line builds and
serves. Every engine gets the same generated tree (``source.site_source``) and
a configuration made from the project's ``mkdocs.yml`` with aupkit's settings
on top, so no feature depends on an engine's plugin system.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, SiteBuildError
from .source import PRINT_PAGE, SiteSource

# Plugins aupkit replaces with the generated tree: the aup plugin itself and the print page plugin.
REPLACED_PLUGINS = ("aup", "print-site")


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # tells whether it is installed
    extra: str  # pip extra that installs it
    cli: str  # its command line, as "module:attribute" (its console script's entry point)
    build_options: tuple[str, ...] = ("--strict",)
    serve_options: tuple[str, ...] = ()

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def build_arguments(self, config_file: Path) -> list[str]:
        return ["build", *self.build_options, "--config-file", str(config_file)]

    def serve_command(self, config_file: Path, dev_addr: str) -> list[str]:
        return [
            *self.command(),
            "serve",
            *self.serve_options,
            "--config-file",
            str(config_file),
            "--dev-addr",
            dev_addr,
        ]

    def command(self) -> list[str]:
        """The engine's command line, run by the same Python as aup (so it is the one its extra installed)."""
        module, _, attribute = self.cli.partition(":")
        return [sys.executable, "-c", f"import sys; from {module} import {attribute}; sys.argv[0] = {self.name!r}; "
                f"{attribute}()"]  # fmt: skip


# MkDocs and ProperDocs rebuild every page on a change unless told --dirty; aup serve rewrites only the pages
# that changed, so --dirty shows an edit on a 100-page manual in 0.86-0.89 s (budget 1 s). Zensical is
# incremental by itself; its --clean empties its cache, so it is not asked to clean.
_MKDOCS_BUILD, _MKDOCS_SERVE = ("--strict", "--clean"), ("--dirty",)
ENGINES = {
    "mkdocs": Engine("mkdocs", "mkdocs", "aupkit", "mkdocs.__main__:cli", _MKDOCS_BUILD, _MKDOCS_SERVE),
    "properdocs": Engine(
        "properdocs", "properdocs", "aupkit[properdocs]", "properdocs.__main__:cli", _MKDOCS_BUILD, _MKDOCS_SERVE
    ),
    "zensical": Engine("zensical", "zensical", "aupkit[zensical]", "zensical.main:cli"),
}
DEFAULT_ENGINE = "mkdocs"
# No colours in messages we pass on; Material 9.7+ prints a notice about MkDocs 2.0 on every build, which
# aupkit's own engine-neutral build answers.
ENGINE_ENVIRONMENT = {"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1"}


def engine_named(name: str) -> Engine:
    """The engine, installed; otherwise one line saying what to install."""
    engine = ENGINES.get(name)
    if engine is None:
        raise ConfigError(f"there is no site engine '{name}'", details=(f"use one of: {', '.join(ENGINES)}",))
    if not engine.installed():
        raise ConfigError(
            f"the site engine '{name}' is not installed", details=(f"install it with: pip install '{engine.extra}'",)
        )
    return engine


class _Tagged:
    """A YAML value with a tag aupkit does not need to understand (``!!python/name:...``, ``!ENV``): kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def read_engine_config(path: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` as data; tags it cannot read are kept for the engine."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: {error}", details=("fix mkdocs.yml (see the MkDocs docs)",)) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: is not a YAML mapping", details=("fix mkdocs.yml (see the MkDocs docs)",))
    return data


def engine_config(
    project: dict[str, Any], source: SiteSource, docs_dir: Path, site_dir: Path, overrides: Path, *, offline: bool
) -> dict[str, Any]:
    """The configuration every engine reads: the project's ``mkdocs.yml`` with aupkit's settings on top."""
    config = dict(project)
    config.pop("INHERIT", None)
    config["site_name"] = source.title
    config["docs_dir"] = docs_dir.as_posix()
    config["site_dir"] = site_dir.as_posix()
    if offline:
        config["use_directory_urls"] = False  # page.html links work from a folder; page/ needs a web server
    given = config.get("theme")
    theme = {"name": given} if isinstance(given, str) else dict(given or {})
    theme["language"] = source.language
    theme["custom_dir"] = overrides.as_posix()
    config["theme"] = theme
    if not config.get("nav"):
        config["nav"] = source.nav
    elif PRINT_PAGE in source.files:
        config["nav"] = [*config["nav"], source.nav[-1]]  # the organisation's own order, plus the whole manual
    config["extra_css"] = [*source.css, *(config.get("extra_css") or [])]
    config["extra_javascript"] = [*source.javascript, *(config.get("extra_javascript") or [])]
    config["extra"] = {**(config.get("extra") or {}), **source.extra}
    config["plugins"] = [
        plugin for plugin in config.get("plugins") or [] if _plugin_name(plugin) not in REPLACED_PLUGINS
    ]
    extensions = list(config.get("markdown_extensions") or [])
    named = {_plugin_name(extension) for extension in extensions}
    extensions += [name for name in source.extensions if name not in named]
    config["markdown_extensions"] = extensions
    return config


def _plugin_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


SOURCE_DOCS, SOURCE_OVERRIDES, SOURCE_SITE = "docs", "overrides", "site"


def write_source(
    source: SiteSource, project_config: dict[str, Any], project_root: Path, folder: Path, *, offline: bool
) -> Path:
    """Write the docs tree, the template overrides and the engine's configuration under ``folder``; return the config.

    The engine builds into ``folder/site`` (Zensical wants the site inside the folder of its configuration).
    """
    docs = folder / SOURCE_DOCS
    overrides = folder / SOURCE_OVERRIDES
    for relative, content in source.files.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    shutil.copytree(source.overrides, overrides)
    theme = project_config.get("theme")
    own = theme.get("custom_dir") if isinstance(theme, dict) else None
    if own:  # the organisation's overrides win over aupkit's
        shutil.copytree(project_root / own, overrides, dirs_exist_ok=True)
    config = engine_config(
        project_config, source, Path(SOURCE_DOCS), Path(SOURCE_SITE), Path(SOURCE_OVERRIDES), offline=offline
    )
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def _without_traceback(lines: Iterable[str]) -> tuple[str, ...]:
    """The engine's messages, with a Python traceback cut to its last line (the error itself)."""
    kept: list[str] = []
    in_traceback = False
    for line in lines:
        if line.strip().startswith("Traceback (most recent call last)"):
            in_traceback = True
        elif not in_traceback or not line.startswith((" ", "\t")):
            in_traceback = False  # a traceback's frames are indented; its last line, the error, is not
            kept.append(line)
    return tuple(kept)


# MiniJinja (Zensical) names the template and line of what Jinja2 alone has: "... (in main.html:2)".
_TEMPLATE_ERROR = re.compile(r"\(in [^()]+\.html:\d+\)")
TEMPLATE_HINT = (
    "a template override uses something only Jinja2 has (a string method such as .upper() or .split(), or a "
    "Python-only filter); write it with Jinja's own filters (upper, replace...) so every engine renders it"
)
_WARNING = re.compile(r"^\s*(WARNING|Warning|warning)\b")


def stage(
    source: SiteSource, project_config: dict[str, Any], project_root: Path, folder: Path, *, offline: bool
) -> Path:
    """Bring ``folder`` to the tree for ``source``, touching only the files whose bytes changed; return its config.

    The folder lives on between runs (``.aup-cache/``), so an engine that keeps a cache beside its
    configuration (Zensical) re-renders only changed pages, and a serving engine reloads only what changed.
    """
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    config_file = write_source(source, project_config, project_root, staging, offline=offline)
    wanted = {path.relative_to(staging) for path in staging.rglob("*") if path.is_file()}
    if folder.exists():
        for path in sorted(folder.rglob("*"), reverse=True):
            relative = path.relative_to(folder)
            if relative.parts[0] in (SOURCE_SITE, ".cache"):
                continue  # the engine's own output and cache
            if path.is_file() and relative not in wanted:
                path.unlink()
    for relative in wanted:
        new, old = staging / relative, folder / relative
        data = new.read_bytes()
        if not old.is_file() or old.read_bytes() != data:
            old.parent.mkdir(parents=True, exist_ok=True)
            old.write_bytes(data)
    shutil.rmtree(staging, ignore_errors=True)
    return folder / config_file.name


class EngineRun:
    """An engine building in its own process, so the lint and the deck run meanwhile on another core.

    (Starting the engine before the tree was written, so that it imported itself while aup read the
    manual, was tried and measured with bench/site_speed.py: 0.67 s without and 0.72-0.73 s with it on
    the shipped manual, 1.86 s and 1.82 s at 100 pages. It bought nothing and went.)
    """

    def __init__(self, engine: Engine, config_file: Path) -> None:
        self.engine = engine
        self.process = subprocess.Popen(  # noqa: S603 - our own command line, no shell
            [*engine.command(), *engine.build_arguments(config_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=config_file.parent,
            env={**os.environ, **ENGINE_ENVIRONMENT},
        )

    def wait(self) -> tuple[str, ...]:
        """The engine's warnings; its messages, with the page they name, when it failed."""
        output, _ = self.process.communicate()
        lines = _without_traceback(line.rstrip() for line in output.splitlines() if line.strip())
        if self.process.returncode != 0:
            hint = (TEMPLATE_HINT,) if _TEMPLATE_ERROR.search(output) else ()
            raise SiteBuildError(
                f"the site was not built: {self.engine.name} stopped (exit {self.process.returncode})",
                details=(*(f"  {line}" for line in lines[-40:]), *hint),
            )
        return tuple(line for line in lines if _WARNING.match(line))

    def stop(self) -> None:
        """End the engine's process if it still runs (aup stopped first), and close its output."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None and not self.process.stdout.closed:
            self.process.stdout.close()
