"""aup review: the manual out to Word for the plain-language reviewer, and the edited document back in."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from aupkit.review.docx import W
from conftest import REPO, user_files
from review_samples import ReturnedDoc

EMAIL_INTRO = "Email is one of the main ways attackers try to trick people."
HABITS = "The same habits protect you on all of them."
DEVICE_CODE = 'allow an app to "read your mail"'
NEAT = "Don't trust an email just because it looks neat and has no spelling mistakes."
ASK = "Does this also apply to messages from our own IT team?"


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.email=it@example.com", "-c", "user.name=IT", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def manual_repo(tmp_path: Path) -> Path:
    """A copy of this repository's manual and settings, committed in its own git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(REPO / "manual", root / "manual", symlinks=False)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "the manual")
    return root


def export(run, root: Path, *args: str) -> Path:
    result = run(["review", "export", "-o", "review.docx", "--today", "2026-12-03", *args], cwd=root)
    assert result.exit_code == 0, result.output
    return root / "review.docx"


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _replaced(root: Path, name: str, *pairs: tuple[str, str]) -> str:
    text = (root / "manual" / name).read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# -- export ------------------------------------------------------------------------------------------------------


def test_export_reads_like_the_manual_with_anchors_comments_and_scores(manual_repo: Path, run) -> None:
    import docx

    path = export(run, manual_repo)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "Plain-language review: Good practice manual" in texts[0]
    assert any("Track Changes" in text for text in texts)  # the instructions come first
    assert "Stop and check before you click" in texts and EMAIL_INTRO in " ".join(texts)
    assert "Rule ID: email-phishing" in texts
    xml = document_xml(path)
    bookmarks = [b for b in document.element.body.iter(f"{W}bookmarkStart")]
    assert len(bookmarks) > 500 and all(b.get(f"{W}name").startswith("_aup_") for b in bookmarks)
    ids = [
        e.get(f"{W}id") for e in document.element.body.iter() if e.tag in (f"{W}bookmarkStart", f"{W}commentRangeStart")
    ]
    assert len(ids) == len(set(ids))  # Word calls a document with a w:id used twice corrupt
    comments = list(document.comments)
    assert len(comments) >= 10 and all("hard to read" in c.text for c in comments)
    assert document.core_properties.identifier.startswith("aup-review 1 ")
    assert document.core_properties.identifier.split()[2] == _git(manual_repo, "rev-parse", "HEAD").strip()
    grey = [r for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert grey and all(r.text in ("Example Company", "+1 555 0100", "+1 555 0199") or r.text for r in grey)
    assert "{{" not in xml and "{#" not in xml and "aup:confirm" not in xml  # no Markdown or markers shown
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Page or rule", "Score", "Target", "Result"]
    assert any(row.cells[0].text == "Email" and row.cells[3].text == "met" for row in table.rows)


def test_export_of_chosen_pages_and_pages_changed_since_a_commit(manual_repo: Path, run) -> None:
    import docx

    path = export(run, manual_repo, "manual/email.md")
    titles = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert titles[-1] == "Email" and "Personal devices at work" not in titles
    page = manual_repo / "manual" / "internet.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _git(manual_repo, "commit", "-qam", "a change")
    path = export(run, manual_repo, "--since", "HEAD~1")
    titles = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert titles[-1] == "Using the internet" and "Email" not in titles


def test_spanish_export_speaks_spanish_in_the_chosen_register(tmp_path: Path, run) -> None:
    import docx

    result = run(["init", "--lang", "es", "--no-git", str(tmp_path / "es")])
    assert result.exit_code == 0, result.output
    path = export(run, tmp_path / "es")
    texts = " ".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Revisión de lenguaje claro" in texts and "Activa el control de cambios" in texts
    assert "ID de la regla: " in texts and "Track Changes" not in texts
    settings = tmp_path / "es" / "pyproject.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("[tool.aup]\n", '[tool.aup]\naddress = "usted"\n', 1)
    )
    texts = " ".join(p.text for p in docx.Document(str(export(run, tmp_path / "es"))).paragraphs)
    assert "Active el control de cambios" in texts and "Activa el control" not in texts


# -- import: real edits -------------------------------------------------------------------------------------------


def _office_python() -> str | None:
    """A Python with LibreOffice's UNO bridge (Debian: python3-uno), beside a LibreOffice with Writer."""
    if shutil.which("soffice") is None:
        return None
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return candidate
    return None


