"""How tall a piece of text will be once wrapped in a box, from the font's real metrics.

PowerPoint does not apply its "shrink text on overflow" flag when it opens a
file, and LibreOffice shrinks too far, so the deck never relies on it: the
planner asks this module whether text fits and moves what does not onto a
"(cont.)" slide. Widths come from the font files ``fc-match`` resolves (Carlito
stands in for Calibri with the same metrics), measured with Pillow; line
heights from the font's own ascent, descent and line gap, as LibreOffice and
PowerPoint use them. Without a font file the estimate is deliberately wide.
"""

from __future__ import annotations

import functools
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

POINTS_PER_INCH = 72
EMU_PER_POINT = 12700
# Without a font file: wider than any common sans-serif, so the text still fits.
_FALLBACK_WIDTH_EM = 0.62
_FALLBACK_LINE_EM = 1.25
# Renderers disagree by a few per cent on line breaks; keep that much width in hand.
WIDTH_SAFETY = 0.95


@dataclass(frozen=True)
class Paragraph:
    """One paragraph to measure: its text, size in points, weight, and the space it takes around it."""

    text: str
    size: float
    bold: bool = False
    indent: float = 0.0  # points taken from the left for a hanging bullet
    space_before: float = 0.0  # points
    line_spacing: float = 1.0  # multiple of the font's line height
    font: str = ""  # family; empty: the fitter's body font


class FontMetrics:
    """Width of text and height of a line for one font face, in points at a given size."""

    def __init__(self, family: str, bold: bool, path: Path | None) -> None:
        self.family = family
        self.bold = bold
        self.path = path
        self._widths: dict[str, float] = {}
        self._font = None
        self.line_em = _FALLBACK_LINE_EM
        if path is not None:
            from PIL import ImageFont  # Pillow: only for measuring, never for drawing

            self._font = ImageFont.truetype(str(path), 1000, layout_engine=ImageFont.Layout.BASIC)
            self.line_em = _line_height_em(path) or _FALLBACK_LINE_EM

    @property
    def measured(self) -> bool:
        return self._font is not None

    def em_width(self, word: str) -> float:
        """Width of ``word`` in ems (cached: manuals repeat their words)."""
        width = self._widths.get(word)
        if width is None:
            width = self._font.getlength(word) / 1000 if self._font is not None else len(word) * _FALLBACK_WIDTH_EM
            self._widths[word] = width
        return width


def resolve_font(family: str, bold: bool) -> Path | None:
    """The font file fontconfig would use for ``family`` (None without fontconfig or a match)."""
    return _fc_match(family, bold)[0]


