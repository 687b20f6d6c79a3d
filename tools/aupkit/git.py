"""git, asked read-only questions. Every answer is None when git fails or is not installed."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_output(where: Path, *args: str) -> str | None:
    """git's output, or None when git fails or is not installed."""
    try:
        result = subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def git_top(where: Path) -> Path | None:
    """The top folder of the repository ``where`` is in."""
    found = git_output(where, "rev-parse", "--show-toplevel")
    return Path(found.strip()).resolve() if found else None
