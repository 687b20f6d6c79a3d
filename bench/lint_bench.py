"""Benchmark aup lint on a generated manual of ~1,000 pages / ~1,000,000 words.

    .venv/bin/python bench/lint_bench.py [--pages 1000] [--repeat 3] [--out bench/out/lint]

Measures, in one run, on the same generated files (steps 1 and 2 take turns for --repeat rounds and
each counts its best round, as the machine's other load only ever adds time; every round is printed):
  1. aup lint end to end (a fresh process), and its peak memory;
  2. textstat alone: the six English metrics over the same extracted prose, one call per page;
  3. the proselint CLI over the same files;
  4. aup lint on the shipped manual, its own time from inside the process.
The manual is written from this script's own sentences with a fixed seed.

aupkit's modules are byte-compiled first, as pip does when it installs a package: with
PYTHONDONTWRITEBYTECODE set (as on some CI machines) an editable install would otherwise
compile every module from source on every run, and time that instead of the linter.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from user_speed import empty_project  # the project set-up the benches share

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent

SUBJECTS = ["You", "Your manager", "The helpdesk", "Every member of staff", "We", "Your team lead", "A visitor"]
VERBS = ["must lock", "can check", "should report", "will replace", "may borrow", "must update", "can reset"]
OBJECTS = [
    "the laptop", "your phone", "the shared drive", "a strange email", "the guest network", "your password",
    "the meeting room screen", "a lost badge", "the printer queue", "an unknown USB stick", "the backup disk",
]  # fmt: skip
TAILS = [
    "before you leave the office", "at the end of each day", "when a message looks odd", "within one hour",
    "with the help of the security team", "as soon as you can", "so that nobody else can read your files",
    "every three months", "before you install a new app", "if you are not sure what to do",
]  # fmt: skip
HARD = [
    "Organisational information classification requirements necessitate comprehensive understanding.",
    "Staff shall utilize approved applications in order to facilitate secure collaboration.",
    "Confidential documentation is transmitted exclusively through authorised encrypted channels.",
]
FRONT = """---
title: Topic {n}
owner: IT Security team
version: 1.0.0
last_reviewed: 2026-10-01
review_every: 12 months
summary: Generated page {n} for the benchmark.
---
"""


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(HARD)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def write_manual(root: Path, pages: int, seed: int = 20261123) -> int:
    """A project with ``pages`` topic pages of ~1,000 words each; returns the word count."""
    rng = random.Random(seed)
    manual = empty_project(root)
    words = 0
    for n in range(pages):
        parts = [FRONT.format(n=n), f"# Topic {n}\n"]
        for r in range(6):
            do = "\n".join(f"- {sentence(rng)}" for _ in range(3))
            dont = "\n".join(
                f"- Don't {rng.choice(['share', 'lend', 'leave', 'lose'])} {rng.choice(OBJECTS)}." for _ in range(2)
            )
            parts.append(
                f"## Rule {r} of topic {n} {{#t{n}-r{r}}}\n\n{paragraph(rng, 2)}\n\n**Do**\n\n{do}\n\n"
                f"**Don't**\n\n{dont}\n\n**Why it matters**\n\n{paragraph(rng, 4)}\n\n{paragraph(rng, 3)}\n"
            )
        text = "\n".join(parts)
        words += len(text.split())
        (manual / f"topic-{n:04d}.md").write_text(text, encoding="utf-8")
    return words


def timed(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall time, CPU time (user + system, worker processes included), peak RSS in MB, output tail."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, after.ru_maxrss // 1024, (result.stdout + result.stderr)[-300:]


TEXTSTAT_ALONE = """
import sys, time, json
sys.path.insert(0, {repo!r})
from aupkit.config import load_config
from aupkit.model import load_manual
from aupkit.lint.prose import passages
pages = []
for page in load_manual(load_config()).pages:
    pages.append(" ".join(s.text for p in passages(page) for s in p.sentences))
