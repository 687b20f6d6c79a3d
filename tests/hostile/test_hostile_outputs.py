"""No path a user or a configuration gives can make aup delete or overwrite what the user has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PYPROJECT, REPO, page, user_files


@pytest.fixture
def repo(project, tmp_path: Path) -> Path:
    """A manual repository with git's folder, an uncommitted edit and a file of the user's own."""
    root = project({"index.md": page("Home"), "devices.md": page("Devices", [("devices-usb", "Use USB sticks")])})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.txt").write_text("my uncommitted notes")
    return root


@pytest.mark.parametrize("site_dir", [".", "manual", "..", ".git", "manual/sub", "pyproject.toml"])
def test_build_refuses_a_site_folder_that_is_or_holds_what_the_user_has(repo: Path, run, site_dir: str) -> None:
    before = user_files(repo)
    result = run(["build", "--no-deck", "--site-dir", site_dir], cwd=repo)
    assert result.exit_code == 2, result.output
    assert "aup will not write the site there" in result.output or "is a file" in result.output
    assert user_files(repo) == before


def test_build_refuses_to_replace_a_folder_it_did_not_build(repo: Path, run) -> None:
    (repo / "public").mkdir()
    (repo / "public" / "logo.png").write_bytes(b"mine")
    result = run(["build", "--no-deck", "--site-dir", "public"], cwd=repo)
    assert result.exit_code == 2
    assert "holds files that aup did not build" in result.output
    assert (repo / "public" / "logo.png").read_bytes() == b"mine"


def test_build_replaces_a_site_it_built_and_an_empty_folder(repo: Path, run) -> None:
    (repo / "public").mkdir()
    assert run(["build", "--no-deck", "--site-dir", "public"], cwd=repo).exit_code == 0
    assert run(["build", "--no-deck", "--site-dir", "public"], cwd=repo).exit_code == 0
    assert (repo / "public" / "rule-ids.json").is_file() and (repo / "notes.txt").is_file()


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("slides", "output", "../../x/important.txt"),
        ("feedback", "folder", "/etc"),
        ("feedback", "folder", "manual"),
        ("announce", "outbox", ".git/hooks"),
        ("announce", "record", "pyproject.toml"),
        ("lint", "cache_dir", ".."),
    ],
)
def test_a_configured_output_path_stays_inside_the_project(repo: Path, run, section: str, key: str, value: str):
    (repo / "pyproject.toml").write_text(PYPROJECT + f'\n[tool.aup.{section}]\n{key} = "{value}"\n')
    before = user_files(repo)
    result = run(["check"], cwd=repo)
    assert result.exit_code == 3, result.output
    assert f"tool.aup.{section}.{key}: {value!r}" in result.output
    assert user_files(repo) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["slides", "--out", "manual/devices.md"], "inside the manual folder"),
        (["slides", "--out", "notes.txt"], "must be a .pptx file"),
        (["lint", "--html", "manual/devices.md"], "inside the manual folder"),
        (["lint", "--html", "notes.txt"], "must be a .html or .htm file"),
        (["feedback", "export", "--csv", "-o", "pyproject.toml"], "pyproject.toml"),
    ],
)
def test_an_output_option_never_overwrites_a_page_or_a_file_of_another_kind(
    repo: Path, run, args: list[str], message: str
) -> None:
    before = user_files(repo)
    result = run(args, cwd=repo)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert user_files(repo) == before
