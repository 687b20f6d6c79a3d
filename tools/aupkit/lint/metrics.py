"""Readability scores with textstat: the only module that imports it.

textstat 0.7.13 has traps this module steps around:

* On its first English score it calls ``nltk.download('cmudict')`` (a network
  request) and then spends about a second in NLTK's reader. Here its syllable
  counter is handed the CMU dictionary shipped in ``data/`` (loaded in
  milliseconds, no NLTK, no network): see ``use_offline_dictionary``.
* It finds sentences itself, dropping those of two words or fewer and ending
  one at every decimal point or abbreviation. Here the sentences come from
  ``prose`` (which knows list items, table cells, decimals and abbreviations);
  textstat counts the words, syllables and letters of each, and the formulas
  (textstat's own, with its constants) run on those counts.
* Empty text scores 0 (which reads as "very hard"). Here it has no score: None.
* ``set_lang`` is global state. It is never called here: the language is passed
  to textstat's per-language functions on every call.
"""

from __future__ import annotations

import math
import re
import sys
import types
from functools import cache

from .types import DATA, Counts


def _offline_cmudict(lang: str) -> StressDictionary | None:
    return syllable_dictionary() if _textstat().get_lang_root(lang) == "en" else None


# textstat's only use of NLTK is its module _get_cmudict, whose function is replaced below anyway. Standing in
# for that module before textstat is first imported spares every run NLTK's import (0.3-0.9 s), network-free.
_STAND_IN = types.ModuleType("textstat.backend.utils._get_cmudict", "aupkit: the shipped CMU dictionary, no NLTK")
_STAND_IN.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]
if "textstat" not in sys.modules:
    sys.modules.setdefault(_STAND_IN.__name__, _STAND_IN)


@cache
def _textstat() -> types.SimpleNamespace:
    """textstat's counting functions, imported on first use: a re-run whose words are all known never needs them.

    Its syllable counter is made to read the shipped dictionary (``use_offline_dictionary``).
    """
    from textstat.backend.counts import _count_syllables as module
    from textstat.backend.counts._count_letters import count_letters
    from textstat.backend.counts._count_syllables import count_syllables
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
    from textstat.backend.utils._get_lang_root import get_lang_root
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    found = types.SimpleNamespace(
        module=module, count_letters=count_letters, count_syllables=count_syllables,
        get_lang_easy_words=get_lang_easy_words, get_lang_root=get_lang_root,
        get_pyphen=getattr(module, "get_pyphen", None), non_contraction_apostrophe=RE_NONCONTRACTION_APOSTROPHE,
    )  # fmt: skip
    use_offline_dictionary(found)
    return found


def count_syllables(word: str, lang: str) -> int:
    """The syllables of ``word``: Spanish by its own rules (``spanish_syllables``); English from the shipped
    CMU dictionary through textstat, else Pyphen's hyphenation."""
    if lang == "es" and _LETTER.search(word):
        return spanish_syllables(word)
    return _textstat().count_syllables(word, lang)  # type: ignore[no-any-return]


_LETTER = re.compile(r"[^\W\d_]")
_ES_VOWELS = frozenset("aeiouáéíóúü")
_ES_STRONG = frozenset("aeoáéóíú")  # a stressed í or ú is as strong as a, e, o: pa-ís, ba-úl


