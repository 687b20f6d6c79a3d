"""The deck plan -> a .pptx file. The only module that imports python-pptx.

Two jobs: read a corporate template into plain ``Geometry`` (its layouts found
by name across every slide master, with stand-ins chosen by placeholder type),
and write a planned ``Deck`` into the built-in look or that template. Output is
byte-identical for the same plan: fixed document properties, fixed zip dates.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import segno
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt

from ..errors import UsageError, WriteError
from ..files import write_atomic
from .deck import BULLET_INDENT_EM, Deck, Para, Slide, TextFrame
from .geometry import ROUNDING, SLIDE_HEIGHT, SLIDE_WIDTH, Box, Geometry, Layout, default_geometry
from .plan import DO_COLOUR, DO_MARK, DONT_COLOUR, DONT_MARK

# Layout names PowerPoint gives its stock layouts, in English and Spanish, per kind of slide we need.
LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide", "Diapositiva de título"),
    "section": ("Section Header", "Encabezado de sección"),
    "content": ("Title and Content", "Título y objetos", "Título y contenido"),
    "two": ("Two Content", "Comparison", "Dos objetos", "Dos contenidos", "Comparación"),
}
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
_MEDIA_TYPES = (
    PP_PLACEHOLDER.PICTURE,
    PP_PLACEHOLDER.CHART,
    PP_PLACEHOLDER.TABLE,
    PP_PLACEHOLDER.MEDIA_CLIP,
    PP_PLACEHOLDER.ORG_CHART,
    PP_PLACEHOLDER.BITMAP,
)
_LANGUAGE_TAGS = {"en": "en-GB", "es": "es-ES"}
_SYMBOL_FONT = "Segoe UI Symbol"  # has ✓ and ✗ on Windows; other systems substitute a font that has them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@dataclass
class Target:
    """An opened presentation to write into, with the layout to use per kind and what the plan needs."""

    presentation: object
    layouts: dict[str, object]
    geometry: Geometry
    template: Path | None = None
    notices: list[str] = field(default_factory=list)
    # placeholder idx per role, per kind of layout (template only)
    roles: dict[str, dict[str, int]] = field(default_factory=dict)
    notes_prototype: object = None  # an empty notes page to copy for each slide


def open_target(template: Path | None, heading_font: str = "Calibri", body_font: str = "Calibri") -> Target:
    """The built-in 16:9 look, or ``template`` with its sample slides removed and its layouts matched."""
    if template is None:
        presentation = Presentation()
        presentation.slide_width, presentation.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
        size = presentation.part._element.find(qn("p:sldSz"))
        size.attrib.pop("type", None)  # the default template says 4:3; a custom size has no type
        title_only = _find_layout(presentation, ("Title Only",))
        layouts = dict.fromkeys(LAYOUT_NAMES, title_only)
        return Target(presentation, layouts, default_geometry(heading_font, body_font))
    presentation = _open_template(template)
    _remove_slides(presentation)
    notices: list[str] = []
    layouts: dict[str, object] = {}
    for kind, names in LAYOUT_NAMES.items():
        layout = _find_layout(presentation, names)
        if layout is None:
            layout, reason = _stand_in(presentation, kind)
            if layout is None:
                raise UsageError(
                    f"{template}: the template has no usable layout (no layout with a title placeholder)",
                    details=(
                        f"  layouts found: {', '.join(_layout_names(presentation)) or 'none'}",
                        "  add a 'Title and Content' layout in PowerPoint's slide master view,"
                        " or run without --template",
                    ),
                )
            notices.append(f"{template.name}: no layout named {names[0]!r}; using {layout.name!r} instead ({reason})")
        layouts[kind] = layout
    geometry, roles = _template_geometry(presentation, layouts)
    return Target(presentation, layouts, geometry, template, notices, roles)


def write_deck(deck: Deck, target: Target, out: Path, root: Path | None = None) -> list[str]:
    """Write ``deck`` into ``target`` and save it at ``out`` atomically; returns notices (images left out)."""
    presentation = target.presentation
    _count_partnames(presentation.part.package)
    notices: list[str] = []
    for slide_plan in deck.slides:
        _add_slide(presentation, target, slide_plan, deck, root or Path("."), notices)
    _set_properties(presentation, deck)
    buffer = io.BytesIO()
    presentation.save(buffer)
    data = _normalise_zip(buffer.getvalue())
    try:
        write_atomic({out: data})
    except WriteError as error:
        raise UsageError(f"{out}: cannot write the deck here ({error.message}); choose another --out") from None
    return notices


def _count_partnames(package) -> None:
    """Give the package a part-name counter: python-pptx walks every part for each new notes slide or image,
    which makes a 200-slide deck take seconds."""
    taken = {str(part.partname) for part in package.iter_parts()}
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        number = last.get(template, 0) + 1
        while template % number in taken:
            number += 1
        last[template] = number
        taken.add(template % number)
        return PackURI(template % number)

    package.next_partname = next_partname


# -- templates ----------------------------------------------------------------------------------------------------


_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _open_template(path: Path):
    """A .pptx, or a .potx read as one (the same package with another content type for its main part)."""
    if not path.is_file():
        raise UsageError(f"{path}: no such template file; check the path given to --template or slides.template")
    try:
        return Presentation(io.BytesIO(_as_presentation(path.read_bytes())))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as error:
        raise UsageError(
            f"{path}: not a PowerPoint file; save the template from PowerPoint as .pptx or .potx",
            details=(f"  ({type(error).__name__}: {error})",),
        ) from None


def _as_presentation(data: bytes) -> bytes:
    """The package with a template's main content type changed to a presentation's, when it is a template."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
                target.writestr(info, content)
        return output.getvalue()


