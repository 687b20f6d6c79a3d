"""What users feel: aup lint and aup build on manuals like real ones, against the named alternatives.

    .venv/bin/python bench/user_speed.py [--rounds 5] [--large 1000] [--out bench/out/user]

Every figure is a fresh process, the commands of one comparison take turns round after round (so a slow
spell on the machine falls on all of them alike), and each is printed as median and range.

1. ``aup lint`` on the shipped manual (budget: under 0.3 s).
2. ``aup lint`` on a realistic 100-page manual (budget: under 1 s): pages of varied shape, in English and
   Spanish, rules with Do and Don't lists, tables, code, links, acronyms and a glossary, written from this
   script's own sentences with a fixed seed.
3. ``aup build --no-deck --no-pdf`` of the shipped manual against the bare ``mkdocs build`` of the same pages without
   the aup plugin (budget: at most 1.3 times).
4. ``aup lint`` against proselint's CLI on the same realistic pages, at 150 and ``--large`` pages (budget: at
   least 2.5 times proselint's throughput); ``aup lint`` at ``--large`` pages has a budget of 8 s.
5. The peak memory of every aup run (budget: under 300 MB).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

EN = {
    "subjects": ["You", "Your manager", "The helpdesk", "Everyone on the team", "We", "A visitor", "New staff"],
    "verbs": ["lock", "check", "report", "update", "back up", "delete", "encrypt", "share"],
    "objects": ["your laptop", "the shared drive", "a strange email", "the guest Wi-Fi", "your password",
                "a lost badge", "the printer queue", "an unknown USB stick", "client files", "the VPN app"],
    "tails": ["before you leave", "at the end of the day", "when a message looks odd", "within one hour",
              "with help from IT", "as soon as you can", "every three months", "if you are not sure"],
    "hard": ["Organisational classification requirements necessitate a comprehensive understanding of obligations.",
             "Staff shall utilise approved applications in order to facilitate secure collaboration.",
             "Documentation is transmitted exclusively through authorised encrypted channels."],
    "labels": ("Do", "Don't", "Why it matters"),
    "dont": "Don't",
    "acronyms": ["MFA", "VPN", "IT", "SSO"],
    "front": "review_every: 12 months\n",
}  # fmt: skip
ES = {
    "subjects": ["Tú", "Tu jefa", "La mesa de ayuda", "Todo el equipo", "Nosotros", "Una visita", "El personal nuevo"],
    "verbs": ["bloquea", "revisa", "reporta", "actualiza", "respalda", "borra", "cifra", "comparte"],
    "objects": ["tu laptop", "la carpeta compartida", "un correo extraño", "la red de invitados", "tu contraseña",
                "un gafete perdido", "la cola de impresión", "una memoria USB desconocida", "los archivos del cliente"],
    "tails": ["antes de salir", "al final del día", "si un mensaje se ve raro", "en menos de una hora",
              "con ayuda de TI", "en cuanto puedas", "cada tres meses", "si tienes dudas"],
    "hard": ["La clasificación organizacional de la información requiere una comprensión exhaustiva de obligaciones.",
             "El personal deberá utilizar aplicaciones autorizadas a fin de facilitar la colaboración segura."],
    "labels": ("Sí", "No", "Por qué importa"),
    "dont": "No",
    "acronyms": ["MFA", "VPN", "TI"],
    "front": "review_every: 12 meses\nlanguage: es\n",
}  # fmt: skip
GLOSSARY = [
    ("MFA", "Multi-factor authentication: a second proof that it is you, such as a code on your phone."),
    ("VPN", "Virtual private network: a private tunnel to the office network."),
    ("SSO", "Single sign-on: one login for many company apps."),
    ("IT", "Information technology: the team that looks after computers and accounts."),
    ("TI", "Tecnologías de la información: el equipo que cuida las computadoras y las cuentas."),
    ("Phishing", "A fake message that tries to make you click, pay or share a password."),
]


def empty_project(root: Path) -> Path:
    """A new project folder at ``root`` (an old one is removed) with its settings; returns its manual folder."""
    if root.exists():
        shutil.rmtree(root)
    manual = root / "manual"
    manual.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.aup]\ntitle = "Benchmark manual"\n', encoding="utf-8")
    return manual


def write_manual(root: Path, pages: int, seed: int = 20261202) -> int:
    """A realistic manual of ``pages`` topic pages (a third in Spanish); returns its word count."""
    rng = random.Random(seed)
    manual = empty_project(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    front = (
        "---\ntitle: {title}\nowner: IT team\nversion: 1.0.0\nlast_reviewed: 2026-10-01\n{extra}"
        "summary: {summary}\n---\n"
    )
    glossary = "\n".join(f"- **{term}**: {text}" for term, text in GLOSSARY)
    fixed = {
        "index.md": ("Home", "The manual.", "Welcome."),
        "glossary.md": ("Glossary", "Terms.", glossary),
        "changelog.md": ("What's new", "Changes.", "Nothing yet."),
    }
    words = 0
    for name, (title, summary, body) in fixed.items():
        text = front.format(title=title, extra=EN["front"], summary=summary) + f"\n# {title}\n\n{body}\n"
        (manual / name).write_text(text, encoding="utf-8")
        words += len(text.split())
    for n in range(pages):
        words_ = ES if n % 3 == 2 else EN
        text = _page(rng, n, words_, front)
        (manual / f"topic-{n:04d}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def _sentence(rng: random.Random, w: dict) -> str:
    if rng.random() < 0.05:
        return rng.choice(w["hard"])
    acronym = f" ({rng.choice(w['acronyms'])})" if rng.random() < 0.15 else ""
    who, verb, what, when = (rng.choice(w[key]) for key in ("subjects", "verbs", "objects", "tails"))
    return f"{who} {verb} {what}{acronym} {when}."


def _paragraph(rng: random.Random, w: dict, low: int, high: int) -> str:
    return " ".join(_sentence(rng, w) for _ in range(rng.randint(low, high)))


def _page(rng: random.Random, n: int, w: dict, front: str) -> str:
    do, dont, why = w["labels"]
    parts = [front.format(title=f"Topic {n}", extra=w["front"], summary=_sentence(rng, w)), f"# Topic {n}\n",
             _paragraph(rng, w, 2, 4) + "\n"]  # fmt: skip
    for r in range(rng.randint(2, 6)):
        items = "\n".join(f"- {_sentence(rng, w)}" for _ in range(rng.randint(2, 4)))
        donts = "\n".join(f"- {w['dont']} {rng.choice(w['verbs'])} {rng.choice(w['objects'])}." for _ in range(2))
        rule = (f"## Rule {r} of topic {n} {{#t{n}-r{r}}}\n\n{_sentence(rng, w)}\n\n**{do}**\n\n{items}\n\n"
                f"**{dont}**\n\n{donts}\n\n**{why}**\n\n{_paragraph(rng, w, 1, 3)}\n")  # fmt: skip
        detail = rng.random()
        if detail < 0.2:
            rule += (
                "\n| Who | What |\n|---|---|\n| Staff | "
                + _sentence(rng, w)
                + " |\n| IT | "
                + _sentence(rng, w)
                + " |\n"
            )
        elif detail < 0.3:
            rule += "\n```text\nSettings > Security > Lock screen after 1 minute\n```\n"
        elif detail < 0.5:
            rule += f"\n{_paragraph(rng, w, 2, 5)} See [the glossary](glossary.md) and [home](index.md#home).\n"
        parts.append(rule)
    return "\n".join(parts)


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the peak memory (MB) of one fresh process."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - start, max(after, before) // 1024


def take_turns(commands: dict[str, tuple[list[str], Path]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (command, cwd) in commands.items():
            times[name].append(run(command, cwd)[0])
    return times


def show(name: str, times: list[float], budget: str = "") -> float:
    median = statistics.median(times)
    print(f"  {name:44} median {median:6.2f} s   range {min(times):.2f}-{max(times):.2f}   {budget}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "user")
    args = parser.parse_args()
    aup, mkdocs, proselint = str(VENV / "aup"), str(VENV / "mkdocs"), str(VENV / "proselint")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {args.rounds} rounds each")

    hundred = args.out / "100"
    words = write_manual(hundred, 100)
    print(f"1-2. aup lint ({words:,} words in the 100-page manual)")
    lint = ["lint", "--fail-on", "never"]
    times = take_turns({"shipped": ([aup, *lint], REPO), "100 pages": ([aup, *lint], hundred)}, args.rounds)
    show("aup lint, shipped manual", times["shipped"], "budget < 0.3 s")
    show("aup lint, realistic 100 pages", times["100 pages"], "budget < 1 s")

    print("3. aup build of the shipped manual against the bare engine")
    plain = args.out / "mkdocs-plain.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("\n  - aup\n", "\n")
    plain.parent.mkdir(parents=True, exist_ok=True)
    plain.write_text(text.replace("docs_dir: manual", f"docs_dir: {REPO / 'manual'}"), encoding="utf-8")
    times = take_turns(
        {
            "aup": ([aup, "build", "--no-deck", "--no-pdf", "--site-dir", str(args.out / "site-aup")], REPO),
            "aup+pdf": ([aup, "build", "--no-deck", "--site-dir", str(args.out / "site-aup-pdf")], REPO),
            "bare": ([mkdocs, "build", "-q", "-f", str(plain), "-d", str(args.out / "site-bare")], REPO),
        },
        args.rounds,
    )
    # The same site: the bare engine makes no PDF, so the budget compares the build without it; the PDF
    # (Chromium printing the whole manual) is shown on its own line.
    ratio = show("aup build --no-deck --no-pdf", times["aup"]) / show("mkdocs build (no aup plugin)", times["bare"])
    show("aup build --no-deck (with the PDF)", times["aup+pdf"])
    print(f"  aup build is {ratio:.2f} times the bare engine (budget <= 1.3)")

    print("4. aup lint against proselint's CLI, same pages")
    for pages in (150, args.large):
        root = args.out / str(pages)
        words = write_manual(root, pages)
        files = sorted(str(path) for path in (root / "manual").glob("*.md"))
        rounds = args.rounds if pages <= 150 else max(1, args.rounds // 3)
        times = take_turns({"aup": ([aup, *lint], root), "proselint": ([proselint, "check", *files], root)}, rounds)
        ours = show(f"aup lint, {pages} pages ({words:,} words)", times["aup"], "budget < 8 s" if pages > 150 else "")
        theirs = show(f"proselint, {pages} pages", times["proselint"])
        print(f"  aup lint's throughput is {theirs / ours:.1f} times proselint's (budget >= 2.5)")

    peak = max(run([aup, *lint], args.out / str(args.large))[1], run([aup, *lint], hundred)[1])
    print(f"5. peak memory of aup lint: {peak} MB (budget < 300 MB)")


if __name__ == "__main__":
    main()
