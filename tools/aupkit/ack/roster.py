"""HR's staff list (CSV or .xlsx) -> people. Pure once the table is read.

Headers in English or Spanish, any order: employee ID, email, name, department, manager (their email), start
date, language, exempt. An ID or an email is required; every problem is reported with its file and row.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from ..feedback.formats import date_order_of, parse_moment
from ..feedback.link import fold
from ..feedback.tables import Table, cell

COLUMNS = {
    "id": ("employee id", "id", "employee number", "staff id", "numero de empleado", "no de empleado",
           "id de empleado", "num empleado", "nomina", "numero de nomina"),
    "email": ("email", "email address", "work email", "correo", "correo electronico", "e mail"),
    "name": ("name", "full name", "nombre", "nombre completo"),
    "department": ("department", "team", "area", "departamento", "equipo"),
    "manager": ("manager", "manager email", "line manager", "jefe", "jefa", "jefe inmediato", "correo del jefe",
                "responsable"),
    "start": ("start date", "start", "hire date", "joined", "fecha de ingreso", "fecha de alta", "ingreso"),
    "language": ("language", "idioma"),
    "exempt": ("exempt", "exempted", "exento", "exenta", "exencion"),
}  # fmt: skip
YES = {"yes", "y", "true", "1", "x", "si", "verdadero"}


def spoken(value: str, default: str = "") -> str:
    """A language as staff lists and forms write it ("English", "Español", "es", "spanish") -> en, es or default."""
    return {"es": "es", "sp": "es", "en": "en", "in": "en"}.get(fold(value)[:2], default)


@dataclass(frozen=True)
class Person:
    id: str
    email: str  # case-folded
    name: str
    department: str
    manager: str  # the manager's email, case-folded
    start: str  # YYYY-MM-DD or ""
    language: str  # "" when the roster does not say
    exempt: bool
    where: str  # file and row, for messages

    @property
    def identities(self) -> tuple[str, ...]:
        return tuple(value for value in (self.email, self.id) if value)


def read_roster(table: Table, date_order: str = "dmy") -> list[Person]:
    """The people on the roster; UsageError listing every problem (file, row, fix)."""
    folded = [fold(header).replace("-", " ") for header in table.headers]
    where_is = {key: next((i for i, header in enumerate(folded) if header in names), None)
                for key, names in COLUMNS.items()}  # fmt: skip
    if where_is["id"] is None and where_is["email"] is None:
        raise UsageError(
            f"{table.path}: no employee ID or email column (headers: {', '.join(table.headers[:8])})",
            details=("  the staff list needs 'Employee ID' or 'Email' (Spanish: 'Número de empleado', 'Correo')",),
        )
    order = date_order_of([cell(row, where_is["start"]) for row in table.rows], date_order)
    people: list[Person] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for row in table.rows:
        where = table.at(row)

        def text(key: str) -> str:
            return str(cell(row, where_is[key]) or "").strip()  # noqa: B023

        ident, email = text("id"), text("email").casefold()
        if not ident and not email:
            if any(cell not in (None, "") for cell in row.cells):
                problems.append(f"{where}: no employee ID and no email (fill one in, or delete the row)")
            continue
        if email and "@" not in email:
            problems.append(f"{where}: '{email}' is not an email address")
        for kind, value in (("employee ID", ident), ("email", email)):
            if value and (kind, value) in seen:
                problems.append(f"{where}: {kind} '{value}' is also at {seen[(kind, value)]} (keep one row per person)")
            elif value:
                seen[(kind, value)] = where
        raw_start = cell(row, where_is["start"])
        start = parse_moment(raw_start, order)[0] if raw_start not in (None, "") else ""
        if raw_start not in (None, "") and not start:
            problems.append(f"{where}: start date '{raw_start}' is not a date (write it as 2026-03-01)")
        people.append(Person(
            ident, email, text("name"), text("department") or "-", text("manager").casefold(), start,
            spoken(text("language")), fold(text("exempt")) in YES, where,
        ))  # fmt: skip
    if problems:
        raise UsageError(f"{table.path}: {len(problems)} problem(s) in the staff list", details=tuple(problems))
    return people
