"""Publishing: the GitHub workflow and the README's GitLab job call the README's commands; init'd projects build."""

from __future__ import annotations

import re
import shlex

import click
import pytest
import yaml

from aupkit.cli.main import cli
from aupkit.config import load_config
from aupkit.site.build import build_site
from aupkit.site.engines import ENGINES
from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
README = (REPO / "README.md").read_text(encoding="utf-8")


def _readme_main_command() -> str:
    return next(line for line in README.splitlines() if line.startswith("python3 -m venv") and "aup build" in line)


def _gitlab_job() -> dict:
    block = re.search(r"\*\*GitLab Pages\*\*.*?```yaml\n(.*?)```", README, re.DOTALL)
    assert block, "the README documents the GitLab Pages job"
    return yaml.safe_load(block.group(1))


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _run_steps(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_workflow_is_valid_yaml_with_build_and_deploy_jobs():
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "default_branch" in deploy["if"], "pull requests never deploy"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_workflow_runs_the_readme_main_command_and_lints_with_annotations():
    runs = _run_steps(_workflow()["jobs"]["build"])
    main = _readme_main_command()
    assert " && ".join([runs[0], runs[-1]]) == main, f"the workflow must run the README's command: {main}"
    assert ".venv/bin/aup lint --format github" in runs


def test_gitlab_job_installs_as_the_generated_workflow_does_and_runs_the_same_commands(run, tmp_path):
    assert run(["init", str(tmp_path / "m"), "--no-git"]).exit_code == 0
    generated = yaml.safe_load((tmp_path / "m/.github/workflows/publish.yml").read_text(encoding="utf-8"))
    install = next(step for step in generated["jobs"]["build"]["steps"] if step.get("name") == "Install aup")
    install_lines = install["run"].strip().splitlines()
    job = _gitlab_job()
    for name in ("pages", "check"):
        assert job[name]["script"][: len(install_lines)] == install_lines, name
    main_build = _readme_main_command().split(" && ")[-1]
    assert job["pages"]["script"][-1] == main_build + " --site-dir public"
    assert job["pages"]["artifacts"]["paths"] == ["public"]
    assert job["check"]["script"][-1] == main_build


def test_every_aup_command_in_ci_exists_with_its_options():
    commands = [
        *_run_steps(_workflow()["jobs"]["build"]),
        *(c for job in _gitlab_job().values() for c in job["script"]),
    ]
    seen = 0
    for command in commands:
        for part in command.split(" && "):
            words = shlex.split(part)
            if not words[0].endswith("bin/aup"):
                continue
            seen += 1
            sub = cli.get_command(click.Context(cli), words[1])  # commands load lazily
            assert sub is not None, f"'{part}': aup has no command '{words[1]}'"
            options = {opt for param in sub.params for opt in getattr(param, "opts", [])}
            for word in words[2:]:
                if word.startswith("--"):
                    assert word in options, f"'{part}': aup {words[1]} has no option {word}"
    assert seen >= 5


def test_init_writes_the_repository_mkdocs_yml_and_workflow_and_the_project_builds(run, tmp_path):
    target = tmp_path / "new-manual"
    assert run(["init", str(target)]).exit_code == 0
    assert (target / "mkdocs.yml").read_bytes() == (REPO / "mkdocs.yml").read_bytes()
    generated = yaml.safe_load((target / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert generated["jobs"]["deploy"] == _workflow()["jobs"]["deploy"], "both publish the same way"
    result = build_site(load_config(target))
    assert result.site_dir == target / "site" and result.rules > 0
    assert (target / "site" / "index.html").is_file()


@pytest.mark.parametrize("engine", list(ENGINES))
def test_spanish_init_builds_a_spanish_site_with_every_engine(run, tmp_path, engine):
    if not ENGINES[engine].installed():
        pytest.skip(f"the site engine {engine} is not installed (pip install '{ENGINES[engine].extra}')")
    target = tmp_path / "manual-es"
    assert run(["init", "--lang", "es", str(target)]).exit_code == 0
    build_site(load_config(target), engine=engine, pdf=True)
    page = (target / "site" / "email" / "index.html").read_text(encoding="utf-8").replace("&#x2f;", "/")
    assert "<dt>Responsable</dt>" in page and "<dt>Próxima revisión</dt>" in page
    assert "ID de la regla: <a href=" in page and '<div class="admonition success aup-do">' in page
    assert "{{" not in page and "<abbr title=" in page
    assert 'manual-de-buenas-practicas-1.0.0-es.pdf" download>Descarga el manual completo en PDF' in page
    home = (target / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home
    assert "¿Preguntas o sugerencias?" in home and "Novedades" in home
    assert "El manual completo" in home and "The whole manual" not in home
