"""aupkit: write, check, publish and present an acceptable-use policy manual."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aupkit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
