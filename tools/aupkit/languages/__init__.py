"""The words aupkit shows people, one module per language (``en.py``, ``es.py``).

Every feature reads its words from here, by area: ``words("es", "site")["print"]``. A language
missing a word (or an unknown language) falls back to English, so a new language can start small.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

LANGUAGES = ("en", "es")
DEFAULT = "en"


def words(language: str, area: str) -> Any:
    """The ``area`` table (a dict, or a tuple for months and negations) in ``language``."""
    table = _table(language if language in LANGUAGES else DEFAULT)
    english = _table(DEFAULT)[area]
    found = table.get(area, english)
    return {**english, **found} if isinstance(found, dict) else found


def every(area: str) -> dict[str, Any]:
    """``area`` in every language, keyed by language: for modules that keep a per-language table."""
    return {language: words(language, area) for language in LANGUAGES}


def _table(language: str) -> dict[str, Any]:
    return import_module(f"{__package__}.{language}").WORDS
