"""``aup doctor`` and the checks that keep a manual repository and its aupkit in step."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupkit.config import check_aupkit_pin, load_config
from aupkit.doctor import core_works, diagnose
from aupkit.errors import ConfigError

PYPROJECT = Path("pyproject.toml")


def _project(version: str) -> dict:
    return {"dependencies": [f"aupkit=={version}"]}


def test_a_pin_equal_to_the_running_aupkit_says_nothing() -> None:
    assert check_aupkit_pin(_project("0.2.0"), PYPROJECT, installed="0.2.0") == ()


def test_a_manual_pinned_to_a_newer_aupkit_stops_with_the_file_and_the_install_command() -> None:
    with pytest.raises(ConfigError) as raised:
        check_aupkit_pin(_project("0.3.0"), PYPROJECT, installed="0.2.0")
    assert "pyproject.toml" in raised.value.message and "older 0.2.0" in raised.value.message
    assert raised.value.exit_code == 3
    assert "pip install 'aupkit==0.3.0'" in raised.value.details[0]


@pytest.mark.parametrize("dependency", ["aupkit==0.1.0", "aupkit"])
def test_an_older_or_missing_pin_keeps_working_and_says_what_to_change(dependency: str) -> None:
    notices = check_aupkit_pin({"dependencies": [dependency]}, PYPROJECT, installed="0.2.0")
    assert len(notices) == 1 and '"aupkit==0.2.0"' in notices[0]


@pytest.mark.parametrize(
    ("spec", "accepted"), [(">=0.2,<0.3", True), ("~=0.2.0", True), (">=0.3", False), ("<0.2", False)]
)
def test_a_version_range_is_read_as_pip_reads_it(spec: str, accepted: bool) -> None:
    project = {"dependencies": [f"aupkit{spec}"]}
    if accepted:
        assert check_aupkit_pin(project, PYPROJECT, installed="0.2.0") == ()
    else:
        with pytest.raises(ConfigError, match="needs aupkit"):
            check_aupkit_pin(project, PYPROJECT, installed="0.2.0")


def test_a_requirement_that_is_no_version_names_the_fix() -> None:
    with pytest.raises(ConfigError, match="not a version requirement"):
        check_aupkit_pin({"dependencies": ["aupkit=>1"]}, PYPROJECT, installed="0.2.0")


def test_other_dependencies_and_aupkits_own_tree_are_not_a_pin() -> None:
    assert check_aupkit_pin({"name": "aupkit", "dependencies": ["click>=8"]}, PYPROJECT, installed="0.2.0") == ()
    assert check_aupkit_pin({"dependencies": ["aupkit-extra==9"]}, PYPROJECT, installed="0.2.0") == ()


def test_the_cli_refuses_a_manual_made_by_a_newer_aupkit(tmp_path: Path, run) -> None:
    run(["init", str(tmp_path / "m"), "--no-git"])
    pyproject = tmp_path / "m" / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"aupkit==', '"aupkit==9.'), encoding="utf-8")
    result = run(["check"], cwd=tmp_path / "m")
    assert result.exit_code == 3
    assert f"{pyproject}: this manual pins aupkit==9." in result.output


def test_a_pyproject_without_tool_aup_is_named_with_the_fix(tmp_path: Path, run) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "intranet"\n', encoding="utf-8")
    for command in (["build"], ["feedback", "status"], ["announce"]):
        result = run(command, cwd=tmp_path)
        assert result.exit_code == 3, (command, result.output)
        assert f"{tmp_path / 'pyproject.toml'}: has no [tool.aup] table" in result.output
        assert "[tool.aup]" in result.output and "title" in result.output


def test_no_project_at_all_says_where_it_looked(tmp_path: Path, run) -> None:
    result = run(["build"], cwd=tmp_path)
    assert result.exit_code == 3
    assert f"no pyproject.toml with a [tool.aup] table in {tmp_path.resolve()}" in result.output


def _status(checks, capability: str) -> str:
    return next(check.status for check in checks if check.capability == capability)


def test_doctor_on_a_new_repository_finds_the_core_working(tmp_path: Path, run) -> None:
    run(["init", str(tmp_path / "m"), "--no-git"])
    checks = diagnose(tmp_path / "m", environ={}, which=lambda name: None)
    assert core_works(checks)
    assert _status(checks, "manual") == "ok" and _status(checks, "site") == "ok"
    assert _status(checks, "feedback form") == "warning", "the example address is not a real form"
    assert _status(checks, "announcement") == "warning"
    assert _status(checks, "deck preview") == "missing" and _status(checks, "browser") == "missing"
    git = next(check for check in checks if check.capability == "git")
    assert "install git" in git.fix, "with no git on PATH, the fix starts by installing it"


def test_doctor_fails_when_the_manual_cannot_be_built_and_names_the_problem(tmp_path: Path, run) -> None:
    run(["init", str(tmp_path / "m"), "--no-git"])
    (tmp_path / "m" / "mkdocs.yml").unlink()
    result = run(["doctor"], cwd=tmp_path / "m")
    assert result.exit_code == 1
    assert "mkdocs.yml is missing" in result.output and "fix: run 'aup init .'" in result.output


def test_doctor_reads_smtp_settings_from_the_environment(tmp_path: Path, run) -> None:
    run(["init", str(tmp_path / "m"), "--no-git"])
    pyproject = tmp_path / "m" / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text() + '\n[tool.aup.announce]\nrecipients = ["all@corp.example"]\n', encoding="utf-8"
    )
    assert _status(diagnose(tmp_path / "m", environ={}), "announcement") == "warning"
    assert _status(diagnose(tmp_path / "m", environ={"AUP_SMTP_HOST": "mail.corp"}), "announcement") == "ok"


def test_doctor_tells_a_repository_made_by_aupkit_0_1_what_to_change(tmp_path: Path, run) -> None:
    old = tmp_path / "old"
    run(["init", str(old), "--no-git"])
    _make_it_look_like_0_1(old)
    config = load_config(old)
    assert config.notices and '"aupkit==' in config.notices[0], "the unpinned aupkit is named"
    checks = diagnose(old, environ={})
    assert core_works(checks)
    messages = " ".join(f"{check.detail} {check.fix}" for check in checks if check.status != "ok")
    assert "pip install -e ." in messages and "AUPKIT_SPEC" in messages
    assert ".gitignore does not ignore" in messages


def _make_it_look_like_0_1(root: Path) -> None:
    """What aupkit 0.1.0's `aup init` wrote that 0.2 changed: no pin, `pip install -e .`, no root .gitignore."""
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    start = text.index("dependencies = [")
    text = text[:start] + 'dependencies = ["aupkit"]' + text[text.index("]", start) + 1 :]
    pyproject.write_text(text + "\n[tool.setuptools]\npackages = []\n", encoding="utf-8")
    workflow = root / ".github/workflows/publish.yml"
    lines = workflow.read_text(encoding="utf-8").splitlines()
    begin = next(i for i, line in enumerate(lines) if "name: Install aup" in line)
    end = next(i for i, line in enumerate(lines) if "name: Check the writing" in line)
    old_step = ["      - name: Install aup", "        run: python3 -m venv .venv && .venv/bin/pip install -e ."]
    workflow.write_text("\n".join([*lines[:begin], *old_step, *lines[end:]]) + "\n", encoding="utf-8")
    (root / ".gitignore").unlink()
