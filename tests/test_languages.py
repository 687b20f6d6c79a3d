"""The words aupkit shows people live in one module per language, and Spanish has every one English has."""

from __future__ import annotations

import re

import pytest

from aupkit.languages import LANGUAGES, en, es, every, words
from conftest import append_text


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


def test_an_organisation_replaces_any_word_in_its_repository(tmp_path, run) -> None:
    from aupkit.config import load_config
    from aupkit.model import load_manual
    from aupkit.site.source import site_source

    root = tmp_path / "m"
    assert run(["init", str(root), "--lang", "es", "--no-git"]).exit_code == 0
    append_text(
        root / "pyproject.toml",
        '\n[tool.aup.words.es.site]\nfeedback_link = "Cuéntanos en el buzón de TI"\n'
        '[tool.aup.words.es.announce]\nintro = "Ya salió la versión {version} del {title}."\n',
    )
    config = load_config(root)
    assert words("es", "announce", config.voice)["intro"] == "Ya salió la versión {version} del {title}."
    assert words("es", "announce", config.voice)["hello"] == words("es", "announce")["hello"]
    assert words("en", "site", config.voice)["feedback_link"] == words("en", "site")["feedback_link"]
    import datetime as dt

    source = site_source(load_manual(config), config, today=dt.date(2026, 12, 1))
    assert source.extra["aup"]["feedback_link"] == "Cuéntanos en el buzón de TI"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('[tool.aup.words.fr.site]\nhome = "Accueil"', "tool.aup.words.fr: aupkit has no words in 'fr'"),
        ('[tool.aup.words.es.sitio]\nhome = "x"', "tool.aup.words.es.sitio: no such area; the areas are:"),
        ('[tool.aup.words.es.site]\ninicio = "x"', "tool.aup.words.es.site.inicio: no such word in 'site'"),
        ('[tool.aup.words.es.announce]\nintro = "Versión {versión}"',
         "tool.aup.words.es.announce.intro: {versión} is not a placeholder of this word; it may use: {title}, "
         "{version}"),
    ],
)  # fmt: skip
def test_a_wrong_word_override_names_the_key_and_the_fix(tmp_path, table: str, expected: str) -> None:
    from aupkit.config import load_config
    from aupkit.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text(f'[tool.aup]\nlanguage = "es"\n{table}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert any(expected in detail for detail in caught.value.details), caught.value.details
    assert str(tmp_path / "pyproject.toml") in caught.value.message
