"""Review documents as Word and Google Docs send them back, made from a document ``aup review export`` wrote.

Their XML follows what those programs write (checked against these sources):

* ECMA-376 Part 1 (WordprocessingML), §17.13.5: a tracked insertion is ``w:ins`` (``w:id``, ``w:author``,
  ``w:date``) around runs; a tracked deletion is ``w:del`` around runs whose text is in ``w:delText``; a deleted
  or inserted paragraph mark is ``w:del``/``w:ins`` in the paragraph's ``w:pPr/w:rPr``. §17.13.4: comments in
  ``word/comments.xml``, anchored by ``w:commentRangeStart``/``End`` and a run with ``w:commentReference``.
* [MS-DOCX] 2.5.3 (Word 2013 and later): replies and "resolved" in ``word/commentsExtended.xml``:
  ``w15:commentEx`` with ``w15:paraId`` (the ``w14:paraId`` of the comment's last paragraph),
  ``w15:paraIdParent`` for a reply, ``w15:done="1"`` when resolved. Word also writes ``w:rsidR`` attributes and
  splits a word's runs where an edit starts or ends; both are reproduced.
* Google Docs, "Download > Microsoft Word (.docx)": its bookmarks are renamed (``id.xxxxxxxx``, as reported in
  davidrthorn/cross_reference#35), the document's core properties are rewritten (no identifier), suggestions
  are written as ``w:ins``/``w:del`` by the suggesting account, and a comment on a suggestion is anchored
  inside it (superdoc/docx-editor#1733).

w:id numbers share one space with bookmarks and comments (anthropics/skills#489), so the ones added here start
at 900000.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path

from lxml import etree

WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{WNS}}}"
W14NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15NS = "http://schemas.microsoft.com/office/word/2012/wordml"
DATE = "2026-12-03T10:00:00Z"


class ReturnedDoc:
    """An exported document opened for editing as a reviewer's program would save it."""

    def __init__(self, path: Path, author: str = "Ana Reviewer") -> None:
        self.parts = {}
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                self.parts[info.filename] = archive.read(info)
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.author = author
        self.ids = itertools.count(900000)
        self.comments: list[tuple[str, str, str | None, bool, str]] = []  # id, text, parent id, done, author

    # -- finding text -------------------------------------------------------------------------------------------
    def paragraph(self, text: str) -> etree._Element:
        for p in self.document.iter(f"{W}p"):
            if text in "".join(t.text or "" for t in p.iter(f"{W}t")):
                return p
        raise AssertionError(f"'{text}' is not in the document")

    def _split(self, text: str) -> tuple[etree._Element, etree._Element]:
        """The run holding ``text`` split so that ``text`` is a run of its own (as Word does at an edit)."""
        p = self.paragraph(text)
        for run in p.iter(f"{W}r"):
            t = run.find(f"{W}t")
            if t is None or text not in (t.text or ""):
                continue
            before, _, after = (t.text or "").partition(text)
            parent, index = run.getparent(), run.getparent().index(run)
            pieces = []
            for piece in (before, text, after):
                if piece:
                    copy = etree.fromstring(etree.tostring(run))
                    copy.set(f"{W}rsidR", "00A1B2C3")
                    copy.find(f"{W}t").text = piece
                    copy.find(f"{W}t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    pieces.append((piece, copy))
            parent.remove(run)
            for offset, (_, copy) in enumerate(pieces):
                parent.insert(index + offset, copy)
            return p, next(copy for piece, copy in pieces if piece == text)
        raise AssertionError(f"'{text}' is not inside one run")

    # -- edits, as tracked changes ------------------------------------------------------------------------------
    def _mark(self, tag: str) -> etree._Element:
        mark = etree.Element(f"{W}{tag}")
        mark.set(f"{W}id", str(next(self.ids)))
        mark.set(f"{W}author", self.author)
        mark.set(f"{W}date", DATE)
        return mark

    @staticmethod
    def _paragraph_mark(p: etree._Element) -> etree._Element:
        """The properties of the paragraph's mark (``w:pPr/w:rPr``), made if missing."""
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            ppr = etree.Element(f"{W}pPr")
            p.insert(0, ppr)
        rpr = ppr.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.SubElement(ppr, f"{W}rPr")
        return rpr

    def replace(self, old: str, new: str) -> None:
        """A tracked replacement: the old words deleted, the new ones inserted right after."""
        _, run = self._split(old)
        parent, index = run.getparent(), run.getparent().index(run)
        deleted = self._mark("del")
        parent.remove(run)
        t = run.find(f"{W}t")
        t.tag = f"{W}delText"
        deleted.append(run)
        inserted = self._mark("ins")
        copy = etree.fromstring(etree.tostring(run))
        copy.find(f"{W}delText").tag = f"{W}t"
        copy.find(f"{W}t").text = new
        inserted.append(copy)
        parent.insert(index, deleted)
        parent.insert(index + 1, inserted)

    def delete_paragraph(self, text: str) -> None:
        """A tracked deletion of a whole paragraph, its mark included."""
        p = self.paragraph(text)
        for run in list(p.findall(f"{W}r")):
            index = p.index(run)
            p.remove(run)
            for t in run.iter(f"{W}t"):
                t.tag = f"{W}delText"
            deleted = self._mark("del")
            deleted.append(run)
            p.insert(index, deleted)
        self._paragraph_mark(p).append(self._mark("del"))

    def add_paragraph_after(self, text: str, new: str) -> None:
        """A new paragraph typed after the one holding ``text``: its mark and its words inserted."""
        p = self.paragraph(text)
        copy = etree.fromstring(etree.tostring(p))
        for child in list(copy):
            if child.tag != f"{W}pPr":
                copy.remove(child)
        self._paragraph_mark(copy).append(self._mark("ins"))
        inserted = self._mark("ins")
        run = etree.SubElement(inserted, f"{W}r")
        etree.SubElement(run, f"{W}t").text = new
        copy.append(inserted)
        p.addnext(copy)

    def join_with_next(self, text: str) -> None:
        """The paragraph's mark deleted: it runs on into the next one (two paragraphs become one)."""
        p = self.paragraph(text)
        self._paragraph_mark(p).append(self._mark("del"))

    def set_text(self, old: str, new: str) -> None:
        """An edit with tracking off (or every change accepted): the text simply differs."""
        _, run = self._split(old)
        run.find(f"{W}t").text = new

    def remove_paragraph(self, text: str) -> None:
        """A paragraph gone without a trace (changes accepted)."""
        p = self.paragraph(text)
        p.getparent().remove(p)

    # -- comments -------------------------------------------------------------------------------------------------
    def comment(self, text: str, on: str, *, parent: str | None = None, done: bool = False, author: str = "") -> str:
        """A comment anchored on ``on`` (a reply when ``parent`` is a comment ID); returns its ID."""
        identifier = str(next(self.ids))
        p = self.paragraph(on)
        start = etree.Element(f"{W}commentRangeStart")
        start.set(f"{W}id", identifier)
        end = etree.Element(f"{W}commentRangeEnd")
        end.set(f"{W}id", identifier)
        reference = etree.Element(f"{W}r")
        etree.SubElement(reference, f"{W}commentReference").set(f"{W}id", identifier)
        first = next((i for i, child in enumerate(p) if child.tag != f"{W}pPr"), len(p))
        p.insert(first, start)
        p.append(end)
        p.append(reference)
        self.comments.append((identifier, text, parent, done, author or self.author))
        return identifier

    # -- saving ---------------------------------------------------------------------------------------------------
    def as_google_docs(self) -> None:
        """What Google Docs' download does to the parts aup reads: bookmarks renamed, no identifier."""
        for number, bookmark in enumerate(self.document.iter(f"{W}bookmarkStart")):
            bookmark.set(f"{W}name", f"id.{number:08x}")
        core = self.parts["docProps/core.xml"].decode("utf-8")
        self.parts["docProps/core.xml"] = re.sub(r"<dc:identifier>.*?</dc:identifier>", "", core).encode("utf-8")

    def save(self, path: Path) -> Path:
        self.parts["word/document.xml"] = etree.tostring(self.document, xml_declaration=True, encoding="UTF-8")
        if self.comments:
            self._write_comments()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        path.write_bytes(buffer.getvalue())
        return path

    def _write_comments(self) -> None:
        existing = self.parts.get("word/comments.xml")
        root = etree.fromstring(existing) if existing else etree.Element(f"{W}comments", nsmap={"w": WNS})
        extended = etree.Element(f"{{{W15NS}}}commentsEx", nsmap={"w15": W15NS})
        para_ids: dict[str, str] = {}
        for identifier, text, parent, done, author in self.comments:
            comment = etree.SubElement(root, f"{W}comment")
            comment.set(f"{W}id", identifier)
            comment.set(f"{W}author", author)
            comment.set(f"{W}date", DATE)
            p = etree.SubElement(comment, f"{W}p")
            para_ids[identifier] = f"{int(identifier):08X}"
            p.set(f"{{{W14NS}}}paraId", para_ids[identifier])
            etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = text
            entry = etree.SubElement(extended, f"{{{W15NS}}}commentEx")
            entry.set(f"{{{W15NS}}}paraId", para_ids[identifier])
            if parent is not None:
                entry.set(f"{{{W15NS}}}paraIdParent", para_ids[parent])
            entry.set(f"{{{W15NS}}}done", "1" if done else "0")
        self.parts["word/comments.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        self.parts["word/commentsExtended.xml"] = etree.tostring(extended, xml_declaration=True, encoding="UTF-8")
