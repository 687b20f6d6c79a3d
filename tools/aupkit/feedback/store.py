"""The feedback store: one YAML file per session in ``feedback/``, edited by people to record decisions.

Reading checks every item and reports every problem at once as ``file:line: what (fix)``.
Writing goes through ``files.write_atomic``: all files or none, and an interrupted
run is finished or rolled back by the next one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..config import Config
from ..errors import FeedbackError
from ..languages import Voice, words
from ..model import display_path
from ..yamltext import alias_line
from .formats import Tally
from .items import KINDS, LEVELS, STATUSES, Item, session_slug

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
FIELDS = (
    "id", "date", "rule", "rule_suggested", "kind", "language", "text", "status", "answer", "change", "released",
    "count", "votes", "source",
)  # fmt: skip

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it


MAX_STORE_BYTES = 20_000_000  # a session of 10,000 long items is about 5 MB
_OTHER_LINE_ENDS = re.compile("[\r\x85\u2028\u2029]")


@dataclass(frozen=True)
class StoredFile:
    path: Path
    session: str
    items: tuple[Item, ...]
    lines: Mapping[str, int]  # item ID -> the line of its "- id:" entry
    text: str = ""  # the file as read, so that updates can keep people's comments and layout
    released_lines: Mapping[str, int] = field(default_factory=dict)  # item ID -> its "released:" line
    ends: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # item ID -> (last line, key column)
    appendable: bool = False  # the items list ends the file: new entries can be added at the end
    # The session's responses: a rating and the topics ticked, by a key made from what was said (never who).
    responses: Mapping[str, Tally] = field(default_factory=dict)
    responses_after: int | None = None  # new response lines go after this line (None: rewrite the file)

    def line_of(self, item_id: str) -> int:
        return self.lines.get(item_id, 1)


@dataclass(frozen=True)
class Store:
    folder: Path
    files: tuple[StoredFile, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for file in self.files for item in file.items)

    def file_of(self, item_id: str) -> StoredFile | None:
        return next((file for file in self.files if any(item.id == item_id for item in file.items)), None)

    def where(self, item_id: str) -> str:
        file = self.file_of(item_id)
        return f"{display_path(file.path)}:{file.line_of(item_id)}" if file else item_id

    def responses(self, session: str) -> dict[str, Tally]:
        """Every response recorded for a session, by key."""
        return {key: tally for file in self.files if file.session == session for key, tally in file.responses.items()}

    @property
    def sessions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(file.session for file in self.files))

    def path_for(self, session: str) -> Path:
        """The file that holds (or will hold) a session's items."""
        existing = next((file.path for file in self.files if file.session == session), None)
        return existing or self.folder / f"{session_slug(session)}.yaml"


def store_folder(config: Config) -> Path:
    return config.root / config.feedback.folder


def load_store(config: Config) -> Store:
    """Read every session file in the store; FeedbackError listing every problem found."""
    folder = store_folder(config)
    record = (config.root / config.announce.record).resolve()
    files: list[StoredFile] = []
    problems: list[str] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            if path.resolve() == record:
                continue
            size = path.stat().st_size
            if size > MAX_STORE_BYTES:
                problems.append(
                    f"{display_path(path)}: {size / 1e6:.1f} MB is more than a session file may hold "
                    f"({MAX_STORE_BYTES // 1_000_000} MB) (split the session, or restore the file from git)"
                )
                continue
            stored = parse_file(path.read_bytes(), path, problems)
            if stored is not None:
                files.append(stored)
    seen: dict[str, str] = {}
    for file in files:
        for item in file.items:
            here = f"{display_path(file.path)}:{file.line_of(item.id)}"
            if item.id in seen:
                problems.append(f"{here}: item {item.id} is also at {seen[item.id]} (keep one of the two entries)")
            seen.setdefault(item.id, here)
    if problems:
        raise FeedbackError(f"the feedback store has {len(problems)} problem(s):", details=tuple(problems))
    return Store(folder, tuple(files))


