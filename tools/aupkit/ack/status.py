"""Who has accepted the version in force: the staff list joined with the ledger. Pure.

Each person is ``current`` (accepted the version in force, or a later one, or one after the last material
change), ``again`` (accepted only a version from before a material change), ``never``, ``grace`` (a new joiner
still inside the grace period), or ``exempt``. An acknowledgement from someone the staff list does not know is
reported, not counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .ledger import Ack
from .roster import Person
from .versions import Version, parse

STATES = ("current", "again", "never", "grace", "exempt")
MUST_ACT = ("again", "never")


@dataclass(frozen=True)
class Standing:
    person: Person
    state: str
    accepted: str  # the newest version the person accepted, or ""
    when: str  # when they accepted it


@dataclass(frozen=True)
class Department:
    name: str
    people: int  # who must accept (the exempt left out)
    current: int

    @property
    def share(self) -> float:
        return self.current / self.people if self.people else 1.0


@dataclass(frozen=True)
class Status:
    version: str  # in force
    required: str  # the oldest version an acceptance must be for
    standings: tuple[Standing, ...]
    departments: tuple[Department, ...]
    unknown: tuple[str, ...]  # people in the ledger the staff list does not have
    deadline: str
    overdue: bool

    def count(self, state: str) -> int:
        return sum(1 for standing in self.standings if standing.state == state)

    @property
    def must_act(self) -> tuple[Standing, ...]:
        return tuple(standing for standing in self.standings if standing.state in MUST_ACT)


def status(
    people: Sequence[Person],
    acks: Iterable[Ack],
    current: Version,
    required: Version,
    today: dt.date,
    *,
    grace_days: int = 30,
    deadline: str = "",
) -> Status:
    """Each person's standing against the version in force (``current``) and the oldest that counts (``required``)."""
    newest: dict[str, tuple[Version, str]] = {}
    for ack in acks:
        version = parse(ack.version)
        if version is None or version > current:
            continue
        best = newest.get(ack.person)
        if best is None or version > best[0] or (version == best[0] and ack.time < best[1]):
            newest[ack.person] = (version, ack.time)  # the newest version; its first acceptance
    standings = []
    known: set[str] = set()
    for person in people:
        known.update(person.identities)
        found = [newest[identity] for identity in person.identities if identity in newest]
        best = max(found) if found else None
        accepted = ".".join(map(str, best[0])) if best else ""
        if person.exempt:
            state = "exempt"
        elif best and best[0] >= required:
            state = "current"
        elif best:
            state = "again"
        elif person.start and dt.date.fromisoformat(person.start) + dt.timedelta(days=grace_days) >= today:
            state = "grace"
        else:
            state = "never"
        standings.append(Standing(person, state, accepted, best[1] if best else ""))
    departments = []
    by_department: dict[str, Counter[str]] = {}
    for standing in standings:
        by_department.setdefault(standing.person.department, Counter())[standing.state] += 1
    for name, counts in sorted(by_department.items()):
        people_due = sum(counts.values()) - counts["exempt"]
        departments.append(Department(name, people_due, counts["current"]))
    overdue = bool(deadline) and today > dt.date.fromisoformat(deadline)
    return Status(
        ".".join(map(str, current)), ".".join(map(str, required)), tuple(standings), tuple(departments),
        tuple(sorted(set(newest) - known)), deadline, overdue,
    )  # fmt: skip
