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

from .redact import clean

_ALWAYS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {
    char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+|~^=$%@"
}  # fmt: skip
_INSIDE_WORD = {char: f"&#{ord(char)};" for char in ".:"}


def literal(text: str) -> str:
    """One line of Markdown that shows ``text`` literally (control and bidi characters removed)."""
    flat = " ".join(clean(text).split())
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
