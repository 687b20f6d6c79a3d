"""A feedback item: one question, suggestion, problem or praise, and the decision taken on it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["question", "suggestion", "problem", "praise", "comment", "review"]
Status = Literal["new", "answered", "accepted", "rejected", "duplicate", "deferred"]
Level = Literal["major", "minor", "patch"]

KINDS: tuple[Kind, ...] = ("question", "suggestion", "problem", "praise", "comment", "review")
STATUSES: tuple[Status, ...] = ("new", "answered", "accepted", "rejected", "duplicate", "deferred")
LEVELS: tuple[Level, ...] = ("patch", "minor", "major")  # lowest first
RELEASING: tuple[Status, ...] = ("answered", "accepted")  # decisions that change the manual
DEFAULT_LEVEL: dict[str, Level] = {"answered": "patch", "accepted": "minor"}


@dataclass(frozen=True)
class Item:
    """One stored item. ``rule`` is None while unassigned; ``released`` is the manual version that shipped it."""

    id: str
    session: str
    date: str  # YYYY-MM-DD, or "" when the export had no date
    rule: str | None
    kind: Kind
    text: str
    status: Status = "new"
    answer: str = ""
    change: Level | None = None
    released: str | None = None
    count: int = 1  # how many submissions said the same thing
    source: str = ""  # the export file and row it came from (no personal data)
    suggested: tuple[str, ...] = ()  # rules the linker was not sure of, best first: a person confirms one
    votes: int = 0  # upvotes in a Q&A tool: how many people wanted this answered
    language: str = ""  # in a manual of several languages, the one the item is written in (its answer goes there)

    @property
    def level(self) -> Level:
        """The change level, defaulting by status: an answered question is a patch, an accepted suggestion minor."""
        return self.change or DEFAULT_LEVEL.get(self.status, "patch")

    @property
    def pending(self) -> bool:
        """Decided in a way that changes the manual, and not yet released."""
        return self.status in RELEASING and not self.released


def fingerprint(item: Item) -> str:
    """A short digest of an item's decision (rule, status, change, answer): the export's ``exported`` column."""
    decision = "\x1f".join([item.rule or "", item.status, item.change or "", item.answer])
    return hashlib.sha256(decision.encode()).hexdigest()[:12]


def normalise(text: str) -> str:
    """The text as compared for identity: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


ID_HEX = 16  # 64 bits: a collision among a million items has a chance of about 1 in 37 million
LEGACY_ID_HEX = 10  # aupkit 0.1 wrote 40-bit IDs; they stay valid and match the new IDs they begin


def item_id(session: str, kind: str, text: str) -> str:
    """A stable ID from the content: the same session, kind and text always give the same ID."""
    digest = hashlib.sha256(f"{normalise(session)}\x1f{kind}\x1f{normalise(text)}".encode()).hexdigest()
    return f"fb-{digest[:ID_HEX]}"


def legacy_id(identifier: str) -> str:
    """The ID aupkit 0.1 gave the same content: the new ID's first 40 bits."""
    return identifier[: len("fb-") + LEGACY_ID_HEX]


def session_slug(name: str) -> str:
    """A file-name-safe form of a session name: ``2026-11 All staff`` -> ``2026-11-all-staff``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "session"