def parse_file(data: bytes, path: Path, problems: list[str]) -> StoredFile | None:
    """One session file -> StoredFile; problems are appended as ``file:line: what (fix)``."""
    name = display_path(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"{name}: not UTF-8 (save it with the UTF-8 encoding)")
        return None
    # Windows line ends (git's core.autocrlf) read as plain ones; merge writes them back as they were.
    text = text.replace("\r\n", "\n")
    # YAML also counts these as line ends, so its line numbers and the file's "\n" lines would disagree:
    # such a file is rewritten whole (in the standard layout) instead of edited line by line.
    lines_agree = not _OTHER_LINE_ENDS.search(text)
    alias = alias_line(text)
    if alias is not None:
        problems.append(f"{name}:{alias}: anchors and aliases (&name, *name) are not allowed (write each value out)")
        return None
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data_tree = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        what = getattr(error, "problem", None) or str(error)
        problems.append(
            f"{name}{line}: not valid YAML ({what}) (check the indentation and quotes near this line; "
            "text holding ': ' or starting with a quote must be in quotes)"
        )
        return None
    if root is None or not isinstance(data_tree, dict):
        problems.append(f"{name}:1: expected 'session:' and 'items:' (restore the file from git or import again)")
        return None
    session = data_tree.get("session")
    if not isinstance(session, str | int | float) or not str(session).strip():
        problems.append(f"{name}:1: 'session:' is missing (add the session's name, for example 'session: 2026-11-20')")
        return None
    session = str(session)
    raw_items = data_tree.get("items") or []
    item_nodes = _value_node(root, "items")
    if not isinstance(raw_items, list):
        problems.append(f"{name}:{_line(item_nodes, root)}: 'items:' must be a list of '- id: ...' entries")
        return None
    nodes = item_nodes.value if isinstance(item_nodes, yaml.SequenceNode) else []
    items: list[Item] = []
    lines: dict[str, int] = {}
    released_lines: dict[str, int] = {}
    ends: dict[str, tuple[int, int]] = {}
    for index, raw in enumerate(raw_items):
        node = nodes[index] if index < len(nodes) else None
        line = _line(node, root)
        item = _item(raw, session, node, f"{name}:{line}", name, problems)
        if item is not None:
            items.append(item)
            lines.setdefault(item.id, line)
            released = _value_node(node, "released")
            if released is not None:
                released_lines[item.id] = released.start_mark.line + 1
            ends[item.id] = (_last_line(node), node.value[0][0].start_mark.column if node.value else 2)
    last_key = root.value[-1][0].value if isinstance(root, yaml.MappingNode) and root.value else None
    appendable = last_key == "items" and isinstance(item_nodes, yaml.SequenceNode) and item_nodes.flow_style is False
    responses, after = _responses(root, data_tree.get("responses"), name, problems)
    if not lines_agree:
        text, appendable, after = "", False, None
    return StoredFile(
        path, session, tuple(items), lines, text, released_lines, ends, appendable and bool(nodes), responses, after
    )


_RESPONSE_KEY = re.compile(r"r-[0-9a-f]{12}")


