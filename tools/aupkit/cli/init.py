"""``aup init``: scaffold a new manual repository."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..scaffold import TITLES, VARIANTS, inside_git_repository, plan_scaffold, start_rule_record, write_scaffold


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    "language",
    default="en",
    show_default=True,
    metavar="LANG[,LANG...]",
    help=f"Language of the starter manual ({', '.join(sorted(TITLES))}); several, the source first, for one manual "
    "in each (es,en).",
)
@click.option(
    "--variant",
    type=click.Choice(VARIANTS),
    default=None,
    help="The Spanish starter's region: es-419 (Latin America, Mexico in mind; the default) or es-ES (Spain's "
    "words, institutions and laws); also sets the variant of aupkit's own Spanish words.",
)
@click.option(
    "--git/--no-git",
    "git",
    default=None,
    help="Run 'git init' when DIRECTORY is not in a git repository (default: ask, when run in a terminal).",
)
def command(directory: Path, language: str, variant: str | None, git: bool | None) -> int:
    """Create a new manual repository in DIRECTORY: starter manual, mkdocs.yml, configuration, CI workflow.

    Never overwrites a file that already exists; it is listed as kept.
    """
    languages = [code.strip() for code in language.split(",")]
    if variant and "es" not in languages:
        raise UsageError(f"--variant {variant} is for the Spanish starter: add es to --lang")
    result = write_scaffold(directory, plan_scaffold(languages, variant or ""))
    record = start_rule_record(directory)
    for relative in (*result.created, *([record] if record else [])):
        click.echo(f"created {directory / relative}")
    for relative in result.kept:
        click.echo(f"kept    {directory / relative} (already there, not changed)")
    _offer_git(directory, git)
    aup = aup_command()
    click.echo(
        f"\nNext:\n  cd {shlex.quote(str(directory))}\n  {aup} check\n  {aup} build\n"
        f"README.md in {directory} says how to install aup there and publish the site.",
        err=True,
    )
    return 0


def _offer_git(directory: Path, git: bool | None) -> None:
    if inside_git_repository(directory):
        return
    if git is None:
        git = sys.stdin.isatty() and click.confirm(f"{directory} is not a git repository. Run 'git init' there?")
    if not git:
        click.echo(f"{directory} is not a git repository yet: run 'git init' there to keep its history.", err=True)
        return
    if shutil.which("git") is None:
        click.echo("git is not installed: install it (https://git-scm.com) and run 'git init' there.", err=True)
        return
    done = subprocess.run(["git", "init", "--quiet", str(directory)], capture_output=True, text=True)
    if done.returncode:
        click.echo(f"'git init' failed: {done.stderr.strip()}", err=True)
    else:
        click.echo(f"initialised a git repository in {directory}")


def aup_command() -> str:
    """How to run this very ``aup`` from a shell: plain ``aup`` when that is what PATH finds, else its full path."""
    script = Path(sys.argv[0])
    on_path = shutil.which("aup")
    if on_path and script.name.startswith("aup") and _same_file(Path(on_path), script):
        return "aup"
    folder = Path(sys.executable).parent
    for candidate in (folder / "aup", folder / "aup.exe"):
        if candidate.is_file():
            return _quote(str(candidate))
    return f"{_quote(sys.executable)} -m aupkit"


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _quote(text: str) -> str:
    return f'"{text}"' if " " in text else text
