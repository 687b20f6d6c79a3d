"""Views of the store for reviewers: a status summary and a spreadsheet export safe against formula injection."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence

from .items import STATUSES, Item, fingerprint
from .store import Store

# The reviewers decide in rule, status, change and answer; 'exported' lets 'aup feedback decide' tell their edits
# from decisions taken in the store meanwhile.
EXPORT_COLUMNS = (
    "id", "session", "date", "rule", "kind", "status", "change", "released", "count", "votes", "text", "answer",
    "exported",
)  # fmt: skip
# A spreadsheet runs a cell starting with one of these as a formula (or DDE command).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def status_lines(items: Sequence[Item], rule_titles: dict[str, str]) -> list[str]:
    """Counts per rule and status, then what still needs a decision and what is ready to merge."""
    if not items:
        return ["0 item(s); 0 need a decision: import an export first with 'aup feedback import FILE...'"]
    counts = Counter((item.rule or "(unassigned)", item.status) for item in items)
    rules = sorted({rule for rule, _ in counts}, key=lambda rule: (rule == "(unassigned)", rule))
    shown = [status for status in STATUSES if any(status == s for _, s in counts)]
    width = max([len("rule"), *(len(rule) for rule in rules)])
    lines = ["  ".join([f"{'rule':<{width}}", *(f"{status:>9}" for status in shown)])]
    for rule in rules:
        lines.append("  ".join([f"{rule:<{width}}", *(f"{counts[(rule, status)]:>9}" for status in shown)]))
    lines.append("  ".join([f"{'total':<{width}}", *(f"{sum(counts[(r, s)] for r in rules):>9}" for s in shown)]))
    undecided = [item for item in items if item.status == "new"]
    pending = [item for item in items if item.pending]
    lines.append("")
    lines.append(f"{len(items)} item(s); {len(undecided)} need a decision; {len(pending)} decided, ready to merge")
    for item in sorted(undecided, key=lambda item: (item.rule or "~", item.date, item.id)):
        text = " ".join(item.text.split())
        text = text if len(text) <= 70 else text[:69] + "…"
        where = item.rule or "unassigned"
        title = f" ({rule_titles[item.rule]})" if item.rule in rule_titles else ""
        lines.append(f"  {item.id}  {item.kind:<10} {where}{title}: {text}")
        if not item.rule and item.suggested:
            guesses = ", ".join(
                f"{rule} ({rule_titles[rule]})" if rule in rule_titles else rule for rule in item.suggested
            )
            lines.append(f"      did you mean: {guesses}? (set 'rule:' to confirm one)")
    return lines


def summary(store: Store, rule_pages: dict[str, str]) -> dict[str, object]:
    """Per session: responses, the rating and topics, items and submissions by kind and status, per page and
    rule, the most asked and most voted, and what is undecided."""
    sessions: dict[str, list[Item]] = {name: [] for name in store.sessions}
    for item in store.items:
        sessions.setdefault(item.session, []).append(item)
    out = []
    for name, found in sorted(sessions.items()):
        pages = Counter(rule_pages.get(item.rule or "", "(no rule)") for item in found)
        tallies = store.responses(name).values()
        ratings = Counter(tally.rating for tally in tallies if tally.rating is not None)
        rated = sum(ratings.values())
        out.append({
            "session": name,
            "responses": len(tallies),
            "rating": {
                "average": round(sum(value * count for value, count in ratings.items()) / rated, 2) if rated else None,
                "count": rated,
                "scale": 10 if any(value > 5 for value in ratings) else 5,
                "distribution": {str(value): ratings[value] for value in sorted(ratings, reverse=True)},
            },
            "topics": dict(Counter(topic for tally in tallies for topic in tally.topics).most_common()),
            "items": len(found),
            "submissions": sum(item.count for item in found),
            "kinds": dict(Counter(item.kind for item in found)),
            "statuses": dict(Counter(item.status for item in found)),
            "pages": dict(pages.most_common()),
            "rules": dict(Counter(item.rule or "(no rule)" for item in found).most_common()),
            "most_asked": [
                {"id": item.id, "count": item.count, "rule": item.rule, "text": item.text}
                for item in sorted(found, key=lambda item: (-item.count, item.id))[:5]
                if item.count > 1
            ],
            "most_voted": [
                {"id": item.id, "votes": item.votes, "rule": item.rule, "text": item.text}
                for item in sorted(found, key=lambda item: (-item.votes, item.id))[:5]
                if item.votes
            ],
            "undecided": [item.id for item in found if item.status == "new"],
            "suggested": sum(1 for item in found if not item.rule and item.suggested),
        })  # fmt: skip
    return {"sessions": out}


def _rating_text(rating: dict) -> str:
    shown = ", ".join(f"{value}: {count}" for value, count in rating["distribution"].items())
    return f"{rating['average']:.1f} of {rating['scale']} from {rating['count']} rating(s) ({shown})"


def session_lines(store: Store, rule_pages: dict[str, str]) -> list[str]:
    """The per-session summary as text, before the per-rule table."""
    lines = []
    for session in summary(store, rule_pages)["sessions"]:  # type: ignore[attr-defined]
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(session["kinds"].items()))
        pages = ", ".join(f"{page} {count}" for page, count in session["pages"].items())
        lines.append(
            f"session '{session['session']}': {session['responses']} response(s); {session['items']} item(s) from "
            f"{session['submissions']} submission(s) ({kinds}); {len(session['undecided'])} undecided, "
            f"{session['suggested']} with 'did you mean'"
        )
        if session["rating"]["count"]:
            lines.append(f"  rating: {_rating_text(session['rating'])}")
        if session["topics"]:
            lines.append("  topics: " + ", ".join(f"{topic} {count}" for topic, count in session["topics"].items()))
        if pages:
            lines.append(f"  by page: {pages}")
        for asked in session["most_asked"]:
            lines.append(f"  asked {asked['count']} times: {' '.join(asked['text'].split())[:70]}")
        for voted in session["most_voted"]:
            lines.append(f"  {voted['votes']} vote(s): {' '.join(voted['text'].split())[:70]}")
    return lines


def summary_html(store: Store, rule_pages: dict[str, str], language: str, voice: object = "") -> str:
    """The per-session summary as one self-contained HTML page for the organisers (every text escaped)."""
    from html import escape

    from ..languages import words

    said = words(language, "summary", voice)  # type: ignore[arg-type]
    body = []
    sessions = summary(store, rule_pages)["sessions"]
    for session in sessions:  # type: ignore[attr-defined]
        counts = said["counts"].format(
            responses=session["responses"], items=session["items"], submissions=session["submissions"],
            undecided=len(session["undecided"]),
        )  # fmt: skip
        body.append(f"<section><h2>{escape(said['session'].format(session=session['session']))}</h2>")
        body.append(f"<p>{escape(counts)}</p>")
        rating = session["rating"]
        if rating["count"]:
            average = said["rating.average"].format(
                average=f"{rating['average']:.1f}", scale=rating["scale"], count=rating["count"]
            )
            bars = "".join(
                f"<tr><td>{escape(value)}</td><td>{count}</td>"
                f'<td><span style="display:inline-block;background:#4a6fa5;height:.8em;'
                f'width:{round(12 * count / rating["count"], 1)}rem"></span></td></tr>'
                for value, count in rating["distribution"].items()
            )
            body.append(f"<h3>{escape(said['rating'])}</h3><p>{escape(average)}</p><table>{bars}</table>")
        for key, prefix in (("topics", ""), ("kinds", "kind."), ("statuses", "status."), ("pages", "")):
            if not session[key]:
                continue
            rows = "".join(
                f"<tr><td>{escape(said.get(prefix + str(name), str(name)) if prefix else str(name))}</td>"
                f"<td>{count}</td></tr>"
                for name, count in session[key].items()
            )
            body.append(f"<h3>{escape(said[key])}</h3><table>{rows}</table>")
        for key, unit, field_name in (("most_asked", "times", "count"), ("most_voted", "votes", "votes")):
            if session[key]:
                listed = "".join(
                    f"<li>{escape(' '.join(entry['text'].split()))} "
                    f"<small>({escape(said[unit].format(count=entry[field_name]))})</small></li>"
                    for entry in session[key]
                )
                body.append(f"<h3>{escape(said[key])}</h3><ol>{listed}</ol>")
        body.append("</section>")
    if not sessions:
        body.append(f"<p>{escape(said['empty'])}</p>")
    style = (
        "body{font:15px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:.2rem .8rem .2rem 0}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{escape(said['title'])}</title><style>{style}</style></head><body>"
        f"<h1>{escape(said['title'])}</h1>{''.join(body)}</body></html>\n"
    )


def safe_cell(value: object) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a ``'`` in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def unguarded(text: str) -> str:
    """A cell read back from an export: ``safe_cell``'s ``'`` in front of a formula character taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def _row(item: Item) -> list[object]:
    return [fingerprint(item) if name == "exported" else getattr(item, name) for name in EXPORT_COLUMNS]


def export_csv(items: Sequence[Item], *, bom: bool = True) -> str:
    """The items as CSV, every cell neutralised; the BOM makes Excel read the file as UTF-8 (accents)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for item in items:
        writer.writerow([safe_cell(value) for value in _row(item)])
    return ("\ufeff" if bom else "") + out.getvalue()


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_xlsx(items: Sequence[Item]) -> bytes:
    """The items as an .xlsx workbook; every cell is stored as text (data type "s"), never as a formula."""
    import openpyxl  # only the spreadsheet edges import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "feedback"
    for row_number, values in enumerate([list(EXPORT_COLUMNS), *map(_row, items)], start=1):
        for column_number, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            # Control characters (a pasted form feed, say) cannot be stored in a workbook: shown as U+FFFD.
            cell.value = "" if value is None else _ILLEGAL.sub("\ufffd", str(value))
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLM", (14, 14, 11, 24, 11, 10, 8, 9, 6, 6, 60, 60, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    workbook.properties.creator = "aupkit"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
