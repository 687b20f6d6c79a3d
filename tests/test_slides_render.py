"""The deck as a presenter sees it: rendered by LibreOffice, no text outside its box.

Converts the deck to PDF (soffice, with its own profile) and checks every
rendered word (``pdftotext -bbox``) against the boxes of the text shapes the
writer made, scaled to the page. Skips with a reason without LibreOffice or poppler.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from aupkit.config import load_config
from aupkit.model import load_manual, require_usable
from aupkit.slides import build_deck
from conftest import MANUAL, REPO
from slides_templates import corporate_template

TOOLS = ("soffice", "pdftotext", "pdftoppm")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(
        bool(missing),
        reason=f"needs LibreOffice and poppler-utils ({', '.join(missing)} not found; "
        "apt-get install libreoffice-impress poppler-utils fonts-crosextra-carlito)",
    ),
]
EMU_PER_POINT = 12700
_TOKEN = re.compile(r"[\w']+", re.UNICODE)


@dataclass(frozen=True)
class Shape:
    name: str
    left: float
    top: float
    right: float
    bottom: float
    tokens: frozenset[str]


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


def render_pdf(deck: Path, out: Path) -> Path:
    """soffice --convert-to pdf with a throwaway profile (so a running LibreOffice is not disturbed)."""
    profile = out / "profile"
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
         "--outdir", str(out), str(deck)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = out / (deck.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice made no PDF from {deck}"
    return pdf


def render_png(pdf: Path, out: Path, resolution: int = 50) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(out / "page")], check=True, timeout=240)
    return sorted(out.glob("page-*.png"))


def pdf_words(pdf: Path) -> tuple[list[tuple[float, float]], list[list[Word]]]:
    """Page sizes in points and the words of each page with their boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    root = ElementTree.fromstring(html)
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    sizes, pages = [], []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        pages.append(
            [
                Word(
                    w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax"))
                )
                for w in page.findall("x:word", namespace)
            ]
        )
    return sizes, pages


def deck_shapes(deck: Path) -> tuple[tuple[float, float], list[list[Shape]]]:
    """Slide size in points and, per slide, the text shapes with their boxes and words."""
    presentation = Presentation(str(deck))
    size = (presentation.slide_width / EMU_PER_POINT, presentation.slide_height / EMU_PER_POINT)
    slides = []
    for slide in presentation.slides:
        shapes = []
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
            shapes.append(
                Shape(shape.name, left, top, left + shape.width / EMU_PER_POINT, top + shape.height / EMU_PER_POINT,
                      frozenset(tokens(shape.text_frame.text)))
            )  # fmt: skip
        slides.append(shapes)
    return size, slides


def tokens(text: str) -> list[str]:
    return [token.lower() for token in _TOKEN.findall(text)]


def overflowing_words(deck: Path, pdf: Path, tolerance: float = 1.5) -> list[str]:
    """Every rendered word whose centre lies outside all the text shapes that hold it: text past its box."""
    (slide_width, slide_height), slides = deck_shapes(deck)
    sizes, pages = pdf_words(pdf)
    assert len(pages) == len(slides), f"{len(slides)} slides but {len(pages)} PDF pages"
    problems = []
    for number, (shapes, words, (page_width, page_height)) in enumerate(zip(slides, pages, sizes, strict=True), 1):
        scale_x, scale_y = slide_width / page_width, slide_height / page_height
        for word in words:
            word_tokens = tokens(word.text)
            if not word_tokens:
                continue  # a bullet symbol or punctuation drawn on its own
            holders = [shape for shape in shapes if set(word_tokens) <= shape.tokens]
            if not holders:
                continue  # not our text (a template graphic with words, a split ligature)
            centre_x = (word.left + word.right) / 2 * scale_x
            centre_y = (word.top + word.bottom) / 2 * scale_y
            inside = any(
                s.left - tolerance <= word.left * scale_x
                and word.right * scale_x <= s.right + tolerance
                and s.top - tolerance <= centre_y <= s.bottom + tolerance
                and s.left <= centre_x <= s.right
                for s in holders
            )
            if not inside:
                names = ", ".join(s.name for s in holders)
                problems.append(f"slide {number}: {word.text!r} at y={centre_y:.0f}pt lies outside {names}")
    return problems


def build(project_root: Path, out: Path, **options) -> Path:
    config = load_config(project_root)
    manual = require_usable(load_manual(config))
    return build_deck(manual, config, out, **options).path


def test_shipped_manual_renders_with_no_text_outside_its_box(tmp_path: Path) -> None:
    assert MANUAL.is_dir()
    deck = build(REPO, tmp_path / "deck.pptx")
    pdf = render_pdf(deck, tmp_path)
    problems = overflowing_words(deck, pdf)
    assert not problems, "\n".join(problems[:20])
    pages = render_png(pdf, tmp_path, resolution=20)
    assert len(pages) == len(Presentation(str(deck)).slides)


def test_corporate_template_deck_renders_with_no_text_outside_its_box(tmp_path: Path) -> None:
    template = corporate_template(tmp_path / "corporate.pptx")
    deck = build(REPO, tmp_path / "deck.pptx", template=template)
    pdf = render_pdf(deck, tmp_path)
    problems = overflowing_words(deck, pdf)
    assert not problems, "\n".join(problems[:20])


def test_overflow_check_catches_text_past_its_box(tmp_path: Path) -> None:
    """The check itself: a box far too small for its text must be reported."""
    deck = build(REPO, tmp_path / "deck.pptx", pages=("byod",))
    presentation = Presentation(str(deck))
    shape = next(s for s in presentation.slides[3].shapes if s.has_text_frame and "Do" in s.text_frame.text)
    shape.height = shape.height // 4
    broken = tmp_path / "broken.pptx"
    presentation.save(str(broken))
    problems = overflowing_words(broken, render_pdf(broken, tmp_path))
    assert any(problem.startswith("slide 4:") for problem in problems)


def test_spanish_starter_deck_renders_with_no_text_outside_its_box(tmp_path: Path, run) -> None:
    assert run(["init", str(tmp_path / "es"), "--lang", "es"]).exit_code == 0
    deck = build(tmp_path / "es", tmp_path / "deck.pptx")
    problems = overflowing_words(deck, render_pdf(deck, tmp_path))
    assert not problems, "\n".join(problems[:20])


def test_public_policies_without_our_conventions_render_with_no_text_outside_its_box(tmp_path: Path) -> None:
    corpus = REPO.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.md")) if corpus.is_dir() else []
    if not files:
        pytest.skip("the shared corpus of real policies is not on this machine")
    config = load_config(REPO)
    manual = require_usable(load_manual(config, files))
    deck = build_deck(manual, config, tmp_path / "corpus.pptx").path
    problems = overflowing_words(deck, render_pdf(deck, tmp_path))
    assert not problems, "\n".join(problems[:20])
