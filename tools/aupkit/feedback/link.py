"""Link feedback to a rule: an explicit rule column first, else rule IDs and titles found in the text.

When there is no single clear match the item stays unassigned: a wrong link is
worse than none, since the reviewer sees unassigned items first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation as spaces, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w-]+", " ", plain).split())


@dataclass(frozen=True)
class RuleIndex:
    """Rule IDs and folded titles of the manual."""

    titles: dict[str, str]  # id -> folded title

    @classmethod
    def of(cls, rules: Iterable[tuple[str, str]]) -> RuleIndex:
        return cls({rule_id: fold(title) for rule_id, title in rules})

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.titles

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
        ids = {rule_id for rule_id in self.titles if re.search(rf"(?<![\w-]){re.escape(rule_id)}(?![\w-])", text)}
        if len(ids) == 1:
            return ids.pop()
        if ids:
            return None
        titles = {rule_id for rule_id, title in self.titles.items() if title and f" {title} " in folded}
        return titles.pop() if len(titles) == 1 else None
