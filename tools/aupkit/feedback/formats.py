"""Recognise an export by its header row and turn its rows into responses.

Formats: Google Forms responses (the Sheets download, first column ``Timestamp``
or ``Marca temporal``, and the Forms download with ``2026/01/15 9:05:12 AM GMT-6``
timestamps), Microsoft Forms ``.xlsx`` (English and Spanish headers), a Q&A
tool's export through ``[tool.aup.feedback.qa]``, and the presenter's template
(``date,rule,kind,text``, or ``fecha,regla,tipo,texto``: ``aup feedback template`` writes it), or the
presenter's own sheet headed in their words (``Fecha, Sección, Tipo, Comentario, Respuesta dada``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import QaColumns
from ..errors import UsageError
from .items import KINDS, Kind
from .link import fold
from .redact import clean
from .tables import Cell, Table, cell, column

GOOGLE_TIMESTAMP = ("timestamp", "marca temporal", "marca de tiempo")
MS_FORMS = {
    "id": ("id",),
    "start": ("start time", "hora de inicio"),
    "end": ("completion time", "hora de finalizacion"),
    "email": ("email", "correo electronico"),
    "name": ("name", "nombre"),
    "modified": ("last modified time", "hora de la ultima modificacion"),
}
SUBMITTER = ("email address", "direccion de correo electronico", "email", "correo electronico", "correo", "e-mail",
             "name", "nombre", "full name", "nombre completo", "username", "usuario", "nombre de usuario")  # fmt: skip
TEMPLATE = {"date": ("date", "fecha"), "rule": ("rule", "regla"), "kind": ("kind", "tipo"), "text": ("text", "texto")}
# A presenter's own sheet, headed in their words (any order): the template's names and these.
PRESENTER = {
    "date": ("date", "fecha", "day", "dia", "when", "cuando", "time", "hora"),
    "rule": ("rule", "regla", "section", "seccion", "apartado", "page", "pagina", "topic", "tema", "rule id", "norma",
             "part of the manual", "parte del manual"),
    "kind": ("kind", "tipo", "type", "category", "categoria", "clase"),
    "text": ("text", "texto", "comment", "comentario", "comments", "comentarios", "question", "pregunta",
             "feedback", "note", "notes", "nota", "notas", "observacion", "observaciones", "what was said",
             "lo que se dijo", "question or comment", "pregunta o comentario", "suggestion", "sugerencia"),
    "submitter": ("participant", "participante", "attendee", "asistente", "asked by", "who", "quien", "person",
                  "persona", "name", "nombre", "email", "correo"),
}  # fmt: skip
# An optional column of the presenter's sheet: what was answered in the room (kept as a draft answer).
ROOM_ANSWER = ("answer", "answer given", "respuesta", "respuesta dada", "answered in the room", "respuesta en la sala")

# Header patterns, tried in this order on the folded header (lowercase, no accents).
# The session's rating: "How useful was the session? (1-5)", "Calificación", "¿Qué tan útil...?", "Rating".
_RATING_HEADER = re.compile(
    r"\b(rating|rate|score|stars?|calificacion|calific\w*|puntuacion|puntua\w*|valoracion|valora\w*|estrellas)\b"
    r"|\(?\b1 ?(-|to|a|al) ?(5|10)\b|\bhow (useful|helpful|satisfied)\b|\bque tan (util|satisfech\w*)\b"
)
# A multi-select of topics: plural "topics"/"temas", or "select all that apply" / "marca todas las que apliquen".
_TOPICS_HEADER = re.compile(
    r"^(topics|temas)\b|\b(which|what) topics\b|\b(que|cuales) temas\b"
    r"|\b(select|choose|tick|check) all\b|\b(selecciona|elige|marca) (todos|todas)\b"
)
_RULE_HEADER = re.compile(
    r"^(rules?|rule id|reglas?|normas?|sections?|seccion|apartados?|topics?|temas?)\b"
    r"|\b(which|what) (rules?|sections?|topics?|parts?)\b"
    r"|\b(que|cual|cuales|a que) (reglas?|normas?|seccion|secciones|apartados?|temas?|partes?)\b"
)
_KIND_HEADER = re.compile(r"^(kind|type|tipo)\b|\btype of (feedback|comment)\b|\b(what|que) (kind|type|tipo)\b")
_KIND_WORDS: tuple[tuple[Kind | None, re.Pattern[str]], ...] = (
    ("question", re.compile(r"\b(question|questions|ask|pregunta|preguntas|duda|dudas)\b")),
    ("suggestion", re.compile(r"\b(suggest\w*|sugerencia\w*|sugier\w*|propuesta\w*|propon\w*|improv\w*|mejor\w*)")),
    ("problem", re.compile(r"\b(problem\w*|unclear|not clear|confus\w*|no (esta|queda) claro|dificil|hard to)\b")),
    ("praise", re.compile(r"\b(liked|like most|what worked|praise|gusto|felicit\w*|lo mejor)\b")),
    (None, re.compile(r"\b(comment\w*|comentario\w*|feedback|message|mensaje|opinion|anything else|algo mas)\b")),
)  # fmt: skip
_KIND_VALUES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("question", re.compile(r"\b(question|pregunta|duda|ask|consulta)")),
    ("suggestion", re.compile(r"\b(suggest|sugerencia|propuesta|idea|improv|mejora|proposal)")),
    (
        "problem",
        re.compile(r"\b(problem|unclear|error|mistake|confus|no (esta|queda) claro|complain|queja|reclamo|issue)"),
    ),
    ("praise", re.compile(r"\b(praise|liked|thanks|gusto|felicit|elogio|agradec|reconocimiento|compliment)")),
    ("comment", re.compile(r"\b(comment|comentario|observacion|remark|note|nota|opinion|otro|other)")),
)
_NOTHING = {"", "-", "--", "n/a", "na", "none", "no", "nothing", "nope", "ninguna", "ninguno", "nada", "no tengo", "."}
_ANONYMOUS = {"anonymous", "anon", "anonimo", "anonima", "guest", "invitado", "invitada", "participant", "attendee"}
_FORMS_DOWNLOAD = re.compile(r"^\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(:\d{2})? ?[AP]\.?M\.?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?", re.IGNORECASE
)


@dataclass(frozen=True)
class Entry:
    """One piece of feedback inside a response."""

    kind: Kind
    text: str
    rule: str | None = None  # the rule column's value, when the export has one
    votes: int = 0  # upvotes the Q&A tool counted
    answer: str = ""  # the answer given in the room: a draft for the reviewers


@dataclass(frozen=True)
class Tally:
    """What a response says about the session as a whole: its rating and the topics it ticked (no text)."""

    rating: int | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    """One submitted row. ``submitter`` is used in memory to find duplicates; it is never stored."""

    where: str
    date: str
    moment: tuple[str, int]  # (date, seconds into the day): orders submissions
    submitter: str | None
    response_id: str | None
    entries: tuple[Entry, ...]
    verified: bool = False  # the submitter is a signed-in account, not whatever someone typed
    tally: Tally = Tally()

    def key(self, session: str) -> str:
        """A stable name for this response in the store, from what it says and when (never who said it):
        importing the same export, or a later export that repeats it, counts it once."""
        said = [self.moment[0], str(self.moment[1]), self.response_id or "", str(self.tally.rating or ""),
                *self.tally.topics, "\x1e", *(f"{entry.kind}\x1f{entry.text}" for entry in self.entries)]  # fmt: skip
        digest = hashlib.sha256("\x1d".join([session, *said]).encode()).hexdigest()
        return f"r-{digest[:12]}"


@dataclass(frozen=True)
class Reading:
    """What one file gave: its format, its responses and anything the reader should know."""

    table: Table
    format: str
    responses: tuple[Response, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)


def header_kind(header: str) -> str | None:
    """What a header holds: ``topics`` (a multi-select), ``rule``, ``kind``, ``rating``, a feedback kind, ``text``
    (a generic comment) or None."""
    folded = fold(header).replace("-", " ")
    if _TOPICS_HEADER.search(folded):
        return "topics"
    if _RULE_HEADER.search(folded):
        return "rule"
    if _KIND_HEADER.search(folded):
        return "kind"
    if _RATING_HEADER.search(folded):
        return "rating"
    for kind, pattern in _KIND_WORDS:
        if pattern.search(folded):
            return kind or "text"
    return None


def value_kind(value: str) -> Kind | None:
    folded = fold(value)
    return next((kind for kind, pattern in _KIND_VALUES if pattern.search(folded)), None)


def recognise(table: Table, qa: QaColumns) -> str:
    """The format of a table, from its headers; UsageError listing the headers when none fits."""
    folded = [fold(header).replace("-", " ") for header in table.headers]
    if {"id", "exported", "status"} <= set(folded):
        raise UsageError(
            f"{table.path}: this is aupkit's own reviewers' export, not session feedback",
            details=(f"  read the decisions in it back with: aup feedback decide {table.path}",),
        )
    if qa.text and column(table.headers, qa.text) is not None:
        return "qa"
    if all(any(name in folded for name in names) for names in TEMPLATE.values()):
        return "presenter"
    if all(any(name in folded for name in MS_FORMS[key]) for key in ("id", "start", "end")):
        return "microsoft-forms"
    if folded and folded[0] in GOOGLE_TIMESTAMP:
        sample = next((str(row.cells[0]) for row in table.rows if row.cells and row.cells[0]), "")
        return "google-forms" if _FORMS_DOWNLOAD.match(sample.strip()) else "google-sheets"
    present = {key for key, names in PRESENTER.items() if any(header in names for header in folded)}
    if "text" in present and present & {"rule", "kind", "date"}:
        return "presenter"
    # The headers are whatever the file holds: shown short and printable, never as a page of its text.
    shown = ", ".join(repr("".join(c for c in header[:30] if c.isprintable())) for header in table.headers[:8])
    shown += " ..." if len(table.headers) > 8 else ""
    raise UsageError(
        f"{table.path}: no recognisable columns (headers: {shown})",
        details=(
            "  aup reads Google Forms exports (first column 'Timestamp' or 'Marca temporal'), Microsoft Forms .xlsx "
            "('ID', 'Start time', 'Completion time'), the presenter's sheet (date,rule,kind,text: "
            "'aup feedback template' writes it; or headers like Fecha, Sección, Tipo, Comentario) and Q&A exports "
            "mapped in [tool.aup.feedback.qa]",
        ),
    )


@dataclass
class _Columns:
    """Where each piece of a response is, by column index."""

    date: int | None = None
    submitter: list[int] = field(default_factory=list)
    response_id: int | None = None
    modified: int | None = None
    rule: int | None = None
    kind: int | None = None
    text: list[tuple[int, str]] = field(default_factory=list)  # (column, feedback kind or "text")
    votes: int | None = None
    answer: int | None = None
    rating: int | None = None
    topics: int | None = None


def _columns(table: Table, fmt: str, qa: QaColumns, warnings: list[str]) -> _Columns:
    headers = table.headers
    folded = [fold(header).replace("-", " ") for header in headers]

    def find(names: Sequence[str]) -> int | None:
        return next((index for index, header in enumerate(folded) if header in names), None)

    if fmt == "qa":
        single = {key: name for key, name in vars(qa).items() if isinstance(name, str)}
        found = {key: column(headers, name) if name else None for key, name in single.items()}
        for key, name in single.items():
            if name and found[key] is None:
                warnings.append(f"{table.path}: no column '{name}' for {key} in [tool.aup.feedback.qa]; ignored")
        texts = [(found["text"], "question" if found["kind"] is None else "text")]
        for name in qa.more_text:  # a wide sheet: one column per prompt, the kind from each prompt's words
            index = column(headers, name)
            if index is None:
                warnings.append(f"{table.path}: no column '{name}' for more_text in the mapping; ignored")
            else:
                kind = header_kind(headers[index])
                texts.append((index, kind if kind in ("question", "suggestion", "problem", "praise") else "text"))
        return _Columns(
            date=found["date"], submitter=[c for c in [found["submitter"]] if c is not None], rule=found["rule"],
            kind=found["kind"], text=texts, votes=found["votes"], answer=found["answer"], rating=found["rating"],
            topics=found["topics"],
        )  # fmt: skip
    if fmt == "presenter":
        text = find(PRESENTER["text"])
        columns = _Columns(
            date=find(PRESENTER["date"]), rule=find(PRESENTER["rule"]), kind=find(PRESENTER["kind"]),
            text=[(text, "text")] if text is not None else [], answer=find(ROOM_ANSWER),
            submitter=[c for c in [find(PRESENTER["submitter"])] if c is not None],
        )  # fmt: skip
        used = {columns.date, columns.rule, columns.kind, text, columns.answer, *columns.submitter}
        ignored = [header for index, header in enumerate(headers) if index not in used and header.strip()]
        if ignored:  # a column nobody mapped may hold anything, names included: it is not stored
            warnings.append(f"{table.path}: column(s) {', '.join(map(repr, ignored))} not read (only the date, "
                            "rule or section, type, text and the answer given in the room are kept)")  # fmt: skip
        return columns
    if fmt == "microsoft-forms":
        columns = _Columns(date=find(MS_FORMS["end"]), response_id=find(MS_FORMS["id"]),
                           modified=find(MS_FORMS["modified"]))  # fmt: skip
        columns.submitter = [c for c in (find(MS_FORMS["email"]), find(MS_FORMS["name"])) if c is not None]
        used = {columns.response_id, find(MS_FORMS["start"]), columns.date, columns.modified}
    else:  # Google Forms: the timestamp first, then perhaps the email address, then the questions
        columns = _Columns(date=0, submitter=[i for i, header in enumerate(folded) if header in SUBMITTER][:1])
        used = {0}
    used |= set(columns.submitter)
    for index, header in enumerate(headers):
        role = None if index in used else header_kind(header)
        if role == "rule" and columns.rule is None:
            columns.rule = index
        elif role == "kind" and columns.kind is None:
            columns.kind = index
        elif role == "rating" and columns.rating is None:
            columns.rating = index
        elif role == "topics" and columns.topics is None:
            columns.topics = index
        elif role in ("question", "suggestion", "problem", "praise", "text"):
            columns.text.append((index, role))
    if not columns.text and columns.rating is None and columns.topics is None:
        raise UsageError(
            f"{table.path}: no question, suggestion, comment, rating or topics column among: "
            + ", ".join(map(repr, headers)),
            details=("  name the form's questions with words like 'question', 'suggestion', 'comment' or 'rating'",),
        )
    return columns


def read_responses(table: Table, fmt: str, qa: QaColumns, date_order: str) -> Reading:
    """Rows -> responses for a recognised format."""
    warnings: list[str] = []
    columns = _columns(table, fmt, qa, warnings)
    said = [value for row in table.rows if (value := cell(row, columns.rating)) not in (None, "")]
    if said and sum(_rating(value) is not None for value in said) * 2 < len(said):
        # "How useful was the session, and what would you change?" is answered in words: a comment column.
        columns.text.append((columns.rating, "text"))  # type: ignore[arg-type]
        columns.rating = None
    if columns.date is not None:
        date_order = date_order_of([cell(row, columns.date) for row in table.rows], date_order)
    responses: list[Response] = []
    for row in table.rows:
        where = table.at(row)
        raw_date = cell(row, columns.date)
        day, seconds = parse_moment(raw_date, date_order)
        if raw_date and not day:
            warnings.append(f"{where}: date '{raw_date}' not understood; stored without a date")
        modified = parse_moment(cell(row, columns.modified), date_order)
        if modified[0]:  # an edited Microsoft Forms response counts from its last change
            day, seconds = modified
        submitter = " ".join(str(cell(row, c) or "").casefold() for c in columns.submitter).strip() or None
        if submitter and fold(submitter) in _ANONYMOUS:
            submitter = None  # many people share this name: it identifies nobody
        kind_value = str(cell(row, columns.kind) or "")
        rating = _rating(cell(row, columns.rating))
        if rating is None and str(cell(row, columns.rating) or "").strip():
            warnings.append(f"{where}: rating '{cell(row, columns.rating)}' is not a whole number from 0 to 10; "
                            "the response is kept without a rating")  # fmt: skip
        topics = choices(str(cell(row, columns.topics) or ""))
        rule_value = str(cell(row, columns.rule) or "")
        if columns.rule is None and len(topics) == 1:  # the one topic ticked says what the comments are about
            rule_value = topics[0]
        stated = value_kind(kind_value) if kind_value else None  # the row's own type wins over a header's words
        if kind_value and stated is None:
            warnings.append(
                f"{where}: type '{kind_value}' not understood (known: {', '.join(KINDS)}, or their Spanish names); "
                "the kind comes from the column's header, else from the text ('?' makes a question)"
            )
        entries = []
        for index, role in columns.text:
            text = clean(str(cell(row, index) or "")).strip()
            if not text or (len(text) <= 12 and _says_nothing(text)) or text.replace(".", "").isdigit():
                continue
            kind = stated or (role if role != "text" else _guess_kind(text))
            votes = _count(cell(row, columns.votes))
            answer = clean(str(cell(row, columns.answer) or "")).strip()
            entries.append(Entry(kind, text, rule_value or None, votes, answer))  # type: ignore[arg-type]
        response_id = str(cell(row, columns.response_id) or "") or None
        # Microsoft Forms fills its Email column from the responder's signed-in account; elsewhere it is typed.
        verified = fmt == "microsoft-forms" and submitter is not None
        responses.append(Response(
            where, day, (day, seconds), submitter, response_id, tuple(entries), verified, Tally(rating, topics)
        ))  # fmt: skip
    return Reading(table, fmt, tuple(responses), tuple(warnings))


_RATING = re.compile(r"^\s*(\d{1,2})(?:[.,]0+)?\s*(?:/\s*(?:5|10)|stars?|estrellas?|de (?:5|10)|of (?:5|10))?\s*$")


def _rating(value: Cell) -> int | None:
    """A rating from a cell: 4, '4', '4.0', '4/5', '4 stars', '★★★★'; None when there is none (or it is not one)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and 0 <= value <= 10 else None
    text = value.strip()
    if text and set(text) <= {"★", "☆", " "}:
        return text.count("★")
    match = _RATING.match(text.casefold())
    return int(match.group(1)) if match and int(match.group(1)) <= 10 else None


