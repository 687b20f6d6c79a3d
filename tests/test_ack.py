"""``aup ack``: acceptances per version against HR's staff list, reminders, evidence; personal data kept private."""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import io
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from aupkit.ack.versions import manual_versions, required
from conftest import append_text

DEPARTMENTS = ("Sales", "Finance", "Operations", "People", "IT", "Legal")
TODAY = "2026-12-02"


def roster_rows(count: int = 300) -> list[list[str]]:
    """300 people in 6 departments; each department's first person is its manager; 5 new joiners, 3 exempt."""
    rows = [["Employee ID", "Email", "Name", "Department", "Manager", "Start date", "Language", "Exempt"]]
    for number in range(count):
        department = DEPARTMENTS[number % len(DEPARTMENTS)]
        manager = f"p{number % len(DEPARTMENTS):03d}@example.com"
        start = "2026-11-25" if number >= count - 5 else "2024-01-15"
        exempt = "yes" if number in (7, 8, 9) else ""
        language = "es" if number % 2 else "en"
        rows.append([f"E{number:04d}", f"p{number:03d}@example.com", f"Person {number}", department,
                     manager if number >= len(DEPARTMENTS) else "", start, language, exempt])  # fmt: skip
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def google_export(path: Path, people: range, version: str, day: int) -> Path:
    rows = [["Timestamp", "Email Address", "Version", "Language", "I have read and accept the manual"]]
    for number in people:
        rows.append([f"11/{day}/2026 9:{number % 60:02d}:00", f"p{number:03d}@example.com", version, "English",
                     "I have read and accept"])  # fmt: skip
    rows.append(rows[1])  # a double-click: the same row twice
    rows.append([f"11/{day}/2026 17:00:00", "p000@example.com", version, "English", "I have read and accept"])
    rows.append([f"11/{day}/2026 17:05:00", "stranger@example.com", version, "English", "I have read and accept"])
    return write_csv(path, rows)


