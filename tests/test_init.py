"""``aup init``: a new manual repository that passes ``aup check``, never overwriting a file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

import aupkit
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


def test_init_writes_a_gitignore_that_keeps_built_files_and_personal_data_out_of_git(tmp_path: Path, run) -> None:
    target = tmp_path / "repo"
    assert run(["init", str(target), "--no-git"]).exit_code == 0
    ignored = (target / ".gitignore").read_text(encoding="utf-8").split()
    for entry in ("/site/", "/build/", "/.aup-cache/", "/outbox/", "/feedback/inbox/", "/.venv/"):
        assert entry in ignored, entry
    assert "inbox/" in (target / "feedback" / ".gitignore").read_text(encoding="utf-8")


@pytest.mark.parametrize(("language", "words"), [("en", "Set up once"), ("es", "Preparación (una sola vez)")])
def test_init_pins_this_aupkit_and_says_how_to_install_it_in_the_manuals_language(
    tmp_path: Path, run, language: str, words: str
) -> None:
    target = tmp_path / "repo"
    assert run(["init", str(target), "--lang", language, "--no-git"]).exit_code == 0
    project = tomllib.loads((target / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["dependencies"] == [f"aupkit=={aupkit.__version__}"]
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert words in readme
    assert f'.venv/bin/pip install "aupkit=={aupkit.__version__}"' in readme
    assert f'.venv\\Scripts\\pip install "aupkit=={aupkit.__version__}"' in readme, "the Windows form"
    assert "@" + "AUPKIT_VERSION@" not in readme and "@TITLE@" not in readme
    assert "AUPKIT_SPEC" in readme and "AUPKIT_SPEC" in (target / ".github/workflows/publish.yml").read_text()


def test_init_files_follow_the_umask_not_private_temporary_files(tmp_path: Path, run) -> None:
    target = tmp_path / "repo"
    old = os.umask(0o022)
    try:
        assert run(["init", str(target), "--no-git"]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((target / "pyproject.toml").stat().st_mode) == 0o644


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_with_git_makes_a_repository_and_built_files_stay_untracked(tmp_path: Path, run) -> None:
    target = tmp_path / "repo"
    result = run(["init", str(target), "--git"])
    assert result.exit_code == 0, result.output
    assert (target / ".git").is_dir()
    for built in ("site/index.html", "build/slides.pptx", "feedback/inbox/export.csv", ".venv/bin/aup"):
        (target / built).parent.mkdir(parents=True, exist_ok=True)
        (target / built).write_text("x")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=target, capture_output=True, text=True
    ).stdout
    assert "manual/email.md" in status
    for built in ("site/", "build/", "feedback/inbox/", ".venv/"):
        assert built not in status, f"git would commit {built}"


def test_init_inside_a_repository_does_not_run_git_init_again(tmp_path: Path, run) -> None:
    (tmp_path / ".git").mkdir()
    result = run(["init", str(tmp_path / "manual-repo"), "--git"])
    assert result.exit_code == 0
    assert not (tmp_path / "manual-repo" / ".git").exists()


def test_init_without_git_says_how_to_start_one_and_gives_commands_that_run(tmp_path: Path, run) -> None:
    target = tmp_path / "repo"
    result = run(["init", str(target), "--no-git"])
    assert not (target / ".git").exists()
    assert "run 'git init' there" in result.output
    commands = [line.strip() for line in result.output.splitlines() if line.strip().endswith((" check", " build"))]
    assert commands, result.output
    program = commands[0].rsplit(" ", 1)[0].strip('"')
    assert program == "aup" or Path(program.split(" -m ")[0].strip('"')).is_file(), program
