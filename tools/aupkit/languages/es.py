"""Every word aupkit itself shows in Spanish: on the site, in the deck, the merge, the announcement,
the redaction markers and the lint report. One table per language; add a language by adding a module like this.

``WORDS`` is neutral Latin American Spanish (es-419) that addresses the reader as *tú* and an audience as
*ustedes*. ``VARIANTS`` holds only what differs: ``usted`` (the formal register, chosen with
``[tool.aup] address``), the regions ``es-MX`` and ``es-ES`` (``[tool.aup] variant``), and ``es-ES tú``, where
an audience is *vosotros*: the only place *vosotros* may appear.
"""

from __future__ import annotations

WORDS = {
    "site": {
        "owner": "Responsable",
        "version": "Versión",
        "last_reviewed": "Última revisión",
        "next_review": "Próxima revisión",
        "overdue": "Vencida",
        "reading_time": "Tiempo de lectura",
        "minutes": "{n} min",
        "rule_id": "ID de la regla",
        "rule_link": "Enlace a esta regla",
        "faq": "Preguntas del personal",
        "home": "Inicio",
        "do": "Sí",
        "dont": "No",
        "print": "El manual completo",
        "contents": "Contenido",
        "cover_version": "Versión {version}, {date}",
        "running_page": "Página {page} de {pages}",
        "pdf": "Descarga el manual completo en PDF (versión {version})",
        "versions": "Versiones anteriores (PDF)",
        "whats_new": "Novedades",
        "glossary": "Glosario",
        "feedback": "¿Preguntas o sugerencias?",
        "feedback_link": "Escríbenos en el formulario de comentarios",
        "deck": "Descargar la presentación (PowerPoint)",
        "page_details": "Sobre esta página",
        "date": "{day} de {month} de {year}",
    },
    "deck": {
        "agenda": "Qué vamos a ver",
        "rules_count": "{count} reglas",
        "rule_count": "1 regla",
        "do": "Sí",
        "dont": "No",
        "cont": "(cont.)",
        "questions": "Sus preguntas",
        "questions_topic": "¿Algo no quedó claro sobre {topic}?",
        "questions_end": "¿Qué no quedó claro? ¿Qué falta? ¿Qué cambiarían?",
        "questions_prompt": "Ninguna pregunta es pequeña. Si una regla es difícil de seguir, nos toca a "
        "nosotros arreglarla.",
        "check": "¿Esto está bien?",
        "check_prompt": "¿Sí o no? Piénsenlo y luego vemos juntos la respuesta.",
        "check_answer_yes": "Sí, está bien: es una de las cosas que sí hay que hacer en «{rule}».",
        "check_answer_no": "No, no está bien: es una de las cosas que no hay que hacer en «{rule}».",
        "feedback": "Cuéntennos qué piensan",
        "feedback_form": "Formulario de opinión",
        "feedback_site": "El manual",
        "feedback_none": "Escríbannos a soporte: {email}",
        "closing": "Gracias",
        "closing_subtitle": "¿Preguntas después? {email}",
        "presented_by": "Presenta: {name}",
        "version": "Versión {version}",
        "footer": "{title} · versión {version}",
        "footer_unversioned": "{title}",
        "notes_why": "Por qué importa:",
        "notes_detail": "Más detalle:",
        "notes_faq": "Preguntas que ya nos hicieron:",
        "notes_rule": "Regla {id}",
        "notes_rule_no_id": "Sección «{title}» (sin ID de regla)",
        "notes_link": "En el sitio: {url}",
        "notes_time": "Tiempo para esta diapositiva: unos {time}.",
        "notes_total": "Tiempo estimado: {time} en total, para {count} diapositivas.",
        "notes_timetable": "Tiempo por diapositiva:",
        "notes_questions": "Deja unos minutos. Pregunta qué no quedó claro antes de seguir.",
        "notes_feedback": "Da un minuto para escanear los códigos. Responder el formulario toma dos minutos y es "
        "anónimo.",
        "notes_cont": "Continúa de la diapositiva anterior.",
        "notes_agenda": "Di cuánto dura la sesión y que habrá tiempo para preguntas después de cada tema.",
        "notes_agenda_end": "Di cuánto dura la sesión y que habrá tiempo para preguntas al final.",
        "notes_fallback": "Esta página no sigue las convenciones de reglas del manual: se muestra como "
        "títulos y listas.",
        "notes_truncated": "El texto completo del titular: {text}",
        "minutes": "{minutes} min",
        "minutes_seconds": "{minutes} min {seconds} s",
        "seconds": "{seconds} s",
        "empty_title": "Este manual aún no tiene temas",
        "empty_body": "Agrega páginas con reglas a la carpeta del manual y vuelve a generar la presentación.",
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
    "merge": {
        "question": "Pregunta",
        "answer": "Respuesta",
        "changed": "Cambiado",
        "added": "Agregado",
        "answers": "Respuestas a {count} pregunta(s) del personal en {rule}.",
        "updated": "Respuestas actualizadas en {rule}.",
    },
    "announce": {
        "subject": "{title} {version}: novedades",
        "hello": "Hola:",
        "intro": "Actualizamos el {title} a la versión {version}.",
        "why_feedback": "Por qué: estos cambios responden a {count} pregunta(s) y sugerencia(s) que "
        "recibimos después de la sesión de concientización. Gracias.",
        "why": "Por qué: mantenemos el manual al día para que siga siendo claro y correcto.",
        "what": "Qué cambió:",
        "read": "Lee los detalles en la página de novedades:",
        "link": "Novedades",
        "help": "¿Dudas? Escribe a {helpdesk}.",
        "version": "Versión {version}",
        "more": "... y {count} más en la página de novedades.",
    },
    "redaction": {
        "email": "[correo eliminado]",
        "phone": "[teléfono eliminado]",
        "card": "[tarjeta eliminada]",
        "iban": "[cuenta bancaria eliminada]",
        "id": "[documento eliminado]",
    },
    "report_labels": {"do": "Sí", "dont": "No", "why": "Por qué importa"},
    "months": (
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
    "deck_negations": ("no ", "nunca "),
}


VARIANTS = {
    "usted": {
        "site": {
            "feedback_link": "Escríbanos en el formulario de comentarios",
            "pdf": "Descargue el manual completo en PDF (versión {version})",
        },
        "deck": {
            "notes_questions": "Deje unos minutos. Pregunte qué no quedó claro antes de seguir.",
            "notes_feedback": "Dé un minuto para escanear los códigos. Responder el formulario toma dos minutos y "
            "es anónimo.",
            "notes_agenda": "Diga cuánto dura la sesión y que habrá tiempo para preguntas después de cada tema.",
            "notes_agenda_end": "Diga cuánto dura la sesión y que habrá tiempo para preguntas al final.",
            "empty_body": "Agregue páginas con reglas a la carpeta del manual y vuelva a generar la presentación.",
        },
        "announce": {
            "read": "Lea los detalles en la página de novedades:",
            "help": "¿Dudas? Escriba a {helpdesk}.",
        },
    },
    "es-MX": {
        "announce": {
            "why_feedback": "Por qué: estos cambios responden a {count} pregunta(s) y sugerencia(s) que "
            "recibimos después de la sesión de capacitación. Gracias.",
        },
    },
    "es-ES": {
        "deck": {
            "notes_faq": "Preguntas que ya nos han hecho:",
            "empty_body": "Añade páginas con reglas a la carpeta del manual y vuelve a generar la presentación.",
        },
        "merge": {"added": "Añadido"},
        "announce": {
            "intro": "Hemos actualizado el {title} a la versión {version}.",
            "why_feedback": "Por qué: estos cambios responden a {count} pregunta(s) y sugerencia(s) que "
            "recibimos después de la sesión de formación. Gracias.",
            "what": "Qué ha cambiado:",
        },
    },
    "es-ES usted": {
        "deck": {
            "empty_body": "Añada páginas con reglas a la carpeta del manual y vuelva a generar la presentación.",
        },
    },
    "es-ES tú": {
        "deck": {
            "questions": "Vuestras preguntas",
            "questions_topic": "¿Algo no ha quedado claro sobre {topic}?",
            "questions_end": "¿Qué no ha quedado claro? ¿Qué falta? ¿Qué cambiaríais?",
            "check_prompt": "¿Sí o no? Pensadlo y luego vemos juntos la respuesta.",
            "feedback": "Contadnos qué pensáis",
            "feedback_none": "Escribidnos a soporte: {email}",
        },
    },
}
