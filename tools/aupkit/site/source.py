"""Manual -> the site's source: a complete docs tree that any supported engine renders the same. Pure.

Everything the published manual shows is decided here, as plain Markdown (see
``render``), a few assets and the values the template override reads from
``config.extra.aup``. The engine adapters (``engines``) only write this tree
and a configuration file next to it, and run the engine on them (``aup build``,
``aup serve``, ``aup pdf``).

When the PDF is made, the tree also holds ``print.md``: the whole manual on one
page (cover, contents, every page with its header), from which Chromium prints it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from ..ack.links import confirm_link
from ..config import Config
from ..files import SITE_MARKER
from ..model import Manual, Page
from ..model.parse import slugify
from ..feedback.form import page_choice, prefilled
from .nav import NavItem, plan_nav
from .render import as_markdown_text, format_date, render_markdown, text_for

THEME_DIR = Path(__file__).parent / "theme"
STYLESHEET = "assets/stylesheets/aup.css"
PRINT_STYLESHEET = "assets/stylesheets/aup-print.css"
SCRIPT = "assets/javascripts/aup.js"
RULE_IDS_FILE = SITE_MARKER  # the record of rule IDs is also how aup knows a folder is a site it built
PRINT_PAGE = "print.md"
DOWNLOADS = "downloads"
VERSIONS = "versions"
REQUIRED_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "tables", "toc")


@dataclass(frozen=True)
class SiteSource:
    """The docs tree (relative path -> text, or the file to copy) and what the engine's configuration needs."""

    files: dict[str, str | Path]
    nav: list[NavItem]
    extra: dict[str, object]
    language: str
    title: str
    css: tuple[str, ...] = (STYLESHEET, PRINT_STYLESHEET)
    javascript: tuple[str, ...] = (SCRIPT,)
    extensions: tuple[str, ...] = REQUIRED_EXTENSIONS
    overrides: Path = field(default=THEME_DIR / "overrides")


def pdf_name(config: Config, manual: Manual) -> str:
    """The PDF's file name: the manual's title, version and language, safe in a URL and on every system."""
    title = slugify(config.title, "-") or "manual"
    version = re.sub(r"[^\w.-]", "-", manual.version or "draft", flags=re.ASCII)
    return f"{title}-{version}-{manual_language(manual, config)}.pdf"


def manual_language(manual: Manual, config: Config) -> str:
    return manual.home.language if manual.home else config.language


def site_source(
    manual: Manual,
    config: Config,
    *,
    today: dt.date,
    deck: str | None = None,
    pdf: str | None = None,
    versions: tuple[str, ...] = (),
) -> SiteSource:
    """The docs tree for ``manual``; ``deck``, ``pdf`` and ``versions`` are the file names the site links to.

    With a ``pdf``, the tree holds the whole-manual page it is printed from (in the navigation too: it is
    made anyway). Without one it is left out: rendering every page a second time doubles the engine's work.
    """
    language = manual_language(manual, config)
    words = text_for(language, config.voice)
    placeholders = config.placeholders()
    files: dict[str, str | Path] = {}
    for path in sorted(config.manual_path.rglob("*")):
        relative = path.relative_to(config.manual_path).as_posix()
        if path.is_file() and not relative.endswith(".md") and not _hidden(relative):
            files[relative] = path  # images and other files the pages link to, copied as they are
    pages = {page.relative: render_markdown(page, placeholders, manual.glossary, today, config.voice) for page in manual.pages}
    for page in manual.pages:  # each topic page's "Questions or suggestions?" link pre-fills the form with the page
        link = prefilled(config, page_choice(page, language, config.voice)) if page.role == "topic" else ""
        files[page.relative] = f"---\naup_feedback_url: {json.dumps(link)}\n---\n\n{pages[page.relative]}" if link else (
            pages[page.relative]
        )
    nav = plan_nav(manual, language, config.voice)
    if pdf:
        files[PRINT_PAGE] = print_page(manual, config, pages, today, _in_order(manual, nav))
        nav = [*nav, {words["print"]: PRINT_PAGE}]
    for name in (STYLESHEET, SCRIPT):
        files[name] = THEME_DIR / name
    files[PRINT_STYLESHEET] = print_stylesheet(config, manual, language)
    files[RULE_IDS_FILE] = rule_record(manual)
    version = manual.version or ""
    extra = {
        "aup": {
            "feedback_url": config.organisation.feedback_url,
            "feedback_label": words["feedback"],
            "feedback_link": words["feedback_link"],
            "ack_url": confirm_link(config, version, language),
            "ack_link": words["ack_link"].format(version=version),
            "deck_path": f"{DOWNLOADS}/{deck}" if deck else "",
            "deck_label": words["deck"],
            "pdf_path": f"{DOWNLOADS}/{pdf}" if pdf else "",
            "pdf_label": words["pdf"].format(version=version),
            "versions": [{"path": f"{VERSIONS}/{name}", "name": name} for name in versions],
            "versions_label": words["versions"],
        }
    }
    if len(config.languages) > 1:  # one site per language, side by side: site/es/, site/en/
        extra["alternate"] = [
            {"name": text_for(code)["language_name"], "link": f"../{code}/{_home(config)}", "lang": code}
            for code in config.languages
        ]
    return SiteSource(files, nav, extra, language, config.title)