MAX_TOPICS = 30  # choices kept from one cell: a form has fewer; a pasted essay does not become a topic list


def choices(value: str) -> tuple[str, ...]:
    """The options ticked in a multi-select cell: Microsoft Forms writes ``A;B;``, Google Forms ``A, B``.

    A choice whose own label holds ", " is split by Google's format too: name such choices without commas.
    """
    parts = value.split(";") if ";" in value else value.split(", ")
    cleaned = (" ".join(clean(part).split())[:80] for part in parts)
    return tuple(dict.fromkeys(part for part in cleaned if part and not _says_nothing(part)))[:MAX_TOPICS]


def _count(value: Cell) -> int:
    """A vote count from a cell ('12', 12, '12 votes'); 0 when there is none."""
    match = re.search(r"\d+", str(value)) if value is not None else None
    return min(int(match.group(0)), 1_000_000) if match else 0


def _says_nothing(text: str) -> bool:
    """'N/A', 'none', '-', 'nada'...: an answer to skip ('n/a' folds to 'n a', so both forms are looked up)."""
    return fold(text) in _NOTHING or text.casefold().strip() in _NOTHING


_ASKS = re.compile(
    r"¿|(?<=[^\W_)\"'])\?(?=[\s\"'»”)\]]|$)"
)  # '¿', or '?' ending a word: not a '≈' a code page turned into '?'


