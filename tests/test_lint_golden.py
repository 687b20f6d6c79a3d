"""Golden lint output: each page in tests/fixtures/lint/golden/ and the text ``aup lint`` prints for it.

The expected output sits beside its page as ``<page>.txt``, readable on its own (mdformat-style).
After a deliberate change to a check or a message, write them again and read the diff:

    AUP_WRITE_GOLDEN=1 .venv/bin/pytest tests/test_lint_golden.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.lint import lint_manual
from aupkit.lint.formats import as_text
from aupkit.model import load_manual
from conftest import PYPROJECT

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "lint" / "golden"
TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("page", sorted(path.name for path in GOLDEN.glob("*.md")))
def test_lint_output_is_the_golden_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    (tmp_path / "manual").mkdir()
    shutil.copy(GOLDEN / page, tmp_path / "manual" / page)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(tmp_path)
    text = as_text(lint_manual(load_manual(config), config, today=TODAY))
    expected = GOLDEN / f"{Path(page).stem}.txt"
    if os.environ.get("AUP_WRITE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_every_golden_page_has_its_text_and_there_is_one_per_language() -> None:
    pages = sorted(GOLDEN.glob("*.md"))
    assert {load_language(page) for page in pages} == {"en", "es"}
    for page in pages:
        assert (GOLDEN / f"{page.stem}.txt").is_file(), page.name


def load_language(page: Path) -> str:
    return "es" if "language: es" in page.read_text(encoding="utf-8") else "en"
