"""How long `aup slides` takes for a big manual: 200 rules, text fitting included.

    .venv/bin/python bench/slides_speed.py [--rules 200] [--render]

Writes a synthetic manual (10 topic pages, rules of varying length, some long
enough to continue on "(cont.)" slides) to a temporary folder, then times
loading, planning (every text box measured with the font metrics) and writing.
With --render it also times what the fitting replaces: converting the deck with
LibreOffice to find overflow after the fact. Target: under 3 s for 200 rules.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aupkit.config import load_config
from aupkit.model import load_manual, require_usable
from aupkit.slides import build_deck, plan_deck, resolve_options
from aupkit.slides.fit import TextFitter
from aupkit.slides.writer import open_target, write_deck

WORDS = [
    "check",
    "the",
    "sender",
    "before",
    "you",
    "open",
    "a",
    "link",
    "or",
    "file",
    "and",
    "report",
    "anything",
    "odd",
    "to",
    "the",
    "helpdesk",
    "at",
    "once",
    "keep",
    "work",
    "data",
    "in",
    "company",
    "storage",
    "lock",
    "your",
    "screen",
    "use",
    "a",
    "passphrase",
    "turn",
    "on",
    "updates",
    "never",
    "share",
    "codes",
]


def sentence(seed: int, length: int) -> str:
    words = [WORDS[(seed * 7 + index * 3) % len(WORDS)] for index in range(length)]
    return " ".join(words).capitalize() + "."


def synthetic_manual(root: Path, rules: int) -> None:
    (root / "pyproject.toml").write_text(
        '[tool.aup]\ntitle = "Benchmark manual"\n\n[tool.aup.organisation]\nname = "Bench Ltd"\n'
        'feedback_url = "https://forms.example.com/f"\nsite_url = "https://manual.example.com/"\n',
        encoding="utf-8",
    )
    manual = root / "manual"
    manual.mkdir()
    front = (
        "---\ntitle: {title}\nowner: IT\nversion: 1.0.0\nlast_reviewed: 2026-11-01\nreview_every: 12 months\n"
        "summary: A page of the benchmark manual.\n---\n\n# {title}\n\n"
    )
    (manual / "index.md").write_text(front.format(title="Benchmark manual") + "Welcome.\n", encoding="utf-8")
    pages = 10
    for page in range(pages):
        parts = [front.format(title=f"Topic {page + 1}")]
        for number in range(rules // pages):
            seed = page * 100 + number
            do_count, dont_count = 2 + seed % 4, 1 + seed % 3
            item_length = 8 + seed % 5 * (6 if seed % 9 == 0 else 2)  # every ninth rule is long: (cont.) slides
            parts.append(f"## Rule {number + 1} of topic {page + 1} {{#t{page}-r{number}}}\n\n{sentence(seed, 18)}\n\n")
            parts.append("**Do**\n\n" + "".join(f"- {sentence(seed + i, item_length)}\n" for i in range(do_count)))
            parts.append(
                "\n**Don't**\n\n" + "".join(f"- Don't {sentence(seed + i, item_length)}\n" for i in range(dont_count))
            )
            parts.append(f"\n**Why it matters**\n\n{sentence(seed, 30)}\n\n{sentence(seed + 1, 40)}\n\n")
        (manual / f"topic-{page + 1:02d}.md").write_text("".join(parts), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--render", action="store_true", help="also time a LibreOffice conversion of the deck")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        synthetic_manual(root, arguments.rules)
        out = root / "deck.pptx"

        start, cpu_start = time.perf_counter(), time.process_time()
        config = load_config(root)
        manual = require_usable(load_manual(config))
        loaded = time.perf_counter()
        built = build_deck(manual, config, out)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu_start

        # The same work in its parts (fonts and python-pptx are warm now).
        target = open_target(None)
        fitter = TextFitter(target.geometry.body_font, target.geometry.heading_font)
        options = resolve_options(config, manual)
        t0 = time.perf_counter()
        deck = plan_deck(manual, config, target.geometry, fitter, options)
        t1 = time.perf_counter()
        write_deck(deck, target, root / "again.pptx")
        t2 = time.perf_counter()

        rules = sum(1 for _ in manual.rules)
        cont = sum(1 for slide in built.deck.slides if slide.kind == "rule") - rules
        size = out.stat().st_size // 1024
        print(f"{rules} rules -> {len(built.deck.slides)} slides ({cont} '(cont.)' slides), {size} KiB")
        print(f"cold, end to end (load {loaded - start:.2f} s + plan and write): {total:.2f} s wall, {cpu:.2f} s CPU"
              "  (target < 3 s; CPU time is what a busy machine does not inflate)")  # fmt: skip
        print(f"warm: plan with text fitting {t1 - t0:.2f} s, write {t2 - t1:.2f} s")
        if arguments.render:
            if shutil.which("soffice") is None:
                print("LibreOffice not found: --render skipped")
            else:
                t3 = time.perf_counter()
                subprocess.run(
                    ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{root}/profile",
                     "--convert-to", "pdf", "--outdir", str(root), str(out)],
                    check=True, capture_output=True,
                )  # fmt: skip
                print(f"alternative, finding overflow by rendering with LibreOffice: {time.perf_counter() - t3:.2f} s")
    return 0 if total < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
