"""Which versions of the manual ask everyone to accept again. Pure.

A version is *material* (a new or stricter obligation) when its number takes a major or minor step from the
version before it, as the feedback merge numbers them (``change: major|minor``); a patch (wording, FAQ) is not.
The first version is always material: everyone accepts it once. ``[tool.aup.acknowledge] material`` overrides
any version in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Version = tuple[int, int, int]


@dataclass(frozen=True)
class ManualVersion:
    version: Version
    date: str
    material: bool
    overridden: bool = False

    @property
    def name(self) -> str:
        return ".".join(map(str, self.version))


def parse(text: str) -> Version | None:
    parts = text.strip().split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def manual_versions(
    released: Iterable[tuple[Version, str]], current: Version | None, overrides: Mapping[str, bool]
) -> list[ManualVersion]:
    """Every version, oldest first: the changelog's entries (version, date) and the version in force."""
    dates = dict(released)
    if current is not None:
        dates.setdefault(current, "")
    found = []
    previous: Version | None = None
    for version in sorted(dates):
        name = ".".join(map(str, version))
        stepped = previous is None or version[0] != previous[0] or version[1] != previous[1]
        material = overrides.get(name, stepped)
        found.append(ManualVersion(version, dates[version], material, name in overrides))
        previous = version
    return found


def required(versions: Iterable[ManualVersion], current: Version) -> Version:
    """The oldest version an acceptance must be for to count now: the newest material version in force."""
    material = [v.version for v in versions if v.material and v.version <= current]
    return max(material) if material else current
