"""Statements that depend on how the organisation is set up: markers in a page's source. Pure.

* ``<!-- aup:confirm KEY -->`` after a statement: true only if the organisation confirms it. The marker is
  recorded (line, key) and taken out; ``aup check`` lists each one until KEY is in ``[tool.aup] confirmed``.
* ``<!-- aup:when SETTING=VALUE -->`` on a line: the line is kept only when ``[tool.aup.organisation]``'s
  SETTING has that value (a blank line otherwise), so a page shows the text that is true for the setup.

Lines keep their numbers, so every diagnostic still points at the line on disk. Nothing of a marker reaches
the site, the deck or the PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .types import Diagnostic, Page

MARKER = re.compile(r"[ \t]*<!--[ \t]*aup:(confirm|when)\b[ \t]*(.*?)[ \t]*-->[ \t]*")
KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
CONDITION = re.compile(r"([a-z_][a-z0-9_]*)[ \t]*=[ \t]*([A-Za-z0-9_.-]+)")


class Confirm(NamedTuple):
    line: int
    key: str


class Resolved(NamedTuple):
    text: str
    confirms: tuple[Confirm, ...]
    problems: tuple[tuple[int, str], ...]  # (line, what is wrong): a marker that cannot be read


def resolve(text: str, settings: dict[str, str]) -> Resolved:
    """The text as the organisation's setup makes it (markers out, lines of other setups blanked).

    ``settings``: the placeholder values (``org.<setting>`` -> value), which hold the organisation's settings.
    """
    if "aup:" not in text:
        return Resolved(text, (), ())
    lines = text.split("\n")
    confirms: list[Confirm] = []
    problems: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if "aup:" not in line:
            continue
        keep = True
        for kind, argument in MARKER.findall(line):
            if kind == "confirm":
                if KEY.fullmatch(argument):
                    confirms.append(Confirm(index + 1, argument))
                else:
                    problems.append((index + 1, f"'aup:confirm {argument}': a key is lowercase letters, digits and -"))
                continue
            condition = CONDITION.fullmatch(argument)
            setting = f"org.{condition.group(1)}" if condition else ""
            if condition is None or setting not in settings:
                known = ", ".join(sorted(name.removeprefix("org.") for name in settings if name.startswith("org.")))
                problems.append((index + 1, f"'aup:when {argument}': write SETTING=VALUE with one of: {known}"))
                continue
            keep = keep and settings[setting] == condition.group(2)
        lines[index] = _strip(line) if keep else ""
    return Resolved("\n".join(lines), tuple(confirms), tuple(problems))


def _strip(line: str) -> str:
    """The line without its markers: a marker between words leaves one space."""
    return MARKER.sub(lambda match: " " if match.start() and match.end() < len(line) else "", line)


def unconfirmed(
    pages: Iterable[Page], confirmed: Iterable[str], said: Callable[[str], dict[str, str]]
) -> list[Diagnostic]:
    """A warning for each marked statement whose key the organisation has not confirmed, in the page's words."""
    done = set(confirmed)
    found = []
    for page in pages:
        words = said(page.language)
        for line, key in page.confirms:
            if key not in done:
                message, fix = words["unconfirmed"].format(key=key), words["unconfirmed.fix"].format(key=key)
                found.append(Diagnostic(page.path, line, "unconfirmed", message, fix, "warning"))
    return found


def checklist(pages: Iterable[Page], confirmed: Iterable[str]) -> dict[str, list[tuple[Page, int]]]:
    """Each key still to confirm -> where it is used (page, line), in page order: the adoption checklist."""
    done = set(confirmed)
    keys: dict[str, list[tuple[Page, int]]] = {}
    for page in pages:
        for line, key in page.confirms:
            if key not in done:
                keys.setdefault(key, []).append((page, line))
    return keys
