"""Form exports -> acknowledgements, and the append-only ledger they are kept in. Reading is pure; the ledger
file lives in the private folder (``ack.private``).

An acknowledgement is a person (as the form identified them: a verified email address or an employee ID), the
version they accepted, the language they read it in, when, and where it came from (the export's hash and row).
Google Forms (its Sheets download, first column ``Timestamp``/``Marca temporal``) and Microsoft Forms (``.xlsx``,
``ID``/``Start time``/``Completion time``) exports are read as ``aup feedback import`` reads them: encodings,
delimiters, dates, empty rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..feedback.formats import GOOGLE_TIMESTAMP, MS_FORMS, date_order_of, parse_moment
from ..feedback.link import fold
from ..feedback.tables import Table, cell
from .roster import spoken
from .versions import Version, parse

LEDGER_COLUMNS = ("person", "version", "language", "time", "file", "source", "row")
PERSON = ("email address", "email", "correo electronico", "direccion de correo electronico", "correo",
          "employee id", "employee number", "numero de empleado", "no de empleado", "id de empleado")  # fmt: skip
VERSION = ("version", "manual version", "version del manual", "which version", "que version")
LANGUAGE = ("language", "idioma", "lengua")
ACCEPT = re.compile(r"\b(accept|agree|i have read|acepto|he leido|estoy de acuerdo)")
NO = {"", "no", "false", "falso", "0", "n"}
_VERSION_IN_NAME = re.compile(r"(?<![\d.])(\d+\.\d+\.\d+)(?![\d.])")


@dataclass(frozen=True)
class Ack:
    person: str  # an email address (case-folded) or an employee ID, as the form identified the person
    version: str
    language: str
    time: str  # ISO 8601, to the second
    file: str  # the export's name
    source: str  # the export's SHA-256 (first 16 hex digits)
    row: str

    @property
    def key(self) -> tuple[str, str, str]:
        """The same acceptance, whichever export repeats it."""
        return self.person, self.version, self.time


@dataclass(frozen=True)
class Reading:
    acks: tuple[Ack, ...]
    skipped: tuple[str, ...]  # rows not read, each with its place and reason


def read_export(
    table: Table,
    data: bytes,
    known: Sequence[Version],
    *,
    version: str | None = None,
    default_language: str = "en",
    date_order: str = "dmy",
    now: dt.datetime | None = None,
) -> Reading:
    """The acknowledgements in a form export; UsageError (naming the file and what was expected) when it is not one."""
    folded = [fold(header).replace("-", " ") for header in table.headers]

    def find(names: Iterable[str]) -> int | None:
        return next((index for index, header in enumerate(folded) if header in names), None)

    microsoft = all(any(name in folded for name in MS_FORMS[key]) for key in ("id", "start", "end"))
    google = bool(folded) and folded[0] in GOOGLE_TIMESTAMP
    if not (microsoft or google):
        raise UsageError(
            f"{table.path}: not a Google Forms or Microsoft Forms export (headers: {', '.join(table.headers[:6])})",
            details=("  export the acknowledgement form's responses: Google Forms as CSV, Microsoft Forms as .xlsx",),
        )
    when = find(MS_FORMS["end"]) if microsoft else 0
    modified = find(MS_FORMS["modified"]) if microsoft else None
    person = find(PERSON)
    if person is None:
        raise UsageError(
            f"{table.path}: no column says who answered (an email address or an employee ID)",
            details=("  turn on 'collect email addresses' (Google) or require sign-in (Microsoft), then export again",),
        )
    said_version = find(VERSION)
    named = version or _version_in_name(table.path.stem)
    if said_version is None and named is None:
        raise UsageError(
            f"{table.path}: no 'Version' column and no version in the file name",
            details=("  give it: aup ack import FILE --version 2.1.0",),
        )
    language_column = find(LANGUAGE)
    accept = next((index for index, header in enumerate(folded) if ACCEPT.search(header)), None)
    known_names = {".".join(map(str, v)) for v in known}
    order = date_order_of([cell(row, when) for row in table.rows], date_order)
    source = hashlib.sha256(data).hexdigest()[:16]
    now = now or dt.datetime.now()
    acks: list[Ack] = []
    skipped: list[str] = []
    for row in table.rows:
        where = table.at(row)
        who = str(cell(row, person) or "").strip()
        if not who:
            if any(cell not in (None, "") for cell in row.cells):
                skipped.append(f"{where}: no email address or employee ID; not counted")
            continue
        if accept is not None and fold(str(cell(row, accept) or "")) in NO:
            skipped.append(f"{where}: the acceptance box is not ticked; not counted")
            continue
        raw_version = str(cell(row, said_version) or "").strip() if said_version is not None else ""
        name = _version_in_name(raw_version) or raw_version or named or ""
        if name not in known_names:
            listed = ", ".join(sorted(known_names, key=parse)) or "none"  # type: ignore[arg-type]
            skipped.append(f"{where}: version '{name}' is not a version of the manual ({listed}); not counted")
            continue
        day, seconds = parse_moment(cell(row, when), order)
        edited = parse_moment(cell(row, modified), order) if modified is not None else ("", 0)
        if edited[0]:
            day, seconds = edited
        if not day:
            skipped.append(f"{where}: no date this tool understands; not counted")
            continue
        moment = dt.datetime.fromisoformat(day) + dt.timedelta(seconds=seconds)
        if moment > now + dt.timedelta(days=1):
            skipped.append(f"{where}: dated {moment:%Y-%m-%d}, in the future; not counted (check the export)")
            continue
        language = spoken(str(cell(row, language_column) or ""), default_language)
        identity = who.casefold() if "@" in who else who
        acks.append(Ack(identity, name, language, moment.isoformat(timespec="seconds"), table.path.name, source,
                        row.where))  # fmt: skip
    return Reading(tuple(acks), tuple(skipped))


def _version_in_name(text: str) -> str | None:
    match = _VERSION_IN_NAME.search(text)
    return match.group(1) if match else None


# -- the ledger file ---------------------------------------------------------------------------------------


def read_ledger(text: str) -> list[Ack]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    if tuple(rows[0]) != LEDGER_COLUMNS:
        raise UsageError(f"the ledger's header is not {','.join(LEDGER_COLUMNS)}; restore it from your backup")
    return [Ack(*row) for row in rows[1:] if len(row) == len(LEDGER_COLUMNS)]


def append(existing_text: str, new: Iterable[Ack]) -> tuple[str, list[Ack]]:
    """The ledger with the acknowledgements it does not hold yet at the end (earlier lines untouched)."""
    existing = read_ledger(existing_text)
    seen = {ack.key for ack in existing} | {(ack.source, ack.row) for ack in existing}  # type: ignore[arg-type]
    added = []
    for ack in new:
        if ack.key in seen or (ack.source, ack.row) in seen:
            continue
        seen.add(ack.key)
        added.append(ack)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not existing_text.strip():
        writer.writerow(LEDGER_COLUMNS)
    for ack in added:
        writer.writerow([ack.person, ack.version, ack.language, ack.time, ack.file, ack.source, ack.row])
    text = existing_text if existing_text.endswith("\n") or not existing_text else existing_text + "\n"
    return text + out.getvalue(), added
