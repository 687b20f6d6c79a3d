"""A cache of per-file results for re-runs of ``lint_files``.

One pickle file under the project's cache folder (``.aup-cache/``, git-ignored).
The caller's key covers everything a file's result depends on (its bytes and
place, the lint configuration, the glossary's acronyms); the linter's own code
and data are checked here, so an upgrade starts afresh. Only this program
writes and reads the file.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import markdown_it

from ..config import Config
from . import metrics  # before textstat: see code_digest

CACHE_FILE = "lint-v1.pickle"


@cache
def code_digest() -> str:
    """The linter's code and data, the model and configuration code it reads pages with, and the versions of
    the libraries that parse and count (markdown-it, textstat, pyphen)."""
    import pyphen
    import textstat  # after .metrics (imported above), which keeps textstat from importing NLTK

    versions = (markdown_it.__version__, str(textstat.__version__), str(pyphen.__version__))
    digest = hashlib.sha256(" ".join(versions).encode())
    package = Path(__file__).parent.parent
    sources = [*package.glob("lint/*.py"), *package.glob("lint/data/*"), *package.glob("model/*.py")]
    for path in sorted([*sources, package / "config.py"]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: while many objects are unpickled, none of them is garbage.

    Unpickling a thousand pages' results makes the collector run over and over (four fifths of the time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
            with self.path.open("rb") as handle, gc_paused():
                data = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return  # no cache yet, or one from another version: start afresh
        if isinstance(data, dict) and data.get("code") == code_digest():
            self.entries = data.get("entries", {})
            metrics.remember_words(data.get("words"))

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
                state = {"code": code_digest(), "entries": self.used, "words": metrics.known_words()}
                pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            return