def test_a_document_edited_in_libreoffice_with_track_changes_comes_back_as_exactly_those_edits(
    manual_repo: Path, run, tmp_path: Path
) -> None:
    office = _office_python()
    if office is None:
        pytest.skip("LibreOffice Writer with python3-uno is not installed (CI installs both)")
    path = export(run, manual_repo)
    edits = {
        "replace": [
            [EMAIL_INTRO, "Attackers often use email to trick people."],
            [HABITS, "The same habits keep you safe on all of them."],
            [DEVICE_CODE, 'let an app "read your mail"'],  # in a sentence the lint marked as hard
        ],
        "delete_paragraph": [NEAT],
        "comment": [["Check it another way before you act.", ASK + " Call me on 555 123 4567."]],
    }
    (tmp_path / "edits.json").write_text(json.dumps(edits), encoding="utf-8")
    edited = tmp_path / "edited.docx"
    subprocess.run(
        [office, str(REPO / "tests" / "office_edit.py"), str(path), str(edited), str(tmp_path / "edits.json")],
        check=True, timeout=300,
    )  # fmt: skip
    assert "<w:ins " in document_xml(edited) and "<w:del " in document_xml(edited)  # tracked, as LibreOffice writes
    email = _replaced(
        manual_repo, "email.md", (EMAIL_INTRO, "Attackers often use email to trick people."),
        (HABITS, "The same habits keep you safe on all of them."), ("- " + NEAT + "\n", ""),
    )  # fmt: skip
    accounts = _replaced(manual_repo, "passwords-and-accounts.md", (DEVICE_CODE, 'let an app "read your mail"'))
    before = user_files(manual_repo)

    shown = run(["review", "import", str(edited)], cwd=manual_repo)
    assert shown.exit_code == 0, shown.output
    assert "-- a/email.md" in shown.output and "+Attackers often use email to trick people." in shown.output
    assert "email.md: grade " in shown.output and " -> " in shown.output  # scores before and after
    assert user_files(manual_repo) == before  # shown, not written

    applied = run(["review", "import", str(edited), "--apply"], cwd=manual_repo)
    assert applied.exit_code == 0, applied.output
    assert (manual_repo / "manual" / "email.md").read_text(encoding="utf-8") == email
    assert (manual_repo / "manual" / "passwords-and-accounts.md").read_text(encoding="utf-8") == accounts
    changed = _git(manual_repo, "status", "--porcelain", "--", "manual").split("\n")
    assert sorted(line[3:] for line in changed if line) == ["manual/email.md", "manual/passwords-and-accounts.md"]
    [store] = (manual_repo / "feedback").glob("review-*.yaml")
    items = yaml.safe_load(store.read_text(encoding="utf-8"))["items"]
    assert [(i["kind"], i["rule"], i["text"]) for i in items] == [
        ("review", "email-phishing", ASK + " Call me on [phone removed].")
    ]
    assert "Reviewer" not in store.read_text(encoding="utf-8")  # the reviewer's name is not kept
    status = run(["feedback", "status"], cwd=manual_repo)  # the comment is in the feedback loop, by its rule
    assert status.exit_code == 0 and "review" in status.output and "email-phishing" in status.output

    again = run(["review", "import", str(edited), "--apply"], cwd=manual_repo)
    assert again.exit_code == 0 and "applied 0 edit(s), 0 comment(s)" in again.output  # importing twice: no change


def test_word_tracked_changes_comments_replies_and_a_new_item(manual_repo: Path, run, tmp_path: Path) -> None:
    returned = ReturnedDoc(export(run, manual_repo))
    returned.replace("protect you", "keep you safe")
    returned.delete_paragraph(NEAT)
    returned.add_paragraph_after("Don't open attachments you did not expect", "Don't scan QR codes in emails.")
    asked = returned.comment("Is a text message an email here?", on="Fake messages also come by text")
    returned.comment("Yes, it counts.", on="Fake messages also come by text", parent=asked, author="IT")
    returned.comment("Old point, sorted.", on="Check it another way", done=True)
    returned.comment("OK", on="Check it another way")
    path = returned.save(tmp_path / "word.docx")
    result = run(["review", "import", str(path), "--apply"], cwd=manual_repo)
    assert result.exit_code == 0, result.output
    text = (manual_repo / "manual" / "email.md").read_text(encoding="utf-8")
    assert "The same habits keep you safe on all of them." in text and NEAT not in text
    assert (
        "- Don't open attachments you did not expect, even from people you know.\n- Don't scan QR codes in emails.\n"
        in text
    )
    items = yaml.safe_load(next((manual_repo / "feedback").glob("review-*.yaml")).read_text(encoding="utf-8"))["items"]
    assert sorted(item["text"] for item in items) == ["Is a text message an email here?", "Yes, it counts."]
    assert {item["rule"] for item in items} == {None}  # the page's introduction belongs to no rule