def _responses(root: Any, raw: Any, name: str, problems: list[str]) -> tuple[dict[str, Tally], int | None]:
    """The ``responses:`` block: {key: Tally}, and the line after which new responses can be written."""
    node = _value_node(root, "responses")
    keys = [key for key, _ in root.value] if isinstance(root, yaml.MappingNode) else []
    items_key = next((key for key in keys if key.value == "items"), None)
    if node is None:  # no block yet: it goes just before 'items:'
        return {}, (items_key.start_mark.line if items_key is not None and items_key.start_mark.column == 0 else None)
    if raw is None:
        return {}, None
    if not isinstance(raw, dict):
        problems.append(
            f"{name}:{_line(node, root)}: 'responses:' must be 'r-<key>: {{rating: 4, topics: [...]}}' lines"
        )
        return {}, None
    responses: dict[str, Tally] = {}
    for key_node, _ in node.value:
        key, value, where = key_node.value, raw.get(key_node.value), f"{name}:{key_node.start_mark.line + 1}"
        value = value if value is not None else {}
        rating, topics = (value.get("rating"), value.get("topics") or []) if isinstance(value, dict) else (None, None)
        if not _RESPONSE_KEY.fullmatch(str(key)) or not isinstance(value, dict) or set(value) - {"rating", "topics"}:
            problems.append(f"{where}: a response is 'r-<12 hex digits>: {{rating: 4, topics: [...]}}' "
                            "(restore the line from git)")  # fmt: skip
        elif rating is not None and (isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10):
            problems.append(f"{where}: rating must be a whole number from 0 to 10, or left out")
        elif not isinstance(topics, list) or not all(isinstance(topic, str) for topic in topics):
            problems.append(f'{where}: topics must be a list of texts in quotes, like ["Email", "Passwords"]')
        else:
            responses[str(key)] = Tally(rating, tuple(topics))
    block = isinstance(node, yaml.MappingNode) and not node.flow_style and node.value
    return responses, (_last_line(node) if block else None)


def _last_line(node: Any) -> int:
    """The 1-based last line holding a value of a block mapping (its end mark may sit on the next line)."""
    last = node.value[-1][1] if isinstance(node, yaml.MappingNode) and node.value else node
    end = last.end_mark
    return end.line if end.column == 0 else end.line + 1


def _value_node(node: Any, key: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                return value_node
    return None


def _line(node: Any, fallback: Any) -> int:
    target = node if node is not None else fallback
    return target.start_mark.line + 1 if target is not None else 1


def _item(raw: Any, session: str, node: Any, where: str, name: str, problems: list[str]) -> Item | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: an item must be a set of 'key: value' lines starting with '- id:'")
        return None
    before = len(problems)

    def at(key: str) -> str:
        return f"{name}:{_line(_value_node(node, key), node)}"

    unknown = sorted(set(map(str, raw)) - set(FIELDS))
    for key in unknown:
        problems.append(f"{at(key)}: unknown field '{key}' (the fields are: {', '.join(FIELDS)})")
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not re.fullmatch(r"fb-[0-9a-f]{6,}", item_id):
        problems.append(f"{at('id')}: the item's id is missing or changed (restore it from git: IDs must not change)")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{at('text')}: 'text' is missing or empty (restore it from git)")

    def choice(key: str, allowed: Iterable[str], default: str | None) -> Any:
        value = raw.get(key, default)
        if value in (None, "") and default is None:
            return None
        if value not in allowed:
            problems.append(f"{at(key)}: {key} '{value}' is not allowed (use one of: {', '.join(allowed)})")
        return value

    status = choice("status", STATUSES, "new")
    kind = choice("kind", KINDS, "question")
    change = choice("change", LEVELS, None)
    released = raw.get("released")
    if released not in (None, "") and not VERSION.match(str(released)):
        problems.append(f"{at('released')}: released '{released}' is not a version like 1.2.0 (leave it empty)")
    date = raw.get("date") or ""
    if isinstance(date, dt.date):
        date = date.isoformat()
    rule = raw.get("rule")
    if rule is not None and not isinstance(rule, str):
        problems.append(f"{at('rule')}: rule must be a rule ID such as 'email-phishing', or empty")
    answer = raw.get("answer") or ""
    if not isinstance(answer, str):
        answer = str(answer)
    if status == "answered" and not answer.strip():
        problems.append(f"{at('status')}: the item is 'answered' but has no answer (write it in 'answer:')")
    count = raw.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        problems.append(f"{at('count')}: count must be a whole number of 1 or more")
    votes = raw.get("votes", 0)
    if isinstance(votes, bool) or not isinstance(votes, int) or votes < 0:
        problems.append(f"{at('votes')}: votes must be a whole number of 0 or more")
        votes = 0
    suggested = raw.get("rule_suggested") or ""
    if not isinstance(suggested, str):
        problems.append(f"{at('rule_suggested')}: rule_suggested must be rule IDs separated by commas, or empty")
        suggested = ""
    language = raw.get("language") or ""
    if not isinstance(language, str) or (language and not re.fullmatch(r"[a-z]{2,3}", language)):
        problems.append(f"{at('language')}: language must be a language code such as 'es' or 'en', or empty")
    if len(problems) > before:
        return None
    return Item(
        id=item_id, session=session, date=str(date), rule=(rule or None), kind=kind, text=text.strip(),
        status=status, answer=answer.strip(), change=change, released=str(released) if released else None,
        count=count, source=str(raw.get("source") or ""),
        suggested=tuple(part.strip() for part in suggested.split(",") if part.strip()), votes=votes,
        language=language,
    )  # fmt: skip


# Plain (unquoted) YAML is kept for text that cannot be read as anything but a string.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*(?<=\S)$")
_PLAIN_TRAPS = re.compile(r": |:$| #|\t")
_RESOLVER = yaml.resolver.Resolver()
# What a YAML reader refuses raw, or reads as a line break: written as \\u escapes.
_UNSAFE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)
_BLOCK_SAFE = re.compile(r"^[^\s][^\r\x85\u2028\u2029]*$", re.S)


