"""One exception family for everything the core can report to a user.

Each class carries the exit code the CLI uses for it. The core raises these;
only the CLI's ``main`` turns them into a message and an exit code. Anything
that is not an ``AupError`` is a bug and keeps its traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_PROJECT = 3


class AupError(Exception):
    """A problem the user can fix; the message says where and how."""

    exit_code = EXIT_PROJECT

    def __init__(self, message: str, *, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return "\n".join((self.message, *self.details))


class UsageError(AupError):
    """The command was called wrongly (bad option value, missing file argument)."""

    exit_code = EXIT_USAGE


class ConfigError(AupError):
    """``[tool.aup]`` in pyproject.toml, or the project layout, is wrong."""


class ManualError(AupError):
    """The manual cannot be read into the document model (broken YAML, bad encoding...)."""


class FeedbackError(AupError):
    """The feedback store or a decision in it is wrong; the message names the file and line."""


class ReviewError(AupError):
    """A document sent back for review cannot be read (not one aup exported, damaged, too big, with macros)."""

    exit_code = EXIT_USAGE  # like a damaged feedback export: the file given is wrong, not the project


class SendError(AupError):
    """The mail server refused or could not be reached; nothing was recorded as sent."""


class WriteError(AupError):
    """A file could not be written (disk full, read-only folder); nothing was changed."""


class ProjectBusyError(AupError):
    """Another aup run is changing the same project; the message says which and since when."""


class SiteInUseError(AupError):
    """The site folder could not be replaced because another program holds a file in it open."""


class BuildFindingsError(AupError):
    """The manual has error-level findings: nothing was built."""

    exit_code = EXIT_FINDINGS


class SiteBuildError(AupError):
    """The site engine refused to build the site (warnings under --strict, broken configuration)."""

    exit_code = EXIT_FINDINGS
