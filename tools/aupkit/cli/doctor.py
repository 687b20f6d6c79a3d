"""``aup doctor``: what is missing for each capability, with the fix."""

from __future__ import annotations

from pathlib import Path

import click

from ..doctor import core_works, diagnose
from ..errors import EXIT_FINDINGS, EXIT_OK
from .project import Project

MARKS = {"ok": ("ok", "green"), "warning": ("check", "yellow"), "missing": ("missing", "red")}


@click.command("doctor")
@click.pass_obj
def command(project: Project) -> int:
    """Say what each capability needs on this computer and in this repository, with the fix.

    Exits 0 when the core works (configuration, manual, site), 1 when it does not.
    """
    checks = diagnose(project.start or Path.cwd())
    width = max(len(check.capability) for check in checks)
    for check in checks:
        mark, colour = MARKS[check.status]
        click.echo(f"{click.style(f'{mark:<7}', fg=colour)} {check.capability:<{width}}  {check.detail}")
        if check.fix and check.status != "ok":
            click.echo(f"{'':<7} {'':<{width}}  fix: {check.fix}")
    return EXIT_OK if core_works(checks) else EXIT_FINDINGS
