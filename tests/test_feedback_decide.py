"""Decisions taken in the reviewers' spreadsheet, read back with ``aup feedback decide``: no git needed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from aupkit.config import load_config
from aupkit.feedback.store import load_store
from feedback_samples import FIXTURES, english_project


def imported(root: Path, run) -> Path:
    files = [FIXTURES / "google-sheets-en.csv", FIXTURES / "qa-tool.csv", FIXTURES / "presenter-notes.csv"]
    assert run(["feedback", "import", *map(str, files), "--session", "s1"], cwd=root).exit_code == 0
    return next((root / "feedback").glob("*.yaml"))


def edit_sheet(path: Path, edits: dict[str, dict[str, str]]) -> None:
    """Change cells as a reviewer would: rows found by the start of their text, columns by header."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        text = row[headers.index("text")].value or ""
        for start, values in edits.items():
            if text.startswith(start):
                for name, value in values.items():
                    row[headers.index(name)].value = value
    workbook.save(path)


def decide_in_store(store: Path, start: str, fields: dict[str, str]) -> None:
    data = yaml.safe_load(store.read_text(encoding="utf-8"))
    for item in data["items"]:
        if item["text"].startswith(start):
            item.update(fields)
    store.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


EDITS = {
    "Can I forward a suspicious": {"status": "answered", "answer": "No. Use the Report button instead."},
    "A short list of which networks": {"status": "accepted", "answer": "The rule now lists them.", "rule": ""},
    "Can I use a passkey": {"status": "answered", "answer": "Yes.", "rule": "accounts-paskeys"},  # a typo
    "The USB stick demo": {"status": "rejected"},  # decided in git meanwhile too: a conflict
    "Put the helpdesk number": {"status": "answered"},  # no answer
}


@pytest.fixture
def reviewed(tmp_path: Path, run) -> tuple[Path, Path, Path]:
    root = english_project(tmp_path / "project")
    store = imported(root, run)
    assert run(["feedback", "export", "--xlsx", "-o", "review.xlsx"], cwd=root).exit_code == 0
    sheet = root / "review.xlsx"
    edit_sheet(sheet, EDITS)
    decide_in_store(store, "The USB stick demo", {"status": "duplicate"})
    return root, store, sheet


def check_round_trip(root: Path, store: Path, sheet: Path, run) -> None:
    before = store.read_text(encoding="utf-8")
    shown = run(["feedback", "decide", str(sheet)], cwd=root)
    assert shown.exit_code == 1, shown.output  # rows were refused
    assert "+  status: answered" in shown.output and store.read_text(encoding="utf-8") == before  # only shown
    result = run(["feedback", "decide", str(sheet), "--apply"], cwd=root)
    assert result.exit_code == 1
    out = result.output
    assert "rule 'accounts-paskeys' is not a rule of the manual; did you mean 'accounts-passkeys'" in out
    assert "'answered' but has no answer" in out
    assert "was decided in the store since the export (duplicate under byod-usb)" in out and "(rejected" in out
    assert "decided 2 item(s)" in out and "2 refused, 1 conflict(s)" in out
    items = {item.text[:24]: item for item in load_store(load_config(root)).items}
    assert (items["Can I forward a suspicio"].status, items["Can I forward a suspicio"].answer) == (
        "answered", "No. Use the Report button instead.",
    )  # fmt: skip
    assert items["A short list of which ne"].status == "accepted" and items["A short list of which ne"].rule is None
    assert items["Can I use a passkey on a"].status == "new"  # refused row: unchanged
    assert items["The USB stick demo made "].status == "duplicate"  # the store's decision stays
    assert items["Put the helpdesk number "].status == "new"
    again = run(["feedback", "decide", str(sheet), "--apply"], cwd=root)
    assert "decided 0 item(s)" in again.output  # what was applied is not applied twice
    merged = run(["feedback", "merge", "--apply"], cwd=root)
    assert merged.exit_code == 0 and "1.0.0 -> 1.1.0" in merged.output


def test_decisions_come_back_from_the_sheet_with_refusals_and_a_conflict(reviewed, run) -> None:
    check_round_trip(*reviewed, run)


@pytest.mark.render
def test_a_sheet_saved_by_libreoffice_reads_back_the_same(reviewed, run, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("localc") is None:
        pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc)")
    root, store, sheet = reviewed
    out = tmp_path / "saved"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(sheet)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    check_round_trip(root, store, out / "review.xlsx", run)


def test_importing_the_export_as_feedback_points_to_decide(reviewed, run) -> None:
    root, _, sheet = reviewed
    result = run(["feedback", "import", str(sheet)], cwd=root)
    assert result.exit_code == 2
    assert "aupkit's own reviewers' export" in result.output and "aup feedback decide" in result.output


def test_a_csv_export_reads_back_too(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "project")
    imported(root, run)
    assert run(["feedback", "export", "--csv", "-o", "review.csv"], cwd=root).exit_code == 0
    text = (root / "review.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    header = lines[0].split(",")
    row = next(index for index, line in enumerate(lines) if "The USB stick demo" in line)
    cells = lines[row].split(",")
    cells[header.index("status")] = "rejected"
    lines[row] = ",".join(cells)
    (root / "review.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(["feedback", "decide", "review.csv", "--apply"], cwd=root)
    assert result.exit_code == 0, result.output
    items = {item.text[:18]: item.status for item in load_store(load_config(root)).items}
    assert items["The USB stick demo"] == "rejected"