def spanish_syllables(word: str) -> int:
    """Spanish syllables by rule: one per vowel group, plus one where two strong vowels meet (hiatus:
    co-rre-o, a-é-re-o, pa-ís); a weak vowel (i, u) with another forms one (diphthong: in-for-ma-ción,
    ciu-dad). The u of qu, and of gu before e or i, is silent; a final y after a vowel closes its
    diphthong (muy, hoy). Pyphen's hyphenation, which textstat uses, cannot split a one-letter syllable
    and counts 'uses' or 'correo' one short: the calibration texts in tests/fixtures/lint are hand-counted."""
    letters = word.lower()
    count, previous = 0, ""
    for index, letter in enumerate(letters):
        vowel = letter in _ES_VOWELS
        if (
            letter == "u"
            and index
            and letters[index - 1] in "qg"
            and letters[index + 1 : index + 2] in ("e", "i", "é", "í")
        ):
            vowel = False  # que, guerra, guiso: the u is not pronounced
        if letter == "y" and previous and index == len(letters) - 1:
            vowel, letter = True, "i"  # muy, hoy, rey: y closes the diphthong
        if vowel:
            if not previous or (previous in _ES_STRONG and letter in _ES_STRONG):
                count += 1
            previous = letter
        else:
            previous = ""
    return max(count, 1)  # 'y' alone, or a word of consonants such as 'TV', is read as one beat at least


ENGLISH_METRICS = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog",
    "smog_index", "coleman_liau_index", "dale_chall_readability_score",
)  # fmt: skip
SPANISH_METRICS = ("fernandez_huerta", "szigriszt_pazos", "gutierrez_polini")
METRICS = {"en": ENGLISH_METRICS, "es": SPANISH_METRICS}
# textstat's language codes: "en" alone would make pyphen guess a variant.
TEXTSTAT_LANGUAGE = {"en": "en_US", "es": "es"}


class StressDictionary:
    """word -> its first pronunciation's vowel stress marks, shaped as textstat reads cmudict.

    textstat takes ``entry[0]`` and counts the phones whose last character is a digit; each stress
    mark here is such a phone. The data is lines of 'stress pattern<TAB>word word ...', each word on
    one line only (a test checks). The first few words are found by searching that text (1-2 ms each);
    past ``FIND_BEFORE_INDEX`` words, all ~126,000 are indexed (~45 ms), as a run over many new words
    needs. A re-run that meets a few new words never indexes them all.
    """

    FIND_BEFORE_INDEX = 8

    def __init__(self, text: bytes) -> None:
        self.text = text if text.endswith(b"\n") else text + b"\n"
        self.start = 0  # where the word lines start, after the '#' comment lines
        while self.text.startswith(b"#", self.start):
            self.start = self.text.index(b"\n", self.start) + 1
        self.index: dict[str, str] | None = None
        self.finds = 0

    def __getitem__(self, word: str) -> list[list[str]]:
        return [list(self.pattern(word))]

    def __len__(self) -> int:
        return len(self.index_all())

    def pattern(self, word: str) -> str:
        """The word's stress marks ('1', '2', '0' per vowel); KeyError when the dictionary lacks the word."""
        if self.index is None and self.finds < self.FIND_BEFORE_INDEX:
            self.finds += 1
            return self.find(word)
        return self.index_all()[word]

    def find(self, word: str) -> str:
        """``pattern`` by a search of the text (no index)."""
        token = word.encode("utf-8", "surrogatepass")
        if not token or any(character in token for character in b" \t\n"):
            raise KeyError(word)
        for before in (b"\t", b" "):
            for after in (b" ", b"\n"):
                at = self.text.find(before + token + after, self.start)
                if at >= 0:
                    line = self.text.rfind(b"\n", 0, at) + 1
                    return self.text[line : self.text.index(b"\t", line)].decode("ascii")
        raise KeyError(word)

    def index_all(self) -> dict[str, str]:
        """Every word and its pattern (built once)."""
        if self.index is None:
            index: dict[str, str] = {}
            for line in self.text[self.start :].decode("utf-8").splitlines():
                pattern, _, words = line.partition("\t")
                index.update(dict.fromkeys(words.split(), pattern))
            self.index = index
        return self.index


@cache
def syllable_dictionary() -> StressDictionary:
    """The CMU Pronouncing Dictionary (BSD-style licence, see data/cmudict-LICENSE.txt), ~126,000 words."""
    import gzip  # here: a re-run of known words never opens the dictionary

    return StressDictionary(gzip.decompress(DATA.joinpath("cmudict-stress.txt.gz").read_bytes()))


