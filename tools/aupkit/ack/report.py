"""The acknowledgement status for HR: text, JSON, a formula-safe CSV and .xlsx, and one self-contained HTML page
with a chart per department (no network). Words from ``languages`` ("ack"), in the manual's language."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from ..feedback.report import safe_cell
from ..languages import Voice, words
from .status import STATES, Status

COLUMNS = ("id", "email", "name", "department", "manager", "state", "accepted", "when")


def _said(language: str, voice: Voice | str) -> dict[str, str]:
    return words(language, "ack", voice)  # type: ignore[no-any-return]


def summary_line(result: Status, title: str, language: str, voice: Voice | str = "") -> list[str]:
    said = _said(language, voice)
    due = len(result.standings) - result.count("exempt")
    counts = {state: result.count(state) for state in STATES}
    share = f"{counts['current'] / due:.0%}" if due else "100%"
    lines = [said["title"].format(title=title, version=result.version),
             said["summary"].format(due=due, share=share, **counts),
             said["required"].format(required=result.required)]  # fmt: skip
    if result.deadline:
        lines.append(said["deadline"].format(date=result.deadline) + (f" {said['overdue']}" if result.overdue else ""))
    if result.unknown:
        lines.append(said["unknown"].format(count=len(result.unknown)))
    return lines


def text(result: Status, title: str, language: str, voice: Voice | str = "") -> str:
    said = _said(language, voice)
    lines = [*summary_line(result, title, language, voice), ""]
    width = max([len(said["department"]), *(len(d.name) for d in result.departments)])
    lines.append(f"{said['department']:<{width}}  {said['people']:>8}  {said['accepted']:>9}  {said['share']:>6}")
    for department in result.departments:
        lines.append(f"{department.name:<{width}}  {department.people:>8}  {department.current:>9}  "
                     f"{department.share:>6.0%}")  # fmt: skip
    return "\n".join(lines) + "\n"


def as_json(result: Status) -> dict[str, Any]:
    return {
        "version": result.version,
        "required": result.required,
        "deadline": result.deadline or None,
        "overdue": result.overdue,
        "counts": {state: result.count(state) for state in STATES},
        "departments": [
            {"name": d.name, "people": d.people, "accepted": d.current, "share": round(d.share, 4)}
            for d in result.departments
        ],
        "people": [_row(standing) for standing in result.standings],
        "unknown": list(result.unknown),
    }


def _row(standing: Any) -> dict[str, str]:
    person = standing.person
    return {"id": person.id, "email": person.email, "name": person.name, "department": person.department,
            "manager": person.manager, "state": standing.state, "accepted": standing.accepted,
            "when": standing.when}  # fmt: skip


def as_csv(result: Status) -> str:
    """One row per person; every cell neutralised against spreadsheet formulas; a BOM so Excel reads accents."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for standing in result.standings:
        writer.writerow([safe_cell(value) for value in _row(standing).values()])
    return "\ufeff" + out.getvalue()


def as_xlsx(result: Status) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "status"
    for number, values in enumerate([list(COLUMNS), *(_row(s).values() for s in result.standings)], start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = safe_cell(value)
            cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_html(result: Status, title: str, language: str, voice: Voice | str = "") -> str:
    """One page for HR: the summary, a bar per department, and everyone who must act. Every text is escaped."""
    said = _said(language, voice)
    e = html.escape
    bars = "".join(
        f'<tr><th scope="row">{e(d.name)}</th><td>{d.current} / {d.people}</td>'
        f'<td class="bar"><span style="width:{d.share * 100:.1f}%"></span></td><td>{d.share:.0%}</td></tr>'
        for d in result.departments
    )
    acting = "".join(
        f"<tr><td>{e(s.person.name or s.person.email or s.person.id)}</td><td>{e(s.person.department)}</td>"
        f"<td>{e(said['state.' + s.state])}</td><td>{e(s.accepted)}</td></tr>"
        for s in result.standings
        if s.state in ("again", "never")
    )
    style = (
        "body{font:15px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}"
        "table{border-collapse:collapse;margin:1rem 0}th,td{text-align:left;padding:.25rem .8rem .25rem 0;"
        "border-bottom:1px solid #ddd}td.bar{width:16rem}td.bar span{display:block;height:.9rem;background:#2e6b3f}"
    )
    summary = "".join(f"<p>{e(line)}</p>" for line in summary_line(result, title, language, voice)[1:])
    return (
        f'<!DOCTYPE html>\n<html lang="{e(language)}"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{e(said['title'].format(title=title, version=result.version))}</title><style>{style}</style></head>"
        f"<body><h1>{e(said['title'].format(title=title, version=result.version))}</h1>{summary}"
        f"<table><thead><tr><th>{e(said['department'])}</th><th>{e(said['accepted'])}</th><th></th>"
        f"<th>{e(said['share'])}</th></tr></thead><tbody>{bars}</tbody></table>"
        f"<h2>{e(said['must_act'])}</h2>"
        f"<table><thead><tr><th>{e(said['person'])}</th><th>{e(said['department'])}</th><th>{e(said['state'])}</th>"
        f"<th>{e(said['version'])}</th></tr></thead><tbody>{acting}</tbody></table></body></html>\n"
    )