def _remove_slides(presentation) -> None:
    """Drop the template's sample slides: their relationship and their id entry (python-pptx has no delete)."""
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _all_layouts(presentation):
    for master in presentation.slide_masters:
        yield from master.slide_layouts


def _layout_names(presentation) -> list[str]:
    return [layout.name for layout in _all_layouts(presentation)]


def _normal(name: str) -> str:
    return " ".join(name.lower().split())


def _find_layout(presentation, names: tuple[str, ...]):
    """The first layout, across all masters, named like one of ``names`` (in their order of preference)."""
    layouts = list(_all_layouts(presentation))
    for name in names:
        for layout in layouts:
            if _normal(layout.name) == _normal(name):
                return layout
    return None


def _placeholders(layout, types) -> list:
    return [ph for ph in layout.placeholders if ph.placeholder_format.type in types and _horizontal(ph)]


def _horizontal(placeholder) -> bool:
    body = placeholder._element.find(qn("p:txBody"))
    body_pr = body.find(qn("a:bodyPr")) if body is not None else None
    vertical = body_pr.get("vert", "horz") if body_pr is not None else "horz"
    return vertical == "horz" and (placeholder.width or 0) > 0


def _stand_in(presentation, kind: str):
    """A layout that can carry ``kind`` judged by its placeholders, and why it was chosen."""
    scored = []
    for order, layout in enumerate(_all_layouts(presentation)):
        titles = _placeholders(layout, _TITLE_TYPES)
        if not titles:
            continue
        texts = _placeholders(layout, _TEXT_TYPES)
        centred = any(ph.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE for ph in titles)
        subtitle = any(ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE for ph in texts)
        if kind == "title":
            score = 3 if centred and subtitle else 2 if centred else 1 if texts else 0
            reason = "it has a title" + (" and a subtitle" if subtitle else "")
        elif kind == "section":
            score = 3 if len(texts) == 1 and not centred else 2 if len(texts) == 1 else 1 if not texts else 0
            reason = "it has a title" + (" and one text placeholder" if texts else "")
        elif kind == "content":
            score = 3 if len(texts) == 1 and not centred else 2 if len(texts) >= 2 else 1 if not texts else 0
            reason = "it has a title" + (
                " and a content placeholder" if texts else " only; the content is placed below it"
            )
        else:
            score = 3 if len(texts) >= 2 else 2 if len(texts) == 1 and not centred else 1
            reason = "it has a title and " + (
                "two content placeholders"
                if len(texts) >= 2
                else "one content area, split in two"
                if texts
                else "no content area"
            )
        others = [ph for ph in layout.placeholders if ph.placeholder_format.type in _MEDIA_TYPES]
        if others:  # a picture or chart frame would stay empty on every slide
            score -= 2
        area = max((int(ph.width or 0) * int(ph.height or 0) for ph in texts), default=0)
        scored.append((-score, -area, order, layout, reason))
    if not scored:
        return None, ""
    *_, layout, reason = min(scored, key=lambda item: item[:3])
    return layout, reason


