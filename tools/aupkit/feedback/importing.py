"""Exports -> new store items (pure), then the store's new file texts.

Duplicates: the same submission twice (same person or response ID, same
answers) is dropped; a later submission with the same response ID, or from the
same person where the form verified who answered (``resubmissions``), replaces
the earlier one: a typed email address proves nothing, so by default both stay. Identities are used here, in memory, and
never stored: items keep only their text, date, rule, kind and source row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Config, Feedback, QaColumns
from ..errors import AupError, FeedbackError, UsageError
from ..languages import Voice
from .formats import Reading, Response, Tally, read_responses, recognise
from .items import Item, item_id, legacy_id, normalise
from .link import RuleIndex, language_of
from .redact import redact
from .store import Store, with_session
from .tables import Table, column, read_table


@dataclass(frozen=True)
class ImportResult:
    session: str
    added: tuple[Item, ...]  # new items, not yet in the store
    known: int  # items already in the store (their decisions are kept)
    dropped: int  # duplicate submissions
    replaced: int  # earlier submissions replaced by a resubmission
    responses: int  # responses new to the store (each counted once, however many exports repeat it)
    ratings: int  # how many of them rated the session
    formats: tuple[tuple[Path, str], ...]
    warnings: tuple[str, ...]
    files: dict[Path, str]  # store file -> its new text


def read_exports(paths: Sequence[Path], config: Config) -> list[Reading]:
    """Read and recognise each file; UsageError on the first file that cannot be read."""
    readings, refused = read_exports_keep_going(paths, config)
    if refused:
        raise refused[0][1]
    return readings


def read_exports_keep_going(
    paths: Sequence[Path], config: Config, mapping: str | None = None
) -> tuple[list[Reading], list[tuple[Path, AupError]]]:
    """Read and recognise each file: (what could be read, each file refused with the reason)."""
    readings: list[Reading] = []
    refused: list[tuple[Path, AupError]] = []
    for path in paths:
        try:
            table = read_table(path)
            qa = choose_mapping(table, config.feedback, mapping)
            fmt = recognise(table, qa)
            readings.append(read_responses(table, fmt, qa, config.feedback.date_order))
        except (UsageError, FeedbackError) as error:
            refused.append((path, error))
    return readings, refused


def choose_mapping(table: Table, feedback: Feedback, name: str | None = None) -> QaColumns:
    """The Q&A mapping for a table: the one named, else the first whose text column the table has."""
    mappings = {"qa": feedback.qa, **feedback.mappings}
    if name is not None:
        if name not in mappings:
            known = ", ".join(sorted(mappings))
            raise UsageError(f"no mapping named '{name}' in [tool.aup.feedback.mappings]; the mappings are: {known}")
        return mappings[name]
    return next((qa for qa in mappings.values() if qa.text and column(table.headers, qa.text) is not None), feedback.qa)


def collapse(responses: Iterable[Response], resubmissions: str = "auto") -> tuple[list[Response], int, int]:
    """(kept responses, duplicates dropped, earlier ones replaced by a resubmission)."""
    latest: dict[tuple[str, str], Response] = {}
    anonymous: dict[tuple, Response] = {}
    dropped = replaced = 0
    for response in sorted(responses, key=lambda r: r.moment):
        content = (response.tally, *((entry.kind, " ".join(entry.text.split())) for entry in response.entries))
        trusted = resubmissions == "always" or (resubmissions == "auto" and response.verified)
        if response.submitter and trusted:
            key: tuple[str, str] | None = ("who", response.submitter)
        else:  # a typed email proves nothing: the same content twice is a duplicate, anything else stays
            key = ("id", response.response_id) if response.response_id else None
        if key is None:
            exact = (response.submitter or response.moment, content)
            if exact in anonymous:
                dropped += 1
            else:
                anonymous[exact] = response
            continue
        earlier = latest.get(key)
        if earlier is not None:
            earlier_content = (earlier.tally, *((e.kind, " ".join(e.text.split())) for e in earlier.entries))
            if earlier_content == content:
                dropped += 1
                continue
            replaced += 1
        latest[key] = response
    return [*anonymous.values(), *latest.values()], dropped, replaced


def _same_or_collision(known: Item, text: str, where: str) -> None:
    """Two texts with one ID are the same item; if their texts differ, the IDs collided: say so, merge nothing."""
    if normalise(known.text) != normalise(text):
        raise FeedbackError(
            f"{where}: its text has the same ID ({known.id}) as a different item; nothing was imported",
            details=(
                f"  the other item: {known.text[:80]!r}",
                "  this should not happen (the IDs are 64 bits); please report it, with the two texts",
            ),
        )


def plan_import(
    readings: Sequence[Reading],
    store: Store,
    rules: RuleIndex,
    *,
    session: str | None,
    language: str,
    resubmissions: str = "auto",
    voice: Voice | str = "",
    languages: Sequence[str] = (),
) -> ImportResult:
    """What importing these readings adds to the store; the store's new file texts. Writes nothing.

    ``languages``: the manual's languages; with more than one, each item records the one it is written in."""
    responses = [response for reading in readings for response in reading.responses]
    kept, dropped, replaced = collapse(responses, resubmissions)
    if session is None:
        dates = sorted(response.date for response in kept if response.date)
        if not dates:
            raise UsageError(
                "the exports have no dates to name the session by", details=("  give one: --session NAME",)
            )
        session = dates[0]
    found: dict[str, Item] = {}
    for response in sorted(kept, key=lambda r: (r.moment, r.where)):
        for entry in response.entries:
            text = redact(entry.text, language)
            room = redact(entry.answer, language) if entry.answer else ""  # a draft: 'new' items are never merged
            link = rules.link(entry.rule, text)
            rule, suggested = link.rule, () if link.rule else link.suggested
            identifier = item_id(session, entry.kind, text)
            if identifier in found:
                earlier = found[identifier]
                _same_or_collision(earlier, text, response.where)
                found[identifier] = replace(
                    earlier, count=earlier.count + 1, rule=earlier.rule or rule,
                    suggested=() if earlier.rule or rule else earlier.suggested or suggested,
                    votes=earlier.votes + entry.votes, answer=earlier.answer or room,
                )  # fmt: skip
                continue
            written_in = language_of(text, languages, language) if len(languages) > 1 else ""
            found[identifier] = Item(
                id=identifier, session=session, date=response.date, rule=rule, kind=entry.kind, text=text,
                source=response.where, suggested=suggested, votes=entry.votes, answer=room, language=written_in,
            )  # fmt: skip
    stored = {item.id: item for item in store.items}
    added_items = []
    for item in found.values():
        known = stored.get(item.id) or stored.get(legacy_id(item.id))
        if known is None:
            added_items.append(item)
        else:
            _same_or_collision(known, item.text, item.source)
    added = tuple(added_items)
    known_responses = store.responses(session)
    tallies = {  # a topic is counted by the page it names, whatever the form's language; else as it was written
        key: Tally(response.tally.rating, tuple(dict.fromkeys(
            rules.page_named(topic) or redact(topic, language) for topic in response.tally.topics
        )))
        for response in kept
        if (key := response.key(session)) not in known_responses
    }  # fmt: skip
    files: dict[Path, str] = {}
    if added or tallies:
        path = store.path_for(session)
        current = next((file for file in store.files if file.path == path), None)
        files[path] = with_session(current, session, added, tallies, voice, language)
    warnings = tuple(warning for reading in readings for warning in reading.warnings)
    return ImportResult(
        session=session, added=added, known=len(found) - len(added), dropped=dropped, replaced=replaced,
        responses=len(tallies), ratings=sum(1 for tally in tallies.values() if tally.rating is not None),
        formats=tuple((reading.table.path, reading.format) for reading in readings), warnings=warnings, files=files,
    )  # fmt: skip
