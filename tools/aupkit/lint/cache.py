"""A cache of page results for re-runs, keyed by the page's content, the configuration and the linter itself.

One pickle file under the project's cache folder (``.aup-cache/``, git-ignored).
A page's result is reused only when everything it depends on is unchanged: its
text and place, its model diagnostics, the glossary's acronyms, the lint
configuration, whether its review is overdue today, and the linter's code and data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from .. import __version__
from ..config import Config
from ..model import Manual, Page
from .checks import defined_acronyms
from .engine import settings_digest
from .types import PageReport

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
    """Page results by key; ``load`` once, ``get``/``put`` per page, ``save`` once (keeps only what was used)."""

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

    def key(self, page: Page, manual: Manual, config: Config, today: dt.date | None) -> str:
        if self._acronyms is None or self._acronyms[0] != id(manual):
            self._acronyms = (id(manual), " ".join(sorted(defined_acronyms(manual))))
        front = page.front_matter
        due = front.next_review if front else None
        overdue = bool(due and due < (today or dt.date.today()))
        diagnostics = [d for d in manual.diagnostics if d.path == page.path]
        parts = (
            code_digest(), settings_digest(config), str(page.path),
            page.relative, page.role, page.language, repr(diagnostics), self._acronyms[1], str(overdue), page.source,
        )  # fmt: skip
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, page: Page, manual: Manual, config: Config, today: dt.date | None) -> PageReport | None:
        report = self.lookup(self.key(page, manual, config, today))
        return report if isinstance(report, PageReport) else None

    def put(self, page: Page, manual: Manual, config: Config, today: dt.date | None, report: PageReport) -> None:
        self.used[self.key(page, manual, config, today)] = report

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