def _guess_kind(text: str) -> Kind:
    """When nothing else says: a question if it asks one, else a suggestion."""
    return "question" if _ASKS.search(text) else "suggestion"


def date_order_of(values: Sequence[Cell], default: str) -> str:
    """``dmy`` or ``mdy`` for a column of dates like 03/04/2026: a day above 12 anywhere decides."""
    for value in values:
        match = _NUMERIC_DATE.match(value.strip()) if isinstance(value, str) else None
        if not match or len(match.group(1)) == 4:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
    return default


def parse_moment(value: Cell, order: str) -> tuple[str, int]:
    """(YYYY-MM-DD, seconds into the day) from a cell; ("", 0) when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, dt.date):
        return value.isoformat(), 0
    if not value:
        return "", 0
    match = _NUMERIC_DATE.match(value.strip())
    if not match:
        return "", 0
    a, b, c = (int(match.group(i)) for i in (1, 2, 3))
    if len(match.group(1)) == 4:
        year, month, day = a, b, c
    elif order == "mdy":
        month, day, year = a, b, c
    else:
        day, month, year = a, b, c
    if year < 100:
        year += 2000
    hour, minute, second = (int(match.group(i) or 0) for i in (4, 5, 6))
    meridiem = (match.group(7) or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    try:
        return dt.date(year, month, day).isoformat(), hour * 3600 + minute * 60 + second
    except ValueError:
        return "", 0