def test_google_docs_download_without_aups_marks_is_placed_by_its_text(manual_repo: Path, run, tmp_path: Path) -> None:
    expected = _replaced(manual_repo, "email.md", ("protect you", "keep you safe"), ("- " + NEAT + "\n", ""))
    returned = ReturnedDoc(export(run, manual_repo), author="Suggested by ana@example.com")
    returned.replace("protect you", "keep you safe")
    returned.delete_paragraph(NEAT)
    returned.as_google_docs()
    path = returned.save(tmp_path / "google.docx")
    assert "_aup_" not in document_xml(path)
    result = run(["review", "import", str(path), "--apply"], cwd=manual_repo)
    assert result.exit_code == 0, result.output
    assert (manual_repo / "manual" / "email.md").read_text(encoding="utf-8") == expected


def test_changes_accepted_without_tracking_are_found_by_comparison(manual_repo: Path, run, tmp_path: Path) -> None:
    returned = ReturnedDoc(export(run, manual_repo))
    returned.set_text("protect you", "keep you safe")
    returned.remove_paragraph(NEAT)
    path = returned.save(tmp_path / "accepted.docx")
    expected = _replaced(manual_repo, "email.md", ("protect you", "keep you safe"), ("- " + NEAT + "\n", ""))
    result = run(["review", "import", str(path), "--apply"], cwd=manual_repo)
    assert result.exit_code == 0, result.output
    assert (manual_repo / "manual" / "email.md").read_text(encoding="utf-8") == expected


def test_bold_links_and_settings_survive_an_edit_next_to_them(manual_repo: Path, run, tmp_path: Path) -> None:
    page = manual_repo / "manual" / "byod.md"
    original = page.read_text(encoding="utf-8")
    returned = ReturnedDoc(export(run, manual_repo))
    returned.replace("pays part of your phone bill", "pays some of your phone bill")
    path = returned.save(tmp_path / "near.docx")
    assert run(["review", "import", str(path), "--apply"], cwd=manual_repo).exit_code == 0
    assert page.read_text(encoding="utf-8") == original.replace(
        "{{ org.name }} pays part of your phone bill", "{{ org.name }} pays some of your phone bill"
    )
    returned = ReturnedDoc(export(run, manual_repo))
    returned.replace("Example Company", "ACME")  # the grey setting's value
    path = returned.save(tmp_path / "setting.docx")
    result = run(["review", "import", str(path), "--apply"], cwd=manual_repo)
    assert result.exit_code == 1 and "change it in pyproject.toml" in result.output


# -- import: conflicts and structure ---------------------------------------------------------------------------


def test_a_paragraph_changed_on_both_sides_is_reported_and_the_rest_applies(manual_repo: Path, run, tmp_path) -> None:
    path = export(run, manual_repo)
    page = manual_repo / "manual" / "email.md"
    page.write_text(page.read_text(encoding="utf-8").replace(EMAIL_INTRO, "Email is how most attacks start."))
    _git(manual_repo, "commit", "-qam", "IT rewrote the introduction")
    returned = ReturnedDoc(path)
    returned.replace("one of the main ways", "a common way")
    returned.replace("protect you", "keep you safe")
    result = run(["review", "import", str(returned.save(tmp_path / "both.docx")), "--apply"], cwd=manual_repo)
    assert result.exit_code == 1
    assert "changed in the manual since the export, and by the reviewer: not applied" in result.output
    assert "exported: " + EMAIL_INTRO in result.output and "Email is how most attacks start." in result.output
    assert "Email is a common way attackers try to trick people." in result.output  # the reviewer's text, shown
    text = page.read_text(encoding="utf-8")
    assert "Email is how most attacks start." in text and "keep you safe on all of them" in text


def test_edits_to_structure_are_reported_and_not_applied(manual_repo: Path, run, tmp_path: Path) -> None:
    returned = ReturnedDoc(export(run, manual_repo))
    returned.replace("email-phishing", "email-phish")  # the rule's ID
    returned.delete_paragraph("Why it matters")  # a label (the first on the pages, in byod.md)
    returned.join_with_next("Stop and check before you click")  # the heading runs into the key message
    before = user_files(manual_repo)
    result = run(["review", "import", str(returned.save(tmp_path / "structure.docx")), "--apply"], cwd=manual_repo)
    assert result.exit_code == 1
    assert result.output.count("not applied: ") >= 3
    assert "'Rule ID: email-phishing' is structure" in result.output
    assert "joined with the next one" in result.output
    assert {k: v for k, v in user_files(manual_repo).items() if k.startswith("manual/")} == {
        k: v for k, v in before.items() if k.startswith("manual/")
    }


