"""Microsoft Forms .xlsx exports built with openpyxl, as the real export lays them out (names invented)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HEADERS = {
    "en": ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"],
    "es": ["Id", "Hora de inicio", "Hora de finalización", "Correo electrónico", "Nombre",
           "Hora de la última modificación"],
}  # fmt: skip
QUESTIONS = {
    "en": ["Which rule is this about?", "Your question", "Your suggestion"],
    "es": ["¿A qué regla se refiere?", "Tu pregunta", "Tu sugerencia"],
}
ROWS = {
    "en": [
        (1, "jon@example.com", "Jon Smith", "Lock your screen when you step away",
         "Does locking count if I just close the laptop lid?", ""),
        (2, "kim@example.com", "Kim Lee", "Install updates within a week",
         "", "Tell us which updates can wait until the weekend."),
        (3, "jon@example.com", "Jon Smith", "Lock your screen when you step away",
         "Does locking count if I just close the laptop lid?", ""),
        (4, "lee@example.com", "Lee Park", "",
         "Why can't I use my own USB keyboard? Email me at lee.park@example.com", ""),
    ],
    "es": [
        (1, "ines@ejemplo.es", "Inés Ruiz", "Avisa de los mensajes sospechosos",
         "¿Dónde está el botón para avisar en el móvil?", ""),
        (2, "pablo@ejemplo.es", "Pablo Gil", "Activa la verificación en dos pasos", "",
         "Explicad qué hacer si pierdo el móvil con la app de códigos."),
    ],
}  # fmt: skip


def ms_forms_xlsx(path: Path, language: str = "en") -> Path:
    """Write a Microsoft Forms export: response ID, times as real Excel dates, email and name, then the questions."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(HEADERS[language] + QUESTIONS[language])
    start = dt.datetime(2026, 11, 20, 9, 0, 0)
    for number, (response_id, email, name, rule, question, suggestion) in enumerate(ROWS[language]):
        began = start + dt.timedelta(minutes=7 * number)
        done = began + dt.timedelta(minutes=2, seconds=15)
        sheet.append([response_id, began, done, email, name, None, rule or None, question or None, suggestion or None])
    sheet.append([None] * 9)  # an empty row at the end, as edited sheets often have
    workbook.save(path)
    return path


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feedback"
REPO = Path(__file__).resolve().parent.parent

PYPROJECT = """\
[tool.aup]
title = "Good practice manual"
language = "{language}"

[tool.aup.organisation]
name = "Example Company"
helpdesk_email = "helpdesk@example.com"
site_url = "https://intranet.example.com/manual/"

[tool.aup.feedback.qa]
text = "Question"
submitter = "Asked by"
date = "Time asked"
rule = "Labels"

[tool.aup.announce]
recipients = ["all-staff@example.com"]
"""

SPANISH_RULES = [
    ("email-phishing", "Comprueba antes de hacer clic"),
    ("email-report", "Avisa de los mensajes sospechosos"),
    ("accounts-mfa", "Activa la verificación en dos pasos"),
]


def english_project(root: Path) -> Path:
    """A copy of this repository's manual with a configuration naming the Q&A columns."""
    import shutil

    shutil.copytree(REPO / "manual", root / "manual")
    (root / "pyproject.toml").write_text(PYPROJECT.format(language="en"), encoding="utf-8")
    return root


def spanish_project(root: Path) -> Path:
    """A small Spanish manual: home page, one topic page with three rules, a changelog."""
    from conftest import page

    manual = root / "manual"
    manual.mkdir(parents=True)
    front = "---\ntitle: {title}\nowner: TI\nversion: 1.0.0\nlast_reviewed: 2026-10-01\nreview_every: 12 meses\n"
    front += "summary: Página de prueba.\nlanguage: es\n---\n\n# {title}\n\n{body}\n"
    (manual / "index.md").write_text(front.format(title="Manual de buenas prácticas", body="Bienvenida."), "utf-8")
    (manual / "changelog.md").write_text(front.format(title="Novedades", body="Los cambios, del más nuevo."), "utf-8")
    (manual / "correo.md").write_text(page("Correo", SPANISH_RULES).replace("---\ntitle", "---\nlanguage: es\ntitle"))
    (root / "pyproject.toml").write_text(PYPROJECT.format(language="es"), encoding="utf-8")
    return root


# -- a realistic session: every export format, English and Spanish, duplicates and resubmissions ----------

