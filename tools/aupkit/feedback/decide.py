"""Decisions taken in the reviewers' spreadsheet (``aup feedback export``) read back into the store. Pure.

The export carries each item's ID and, in ``exported``, a fingerprint of its decision (rule, status,
change, answer) as it was when exported. A row whose decision differs from that fingerprint was edited
by a reviewer; if the store's item differs from it too, someone decided it in git meanwhile: that is a
conflict, reported and not overwritten. Rows are untrusted: every value is checked as the store's own
reader checks it, and nothing but the four decision fields ever changes.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from .items import LEVELS, RELEASING, STATUSES, Item, fingerprint
from .report import unguarded
from .store import Store
from .tables import Cell, Table

DECISION_FIELDS = ("rule", "status", "change", "answer")
FINGERPRINT = "exported"


@dataclass(frozen=True)
class Decisions:
    updates: dict[str, Item]  # item ID -> the item as decided in the sheet
    problems: tuple[str, ...]  # rows not applied: a value the store does not accept
    conflicts: tuple[str, ...]  # rows not applied: decided in the store too since the export
    unchanged: int  # rows nobody edited


def is_export(table: Table) -> bool:
    """True when the table is aupkit's own reviewers' export (read back with 'aup feedback decide')."""
    headers = {header.strip().casefold() for header in table.headers}
    return {"id", FINGERPRINT, "status"} <= headers


def plan_decisions(table: Table, store: Store, rules: dict[str, str]) -> Decisions:
    """The store items the sheet decides; ``rules`` maps rule IDs to titles (for "did you mean")."""
    columns = {header.strip().casefold(): index for index, header in enumerate(table.headers)}
    missing = [name for name in ("id", FINGERPRINT, *DECISION_FIELDS) if name not in columns]
    if missing:
        return Decisions({}, (f"{table.path.name}: no column {', '.join(missing)}: export the sheet again",), (), 0)
    items = {item.id: item for item in store.items}
    updates: dict[str, Item] = {}
    problems: list[str] = []
    conflicts: list[str] = []
    unchanged = 0

    def cell(row_cells: tuple[Cell, ...], name: str) -> str:
        index = columns[name]
        value = row_cells[index] if index < len(row_cells) else None
        text = "" if value is None else str(value).strip()
        return unguarded(text)  # undo the export's guard against formulas

    for row in table.rows:
        where = table.at(row)
        item_id = cell(row.cells, "id")
        if not item_id:
            continue
        item = items.get(item_id)
        if item is None:
            problems.append(f"{where}: item {item_id} is not in the store (a sheet from another repository?)")
            continue
        decided = _decided(item, {name: cell(row.cells, name) for name in DECISION_FIELDS}, rules, where, problems)
        if decided is None:
            continue
        exported = cell(row.cells, FINGERPRINT)
        if fingerprint(decided) == exported or decided == item:
            unchanged += 1
            continue
        if fingerprint(item) != exported:
            conflicts.append(
                f"{where}: item {item_id} was decided in the store since the export ({_summary(item)}) and in the "
                f"sheet ({_summary(decided)}); not applied: keep one in the store, or export again and redo the row"
            )
            continue
        updates[item_id] = decided
    return Decisions(updates, tuple(problems), tuple(conflicts), unchanged)


def _decided(item: Item, values: dict[str, str], rules: dict[str, str], where: str, problems: list[str]) -> Item | None:
    before = len(problems)
    status, change, rule, answer = values["status"] or "new", values["change"] or None, values["rule"], values["answer"]
    if status not in STATUSES:
        problems.append(f"{where}: status '{status}' is not one of: {', '.join(STATUSES)}")
    if change is not None and change not in LEVELS:
        problems.append(f"{where}: change '{change}' is not one of: {', '.join(LEVELS)} (or empty)")
    if rule and rule not in rules:
        close = difflib.get_close_matches(rule, list(rules), n=1) or [
            rule_id for rule_id, title in rules.items() if title.casefold() == rule.casefold()
        ]
        hint = f"; did you mean '{close[0]}' ({rules[close[0]]})?" if close else "; use a rule ID from the manual"
        problems.append(f"{where}: rule '{rule}' is not a rule of the manual{hint}")
    if status in RELEASING and not answer:
        problems.append(f"{where}: the item is '{status}' but has no answer: write it in the answer column")
    if len(problems) > before:
        return None
    return replace(
        item, rule=rule or None, status=status, change=change, answer=answer, suggested=() if rule else item.suggested
    )  # type: ignore[arg-type]


def _summary(item: Item) -> str:
    return f"{item.status}{' under ' + item.rule if item.rule else ''}"
