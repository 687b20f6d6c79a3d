"""Prose rules as data: YAML files per language, plus the organisation's own words from configuration.

Two coded kinds read this data: ``substitution`` (a word and its plainer
replacement) and ``existence`` (a word that should not be there). ``scope``
limits a rule to text inside rules (``rule``) or to Do/Don't lists (``do-dont``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..config import Lint
from ..errors import ConfigError
from ..model import Severity
from .types import DATA

SCOPES = ("all", "rule", "do-dont")


@dataclass(frozen=True)
class WordRule:
    """A data-driven rule: words or phrases to find, its message and, for substitutions, the replacements."""

    code: str
    kind: str
    severity: Severity
    message: str
    suggestion: str
    scope: str
    replacements: dict[str, str]  # lowercased match -> replacement (substitution only)
    # (first word, regex) of each alternative in the pattern's order; first word None: one with no word characters
    alternatives: tuple[tuple[str | None, str], ...] = ()
    examples_pass: tuple[str, ...] = ()
    examples_fail: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageRules:
    """One language's shipped word rules and the acronyms everyone knows."""

    language: str
    rules: tuple[WordRule, ...]
    known_acronyms: frozenset[str]


WORD = re.compile(r"[\w'’-]+")  # a word as the rules' patterns bound it
BEFORE, AFTER = r"(?<![\w'’-])", r"(?![\w'’-])"


def _ordered(alternatives: list[str]) -> tuple[tuple[str | None, str], ...]:
    """(first word, regex) of each alternative, longest first (the order the rule's pattern tries them).

    The first word is the first run of word characters, lowercased: an alternative can only
    match in a sentence that has it as a whole word, so sentences without it skip the regex.
    """
    ordered = sorted(set(alternatives), key=len, reverse=True)
    return tuple(
        (next((m.group(0).lower() for m in WORD.finditer(phrase)), None),
         r"\s+".join(re.escape(word) for word in phrase.split()))
        for phrase in ordered
    )  # fmt: skip


def _word_rule(entry: dict, where: str) -> WordRule:
    kind = entry.get("kind")
    code = entry.get("code")
    if kind not in ("substitution", "existence") or not code:
        raise ConfigError(f"{where}: each rule needs a 'code' and a 'kind' of substitution or existence")
    scope = entry.get("scope", "all")
    if scope not in SCOPES:
        raise ConfigError(f"{where}: rule {code}: scope {scope!r} is not one of {', '.join(SCOPES)}")
    replacements: dict[str, str] = {}
    alternatives: list[str] = []
    if kind == "substitution":
        for forms, replacement in (entry.get("swap") or {}).items():
            for form in str(forms).split("|"):
                replacements[" ".join(form.lower().split())] = str(replacement)
                alternatives.append(form)
    else:
        alternatives = [str(token) for token in entry.get("tokens") or ()]
    if not alternatives:
        raise ConfigError(f"{where}: rule {code} has no words to look for")
    examples = entry.get("examples") or {}
    ordered = _ordered(alternatives)
    return WordRule(
        code=code,
        kind=kind,
        severity=entry.get("severity", "warning"),
        message=entry.get("message", "'{match}'"),
        suggestion=entry.get("suggestion", ""),
        scope=scope,
        replacements=replacements,
        alternatives=ordered,
        examples_pass=tuple(examples.get("pass", ())),
        examples_fail=tuple(examples.get("fail", ())),
    )


@cache
def builtin_rules(language: str) -> LanguageRules:
    """The shipped rules for ``language`` (data/<language>.yaml)."""
    data = rule_data(language)
    rules = tuple(_word_rule(entry, f"aupkit/lint/data/{language}.yaml") for entry in data.get("rules", ()))
    return LanguageRules(language, rules, frozenset(data.get("known_acronyms", ())))


@cache
def rule_data(language: str) -> dict:
    """data/<language>.yaml as read by PyYAML."""
    import yaml

    text = DATA.joinpath(f"{language}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # our own data: the fast loader


def organisation_rules(lint: Lint) -> tuple[WordRule, ...]:
    """``banned_words`` and ``preferred_terms`` from configuration, as rules for every language."""
    rules: list[WordRule] = []
    for word, advice in lint.banned_words.items():
        rules.append(
            WordRule(
                "word-banned",
                "existence",
                "error",
                "'{match}' is on your organisation's banned list",
                advice,
                "all",
                {},
                alternatives=_ordered([word]),
            )
        )
    for word, preferred in lint.preferred_terms.items():
        rules.append(
            WordRule(
                "term-preferred",
                "substitution",
                "warning",
                "your organisation writes '{replacement}', not '{match}'",
                "write '{replacement}'",
                "all",
                {" ".join(word.lower().split()): preferred},
                alternatives=_ordered([word]),
            )
        )
    return tuple(rules)


def replacement_for(rule: WordRule, match: str) -> str:
    """The replacement for a matched word, in the same case style (first letter capital, or not)."""
    replacement = rule.replacements.get(" ".join(match.lower().split()), "")
    if match[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement
