"""Link feedback to a rule: an explicit rule column first, else rule IDs and titles found in the text.

When there is no single clear match the item stays unassigned: a wrong link is
worse than none, since the reviewer sees unassigned items first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # accents
_NOT_WORD = re.compile(r"[^\w-]+")


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation as spaces, whitespace collapsed."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@dataclass(frozen=True)
class RuleIndex:
    """Rule IDs and folded titles of the manual."""

    titles: dict[str, str]  # id -> folded title
    ids: re.Pattern[str] | None = None  # any rule ID as a whole word

    @classmethod
    def of(cls, rules: Iterable[tuple[str, str]]) -> RuleIndex:
        titles = {rule_id: fold(title) for rule_id, title in rules}
        alternatives = "|".join(re.escape(rule_id) for rule_id in sorted(titles, key=len, reverse=True))
        return cls(titles, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if titles else None)

    def from_column(self, value: str) -> str | None:
        """A rule named in a rule column: its ID, its title, or text holding exactly one of them."""
        value = value.strip()
        if value in self.titles:
            return value
        folded = fold(value)
        exact = [rule_id for rule_id, title in self.titles.items() if title == folded]
        if len(exact) == 1:
            return exact[0]
        return self.from_text(value)

    def from_text(self, text: str) -> str | None:
        """The one rule whose ID or title appears in the text; None when none or several do."""
        folded = f" {fold(text)} "
        ids = set(self.ids.findall(text)) if self.ids else set()
        if len(ids) == 1:
            return ids.pop()
        if ids:
            return None
        titles = {rule_id for rule_id, title in self.titles.items() if title and f" {title} " in folded}
        return titles.pop() if len(titles) == 1 else None
