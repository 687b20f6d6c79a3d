"""Review paragraphs and lint findings -> a Word document for the plain-language reviewer (python-docx).

The document reads like the manual: the page title, each rule's heading, its key message, the Do and Don't
lists, Why and the detail. Every paragraph carries a hidden bookmark (``Paragraph.bookmark``) so the import
finds where each edit belongs; the lint's findings are Word comments on the words they are about; the values
of the organisation's settings are shaded grey. A first page says how to review and shows the scores.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from ..languages import Voice, words
from ..lint import Finding, LintReport
from .paragraphs import PLACEHOLDER, Paragraph, Run

SKIPPED_CODES = ("setup-", "review-overdue", "front-matter", "page-", "manual-")  # about the file, not the words
_SENTENCE_CODES = ("sentence-", "paragraph-long")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
_WORD = re.compile(r"[\w'’-]+")
LINK_BLUE = (0x1F, 0x5F, 0xA8)
# Bookmarks, comments and tracked changes share one space of w:id numbers, and Word calls a document with a
# number used twice corrupt: python-docx numbers comments from 0, so bookmarks start far above them.
BOOKMARK_IDS = 100_000


def identifier(commit: str, language: str) -> str:
    """What the document's core properties say about it: read back by ``aup review import``."""
    return f"aup-review 1 {commit or '-'} {language}"


