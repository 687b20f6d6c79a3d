"""The awareness session deck.

``deck`` is the plain data, ``plan`` makes it from the manual (pure), ``fit`` measures text,
``writer`` writes the .pptx (the only python-pptx import).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..files import guard_output
from ..model import Manual
from .deck import Deck
from .fit import TextFitter
from .plan import DeckOptions, plan_deck, resolve_options


@dataclass(frozen=True)
class BuiltDeck:
    """What ``build_deck`` made: the file, the plan it wrote, and what the presenter should know."""

    path: Path
    deck: Deck
    notices: tuple[str, ...]


def build_deck(
    manual: Manual, config: Config, out: Path, *, template: Path | None = None, **options: object
) -> BuiltDeck:
    """Plan and write the deck for ``manual`` to ``out`` (atomically: a temporary file, then a rename).

    ``template`` (default: ``slides.template`` from the configuration) is a corporate .pptx.
    ``options`` override ``[tool.aup.slides]``: language, presenter, pages, questions,
    knowledge_check, brand_colour, min_font_size, date, logo, words_per_minute.
    Raises UsageError for a bad template, option or page name.
    """
    from .writer import open_target, write_deck  # python-pptx loads only when a deck is written

    out = guard_output(out, config, what="deck", suffixes=(".pptx",))

    resolved: DeckOptions = resolve_options(config, manual, **options)
    if template is None and config.slides.template:
        template = config.root / config.slides.template
    target = open_target(template, config.slides.heading_font, config.slides.body_font)
    fitter = TextFitter(target.geometry.body_font, target.geometry.heading_font)
    deck = plan_deck(manual, config, target.geometry, fitter, resolved)
    written = write_deck(deck, target, out, root=config.root)
    return BuiltDeck(out, deck, (*target.notices, *deck.notices, *written))


__all__ = ["BuiltDeck", "Deck", "DeckOptions", "build_deck", "plan_deck", "resolve_options"]