@functools.cache
def _fc_match(family: str, bold: bool) -> tuple[Path | None, str]:
    """fontconfig's file and family for ``family``: the font itself, a metric-compatible twin, or a stand-in."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None, ""
    pattern = f"{family}:weight={'bold' if bold else 'regular'}"
    try:
        found = subprocess.run(
            [fc_match, "-f", "%{file}\n%{family}", pattern], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None, ""
    file, _, families = found.partition("\n")
    path = Path(file.strip()) if file.strip() else None
    if path is None or not path.is_file() or path.suffix.lower() not in (".ttf", ".otf", ".ttc"):
        return None, ""
    return path, families.split(",")[0].strip()


# Fonts made with the same widths as the Office fonts, so measuring with them is measuring the original.
METRIC_TWINS = {
    "calibri": "carlito", "cambria": "caladea", "arial": "liberation sans", "helvetica": "liberation sans",
    "times new roman": "liberation serif", "courier new": "liberation mono",
}  # fmt: skip


def stand_in(family: str, bold: bool = False) -> str | None:
    """The family fontconfig measures ``family`` with when it is neither that font nor its metric twin."""
    path, found = _fc_match(family, bold)
    if path is None or not found:
        return None
    wanted, found_key = family.lower(), found.lower()
    if found_key == wanted or METRIC_TWINS.get(wanted) == found_key:
        return None
    return found


@functools.cache
def font_metrics(family: str, bold: bool) -> FontMetrics:
    return FontMetrics(family, bold, resolve_font(family, bold))


class TextFitter:
    """Wraps and measures paragraphs for given fonts; one per deck (it caches word widths)."""

    def __init__(self, body_font: str, heading_font: str | None = None) -> None:
        self.body_font = body_font
        self.heading_font = heading_font or body_font

    def metrics(self, family: str, bold: bool) -> FontMetrics:
        return font_metrics(family or self.body_font, bold)

    def unmeasured_fonts(self) -> list[str]:
        """Fonts with no file found: their sizes are estimated (and the deck says so)."""
        return sorted(
            {
                f"{family}{' bold' if bold else ''}"
                for family in {self.body_font, self.heading_font}
                for bold in (False, True)
                if not self.metrics(family, bold).measured
            }
        )

    def stand_ins(self) -> list[tuple[str, str]]:
        """(font, the other font it is measured with) where fontconfig has neither it nor its metric twin."""
        pairs = {(family, stand_in(family)) for family in {self.body_font, self.heading_font}}
        return sorted((family, other) for family, other in pairs if other)

    def wrap(self, text: str, width: float, size: float, bold: bool = False, font: str = "") -> list[str]:
        """Greedy word wrap as PowerPoint and LibreOffice do it; a word wider than the box is broken."""
        metrics = self.metrics(font, bold)
        limit = width * WIDTH_SAFETY / size  # in ems
        space = metrics.em_width(" ")
        lines: list[str] = []
        for hard_line in text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in hard_line.split():
                word_width = metrics.em_width(word)
                extra = word_width + (space if current else 0.0)
                if current and used + extra > limit:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                    extra = word_width
                while not current and word_width > limit and len(word) > 1:
                    cut = _longest_prefix(metrics, word, limit)
                    lines.append(word[:cut])
                    word = word[cut:]
                    word_width = extra = metrics.em_width(word)
                current.append(word)
                used += extra
            lines.append(" ".join(current))
        return lines

    def line_height(self, size: float, bold: bool = False, font: str = "", spacing: float = 1.0) -> float:
        return self.metrics(font, bold).line_em * size * spacing

    def paragraph_height(self, paragraph: Paragraph, width: float) -> float:
        lines = self.wrap(paragraph.text, width - paragraph.indent, paragraph.size, paragraph.bold, paragraph.font)
        line = self.line_height(paragraph.size, paragraph.bold, paragraph.font, paragraph.line_spacing)
        return paragraph.space_before + len(lines) * line

    def height(self, paragraphs: list[Paragraph] | tuple[Paragraph, ...], width: float) -> float:
        """Height in points of the paragraphs in a text area ``width`` points wide (insets excluded).

        The first paragraph's space before is not counted: renderers ignore it at the top of a box.
        """
        total = 0.0
        for index, paragraph in enumerate(paragraphs):
            total += self.paragraph_height(paragraph, width) - (paragraph.space_before if index == 0 else 0.0)
        return total

    def split_words(self, paragraph: Paragraph, width: float, height: float) -> tuple[str, str]:
        """The longest word-boundary prefix of ``paragraph`` that fits ``height``, and the rest."""
        words = paragraph.text.split()
        low, high = 0, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            candidate = Paragraph(
                " ".join(words[:middle]),
                paragraph.size,
                paragraph.bold,
                paragraph.indent,
                0.0,
                paragraph.line_spacing,
                paragraph.font,
            )
            if self.height([candidate], width) <= height:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low]), " ".join(words[low:])


def _longest_prefix(metrics: FontMetrics, word: str, limit: float) -> int:
    for cut in range(len(word) - 1, 0, -1):
        if metrics.em_width(word[:cut]) <= limit:
            return cut
    return 1


def _line_height_em(path: Path) -> float | None:
    """Ascent + descent + line gap in ems, as office suites space lines (OS/2 Windows metrics, else hhea)."""
    try:
        tables = _sfnt_tables(path.read_bytes())
    except (OSError, struct.error, ValueError):
        return None
    head, hhea, os2 = tables.get("head"), tables.get("hhea"), tables.get("OS/2")
    if head is None:
        return None
    units = struct.unpack(">H", head[18:20])[0] or 1000
    candidates = []
    if os2 is not None and len(os2) >= 78:
        win_ascent, win_descent = struct.unpack(">HH", os2[74:78])
        candidates.append(win_ascent + win_descent)
    if hhea is not None and len(hhea) >= 10:
        ascender, descender, line_gap = struct.unpack(">hhh", hhea[4:10])
        candidates.append(ascender - descender + line_gap)
    return max(candidates) / units if candidates else None


def _sfnt_tables(data: bytes) -> dict[str, bytes]:
    offset = 0
    if data[:4] == b"ttcf":  # a collection: use the first font
        offset = struct.unpack(">I", data[12:16])[0]
    count = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
    tables = {}
    for index in range(count):
        record = offset + 12 + index * 16
        tag = data[record : record + 4].decode("latin-1")
        table_offset, length = struct.unpack(">II", data[record + 8 : record + 16])
        tables[tag] = data[table_offset : table_offset + length]
    return tables