def _box(shape) -> Box:
    return Box(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))


def _template_geometry(presentation, layouts: dict[str, object]) -> tuple[Geometry, dict[str, dict[str, int]]]:
    width, height = int(presentation.slide_width), int(presentation.slide_height)
    margin = int(width * 0.05)
    roles: dict[str, dict[str, int]] = {}
    boxes: dict[str, Layout] = {}
    for kind, layout in layouts.items():
        title = _placeholders(layout, _TITLE_TYPES)[0]
        texts = sorted(_placeholders(layout, _TEXT_TYPES), key=lambda ph: -int(ph.width or 0) * int(ph.height or 0))
        title_box = _box(title)
        below = Box(
            margin,
            title_box.bottom + int(height * 0.03),
            width - 2 * margin,
            int(height * 0.86) - title_box.bottom - int(height * 0.03),
        )
        role_map = {"title": title.placeholder_format.idx}
        if kind == "two":
            pair = sorted(texts[:2], key=lambda ph: int(ph.left or 0)) if len(texts) >= 2 else []
            if pair:
                left, right = _column_box(pair[0], texts), _column_box(pair[1], texts)
                role_map.update(left=pair[0].placeholder_format.idx, right=pair[1].placeholder_format.idx)
            else:
                area = _box(texts[0]) if texts else below
                left, right = area.split(int(area.width * 0.04))
                if texts:
                    role_map["left"] = texts[0].placeholder_format.idx
            boxes[kind] = Layout(title=title_box, left=left, right=right)
        elif kind in ("title", "section"):
            subtitle = _box(texts[0]) if texts else below
            if texts:
                role_map["subtitle"] = texts[0].placeholder_format.idx
            boxes[kind] = Layout(title=title_box, subtitle=subtitle)
        else:
            body = _box(texts[0]) if texts else below
            if texts:
                role_map["body"] = texts[0].placeholder_format.idx
            boxes[kind] = Layout(title=title_box, body=body)
        roles[kind] = role_map
    footer, number = _footer_boxes(presentation, width, height, margin)
    major, minor = _theme_fonts(presentation)
    geometry = Geometry(width, height, boxes, footer, number, template=True, heading_font=major, body_font=minor)
    return geometry, roles


def _column_box(placeholder, texts: list) -> Box:
    """The placeholder's box grown over the text placeholders stacked with it (a Comparison layout's headings)."""
    box = _box(placeholder)
    left, top, right, bottom = box.left, box.top, box.right, box.bottom
    for other in texts:
        other_box = _box(other)
        overlap = min(right, other_box.right) - max(left, other_box.left)
        if other is not placeholder and overlap > box.width // 2:
            left, top = min(left, other_box.left), min(top, other_box.top)
            right, bottom = max(right, other_box.right), max(bottom, other_box.bottom)
    return Box(left, top, right - left, bottom - top)


def _footer_boxes(presentation, width: int, height: int, margin: int) -> tuple[Box, Box]:
    master = presentation.slide_masters[0]
    found = {ph.placeholder_format.type: _box(ph) for ph in master.placeholders}
    strip = int(height * 0.06)
    footer = found.get(PP_PLACEHOLDER.FOOTER) or Box(
        margin, height - strip - int(height * 0.02), int(width * 0.6), strip
    )
    number = found.get(PP_PLACEHOLDER.SLIDE_NUMBER) or Box(
        width - margin - int(width * 0.12), footer.top, int(width * 0.12), strip
    )
    return footer, number


