"""aupkit: write, check, publish and present an acceptable-use policy manual."""

from __future__ import annotations

from functools import cache


@cache
def version() -> str:
    """The installed package's version (read on first use: importlib.metadata costs ~40 ms to import)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("aupkit")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'aupkit' has no attribute {name!r}")
