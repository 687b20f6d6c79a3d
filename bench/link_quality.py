"""How well ``aup feedback import`` links comments to rules, on the labelled comments in the tests' fixtures.

    python bench/link_quality.py [--show]

Reports, for sure links (stored without a person's look): precision (how many are right) and recall (how
many of the comments that belong to a rule got one); and how often the right rule is the sure link or among
the three suggestions. Targets (issue "the feedback loop"): precision >= 0.95, recall >= 0.7, top three >= 0.9.
The manual is this repository's English manual and aupkit's Spanish starter, indexed together.

Then a whole session: the exports in ``tests/fixtures/feedback/session`` (Google Forms and Microsoft Forms in
English and Spanish, a Q&A tool's JSON, a presenter's sheet) imported with ``aup feedback import`` into a new
bilingual manual (``aup init --lang es,en``): of the items whose form named a rule, page or section, how many
reached it (target >= 80%, and no wrong sure link).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from aupkit.config import load_config  # noqa: E402
from aupkit.feedback.link import RuleIndex, evaluate  # noqa: E402
from aupkit.model import load_manual  # noqa: E402

LABELLED = ROOT / "tests" / "fixtures" / "feedback" / "labelled.yaml"


def index() -> RuleIndex:
    """This repository's English manual and aupkit's Spanish starter, indexed together."""
    english = load_config(ROOT)
    spanish = dataclasses.replace(english, manual_dir="tools/aupkit/starter/es", language="es")
    return RuleIndex.of_manuals([load_manual(english), load_manual(spanish)])


def main() -> None:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    rules = index()
    for name in ("items", "held_out"):
        quality = evaluate(data[name], rules)
        print(f"{name}: {quality.items} labelled comments, {quality.belonging} of them about one rule")
        print(f"  sure links: {quality.sure}, right: {quality.sure_right}")
        print(
            f"  precision {quality.precision:.2f} (target >= 0.95), recall {quality.recall:.2f} (target >= 0.70), "
            f"right rule sure or in the three suggestions {quality.top_three:.2f} (target >= 0.90)"
        )
        for line in quality.wrong:
            print("  wrong:", line)
    both = evaluate(data["items"] + data["held_out"], rules)
    print(f"both: precision {both.precision:.2f}, recall {both.recall:.2f}, in the three {both.top_three:.2f}")
    items = data["items"] + data["held_out"]
    if "--show" in sys.argv:
        for item in items:
            link = rules.link(item.get("column"), item["text"])
            mark = "ok " if link.rule == item["rule"] or (link.rule is None and item["rule"] is None) else "   "
            suggested = ",".join(link.suggested)
            print(f"{mark}{item['rule']!s:28} sure={link.rule!s:28} suggested={suggested}  {item['text'][:60]}")


def session() -> None:
    import tempfile

    from click.testing import CliRunner

    sys.path.insert(0, str(ROOT / "tests"))
    from aupkit.cli.main import cli
    from aupkit.feedback.store import load_store
    from feedback_samples import SESSION_MAPPING, session_exports, session_quality

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "manual"
        runner = CliRunner()
        runner.invoke(cli, ["init", str(root), "--lang", "es,en", "--no-git"], catch_exceptions=False)
        with (root / "pyproject.toml").open("a", encoding="utf-8") as out:
            out.write(SESSION_MAPPING)
        exports = session_exports(Path(folder) / "inbox")
        os.chdir(root)
        result = runner.invoke(cli, ["feedback", "import", *map(str, exports), "--session", "s"])
        config = load_config(root)
        manual = load_manual(config)
        pages = {rule.id: page.relative for rule in manual.rules if rule.id and (page := manual.page_of(rule.id))}
        items = load_store(config).items
        quality = session_quality(items, pages)
        os.chdir(ROOT)
    print(f"session: {len(exports)} exports, {len(items)} items (import exit {result.exit_code})")
    sure = sum(1 for item in items if item.rule)
    print(f"  {quality['named']} name a rule, page or section; {quality['linked']} reached it "
          f"({quality['linked'] / quality['named']:.0%}, target >= 80%); {sure} items linked surely, "
          f"{len(quality['wrong'])} wrongly")  # fmt: skip
    for line in quality["wrong"] + quality["unlinked"]:
        print("  not reached:", line)


if __name__ == "__main__":
    main()
    session()
