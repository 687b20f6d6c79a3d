"""Property: whatever the rule's text, every planned box holds its text and no word is lost."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupkit.config import Config
from aupkit.model import Manual, parse_page
from aupkit.slides import plan_deck, resolve_options
from aupkit.slides.fit import TextFitter
from aupkit.slides.geometry import default_geometry
from conftest import FRONT

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéñ", min_size=1, max_size=14)
SENTENCE = st.lists(WORD, min_size=1, max_size=60).map(lambda words: " ".join(words).capitalize() + ".")
LONG_WORD = st.text(alphabet="abcdefghij", min_size=40, max_size=90)


@st.composite
def rules(draw) -> tuple[str, list[str], list[str]]:
    key = draw(st.one_of(SENTENCE, st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)))
    items = st.lists(st.one_of(SENTENCE, LONG_WORD), min_size=1, max_size=14)
    return key, draw(items), draw(items)


def deck_for(key: str, do: list[str], dont: list[str]):
    text = (
        FRONT.format(title="Topic") + "\n# Topic\n\n## A rule {#topic-rule}\n\n" + key + "\n\n**Do**\n\n"
        + "".join(f"- {item}\n" for item in do) + "\n**Don't**\n\n" + "".join(f"- {item}\n" for item in dont)
        + "\n**Why it matters**\n\nBecause.\n"
    )  # fmt: skip
    page = parse_page(text, Path("topic.md"), "topic.md").page
    manual = Manual(root=Path("."), pages=(page,), glossary=(), diagnostics=())
    config = Config()
    return plan_deck(manual, config, default_geometry(), TextFitter("Calibri"), resolve_options(config, manual))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules())
def test_every_box_fits_and_every_item_word_is_shown(rule: tuple[str, list[str], list[str]]) -> None:
    key, do, dont = rule
    deck = deck_for(key, do, dont)
    geometry = default_geometry()
    fitter = TextFitter("Calibri")
    for slide in deck.slides:
        for frame in slide.texts:
            box = frame.box.rounded_text_area() if frame.fill else frame.box
            height = fitter.height([p.measure(geometry) for p in frame.paragraphs], box.text_width(frame.inset_x))
            assert height <= box.text_height(frame.inset_y) + 0.01, (slide.kind, frame.role, frame.text[:80])
            assert all(p.size >= 14 for p in frame.paragraphs if frame.role in ("left", "right"))
    rule_slides = [slide for slide in deck.slides if slide.rule_id == "topic-rule"]
    for mark, items in (("\u2713", do), ("\u2717", dont)):
        shown = " ".join(
            p.text
            for slide in rule_slides
            for f in slide.texts
            if f.role in ("left", "right") and f.paragraphs[0].text.startswith(mark)
            for p in f.paragraphs[1:]
        )
        assert "".join(shown.split()) == "".join("".join(items).split())
