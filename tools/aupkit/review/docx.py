"""A reviewer's .docx -> its paragraphs (as exported and as edited) and its comments. Reads only; untrusted input.

What Word, LibreOffice Writer and Google Docs write back (ECMA-376 WordprocessingML, the parts used here):

* tracked changes: ``w:ins`` and ``w:del`` around runs (deleted text in ``w:delText``), ``w:moveFrom`` and
  ``w:moveTo`` for moved text, and ``w:pPr/w:rPr/w:ins`` or ``w:del`` when a paragraph mark was inserted or
  deleted (Word and LibreOffice; Google Docs writes its suggestions the same way when downloaded as .docx);
* comments in ``word/comments.xml`` (``w:comment``), anchored by ``w:commentRangeStart`` or
  ``w:commentReference`` in the document; replies and "resolved" in ``word/commentsExtended.xml``
  (``w15:commentEx`` with ``w15:paraIdParent`` and ``w15:done``), keyed by the ``w14:paraId`` of a comment's
  last paragraph;
* bookmarks (``w:bookmarkStart``): the hidden ``_aup_...`` names the export put on every paragraph.

The file is checked before it is read: its size, that it is a zip of a Word document, that no part unpacks to
more than it should (a zip bomb), that it has no macros. Nothing it links to is ever opened or fetched; the XML
is parsed without DTDs, entities or network.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReviewError

MAX_FILE = 50_000_000  # bytes: a manual's review document is well under 1 MB
MAX_PART = 100_000_000  # bytes a single part may unpack to
MAX_RATIO = 100  # a part that unpacks to more than 100 times its packed size (and over 1 MB) is refused
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
MARK = "aup-review"  # the start of the document's identifier (core properties) that the export writes


@dataclass
class DocParagraph:
    """One paragraph of the returned document: its text before the tracked changes and after them."""

    index: int
    bookmarks: tuple[str, ...]
    before: str  # the text as it was when tracking started (what the export wrote, for a tracked edit)
    after: str  # the text with every tracked change accepted
    mark_inserted: bool  # the paragraph's end was added while tracking (a new paragraph)
    mark_deleted: bool  # the paragraph's end was deleted while tracking (joined with the next one)
    comments: list[str] = field(default_factory=list)  # the IDs of comments anchored in it


@dataclass(frozen=True)
class DocComment:
    id: str
    author: str
    text: str
    date: str
    para_id: str  # the w14:paraId of its last paragraph (replies point at it)


@dataclass
class ReturnedDocument:
    paragraphs: list[DocParagraph]
    comments: dict[str, DocComment]
    parents: dict[str, str]  # comment ID -> the ID of the comment it replies to
    done: set[str]  # comment IDs marked resolved
    identifier: str  # the core properties' identifier ("aup-review 1 <commit> <language>"), or ""
    external: tuple[str, ...]  # links to outside files other than hyperlinks (never followed)


def read_document(path: Path) -> ReturnedDocument:
    """Read a returned review document, or raise ``ReviewError`` naming the file, what is wrong and the fix."""
    parts = _parts(path)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

    def xml(name: str):
        data = parts.get(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as error:
            raise ReviewError(
                f"{path}: the part {name} is damaged ({error.msg})",
                details=("  open it in Word or LibreOffice, save it again as .docx, and import that",),
            ) from None

    document = xml("word/document.xml")
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        raise ReviewError(f"{path}: the document has no body", details=("  export the pages again",))
    paragraphs: list[DocParagraph] = []
    for element in body:
        if element.tag != f"{W}p":
            continue  # tables (the scores page) and section settings carry nothing to import
        found = _paragraph(element, len(paragraphs))
        paragraphs.append(found)
    comments: dict[str, DocComment] = {}
    root = xml("word/comments.xml")
    for comment in root.iter(f"{W}comment") if root is not None else ():
        lines = list(comment.iter(f"{W}p"))
        texts = ["".join(t.text or "" for t in line.iter(f"{W}t")) for line in lines]
        identifier = comment.get(f"{W}id", "")
        comments[identifier] = DocComment(
            identifier, comment.get(f"{W}author", ""), "\n".join(t for t in texts if t.strip()),
            _date(comment.get(f"{W}date") or ""), lines[-1].get(f"{W14}paraId", "") if lines else "",
        )  # fmt: skip
    by_para = {comment.para_id: key for key, comment in comments.items() if comment.para_id}
    parents: dict[str, str] = {}
    done: set[str] = set()
    extended = xml("word/commentsExtended.xml")
    for entry in extended.iter(f"{W15}commentEx") if extended is not None else ():
        key = by_para.get(entry.get(f"{W15}paraId", ""))
        if key is None:
            continue
        parent = by_para.get(entry.get(f"{W15}paraIdParent", ""))
        if parent is not None:
            parents[key] = parent
        if entry.get(f"{W15}done") in ("1", "true"):
            done.add(key)
    core = xml("docProps/core.xml")
    identifier = ""
    if core is not None and core.find(f"{DC}identifier") is not None:
        identifier = (core.find(f"{DC}identifier").text or "").strip()
    external = tuple(
        relation.get("Target", "")
        for name in ("word/_rels/document.xml.rels", "word/_rels/settings.xml.rels")
        if (rels := xml(name)) is not None
        for relation in rels
        if relation.get("TargetMode") == "External" and not relation.get("Type", "").endswith("/hyperlink")
    )
    return ReturnedDocument(paragraphs, comments, parents, done, identifier, external)


def _date(value: str) -> str:
    """A comment's day as YYYY-MM-DD, or "" (LibreOffice writes 0-00-00T00:00:00Z when it has none)."""
    day = value[:10]
    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        return ""


