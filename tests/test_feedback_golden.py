"""Golden files: a small manual and store merged, compared line for line with the expected pages."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.feedback.merge import apply_merge, plan_merge
from aupkit.feedback.store import load_store
from aupkit.model import load_manual

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "feedback" / "golden"
PAGES = ("index.md", "changelog.md", "email.md")


def merged(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN / "manual", tmp_path / "manual")
    (tmp_path / "feedback").mkdir()
    shutil.copy(GOLDEN / "store.yaml", tmp_path / "feedback" / "golden.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.aup]\ntitle = "Golden"\n', encoding="utf-8")
    config = load_config(tmp_path)
    apply_merge(plan_merge(load_manual(config), config, load_store(config), dt.date(2026, 11, 23)))
    return tmp_path


@pytest.mark.parametrize("page", PAGES)
def test_merge_output_matches_the_golden_page(tmp_path: Path, page: str) -> None:
    root = merged(tmp_path)
    expected = (GOLDEN / "expected" / page).read_text(encoding="utf-8")
    assert (root / "manual" / page).read_text(encoding="utf-8") == expected


def test_merging_the_golden_output_again_changes_nothing(tmp_path: Path) -> None:
    root = merged(tmp_path)
    config = load_config(root)
    assert plan_merge(load_manual(config), config, load_store(config), dt.date(2026, 11, 24)).empty
