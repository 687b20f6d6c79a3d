"""The deck's own words (not the manual's), in English and Spanish."""

from __future__ import annotations

import datetime as dt

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "agenda": "What we will cover",
        "rules_count": "{count} rules",
        "rule_count": "1 rule",
        "do": "Do",
        "dont": "Don\u2019t",
        "cont": "(cont.)",
        "questions": "Your questions",
        "questions_topic": "Anything unclear about {topic}?",
        "questions_end": "What is unclear? What is missing? What would you change?",
        "questions_prompt": "No question is too small. If a rule is hard to follow, that is our problem to fix.",
        "check": "Is this OK?",
        "check_prompt": "Yes or no? Think first, then we will look at the answer together.",
        "check_answer_yes": "Yes, this is OK: it is one of the Do items of '{rule}'.",
        "check_answer_no": "No, this is not OK: it is one of the Don't items of '{rule}'.",
        "feedback": "Tell us what you think",
        "feedback_form": "Feedback form",
        "feedback_site": "The manual",
        "feedback_none": "Tell the helpdesk: {email}",
        "closing": "Thank you",
        "closing_subtitle": "Questions later? {email}",
        "presented_by": "Presented by {name}",
        "version": "Version {version}",
        "footer": "{title} · version {version}",
        "footer_unversioned": "{title}",
        "notes_why": "Why it matters:",
        "notes_detail": "More detail:",
        "notes_faq": "Questions people have asked:",
        "notes_rule": "Rule {id}",
        "notes_rule_no_id": "Section '{title}' (no rule ID)",
        "notes_link": "On the site: {url}",
        "notes_time": "Speaking time for this slide: about {time}.",
        "notes_total": "Estimated speaking time: {time} in total, for {count} slides.",
        "notes_timetable": "Time per slide:",
        "notes_questions": "Leave a few minutes. Ask the room what was unclear before moving on.",
        "notes_feedback": "Give people a minute to scan the codes. The form takes two minutes and is anonymous.",
        "notes_cont": "Continued from the previous slide.",
        "notes_agenda": "Say how long the session takes and that there is room for questions after each topic.",
        "notes_agenda_end": "Say how long the session takes and that there is room for questions at the end.",
        "notes_fallback": "This page does not follow the manual's rule conventions: shown as headings and lists.",
        "notes_truncated": "The full text of the headline: {text}",
        "minutes": "{minutes} min",
        "minutes_seconds": "{minutes} min {seconds} s",
        "seconds": "{seconds} s",
        "empty_title": "This manual has no topics yet",
        "empty_body": "Add topic pages with rules to the manual folder, then build the deck again.",
        "kind_title": "Title",
        "kind_agenda": "Agenda",
        "kind_section": "Topic",
        "kind_rule": "Rule",
        "kind_content": "Content",
        "kind_check": "Quiz",
        "kind_questions": "Questions",
        "kind_feedback": "Feedback",
        "kind_closing": "Closing",
        "kind_empty": "Note",
    },
    "es": {
        "agenda": "Qué vamos a ver",
        "rules_count": "{count} reglas",
        "rule_count": "1 regla",
        "do": "Sí",
        "dont": "No",
        "cont": "(cont.)",
        "questions": "Sus preguntas",
        "questions_topic": "¿Algo no quedó claro sobre {topic}?",
        "questions_end": "¿Qué no quedó claro? ¿Qué falta? ¿Qué cambiaría?",
        "questions_prompt": (
            "Ninguna pregunta es pequeña. Si una regla es difícil de seguir, nos toca a nosotros arreglarla."
        ),
        "check": "¿Esto está bien?",
        "check_prompt": "¿Sí o no? Piénselo y luego vemos juntos la respuesta.",
        "check_answer_yes": "Sí, está bien: es una de las cosas que sí hay que hacer en «{rule}».",
        "check_answer_no": "No, no está bien: es una de las cosas que no hay que hacer en «{rule}».",
        "feedback": "Díganos qué piensa",
        "feedback_form": "Formulario de opinión",
        "feedback_site": "El manual",
        "feedback_none": "Escriba al soporte: {email}",
        "closing": "Gracias",
        "closing_subtitle": "¿Preguntas después? {email}",
        "presented_by": "Presenta: {name}",
        "version": "Versión {version}",
        "footer": "{title} · versión {version}",
        "footer_unversioned": "{title}",
        "notes_why": "Por qué importa:",
        "notes_detail": "Más detalle:",
        "notes_faq": "Preguntas que ya nos han hecho:",
        "notes_rule": "Regla {id}",
        "notes_rule_no_id": "Sección «{title}» (sin ID de regla)",
        "notes_link": "En el sitio: {url}",
        "notes_time": "Tiempo para esta diapositiva: unos {time}.",
        "notes_total": "Tiempo estimado: {time} en total, para {count} diapositivas.",
        "notes_timetable": "Tiempo por diapositiva:",
        "notes_questions": "Deje unos minutos. Pregunte qué no quedó claro antes de seguir.",
        "notes_feedback": "Dé un minuto para escanear los códigos. El formulario lleva dos minutos y es anónimo.",
        "notes_cont": "Continúa de la diapositiva anterior.",
        "notes_agenda": "Diga cuánto dura la sesión y que habrá tiempo para preguntas después de cada tema.",
        "notes_agenda_end": "Diga cuánto dura la sesión y que habrá tiempo para preguntas al final.",
        "notes_fallback": (
            "Esta página no sigue las convenciones de reglas del manual: se muestra como títulos y listas."
        ),
        "notes_truncated": "El texto completo del titular: {text}",
        "minutes": "{minutes} min",
        "minutes_seconds": "{minutes} min {seconds} s",
        "seconds": "{seconds} s",
        "empty_title": "Este manual aún no tiene temas",
        "empty_body": "Añada páginas con reglas a la carpeta del manual y vuelva a generar la presentación.",
        "kind_title": "Portada",
        "kind_agenda": "Agenda",
        "kind_section": "Tema",
        "kind_rule": "Regla",
        "kind_content": "Contenido",
        "kind_check": "Pregunta",
        "kind_questions": "Preguntas",
        "kind_feedback": "Opinión",
        "kind_closing": "Cierre",
        "kind_empty": "Nota",
    },
}

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}
# A Don't item usually starts by saying so; a knowledge-check statement drops that start.
NEGATIONS = {"en": ("don't ", "do not ", "never "), "es": ("no ", "nunca ")}
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


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


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
