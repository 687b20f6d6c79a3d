"""Corporate templates for the deck tests, made with python-pptx (never downloaded)."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Pt


def _layout(presentation, name: str):
    return next(
        layout for master in presentation.slide_masters for layout in master.slide_layouts if layout.name == name
    )


def rename_layout(presentation, old: str, new: str) -> None:
    _layout(presentation, old)._element.cSld.set("name", new)


def remove_layout(presentation, name: str) -> None:
    layout = _layout(presentation, name)
    layout.slide_master.slide_layouts.remove(layout)


def corporate_template(path: Path) -> Path:
    """A 4:3 template in a company's style: renamed and missing layouts, a coloured master, two sample slides.

    "Title Slide" is called "Cover", "Section Header" and "Two Content" are gone
    (the deck must fall back by placeholder type and say so), "Comparison" stays.
    """
    presentation = Presentation()
    master = presentation.slide_master
    background = master.background.fill
    background.solid()
    background.fore_color.rgb = RGBColor(0xF7, 0xF4, 0xEE)
    namespace = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
                 "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}  # fmt: skip
    for level in master._element.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr"):
        fill = level.find("a:solidFill", namespace)
        colour = fill.find("a:schemeClr", namespace) if fill is not None else None
        if colour is not None:  # the company's wine-red titles
            fill.remove(colour)
            srgb = fill.makeelement(f"{{{namespace['a']}}}srgbClr", {"val": "8A1C3B"})
            fill.append(srgb)
    rename_layout(presentation, "Title Slide", "Cover")
    remove_layout(presentation, "Section Header")
    remove_layout(presentation, "Two Content")
    for text in ("Sample slide one", "Sample slide two"):
        slide = presentation.slides.add_slide(_layout(presentation, "Title and Content"))
        slide.shapes.title.text = text
        slide.placeholders[1].text_frame.text = "Replace me"
        slide.placeholders[1].text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    presentation.save(str(path))
    return path


def bare_template(path: Path) -> Path:
    """A template whose only layouts have no title placeholder: nothing the deck can use."""
    presentation = Presentation()
    for layout in list(presentation.slide_layouts):
        if layout.name != "Blank":
            presentation.slide_layouts.remove(layout)
    presentation.save(str(path))
    return path
