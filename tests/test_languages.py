"""The words aupkit shows people live in one module per language, and Spanish has every one English has."""

from __future__ import annotations

import re

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


VOICES = ["es-419 tú", "es-419 usted", "es-MX tú", "es-MX usted", "es-ES tú", "es-ES usted"]
# Verb forms of vosotros (Spain's informal plural): present, preterite, imperative with a pronoun, possessives.
VOSOTROS = re.compile(
    r"\b(vosotr[oa]s|vuestr[oa]s?|os)\b|\w+(áis|éis|asteis|isteis|adlo|edlo|idlo|adnos|idnos)\b", re.IGNORECASE
)
# The usted imperatives and possessives of the verbs aupkit's own words use; tú says escríbenos, deja, di...
USTED = re.compile(r"\b(Escríbanos|Descargue|Deje|Pregunte|Dé|Diga|Agregue|Añada|Vuelva|Lea|Escriba)\b")
TU = re.compile(r"\b(Escríbenos|Descarga|Deja|Pregunta qué|Da un|Di cuánto|Agrega|Añade|Lee|Escribe a)\b")


def test_every_variant_word_replaces_a_word_spanish_has_with_the_same_placeholders() -> None:
    for voice, areas in es.VARIANTS.items():
        for area, table in areas.items():
            for key, text in table.items():
                assert key in es.WORDS[area], (voice, area, key)
                assert sorted(_fields(text)) == sorted(_fields(es.WORDS[area][key])), (voice, area, key)


@pytest.mark.parametrize("voice", VOICES)
def test_spanish_speaks_in_the_chosen_register_and_region(voice: str) -> None:
    region, address = voice.split()
    texts = [
        text
        for area, table in es.WORDS.items()
        if isinstance(table, dict)
        for text in words("es", area, voice).values()
    ]
    joined = "\n".join(texts)
    if voice == "es-ES tú":
        assert VOSOTROS.search(joined), "Spain's informal plural speaks to an audience as vosotros"
    else:
        assert not VOSOTROS.search(joined), f"no vosotros outside Spain's informal register: {VOSOTROS.search(joined)}"
    if address == "usted":
        assert USTED.search(joined) and not TU.search(joined), TU.search(joined)
    else:
        assert TU.search(joined) and not USTED.search(joined), USTED.search(joined)
    training = {"es-419": "concientización", "es-MX": "capacitación", "es-ES": "formación"}[region]
    assert training in words("es", "announce", voice)["why_feedback"]
    assert words("es", "announce", voice)["what"] == ("Qué ha cambiado:" if region == "es-ES" else "Qué cambió:")


def test_english_has_one_voice() -> None:
    assert words("en", "deck", "es-ES usted") == words("en", "deck")
