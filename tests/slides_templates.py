"""Corporate templates for the deck tests, made with python-pptx (never downloaded)."""

from __future__ import annotations

import copy
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
from pptx.util import Pt

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


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


def two_master_template(path: Path) -> Path:
    """A template whose "Two Content" layout lives only on a second slide master.

    python-pptx has no API for a second master, so it is made by copying the
    first master's XML into a new part and giving it one layout.
    """
    presentation = Presentation()
    package = presentation.part.package
    master_part = presentation.slide_master.part
    layout_part = _layout(presentation, "Two Content").part
    second_master = SlideMasterPart(
        PackURI("/ppt/slideMasters/slideMaster2.xml"), master_part.content_type, package,
        copy.deepcopy(master_part._element),
    )  # fmt: skip
    second_master.relate_to(master_part.part_related_by(RT.THEME), RT.THEME)
    layout_copy = SlideLayoutPart(
        PackURI("/ppt/slideLayouts/slideLayout99.xml"), layout_part.content_type, package,
        copy.deepcopy(layout_part._element),
    )  # fmt: skip
    layout_copy.relate_to(second_master, RT.SLIDE_MASTER)
    layout_list = second_master._element.find(f"{{{_P}}}sldLayoutIdLst")
    for entry in list(layout_list):
        layout_list.remove(entry)
    entry = layout_list.makeelement(f"{{{_P}}}sldLayoutId", {"id": "2147483701"})
    entry.set(f"{{{_R}}}id", second_master.relate_to(layout_copy, RT.SLIDE_LAYOUT))
    layout_list.append(entry)
    master_list = presentation.part._element.find(f"{{{_P}}}sldMasterIdLst")
    entry = master_list.makeelement(f"{{{_P}}}sldMasterId", {"id": "2147483700"})
    entry.set(f"{{{_R}}}id", presentation.part.relate_to(second_master, RT.SLIDE_MASTER))
    master_list.append(entry)
    remove_layout(presentation, "Two Content")  # now only the second master has one
    presentation.save(str(path))
    return path
