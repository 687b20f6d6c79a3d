"""The coded kinds of check. Each returns raw findings (default severity, before configuration and suppression)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..config import Lint, LintTargets
from ..model import Manual, Page, is_tip
from . import metrics
from .prose import Located, Locator, Passage
from .rules import AFTER, BEFORE, WordRule, replacement_for
from .types import Counts, Finding, Sentence, Target


@dataclass(frozen=True)
class Check:
    """Everything about a lint check, declared once: its default severity (which SARIF's level follows),
    the description the SARIF rule and docs/lint.md give, and whether the HTML report highlights its words."""

    severity: str
    description: str
    highlight: bool = False


# Every code aup lint itself reports, with its default severity and what it means (SARIF rules, docs).
CODES: dict[str, Check] = {
    "sentence-long": Check("warning", "A sentence longer than the configured number of words."),
    "sentence-hard": Check("info", "A hard sentence: its reading grade is above the hard-sentence limit."),
    "sentence-very-hard": Check("warning", "A very hard sentence: split it or use shorter words."),
    "paragraph-long": Check("warning", "A paragraph longer than the configured number of words."),
    "word-complex": Check("warning", "A complex word or phrase with a plainer alternative.", highlight=True),
    "obligation-shall": Check("warning", "'shall' where 'must' says the same thing plainly.", highlight=True),
    "obligation-should": Check("warning", "'should' in a Do/Don't list: required or not?", highlight=True),
    "rule-vague": Check("warning", "A vague qualifier inside a rule ('appropriate', 'reasonable'...).", highlight=True),
    "word-banned": Check("error", "A word your organisation has banned.", highlight=True),
    "term-preferred": Check("warning", "A word your organisation writes differently.", highlight=True),
    "acronym-undefined": Check(
        "warning", "An acronym with no glossary entry and no expansion at first use.", highlight=True
    ),
    "passive-voice": Check("info", "Passive voice (heuristic): say who does what."),
    "gerund-overuse": Check("info", "Spanish: a sentence that opens with a gerund or strings two or more together."),
    "page-readability": Check("error", "The page misses a readability target for its language and audience."),
    "review-overdue": Check("warning", "The page's review date has passed (last_reviewed + review_every)."),
    "suppression-unused": Check("warning", "An aup-lint suppression comment that suppresses nothing."),
    "suppression-unknown-code": Check("warning", "An aup-lint suppression comment naming a code that does not exist."),
}
# Codes of the document model's diagnostics (the same as 'aup check'); they can be configured like the others.
MODEL_CODES = frozenset(
    [
        "faq-block-nested",
        "faq-block-repeated",
        "faq-block-unclosed",
        "faq-block-unmatched-end",
        "faq-block-wrong-rule",
        "faq-marker-malformed",
        "front-matter-missing",
        "front-matter-unclosed",
        "front-matter-yaml",
        "glossary-entry-malformed",
        "language-invalid",
        "last-reviewed-invalid",
        "list-needs-blank-line",
        "manual-empty",
        "not-text",
        "not-utf8",
        "page-no-rules",
        "placeholder-unknown",
        "review-every-invalid",
        "rule-id-duplicate",
        "rule-id-invalid",
        "rule-id-missing",
        "rule-key-message-missing",
        "rule-label-repeated",
        "rule-label-without-list",
        "rule-why-missing",
        "summary-multiline",
        "title-missing",
        "version-invalid",
        "owner-missing",
        "version-missing",
        "last-reviewed-missing",
        "review-every-missing",
        "summary-missing",
        "rule-do-missing",
        "rule-dont-missing",
        "unreadable",
        "page-too-large",
        "page-outside-project",
        "html-not-allowed",
        "html-event-handler",
        "link-scheme-not-allowed",
    ]
)

_WORD = re.compile(r"[\w'’-]+")
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&]*[A-Z0-9])(s?)(?![\w-])")
# Each passive pattern starts with a lookahead for the first letters of its verbs: the regex engine then skips
# other positions at once instead of trying every verb there (same matches, about a third faster).
_EN_PASSIVE = re.compile(
    r"(?=[aibw])(?<![\w'])"
    r"(?:am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't|is not|are not|was not|were not)"
    r"\s+(?:\w+ly\s+)?(\w+ed|known|given|taken|sent|made|done|seen|shown|written|kept|lost|stolen|found|told|held|"
    r"set|put|left|bought|sold|built|paid|caught|brought|chosen|hidden|forbidden|forgotten|spoken|broken|"
    r"shared|run|read|meant|won|understood|hit|cut|shut)\b",
    re.IGNORECASE,
)
_EN_NOT_PARTICIPLE = frozenset(
    [
        "need",
        "bed",
        "red",
        "shed",
        "sped",
        "fed",
        "led",
        "bred",
        "wed",
        "feed",
        "seed",
        "speed",
        "weed",
        "hundred",
        "tired",
        "interested",
        "worried",
        "excited",
        "bored",
        "pleased",
        "scared",
        "ashamed",
        "aged",
        "naked",
        "wicked",
        "sacred",
    ]
)
_ES_PASSIVE = re.compile(
    r"(?=[esf])(?<![\w])(?:es|son|fue|fueron|era|eran|será|serán|sería|serían|sea|sean|sido|ser|siendo)\s+"
    r"(?:\w+mente\s+)?"
    r"(\w+(?:ado|ada|ados|adas|ido|ida|idos|idas)|hecho|hecha|escrito|escrita|visto|vista|puesto|puesta|abierto|"
    r"abierta|dicho|dicha|roto|rota|devuelto|devuelta|cubierto|cubierta)\b",
    re.IGNORECASE,
)
_ES_NOT_PARTICIPLE = frozenset(
    [
        "adecuado",
        "adecuada",
        "adecuados",
        "adecuadas",
        "privado",
        "privada",
        "cuidado",
        "delicado",
        "delicada",
        "complicado",
        "complicada",
        "pesado",
        "pesada",
        "moderado",
        "moderada",
        "sagrado",
        "apropiado",
        "apropiada",
        "necesario",
        "vida",
        "medida",
        "salida",
        "partida",
        "comida",
        "bebida",
        "ida",
        "todo",
        "toda",
        "nada",
        "cada",
        "demasiado",
        "demasiada",
        "demasiados",
        "demasiadas",
        "pasado",
        "pasada",
        "estado",
        "lado",
        "grado",
        "mercado",
        "resultado",
        "sentido",
        "contenido",
        "partido",
        "ruido",
    ]
)


class ScoredSentence(NamedTuple):
    """A sentence's counts and difficulty; where it starts is looked up only when something needs it."""

    located: Located
    counts: Counts
    grade: float | None  # Flesch-Kincaid grade (English) or Szigriszt-Pazos ease (Spanish)
    difficulty: str  # ok, hard, very-hard


def score_sentences(
    passages: Iterable[Passage], language: str, lint: Lint
) -> list[tuple[Passage, list[ScoredSentence]]]:
    """Counts and difficulty of every sentence, passage by passage."""
    scored = []
    spanish = language == "es"
    for passage in passages:
        sentences: list[ScoredSentence] = []
        for located in passage.sentences:
            counts = metrics.count(located.text, language)
            grade, ease = metrics.sentence_difficulty(counts, language)
            difficulty = "ok"
            if counts.words >= 10:
                if spanish and ease is not None:
                    if ease < lint.very_hard_sentence_ease:
                        difficulty = "very-hard"
                    elif ease < lint.hard_sentence_ease:
                        difficulty = "hard"
                elif grade is not None:
                    if grade >= lint.very_hard_sentence_grade:
                        difficulty = "very-hard"
                    elif grade >= lint.hard_sentence_grade:
                        difficulty = "hard"
            sentences.append(ScoredSentence(located, counts, grade if grade is not None else ease, difficulty))
        scored.append((passage, sentences))
    return scored


def as_sentences(scored: list[tuple[Passage, list[ScoredSentence]]]) -> tuple[Sentence, ...]:
    """Every scored sentence with its position, for the reviewer's report."""
    return tuple(
        Sentence(s.located.text, s.located.line, s.located.column, s.counts, s.grade, s.difficulty, index,
                 passage.block.kind, passage.part)
        for index, (passage, sentences) in enumerate(scored)
        for s in sentences
    )  # fmt: skip


def sentence_findings(
    page: Page, scored: list[tuple[Passage, list[ScoredSentence]]], lint: Lint, said: dict[str, str]
) -> Iterator[Finding]:
    """Long sentences, hard and very hard sentences, long paragraphs; ``said``: the page's ``lint`` words."""
    for passage, sentences in scored:
        total = 0
        for sentence in sentences:
            words = sentence.counts.words
            total += words
            if words > lint.long_sentence_words:
                yield Finding(
                    page.path, sentence.located.line, sentence.located.column, "sentence-long", "warning",
                    said["sentence-long"].format(words=words, limit=lint.long_sentence_words),
                    said["sentence-long.fix"],
                )  # fmt: skip
            if sentence.difficulty != "ok":
                score = f"{sentence.grade:.0f}" if sentence.grade is not None else "?"
                very = sentence.difficulty == "very-hard"
                message = said["sentence-very-hard" if very else "sentence-hard"].format(score=score)
                where = sentence.located
                yield Finding(
                    page.path, where.line, where.column, "sentence-very-hard" if very else "sentence-hard",
                    "warning" if very else "info", message, said["sentence-hard.fix"],
                )  # fmt: skip
        if passage.block.kind in ("paragraph", "blockquote_paragraph") and total > lint.long_paragraph_words:
            first = sentences[0].located if sentences else None
            yield Finding(
                page.path, first.line if first else passage.block.span.start, first.column if first else 1,
                "paragraph-long", "warning",
                said["paragraph-long"].format(words=total, limit=lint.long_paragraph_words),
                said["paragraph-long.fix"],
            )  # fmt: skip


def _in_scope(rule: WordRule, passage: Passage) -> bool:
    if rule.scope == "all":
        return True
    if rule.scope == "do-dont":  # the rules of Do and Don't lists: not the items marked as tips
        return passage.part in ("do", "dont") and not is_tip(passage.block.text)
    return passage.part is not None


def _position(locator: Locator, located: Located, text: str, last_line: int, before: str = "") -> tuple[int, int]:
    """Where ``text`` (found after ``before`` in the sentence) starts in the source.

    Found by its first word, skipping as many stand-alone copies of that word as ``before`` holds:
    'a fin de' after 'enviados a una impresora' is the second stand-alone 'a', not the first.
    """
    first = text.split()[0] if text.split() else text
    skip = len(re.findall(rf"(?<!\w){re.escape(first)}(?!\w)", before)) if first[-1:].isalnum() else 0
    line, column = located.line, located.column
    found = None
    for _ in range(skip + 1):
        found = locator.find(first, line, column, last_line)
        if found is None:
            break
        line, column = found[0], found[1] + 1
    return found or (located.line, located.column)


class _RuleSet:
    """A language's word rules, and for each word the rules that have an alternative starting with it.

    A sentence is scanned with one regex of only the rules whose first words it has (made once per set of
    rules and kept): rules left out cannot match there, so the matches are those of one regex of all the rules.
    Measured against one regex of all the rules behind a check that the sentence has any rule's first word
    (bench/user_speed.py manuals, 2026-12-03): 0.7 s less on 1,000 pages, 0.1 s on 100.
    """

    def __init__(self, alternatives: tuple[tuple[tuple[str | None, str], ...], ...]) -> None:
        self.alternatives = alternatives
        self.by_word: dict[str, set[int]] = {}
        for index, rule in enumerate(alternatives):
            for word, _ in rule:
                self.by_word.setdefault(word or "", set()).add(index)
        self.anywhere = frozenset(self.by_word.pop("", ()))  # an alternative without a word character
        self.patterns: dict[tuple[int, ...], re.Pattern[str]] = {}

    def pattern(self, text: str) -> re.Pattern[str] | None:
        picked = set(self.anywhere)
        for word in self.by_word.keys() & set(_WORD.findall(text.lower())):
            picked |= self.by_word[word]
        if not picked:
            return None
        key = tuple(sorted(picked))
        if key not in self.patterns:
            groups = "|".join(f"(?P<r{i}>{'|'.join(body for _, body in self.alternatives[i])})" for i in key)
            self.patterns[key] = re.compile(f"{BEFORE}(?:{groups}){AFTER}", re.IGNORECASE)
        return self.patterns[key]


@lru_cache(maxsize=32)
def _rule_set(alternatives: tuple[tuple[tuple[str | None, str], ...], ...]) -> _RuleSet:
    return _RuleSet(alternatives)


def rule_matches(
    rules: tuple[WordRule, ...], text: str, found: _RuleSet | None = None
) -> Iterator[tuple[WordRule, re.Match[str]]]:
    """Each rule's words in ``text``, left to right; where two rules' words overlap, the first rule's.
    ``found``: the rules' ``_rule_set``, when the caller has it."""
    pattern = (found or _rule_set(tuple(rule.alternatives for rule in rules))).pattern(text)
    for match in pattern.finditer(text) if pattern else ():
        yield rules[int(match.lastgroup[1:])], match  # type: ignore[index]


def word_findings(
    page: Page, passages: Iterable[Passage], rules: Iterable[WordRule], locator: Locator
) -> Iterator[Finding]:
    """Substitution and existence rules over every sentence in their scope."""
    rules = tuple(rules)
    found = _rule_set(tuple(rule.alternatives for rule in rules))
    for passage in passages:
        for located in passage.sentences:
            for rule, match in rule_matches(rules, located.text, found):
                if not _in_scope(rule, passage):
                    continue
                word = match.group(0)
                replacement = replacement_for(rule, word)
                line, column = _position(locator, located, word, passage.block.span.end, located.text[: match.start()])
                yield Finding(
                    page.path, line, column, rule.code, rule.severity,
                    rule.message.format(match=word, replacement=replacement),
                    rule.suggestion.format(match=word, replacement=replacement) or None,
                )  # fmt: skip


def defined_acronyms(manual: Manual) -> frozenset[str]:
    """Acronyms the glossary explains: any all-capitals word in a glossary term."""
    found: set[str] = set()
    for entry in manual.glossary:
        found.update(match.group(1) for match in _ACRONYM.finditer(entry.term))
    return frozenset(found)


def acronym_findings(
    page: Page,
    passages: Iterable[Passage],
    known: frozenset[str],
    locator: Locator,
    easy_words: Container[str],
    said: dict[str, str],
) -> Iterator[Finding]:
    """An acronym not in the glossary, not well known, and not expanded in brackets at its first use on the page."""
    if page.role == "glossary":
        return
    seen: set[str] = set()
    for passage in passages:
        for located in passage.sentences:
            for match in _ACRONYM.finditer(located.text):
                acronym = match.group(1)
                if acronym in seen or acronym in known or acronym.lower() in easy_words:
                    continue
                letters = sum(char.isalpha() for char in acronym)
                if not 2 <= letters <= 5 or (letters == 2 and any(char.isdigit() for char in acronym)):
                    continue  # 'README' and other words in capitals are names, not acronyms
                seen.add(acronym)
                before = located.text[: match.start()].rstrip()
                after = located.text[match.end() :].lstrip()
                if before.endswith("(") or after.startswith("("):
                    continue  # "multi-factor authentication (MFA)" or "MFA (multi-factor authentication)"
                if after[:1].isdigit():
                    continue  # part of a document's number, as in "NIST SP 800-114" or "ISO 27001": a name
                line, column = _position(locator, located, acronym, passage.block.span.end)
                yield Finding(
                    page.path, line, column, "acronym-undefined", "warning",
                    said["acronym-undefined"].format(acronym=acronym),
                    said["acronym-undefined.fix"].format(acronym=acronym),
                )  # fmt: skip


def passive_findings(
    page: Page, passages: Iterable[Passage], locator: Locator, language: str, said: dict[str, str]
) -> Iterator[Finding]:
    """Passive voice, by a form of 'to be' (or 'ser') followed by a participle. A heuristic: info only."""
    es = language == "es"
    pattern, exclude = (_ES_PASSIVE, _ES_NOT_PARTICIPLE) if es else (_EN_PASSIVE, _EN_NOT_PARTICIPLE)
    for passage in passages:
        for located in passage.sentences:
            for match in pattern.finditer(located.text):
                participle = match.group(1).lower()
                if participle in exclude or (not es and participle.startswith("un")):
                    continue  # 'is unexpected', 'left unattended': adjectives, not passives
                phrase = match.group(0)
                line, column = _position(
                    locator, located, phrase, passage.block.span.end, located.text[: match.start()]
                )
                yield Finding(
                    page.path, line, column, "passive-voice", "info",
                    said["passive-voice"].format(phrase=phrase), said["passive-voice.fix"],
                )  # fmt: skip


# 'se' with a verb in the future: 'se bloqueará tu cuenta' hides who will do it (IT? the system? your manager?).
_ES_SE_FUTURE = re.compile(r"(?<![\w])se\s+(\w+(?:ará|erá|irá|arán|erán|irán))\b", re.IGNORECASE)
_ES_GERUND = re.compile(
    r"(?<![\w])(\w{2,}(?:ando|iendo|yendo))(?:(?:se|le|les|lo|la|los|las|nos|me|te)\b)?", re.IGNORECASE
)
# Words that end like a gerund and are not one.
_ES_NOT_GERUND = frozenset(["cuando", "mando", "comando", "comandos", "bando", "blando", "contrabando", "nefando"])


def se_passive_findings(
    page: Page, passages: Iterable[Passage], locator: Locator, language: str, said: dict[str, str]
) -> Iterator[Finding]:
    """Spanish: the 'se' passive in the future, which states a consequence without saying who acts."""
    if language != "es":
        return
    for passage in passages:
        for located in passage.sentences:
            for match in _ES_SE_FUTURE.finditer(located.text):
                phrase = match.group(0)
                line, column = _position(
                    locator, located, phrase, passage.block.span.end, located.text[: match.start()]
                )
                yield Finding(
                    page.path, line, column, "passive-voice", "info",
                    said["passive-se"].format(phrase=phrase), said["passive-se.fix"],
                )  # fmt: skip


def gerund_findings(
    page: Page, passages: Iterable[Passage], locator: Locator, language: str, said: dict[str, str]
) -> Iterator[Finding]:
    """Spanish: a sentence that opens with a gerund, or holds two or more, reads like a legal text."""
    if language != "es":
        return
    for passage in passages:
        for located in passage.sentences:
            gerunds = [m for m in _ES_GERUND.finditer(located.text) if m.group(1).lower() not in _ES_NOT_GERUND]
            opens = bool(gerunds) and not located.text[: gerunds[0].start()].strip(" ¿¡-–—*_\"'")
            if len(gerunds) < 2 and not opens:
                continue
            first = gerunds[0].group(0)
            line, column = _position(
                locator, located, first, passage.block.span.end, located.text[: gerunds[0].start()]
            )
            shown = ", ".join(f"'{m.group(0)}'" for m in gerunds[:3])
            yield Finding(
                page.path, line, column, "gerund-overuse", "info",
                said["gerund-opens"].format(first=first) if opens else said["gerund-chain"].format(shown=shown),
                said["gerund.fix"],
            )  # fmt: skip


def review_findings(page: Page, today: dt.date, said: dict[str, str]) -> Iterator[Finding]:
    front = page.front_matter
    due = front.next_review if front else None
    if due is None or due >= today:
        return
    line = next(
        (number for number, text in enumerate(page.source.split("\n")[: front.end_line], 1)
         if text.startswith("last_reviewed")),
        1,
    )  # fmt: skip
    yield Finding(
        page.path, line, 1, "review-overdue", "warning",
        said["review-overdue"].format(due=due.isoformat(), last=front.last_reviewed, every=front.review_every),
        said["review-overdue.fix"],
    )  # fmt: skip


def targets_for(page: Page, lint: Lint, language: str) -> LintTargets:
    audience = page.front_matter.audience if page.front_matter else None
    if audience and audience in lint.audiences:
        return lint.audiences[audience]
    return lint.targets.get(language, LintTargets())


def page_targets(page: Page, scores: dict[str, float | None], lint: Lint, language: str) -> tuple[Target, ...]:
    wanted = targets_for(page, lint, language)
    if language == "es":
        pairs = [("szigriszt_pazos", "min", wanted.min_szigriszt_pazos)]
    else:
        pairs = [
            ("flesch_kincaid_grade", "max", wanted.max_grade),
            ("flesch_reading_ease", "min", wanted.min_reading_ease),
        ]
    return tuple(Target(metric, bound, value, scores.get(metric)) for metric, bound, value in pairs)


def target_findings(
    page: Page, targets: tuple[Target, ...], counts: Counts, lint: Lint, said: dict[str, str]
) -> Iterator[Finding]:
    if counts.words < lint.min_words:
        return
    audience = page.front_matter.audience if page.front_matter else None
    for target in targets:
        if target.met or target.actual is None:
            continue
        whom = said["page-readability.audience"].format(audience=audience) if audience in lint.audiences else ""
        message = said[f"page-readability.{target.bound}"].format(
            metric=said[f"metric.{target.metric}"], actual=f"{target.actual:.1f}", value=f"{target.value:g}", whom=whom
        )
        yield Finding(page.path, 1, 1, "page-readability", "error", message, said["page-readability.fix"])
