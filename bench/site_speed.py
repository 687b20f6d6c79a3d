"""The site as users feel it: ``aup build`` with each engine against the same engine run bare, and ``aup serve``.

    .venv/bin/python bench/site_speed.py [--rounds 3] [--pages 100 1000] [--out bench/out/site]

Same pages for everyone: the shipped manual and realistic generated manuals (``user_speed.write_manual``).
"Bare" is the engine's own command on the raw ``manual/`` folder with the project's ``mkdocs.yml`` and no
aupkit at all (so no page header, rule IDs, Do/Don't blocks, PDF...). A third row runs the engine's own
command on the pages aup generates (``.aup-cache/build/ENGINE``), which separates aup's own cost (start-up,
reading the manual, the lint beside the build) from the cost of the richer pages. ``aup build`` runs with ``--no-deck
--no-pdf`` so both sides make the same thing: a site. Each figure is a fresh process; the commands of one
comparison take turns round after round; medians and ranges are printed.

Budgets (issue 13): ``aup build`` at most 1.2 times the bare engine on the same pages; with Zensical,
``aup build`` of the shipped manual under 1 s; ``aup serve`` shows an edited page within 1 s on a 100-page
manual.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from user_speed import ENV, REPO, VENV, show, take_turns, write_manual

sys.path.insert(0, str(REPO / "tools"))

from aupkit.site.engines import ENGINES


def bare_config(root: Path, engine: str) -> Path:
    """The project's mkdocs.yml for the bare engine: the raw pages, the site inside the project (Zensical)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_dir: .*$", f"site_dir: site-bare-{engine}", text)
    path = root / f"mkdocs-bare-{engine}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def bare_command(engine: str, config: Path) -> list[str]:
    if engine == "zensical":
        return [str(VENV / "zensical"), "build", "-f", str(config)]
    return [str(VENV / engine), "build", "-q", "-f", str(config)]


def serve_delay(root: Path, engine: str, page: str = "topic-0007.md") -> float:
    """Seconds from saving an edited page to the edit being served, through ``aup serve``."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{page.removesuffix('.md')}/"
    server = subprocess.Popen(
        [str(VENV / "aup"), "serve", "--engine", engine, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    path = root / "manual" / page
    original = path.read_text(encoding="utf-8")
    try:
        _wait_for(url, lambda html: "Topic 7" in html, 120)
        marker = f"Edited{time.time_ns()}"
        path.write_text(original.replace("# Topic 7\n", f"# Topic 7\n\n{marker} here.\n"), encoding="utf-8")
        start = time.perf_counter()
        _wait_for(url, lambda html: marker in html, 60)
        return time.perf_counter() - start
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(20)


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show the change within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "site")
    parser.add_argument("--serve-only", action="store_true", help="only the aup serve figures (100 pages)")
    args = parser.parse_args()
    engines = [name for name, engine in ENGINES.items() if engine.installed()]
    aup = str(VENV / "aup")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; engines: {', '.join(engines)}")
    shipped = args.out / "shipped"
    if shipped.exists():
        shutil.rmtree(shipped)
    shipped.mkdir(parents=True)
    shutil.copytree(REPO / "manual", shipped / "manual")
    shutil.copy(REPO / "pyproject.toml", shipped)
    shutil.copy(REPO / "mkdocs.yml", shipped)
    manuals = {"shipped": shipped}
    for pages in args.pages:
        manuals[f"{pages} pages"] = args.out / str(pages)
        write_manual(manuals[f"{pages} pages"], pages)
    for label, root in manuals.items():
        if args.serve_only:
            break
        rounds = args.rounds if label == "shipped" or "1000" not in label else max(1, args.rounds // 2)
        print(f"{label} ({rounds} rounds)")
        for engine in engines:
            generated = root / ".aup-cache" / "build" / engine / "mkdocs.yml"
            commands = {
                "aup": ([aup, "build", "--engine", engine, "--no-deck", "--no-pdf"], root),
                "bare": (bare_command(engine, bare_config(root, engine)), root),
                "tree": (bare_command(engine, generated), generated.parent),
            }
            take_turns({"aup": commands["aup"]}, 1)  # writes the generated tree the third command builds
            times = take_turns(commands, rounds)
            ours = show(f"aup build --engine {engine}", times["aup"])
            theirs = show(f"{engine} build, bare", times["bare"])
            tree = show(f"{engine} build of aup's generated pages", times["tree"])
            print(f"  {engine}: aup build is {ours / theirs:.2f} times the bare engine (budget <= 1.2); "
                  f"{ours / tree:.2f} times the engine alone on the same generated pages")  # fmt: skip
    if "100 pages" in manuals:
        for engine in engines:
            delays = [serve_delay(manuals["100 pages"], engine) for _ in range(args.rounds)]
            show(f"aup serve --engine {engine}: edit shown after", delays, "budget < 1 s")


if __name__ == "__main__":
    main()