def _theme_fonts(presentation) -> tuple[str, str]:
    """The theme's heading (major) and body (minor) Latin fonts; Calibri when the theme names none."""
    try:
        theme = presentation.slide_masters[0].part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob)
    except (KeyError, etree.XMLSyntaxError):
        return "Calibri", "Calibri"
    namespace = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    major = root.xpath("//a:majorFont/a:latin/@typeface", namespaces=namespace)
    minor = root.xpath("//a:minorFont/a:latin/@typeface", namespaces=namespace)
    return (major[0] if major and major[0] else "Calibri"), (minor[0] if minor and minor[0] else "Calibri")


# -- slides -------------------------------------------------------------------------------------------------------


def _add_slide(presentation, target: Target, plan: Slide, deck: Deck, root: Path, notices: list[str]) -> None:
    """One slide: from its layout, placeholders filled where the plan's roles match, the rest drawn as shapes.

    Shapes are built as XML: python-pptx's shape API looks up every id and placeholder again on each call,
    which made it most of the time a large deck took.
    """
    geometry = target.geometry
    slide = presentation.slides.add_slide(target.layouts[plan.layout])
    tree = slide.shapes._spTree
    roles = target.roles.get(plan.layout, {"title": 0})
    by_idx = {}
    for element in tree.iterchildren(f"{_P}sp"):
        placeholder = element.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if placeholder is not None:
            by_idx[int(placeholder.get("idx", "0"))] = element
    next_id = 1 + max((int(e.get("id", "0")) for e in tree.iter(f"{_P}cNvPr")), default=1)
    if plan.background and not geometry.template:
        background = slide.background.fill
        background.solid()
        background.fore_color.rgb = _rgb(plan.background)
    if not geometry.template and plan.kind not in ("title", "section", "questions", "closing"):
        tree.append(_shape(next_id, "Accent bar", Box(0, 0, geometry.width, 109728), deck.brand, "rect"))
        next_id += 1
    used: set[int] = set()
    for frame in plan.texts:
        idx = roles.get(_role_key(frame.role, plan.layout))
        if idx is not None and idx in by_idx and idx not in used and frame.fill is None:
            used.add(idx)
            element = by_idx[idx]
            _set_box(element, frame.box)
            body = element.find(f"{_P}txBody")
            if body is None:
                body = etree.SubElement(element, f"{_P}txBody")
                etree.SubElement(body, f"{_A}bodyPr")
                etree.SubElement(body, f"{_A}lstStyle")
            _write_text(body, frame, geometry, deck.language, keep_anchor=geometry.template)
            continue
        name = f"{frame.role.capitalize()} {next_id}"
        element = _shape(next_id, name, frame.box, frame.fill, "roundRect" if frame.fill else "rect")
        next_id += 1
        _write_text(element.find(f"{_P}txBody"), frame, geometry, deck.language)
        tree.append(element)
    for idx, element in by_idx.items():
        if idx not in used:  # an empty placeholder would show "Click to add text" while editing
            tree.remove(element)
    for picture in plan.pictures:
        _add_picture(slide, picture, root, notices)
    if plan.notes:
        _write_notes(slide, plan.notes, target)


def _shape(shape_id: int, name: str, box: Box, fill: str | None, geometry: str):
    """``<p:sp>``: a text box (no fill) or a flat, borderless panel; no theme style (it would add a shadow)."""
    shape = etree.Element(f"{_P}sp")
    non_visual = etree.SubElement(shape, f"{_P}nvSpPr")
    etree.SubElement(non_visual, f"{_P}cNvPr", {"id": str(shape_id), "name": name})
    etree.SubElement(non_visual, f"{_P}cNvSpPr", {} if fill else {"txBox": "1"})
    etree.SubElement(non_visual, f"{_P}nvPr")
    properties = etree.SubElement(shape, f"{_P}spPr")
    _xfrm(properties, box)
    preset = etree.SubElement(properties, f"{_A}prstGeom", {"prst": geometry})
    adjust = etree.SubElement(preset, f"{_A}avLst")
    if geometry == "roundRect":
        etree.SubElement(adjust, f"{_A}gd", {"name": "adj", "fmla": f"val {round(ROUNDING * 100000)}"})
    if fill:
        etree.SubElement(etree.SubElement(properties, f"{_A}solidFill"), f"{_A}srgbClr", {"val": fill.lstrip("#")})
    else:
        etree.SubElement(properties, f"{_A}noFill")
    etree.SubElement(etree.SubElement(properties, f"{_A}ln"), f"{_A}noFill")
    body = etree.SubElement(shape, f"{_P}txBody")
    etree.SubElement(body, f"{_A}bodyPr")
    etree.SubElement(body, f"{_A}lstStyle")
    return shape


