"""A cache of per-file results for re-runs of ``lint_files``.

One file of pickles under the project's cache folder (``.aup-cache/``, git-ignored).
The caller's key covers everything a file's result depends on (its bytes and
place, the lint configuration, the glossary's acronyms); the linter's own code
and data are checked here, so an upgrade starts afresh. Only this program
writes and reads the file.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import os
import pickle
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ..config import Config
from . import metrics, rules

CACHE_FILE = "lint-v2.pickle"
RACY_NS = 2_000_000_000  # a file changed less than this long ago is read again next time


@cache
def code_digest() -> str:
    """The linter's code and data, the model and configuration code it reads pages with, and the versions of
    the libraries that parse and count (markdown-it, textstat, pyphen)."""
    versions = [_installed_version(name) for name in ("markdown_it_py", "textstat", "pyphen")]
    digest = hashlib.sha256(" ".join(versions).encode())
    package = Path(__file__).parent.parent
    sources = [*package.glob("lint/*.py"), *package.glob("lint/data/*"), *package.glob("model/*.py")]
    for path in sorted([*sources, package / "config.py"]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _installed_version(distribution: str) -> str:
    """A distribution's version, read from its ``.dist-info`` folder's name: importing it would cost more."""
    module = {"markdown_it_py": "markdown_it"}.get(distribution, distribution)
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return f"{distribution}-missing"
    found = sorted(Path(spec.origin).parent.parent.glob(f"{distribution}-*.dist-info"))
    return found[-1].name if found else f"{distribution}-unknown"


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
    """Results by key; ``load`` once, ``lookup``/``store`` per file, ``save`` once.

    The file is a header (the code digest) followed by records, each one pickle: results by key, or counted
    words. A run that changed a few files appends one record instead of writing every result again; the
    file is written afresh, keeping only what this run used, once stale results outnumber the live ones.
    A record cut short (a run stopped while appending) is dropped, and the next save writes afresh.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        self.new: dict[str, object] = {}
        self.hits = self.misses = 0
        self._valid_file = False  # the file exists, is this code's, and every record in it could be read
        self._word_marks: dict[str, int] = {}
        self._rule_languages: set[str] = set()  # the rule data files the cache held when loaded
        # file -> (size, modification time, change time (ns), inode, SHA-256 of its bytes)
        self.contents: dict[str, tuple[int, int, int, int, str]] = {}
        self.new_contents: dict[str, tuple[int, int, int, int, str]] = {}
        self._seen_contents: dict[str, tuple[int, int, int, int, str]] = {}
        self._stats: dict[str, tuple[int, int, int, int]] = {}

    @classmethod
    def for_config(cls, config: Config) -> LintCache:
        cache = cls(config.root / config.lint.cache_dir)
        cache.load()
        return cache

    def load(self) -> None:
        with gc_paused():
            try:
                self._read()
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
                self._valid_file = False  # no cache yet, or a damaged one: what was read is used, then rewritten
            finally:
                self._word_marks = metrics.word_marks()
                self._rule_languages = set(rules.known_rule_data())
                # The results just loaded live until the end: the collector need not walk them, not even once
                # when it is switched on again (frozen before that, they are not among its newest objects).
                gc.freeze()

    def _read(self) -> None:
        with self.path.open("rb") as handle:
            header = pickle.load(handle)
            if not (isinstance(header, dict) and header.get("code") == code_digest()):
                return  # a cache from another version of aupkit: start afresh
            self._valid_file = True
            while True:
                try:
                    kind, values = pickle.load(handle)
                except EOFError:
                    break
                if kind == "entries" and isinstance(values, dict):
                    self.entries.update(values)
                elif kind == "words":
                    metrics.remember_words(values)
                elif kind == "contents" and isinstance(values, dict):
                    self.contents.update(values)
                elif kind == "word pattern":
                    metrics.remember_word_pattern(values)
                elif kind == "rule data" and isinstance(values, dict):
                    rules.remember_rule_data(values)

    def lookup(self, key: str) -> object | None:
        """The value stored under ``key`` by an earlier run, or None."""
        value = self.entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = value
        return value

    def content_digest(self, file: Path) -> str | None:
        """The digest of ``file``'s bytes noted by an earlier run, if its size, times and inode are unchanged.

        The change time (ctime) moves on every write and cannot be set back, unlike the modification time.
        """
        name = str(file)
        try:
            status = os.stat(name)
        except OSError:
            return None
        stat = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
        known = self.contents.get(name)
        if known is not None and known[:4] == stat:
            self._seen_contents[name] = known
            return known[4]
        self._stats[name] = stat  # taken before the file is read: a change after this shows next time
        return None

    def note_content(self, file: Path, digest: str) -> None:
        """Remember the digest of ``file``'s bytes, unless it changed too recently to trust its time.

        A file written in the same clock tick as it is read could change again with the same times and
        size; one untouched for two seconds cannot, unnoticed (git's "racy" rule).
        """
        name = str(file)
        stat = self._stats.pop(name, None)
        if stat is not None and max(stat[1], stat[2]) < time.time_ns() - RACY_NS:
            self.new_contents[name] = self._seen_contents[name] = (*stat, digest)

    def store(self, key: str, value: object) -> None:
        self.used[key] = value
        if key not in self.entries:
            self.new[key] = value

    def save(self) -> None:
        """Append this run's new results, or write afresh; a cache that cannot be written is skipped."""
        stale = len(self.entries) - self.hits
        if not self.new and not stale and not self.new_contents:
            return  # nothing changed
        words = metrics.known_words(since=self._word_marks)
        pattern = ("word pattern", metrics.word_pattern().pattern)
        rule_data = rules.known_rule_data()
        try:
            if self._valid_file and stale <= len(self.used):
                new_data = {
                    language: data for language, data in rule_data.items() if language not in self._rule_languages
                }
                parts = [("entries", self.new), ("words", words), ("contents", self.new_contents), pattern]
                parts += [("rule data", new_data)] if new_data else []
                record = b"".join(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in parts)
                with self.path.open("ab") as out:
                    out.write(record)  # one write: a record is either all there or cut short (then dropped)
                return
            import tempfile  # here: most runs append to the file, or leave it

            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".lint-", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"code": code_digest()}, out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(("entries", self.used), out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(("words", metrics.known_words()), out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(("contents", self._seen_contents), out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(pattern, out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(("rule data", rule_data), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            return