def scalar(value: object, indent: str = "  ") -> str:
    """One YAML scalar: plain when unambiguous, a literal block for multi-line text, else double-quoted."""
    if value is None:
        return ""
    if isinstance(value, bool | int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    text = str(value)
    if text == "":
        return "''"
    if "\n" in text and _BLOCK_SAFE.match(text) and _printable(text):
        chomp = "|-" if not text.endswith("\n") else ("|+" if text.endswith("\n\n") else "|")
        body = text[:-1] if text.endswith("\n") and chomp == "|" else text
        return chomp + "".join(f"\n{indent}  {line}" if line else "\n" for line in body.split("\n"))
    if _PLAIN.match(text) and not _PLAIN_TRAPS.search(text) and _printable(text) and _is_string(text):
        return text
    return _double_quoted(text)


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one), with what YAML refuses raw written as \\u escapes."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", quoted)


def _is_string(text: str) -> bool:
    """True when plain ``text`` reads back as a string, not a number, date, boolean or null."""
    first = text[0]
    # YAML's implicit types: numbers and dates start like a number; booleans and null are words of 1 to 5 letters.
    if first in "0123456789+-.<=~" or (first in "yYnNtTfFoO" and len(text) <= 5):
        return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    return True


def _printable(text: str) -> bool:
    """Characters YAML may hold unescaped (line breaks aside)."""
    return text.replace("\n", "").isprintable() and "\ufeff" not in text


def _field(key: str, value: str | None) -> str:
    return f"  {key}: {scalar(value)}" if value else f"  {key}:"


def _date(value: str) -> str:
    return f"'{value}'" if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else scalar(value)


def dump_file(
    session: str,
    items: Iterable[Item],
    voice: Voice | str = "",
    language: str = "en",
    header: str = "",
    responses: Mapping[str, Tally] | None = None,
) -> str:
    """The text of a session file: a header explaining the fields (``header``, else the standard one in
    ``language``), the session's responses (ratings and topics), then the items in a stable order."""
    if not header:
        header = words(language, "feedback", voice)["store_header"].format(session=session.replace('"', "'"))
    lines = [header.rstrip("\n"), f"session: {scalar(session)}"]
    if responses:
        lines += ["responses:", *response_lines(responses)]
    lines.append("items:")
    for item in sorted(items, key=lambda item: (item.date, item.source, item.id)):
        lines += [
            f"- id: {scalar(item.id)}", f"  date: {_date(item.date)}", _field("rule", item.rule),
            *([_field("rule_suggested", ", ".join(item.suggested))] if item.suggested and not item.rule else []),
            f"  kind: {item.kind}", *([f"  language: {item.language}"] if item.language else []),
            f"  text: {scalar(item.text)}", f"  status: {item.status}",
            f"  answer: {scalar(item.answer)}", _field("change", item.change), _field("released", item.released),
            f"  count: {item.count}", *([f"  votes: {item.votes}"] if item.votes else []),
            f"  source: {scalar(item.source)}",
        ]  # fmt: skip
    return "\n".join(lines) + "\n"