# -- bad input ---------------------------------------------------------------------------------------------------


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("text.docx", lambda p: p.write_bytes(b"not a zip at all"), "is not a Word document (.docx) or is damaged"),
        ("other.docx", lambda p: _zip(p, {"content.xml": b"<x/>"}), "has no word/document.xml"),
        ("macros.docx", lambda p: _zip(p, {"word/document.xml": b"<x/>", "word/vbaProject.bin": b"\0"}), "macros"),
        ("bomb.docx", lambda p: _zip(p, {"word/document.xml": b"<" + b" " * 30_000_000 + b"/>"}), "zip bomb"),
        ("damaged.docx", lambda p: _zip(p, {"word/document.xml": b"<w:document"}), "is damaged"),
        ("big.docx", lambda p: (p.write_bytes(b"\0"), _grow(p, 51_000_000)), "more than a review document may be"),
    ],
)
def test_documents_that_cannot_be_read_are_refused_and_change_nothing(
    manual_repo: Path, run, tmp_path: Path, name: str, make, says: str
) -> None:
    path = tmp_path / name
    make(path)
    before = user_files(manual_repo)
    result = run(["review", "import", str(path), "--apply"], cwd=manual_repo)
    assert result.exit_code == 2 and says in result.output and str(path) in result.output
    assert user_files(manual_repo) == before


def _grow(path: Path, size: int) -> None:
    with path.open("r+b") as stream:
        stream.truncate(size)


def test_a_word_document_aup_did_not_export_is_refused(manual_repo: Path, run, tmp_path: Path) -> None:
    import docx

    other = docx.Document()
    other.add_paragraph("Minutes of the meeting about the new printers.")
    other.save(str(tmp_path / "minutes.docx"))
    result = run(["review", "import", str(tmp_path / "minutes.docx")], cwd=manual_repo)
    assert result.exit_code == 2 and "is not a document 'aup review export' wrote" in result.output


def test_links_to_outside_files_are_never_opened(manual_repo: Path, run, tmp_path: Path) -> None:
    returned = ReturnedDoc(export(run, manual_repo))
    returned.parts["word/_rels/settings.xml.rels"] = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'attachedTemplate" Target="https://templates.example.com/evil.dotm" TargetMode="External"/></Relationships>'
    )
    result = run(["review", "import", str(returned.save(tmp_path / "template.docx"))], cwd=manual_repo)
    assert result.exit_code == 0 and "1 link(s) to outside files in the document were not opened" in result.output


def test_a_finding_about_a_word_is_a_comment_on_that_word(manual_repo: Path, run) -> None:
    import docx

    page = manual_repo / "manual" / "email.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("report them fast", "report them fast and utilise the button")
    )
    _git(manual_repo, "commit", "-qam", "a hard word")
    path = export(run, manual_repo, "manual/email.md")
    body = docx.Document(str(path)).element.body
    ranges: dict[str, list[str]] = {}
    for element in body.iter():
        if element.tag == f"{W}commentRangeStart":
            ranges[element.get(f"{W}id")] = []
        elif element.tag == f"{W}t":
            for texts in ranges.values():
                texts.append(element.text or "")
        elif element.tag == f"{W}commentRangeEnd":
            ranges[element.get(f"{W}id")].append("\0")
    anchored = ["".join(texts).split("\0")[0] for texts in ranges.values()]
    assert "utilise" in anchored  # the word, not its sentence


def test_a_spanish_manual_round_trip(tmp_path: Path, run) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "es"
    assert run(["init", "--lang", "es", "--no-git", str(root)]).exit_code == 0
    for step in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "el manual")):
        _git(root, *step)
    page = root / "manual" / "email.md"
    original = page.read_text(encoding="utf-8")
    returned = ReturnedDoc(export(run, root), author="Lucía")
    returned.replace("te protegen", "te cuidan")
    returned.delete_paragraph("No confíes en un correo solo porque se ve bien")
    returned.comment("¿Esto aplica también a WhatsApp?", on="Los mensajes falsos también llegan")
    result = run(["review", "import", str(returned.save(tmp_path / "es.docx")), "--apply"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "email.md: Szigriszt-Pazos " in result.output
    assert page.read_text(encoding="utf-8") == original.replace("te protegen", "te cuidan").replace(
        "- No confíes en un correo solo porque se ve bien y no tiene errores de ortografía.\n", ""
    )
    [store] = (root / "feedback").glob("review-*.yaml")
    assert "¿Esto aplica también a WhatsApp?" in store.read_text(encoding="utf-8")
    assert "Lucía" not in store.read_text(encoding="utf-8")
