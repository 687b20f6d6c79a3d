"""The words aupkit shows people live in one module per language, and Spanish has every one English has."""

from __future__ import annotations

import pytest

from aupkit.languages import LANGUAGES, en, es, every, words


def test_spanish_has_every_area_and_word_english_has() -> None:
    assert en.WORDS.keys() == es.WORDS.keys()
    for area, table in en.WORDS.items():
        if isinstance(table, dict):
            assert table.keys() == es.WORDS[area].keys(), area
            for key, text in table.items():  # the same placeholders, so a format never fails in one language
                assert sorted(_fields(text)) == sorted(_fields(es.WORDS[area][key])), (area, key)
        else:
            assert len(table) == len(es.WORDS[area]) or area == "deck_negations", area


@pytest.mark.parametrize("area", sorted(en.WORDS))
def test_every_feature_reads_its_words_from_the_language_modules(area: str) -> None:
    assert set(every(area)) == set(LANGUAGES)
    assert words("fr", area) == words("en", area), "an unknown language falls back to English"


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
