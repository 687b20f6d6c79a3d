"""What the commands of one ``aup`` invocation share: the project and its configuration."""

from __future__ import annotations

from pathlib import Path

from ..config import Config, load_config


class Project:
    """Lazily loaded configuration shared by the commands of one invocation."""

    def __init__(self, start: Path | None) -> None:
        self.start = start
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.start)
        return self._config
