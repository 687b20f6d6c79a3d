"""Where things go on a slide: plain boxes in EMU, for the built-in look or read from a template."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
# Text insets written on every text shape, so the fitter and the renderer agree on the text area.
INSET_X = 0.1 * EMU_PER_INCH
INSET_Y = 0.05 * EMU_PER_INCH
PANEL_INSET = 0.2 * EMU_PER_INCH
# Panels are rounded rectangles (corner radius = ROUNDING x the shorter side); their preset geometry keeps
# the text 1 - cos(45°) of the radius away from the edge, on top of the insets.
ROUNDING = 0.05
CORNER_TEXT_INSET = 0.29289


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    """A rectangle in EMU; ``inset`` is the text inset on the left and right (top and bottom: half)."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width

    def text_width(self, inset: float = INSET_X) -> float:
        """Points available for text across the box."""
        return max(0.0, (self.width - 2 * inset) / EMU_PER_POINT)

    def text_height(self, inset: float = INSET_Y) -> float:
        return max(0.0, (self.height - 2 * inset) / EMU_PER_POINT)

    def rounded_text_area(self) -> Box:
        """The box a rounded panel keeps for text: its corners take ``ROUNDING`` x 0.29 of the shorter side."""
        corner = int(CORNER_TEXT_INSET * ROUNDING * min(self.width, self.height))
        return Box(self.left + corner, self.top + corner, self.width - 2 * corner, self.height - 2 * corner)

    def with_top(self, top: int) -> Box:
        """The same box cut (or grown) at the top, keeping its bottom."""
        return replace(self, top=top, height=max(0, self.bottom - top))

    def with_height(self, height: int) -> Box:
        return replace(self, height=max(0, height))

    def split(self, gap: int) -> tuple[Box, Box]:
        """Left and right halves with ``gap`` between them."""
        half = (self.width - gap) // 2
        return replace(self, width=half), replace(self, left=self.left + half + gap, width=half)


@dataclass(frozen=True)
class Layout:
    """The boxes of one kind of slide; ``None`` where the kind has no such box."""

    title: Box | None = None
    subtitle: Box | None = None
    body: Box | None = None
    left: Box | None = None
    right: Box | None = None


@dataclass(frozen=True)
class Geometry:
    """Slide size, the boxes per layout (``title``, ``section``, ``content``, ``two``), footer and number."""

    width: int
    height: int
    layouts: dict[str, Layout] = field(default_factory=dict)
    footer: Box | None = None
    number: Box | None = None
    template: bool = False  # True: placeholders and theme carry the look; the plan adds no colour fills
    heading_font: str = "Calibri"
    body_font: str = "Calibri"


SLIDE_WIDTH = inches(13.333)
SLIDE_HEIGHT = inches(7.5)
MARGIN = inches(0.6)


def default_geometry(heading_font: str = "Calibri", body_font: str = "Calibri") -> Geometry:
    """The built-in 16:9 look."""
    content_width = SLIDE_WIDTH - 2 * MARGIN
    body_top, body_bottom = inches(2.25), inches(6.7)
    body = Box(MARGIN, body_top, content_width, body_bottom - body_top)
    left, right = body.split(inches(0.35))
    statement_width = inches(10.5)
    return Geometry(
        width=SLIDE_WIDTH,
        height=SLIDE_HEIGHT,
        layouts={
            "title": Layout(
                title=Box(inches(0.9), inches(1.7), inches(11.0), inches(2.2)),
                subtitle=Box(inches(0.9), inches(4.1), inches(11.0), inches(2.3)),
            ),
            "section": Layout(
                title=Box(inches(0.9), inches(2.0), statement_width, inches(1.9)),
                subtitle=Box(inches(0.9), inches(4.0), statement_width, inches(2.3)),
            ),
            "content": Layout(title=Box(MARGIN, inches(0.45), content_width, inches(1.6)), body=body),
            "two": Layout(title=Box(MARGIN, inches(0.45), content_width, inches(1.6)), left=left, right=right),
        },
        footer=Box(MARGIN, inches(6.93), inches(9.0), inches(0.4)),
        number=Box(SLIDE_WIDTH - MARGIN - inches(1.5), inches(6.93), inches(1.5), inches(0.4)),
        heading_font=heading_font,
        body_font=body_font,
    )
