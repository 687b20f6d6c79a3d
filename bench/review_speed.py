"""What the plain-language review round trip costs: ``aup review export`` plus ``aup review import`` of the
whole shipped manual (budget: under 2 s together), beside pandoc reading the same returned document into
Markdown (the usual tool for docx -> Markdown; it does not map edits back to the source, keep the manual's
structure or place comments on rules), when pandoc is installed.

    .venv/bin/python bench/review_speed.py [--rounds 5]

Every figure is a fresh process, the commands take turns round after round, and each is printed as median and
range. The returned document is the export with two tracked edits and a comment (tests/review_samples.py).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "tests"))


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from review_samples import ReturnedDoc

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        shutil.copytree(REPO / "manual", root / "manual")
        for name in ("pyproject.toml", "mkdocs.yml"):
            shutil.copy(REPO / name, root / name)
        git = ["git", "-c", "user.email=it@example.com", "-c", "user.name=IT"]
        for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the manual"]):
            subprocess.run([*git, *step], cwd=root, check=True)
        aup = str(VENV / "aup")
        export = [aup, "review", "export", "-o", "review.docx"]
        subprocess.run(export, cwd=root, check=True, capture_output=True)
        returned = ReturnedDoc(root / "review.docx")
        returned.replace("protect you", "keep you safe")
        returned.comment("Does this apply to texts too?", on="Fake messages also come by text")
        returned.save(root / "returned.docx")
        commands = {"aup review export": export, "aup review import": [aup, "review", "import", "returned.docx"]}
        pandoc = shutil.which("pandoc")
        if pandoc:
            commands["pandoc -f docx -t gfm (reading only)"] = [
                pandoc,
                "--track-changes=accept",
                "-f",
                "docx",
                "-t",
                "gfm",
                "-o",
                "out.md",
                "returned.docx",
            ]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                times[name].append(timed(command, root))
        print(f"{args.rounds} rounds, shipped manual ({len(list((root / 'manual').glob('*.md')))} pages)")
        for name, found in times.items():
            print(f"  {name:40} median {statistics.median(found):5.2f} s   range {min(found):.2f}-{max(found):.2f}")
        both = [a + b for a, b in zip(times["aup review export"], times["aup review import"], strict=True)]
        print(f"  export + import                          median {statistics.median(both):5.2f} s   budget < 2 s")
        if not pandoc:
            print("  (pandoc is not installed: no comparison)")


if __name__ == "__main__":
    main()
