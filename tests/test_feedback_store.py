"""The store's YAML writer and its atomic writes; what counts as an invisible character."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aupkit.errors import WriteError
from aupkit.feedback.redact import INVISIBLE_CATEGORIES, invisible
from aupkit.feedback.store import scalar
from aupkit.files import write_atomic


@settings(max_examples=1500)
@given(st.text())
def test_every_text_is_written_as_yaml_that_reads_back_the_same(text: str) -> None:
    document = f"item:\n  text: {scalar(text)}\n  next: 1\n"
    assert yaml.safe_load(document)["item"]["text"] == text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Can I forward it?", "Can I forward it?"),
        ("2026-11-20", '"2026-11-20"'),
        ("yes", '"yes"'),
        ("1.10", '"1.10"'),
        ("Note: this", '"Note: this"'),
        ("line one\nline two", "|-\n    line one\n    line two"),
        ("", "''"),
    ],
)
def test_text_stays_readable_where_it_can(value: str, written: str) -> None:
    assert scalar(value) == written


def test_the_invisible_class_matches_exactly_the_invisible_categories() -> None:
    pattern = invisible()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category in INVISIBLE_CATEGORIES and code != 0x0A:
            assert pattern.match(char), hex(code)
        elif category[0] in "LMNPSZ":
            assert not pattern.match(char), hex(code)


def test_atomic_write_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "sub" / "b.md"
    first.write_text("old", encoding="utf-8")
    os.chmod(first, 0o640)
    write_atomic({first: "new text\n", second: b"bytes\n"})
    assert first.read_text(encoding="utf-8") == "new text\n" and second.read_bytes() == b"bytes\n"
    assert first.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.yaml", "b.md", "sub"]


def test_a_failed_write_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    good, blocked = tmp_path / "a.yaml", tmp_path / "dir-in-the-way"
    good.write_text("old", encoding="utf-8")
    blocked.mkdir()
    (blocked / "x").write_text("keep", encoding="utf-8")
    with pytest.raises(WriteError) as raised:
        write_atomic({good: "new", blocked: "cannot replace a folder with a file"})
    assert "dir-in-the-way" in raised.value.message and "nothing was changed" in raised.value.message
    assert good.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "dir-in-the-way"]


HAND_WRITTEN = """\
# Decisions from the November session. Reviewed by the security team on 2026-11-22.
session: nov
items:
- id: fb-00000000a1
  date: 2026-11-20           # when it was asked
  rule: email-phishing
  kind: question
  text: "Can I forward it first?"
  status: answered
  # agreed with HR
  answer: >-
    No. Report it with
    the Report button.
- id: fb-00000000a2
  rule: email-report
  kind: suggestion
  text: Add the button's picture.
  status: accepted
  answer: The rule now shows the button.
  change: minor
  released:   # filled in by merge
"""


def test_merge_and_import_keep_peoples_comments_and_layout(tmp_path: Path, run) -> None:
    from feedback_samples import FIXTURES, english_project

    root = english_project(tmp_path / "p")
    store = root / "feedback" / "nov.yaml"
    store.parent.mkdir()
    store.write_text(HAND_WRITTEN, encoding="utf-8")
    result = run(["feedback", "merge", "--apply"], cwd=root)
    assert result.exit_code == 0, result.output
    after = store.read_text(encoding="utf-8")
    expected = HAND_WRITTEN.replace("    the Report button.\n", "    the Report button.\n  released: 1.1.0\n").replace(
        "  released:   # filled in by merge", "  released: 1.1.0   # filled in by merge"
    )
    assert after == expected
    imported = run(["feedback", "import", str(FIXTURES / "presenter-notes.csv"), "--session", "nov"], cwd=root)
    assert imported.exit_code == 0, imported.output
    grown = store.read_text(encoding="utf-8")
    # The responses go in a block of their own before 'items:'; the new items at the end; nothing else moves.
    block = re.search(r"^responses:\n((?:  r-[0-9a-f]{12}: \{.*\}\n)+)(?=items:)", grown, re.M)
    assert block and block.group(1).count("\n") == 3, grown
    assert grown.replace(block.group(0), "").startswith(expected) and grown.count("- id: ") == 5
    again = run(["feedback", "import", str(FIXTURES / "presenter-notes.csv"), "--session", "nov"], cwd=root)
    assert again.exit_code == 0 and store.read_text(encoding="utf-8") == grown
    assert run(["feedback", "merge"], cwd=root).exit_code == 0
