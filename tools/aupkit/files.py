"""Writing and replacing files without ever losing what a user has.

Every path aup writes or removes goes through ``guard_output`` first: never the project
folder, the manual folder, git's folder or ``pyproject.toml``, nor a folder holding any of
them, and a folder is replaced only when aup built it. ``exchange`` swaps two folders in one
step where the operating system can.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ProjectBusyError, UsageError, WriteError

if TYPE_CHECKING:
    from .config import Config

LOCK_WAIT = 15.0  # seconds a second run waits for the first before it says who holds the project
SITE_MARKER = "rule-ids.json"  # every site aup builds has it at its top; a folder without it is not aup's


def unsafe_reason(target: Path, root: Path, manual: Path) -> str | None:
    """Why writing ``target`` (resolved) could destroy something the user has, or None when it cannot."""
    protected = {
        root: "the project folder",
        manual: "the manual folder",
        root / ".git": "git's own folder",
        root / "pyproject.toml": "the project's settings (pyproject.toml)",
    }
    for path, name in protected.items():
        if target == path:
            return f"it is {name}"
        if target in path.parents:
            return f"it holds {name} ({path})"
    for path, name in ((manual, "the manual folder"), (root / ".git", "git's own folder")):
        if path in target.parents:
            return f"it is inside {name}"
    return None


def guard_output(
    path: Path,
    config: Config,
    *,
    what: str,
    replaces_folder: bool = False,
    suffixes: tuple[str, ...] = (),
) -> Path:
    """``path`` resolved, once it is safe to write (or, with ``replaces_folder``, to replace whole).

    A folder is replaced only when it is new, empty or a site aup built (it has ``rule-ids.json``),
    so a mistyped ``--site-dir`` cannot delete a repository. Raises UsageError naming the fix.
    """
    target = path.resolve()
    root, manual = config.root.resolve(), config.manual_path.resolve()
    reason = unsafe_reason(target, root, manual)
    if reason:
        raise UsageError(f"{path}: aup will not write the {what} there: {reason}", details=(_choose(what),))
    if suffixes and target.suffix.lower() not in suffixes:
        raise UsageError(
            f"{path}: the {what} must be a {' or '.join(suffixes)} file",
            details=(f"give a name ending in {suffixes[0]}",),
        )
    if replaces_folder and target.exists():
        if not target.is_dir():
            raise UsageError(f"{path}: is a file, not a folder; the {what} needs a folder", details=(_choose(what),))
        if not (target / SITE_MARKER).is_file() and any(target.iterdir()):
            raise UsageError(
                f"{path}: holds files that aup did not build (it has no {SITE_MARKER}); "
                f"aup replaces only a folder it built",
                details=(f"{_choose(what)}, or empty that folder yourself first",),
            )
    elif not replaces_folder and target.is_dir():
        raise UsageError(f"{path}: is a folder; the {what} is a file", details=(_choose(what),))
    return target


def _choose(what: str) -> str:
    return f"choose a new folder or file of its own for the {what} (for example site/ or build/)"


# --- writing several files as one change ----------------------------------------------------------

_replace = os.replace  # every rename of a write goes through here (tests stop a run at any of them)


def journal_path(config: Config) -> Path:
    """Where a write of several files records its intent, so an interrupted one can be finished."""
    return config.root / config.lint.cache_dir / "write-journal.json"


def write_atomic(files: Mapping[Path, str | bytes], *, journal: Path | None = None) -> None:
    """Write every file or none: each to a synced temporary file beside it, then all renamed into place.

    With a ``journal``, the plan is recorded first (the temporary files' names), then marked as
    renaming once every temporary file is complete, and removed at the end: a run killed at any
    point is rolled back (before the mark) or finished (after it) by ``finish_interrupted_write``.
    A rename that fails puts back what was already replaced. Temporary files never outlive a
    failed write.
    """
    pairs = [(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"), path) for path in files]
    if journal is not None:
        _write_journal(journal, "staging", pairs)
    replaced: list[tuple[Path, bytes | None]] = []
    try:
        for temporary, path in pairs:
            content = files[path]
            _stage(temporary, path, content if isinstance(content, bytes) else content.encode("utf-8"))
        if journal is not None:
            _write_journal(journal, "renaming", pairs)
        for temporary, path in pairs:
            before = path.read_bytes() if path.is_file() else None
            _replace(temporary, path)
            replaced.append((path, before))
    except OSError as error:
        for path, before in reversed(replaced):  # put back what was already replaced: all or nothing
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)
        for temporary, _ in pairs:
            with suppress(OSError):  # its folder may be what could not be made (a file stands there)
                temporary.unlink(missing_ok=True)
        if journal is not None:
            journal.unlink(missing_ok=True)
        where = error.filename or "a file"
        why = error.strerror or str(error)
        if isinstance(error, FileExistsError | NotADirectoryError):
            why = "a file stands where a folder is needed"
        raise WriteError(
            f"{where}: cannot be written ({why}); nothing was changed",
            details=("make room on the disk or make the folder writable, then run the command again",),
        ) from None
    if journal is not None:
        journal.unlink(missing_ok=True)


def finish_interrupted_write(journal: Path) -> tuple[str, ...]:
    """Roll back or finish a write that a killed run left half-done; say what was done."""
    if not journal.is_file():
        return ()
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        state = record["state"]
        pairs = [(Path(temporary), Path(target)) for temporary, target in record["pairs"]]
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)
        return (f"removed {journal}, an unreadable record of an interrupted write",)
    if state == "renaming":
        finished = []
        for temporary, target in pairs:
            if temporary.exists():
                _replace(temporary, target)
                finished.append(target)
        journal.unlink()
        names = ", ".join(str(target) for target in finished) or "nothing left to do"
        return (f"finished a write that an interrupted run had begun ({names})",)
    for temporary, _ in pairs:
        temporary.unlink(missing_ok=True)
    journal.unlink()
    return ("rolled back a write that an interrupted run had begun: no file had been changed",)


def _stage(temporary: Path, path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    if path.exists():
        os.chmod(temporary, path.stat().st_mode & 0o777)


def _write_journal(journal: Path, state: str, pairs: list[tuple[Path, Path]]) -> None:
    journal.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"state": state, "pairs": [[str(t), str(p)] for t, p in pairs]})
    temporary = journal.with_name(f".{journal.name}.{secrets.token_hex(6)}.tmp")
    _stage(temporary, journal, text.encode("utf-8"))
    _replace(temporary, journal)


# --- swapping two folders in one step ---------------------------------------------------------

_RENAME_EXCHANGE = 2  # Linux renameat2 flag
_RENAME_SWAP = 2  # macOS renamex_np flag
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where the system has no such call (then nothing moved)."""
    libc = _libc()
    if libc is None:
        return False
    old, new = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, old, _AT_FDCWD, new, _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(old, new, _RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    import ctypes

    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot; fall back
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


_LIBC: list[object] = []


def _libc():  # the C library, loaded on first use: ctypes costs every command that does not need it
    import ctypes.util

    if not _LIBC:
        name = ctypes.util.find_library("c") if os.name == "posix" else None
        _LIBC.append(ctypes.CDLL(name, use_errno=True) if name else None)
    return _LIBC[0]


# --- one writer at a time ------------------------------------------------------------------------


@contextmanager
def project_lock(config: Config, command: str, *, wait: float = LOCK_WAIT) -> Iterator[tuple[str, ...]]:
    """Hold the project while ``command`` reads, plans and writes shared state (store, pages, site).

    The operating system's file lock (through filelock) ends with the process that holds it, so a
    killed run never leaves the project locked. A second run waits up to ``wait`` seconds. Once
    held, a write that a killed run left half-done is finished or rolled back; what was done is
    what the context gives.
    """
    import socket

    from filelock import FileLock, Timeout

    folder = config.root / config.lint.cache_dir
    folder.mkdir(parents=True, exist_ok=True)
    holder = folder / "aup.lock.json"
    lock = FileLock(str(folder / "aup.lock"))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise ProjectBusyError(
            f"another aup run is changing this project: {_describe_holder(holder)}",
            details=(f"wait for it to finish and run this again (it waited {wait:.0f} s)",),
        ) from None
    try:
        holder.write_text(
            json.dumps(
                {
                    "command": command,
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": dt.datetime.now().isoformat(timespec="seconds"),
                }
            ),
            encoding="utf-8",
        )
        yield finish_interrupted_write(journal_path(config))
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _describe_holder(holder: Path) -> str:
    try:
        info = json.loads(holder.read_text(encoding="utf-8"))
        return f"'aup {info['command']}' (process {info['pid']} on {info['host']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "a run that has not said which"