class _PyphenOnDemand:
    """Stands in for textstat's Pyphen object, and makes the real one at the first word that needs it.

    textstat makes a Pyphen (50-80 ms of loading) before every count, though English words in the
    CMU dictionary never use it; a re-run whose words are all known then loads nothing.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.real: object | None = None

    def positions(self, word: str) -> list[int]:
        if self.real is None:
            self.real = _textstat().get_pyphen(self.lang)
        return self.real.positions(word)  # type: ignore[attr-defined]


@cache
def _pyphen_on_demand(lang: str) -> _PyphenOnDemand:
    return _PyphenOnDemand(lang)


def use_offline_dictionary(textstat: types.SimpleNamespace) -> None:
    """Make textstat's syllable counter read the shipped dictionary instead of downloading NLTK's.

    Its Pyphen object is made only when a word is missing from that dictionary (``_PyphenOnDemand``).
    """
    module = textstat.module
    if not hasattr(module, "get_cmudict") or textstat.get_pyphen is None:  # not the pinned 0.7.13
        raise RuntimeError("textstat's syllable counter no longer reads get_cmudict; update aupkit.lint.metrics")
    if module.get_cmudict is not _offline_cmudict or module.get_pyphen is not _pyphen_on_demand:
        module.get_cmudict = _offline_cmudict
        module.get_pyphen = _pyphen_on_demand
        textstat.count_syllables.cache_clear()


_NOT_A_LETTER = re.compile(r"\W")
_WORD_CACHE: dict[str, dict[str, tuple[int, int, bool, bool, bool]]] = {}  # language -> word -> _word()


def _word(word: str, language: str) -> tuple[int, int, bool, bool, bool]:
    """(syllables, letters, polysyllable, fog word, hard word) for one word, as textstat counts them.

    Every count is the same for any case of the word, so the word is kept under its own spelling
    (for ``count``'s lookups) and in lower case (for its other spellings).
    """
    known = _WORD_CACHE.setdefault(language, {})
    lower = word.lower()
    found = known.get(lower)
    if found is None:
        lang = TEXTSTAT_LANGUAGE[language]
        # A word without letters (a number: 2026, 10_000) is in neither dictionary and has no hyphenation
        # point, so textstat counts one syllable: no need to load either dictionary to know it.
        number = word.isdigit() and word.isascii()
        syllables = 1 if number else count_syllables(word, lang)
        letters = len(_NOT_A_LETTER.sub("", word))  # textstat's count_letters: the word's \w characters
        hard = fog = False
        if language == "en":
            easy = not number and lower in easy_words(language)  # the easy-word list has no numbers (a test checks)
            hard = not easy
            fog = not easy and syllables >= 3
        found = (syllables, letters, syllables >= 3, fog, hard)
    if len(known) < 500_000:
        known[lower] = known[word] = found
    return found


# textstat's list_words with its defaults: it removes apostrophes that end no contraction, then punctuation
# other than apostrophes. Both decisions read only the original text, so one regex does both in one pass.
# Made from textstat's own pattern on first use.
_NOT_IN_WORDS: re.Pattern[str] | None = None


def word_pattern() -> re.Pattern[str]:
    global _NOT_IN_WORDS
    if _NOT_IN_WORDS is None:
        _NOT_IN_WORDS = re.compile(r"[^\w\s\']|" + _textstat().non_contraction_apostrophe)
    return _NOT_IN_WORDS


def words_of(text: str) -> list[str]:
    """The words textstat sees in ``text`` (punctuation removed, contractions kept), as its ``list_words``."""
    return (_NOT_IN_WORDS or word_pattern()).sub("", text).split()


def count(text: str, language: str, *, sentences: int = 1) -> Counts:
    """Counts for ``text`` taken as ``sentences`` sentence(s)."""
    words = words_of(text)
    if not words:
        return Counts()
    rows = list(map(_WORD_CACHE.get(language, {}).get, words))
    if None in rows:
        rows = [row or _word(word, language) for row, word in zip(rows, words, strict=True)]
    syllables, letters, poly, fog, hard = map(sum, zip(*rows, strict=True))
    return Counts(sentences, len(words), syllables, letters, poly, fog, hard)


def scores(counts: Counts, language: str) -> dict[str, float | None]:
    """textstat's formulas on ``counts``; every value is None when there is no word."""
    names = METRICS.get(language, ENGLISH_METRICS)
    if counts.words == 0 or counts.sentences == 0:
        return dict.fromkeys(names)
    words, sentences = counts.words, counts.sentences
    per_sentence = words / sentences
    per_word = counts.syllables / words
    if language == "es":
        return {
            "fernandez_huerta": 206.84 - 60 * per_word - 1.02 * per_sentence,
            "szigriszt_pazos": 206.84 - 62.3 * per_word - per_sentence,
            "gutierrez_polini": 95.2 - 9.7 * (counts.letters / words) - 0.35 * per_sentence,
        }
    hard_percent = 100 * counts.hard_words / words
    dale_chall = 0.1579 * hard_percent + 0.0496 * per_sentence + (3.6365 if hard_percent > 5 else 0.0)
    return {
        "flesch_reading_ease": 206.835 - 1.015 * per_sentence - 84.6 * per_word,
        "flesch_kincaid_grade": 0.39 * per_sentence + 11.8 * per_word - 15.59,
        "gunning_fog": 0.4 * (per_sentence + 100 * counts.fog_words / words),
        "smog_index": 1.043 * math.sqrt(30 * counts.polysyllables / sentences) + 3.1291,
        "coleman_liau_index": 0.058 * (100 * counts.letters / words) - 0.296 * (100 * sentences / words) - 15.8,
        "dale_chall_readability_score": dale_chall,
    }


def sentence_difficulty(counts: Counts, language: str) -> tuple[float | None, float | None]:
    """(Flesch-Kincaid grade, Szigriszt-Pazos ease) of one sentence; the one that does not apply is None."""
    if counts.words == 0:
        return None, None
    per_word = counts.syllables / counts.words
    if language == "es":
        return None, 206.84 - 62.3 * per_word - counts.words / max(1, counts.sentences)
    return 0.39 * counts.words / max(1, counts.sentences) + 11.8 * per_word - 15.59, None


@cache
def easy_words(language: str) -> frozenset[str]:
    """textstat's list of easy words (Dale-Chall) for English; empty for other languages."""
    if language != "en":
        return frozenset()
    return frozenset(_textstat().get_lang_easy_words(TEXTSTAT_LANGUAGE[language]))


class EasyWords:
    """``easy_words(language)``, loaded only when something is looked up in it."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __contains__(self, word: object) -> bool:
        if self.language == "en" and isinstance(word, str):
            counted = _WORD_CACHE.get("en", {}).get(word.lower())
            if counted is not None:
                return not counted[4]  # a counted English word knows whether it is easy: no need to load the list
        return word in easy_words(self.language)


# INFLESZ (Barrio-Cantalejo et al., 2008): how hard a Szigriszt-Pazos score reads, in five bands.
INFLESZ_BANDS = ((40.0, "very-hard"), (55.0, "somewhat-hard"), (65.0, "normal"), (80.0, "fairly-easy"))


def inflesz(score: float | None) -> str | None:
    """The INFLESZ band of a Szigriszt-Pazos score: very-hard (< 40), somewhat-hard (40-55), normal (55-65),
    fairly-easy (65-80) or very-easy (>= 80); ``None`` without a score."""
    if score is None:
        return None
    return next((band for limit, band in INFLESZ_BANDS if score < limit), "very-easy")