def _xfrm(properties, box: Box) -> None:
    transform = etree.SubElement(properties, f"{_A}xfrm")
    etree.SubElement(transform, f"{_A}off", {"x": str(box.left), "y": str(box.top)})
    etree.SubElement(transform, f"{_A}ext", {"cx": str(box.width), "cy": str(box.height)})


def _set_box(element, box: Box) -> None:
    """Position a placeholder: its own ``a:xfrm`` first in ``p:spPr`` (all four values, never just one)."""
    properties = element.find(f"{_P}spPr")
    if properties is None:
        properties = etree.Element(f"{_P}spPr")
        element.find(f"{_P}nvSpPr").addnext(properties)
    for old in properties.findall(f"{_A}xfrm"):
        properties.remove(old)
    _xfrm(properties, box)
    properties.insert(0, properties[-1])


def _role_key(role: str, layout: str) -> str:
    if layout == "two" and role == "body":
        return "left"
    if layout in ("title", "section") and role == "body":
        return "subtitle"
    return role


_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}


def _write_text(body, frame: TextFrame, geometry: Geometry, language: str, keep_anchor: bool = False) -> None:
    """Fill a text frame: body properties, then the paragraphs built directly in XML (python-pptx's
    property setters cost more than the rest of the deck together)."""
    body_pr = body.find(f"{_A}bodyPr")
    if body_pr is None:
        body_pr = etree.Element(f"{_A}bodyPr")
        body.insert(0, body_pr)
    for name in ("normAutofit", "spAutoFit", "noAutofit"):
        for old in body_pr.findall(f"{_A}{name}"):
            body_pr.remove(old)
    first = body_pr[0] if len(body_pr) else None  # schema order: prstTxWarp, then the autofit choice
    body_pr.insert(1 if first is not None and first.tag == f"{_A}prstTxWarp" else 0, etree.Element(f"{_A}noAutofit"))
    body_pr.set("wrap", "square")
    body_pr.set("lIns", str(frame.inset_x))
    body_pr.set("rIns", str(frame.inset_x))
    body_pr.set("tIns", str(frame.inset_y))
    body_pr.set("bIns", str(frame.inset_y))
    if not keep_anchor or frame.role not in ("title", "subtitle"):
        body_pr.set("anchor", _ANCHOR[frame.anchor])
    for old in body.findall(f"{_A}p"):
        body.remove(old)
    font = None
    tag = _LANGUAGE_TAGS.get(language, "en-GB")
    for para in frame.paragraphs:
        if not geometry.template:
            font = geometry.heading_font if para.heading else geometry.body_font
        body.append(_paragraph(para, font, tag))


def _paragraph(para: Para, font: str | None, language_tag: str):
    """``<a:p>`` with explicit alignment, indents, spacing and bullet, and one run."""
    paragraph = etree.Element(f"{_A}p")
    indent = int(Pt(para.size * BULLET_INDENT_EM)) if para.bullet else 0
    properties = etree.SubElement(
        paragraph, f"{_A}pPr", {"marL": str(indent), "indent": str(-indent), "algn": _ALIGN[para.align]}
    )
    etree.SubElement(etree.SubElement(properties, f"{_A}lnSpc"), f"{_A}spcPct", {"val": "100000"})
    before = str(round(para.space_before * 100))
    etree.SubElement(etree.SubElement(properties, f"{_A}spcBef"), f"{_A}spcPts", {"val": before})
    etree.SubElement(etree.SubElement(properties, f"{_A}spcAft"), f"{_A}spcPts", {"val": "0"})
    if para.bullet:
        colour = DO_COLOUR if para.bullet == DO_MARK else DONT_COLOUR if para.bullet == DONT_MARK else None
        if colour:
            colour_element = etree.SubElement(properties, f"{_A}buClr")
            etree.SubElement(colour_element, f"{_A}srgbClr", {"val": colour.lstrip("#").upper()})
        symbol = para.bullet in (DO_MARK, DONT_MARK)
        etree.SubElement(properties, f"{_A}buFont", {"typeface": _SYMBOL_FONT if symbol else "Arial"})
        etree.SubElement(properties, f"{_A}buChar", {"char": para.bullet})
    else:
        etree.SubElement(properties, f"{_A}buNone")
    run = etree.SubElement(paragraph, f"{_A}r")
    run_properties = etree.SubElement(
        run, f"{_A}rPr", {"lang": language_tag, "sz": str(round(para.size * 100)), "b": "1" if para.bold else "0"}
    )
    if para.colour:
        fill = etree.SubElement(run_properties, f"{_A}solidFill")
        etree.SubElement(fill, f"{_A}srgbClr", {"val": para.colour.lstrip("#").upper()})
    if font:
        etree.SubElement(run_properties, f"{_A}latin", {"typeface": font})
    etree.SubElement(run, f"{_A}t").text = _clean(para.text).replace("\n", " ")
    return paragraph