SESSION = FIXTURES / "session"
SESSION_FORMS = {
    "en": (
        ["Which section is your comment about?", "Type", "Your comment", "Rate the session",
         "Which topics would you like to hear more about? (select all that apply)"],
        [  # (ID, email, name, minutes after 10:00, section, type, comment, rating, topics)
            (1, "liam.n@example.com", "Liam Nash", 1, "Lock your screen when you step away", "Question",
             "Does closing the laptop lid count as locking it?", 5, "Personal devices at work;"),
            (2, "mia.c@example.com", "Mia Chen", 3, "Install updates within a week", "Suggestion",
             "Tell us which updates may wait until the weekend.", 4, "Personal devices at work;Using the internet;"),
            (3, "liam.n@example.com", "Liam Nash", 6, "Lock your screen when you step away", "Question",
             "Does closing the laptop lid count as locking it? And what about sleep mode?", 5,
             "Personal devices at work;"),
            (4, "noah.b@example.com", "Noah Bell", 8, "Email", "Question",
             "Is it fine to BCC the whole team on a newsletter?", 4, "Email;"),
            (5, "olga.p@example.com", "Olga Park", 9, "", "Praise", "Best session we have had on security.", 5, ""),
            (6, "pat.q@example.com", "Pat Quinn", 11, "Keep work files in company storage", "Question",
             "Can I keep a copy of project files on my own OneDrive?", 3, "Using the internet;"),
        ],
    ),
    "es": (
        ["¿Sobre qué sección es tu comentario?", "Tipo", "Tu comentario", "Calificación",
         "¿Qué temas te gustaría repasar más? (marca todas las que apliquen)"],
        [
            (1, "rosa.v@ejemplo.mx", "Rosa Vega", 2, "No conectes memorias USB desconocidas", "Pregunta",
             "¿Y si la memoria me la da un cliente en una junta?", 5, "Dispositivos personales en el trabajo;"),
            (2, "saul.m@ejemplo.mx", "Saúl Mena", 4, "Correo electrónico", "Sugerencia",
             "Pongan un ejemplo de factura falsa que pide pagar a otra cuenta CLABE.", 4, "Correo electrónico;"),
            (3, "tere.a@ejemplo.mx", "Tere Ávila", 5, "Avisa enseguida si pierdes un dispositivo o te lo roban",
             "Pregunta", "¿A qué número llamo si me roban el teléfono un domingo?", 4, ""),
            (4, "uriel.g@ejemplo.mx", "Uriel Gómez", 7, "Uso de internet", "Comentario",
             "Piensen en quienes trabajan desde cafeterías: la VPN se cae seguido.", 3,
             "Uso de internet;Correo electrónico;"),
        ],
    ),
}  # fmt: skip
SESSION_MAPPING = """
[tool.aup.feedback.mappings.live]
text = "text"
date = "date"
submitter = "author.name"
rule = "label"
votes = "votes"
answer = "answer"
"""


def session_exports(folder: Path) -> list[Path]:
    """The session's exports in ``folder``: the CSV and JSON files of ``fixtures/feedback/session`` and two
    Microsoft Forms workbooks (English and Spanish accounts), in the order a presenter would import them."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    paths = [Path(shutil.copy(SESSION / name, folder / name)) for name in
             ("google-en.csv", "google-es.csv", "qa-live.json", "notas-presentadora.csv")]  # fmt: skip
    for language, (questions, rows) in SESSION_FORMS.items():
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(HEADERS[language] + questions)
        for response_id, email, name, minutes, *answers in rows:
            began = dt.datetime(2026, 11, 20, 10, minutes, 0)
            sheet.append([response_id, began, began + dt.timedelta(seconds=95), email, name, None,
                          *(answer if answer != "" else None for answer in answers)])  # fmt: skip
        paths.append(folder / f"msforms-{language}.xlsx")
        workbook.save(paths[-1])
    return paths


def session_labels() -> list[dict]:
    import yaml

    return yaml.safe_load((SESSION / "labels.yaml").read_text(encoding="utf-8"))


def session_quality(items, rule_pages: dict[str, str]) -> dict[str, object]:
    """How an imported session's items link, against ``labels.yaml``: of the items whose form named a rule, a
    page or a section, how many reached their rule (a sure link) or, when only a page was named or the item
    concerns no rule, their page (the suggestions start on it and no rule was forced); and every wrong sure link."""
    labels = sorted(session_labels(), key=lambda label: -len(label["text"]))
    named = linked = 0
    wrong, unlinked, unlabelled = [], [], []
    for item in items:
        label = next((label for label in labels if item.text.startswith(label["text"])), None)
        if label is None:
            unlabelled.append(item.text)
            continue
        if item.rule is not None and item.rule != label["rule"]:
            wrong.append(f"{item.text[:50]!r}: linked to {item.rule}, a person says {label['rule']}")
        if label["named"] == "none":
            continue
        named += 1
        first_page = rule_pages.get(item.suggested[0]) if item.suggested else None
        reached = (
            (item.rule is not None and item.rule == label["rule"])
            or (item.rule is None and label["rule"] is None and label["page"] and first_page == label["page"])
            or (item.rule is None and label["named"] in ("page", "section") and first_page == label["page"])
        )
        linked += bool(reached)
        if not reached:
            unlinked.append(f"{item.text[:50]!r}: {item.rule or 'suggested ' + ', '.join(item.suggested)}")
    return {"named": named, "linked": linked, "wrong": wrong, "unlinked": unlinked, "unlabelled": unlabelled}
