"""Language helpers for the deck: its words come from ``aupkit.languages``; dates, durations, statements."""

from __future__ import annotations

import datetime as dt

from ..languages import Voice, every
from ..languages import words as words_in

_MONTHS = every("months")
# A Don't item usually starts by saying so; a knowledge-check statement drops that start.
NEGATIONS = every("deck_negations")
# Spanish says "don't" with the subjunctive ("No dejes"): the statement needs the imperative ("Deja").
_ES_IRREGULAR = {
    "hagas": "haz", "pongas": "pon", "digas": "di", "salgas": "sal", "tengas": "ten", "vayas": "ve", "des": "da",
    "seas": "sé", "vengas": "ven", "sigas": "sigue", "elijas": "elige", "pidas": "pide", "sirvas": "sirve",
}  # fmt: skip
_ES_SPELLING = {"gues": "ga", "ques": "ca", "ces": "za"}  # pagues -> paga, toques -> toca, empieces -> empieza
_ES_CLITICS = {"me", "te", "se", "lo", "la", "los", "las", "le", "les", "nos", "os"}


def affirmative(text: str, language: str) -> str | None:
    """A "Don't" item turned into the statement it forbids ("Don't share your code." -> "Share your code.").

    None when that cannot be done reliably (a Spanish verb with a pronoun before it, an unknown ending).
    Text that does not start with a negation is returned as it is.
    """
    lowered = text.lower()
    start = next((s for s in NEGATIONS.get(language, ()) + NEGATIONS["en"] if lowered.startswith(s)), None)
    if start is None:
        return text
    rest = text[len(start) :].strip()
    if language == "es":
        verb, _, tail = rest.partition(" ")
        key = verb.lower()
        if key in _ES_CLITICS:
            return None
        if key in _ES_IRREGULAR:
            verb = _ES_IRREGULAR[key]
        elif key.endswith(tuple(_ES_SPELLING)):
            ending = next(e for e in _ES_SPELLING if key.endswith(e))
            verb = verb[: -len(ending)] + _ES_SPELLING[ending]
        elif key.endswith("es"):  # -ar verbs: dejes -> deja
            verb = verb[:-2] + "a"
        elif key.endswith("as"):  # -er and -ir verbs: compartas -> comparte
            verb = verb[:-2] + "e"
        else:
            return None
        rest = f"{verb} {tail}".strip()
    return rest[:1].upper() + rest[1:] if rest else None


def words(language: str, voice: str | Voice = "") -> dict[str, str]:
    """The deck's words in ``language``, in the organisation's register and regional variant (``voice``)."""
    return words_in(language, "deck", voice)


def format_date(day: dt.date, language: str) -> str:
    """'2 November 2026' / '2 de noviembre de 2026'."""
    month = _MONTHS.get(language, _MONTHS["en"])[day.month - 1]
    return f"{day.day} de {month} de {day.year}" if language == "es" else f"{day.day} {month} {day.year}"


def format_duration(seconds: int, language: str) -> str:
    text = words(language)
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return text["seconds"].format(seconds=rest)
    if rest < 15 or minutes >= 10:
        return text["minutes"].format(minutes=minutes + (1 if rest >= 30 and minutes >= 10 else 0))
    return text["minutes_seconds"].format(minutes=minutes, seconds=rest)
