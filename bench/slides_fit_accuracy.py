"""How well the deck's text fitting predicts LibreOffice's line breaks, box by box.

    .venv/bin/python bench/slides_fit_accuracy.py [PROJECT] [--template corporate.pptx]

Builds the deck for PROJECT (default: this repository's manual), renders it with
LibreOffice, counts the lines of text drawn in each text box (``pdftotext -bbox``)
and compares them with the lines the fitter predicted, with the width safety
margin the planner uses and without it (the raw font metrics).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

from aupkit.config import load_config
from aupkit.model import load_manual, require_usable
from aupkit.slides import build_deck, fit
from aupkit.slides.deck import BULLET_INDENT_EM
from aupkit.slides.geometry import EMU_PER_POINT
from aupkit.slides.writer import open_target

XHTML = "{http://www.w3.org/1999/xhtml}"


def rendered_lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each word as (x centre, y top, y centre, text) in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        words = []
        for word in page.iter(f"{XHTML}word"):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append(((x0 + x1) / 2, y0, (y0 + y1) / 2, word.text or ""))
        pages.append(words)
    return pages


def predicted_lines(fitter: fit.TextFitter, frame, geometry) -> int:
    box = frame.box.rounded_text_area() if frame.fill else frame.box  # panels are rounded rectangles
    width = box.text_width(frame.inset_x)
    total = 0
    for paragraph in frame.paragraphs:
        indent = paragraph.size * BULLET_INDENT_EM if paragraph.bullet else 0.0
        font = geometry.heading_font if paragraph.heading else geometry.body_font
        total += len(fitter.wrap(paragraph.text, width - indent, paragraph.size, paragraph.bold, font))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--template", type=Path)
    parser.add_argument("--verbose", action="store_true", help="name the boxes with fewer lines predicted")
    arguments = parser.parse_args()
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        print("needs LibreOffice (soffice) and poppler-utils (pdftotext)")
        return 2
    config = load_config(arguments.project)
    manual = require_usable(load_manual(config))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        built = build_deck(manual, config, out / "deck.pptx", template=arguments.template)
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{out}/profile",
             "--convert-to", "pdf", "--outdir", str(out), str(out / "deck.pptx")],
            check=True, capture_output=True,
        )  # fmt: skip
        pages = rendered_lines(out / "deck.pdf")
    deck = built.deck
    geometry = open_target(arguments.template).geometry  # the geometry the deck was planned with
    results: dict[str, Counter] = {"with margin": Counter(), "raw metrics": Counter()}
    for safety, label in ((fit.WIDTH_SAFETY, "with margin"), (1.0, "raw metrics")):
        fit.WIDTH_SAFETY = safety
        fitter = fit.TextFitter(geometry.body_font, geometry.heading_font)
        for slide, words in zip(deck.slides, pages, strict=True):
            for frame in slide.texts:
                box = frame.box
                left, top = box.left / EMU_PER_POINT, box.top / EMU_PER_POINT
                right, bottom = box.right / EMU_PER_POINT, box.bottom / EMU_PER_POINT
                tops = sorted(y for x, y, centre, text in words if left <= x <= right and top <= centre <= bottom
                              and any(c.isalnum() for c in text))  # fmt: skip
                lines = sum(1 for i, y in enumerate(tops) if i == 0 or y - tops[i - 1] > 2.0)
                if not lines:
                    continue
                difference = predicted_lines(fitter, frame, geometry) - lines
                if difference < 0 and arguments.verbose:
                    print(f"  slide {slide.number} {frame.role}: predicted {lines + difference}, rendered {lines}: "
                          f"{frame.text[:70]!r}")  # fmt: skip
                results[label]["exact" if difference == 0 else "more" if difference > 0 else "fewer"] += 1
    for label, counts in results.items():
        total = sum(counts.values())
        print(f"{label:12}: {total} text boxes, predicted lines = rendered in {counts['exact']} "
              f"({100 * counts['exact'] / total:.0f}%), more (safe side) in {counts['more']}, "
              f"fewer (would overflow) in {counts['fewer']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
