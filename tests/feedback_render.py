"""Render Markdown the way the site does: Python-Markdown with the markdown_extensions of mkdocs.yml."""

from __future__ import annotations

import importlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml

REPO = Path(__file__).resolve().parent.parent

# More than the site uses today: merged feedback must stay literal if any of these is turned on later.
EXTRA = [
    "pymdownx.snippets", "pymdownx.magiclink", "pymdownx.emoji", "pymdownx.keys", "pymdownx.critic",
    "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde", "pymdownx.smartsymbols", "pymdownx.arithmatex",
    "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.betterem", "pymdownx.inlinehilite", "def_list",
    "footnotes", "admonition", "pymdownx.details", "attr_list", "md_in_html", "abbr",
]  # fmt: skip


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's tags: !ENV and !relative give their default, !!python/name imports the object."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_constructor("!relative", lambda loader, node: str(REPO))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def site_extensions(config_file: Path = REPO / "mkdocs.yml") -> tuple[list[str], dict[str, dict]]:
    """The extensions and their settings as mkdocs.yml lists them (re-read on every call)."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    names: list[str] = []
    configs: dict[str, dict] = {}
    for entry in data.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            (name, settings), = entry.items()  # fmt: skip
            names.append(name)
            if settings:
                configs[name] = {k: v for k, v in settings.items() if k not in ("base_path", "auto_append")}
        else:
            names.append(entry)
    return names, configs


def render(text: str, extra: bool = False) -> str:
    names, configs = site_extensions()
    if extra:
        names = list(dict.fromkeys([*names, *EXTRA]))
        configs.setdefault("pymdownx.snippets", {}).update(
            base_path=[str(REPO / "tests" / "fixtures")], check_paths=False
        )
    return markdown.markdown(text, extensions=names, extension_configs=configs)


class Tags(HTMLParser):
    """Every start tag with its attributes, the text, and the comments of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)
