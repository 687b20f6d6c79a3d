"""The words aupkit shows people, one module per language (``en.py``, ``es.py``).

Every feature reads its words from here, by area: ``words("es", "site")["print"]``. A language
missing a word (or an unknown language) falls back to English, so a new language can start small.
An organisation replaces any of them in its repository, ``[tool.aup.words.<language>.<area>]``
(``Voice.overrides``; ``override_problems`` checks them).

The tables are Python, not GNU gettext catalogues: a Spanish word here has up to six forms (three
regions times two registers), which the overlays in ``VARIANTS`` express as differences only, where
gettext would need a whole catalogue per form and a compile step in every build.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import import_module
from typing import Any

LANGUAGES = ("en", "es")
DEFAULT = "en"


@dataclass(frozen=True)
class Voice:
    """How the words aupkit writes sound: ``"es-419 tú"`` (``Config.voice``) and the organisation's own words."""

    name: str = ""
    overrides: tuple[tuple[str, str, str, str], ...] = ()  # (language, area, key, text)

    def __str__(self) -> str:
        return self.name


def words(language: str, area: str, voice: str | Voice = "") -> Any:
    """The ``area`` table (a dict, or a tuple for months and negations) in ``language``.

    ``voice`` chooses the register and the regional variant where a language has them
    (``Config.voice``, for example ``"es-419 tú"``, ``"es-MX usted"``, ``"es-ES tú"``). The
    language's module holds its default voice in ``WORDS`` and the differences in ``VARIANTS``,
    applied in this order: the region (``"es-ES"``), the address (``"usted"``), both (``"es-ES tú"``).
    """
    code = language if language in LANGUAGES else DEFAULT
    english = _table(DEFAULT)[area]
    found = _table(code).get(area, english)
    if not isinstance(found, dict):
        return found
    merged = {**english, **found}
    variants = _variants(code)
    name = voice.name if isinstance(voice, Voice) else voice
    region, _, address = name.partition(" ")
    for key in (region, address, name):
        merged.update(variants.get(key, {}).get(area, {}))
    if isinstance(voice, Voice):
        merged.update({key: text for lang, where, key, text in voice.overrides if lang == code and where == area})
    return merged


def override_problems(table: dict[str, Any], prefix: str = "tool.aup.words") -> list[str]:
    """What is wrong with an organisation's ``[tool.aup.words]``: unknown language, area or key, or a
    ``{placeholder}`` the original does not have (it could not be filled in)."""
    problems = []
    for language, areas in table.items():
        if language not in LANGUAGES:
            known_languages = ", ".join(LANGUAGES)
            problems.append(f"{prefix}.{language}: aupkit has no words in {language!r}; use one of {known_languages}")
            continue
        for area, entries in (areas or {}).items():
            known = words(language, area) if area in _table(DEFAULT) else None
            if not isinstance(known, dict):
                areas_known = ", ".join(sorted(a for a, t in _table(DEFAULT).items() if isinstance(t, dict)))
                problems.append(f"{prefix}.{language}.{area}: no such area; the areas are: {areas_known}")
                continue
            for key, text in (entries or {}).items():
                where = f"{prefix}.{language}.{area}.{key}"
                if key not in known:
                    keys = ", ".join(sorted(known))
                    problems.append(f"{where}: no such word in '{area}'; its words are: {keys}")
                    continue
                extra = sorted(set(_fields(str(text))) - set(_fields(known[key])))
                if extra:
                    allowed = ", ".join("{" + name + "}" for name in sorted(set(_fields(known[key])))) or "none"
                    problems.append(f"{where}: {{{extra[0]}}} is not a placeholder of this word; it may use: {allowed}")
    return problems


def _fields(text: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name]
    except ValueError:
        return ["?"]  # an unbalanced brace: reported as a placeholder that does not exist


def every(area: str) -> dict[str, Any]:
    """``area`` in every language, keyed by language: for modules that keep a per-language table."""
    return {language: words(language, area) for language in LANGUAGES}


def recognised(area: str) -> dict[str, str]:
    """Words aupkit reads in what people write, in every language (``READ`` in each language's module):
    ``recognised("labels")["por qué importa"] == "why"``. Not shown to people, so not translated."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        found.update(getattr(import_module(f"{__package__}.{language}"), "READ", {}).get(area, {}))
    return found


def _table(language: str) -> dict[str, Any]:
    return import_module(f"{__package__}.{language}").WORDS


def _variants(language: str) -> dict[str, dict[str, dict[str, str]]]:
    return getattr(import_module(f"{__package__}.{language}"), "VARIANTS", {})
