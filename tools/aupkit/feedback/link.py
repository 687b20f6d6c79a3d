"""Link feedback to a rule: what the form's rule column says, else the comment's own words. Pure.

A **sure** link is stored on the item; an unsure one is kept as up to three suggestions
(``rule_suggested``) that ``aup feedback status`` shows as "did you mean" and a decision confirms:
a wrong link is worse than none, since the reviewer sees unassigned items first.

How a link is found, in this order (every language of the manual counts the same):

1. **The rule column** (the form's "which part of the manual?"): a rule ID, a rule's title, or a
   text holding exactly one rule title is sure. A page's title or file name narrows the choice to
   that page's rules. Section numbers ("3.4") are skipped: nothing in the manual numbers them.
2. **The words.** The column and the comment are cut into words (accents and case folded, common
   words dropped, each word cut to its first five letters so that plurals and verb forms meet).
   Each rule is scored by the words it shares with the comment, a rare word counting more than a
   common one (inverse document frequency), and a word in the rule's title five times, in its key
   message twice, in its lists, reasons, FAQ or a glossary term it uses once. The best rule is sure
   when its score reaches ``SURE_SCORE`` and ``SURE_MARGIN`` times the next one's, and the comment
   is not about the session itself ("the training was long", "share the slides").
   ``linkwords.yaml`` holds the words dropped, the staff words with the manual's words for them
   ("YouTube" -> stream), and the words about the session.

``tests/fixtures/feedback/labelled.yaml`` holds comments written for this purpose, each with the rule
a person would link it to; ``bench/link_quality.py`` measures precision and recall on them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml

from ..model import Manual

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # accents
_NOT_WORD = re.compile(r"[^\w-]+")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*)[.)]?\s+")  # "3.4 Email", "2) Passwords"

STEM = 5  # letters a word is cut to: 'passwords' and 'password', 'contraseñas' and 'contraseña' meet
SURE_SCORE = 8.0  # the best rule's score must reach this...
SURE_MARGIN = 1.4  # ...and this many times the next rule's (1.5 until the starter grew to 31 rules; set on "items")
SUGGESTED = 3
WEIGHTS = {"title": 5.0, "key": 2.0, "body": 1.0}


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation as spaces, whitespace collapsed."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    """Each language's words that say nothing (``linkwords.yaml``): they also tell the languages apart."""
    data = _linkwords()
    return {language: frozenset(fold(word) for word in words.split()) for language, words in data["stopwords"].items()}


@lru_cache(maxsize=1)
def _linkwords() -> dict:
    return yaml.safe_load(resources.files("aupkit.feedback").joinpath("linkwords.yaml").read_text(encoding="utf-8"))


_SPANISH_MARKS = re.compile("[¿¡ñÑ]")


def language_of(text: str, languages: Sequence[str], default: str) -> str:
    """Which of ``languages`` a comment is written in: the one whose everyday words (``linkwords.yaml``) it uses
    most, '¿', '¡' and 'ñ' counting for Spanish; ``default`` when they tie or none is known."""
    known = _function_words()
    words = fold(text).split()
    scores = {language: sum(word in known.get(language, ()) for word in words) for language in languages}
    if "es" in scores:
        scores["es"] += 2 * len(_SPANISH_MARKS.findall(text))
    best = sorted(scores.values(), reverse=True)
    if not best or best[0] == 0 or (len(best) > 1 and best[0] == best[1]):
        return default
    return max(scores, key=lambda language: scores[language])


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """(words that say nothing, a staff word -> the manual's words for it, words about the session itself),
    from ``linkwords.yaml``."""
    data = _linkwords()
    stop = frozenset().union(*_function_words().values())
    session = frozenset(fold(word) for words in data["session"].values() for word in words.split())
    return stop, {fold(str(word)): fold(str(said)) for word, said in data["synonyms"].items()}, session


def stems(text: str, *, expand: bool = False, synonyms: dict[str, str] | None = None) -> list[str]:
    """The words that carry meaning, folded and cut to ``STEM`` letters (IDs' hyphens split them).

    ``expand`` adds the manual's words for the staff words it knows (a comment's, not a rule's):
    the shipped ones and ``synonyms`` (folded) on top.
    """
    stop, shipped, _session = _words()
    words = fold(text).replace("-", " ").split()
    if expand:
        known = {**shipped, **(synonyms or {})}
        words += [extra for word in words if word in known for extra in known[word].replace("-", " ").split()]
    return [word[:STEM] for word in words if word not in stop and len(word) > 1 and not word.isdigit()]


