"""How fast feedback import and merge are: 10,000 exported rows, then 1,000 decided items merged.

Targets (issue 6): each under 2 seconds on the project's machine.
Run: .venv/bin/python bench/feedback_speed.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from aupkit.config import load_config
from aupkit.feedback.importing import plan_import, read_exports
from aupkit.feedback.items import Item, item_id
from aupkit.feedback.link import RuleIndex
from aupkit.feedback.merge import apply_merge, plan_merge
from aupkit.feedback.store import dump_file, load_store
from aupkit.files import write_atomic
from aupkit.model import load_manual

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = '[tool.aup]\ntitle = "Bench"\n[tool.aup.organisation]\nsite_url = "https://intranet.example.com/m/"\n'
WORDS = [
    "password", "phone", "email", "report", "laptop", "wifi", "hotel", "vpn", "badge", "printer", "backup", "link",
    "attachment", "manager",
]  # fmt: skip
TARGET = 2.0


def project(root: Path) -> Path:
    shutil.copytree(REPO / "manual", root / "manual")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return root


def export(path: Path, rows: int, rules: list[tuple[str, str]]) -> Path:
    """A Google Sheets export: cp1252, ';', CRLF, Spanish dates, some rule titles, emails to redact."""
    rng = random.Random(6)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Marca temporal", "Dirección de correo electrónico", "¿Sobre qué regla es tu comentario?",
                     "Tu pregunta", "Sugerencias para mejorar el manual"])  # fmt: skip
    start = dt.datetime(2026, 11, 20, 9, 0)
    for number in range(rows):
        when = (start + dt.timedelta(seconds=7 * number)).strftime("%d/%m/%Y %H:%M:%S")
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 25)))
        rule = rng.choice(rules)[1] if number % 3 else ""
        question = f"¿Qué pasa con {words} número {number}?\nEscríbeme a persona{number}@ejemplo.es"
        writer.writerow([when, f"persona{number}@ejemplo.es", rule, question, words if number % 4 == 0 else ""])
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


def timed(function):
    """(result, wall seconds, CPU seconds): CPU time shows the cost when other work shares the machine."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder))
        config = load_config(root)
        manual = load_manual(config)
        rules = [(rule.id, rule.title) for rule in manual.rules if rule.id]
        file = export(root / "export.csv", 10_000, rules)

        def run_import():
            readings = read_exports([file], config)
            index = RuleIndex.of_manuals([manual])  # linking on: the rule column, then each comment's words
            result = plan_import(readings, load_store(config), index, session="bench", language="es")
            write_atomic(result.files)
            return result

        imported, import_seconds, import_cpu = timed(run_import)
        print(f"import: 10,000 rows ({file.stat().st_size // 1024} KiB) -> {len(imported.added)} items "
              f"in {import_seconds:.2f} s wall, {import_cpu:.2f} s CPU (target < {TARGET:.0f} s)")  # fmt: skip

        for path in (root / "feedback").glob("*.yaml"):
            path.unlink()
        rng = random.Random(7)
        items = []
        for number in range(1_000):
            rule_id = rng.choice(rules)[0]
            status = "answered" if number % 4 else "accepted"
            text = f"Question {number} about {rule_id}: " + " ".join(rng.choice(WORDS) for _ in range(15)) + "?"
            items.append(Item(id=item_id("bench", "question", text), session="bench", date="2026-11-20",
                              rule=rule_id, kind="question", text=text, status=status,
                              answer="Because " + " ".join(rng.choice(WORDS) for _ in range(20)) + ".",
                              change=rng.choice(["patch", "minor", None])))  # fmt: skip
        write_atomic({root / "feedback" / "bench.yaml": dump_file("bench", items)})

        def run_merge():
            fresh = load_config(root)
            plan = plan_merge(load_manual(fresh), fresh, load_store(fresh), dt.date(2026, 11, 23))
            apply_merge(plan)
            return plan

        plan, merge_seconds, merge_cpu = timed(run_merge)
        print(f"merge: 1,000 decided items -> {len(plan.changes)} files, manual {plan.version_before} -> "
              f"{plan.version_after} in {merge_seconds:.2f} s wall, {merge_cpu:.2f} s CPU "
              f"(target < {TARGET:.0f} s)")  # fmt: skip
        second, again_seconds, _ = timed(run_merge)
        print(f"second merge: {'no change' if second.empty else 'CHANGED'} in {again_seconds:.2f} s wall")
    return 0 if import_cpu < TARGET and merge_cpu < TARGET and second.empty else 1


if __name__ == "__main__":
    sys.exit(main())
