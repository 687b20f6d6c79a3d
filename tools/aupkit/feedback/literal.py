"""Feedback text as Markdown that renders as exactly that text, whatever extensions the site uses.

Every character that Markdown or an extension could read as markup (HTML,
emphasis, links, attribute lists ``{: ...}``, snippet directives ``--8<--``,
placeholders ``{{ }}``, emoji ``:name:``, keys ``++ctrl++``, maths ``$``...)
becomes a numeric character reference, which Python-Markdown passes through as
a literal character. ``.`` and ``:`` are escaped only inside a word, where they
could start an automatic link (``www.example.com``, ``javascript:``), so
ordinary sentences stay readable in the page source; ``-`` only when doubled. Whitespace, line breaks
included, collapses to single spaces: an entry is one paragraph.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from .redact import clean

_ALWAYS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {
    char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+|~^=$%@"
}  # fmt: skip
_INSIDE_WORD = {char: f"&#{ord(char)};" for char in ".:"}


def literal(text: str) -> str:
    """One line of Markdown that shows ``text`` literally (control and bidi characters removed)."""
    return _escaped(" ".join(clean(text).split()))


def _escaped(flat: str) -> str:
    """``flat`` (one line, already cleaned) with every character that could be markup escaped."""
    out = []
    for index, char in enumerate(flat):
        if char in _ALWAYS:
            out.append(_ALWAYS[char])
        elif char in _INSIDE_WORD and index + 1 < len(flat) and not flat[index + 1].isspace():
            out.append(_INSIDE_WORD[char])
        elif char == "-" and "--" in flat[max(0, index - 1) : index + 2]:
            out.append("&#45;")  # "--" starts snippet directives and becomes a dash with some extensions
        else:
            out.append(char)
    return "".join(out)


# What an answer (written by the organisation's reviewers, not by staff) may use: **bold**, a link to a rule
# (#rule-id) or a page of the manual (page.md, page.md#anchor), and a {{ placeholder }} the manual knows.
_SAFE = re.compile(
    r"\*\*(?P<bold>[^*\n]{1,200}?)\*\*"
    r"|\[(?P<label>[^\[\]\n]{1,200})\]\((?P<target>[^()\s]{1,200})\)"
    r"|\{\{\s*(?P<name>[\w.]{1,60})\s*\}\}"
)


@dataclass(frozen=True)
class Targets:
    """What an answer may link to and fill in: rule ID -> (its page, its anchor), the pages, the placeholders."""

    rules: dict[str, tuple[str, str]] = field(default_factory=dict)
    pages: frozenset[str] = frozenset()
    placeholders: frozenset[str] = frozenset()


def answer_markdown(text: str, targets: Targets, from_page: str) -> tuple[str, list[str]]:
    """An answer as one line of Markdown: the safe subset kept, everything else literal; and what was not kept
    (a link to something that is not in the manual, an unknown placeholder), for the reviewer to fix."""
    flat = " ".join(clean(text).split())
    out, problems, done = [], [], 0
    for match in _SAFE.finditer(flat):
        out.append(_escaped(flat[done : match.start()]))
        done = match.end()
        if match["bold"] is not None:
            out.append(f"**{_escaped(match['bold'].strip())}**")
        elif match["label"] is not None:
            link = _link(match["target"], targets, from_page)
            if link is None:
                problems.append(f"the link '{match['target']}' is not a rule (#rule-id) or a page of the manual")
                out.append(_escaped(match.group(0)))
            else:
                out.append(f"[{_escaped(match['label'])}]({link})")
        elif match["name"] in targets.placeholders:
            out.append("{{ " + match["name"] + " }}")
        else:
            problems.append(f"'{{{{ {match['name']} }}}}' is not a placeholder of the manual")
            out.append(_escaped(match.group(0)))
    out.append(_escaped(flat[done:]))
    return "".join(out), problems


def _link(target: str, targets: Targets, from_page: str) -> str | None:
    page, _, anchor = target.partition("#")
    if not page:  # #rule-id: the rule, wherever it is
        found = targets.rules.get(anchor)
        if found is None:
            return None
        where, rule_anchor = found
        relative = posixpath.relpath(where, posixpath.dirname(from_page) or ".")
        return f"#{rule_anchor}" if where == from_page else f"{relative}#{rule_anchor}"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), page))
    if resolved not in targets.pages or not re.fullmatch(r"[\w.-]*", anchor):
        return None
    return target