def export_document(
    paragraphs: Sequence[Paragraph],
    report: LintReport,
    *,
    title: str,
    version: str,
    language: str,
    voice: Voice | str = "",
    commit: str = "",
    today: dt.date | None = None,
) -> bytes:
    """The review document's bytes (.docx)."""
    import docx
    from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    said = words(language, "review", voice)
    today = today or dt.date.today()
    document = docx.Document()
    properties = document.core_properties
    properties.title = said["title"].format(title=title)
    properties.identifier = identifier(commit, language)
    properties.category = "aup review"
    properties.author = properties.last_modified_by = "aup"
    properties.comments = properties.keywords = properties.subject = ""
    properties.language = language
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    properties.created = properties.modified = now
    properties.revision = 1
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(12)

    pages = sorted({paragraph.relative for paragraph in paragraphs})
    document.add_heading(said["title"].format(title=title), level=0)
    document.add_paragraph(said["subtitle"].format(version=version, pages=len(pages), date=today.isoformat()))
    document.add_heading(said["how"], level=1)
    for step in ("track", "edit", "comments", "keep", "send"):
        document.add_paragraph(said[f"step.{step}"], style="List Number")
    document.add_heading(said["scores"], level=1)
    document.add_paragraph(said["scores.intro"])
    _scores_table(document, report, pages, said)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    by_place = _findings_by_paragraph(paragraphs, report.findings)
    # Each style's ID looked up once: python-docx looks a style name up by scanning every style, per paragraph
    # (measured: 0.45 s of a 1.3 s export of the shipped manual)
    style_ids = {name: document.styles[name].style_id for name in ("Heading 1", "Heading 2", "List Bullet")}
    for number, paragraph in enumerate(paragraphs):
        style = {"title": "Heading 1", "rule": "Heading 2"}.get(paragraph.kind)
        if paragraph.kind in ("do", "dont") or (paragraph.kind in ("text", "why", "detail") and paragraph.is_item):
            style = "List Bullet"
        out = document.add_paragraph()
        if style:
            out._p.style = style_ids[style]
        comments = [
            (start, stop, f"{finding.message} ({finding.suggestion})" if finding.suggestion else finding.message)
            for finding, start, stop in by_place.get(paragraph.key, [])
        ]
        made = _add_runs(out, paragraph, comments)
        for run, text in made:
            if paragraph.kind == "rule-id":  # small and grey: structure, not text to edit
                run.font.size = Pt(10)
                run.font.color.rgb = RGBColor(0x6B, 0x6B, 0x6B)
            elif paragraph.kind in ("label", "key"):
                run.bold = True
            if text.style == "placeholder":
                run.font.highlight_color = WD_COLOR_INDEX.GRAY_25
        spans = _spans(made)
        for start, stop, text in comments:
            covered = [run for (run, _), (begin, end) in zip(made, spans, strict=True) if begin < stop and end > start]
            if covered:
                document.add_comment(covered, text=text, author=said["author"], initials="aup")
        _bookmark(out, paragraph.bookmark, BOOKMARK_IDS + number)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _spans(made: list[tuple[object, Run]]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for _, run in made:
        spans.append((at, at + len(run.text)))
        at += len(run.text)
    return spans


def _add_runs(out, paragraph: Paragraph, comments: Iterable[tuple[int, int, str]]) -> list[tuple[object, Run]]:
    """The paragraph's runs, split where a comment starts or ends so each comment covers whole runs."""
    from docx.shared import RGBColor

    cuts = sorted({point for start, stop, _ in comments for point in (start, stop)})
    made: list[tuple[object, Run]] = []
    at = 0
    for piece in paragraph.runs:
        pieces, begin = [], 0
        for cut in cuts:
            if at < cut < at + len(piece.text):
                pieces.append(piece.text[begin : cut - at])
                begin = cut - at
        pieces.append(piece.text[begin:])
        for text in pieces:
            run = out.add_run(text)
            if piece.style == "bold":
                run.bold = True
            elif piece.style == "italic":
                run.italic = True
            elif piece.style == "code":
                run.font.name = "Consolas"
            elif piece.style == "link":
                run.font.underline = True
                run.font.color.rgb = RGBColor(*LINK_BLUE)
            made.append((run, Run(text, piece.style)))
        at += len(piece.text)
    return made


def _bookmark(out, name: str, number: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    element = out._p
    element.insert(1 if element.pPr is not None else 0, start)
    element.append(end)


def _findings_by_paragraph(
    paragraphs: Sequence[Paragraph], findings: Iterable[Finding]
) -> dict[str, list[tuple[Finding, int, int]]]:
    """Each finding on the words it is about: (finding, first character, end) in its paragraph's text."""
    by_line: dict[tuple[str, int], list[Paragraph]] = {}
    for paragraph in paragraphs:
        if paragraph.kind in ("rule-id", "label"):
            continue
        for line in range(paragraph.start, paragraph.end + 1):
            by_line.setdefault((str(paragraph.path), line), []).append(paragraph)
    placed: dict[str, list[tuple[Finding, int, int]]] = {}
    for finding in findings:
        if finding.code.startswith(SKIPPED_CODES):
            continue
        for paragraph in by_line.get((str(finding.path), finding.line), ()):
            offset = _raw_offset(paragraph, finding.line, finding.column)
            start = next((i for i, at in enumerate(paragraph.offsets) if at != PLACEHOLDER and at >= offset), None)
            if start is None:
                continue
            text = paragraph.text
            if finding.code.startswith(_SENTENCE_CODES):
                end = _SENTENCE_END.search(text, start)
                stop = end.end() if end else len(text.rstrip())
            else:
                word = _WORD.match(text, start)
                stop = word.end() if word else min(len(text), start + 1)
            placed.setdefault(paragraph.key, []).append((finding, start, max(stop, start + 1)))
            break
    return placed


def _raw_offset(paragraph: Paragraph, line: int, column: int) -> int:
    lines = paragraph.raw.split("\n")
    index = line - paragraph.start
    return sum(len(text) + 1 for text in lines[:index]) + max(0, column - 1)


def _scores_table(document, report: LintReport, pages: list[str], said: dict[str, str]) -> None:
    from docx.shared import Cm

    """Each page against its targets, and under it each of its rules that misses them."""
    rows = [(said["column.page"], said["column.score"], said["column.target"], said["column.result"])]
    for page in report.pages:
        if page.relative not in pages:
            continue
        target = next(iter(page.targets), None)
        if target is None:
            continue
        name = said.get(f"metric.{target.metric}", target.metric)
        goal = said["at_most" if target.bound == "max" else "at_least"].format(value=f"{target.value:g}")
        value = page.metrics.get(target.metric)
        result = said["not_judged"] if not page.held_to_targets else said["met" if target.met else "missed"]
        rows.append((page.title, f"{name} {value:.1f}" if value is not None else "-", goal, result))
        for rule in page.rules:
            score = rule.metrics.get(target.metric)
            if score is None:
                continue
            if score > target.value if target.bound == "max" else score < target.value:  # only the rules that miss
                rows.append((f"    {rule.title}", f"{name} {score:.1f}", goal, said["missed"]))
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Light List Accent 1"
    table.autofit = False
    widths = (Cm(6.5), Cm(3.5), Cm(3.5), Cm(3))  # 16.5 cm: the text width of an A4 or Letter page
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.text = value
            cell.width = width