def _home(config: Config) -> str:
    return "index.html" if config.site.offline else ""


def root_page(editions: tuple[Config, ...], *, offline: bool) -> str:
    """The site's root in a manual of several languages: it opens the browser's language (else the source's)
    and, without scripts or while it loads, lists every language in its own words."""
    home = "index.html" if offline else ""
    codes = [edition.language for edition in editions]
    links = "\n".join(
        f'<li><a href="{code}/{home}" hreflang="{code}" lang="{code}">{_e(text_for(code)["language_name"])}</a></li>'
        for code in codes
    )
    heads = "\n".join(f'<link rel="alternate" hreflang="{code}" href="{code}/{home}">' for code in codes)
    title = " · ".join(_e(edition.title) for edition in editions)
    heading = "<br>".join(f'<span lang="{edition.language}">{_e(edition.title)}</span>' for edition in editions)
    asks = " · ".join(
        f'<span lang="{edition.language}">{_e(text_for(edition.language, edition.voice)["choose_language"])}</span>'
        for edition in editions
    )
    return f"""<!doctype html>
<html lang="{codes[0]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{heads}
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}}
a{{font-size:1.3rem}}li{{margin:.6rem 0}}</style>
<script>
(function () {{
  var offered = {json.dumps(codes)};
  var wanted = (navigator.languages || [navigator.language || ""]).map(function (tag) {{
    return String(tag).toLowerCase().split("-")[0];
  }});
  var chosen = wanted.filter(function (code) {{ return offered.indexOf(code) >= 0; }})[0] || offered[0];
  location.replace(chosen + "/{home}" + location.hash);
}})();
</script>
</head>
<body>
<h1>{heading}</h1>
<p>{asks}</p>
<ul>
{links}
</ul>
</body>
</html>
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def rule_record(manual: Manual) -> str:
    """The manual's rule IDs as ID -> page#anchor, one a line and sorted (small diffs where it is committed)."""
    ids = {rule.id: f"{page.relative}#{rule.anchor}" for page in manual.pages for rule in page.rules if rule.id}
    return json.dumps(ids, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/"))


# Links in a page, as Markdown writes them: inline ``](target)`` and reference ``[label]: target``.
_LINK = re.compile(r"(\]\(\s*<?|^\s{0,3}\[[^\]\n]+\]:\s*<?)([^)\s>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def print_page(manual: Manual, config: Config, pages: dict[str, str], today: dt.date, order: list[Page]) -> str:
    """The whole manual on one page: cover, contents, then every page of ``order`` (the navigation's)."""
    language = manual_language(manual, config)
    words = text_for(language, config.voice)
    anchors = {page.relative: "page-" + (slugify(page.relative.removesuffix(".md"), "-") or "home") for page in order}
    organisation = as_markdown_text(config.organisation.name) if config.organisation.name else ""
    version = words["cover_version"].format(version=manual.version or "-", date=format_date(today, language))
    out = [
        "---",
        "search:",
        "  exclude: true",  # every rule is found on its own page; the same text twice would double each result
        "---",
        "",
        '<div class="aup-cover">',
        f'<p class="aup-cover__organisation">{organisation}</p>' if organisation else "",
        f'<p class="aup-cover__title">{as_markdown_text(config.title)}</p>',
        f'<p class="aup-cover__version">{version}</p>',
        "</div>",
        "",
        f'<nav class="aup-contents" aria-label="{words["contents"]}" markdown>',
        f'<p class="aup-contents__title">{words["contents"]}</p>',
        "",
    ]
    for page in order:
        out.append(f"- [{as_markdown_text(page.title)}](#{anchors[page.relative]})")
        out.extend(f"    - [{as_markdown_text(rule.title)}](#{rule.anchor})" for rule in page.rules if rule.id)
    out += ["", "</nav>", ""]
    for page in order:
        body = _print_links(pages[page.relative], page, anchors)
        out += [f'<div class="aup-print-page" id="{anchors[page.relative]}"></div>', "", body, ""]
    return "\n".join(out)


def _in_order(manual: Manual, nav: list[NavItem]) -> list[Page]:
    """The pages ``nav`` lists, in its order."""
    order: list[Page] = []

    def walk(items: list[NavItem]) -> None:
        for item in items:
            for value in item.values():
                if isinstance(value, list):
                    walk(value)
                elif (page := manual.page(value)) is not None:
                    order.append(page)

    walk(nav)
    return order


def _print_links(markdown: str, page: Page, anchors: dict[str, str]) -> str:
    """A page's links as they must read on the print page: to the page's place in it, or from the manual's root."""
    folder = posixpath.dirname(page.relative)

    def relink(match: re.Match[str]) -> str:
        target = match.group(2)
        if _SCHEME.match(target) or target.startswith(("#", "/")):
            return match.group(0)
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path)) if path else page.relative
        if resolved in anchors:
            return match.group(1) + "#" + (fragment or anchors[resolved])
        return match.group(1) + resolved + (f"#{fragment}" if fragment else "")

    return _LINK.sub(relink, markdown)


