"""Benchmark ``aup build`` (lint + the aup plugin, deck excluded) against plain ``mkdocs build``.

    .venv/bin/python bench/build_speed.py [--pages 1000] [--out bench/out/build] [--runs 1]

Both build the same generated manual (bench/lint_bench.py's generator: ~1,000
words a page) with the same mkdocs.yml, theme and plugins; the plain build only
leaves out the ``aup`` plugin. Each command runs as a fresh process, one after
the other, alternating, ``--runs`` times; the best of each counts. Target:
``aup build`` at most 1.3 times plain ``mkdocs build`` in wall time (aup lints
the manual, then builds, in one process).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lint_bench import write_manual  # noqa: E402 - the shared generator beside this script

TARGET = 1.3


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the command's processes together) in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-2000:]
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{output}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "build")
    parser.add_argument("--runs", type=int, default=1, help="repeat each measurement and keep the fastest")
    args = parser.parse_args()
    root = args.out.resolve()
    words = write_manual(root, args.pages)
    mkdocs_yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    plain = "\n".join(line for line in mkdocs_yml.splitlines() if line.strip() != "- aup") + "\n"
    assert plain != mkdocs_yml, "mkdocs.yml no longer lists '- aup' on its own line"
    (root / "mkdocs-plain.yml").write_text(plain, encoding="utf-8")
    print(f"generated {args.pages} pages, {words:,} words in {root}")

    aup, mkdocs = str(VENV / "aup"), str(VENV / "mkdocs")
    times: dict[str, tuple[float, float]] = {}
    for _ in range(args.runs):
        measured = {
            "aup build": run([aup, "build", "--no-deck", "--site-dir", "site-aup"], root),
            "mkdocs build (plain)": run(
                [mkdocs, "build", "--strict", "-q", "-f", "mkdocs-plain.yml", "-d", "site-plain"], root
            ),
        }
        for name, (wall, cpu) in measured.items():
            best = times.get(name, (wall, cpu))
            times[name] = (wall, cpu) if wall <= best[0] else best
    plain_wall, plain_cpu = times["mkdocs build (plain)"]
    print(f"{'':30} {'wall':>9}   {'ratio':>6}   {'cpu':>8}   {'ratio':>6}")
    for name, (wall, cpu) in times.items():
        print(f"{name:30} {wall:7.2f} s   {wall / plain_wall:5.2f}x   {cpu:6.2f} s   {cpu / plain_cpu:5.2f}x")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} core(s)")
    ratio = times["aup build"][0] / plain_wall
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"aup build is {ratio:.2f}x plain mkdocs build: {verdict} the {TARGET}x target")


if __name__ == "__main__":
    main()
