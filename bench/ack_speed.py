"""How long ``aup ack status`` takes on a large organisation: 10,000 people and 50,000 acceptances.

    python bench/ack_speed.py

Budget (issue "acknowledgements"): under 2 s for the whole command (read the staff list and the ledger, join
them, print the JSON), measured here in one process as a user runs it, cold (a new manual repository each run).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEOPLE, ACCEPTANCES = 10_000, 50_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "manual"
        aup = [sys.executable, "-m", "aupkit"]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "tools")}
        subprocess.run([*aup, "init", str(project), "--no-git"], check=True, capture_output=True, env=env)
        private = project / ".aup-private"
        private.mkdir()
        roster = io.StringIO()
        writer = csv.writer(roster, lineterminator="\n")
        writer.writerow(["Employee ID", "Email", "Name", "Department", "Manager", "Start date"])
        for n in range(PEOPLE):
            writer.writerow([f"E{n:05d}", f"p{n:05d}@example.com", f"Person {n}", f"Dept {n % 40}",
                             f"p{n % 40:05d}@example.com", "2024-01-15"])  # fmt: skip
        (private / "roster.csv").write_text(roster.getvalue(), encoding="utf-8")
        ledger = io.StringIO()
        writer = csv.writer(ledger, lineterminator="\n")
        writer.writerow(["person", "version", "language", "time", "file", "source", "row"])
        for n in range(ACCEPTANCES):
            writer.writerow([f"p{n % PEOPLE:05d}@example.com", "1.0.0", "en", f"2026-11-{1 + n % 28:02d}T09:00:00",
                             "export.csv", "0123456789abcdef", f"line {n + 2}"])  # fmt: skip
        (private / "ledger.csv").write_text(ledger.getvalue(), encoding="utf-8")
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = subprocess.run([*aup, "ack", "status", "--format", "json", "--today", "2026-12-02"],
                                    cwd=project, capture_output=True, env=env)  # fmt: skip
            times.append(time.perf_counter() - start)
            assert result.returncode == 0, result.stderr.decode()
        print(f"aup ack status, {PEOPLE:,} people and {ACCEPTANCES:,} acceptances: "
              f"{min(times):.2f}-{max(times):.2f} s over 3 runs, the whole command (target < 2 s)")  # fmt: skip


if __name__ == "__main__":
    main()