def print_stylesheet(config: Config, manual: Manual, language: str) -> str:
    """The printed pages' running header and page numbers, in the manual's language (CSS page margin boxes)."""
    words = text_for(language, config.voice)
    header = " · ".join(part for part in (config.title, manual.version or "") if part)
    number = _css_text(words["running_page"], {"page": "counter(page)", "pages": "counter(pages)"})
    return (
        "/* aupkit: made by aup build from [tool.aup] and the manual's version; edit aup.css instead. */\n"
        "@page {\n  size: A4;\n  margin: 18mm 16mm 20mm;\n"
        f"  @top-right {{ content: {_css_string(header)}; font: 8pt sans-serif; color: #555; }}\n"
        f"  @bottom-right {{ content: {number}; font: 8pt sans-serif; color: #555; }}\n"
        "}\n@page :first {\n  @top-right { content: none; }\n  @bottom-right { content: none; }\n}\n"
    )


def _css_string(text: str) -> str:
    cleaned = " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{cleaned}"'


def _css_text(template: str, values: dict[str, str]) -> str:
    """``"Page {page} of {pages}"`` -> ``"Page " counter(page) " of " counter(pages)``."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        if literal:
            parts.append('"' + literal.replace("\\", "\\\\").replace('"', '\\"') + '"')
        if name:
            parts.append(values[name])
    return " ".join(parts)