@dataclass(frozen=True)
class Link:
    """Where an item belongs: a sure rule, or suggestions for a person to confirm; ``page``: a page the
    form's rule column named, whose rules the suggestions are limited to."""

    rule: str | None = None
    suggested: tuple[str, ...] = ()
    page: str | None = None


@dataclass(frozen=True)
class _Rule:
    id: str
    page: str
    titles: frozenset[str]  # folded, every language
    fields: dict[str, frozenset[str]]  # "title" / "key" / "body" -> stems


@dataclass(frozen=True)
class RuleIndex:
    """The manual's rules (in every language) as the linker reads them."""

    rules: tuple[_Rule, ...] = ()
    pages: dict[str, frozenset[str]] = field(default_factory=dict)  # page file -> folded titles and names
    page_stems: dict[str, frozenset[str]] = field(default_factory=dict)  # page file -> the stems of those names
    idf: dict[str, float] = field(default_factory=dict)
    ids: re.Pattern[str] | None = None
    # stem -> ((rule ID, its page, weight x idf), ...): a comment's score adds up only the rules its words meet
    postings: dict[str, tuple[tuple[str, str, float], ...]] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)  # the organisation's, folded

    @classmethod
    def of(cls, rules: Iterable[tuple[str, str]]) -> RuleIndex:
        """An index of rule IDs and titles only (no pages, no text to score)."""
        return cls._build(
            {rule_id: _Gathered(titles={fold(title)}, title_text=[title]) for rule_id, title in rules}, {}
        )

    @classmethod
    def of_manuals(cls, manuals: Iterable[Manual], synonyms: dict[str, str] | None = None) -> RuleIndex:
        """An index of every rule of the manual, in each language given (the same IDs across languages);
        ``synonyms``: the organisation's staff words -> the manual's words (``[tool.aup.feedback] synonyms``)."""
        gathered: dict[str, _Gathered] = {}
        pages: dict[str, set[str]] = {}
        for manual in manuals:
            terms = {entry.term: entry.definition for entry in manual.glossary}
            for page in manual.pages:
                names = pages.setdefault(page.relative, set())
                names |= {fold(page.title), fold(page.relative.removesuffix(".md").replace("-", " "))}
                for rule in page.rules:
                    if not rule.id:
                        continue
                    entry = gathered.setdefault(rule.id, _Gathered(page=page.relative))
                    entry.titles.add(fold(rule.title))
                    entry.title_text.append(rule.title)
                    if rule.key_message:
                        entry.key_text.append(rule.key_message.text)
                    body = [block.text for block in (*rule.do, *rule.dont, *rule.why, *rule.detail, *rule.faq)]
                    text = " ".join(body)
                    entry.body_text.append(text)
                    folded = f" {fold(rule.title + ' ' + text)} "
                    entry.body_text += [term for term in terms if f" {fold(term)} " in folded]
        index = cls._build(gathered, {name: frozenset(found) for name, found in pages.items()})
        own = {fold(word): fold(said) for word, said in (synonyms or {}).items()}
        return replace(index, synonyms=own) if own else index

    @classmethod
    def _build(cls, gathered: dict[str, _Gathered], pages: dict[str, frozenset[str]]) -> RuleIndex:
        rules = tuple(
            _Rule(
                rule_id,
                entry.page,
                frozenset(entry.titles),
                {
                    "title": frozenset(stems(" ".join(entry.title_text) + " " + rule_id)),
                    "key": frozenset(stems(" ".join(entry.key_text))),
                    "body": frozenset(stems(" ".join(entry.body_text))),
                },
            )
            for rule_id, entry in gathered.items()
        )
        frequency = Counter(stem for rule in rules for stem in set().union(*rule.fields.values()))
        count = len(rules)
        idf = {stem: math.log((count + 1) / (seen + 0.5)) for stem, seen in frequency.items()}
        alternatives = "|".join(re.escape(rule.id) for rule in sorted(rules, key=lambda r: len(r.id), reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE) if rules else None
        page_stems = {name: frozenset(stems(" ".join(names))) for name, names in pages.items()}
        postings: dict[str, list[tuple[str, str, float]]] = {}
        for rule in rules:
            for stem in set().union(*rule.fields.values()):
                weight = max(WEIGHTS[name] for name, found in rule.fields.items() if stem in found)
                postings.setdefault(stem, []).append((rule.id, rule.page, weight * idf[stem]))
        return cls(rules, pages, page_stems, idf, pattern, {stem: tuple(found) for stem, found in postings.items()})

    # -- linking -------------------------------------------------------------------------------

    def link(self, column: str | None, text: str) -> Link:
        """The link for a comment ``text`` whose rule column (if the form has one) says ``column``."""
        page = None
        if column and column.strip():
            found = self._from_column(column)
            if found.rule:
                return found
            page = found.page  # a page the column names: only its rules
        return self._from_words(f"{column or ''} {text}", page)

    def page_named(self, value: str) -> str | None:
        """The page a label names ("Email", "Correo electrónico", a rule's title...), or None."""
        found = self._from_column(value)
        if found.rule:
            return next((rule.page for rule in self.rules if rule.id == found.rule), None)
        return found.page

    def _from_column(self, value: str) -> Link:
        value = _NUMBERING.sub("", value.strip())
        folded = fold(value)
        for rule in self.rules:
            if rule.id == value.lower() or folded in rule.titles:
                return Link(rule.id)
        named = self._named(value)
        if named.rule:
            return named
        page = next((name for name, names in self.pages.items() if folded in names), None)
        if page is None:  # "Personal devices (BYOD)": the page whose names share the most words with it
            wanted = set(stems(value))
            scored = sorted(((len(wanted & found), name) for name, found in self.page_stems.items()), reverse=True)
            if scored and scored[0][0] and (len(scored) == 1 or scored[0][0] > scored[1][0]):
                page = scored[0][1]
        return Link(page=page)

    def _named(self, text: str) -> Link:
        ids = {match.lower() for match in self.ids.findall(text)} if self.ids else set()
        if len(ids) == 1:
            return Link(ids.pop())
        if ids:
            return Link(suggested=tuple(sorted(ids))[:SUGGESTED])
        folded = f" {fold(text)} "
        titled = {rule.id for rule in self.rules for title in rule.titles if title and f" {title} " in folded}
        if len(titled) == 1:
            return Link(titled.pop())
        return Link()

    def _from_words(self, text: str, page: str | None) -> Link:
        named = self._named(text)
        if named.rule or named.suggested:
            return named
        wanted = set(stems(text, expand=True, synonyms=self.synonyms))
        totals: dict[str, float] = {}
        for stem in wanted:
            for rule_id, rule_page, score in self.postings.get(stem, ()):
                if page is None or rule_page == page:  # a page the form names: only its rules
                    totals[rule_id] = totals.get(rule_id, 0.0) + score
        scores = sorted(((score, rule_id) for rule_id, score in totals.items() if score > 0), key=_best_first)
        if not scores:
            return Link()
        best, second = scores[0][0], scores[1][0] if len(scores) > 1 else 0.0
        suggested = tuple(rule_id for _, rule_id in scores[:SUGGESTED])  # kept with a sure link too: alternatives
        about_session = not _words()[2].isdisjoint(fold(text).split())
        if best >= SURE_SCORE and best >= SURE_MARGIN * second and not about_session:
            return Link(scores[0][1], suggested)
        return Link(suggested=suggested)


def _best_first(pair: tuple[float, str]) -> tuple[float, str]:
    return -pair[0], pair[1]


@dataclass
class _Gathered:
    page: str = ""
    titles: set[str] = field(default_factory=set)
    title_text: list[str] = field(default_factory=list)
    key_text: list[str] = field(default_factory=list)
    body_text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Quality:
    """How the linker did on comments a person labelled (``{column?, text, rule}``; rule None: no rule)."""

    items: int
    belonging: int  # comments a person links to a rule
    sure: int
    sure_right: int
    in_three: int  # the right rule is the sure link or one of the suggestions
    wrong: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.sure_right / self.sure if self.sure else 1.0

    @property
    def recall(self) -> float:
        return self.sure_right / self.belonging if self.belonging else 1.0

    @property
    def top_three(self) -> float:
        return self.in_three / self.belonging if self.belonging else 1.0


def evaluate(labelled: Iterable[dict], index: RuleIndex) -> Quality:
    """Link each labelled comment and compare with the person's rule (``bench/link_quality.py``, the tests)."""
    items = belonging = sure = right = three = 0
    wrong = []
    for item in labelled:
        link = index.link(item.get("column"), item["text"])
        expected = item["rule"]
        items += 1
        belonging += expected is not None
        if link.rule is not None:
            sure += 1
            right += link.rule == expected
            if link.rule != expected:
                wrong.append(f"{item['text']!r}: linked to {link.rule}, a person says {expected}")
        three += expected is not None and (link.rule == expected or expected in link.suggested)
    return Quality(items, belonging, sure, right, three, tuple(wrong))
