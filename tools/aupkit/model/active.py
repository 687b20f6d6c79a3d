"""Active content in a page: what would run in every reader's browser if the site published it.

The manual is written by a few people and read by everyone, so a page may not carry scripts,
frames, event handlers or ``javascript:`` links, whether as raw HTML, through an attribute list
(``{: onclick=... }``) or as a Markdown link. Harmless tags an organisation wants (``<details>``,
``<kbd>``) can be allowed in ``[tool.aup.site] allowed_html``; tags that run or embed content can
never be. The page's source is scanned as written (code spans and fenced code aside), so the check
does not depend on which Markdown parser renders the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from ..languages import words
from .types import Diagnostic

# Tags that run code, embed another document, or change where the page's links and forms go.
NEVER_ALLOWED = frozenset(
    (
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base",
        "form", "input", "button", "textarea", "select", "option", "svg", "math", "template", "portal", "noscript",
    )
)  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]*)>")
_HANDLER = re.compile(r"(?<![\w-])on[a-z]+\s*=", re.I)
_URL_ATTRIBUTE = re.compile(
    r"(?<![\w-])(?:href|src|action|formaction|xlink:href)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I
)
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")


def active_content(
    text: str, path: Path, allowed_tags: Iterable[str] = (), said: dict[str, str] | None = None
) -> list[Diagnostic]:
    """Errors for every piece of active content in the page ``text`` (its whole source), in ``said``'s words."""
    said = said or words("en", "check")
    allowed = {tag.lower() for tag in allowed_tags} - NEVER_ALLOWED
    scanned = _blank(_CODE_SPAN, _blank(_FENCE, text))
    scanned = _blank(_COMMENT, scanned)
    problems: list[Diagnostic] = []

    def report(offset: int, code: str, message: str, fix: str) -> None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.append(Diagnostic(path, line, code, message, fix, column=column))

    for match in _TAG.finditer(scanned):
        name, attributes = match.group(1).lower(), match.group(2)
        if name not in allowed:
            fix = said["html-never.fix" if name in NEVER_ALLOWED else "html-not-allowed.fix"].format(name=name)
            report(match.start(), "html-not-allowed", said["html-not-allowed"].format(name=name), fix)
            continue
        _check_attributes(attributes, match.start(), report)
    for match in _ATTRIBUTE_LIST.finditer(scanned):
        _check_attributes(match.group(1), match.start(), report)
    for pattern in (_LINK, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(scanned):
            if _dangerous(match.group(1)):
                report(
                    match.start(1),
                    "link-scheme-not-allowed",
                    f"a link to '{match.group(1)[:40]}' would run or embed code in the reader's browser",
                    "link to an https:, http: or mailto: address, or to a page of the manual",
                )
    return problems


def _check_attributes(attributes: str, offset: int, report) -> None:
    handler = _HANDLER.search(attributes)
    if handler:
        report(
            offset,
            "html-event-handler",
            f"the attribute '{handler.group(0).rstrip('= ')}' runs code when a reader's browser shows the page",
            "remove it: pages hold text and links, not scripts",
        )
    for url in _URL_ATTRIBUTE.finditer(attributes):
        if _dangerous(url.group(1).strip("\"'")):
            report(
                offset,
                "link-scheme-not-allowed",
                f"the address '{url.group(1)[:40]}' would run or embed code in the reader's browser",
                "use an https:, http: or mailto: address",
            )


def _dangerous(url: str) -> bool:
    """True for a javascript:, vbscript: or data: address, however it is spelled or encoded."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url.strip("\"'<>"))).lower()
    return plain.startswith(DANGEROUS_SCHEMES)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with each match replaced by spaces (line ends kept), so offsets stay where they were."""
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