def response_lines(responses: Mapping[str, Tally]) -> list[str]:
    """One flow-style line per response, in key order; topics always quoted (a label may hold a comma)."""
    lines = []
    for key, tally in sorted(responses.items()):
        said = [f"rating: {tally.rating}"] if tally.rating is not None else []
        if tally.topics:
            quoted = (_double_quoted(topic) for topic in tally.topics)
            said.append(f"topics: [{', '.join(quoted)}]")
        lines.append(f"  {key}: {{{', '.join(said)}}}")
    return lines


def with_session(
    file: StoredFile | None,
    session: str,
    items: Iterable[Item],
    responses: Mapping[str, Tally],
    voice: Voice | str = "",
    language: str = "en",
) -> str:
    """A session file's new text with new items and responses: new lines only where the layout allows (people's
    comments and edits stay), else the file rewritten in the standard layout."""
    items = tuple(items)
    if file is None:
        return dump_file(session, items, voice, language, responses=responses)
    new = {key: tally for key, tally in responses.items() if key not in file.responses}
    if (items and not file.appendable) or (new and file.responses_after is None):
        every = {**file.responses, **new}
        return dump_file(file.session, (*file.items, *items), header=_comments(file.text), responses=every)
    text = file.text
    if new:
        lines = text.split("\n")
        inserted = response_lines(new) if file.responses else ["responses:", *response_lines(new)]
        lines[file.responses_after : file.responses_after] = inserted
        text = "\n".join(lines)
    if items:
        entries = dump_file(file.session, items).split("\nitems:\n", 1)[1]
        text += ("" if text.endswith("\n") else "\n") + entries
    return text


def with_items(store: Store, updates: Mapping[str, Item]) -> dict[Path, str]:
    """New texts of the session files whose items change (by ID); other files are left alone.

    When only ``released`` changes (what merge does), just those lines change, so people's comments
    and layout stay; any other change rewrites the file in the standard layout.
    """
    texts: dict[Path, str] = {}
    for file in store.files:
        changed = {item.id: updates[item.id] for item in file.items if item.id in updates}
        if not changed:
            continue
        only_released = all(
            dataclasses.replace(updates[item.id], released=item.released) == item
            for item in file.items
            if item.id in changed
        )
        if only_released and file.text:
            texts[file.path] = _set_released(file, changed)
        else:
            items = [changed.get(item.id, item) for item in file.items]
            texts[file.path] = dump_file(file.session, items, header=_comments(file.text), responses=file.responses)
    return texts


def _comments(text: str) -> str:
    """The comment lines a session file starts with (its header, as written or as people changed it)."""
    lines = []
    for line in text.split("\n"):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


_RELEASED_LINE = re.compile(r"^(\s*(?:-\s+)?released:)[ \t]*?([^#\n]*?)([ \t]+#.*)?$")


def _set_released(file: StoredFile, items: Mapping[str, Item]) -> str:
    lines = file.text.split("\n")
    inserts: list[tuple[int, str]] = []
    for item_id, item in items.items():
        value = scalar(item.released)
        number = file.released_lines.get(item_id)
        match = _RELEASED_LINE.match(lines[number - 1]) if number else None
        if match:
            lines[number - 1] = f"{match.group(1)}{' ' + value if value else ''}{match.group(3) or ''}"
        else:
            last, column = file.ends[item_id]
            inserts.append((last, " " * column + f"released:{' ' + value if value else ''}"))
    for after, line in sorted(inserts, reverse=True):
        lines.insert(after, line)
    return "\n".join(lines)
