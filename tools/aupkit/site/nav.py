"""The site's navigation, planned from the model: home, topics by folder, glossary, what's new. Pure."""

from __future__ import annotations

from ..languages import Voice
from ..model import Manual
from .render import text_for

NavItem = dict[str, "str | list[NavItem]"]


def plan_nav(manual: Manual, language: str, voice: str | Voice = "") -> list[NavItem]:
    """MkDocs ``nav`` entries: the home page first, topic pages by title (a section per folder), then the rest."""
    words = text_for(language, voice)
    home = [page for page in manual.pages if page.role == "home"]
    glossary = [page for page in manual.pages if page.role == "glossary"]
    changelog = [page for page in manual.pages if page.role == "changelog"]
    nav: list[NavItem] = [{words["home"]: page.relative} for page in home]
    sections: dict[str, list[NavItem]] = {}
    for page in manual.topics:
        folder, _, _name = page.relative.rpartition("/")
        if folder:
            title = folder.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()
            if title not in sections:
                sections[title] = []
                nav.append({title: sections[title]})
            sections[title].append({page.title: page.relative})
        else:
            nav.append({page.title: page.relative})
    nav.extend({words["glossary"]: page.relative} for page in glossary)
    nav.extend({words["whats_new"]: page.relative} for page in changelog)
    return nav
