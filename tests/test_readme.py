"""The README stays true: its CLI reference matches the code, its quick start holds two commands."""

from __future__ import annotations

import re

from aupkit.cli.reference import END, START, render_reference
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)


def test_cli_reference_is_generated_from_the_code() -> None:
    block = README.split(START, 1)[1].split(END, 1)[0].strip()
    assert block == render_reference().strip(), "run: python -m aupkit.cli.reference --write README.md"


def test_every_command_is_documented() -> None:
    import click

    from aupkit.cli.main import cli

    names = cli.list_commands(click.Context(cli))
    assert {"lint", "build", "slides", "feedback", "announce"} <= set(names)
    for name in names:
        assert f"### `aup {name}`" in README, name


def test_quick_start_has_exactly_two_commands_for_a_fresh_machine() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    main_job, tests = commands
    assert main_job.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/aup ")
    assert tests.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && ")
    assert tests.endswith("pytest") or " pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    pattern = re.search(r"grep -m1 -E '(.*?)' README.md", ci)
    assert pattern, ".ci/run must take its test command from the README"
    (tests_command,) = [c for c in quick_start_commands() if "pytest" in c]
    assert re.match(pattern.group(1), tests_command)
    assert "ruff check" in ci and "ruff format --check" in ci


def test_quick_start_gives_each_command_in_its_windows_powershell_form() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    windows = re.findall(r"```powershell\n(.*?)\n```", section, re.DOTALL)
    expected = [
        command.replace("python3 ", "py ", 1).replace(" && ", "; ").replace(".venv/bin/", ".venv\\Scripts\\")
        for command in quick_start_commands()
    ]
    assert windows == expected


def test_contributing_names_files_and_tests_that_exist() -> None:
    guide = (REPO / "docs" / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:tools|tests|docs)/[\w/.-]+?)(?:::(\w+))?`", guide))
    assert len(paths) >= 10
    for path, test in paths:
        if "<" in path:
            continue
        target = REPO / path
        assert target.exists(), f"docs/CONTRIBUTING.md names {path}, which does not exist"
        if test:
            assert f"def {test}(" in target.read_text(encoding="utf-8"), f"{path} has no {test}"


def test_every_lint_check_is_documented_in_docs_lint_md() -> None:
    from aupkit.lint.checks import CODES

    guide = (REPO / "docs" / "lint.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in guide]
    assert missing == [], f"document these checks in docs/lint.md: {missing}"


def test_every_code_a_data_rule_reports_is_declared_once_in_codes() -> None:
    from aupkit.languages import LANGUAGES
    from aupkit.lint.checks import CODES
    from aupkit.lint.rules import rule_data

    used = {entry.get("code") for language in LANGUAGES for entry in rule_data(language).get("rules", ())}
    assert used - {None} <= set(CODES), "declare these codes in CODES (lint/checks.py): SARIF and the report read it"
