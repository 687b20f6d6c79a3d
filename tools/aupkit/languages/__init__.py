"""The words aupkit shows people, one module per language (``en.py``, ``es.py``).

Every feature reads its words from here, by area: ``words("es", "site")["print"]``. A language
missing a word (or an unknown language) falls back to English, so a new language can start small.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

LANGUAGES = ("en", "es")
DEFAULT = "en"


def words(language: str, area: str, voice: str = "") -> Any:
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
    region, _, address = voice.partition(" ")
    for key in (region, address, voice):
        merged.update(variants.get(key, {}).get(area, {}))
    return merged


def every(area: str) -> dict[str, Any]:
    """``area`` in every language, keyed by language: for modules that keep a per-language table."""
    return {language: words(language, area) for language in LANGUAGES}


def _table(language: str) -> dict[str, Any]:
    return import_module(f"{__package__}.{language}").WORDS


def _variants(language: str) -> dict[str, dict[str, dict[str, str]]]:
    return getattr(import_module(f"{__package__}.{language}"), "VARIANTS", {})