def _add_picture(slide, picture, root: Path, notices: list[str]) -> None:
    box = picture.box
    if picture.kind == "qr":
        stream = io.BytesIO()
        segno.make(picture.source, error="m").save(stream, kind="png", scale=10, border=2)
        stream.seek(0)
        shape = slide.shapes.add_picture(stream, box.left, box.top, box.width, box.height)
        shape._element.nvPicPr.cNvPr.set("descr", f"QR code for {picture.source}")
        return
    path = Path(picture.source)
    path = path if path.is_absolute() else root / path
    if not path.is_file():
        notices.append(f"{path}: logo image not found; the deck has no logo (fix slides.logo)")
        return
    try:
        shape = slide.shapes.add_picture(str(path), box.left, box.top)
    except Exception as error:  # python-pptx and Pillow raise many kinds for a file that is not an image
        notices.append(
            f"{path}: not a readable image ({type(error).__name__}); the deck has no logo (use a PNG or JPEG)"
        )
        return
    scale = min(box.width / shape.width, box.height / shape.height)
    shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
    shape.left = box.right - shape.width
    shape._element.nvPicPr.cNvPr.set("descr", "Logo")


def _write_notes(slide, notes: str, target: Target) -> None:
    """The speaker notes. The first notes page is made by python-pptx; the others copy it, which is
    much faster than cloning the notes master's placeholders for every slide."""
    if target.notes_prototype is None:
        notes_slide = slide.notes_slide
        notes_slide.notes_text_frame.text = ""
        target.notes_prototype = copy.deepcopy(notes_slide._element)
        element = notes_slide._element
    else:
        slide_part = slide.part
        package = slide_part.package
        element = copy.deepcopy(target.notes_prototype)
        notes_part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE, package, element
        )
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
    body = next(
        sp.find(f"{_P}txBody")
        for sp in element.iter(f"{_P}sp")
        if sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph[@type='body']") is not None
    )
    for old in body.findall(f"{_A}p"):
        body.remove(old)
    for line in _clean(notes).split("\n"):
        paragraph = etree.SubElement(body, f"{_A}p")
        if line:
            etree.SubElement(etree.SubElement(paragraph, f"{_A}r"), f"{_A}t").text = line


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _clean(text: str) -> str:
    """Text XML can hold: control characters (other than tab and newlines) dropped."""
    return _CONTROL.sub("", text)


# -- the file -----------------------------------------------------------------------------------------------------


def _set_properties(presentation, deck: Deck) -> None:
    properties = presentation.core_properties
    moment = dt.datetime.combine(deck.date or dt.date(2000, 1, 1), dt.time(0, 0))
    properties.title = _clean(deck.title)[:255]
    properties.author = properties.last_modified_by = _clean(deck.author)[:255]
    properties.subject = properties.keywords = properties.comments = properties.category = ""
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = moment
    properties.language = _LANGUAGE_TAGS.get(deck.language, "en-GB")


def _normalise_zip(data: bytes) -> bytes:
    """The same entries in the same order with fixed dates and permissions, so equal decks are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return output.getvalue()
