"""Edit a .docx in LibreOffice Writer, headless, with Track Changes on, as a reviewer would; save it as .docx.

    /usr/bin/python3 tests/office_edit.py IN.docx OUT.docx EDITS.json

Runs under the Python that has LibreOffice's UNO bridge (Debian: python3-uno), not the project's virtual
environment. EDITS.json: {"replace": [[old, new], ...], "delete_paragraph": [text in it, ...],
"comment": [[text to anchor on, comment], ...]}. Every text must be found, or the script fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def find(document, text: str):
    search = document.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = document.findFirst(search)
    if found is None:
        raise SystemExit(f"office_edit: '{text}' is not in the document")
    return found


def main() -> None:
    source, target, edits_file = (Path(arg).resolve() for arg in sys.argv[1:4])
    edits = json.loads(edits_file.read_text(encoding="utf-8"))
    profile = tempfile.mkdtemp(prefix="aup-lo-profile-")
    pipe = f"aupreview{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        else:
            raise SystemExit("office_edit: LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(source)), "_blank", 0, (prop("Hidden", True),)
        )
        document.RecordChanges = True  # Edit > Track Changes > Record
        for old, new in edits.get("replace", []):
            find(document, old).setString(new)
        for text in edits.get("delete_paragraph", []):
            found = find(document, text)
            cursor = found.getText().createTextCursorByRange(found.getStart())
            cursor.gotoStartOfParagraph(False)
            cursor.gotoEndOfParagraph(True)
            cursor.goRight(1, True)  # and the paragraph's end: the whole list item goes
            cursor.setString("")
        for text, comment in edits.get("comment", []):
            found = find(document, text)
            note = document.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = "Reviewer"
            note.Content = comment
            found.getText().insertTextContent(found, note, True)
        document.storeToURL(uno.systemPathToFileUrl(str(target)), (prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
    finally:
        with contextlib.suppress(Exception):  # the office may already be gone
            desktop.terminate()  # type: ignore[possibly-undefined]
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
