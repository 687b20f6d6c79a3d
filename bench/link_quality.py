"""How well ``aup feedback import`` links comments to rules, on the labelled comments in the tests' fixtures.

    python bench/link_quality.py [--show]

Reports, for sure links (stored without a person's look): precision (how many are right) and recall (how
many of the comments that belong to a rule got one); and how often the right rule is the sure link or among
the three suggestions. Targets (issue "the feedback loop"): precision >= 0.95, recall >= 0.7, top three >= 0.9.
The manual is this repository's English manual and aupkit's Spanish starter, indexed together.
"""

from __future__ import annotations

import dataclasses
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


if __name__ == "__main__":
    main()