import textstat  # textstat alone: its top-level functions, after the same extraction
from aupkit.lint import metrics  # only for the offline dictionary (no network here)
metrics.syllable_dictionary().index_all()  # indexed before the timing, as aup lint indexes it for a full run
start, cpu = time.perf_counter(), time.process_time()
for text in pages:
    for name in metrics.ENGLISH_METRICS:
        getattr(textstat, name)(text)
print(json.dumps({{"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}}))
"""

PARSE_ONLY = """
import time
from aupkit.config import load_config
from aupkit.model import load_manual
start = time.perf_counter()
load_manual(load_config())
print(f"{time.perf_counter() - start:.2f}")
"""

OWN_TIME = """
import time, sys
from aupkit.config import load_config
from aupkit.model import load_manual
from aupkit.lint import lint_manual
start = time.perf_counter()
config = load_config()
manual = load_manual(config)
report = lint_manual(manual, config)
print(f"{time.perf_counter() - start:.3f}", len(report.findings))
"""


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "lint")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best one counts")
    args = parser.parse_args()
    root = args.out.resolve()
    words = write_manual(root, args.pages)
    print(f"generated {args.pages} pages, {words:,} words (whitespace-separated, front matter included) in {root}")
    aup, proselint = str(VENV / "aup"), str(VENV / "proselint")
    package = REPO / "tools" / "aupkit"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    print(f"byte-compiled {package} (PYTHONDONTWRITEBYTECODE is {os.environ.get('PYTHONDONTWRITEBYTECODE')!r} here)")

    print(f"load average before: {_load()} on {os.cpu_count()} CPUs")
    print(
        f"aup lint and textstat alone take turns, {args.repeat} rounds; each timing is the best of its"
        " rounds (all are listed), so a slow spell on the machine falls on every side of a ratio alike"
    )
    code = TEXTSTAT_ALONE.format(repo=str(REPO / "tools"))
    runs, alone_runs = [], []
    for _ in range(args.repeat):
        runs.append(timed([aup, "lint", "--fail-on", "never"], root))
        result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
        alone_runs.append(json.loads(result.stdout.strip().splitlines()[-1]))

    full, full_cpu, _, tail = min(runs)
    peak = max(run[2] for run in runs)
    print(f"aup lint                   {full:7.3f} s wall {full_cpu:7.2f} s CPU  {words / full:>9,.0f} words/s")
    print(f"    runs: {', '.join(f'{run[0]:.2f}' for run in runs)} s")
    print(f"    peak RSS of its largest process (parent or one of the workers): {peak} MB")
    print("   ", tail.strip().splitlines()[-1])
    alone = min(alone_runs, key=lambda run: run["seconds"])
    ratio = full / alone["seconds"]
    print(
        f"textstat alone (6 metrics) {alone['seconds']:7.2f} s wall {alone['cpu']:7.2f} s CPU"
        f"  (aup/textstat {ratio:.2f} wall, {full_cpu / alone['cpu']:.2f} CPU; target <= 1.5)"
    )
    print(f"    runs: {', '.join(format(run['seconds'], '.2f') for run in alone_runs)} s")
    parse = subprocess.run([sys.executable, "-c", PARSE_ONLY], cwd=root, capture_output=True, text=True, check=True)
    print(f"the model's Markdown parse alone, one process: {parse.stdout.strip()} s (part of aup lint's work)")

    files = sorted(str(p) for p in (root / "manual").glob("*.md"))
    prose, prose_cpu, _, _ = timed([proselint, "check", *files], root)
    print(
        f"proselint CLI (one run)    {prose:7.2f} s wall {prose_cpu:7.2f} s CPU  {words / prose:>9,.0f} words/s"
        f"  (aup throughput x{prose / full:.2f} wall; target >= 2.5)"
    )

    own = subprocess.run([sys.executable, "-c", OWN_TIME], cwd=REPO, capture_output=True, text=True, check=True)
    shipped, shipped_cpu, _, _ = timed([aup, "lint", "--fail-on", "never"], REPO)
    print(
        f"shipped manual             {shipped:7.2f} s wall {shipped_cpu:7.2f} s CPU end to end;"
        f" own work (load, parse, lint) {own.stdout.split()[0]} s"
    )
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
