"""Writing and replacing files without ever losing what a user has.

Every path aup writes or removes goes through ``guard_output`` first: never the project
folder, the manual folder, git's folder or ``pyproject.toml``, nor a folder holding any of
them, and a folder is replaced only when aup built it. ``exchange`` swaps two folders in one
step where the operating system can.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AupError, UsageError

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
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot; fall back
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


_LIBC: list[ctypes.CDLL | None] = []


def _libc() -> ctypes.CDLL | None:
    if not _LIBC:
        name = ctypes.util.find_library("c") if os.name == "posix" else None
        _LIBC.append(ctypes.CDLL(name, use_errno=True) if name else None)
    return _LIBC[0]


# --- one writer at a time ------------------------------------------------------------------------


class ProjectBusyError(AupError):
    """Another aup run is changing the same project; the message says which and since when."""


@contextmanager
def project_lock(config: Config, command: str, *, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the project while ``command`` reads, plans and writes shared state (store, pages, site).

    The operating system's file lock (through filelock) ends with the process that holds it, so a
    killed run never leaves the project locked. A second run waits up to ``wait`` seconds.
    """
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
        yield
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _describe_holder(holder: Path) -> str:
    try:
        info = json.loads(holder.read_text(encoding="utf-8"))
        return f"'aup {info['command']}' (process {info['pid']} on {info['host']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "a run that has not said which"
