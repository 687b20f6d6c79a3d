"""The findings that stop a site build, from the model and the linter. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..model import Manual, display_path


@dataclass(frozen=True)
class BuildFinding:
    """One error-level problem on a page, in the one text form every command prints."""

    path: Path
    line: int
    column: int
    code: str
    message: str
    fix: str | None

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}:{self.column}"
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}: {self.message}{fix} [{self.code}]"


def blocking_findings(manual: Manual, config: Config, today: dt.date | None = None) -> tuple[BuildFinding, ...]:
    """Every error-level finding on the manual: structure problems and (when available) the linter's."""
    found = [
        BuildFinding(d.path, d.line, d.column, d.code, d.message, d.fix)
        for d in manual.diagnostics
        if d.severity == "error" or d.fatal
    ]
    return tuple(sorted(found, key=lambda f: (str(f.path), f.line, f.column, f.code)))