def microsoft_export(path: Path, people: range) -> Path:
    """Microsoft Forms: one form per version, the version only in its title (so in the file name)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "I accept the manual"])
    for index, number in enumerate(people, start=1):
        began = dt.datetime(2026, 12, 3, 10, 0, 0) + dt.timedelta(minutes=index)
        sheet.append([index, began, began + dt.timedelta(seconds=40), f"P{number:03d}@Example.com", "x", "Yes"])
    workbook.save(path)
    return path


def set_version(root: Path, version: str, day: str) -> None:
    home = root / "manual" / "index.md"
    text = home.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("version:"))
    home.write_text(text.replace(old, f"version: {version}", 1), encoding="utf-8")
    changelog = root / "manual" / "changelog.md"
    append_text(changelog, f"\n## [{version}] - {day}\n\n### Changed\n\n- A rule changed.\n")


@pytest.fixture
def project(tmp_path: Path, run) -> Path:
    root = tmp_path / "manual-repo"
    assert run(["init", str(root), "--git"]).exit_code == 0
    (root / ".aup-private").mkdir()
    write_csv(root / ".aup-private" / "roster.csv", roster_rows())
    return root


def counts(run, root: Path, today: str = TODAY) -> dict[str, int]:
    result = run(["ack", "status", "--format", "json", "--today", today], cwd=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["counts"]


def test_a_session_of_acceptances_from_two_versions_to_reminders_and_evidence(project: Path, run, tmp_path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    first = google_export(exports / "responses.csv", range(0, 250), "1.0.0", 20)
    result = run(["ack", "import", str(first)], cwd=project)
    assert result.exit_code == 0, result.output
    # 250 people, p000's resubmission (the ledger keeps every acceptance) and a stranger; the double-click is dropped.
    assert "252 new acceptance(s) in the ledger, 1 already there" in result.output
    assert "0 new acceptance(s)" in run(["ack", "import", str(first)], cwd=project).output
    # 300 people: 3 exempt (numbers 7-9, who accepted anyway), 5 new joiners (295-299: never accepted, in grace).
    assert counts(run, project) == {"current": 247, "again": 0, "never": 45, "grace": 5, "exempt": 3}
    status = json.loads(run(["ack", "status", "--format", "json", "--today", TODAY], cwd=project).output)
    assert status["unknown"] == ["stranger@example.com"]
    people = {d["name"]: d["people"] for d in status["departments"]}
    assert people["Sales"] == 50 and people["Finance"] == 49  # person 7 of Finance is exempt

    # Version 1.1.0 is material (a minor step): everyone must accept again.
    set_version(project, "1.1.0", "2026-12-03")
    versions = run(["ack", "versions"], cwd=project).output
    assert "1.1.0" in versions and "material" in versions and "acceptances of 1.1.0 or later count" in versions
    assert counts(run, project) == {"current": 0, "again": 247, "never": 45, "grace": 5, "exempt": 3}
    second = microsoft_export(exports / "Manual acknowledgement 1.1.0.xlsx", range(100, 200))
    imported = run(["ack", "import", str(second)], cwd=project)
    assert imported.exit_code == 0, imported.output
    assert counts(run, project) == {"current": 100, "again": 147, "never": 45, "grace": 5, "exempt": 3}

    # A patch is not material: acceptances of 1.1.0 still count.
    set_version(project, "1.1.1", "2026-12-04")
    assert counts(run, project)["current"] == 100

    # Reminders go to exactly the people who must act; each manager gets a digest of their team.
    dry = run(["ack", "remind", "--dry-run", "--today", "2026-12-10"], cwd=project)
    assert dry.output.count("person ") == 147 + 45
    assert run(["ack", "remind", "--today", "2026-12-10"], cwd=project).exit_code == 0
    outbox = project / ".aup-private" / "outbox"
    mails = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]
    must_act = {f"p{n:03d}@example.com" for n in [*range(0, 100), *range(200, 250)] if n not in (7, 8, 9)}
    must_act |= {f"p{n:03d}@example.com" for n in range(250, 295)}
    reminders = [
        mail for mail in mails if "your team" not in mail["Subject"].lower() and "equipo" not in mail["Subject"]
    ]
    assert {mail["To"] for mail in reminders} == must_act and len(reminders) == len(must_act)
    digests = [mail for mail in mails if mail not in reminders]
    assert {mail["To"] for mail in digests} == {f"p{n:03d}@example.com" for n in range(6)}
    spanish = next(mail for mail in reminders if mail["To"] == "p001@example.com")
    assert spanish["Subject"].startswith("Confirma que leíste") and "Hola, Person 1:" in spanish.get_content()
    # Run again the same week: nobody gets the same reminder twice.
    again = run(["ack", "remind", "--dry-run", "--today", "2026-12-11"], cwd=project)
    assert "0 reminder(s) would be written" in again.output

    assert run(["ack", "evidence", "--version", "1.1.0", "--today", "2026-12-10"], cwd=project).exit_code == 0
    evidence = (project / ".aup-private" / "evidence-1.1.0" / "evidence.txt").read_text(encoding="utf-8")
    assert "100 person(s) accepted this version or a later one" in evidence and "weaker than a signature" in evidence
    listed = (project / ".aup-private" / "evidence-1.1.0" / "acceptances.csv").read_text(encoding="utf-8")
    assert listed.count("\n") == 101


def test_hr_reports_are_formula_safe_and_the_html_is_in_the_manuals_language(project: Path, run, tmp_path) -> None:
    rows = roster_rows(12)
    rows[3][2] = '=HYPERLINK("http://evil.example","x")'
    rows[4][3] = "+Sales"
    write_csv(project / ".aup-private" / "roster.csv", rows)
    assert run(["ack", "status", "--format", "csv", "--today", TODAY], cwd=project).exit_code == 0
    text = (project / ".aup-private" / "status.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+Sales" in text
    assert run(["ack", "status", "--format", "xlsx", "--today", TODAY], cwd=project).exit_code == 0
    sheet = openpyxl.load_workbook(project / ".aup-private" / "status.xlsx").active
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)
    assert run(["ack", "status", "--format", "html", "--today", TODAY], cwd=project).exit_code == 0
    html = (project / ".aup-private" / "status.html").read_text(encoding="utf-8")
    assert "Who has accepted" in html and "&#x27;=HYPERLINK" not in html and "=HYPERLINK(&quot;" in html
    inside = run(["ack", "status", "--format", "html", "-o", str(project / "status.html")], cwd=project)
    assert inside.exit_code != 0 and "names people" in inside.output


def test_personal_data_never_reaches_the_site_the_deck_the_pdf_or_git(project: Path, run, tmp_path) -> None:
    export = google_export(tmp_path / "responses.csv", range(0, 20), "1.0.0", 20)
    assert run(["ack", "import", str(export)], cwd=project).exit_code == 0
    assert run(["ack", "status", "--format", "html", "--today", TODAY], cwd=project).exit_code == 0
    assert run(["ack", "remind", "--today", TODAY], cwd=project).exit_code == 0
    assert run(["build"], cwd=project).exit_code == 0
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, capture_output=True)
    indexed = subprocess.run(["git", "-C", str(project), "ls-files"], check=True, capture_output=True, text=True)
    assert ".aup-private" not in indexed.stdout
    built = [path for folder in ("site", "build") for path in (project / folder).rglob("*") if path.is_file()]
    for path in built:
        data = path.read_bytes()
        assert b"p001@example.com" not in data and b"Person 1" not in data, path


def test_the_private_folder_must_be_ignored_by_git(project: Path, run, tmp_path) -> None:
    (project / ".gitignore").write_text("/site/\n", encoding="utf-8")
    export = google_export(tmp_path / "responses.csv", range(0, 3), "1.0.0", 20)
    result = run(["ack", "import", str(export)], cwd=project)
    assert result.exit_code != 0 and "git does not ignore this folder" in result.output
    assert not (project / ".aup-private" / "ledger.csv").exists()
    append_text(project / "pyproject.toml", '\n[tool.aup.acknowledge]\nfolder = "site/private"\n')
    assert "would land in" in run(["ack", "import", str(export)], cwd=project).output


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Email", "Name"], ["a@example.com", "A"], ["a@example.com", "B"]], "email 'a@example.com' is also at"),
        ([["Name", "Department"], ["A", "Sales"]], "no employee ID or email column"),
        ([["Employee ID", "Start date"], ["E1", "someday"]], "start date 'someday' is not a date"),
        ([["ID", "Email"], ["E1", "not-an-address"]], "is not an email address"),
    ],
)
def test_a_bad_staff_list_is_named_with_its_row_and_the_fix(project: Path, run, rows, message: str) -> None:
    write_csv(project / ".aup-private" / "roster.csv", rows)
    result = run(["ack", "status"], cwd=project)
    assert result.exit_code != 0 and message in result.output and "roster.csv" in result.output


def test_rows_that_cannot_count_are_listed_and_other_forms_refused(project: Path, run, tmp_path) -> None:
    export = write_csv(tmp_path / "odd.csv", [
        ["Timestamp", "Email Address", "Version", "I have read and accept"],
        ["11/20/2026 9:00:00", "p001@example.com", "9.9.9", "yes"],
        ["11/20/2030 9:00:00", "p002@example.com", "1.0.0", "yes"],
        ["11/20/2026 9:00:00", "p003@example.com", "1.0.0", ""],
        ["11/20/2026 9:00:00", "p004@example.com", "1.0.0", "yes"],
    ])  # fmt: skip
    result = run(["ack", "import", str(export)], cwd=project)
    assert result.exit_code == 1 and "1 new acceptance(s)" in result.output
    assert "odd.csv, line 2: version '9.9.9' is not a version of the manual" in result.output
    assert "odd.csv, line 3: dated 2030-11-20, in the future" in result.output
    assert "odd.csv, line 4: the acceptance box is not ticked" in result.output
    other = write_csv(tmp_path / "feedback.csv", [["Question", "Votes"], ["Why?", "3"]])
    refused = run(["ack", "import", str(other)], cwd=project)
    assert refused.exit_code != 0 and "not a Google Forms or Microsoft Forms export" in refused.output


def test_material_versions_follow_the_version_number_unless_overridden() -> None:
    released = [((1, 0, 0), "2026-01-01"), ((1, 0, 1), "2026-02-01"), ((1, 1, 0), "2026-03-01"), ((2, 0, 0), "")]
    found = manual_versions(released, (2, 0, 1), {"1.1.0": False})
    assert [(v.name, v.material) for v in found] == [
        ("1.0.0", True), ("1.0.1", False), ("1.1.0", False), ("2.0.0", True), ("2.0.1", False)
    ]  # fmt: skip
    assert required(found, (2, 0, 1)) == (2, 0, 0) and required(found, (1, 1, 0)) == (1, 0, 0)


def test_the_site_and_the_announcement_link_to_the_form_prefilled(project: Path, run) -> None:
    append_text(
        project / "pyproject.toml",
        '\n[tool.aup.acknowledge]\nform_url = "https://docs.google.com/forms/d/e/F1/viewform"\n'
        'version_entry = "entry.111"\nlanguage_entry = "entry.222"\n\n[tool.aup.announce]\n'
        'recipients = ["all@example.com"]\n',
    )
    set_version(project, "1.1.0", "2026-12-03")
    link = "https://docs.google.com/forms/d/e/F1/viewform?usp=pp_url&amp;entry.111=1.1.0&amp;entry.222=en"
    assert run(["build"], cwd=project).exit_code == 0
    page = (project / "site" / "email" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{link}">I have read version 1.1.0: confirm here</a>' in page
    from pptx import Presentation

    deck = Presentation(str(project / "build" / "slides.pptx"))  # the deck's last slides carry it as a QR code
    described = [shape._element.nvPicPr.cNvPr.get("descr") for slide in deck.slides for shape in slide.shapes
                 if shape.shape_type == 13]  # fmt: skip
    assert f"QR code for {link.replace('&amp;', '&')}" in described
    said = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "I have read version 1.1.0" in said
    assert run(["announce"], cwd=project).exit_code == 0
    (mail,) = (project / "outbox").glob("*.eml")
    text = email.message_from_bytes(mail.read_bytes(), policy=email.policy.default).get_body(("plain",)).get_content()
    assert "Please confirm that you have read and accept version 1.1.0:" in text and link.replace("&amp;", "&") in text
    assert (
        "form" in run(["ack", "form"], cwd=project).output
        and link.replace("&amp;", "&") in run(["ack", "form"], cwd=project).output
    )
