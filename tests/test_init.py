"""``aup init``: a new manual repository that passes ``aup check``, never overwriting a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.model import load_manual


@pytest.mark.parametrize("language", ["en", "es"])
def test_init_scaffolds_a_manual_that_passes_check(tmp_path: Path, run, language: str) -> None:
    target = tmp_path / "new"
    result = run(["init", str(target), "--lang", language])
    assert result.exit_code == 0, result.output
    for relative in (
        "pyproject.toml",
        "manual/index.md",
        "manual/glossary.md",
        "manual/changelog.md",
        "feedback/.gitignore",
        "feedback/README.md",
        "slides/README.md",
        "mkdocs.yml",
        ".github/workflows/publish.yml",
    ):
        assert (target / relative).is_file(), relative
    config = load_config(target)
    assert config.language == language
    manual = load_manual(config)
    assert {page.language for page in manual.pages} == {language}
    assert sum(1 for _ in manual.rules) >= 20
    check = run(["check"], cwd=target)
    assert check.exit_code == 0, check.output


def test_init_never_overwrites(tmp_path: Path, run) -> None:
    target = tmp_path / "existing"
    (target / "manual").mkdir(parents=True)
    (target / "manual" / "email.md").write_text("my own words\n")
    (target / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    result = run(["init", str(target)])
    assert result.exit_code == 0
    assert (target / "manual" / "email.md").read_text() == "my own words\n"
    assert (target / "pyproject.toml").read_text() == "[project]\nname = 'mine'\n"
    assert "kept" in result.output and "manual/email.md" in result.output
    assert (target / "manual" / "byod.md").is_file()


def test_init_rejects_an_unknown_language(tmp_path: Path, run) -> None:
    result = run(["init", str(tmp_path / "x"), "--lang", "fr"])
    assert result.exit_code == 2
