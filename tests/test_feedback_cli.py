"""``aup feedback`` and ``aup announce`` from the command line, and one session from exports to the announcement."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import openpyxl
import yaml

from conftest import user_files
from feedback_samples import FIXTURES, REPO, english_project, ms_forms_xlsx

snapshot = user_files


def test_one_session_from_exports_to_site_and_announcement(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    inbox = root / "feedback" / "inbox"
    inbox.mkdir(parents=True)
    exports = [shutil.copy(FIXTURES / name, inbox / name) for name in (
        "google-sheets-en.csv", "google-forms-download.csv", "qa-tool.csv", "presenter-notes.csv")]  # fmt: skip
    exports.append(ms_forms_xlsx(inbox / "microsoft-forms.xlsx"))
    result = run(["feedback", "import", *map(str, exports), "--session", "2026-11 all staff"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "microsoft-forms.xlsx: microsoft-forms" in result.output and "qa-tool.csv: qa" in result.output
    store = root / "feedback" / "2026-11-all-staff.yaml"
    assert (
        run(["feedback", "import", *map(str, exports), "--session", "2026-11 all staff"]).output.count("0 new item(s)")
        == 1
    )  # importing again adds nothing
    status = run(["feedback", "status"], cwd=root)
    assert status.exit_code == 0 and re.search(r"email-phishing\s+1", status.output)
    assert "need a decision" in status.output

    data = yaml.safe_load(store.read_text(encoding="utf-8"))  # a reviewer records decisions
    for item in data["items"]:
        if item["text"].startswith("Does locking count"):
            item.update(status="answered", answer="No. Press Windows+L or Ctrl+Cmd+Q before you close it.")
        elif item["text"].startswith("Where is the Report button"):
            item.update(status="answered", answer="Tap the three dots, then Report.")
        elif item["text"].startswith("Tell us which updates"):
            item.update(status="accepted", change="minor", answer="The rule now says which updates can wait.")
        elif item["text"].startswith("The USB stick demo"):
            item.update(status="rejected")
    store.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    before = snapshot(root)
    preview = run(["feedback", "merge"], cwd=root)
    assert preview.exit_code == 0 and "+<!-- aup:faq begin byod-screen-lock" in preview.output
    assert snapshot(root) == before  # without --apply nothing is written
    applied = run(["feedback", "merge", "--apply"], cwd=root)
    assert applied.exit_code == 0 and "manual 1.0.0 -> 1.1.0" in applied.output
    check = run(["check"], cwd=root)
    assert check.exit_code == 0, check.output
    after = snapshot(root)
    again = run(["feedback", "merge", "--apply"], cwd=root)
    assert again.exit_code == 0 and "nothing to merge" in again.output
    assert snapshot(root) == after

    build = run(["build"], cwd=root)
    assert build.exit_code == 0, build.output
    html = (root / "site" / "byod" / "index.html").read_text(encoding="utf-8")
    rule, question = (
        html.index('id="byod-screen-lock"'),
        html.index("Does locking count if I just close the laptop lid?"),
    )
    assert rule < question < html.index('id="byod-updates"')  # the FAQ entry is under its rule
    assert "Windows&#43;L" in (root / "manual" / "byod.md").read_text(encoding="utf-8")

    announce = run(["announce"], cwd=root)
    assert announce.exit_code == 0, announce.output
    eml = (root / "outbox" / "announce-1.1.0.eml").read_text(encoding="utf-8")
    assert "Subject: Good practice manual 1.1.0: what's new" in eml


HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\tTab", "＝fullwidth", "plain text"]


def hostile_store(root: Path) -> None:
    from aupkit.feedback.items import Item, item_id
    from aupkit.feedback.store import dump_file

    items = [Item(id=item_id("s", "question", t), session="s", date="2026-11-20", rule=None, kind="question",
                  text=t, answer=t) for t in HOSTILE]  # fmt: skip
    (root / "feedback").mkdir()
    (root / "feedback" / "s.yaml").write_text(dump_file("s", items), encoding="utf-8")


def test_export_csv_neutralises_formulas(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    hostile_store(root)
    result = run(["feedback", "export", "--csv", "-o", "review.csv"], cwd=root)
    assert result.exit_code == 0, result.output
    data = (root / "review.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    texts = {row["text"] for row in rows}
    assert texts == {"'=cmd|' /C calc'!A0", "'+1+1", "'-2", "'@SUM(A1)", "Tab", "'＝fullwidth", "plain text"}
    for row in rows:
        for value in (row["text"], row["answer"]):
            assert not value.startswith(("=", "+", "-", "@", "\t", "＝")), value
    assert "plain text" in texts
    stdout = run(["feedback", "export", "--csv"], cwd=root)
    assert "'=cmd|" in stdout.output


def test_export_xlsx_stores_every_cell_as_text(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    hostile_store(root)
    result = run(["feedback", "export", "--xlsx", "-o", "review.xlsx"], cwd=root)
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(root / "review.xlsx").active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert cells and all(cell.data_type == "s" for cell in cells if cell.value not in (None, ""))
    assert "=cmd|' /C calc'!A0" in [cell.value for cell in cells]  # kept as text, not run
    missing = run(["feedback", "export", "--xlsx"], cwd=root)
    assert missing.exit_code == 2 and "--output" in missing.output


def test_template_is_shipped_and_importable(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    result = run(["feedback", "template", "notes.csv"], cwd=root)
    assert result.exit_code == 0
    notes = root / "notes.csv"
    assert notes.read_text(encoding="utf-8").splitlines()[0] == "date,rule,kind,text"
    with notes.open("a", encoding="utf-8") as stream:
        stream.write("2026-11-20,byod-usb,question,Can I charge my phone from a work laptop?\n")
    imported = run(["feedback", "import", "notes.csv", "--session", "notes"], cwd=root)
    assert imported.exit_code == 0 and "1 new item(s)" in imported.output
    again = run(["feedback", "template", "notes.csv"], cwd=root)
    assert again.exit_code == 2 and "already exists" in again.output


def test_status_with_an_empty_store(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    result = run(["feedback", "status"], cwd=root)
    assert result.exit_code == 0 and "0 item(s); 0 need a decision" in result.output
    assert run(["feedback", "merge"], cwd=root).output.strip().endswith("waits for release")


def test_one_file_that_is_not_an_export_does_not_stop_the_others(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "project")
    inbox = root / "feedback" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "presenter-notes.csv", inbox / "notes.csv")
    (inbox / "budget.csv").write_text("Item,Cost\nLaptops,1200\n", encoding="utf-8")
    (inbox / "empty.csv").write_text("", encoding="utf-8")
    result = run(["feedback", "import", str(inbox / "budget.csv"), str(inbox / "notes.csv"), str(inbox / "empty.csv"),
                  "--session", "s1"], cwd=root)  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "3 new item(s)" in result.output
    refused = [line for line in result.output.splitlines() if line.startswith("refused ")]
    assert len(refused) == 2 and any("budget.csv" in line for line in refused)
    assert any("empty.csv" in line for line in refused)
    assert len(list((root / "feedback").glob("*.yaml"))) == 1
    again = run(["feedback", "import", str(inbox / "budget.csv"), "--session", "s2"], cwd=root)
    assert again.exit_code == 2 and "budget.csv" in again.output  # one file alone: stop, as before
    stop = run(["feedback", "import", "--stop", str(inbox / "budget.csv"), str(inbox / "notes.csv")], cwd=root)
    assert stop.exit_code == 2 and "new item" not in stop.output


def test_status_summarises_each_session_in_text_and_json(tmp_path: Path, run) -> None:
    import json

    root = english_project(tmp_path / "project")
    files = [str(FIXTURES / "google-sheets-en.csv"), str(FIXTURES / "qa-tool.csv")]
    assert run(["feedback", "import", *files, "--session", "s1"], cwd=root).exit_code == 0
    notes = str(FIXTURES / "presenter-notes.csv")
    assert run(["feedback", "import", notes, "--session", "s2"], cwd=root).exit_code == 0
    text = run(["feedback", "status"], cwd=root).output
    pattern = (
        r"^session 's1': \d+ response\(s\); \d+ item\(s\) from \d+ submission\(s\) \(.*question.*\); \d+ undecided"
    )
    assert re.search(pattern, text, re.M)
    assert "asked 2 times: Do I need MFA on my personal laptop" in text
    data = json.loads(run(["feedback", "status", "--format", "json"], cwd=root).output)
    sessions = {session["session"]: session for session in data["sessions"]}
    assert set(sessions) == {"s1", "s2"}
    s2 = sessions["s2"]
    assert (s2["items"], s2["kinds"], s2["pages"]) == (
        3, {"question": 1, "suggestion": 1, "praise": 1}, {"byod.md": 2, "email.md": 1},
    )  # fmt: skip
    assert len(s2["undecided"]) == 3 and sessions["s1"]["submissions"] > sessions["s1"]["items"]
    page = run(["feedback", "status", "--format", "html", "-o", "summary.html"], cwd=root)
    assert page.exit_code == 0, page.output
    html = (root / "summary.html").read_text(encoding="utf-8")
    assert "<h2>Session “s2”</h2>" in html and "<td>byod.md</td><td>2</td>" in html
    assert "<script" not in html.replace("&lt;script", "")  # staff text is escaped
    assert "Do I need MFA on my personal laptop" in html and "(2 times)" in html
    assert "<td>question</td><td>1</td>" in html
    missing = run(["feedback", "status", "--format", "html"], cwd=root)
    assert missing.exit_code == 2 and "-o FILE.html" in missing.output


def test_the_organisers_summary_speaks_the_manuals_spanish(tmp_path: Path, run) -> None:
    from feedback_samples import spanish_project

    root = spanish_project(tmp_path / "p")
    files = [str(FIXTURES / "google-sheets-es.csv"), str(FIXTURES / "notas-presentador.csv")]
    assert run(["feedback", "import", *files, "--session", "s1"], cwd=root).exit_code == 0
    assert run(["feedback", "status", "--format", "html", "-o", "resumen.html"], cwd=root).exit_code == 0
    html = (root / "resumen.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "<h1>Comentarios por sesión</h1>" in html
    assert "<td>pregunta</td>" in html and "<td>sin decidir</td>" in html
    for english in ("By kind", "By decision", "question<", "new<", "waiting for a decision"):
        assert english not in html, english
