"""Scores: offline CMU dictionary, calibration against hand counts, and textstat's traps."""

from __future__ import annotations

from pathlib import Path

import nltk
import pytest
import textstat
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat.backend import metrics as textstat_metrics
from textstat.backend.counts import _count_syllables

from aupkit.lint import metrics
from aupkit.lint.prose import split_sentences

CALIBRATION = yaml.safe_load((Path(__file__).parent / "fixtures" / "lint" / "calibration.yaml").read_text("utf-8"))


def score_text(text: str, language: str = "en") -> tuple:
    sentences = split_sentences(text)
    counts = metrics.count(" ".join(sentences), language, sentences=len(sentences))
    return counts, metrics.scores(counts, language)


def test_english_scores_never_touch_the_network_or_nltk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("nltk was asked for data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setenv("NLTK_DATA", "/nonexistent")
    metrics._word.cache_clear()
    _count_syllables.count_syllables.cache_clear()
    counts, scores = score_text("Quarantine suspicious attachments immediately.")
    assert counts.syllables == 3 + 3 + 3 + 5  # quar-an-tine, sus-pi-cious, at-tach-ments, im-me-di-ate-ly
    assert scores["flesch_kincaid_grade"] is not None
    assert _count_syllables.get_cmudict("en_US") is metrics.syllable_dictionary()


def test_shipped_dictionary_is_complete_and_has_its_licence() -> None:
    dictionary = metrics.syllable_dictionary()
    assert len(dictionary) > 120_000
    assert dictionary["password"] == [["1", "2"]]
    licence = Path(metrics.__file__).parent / "data" / "cmudict-LICENSE.txt"
    assert "Carnegie Mellon University" in licence.read_text("utf-8")


@pytest.mark.parametrize("case", CALIBRATION, ids=[case["name"] for case in CALIBRATION])
def test_calibration_texts_match_hand_counts(case: dict) -> None:
    counts, scores = score_text(case["text"], case["language"])
    assert (counts.words, counts.sentences, counts.syllables, counts.letters) == (
        case["words"], case["sentences"], case["syllables"], case["letters"],
    )  # fmt: skip
    for name, expected in case["scores"].items():
        assert scores[name] == pytest.approx(expected, abs=0.01), name


def test_scores_equal_textstat_when_its_traps_are_absent() -> None:
    text = (
        "Report a lost laptop to the helpdesk within one hour. We can wipe it from afar before anyone reads "
        "your files. Never write your password on a note that sits beside the screen."
    )
    counts, scores = score_text(text)
    assert counts.sentences == 3
    for name in metrics.ENGLISH_METRICS:
        expected = getattr(textstat_metrics, name)
        value = expected(text) if name == "coleman_liau_index" else expected(text, "en_US")
        assert scores[name] == pytest.approx(value, abs=1e-9), name
    spanish = "Cierra la sesión cuando te levantes. Nunca compartas tu contraseña con nadie."
    counts, scores = score_text(spanish, "es")
    assert scores["szigriszt_pazos"] == pytest.approx(textstat_metrics.szigriszt_pazos(spanish, "es"), abs=1e-9)
    assert scores["fernandez_huerta"] == pytest.approx(textstat_metrics.fernandez_huerta(spanish, "es"), abs=1e-9)


def test_short_sentences_are_counted() -> None:
    text = "Lock it. Log out. Ask us."
    counts, _ = score_text(text)
    assert counts.sentences == 3
    assert textstat_metrics.words_per_sentence(text) == 6  # textstat alone: one "sentence" of six words


def test_decimals_and_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith pays 3.5 dollars, e.g. by card. He pays on time."
    assert split_sentences(text) == ["Mr. Smith pays 3.5 dollars, e.g. by card.", "He pays on time."]
    assert textstat.textstat.sentence_count(text) > 2  # textstat alone sees more
    assert split_sentences("See form No. 5 today. The answer is no. We block it.") == [
        "See form No. 5 today.", "The answer is no.", "We block it.",
    ]  # fmt: skip


def test_empty_text_has_no_score_rather_than_zero() -> None:
    counts, scores = score_text("")
    assert counts.words == 0
    assert all(value is None for value in scores.values())
    assert textstat.textstat.flesch_reading_ease("") == 0  # the trap: 0 reads as "very hard"


def test_language_is_never_global_state() -> None:
    english = "Lock your screen when you leave your desk for a short while."
    before = score_text(english)[1]
    textstat.textstat.set_lang("es")
    try:
        assert score_text(english)[1] == before
        score_text("Bloquea la pantalla cuando te levantes de la mesa.", "es")
        assert textstat.textstat._textstatistics__lang == "es"  # untouched by our Spanish scoring
    finally:
        textstat.textstat.set_lang("en_US")
    assert score_text(english)[1] == before


@given(st.text(alphabet=st.sampled_from(list("ab É'’\"-.,;:!?()[]_0\u00a0\t\nsdtvelr")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_words_are_the_words_textstat_lists(text: str) -> None:
    from textstat.backend.selections._list_words import list_words

    assert metrics.words_of(text) == list_words(text)


@given(st.text(alphabet="0123456789", min_size=1, max_size=8), st.sampled_from(["en", "es"]))
@settings(max_examples=100, deadline=None)
def test_numbers_count_as_textstat_counts_them_without_a_dictionary(number: str, language: str) -> None:
    from textstat.backend.counts._count_syllables import count_syllables

    expected = count_syllables(number, metrics.TEXTSTAT_LANGUAGE[language])
    metrics._word.cache_clear()
    original = metrics.count_syllables
    metrics.count_syllables = None  # type: ignore[assignment]  # a number must not need it
    try:
        counts = metrics.count(number, language)
    finally:
        metrics.count_syllables = original
    assert counts.syllables == expected == 1 and counts.words == 1


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_letters_are_counted_as_textstat_counts_them(word: str) -> None:
    from textstat.backend.counts._count_letters import count_letters

    assert metrics._word(word, "es")[1] == count_letters(word)


def test_the_easy_word_list_has_no_numbers() -> None:
    """A number is never an easy word, so a new number is counted without loading the list."""
    assert not [word for word in metrics.easy_words("en") if word.isdigit() and word.isascii()]


def test_the_dictionary_text_has_each_word_once() -> None:
    import gzip

    text = gzip.decompress((Path(metrics.__file__).parent / "data" / "cmudict-stress.txt.gz").read_bytes())
    seen: set[str] = set()
    for line in text.decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        pattern, tab, words = line.partition("\t")
        assert tab and set(pattern) <= set("012"), line[:40]
        assert words == " ".join(words.split()), line[:40]  # single spaces, nothing around them
        assert seen.isdisjoint(words.split()), line[:40]
        seen.update(words.split())
    assert len(seen) == len(metrics.syllable_dictionary()) > 120_000
