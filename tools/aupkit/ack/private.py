"""The private folder: the ledger, the staff list's copy, the reminders sent. Personal data lives only here.

It must not be inside the published site, the manual or a build output, and, inside a git work tree, git must
ignore it: every write goes through ``guard`` first, and is atomic (``files.write_atomic``).
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import UsageError
from ..git import git_output, git_top

LEDGER = "ledger.csv"
REMINDERS = "reminders.csv"
OUTBOX = "outbox"


def folder(config: Config) -> Path:
    configured = Path(config.acknowledge.folder).expanduser()
    return (configured if configured.is_absolute() else config.root / configured).resolve()


def guard(config: Config) -> Path:
    """The private folder, after checking it is a safe place for personal data; UsageError naming the fix."""
    place = folder(config)
    root = config.root.resolve()
    public = [root / "site", root / "build", config.manual_path.resolve(), root / config.announce.outbox,
              root / config.feedback.folder]  # fmt: skip
    for other in public:
        if place == other or other in place.parents:
            raise UsageError(
                f"{place}: the acknowledgement records hold personal data and would land in {other}",
                details=("  set [tool.aup.acknowledge] folder to a place of its own, e.g. '.aup-private'",),
            )
    top = git_top(root)
    if top is not None and (place == top or top in place.parents):
        relative = place.relative_to(top).as_posix()
        if git_output(top, "ls-files", "--", relative):
            raise UsageError(
                f"{place}: git tracks files in this folder; personal data must never be committed",
                details=(f"  git rm -r --cached {relative} && add '/{relative}/' to .gitignore",),
            )
        if git_output(top, "check-ignore", "-q", "--no-index", f"{relative}/probe") is None:
            raise UsageError(
                f"{place}: git does not ignore this folder; personal data must never be committed",
                details=(f"  add '/{relative}/' to {top / '.gitignore'}, or set [tool.aup.acknowledge] folder "
                         "to a folder outside the repository",),
            )  # fmt: skip
    return place
