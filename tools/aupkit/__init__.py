"""aupkit: write, check, publish and present an acceptable-use policy manual."""

from __future__ import annotations

# The one place the version is written: pyproject.toml reads it from here (dynamic version),
# `aup --version` prints it and `aup init` pins new repositories to it.
__version__ = "0.2.0"


def version() -> str:
    """The version of this aupkit."""
    return __version__
