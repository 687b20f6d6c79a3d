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
