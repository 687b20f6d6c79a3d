"""From nothing to a published site, as an organisation does it, with no network.

Builds aupkit's sdist and wheel from this checkout the way the release workflow does, installs
the wheel in a fresh environment ("the IT lead's computer"), runs its ``aup init`` for an English
and a Spanish manual repository, commits them with git, then runs the generated publishing
workflow's own commands (read from its YAML) with ``AUPKIT_SPEC`` pointing at the wheel, as an
organisation without access to PyPI would set it. Dependencies come from a folder of wheels
(``build/wheelhouse``, made by ``.ci/run``) through pip's own ``PIP_FIND_LINKS``/``PIP_NO_INDEX``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import aupkit
from conftest import REPO

WHEELHOUSE = Path(os.environ.get("AUP_WHEELHOUSE", REPO / "build" / "wheelhouse"))
RELEASE = REPO / ".github" / "workflows" / "release.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
VARIABLE = re.compile(r"^vars\.(\w+)(?:\s*\|\|\s*'([^']*)')?$")

pytestmark = [
    pytest.mark.skipif(
        not any(WHEELHOUSE.glob("*.whl")),
        reason=f"needs aupkit's dependencies as wheels in {WHEELHOUSE}: "
        "python3 -m pip wheel --wheel-dir build/wheelhouse . (.ci/run makes it)",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def _run(command: list[str] | str, cwd: Path, env: dict[str, str], timeout: int = 900) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, shell=isinstance(command, str)
    )
    assert done.returncode == 0, f"{command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def machine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean environment: a python3 that is no virtual environment's, git, and pip offline."""
    bin_dir = tmp_path_factory.mktemp("bin")
    (bin_dir / "python3").symlink_to(sys._base_executable)
    return {
        "PATH": os.pathsep.join([str(bin_dir), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(tmp_path_factory.mktemp("home")),
        "LANG": "C.UTF-8",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "GIT_AUTHOR_NAME": "IT team",
        "GIT_AUTHOR_EMAIL": "it@corp.example",
        "GIT_COMMITTER_NAME": "IT team",
        "GIT_COMMITTER_EMAIL": "it@corp.example",
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory, machine: dict[str, str]) -> Path:
    """The release job's build commands, run here (without the build isolation that needs an index)."""
    out = tmp_path_factory.mktemp("dist")
    commands = _release_build_commands()
    assert "python3 -m build --outdir dist ." in commands
    assert "python3 -m twine check --strict dist/*" in commands
    source = tmp_path_factory.mktemp("checkout") / "aupkit"
    shutil.copytree(REPO, source, ignore=_outside_the_checkout)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)], source, env)
    _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, out.iterdir())], source, env)
    return out


def _outside_the_checkout(folder: str, names: list[str]) -> set[str]:
    """What a fresh clone does not have: built and installed files at the top of this working copy."""
    if Path(folder) != REPO:
        return {name for name in names if name in ("__pycache__", "aupkit.egg-info")}
    return {".venv", "build", "site", "node_modules", ".git", "outbox", ".aup-cache"} & set(names)


def _release_build_commands() -> list[str]:
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    return [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]


def test_the_wheel_holds_everything_aup_needs_at_run_time(dist: Path) -> None:
    import zipfile

    wheel = next(dist.glob("aupkit-*.whl"))
    assert wheel.name.startswith(f"aupkit-{aupkit.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "aupkit/starter/en/index.md",
        "aupkit/starter/es/index.md",
        "aupkit/starter/readme/es.md",
        "aupkit/starter/project/dot-gitignore",
        "aupkit/starter/project/feedback/dot-gitignore",
        "aupkit/starter/project/dot-github/workflows/publish.yml",
        "aupkit/starter/project/mkdocs.yml",
        "aupkit/starter/project/slides/README.md",
        "aupkit/lint/data/cmudict-stress.txt.gz",
        "aupkit/lint/data/es.yaml",
        "aupkit/site/theme/overrides/main.html",
        "aupkit/site/theme/assets/javascripts/aup.js",
    ):
        assert needed in names, needed
    assert next(dist.glob(f"aupkit-{aupkit.__version__}.tar.gz"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_new_repository_installs_and_publishes_with_its_own_workflow(
    dist: Path, machine: dict[str, str], tmp_path: Path, language: str
) -> None:
    wheel = next(dist.glob("aupkit-*.whl"))
    # The IT lead installs aupkit from the wheel their organisation keeps, and makes the repository.
    laptop = tmp_path / "laptop-env"
    _run(["python3", "-m", "venv", str(laptop)], tmp_path, machine)
    _run([str(laptop / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], tmp_path, machine)
    version = _run([str(laptop / "bin" / "aup"), "--version"], tmp_path, machine)
    assert aupkit.__version__ in version
    repo = tmp_path / f"manual-{language}"
    _run([str(laptop / "bin" / "aup"), "init", str(repo), "--lang", language, "--git"], tmp_path, machine)
    _run("git add -A && git commit --quiet -m 'Our manual'", repo, machine)
    pinned = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert pinned == [f"aupkit=={aupkit.__version__}"]

    # CI checks out the commit and runs the workflow's commands, with AUPKIT_SPEC set to the wheel.
    variables = {"AUPKIT_SPEC": str(wheel)}
    workflow = yaml.safe_load((repo / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = [step for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert steps[0]["name"] == "Install aup"
    for step in steps:
        env = {**machine, **{key: _evaluate(value, variables) for key, value in step.get("env", {}).items()}}
        _run(["bash", "-e", "-c", step["run"]], repo, env)

    home = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in home
    assert (repo / "site" / "downloads" / "slides.pptx").stat().st_size > 10_000, "the deck is on the site"
    status = _run(["git", "status", "--porcelain", "--untracked-files=all"], repo, machine)
    assert status.strip() == "", f"the build left files git would commit:\n{status}"


def _evaluate(value: str, variables: dict[str, str]) -> str:
    """GitHub's ``${{ vars.NAME }}`` and ``${{ vars.NAME || 'default' }}``: the only expressions a step's env uses."""

    def one(match: re.Match[str]) -> str:
        variable = VARIABLE.match(match.group(1))
        assert variable, f"the workflow uses an expression this test cannot stand in for: {match.group(0)}"
        return variables.get(variable.group(1)) or variable.group(2) or ""

    return EXPRESSION.sub(one, str(value))


def test_a_repository_made_by_aupkit_0_1_keeps_building_and_is_told_what_to_change(
    dist: Path, machine: dict[str, str], tmp_path: Path
) -> None:
    from test_doctor import _make_it_look_like_0_1

    env = tmp_path / "env"
    _run(["python3", "-m", "venv", str(env)], tmp_path, machine)
    wheel = str(next(dist.glob("*.whl")))
    _run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", wheel], tmp_path, machine)
    aup = str(env / "bin" / "aup")
    repo = tmp_path / "old-manual"
    _run([aup, "init", str(repo), "--no-git"], tmp_path, machine)
    _make_it_look_like_0_1(repo)
    output = _run([aup, "build"], repo, machine)
    assert (repo / "site" / "index.html").is_file()
    assert f"{repo / 'pyproject.toml'}: [project] dependencies lists aupkit without a version" in output
    assert f'"aupkit=={aupkit.__version__}"' in output
    doctor = _run([aup, "doctor"], repo, machine)
    assert "pip install -e ." in doctor and "AUPKIT_SPEC" in doctor
