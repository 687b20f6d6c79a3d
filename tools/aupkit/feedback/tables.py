"""Spreadsheet files -> ``Table``: a header row and data rows, each row knowing where it came from.

CSV as real exports write it: UTF-8 with or without a BOM, else Windows-1252 (tried
in that order; no guessing), ``,`` or ``;`` (or tab) as delimiter, line breaks
inside quoted cells, CRLF, and trailing empty rows such as ``;;;``. ``.xlsx``
through openpyxl, reading values (never formulas) from the first sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

ENCODINGS = ("utf-8-sig", "cp1252")
# Limits on what an import reads (a real session's export is well under a megabyte).
MAX_IMPORT_BYTES = 50_000_000
XLSX_MAX_ENTRIES = 2_000  # files inside the .xlsx archive
XLSX_MAX_UNPACKED = 200_000_000  # bytes, all entries unpacked
XLSX_MAX_RATIO = 100  # an entry that unpacks to more than 100 times its packed size is a zip bomb
EXCEL_MAX_ROWS = 1_048_576  # Excel's own limits
EXCEL_MAX_CELL = 32_767
# What openpyxl raises on a damaged workbook: a bad zip or zlib stream, bad or missing XML parts.
_DAMAGED = (zipfile.BadZipFile, zlib.error, KeyError, IndexError, ValueError, TypeError, SyntaxError, OSError, EOFError)
DELIMITERS = (",", ";", "\t")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")

Cell = str | dt.datetime | dt.date | None


@dataclass(frozen=True)
class Row:
    """One data row: ``where`` is ``line N`` (CSV, the row's first line) or ``row N`` (spreadsheet)."""

    where: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    path: Path
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str = ""
    delimiter: str = ""

    def at(self, row: Row) -> str:
        return f"{self.path.name}, {row.where}"


def read_table(path: Path) -> Table:
    """Read a CSV or .xlsx file; raise UsageError naming the file (and line) and the fix."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise UsageError(
                f"{path}: {size / 1e6:.0f} MB is more than an import may be ({MAX_IMPORT_BYTES // 1_000_000} MB)",
                details=("  export only the session's responses, or split the file",),
            )
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot read the file ({error.strerror}); check the path") from None
    if suffix in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
        return read_xlsx(path, data)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, data)
    if suffix == ".json":
        return read_json(path, data)
    raise UsageError(
        f"{path}: '{suffix or 'no extension'}' is not a format aup can read",
        details=("  export the responses as CSV (.csv), Excel (.xlsx) or JSON (.json) and import that file",),
    )


JSON_LIST_KEYS = ("questions", "items", "data", "results", "responses", "messages")  # where Q&A tools put the rows


def read_json(path: Path, data: bytes) -> Table:
    """A Q&A tool's JSON export: a list of objects (or an object holding one under a usual key), one per row.

    Each object's keys are the columns (nested objects flattened as ``author.name``), read through a
    ``[tool.aup.feedback.mappings.<name>]`` mapping like any Q&A export.
    """
    import json

    text, _ = decode(data, path)
    try:
        found = json.loads(text)
    except ValueError as error:
        raise UsageError(f"{path}: not valid JSON ({error}); export the file again") from None
    if isinstance(found, dict):
        found = next((found[key] for key in JSON_LIST_KEYS if isinstance(found.get(key), list)), found)
    if not isinstance(found, list) or not all(isinstance(row, dict) for row in found):
        raise UsageError(
            f"{path}: expected a list of objects, one per question (or an object holding one under "
            f"{', '.join(JSON_LIST_KEYS)})",
            details=("  export the Q&A tool's questions as JSON, or as CSV or Excel",),
        )
    rows = [_flat(row) for row in found]
    headers = tuple(dict.fromkeys(key for row in rows for key in row))
    return Table(
        path,
        headers,
        tuple(
            Row(f"item {number}", tuple(row.get(header) for header in headers)) for number, row in enumerate(rows, 1)
        ),
    )


def _flat(row: dict, prefix: str = "") -> dict[str, Cell]:
    out: dict[str, Cell] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = ", ".join(str(part) for part in value if not isinstance(part, dict | list))
        elif value is None or isinstance(value, str):
            out[name] = value
        else:
            out[name] = str(value) if not isinstance(value, bool) else ("yes" if value else "no")
    return out


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Bytes -> (text, encoding): UTF-8 (BOM or not), then Windows-1252, nothing else."""
    if b"\x00" in data[:4096]:
        raise UsageError(
            f"{path}: this is a binary file, not CSV text",
            details=("  export the responses as CSV (UTF-8) or Excel (.xlsx) and import that file",),
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            if encoding.startswith("utf-8") and holds_utf8(data):
                line = data.count(b"\n", 0, error.start) + 1
                raise UsageError(
                    f"{path}:{line}: byte 0x{data[error.start]:02x} is not UTF-8, but the rest of the file is: "
                    "the file mixes two encodings, and reading it as either would garble some text",
                    details=("  open it in a spreadsheet, check the text on that line and save it as 'CSV UTF-8'",),
                ) from None
            continue
    raise UsageError(
        f"{path}: the text is neither UTF-8 nor Windows-1252",
        details=("  open it in a spreadsheet and save it as 'CSV UTF-8', then import it again",),
    )


def holds_utf8(data: bytes) -> bool:
    """True when ``data`` spells at least two accented letters (or ¿ ¡) in UTF-8.

    Windows-1252 text spells those pairs only as mojibake ("Ã©"), so a file that has them and also
    bytes that are not UTF-8 was written in two encodings.
    """
    text = data.decode("utf-8", errors="replace")
    return sum(1 for ch in text if ord(ch) > 127 and (ch.isalpha() or ch in "¿¡")) >= 2


def _parse(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """(first line, cells) for each row; raises csv.Error on a malformed file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for cells in reader:
        rows.append((line, cells))
        line = reader.line_num + 1
        if limit is not None and len(rows) >= limit:
            break
    return rows


def detect_delimiter(text: str) -> str:
    """The delimiter giving the most consistent column count over the first rows, without prose spaces.

    csv.Sniffer picks ``,`` for a ``;`` file whose header and answers hold commas
    followed by spaces (``Comentarios, preguntas, ideas``); a cell that starts with
    a space betrays a delimiter that was really punctuation.
    """
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = _parse(text, delimiter, limit=50)
        except csv.Error:
            continue
        if not rows or len(rows[0][1]) < 2:
            continue
        width = len(rows[0][1])
        filled = [cells for _, cells in rows[1:] if any(cell.strip() for cell in cells)] or [rows[0][1]]
        consistency = sum(len(cells) == width for cells in filled) / len(filled)
        # Spreadsheets write no space after a delimiter; prose writes one after a comma or semicolon.
        later = [cell for cells in [rows[0][1], *filled] for cell in cells[1:] if cell]
        spaced = sum(cell[0] == " " for cell in later) / max(1, len(later))
        score = (consistency - spaced, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, data: bytes) -> Table:
    text, encoding = decode(data, path)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    line = 1
    headers: tuple[str, ...] | None = None
    try:
        for cells in reader:
            if headers is None:
                headers = tuple(cell.strip() for cell in cells)
            elif any(cell.strip() for cell in cells):
                rows.append(Row(f"line {line}", tuple(cells)))
            line = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise UsageError(
                f"{path}:{line}: the file ends inside a quoted cell that starts on this line: the export was cut off",
                details=("  download or export the responses again and import the complete file",),
            ) from None
        raise UsageError(
            f"{path}:{line}: this row is not valid CSV ({error})",
            details=('  a quote inside a cell must be doubled (""); export the file again rather than editing it',),
        ) from None
    if headers is None or not any(headers):
        raise UsageError(f"{path}: the file is empty", details=("  export the responses again",))
    if rows and not text.endswith(("\n", "\r")) and len(rows[-1].cells) < len(headers):
        raise UsageError(
            f"{path}:{rows[-1].where.removeprefix('line ')}: the last row has {len(rows[-1].cells)} of "
            f"{len(headers)} cells and no line end: the export was cut off",
            details=("  download or export the responses again and import the complete file",),
        )
    return Table(path, headers, tuple(rows), encoding, delimiter)


def read_xlsx(path: Path, data: bytes) -> Table:
    """The first sheet, streamed, once the archive is known not to unpack into more than it should."""
    import openpyxl  # only this module reads spreadsheets

    _check_archive(path, data)
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    number = 0
    try:
        with warnings.catch_warnings():  # exports from Microsoft Forms make openpyxl warn about missing styles
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise UsageError(f"{path}: the workbook has no sheet", details=("  export the responses again",))
            for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                if number > EXCEL_MAX_ROWS:
                    raise UsageError(f"{path}: more than Excel's {EXCEL_MAX_ROWS:,} rows; this is no form export")
                cells = tuple(_cell(value) for value in values)
                if any(isinstance(cell, str) and len(cell) > EXCEL_MAX_CELL for cell in cells):
                    raise UsageError(
                        f"{path}, row {number}: a cell holds more than Excel's {EXCEL_MAX_CELL:,} characters",
                        details=("  export the responses again from the form tool",),
                    )
                if headers is None:
                    headers = tuple(str(cell or "").strip() for cell in cells)
                elif any(cell not in (None, "") for cell in cells):
                    rows.append(Row(f"row {number}", cells))
        finally:
            workbook.close()
    except _DAMAGED as error:
        where = f", row {number + 1}" if number else ""
        raise UsageError(
            f"{path}{where}: not a readable .xlsx workbook ({type(error).__name__}: {error})",
            details=("  open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV",),
        ) from None
    if not headers or not any(headers):
        raise UsageError(f"{path}: the first sheet is empty", details=("  put the responses on the first sheet",))
    return Table(path, headers, tuple(rows), "xlsx", "")


def _check_archive(path: Path, data: bytes) -> None:
    """Refuse an .xlsx whose archive holds too many entries or unpacks to too much (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UsageError(
            f"{path}: not a readable .xlsx workbook ({error})",
            details=("  open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV",),
        ) from None
    unpacked = sum(entry.file_size for entry in entries)
    inflated = next(
        (e for e in entries if e.file_size > 1_000_000 and e.file_size > XLSX_MAX_RATIO * max(1, e.compress_size)),
        None,
    )
    if len(entries) > XLSX_MAX_ENTRIES or unpacked > XLSX_MAX_UNPACKED or inflated is not None:
        what = (
            f"{len(entries)} parts" if len(entries) > XLSX_MAX_ENTRIES
            else f"{inflated.filename} unpacks to {inflated.file_size:,} bytes from {inflated.compress_size:,}"
            if inflated is not None
            else f"it unpacks to {unpacked:,} bytes"
        )  # fmt: skip
        raise UsageError(
            f"{path}: refused: {what}, far beyond any form export (limits: {XLSX_MAX_ENTRIES} parts, "
            f"{XLSX_MAX_UNPACKED // 1_000_000} MB unpacked, {XLSX_MAX_RATIO}:1 per part)",
            details=("  export the responses again from the form tool, or as CSV",),
        )


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, dt.datetime | dt.date):
        return value  # type: ignore[return-value]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell(row: Row, index: int | None) -> Cell:
    """A row's cell by column index: text stripped, dates as they are; None past the row's end or without a column."""
    if index is None or index >= len(row.cells):
        return None
    value = row.cells[index]
    return value.strip() if isinstance(value, str) else value


def column(headers: Sequence[str], wanted: str) -> int | None:
    """The index of a header, compared without case and surrounding spaces."""
    wanted = wanted.strip().casefold()
    return next((index for index, header in enumerate(headers) if header.strip().casefold() == wanted), None)
