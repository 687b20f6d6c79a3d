"""The deck as plain data: slides, their text boxes with final positions and sizes, pictures and notes.

``plan`` makes it from the manual, ``writer`` copies it into a .pptx; tests read it directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .fit import Paragraph
from .geometry import INSET_X, INSET_Y, Box, Geometry

Role = Literal["title", "subtitle", "body", "left", "right", "caption", "footer", "number"]
BULLET_INDENT_EM = 1.25  # a bullet hangs this many ems to the left of its text


@dataclass(frozen=True)
class Para:
    """One paragraph of one text box, with its final size in points."""

    text: str
    size: float
    bold: bool = False
    colour: str | None = None  # "#RRGGBB"; None keeps the template's colour
    bullet: str = ""  # a hanging bullet character
    align: Literal["left", "center", "right"] = "left"
    space_before: float = 0.0
    heading: bool = False  # set in the heading font

    def measure(self, geometry: Geometry) -> Paragraph:
        return Paragraph(
            self.text,
            self.size,
            self.bold,
            indent=self.size * BULLET_INDENT_EM if self.bullet else 0.0,
            space_before=self.space_before,
            font=geometry.heading_font if self.heading else geometry.body_font,
        )


@dataclass(frozen=True)
class TextFrame:
    """A text box: what it holds and where; ``fill`` makes it a coloured panel."""

    role: Role
    box: Box
    paragraphs: tuple[Para, ...]
    fill: str | None = None
    anchor: Literal["top", "middle", "bottom"] = "top"
    inset_x: int = int(INSET_X)
    inset_y: int = int(INSET_Y)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Picture:
    """An image: a QR code for ``source`` (a URL) or the logo file at ``source``."""

    kind: Literal["qr", "logo"]
    box: Box
    source: str


@dataclass(frozen=True)
class Slide:
    kind: str  # title, agenda, section, rule, content, check, questions, feedback, closing, empty
    layout: str  # title, section, content, two: which template layout carries it
    texts: tuple[TextFrame, ...]
    pictures: tuple[Picture, ...] = ()
    notes: str = ""
    seconds: int = 0
    background: str | None = None
    number: int = 0
    rule_id: str | None = None

    def text(self, role: Role) -> str:
        return "\n".join(frame.text for frame in self.texts if frame.role == role)


@dataclass(frozen=True)
class Deck:
    title: str
    author: str
    language: str
    date: dt.date | None
    slides: tuple[Slide, ...]
    notices: tuple[str, ...] = ()
    total_seconds: int = 0
    brand: str = "#1F5FA8"
