"""Item identity: IDs long enough not to collide, a collision reported rather than merged, old IDs still
recognised, and a typed email address unable to replace someone else's feedback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aupkit.feedback import importing
from aupkit.feedback.items import item_id
from feedback_samples import english_project


def _notes(root: Path, *texts: str) -> Path:
    path = root / "notes.csv"
    path.write_text("date,rule,kind,text\n" + "".join(f"2026-11-20,,question,{t}\n" for t in texts), "utf-8")
    return path


def test_ids_carry_64_bits() -> None:
    assert re.fullmatch(r"fb-[0-9a-f]{16}", item_id("s", "question", "Can I use my own USB stick?"))


def test_a_store_written_with_40_bit_ids_is_recognised_on_reimport(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    _notes(root, "Can I use my own USB stick?", "Who reads my email?")
    assert run(["feedback", "import", "notes.csv", "--session", "s"], cwd=root).exit_code == 0
    store = root / "feedback" / "s.yaml"
    shortened = re.sub(r"(id: fb-[0-9a-f]{10})[0-9a-f]{6}", r"\1", store.read_text(encoding="utf-8"))
    store.write_text(shortened, encoding="utf-8")  # as aupkit 0.1 wrote it
    again = run(["feedback", "import", "notes.csv", "--session", "s"], cwd=root)
    assert again.exit_code == 0 and "0 new item(s)" in again.output and "2 already known" in again.output
    assert store.read_text(encoding="utf-8") == shortened


def test_two_texts_with_one_id_are_reported_and_nothing_is_merged(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = english_project(tmp_path / "p")
    monkeypatch.setattr(importing, "item_id", lambda session, kind, text: "fb-0000000000000001")
    _notes(root, "Can I use my own USB stick?", "Who reads my email?")
    result = run(["feedback", "import", "notes.csv", "--session", "s"], cwd=root)
    assert result.exit_code == 3, result.output
    assert "has the same ID (fb-0000000000000001) as a different item; nothing was imported" in result.output
    assert not (root / "feedback").exists() or not list((root / "feedback").glob("*.yaml"))


def test_a_later_row_with_someone_elses_typed_email_does_not_replace_their_feedback(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    export = root / "form.csv"
    export.write_text(
        "Timestamp,Email Address,Your question\n"
        "11/20/2026 9:00:00,ana@corp.example,Can I print at home?\n"
        "11/20/2026 9:30:00,ana@corp.example,ha ha this is not Ana\n",
        encoding="utf-8",
    )
    result = run(["feedback", "import", "form.csv", "--session", "s"], cwd=root)
    assert result.exit_code == 0 and "0 replaced" in result.output
    stored = (root / "feedback" / "s.yaml").read_text(encoding="utf-8")
    assert "Can I print at home?" in stored and "ha ha this is not Ana" in stored
