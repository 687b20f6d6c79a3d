"""A cache of per-file results for re-runs of ``lint_files``.

One pickle file under the project's cache folder (``.aup-cache/``, git-ignored).
The caller's key covers everything a file's result depends on (its bytes and
place, the lint configuration, the glossary's acronyms); the linter's own code
and data are checked here, so an upgrade starts afresh. Only this program
writes and reads the file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from .. import __version__
from ..config import Config

CACHE_FILE = "lint-v1.pickle"


@cache
def code_digest() -> str:
    digest = hashlib.sha256(__version__.encode())
    folder = Path(__file__).parent
    for path in sorted([*folder.glob("*.py"), *folder.glob("data/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class LintCache:
    """Results by key; ``load`` once, ``lookup``/``store`` per file, ``save`` once (keeps only what was used)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        self.hits = self.misses = 0
        self._acronyms: tuple[int, str] | None = None

    @classmethod
    def for_config(cls, config: Config) -> LintCache:
        cache = cls(config.root / config.lint.cache_dir)
        cache.load()
        return cache

    def load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                data = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return  # no cache yet, or one from another version: start afresh
        if isinstance(data, dict) and data.get("code") == code_digest():
            self.entries = data.get("entries", {})

    def lookup(self, key: str) -> object | None:
        """The value stored under ``key`` by an earlier run, or None."""
        value = self.entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = value
        return value

    def store(self, key: str, value: object) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write the entries used in this run, atomically; a cache that cannot be written is skipped."""
        if self.used.keys() == self.entries.keys() and not self.misses:
            return  # nothing changed
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".lint-", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"code": code_digest(), "entries": self.used}, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            return