def _parts(path: Path) -> dict[str, bytes]:
    """The parts this module reads, checked for size, zip bombs and macros."""
    fix = "  save it from Word, LibreOffice or Google Docs as a Word document (.docx) and import that"
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReviewError(f"{path}: cannot be read ({error.strerror or error})") from None
    if size > MAX_FILE:
        raise ReviewError(
            f"{path}: {size / 1e6:.0f} MB is more than a review document may be ({MAX_FILE // 1_000_000} MB)",
            details=("  remove pictures the reviewer pasted in, or export fewer pages at a time",),
        )
    wanted = (
        "word/document.xml", "word/comments.xml", "word/commentsExtended.xml", "docProps/core.xml",
        "word/_rels/document.xml.rels", "word/_rels/settings.xml.rels", "[Content_Types].xml",
    )  # fmt: skip
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise ReviewError(f"{path}: is not a Word document (it has no word/document.xml)", details=(fix,))
            if any(name.lower().endswith(("vbaproject.bin", "vbadata.xml")) for name in names):
                raise ReviewError(
                    f"{path}: the document holds macros; aup does not read documents with macros",
                    details=("  save it as 'Word Document (.docx)', not as a macro-enabled document",),
                )
            parts = {}
            for info in infos:
                if info.filename not in wanted:
                    continue
                ratio = info.file_size / max(1, info.compress_size)
                if info.file_size > MAX_PART or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
                    raise ReviewError(
                        f"{path}: {info.filename} unpacks to {info.file_size / 1e6:.0f} MB "
                        f"({ratio:.0f} times its packed size): refused as a zip bomb",
                        details=(fix,),
                    )
                with archive.open(info) as stream:
                    data = stream.read(MAX_PART + 1)  # the sizes in the zip's directory can lie
                if len(data) > MAX_PART:
                    raise ReviewError(f"{path}: {info.filename} unpacks to more than it says: refused", details=(fix,))
                parts[info.filename] = data
    except ReviewError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
        raise ReviewError(f"{path}: is not a Word document (.docx) or is damaged ({error})", details=(fix,)) from None
    types = parts.get("[Content_Types].xml", b"")
    if b"macroEnabled" in types:
        raise ReviewError(
            f"{path}: the document is macro-enabled; aup does not read documents with macros",
            details=("  save it as 'Word Document (.docx)', not as a macro-enabled document",),
        )
    return parts


# What each element holding text reads as: its own text (None), or a fixed character.
_TEXT = {f"{W}t": None, f"{W}delText": None, f"{W}tab": " ", f"{W}br": " ", f"{W}cr": " ", f"{W}noBreakHyphen": "-"}


def _paragraph(element, index: int) -> DocParagraph:
    before: list[str] = []
    after: list[str] = []
    bookmarks: list[str] = []
    comments: list[str] = []

    def walk(node, inserted: bool, deleted: bool) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # XML comments and processing instructions
            if tag in (f"{W}ins", f"{W}moveTo"):
                walk(child, True, deleted)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                walk(child, inserted, True)
            elif tag == f"{W}pPr" or tag == f"{W}instrText" or tag == f"{W}rPr":
                continue  # properties, and the codes of fields (their results are runs)
            elif tag in _TEXT:
                fixed = _TEXT[tag]
                text = (child.text or "") if fixed is None else fixed
                if not inserted:
                    before.append(text)
                if not deleted:
                    after.append(text)
            elif tag == f"{W}bookmarkStart":
                bookmarks.append(child.get(f"{W}name", ""))
            elif tag in (f"{W}commentRangeStart", f"{W}commentReference"):
                identifier = child.get(f"{W}id", "")
                if identifier not in comments:
                    comments.append(identifier)
            else:
                walk(child, inserted, deleted)

    walk(element, False, False)
    mark = element.find(f"{W}pPr/{W}rPr")
    return DocParagraph(
        index, tuple(bookmarks), "".join(before), "".join(after),
        mark is not None and mark.find(f"{W}ins") is not None, mark is not None and mark.find(f"{W}del") is not None,
        comments,
    )  # fmt: skip
