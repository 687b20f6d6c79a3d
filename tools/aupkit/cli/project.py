"""What the commands of one ``aup`` invocation share: the project and its configuration."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..config import PYPROJECT, Config, load_config
from ..errors import ConfigError
from ..files import project_lock


class Project:
    """Lazily loaded configuration shared by the commands of one invocation."""

    def __init__(self, start: Path | None) -> None:
        self.start = start
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        """The configuration (defaults when there is no manual repository: enough to check single files)."""
        if self._config is None:
            self._config = load_config(self.start)
            for notice in self._config.notices:
                click.secho(f"aup: note: {notice}", err=True, fg="yellow")
        return self._config

    @contextmanager
    def locked(self, command: str) -> Iterator[None]:
        """The project held for ``command`` while it reads, plans and writes shared state.

        Says what it repaired first: a write that an interrupted run left half-done.
        """
        with project_lock(self.repository, command) as repaired:
            for repair in repaired:
                click.secho(f"aup: repaired: {repair}", err=True, fg="yellow")
            yield

    @property
    def repository(self) -> Config:
        """The configuration of a manual repository; a command that publishes needs one."""
        config = self.config
        if config.source is None:
            raise missing_repository(self.start or Path.cwd())
        return config


def missing_repository(start: Path) -> ConfigError:
    """The error for a command that needs a manual repository and found none at or above ``start``."""
    start = start.resolve()
    near = next((folder / PYPROJECT for folder in (start, *start.parents) if (folder / PYPROJECT).is_file()), None)
    if near is not None:
        return ConfigError(
            f"{near}: has no [tool.aup] table, so this is not a manual repository yet",
            details=(
                'add a [tool.aup] table to it, for example: [tool.aup] title = "Good practice manual" '
                "language = \"en\" (aupkit's README lists every key; 'aup init NEW-FOLDER' writes a whole example)",
            ),
        )
    return ConfigError(
        f"no pyproject.toml with a [tool.aup] table in {start} or above",
        details=("run aup inside the manual repository (or pass -C FOLDER), or make one with 'aup init FOLDER'",),
    )
