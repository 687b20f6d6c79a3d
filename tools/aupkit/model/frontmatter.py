"""YAML front matter: split it from the body and validate it into ``FrontMatter``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..languages import LANGUAGES, recognised, words
from .types import Diagnostic, FrontMatter, ReviewPeriod

REQUIRED = ("owner", "version", "last_reviewed", "review_every", "summary")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_UNITS = recognised("periods")
PERIOD = re.compile(r"^\s*(\d+)\s*(" + "|".join(_UNITS) + r")\s*$", re.IGNORECASE)
_FENCE = re.compile(r"^(---|\.\.\.)\s*$")


class InvalidYaml(Exception):
    """Front matter that cannot be read: the line (in the file), the reason and how to fix it."""

    def __init__(self, line: int, reason: str, fix: str = "fix the YAML syntax; put values with ':' or '#' in quotes"):
        super().__init__(reason)
        self.line, self.reason, self.fix = line, reason, fix


def _load_yaml(raw: str) -> object:
    """``yaml.safe_load`` through libyaml, or ``InvalidYaml``.

    Front matter that libyaml cannot read goes to PyYAML's pure-Python loader, whose messages name the problem
    (and which reads a few things libyaml refuses, such as tabs after a value).
    """
    import yaml

    from ..yamltext import alias_line

    alias = alias_line(raw)
    if alias is not None:
        raise InvalidYaml(1 + alias, "anchors and aliases (&name, *name) are not allowed", "write each value out")
    try:
        try:
            value = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            value = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = 2 + mark.line if mark is not None else 1
        raise InvalidYaml(line, getattr(error, "problem", None) or str(error).splitlines()[0]) from error
    except ValueError as error:  # PyYAML reads 2026-02-30 as a date, then cannot make it one
        raise _no_such_date(raw.split("\n")) or InvalidYaml(1, str(error)) from error
    except RecursionError:  # PyYAML reads nested [[[...]]] by recursion
        raise InvalidYaml(1, "the values are nested too deeply to read", "write one 'key: value' per line") from None
    if _deeper_than(value, 20):  # libyaml reads any depth; what reads the values afterwards may recurse
        raise InvalidYaml(1, "the values are nested too deeply to read", "write one 'key: value' per line")
    return value


def _deeper_than(value: object, limit: int) -> bool:
    level, depth = [value], 0
    while level:
        depth += 1
        if depth > limit:
            return True
        level = [
            item
            for inner in level
            if isinstance(inner, (dict, list))
            for item in (list(inner.keys()) + list(inner.values()) if isinstance(inner, dict) else inner)
        ]
    return False


_DATE_LIKE = re.compile(r"(?<![\w.-])(\d{4})-(\d\d?)-(\d\d?)(?![\w.-])")


def _no_such_date(lines: list[str]) -> InvalidYaml | None:
    """The first date in the front matter that does not exist (PyYAML gives no line for it)."""
    for offset, line in enumerate(lines):
        for match in _DATE_LIKE.finditer(line):
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                return InvalidYaml(
                    2 + offset, f"{match.group(0)} is not a date that exists", "write a real date as YYYY-MM-DD"
                )
    return None


def split_front_matter(text: str) -> tuple[str | None, int, int]:
    """Return (yaml_text, first_body_line, closing_line); yaml_text is None without front matter.

    Front matter starts with ``---`` on line 1 and ends at the next ``---`` or ``...``.
    ``closing_line`` is 0 when the opening fence has no closing one.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 1, 0
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            return "\n".join(lines[1:index]), index + 2, index + 1
    return "\n".join(lines[1:]), len(lines) + 1, 0


def parse_review_period(value: object) -> ReviewPeriod | None:
    """``12 months``, ``1 year``, ``6 meses``... -> ReviewPeriod, else None."""
    match = PERIOD.match(str(value)) if isinstance(value, str | int) else None
    if not match or int(match.group(1)) == 0:
        return None
    return ReviewPeriod(int(match.group(1)), _UNITS[match.group(2).lower()])  # type: ignore[arg-type]


def parse_front_matter(
    text: str, path: Path, default_language: str = "en"
) -> tuple[FrontMatter | None, int, list[Diagnostic]]:
    """Parse and validate the front matter of ``text``.

    Returns the front matter (None when the page has none or it is unusable),
    the first line of the body, and the problems found.
    """
    raw_yaml, body_line, closing = split_front_matter(text)
    problems: list[Diagnostic] = []

    said = words(default_language, "check")  # until the page says its own language

    def report(line: int, code: str, message: str, fix: str, *, fatal: bool = False) -> None:
        problems.append(Diagnostic(path, line, code, message, fix, "error", fatal))

    if raw_yaml is None:
        report(1, "front-matter-missing", said["no-front-matter"], said["no-front-matter.fix"])
        return None, 1, problems
    if closing == 0:
        report(1, "front-matter-unclosed", said["front-matter-unclosed"], said["front-matter-unclosed.fix"], fatal=True)
        return None, body_line, problems
    try:
        data = _load_yaml(raw_yaml)
    except InvalidYaml as error:
        report(
            error.line,
            "front-matter-yaml",
            said["front-matter-yaml"].format(reason=error.reason),
            error.fix,
            fatal=True,
        )
        return None, body_line, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        report(
            2,
            "front-matter-yaml",
            said["front-matter-not-mapping"],
            said["front-matter-not-mapping.fix"],
            fatal=True,
        )
        return None, body_line, problems

    key_lines = _key_lines(raw_yaml)

    def line_of(key: str) -> int:
        return key_lines.get(key, 1)

    stated = data.get("language")
    said = words(stated if stated in LANGUAGES else default_language, "check")  # the page's language
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        report(
            line_of("title") if "title" in data else 1,
            "title-missing",
            said["title-missing"] if "title" not in data else said["title-empty"],
            said["title-missing.fix"],
            fatal=True,
        )
        title = None
    for key in REQUIRED:
        if data.get(key) in (None, ""):
            report(
                closing,
                f"{key.replace('_', '-')}-missing",
                said["field-missing"].format(key=key),
                said["field-missing.fix"].format(key=key, example=said[f"example.{key}"]),
            )

    def semantic_version(key: str) -> str | None:
        value = data.get(key)
        if value in (None, "") or (isinstance(value, str) and SEMVER.match(value)):
            return value or None
        report(
            line_of(key),
            f"{key.replace('_', '-')}-invalid",
            said["version-invalid"].format(key=key, value=repr(value)),
            said["version-invalid.fix"].format(key=key),
        )
        return None

    version = semantic_version("version")
    source_version = semantic_version("source_version")

    last_reviewed = data.get("last_reviewed")
    if isinstance(last_reviewed, dt.datetime):
        last_reviewed = last_reviewed.date()
    elif isinstance(last_reviewed, str):
        try:
            last_reviewed = dt.date.fromisoformat(last_reviewed.strip())
        except ValueError:
            last_reviewed = _invalid_date(last_reviewed, line_of("last_reviewed"), report, said)
    elif last_reviewed is not None and not isinstance(last_reviewed, dt.date):
        last_reviewed = _invalid_date(last_reviewed, line_of("last_reviewed"), report, said)

    review_every = None
    if data.get("review_every") not in (None, ""):
        review_every = parse_review_period(data["review_every"])
        if review_every is None:
            report(
                line_of("review_every"),
                "review-every-invalid",
                said["review-every-invalid"].format(value=repr(data["review_every"])),
                said["review-every-invalid.fix"],
            )

    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        report(
            line_of("language"),
            "language-invalid",
            said["language-invalid"].format(value=repr(language)),
            said["language-invalid.fix"].format(languages=", ".join(LANGUAGES)),
        )
        language = None

    summary = _text_or_none(data.get("summary"))
    if summary and "\n" in summary.strip():
        problems.append(
            Diagnostic(
                path,
                line_of("summary"),
                "summary-multiline",
                said["summary-multiline"],
                said["summary-multiline.fix"],
                "warning",
            )
        )
    front = FrontMatter(
        title=title.strip() if title else None,
        owner=_text_or_none(data.get("owner")),
        version=version,
        last_reviewed=last_reviewed if isinstance(last_reviewed, dt.date) else None,
        review_every=review_every,
        summary=summary.strip() if summary else None,
        audience=_text_or_none(data.get("audience")),
        language=language,
        source_version=source_version,
        raw=data,
        line=1,
        end_line=closing,
    )
    return front, body_line, problems


def _invalid_date(value: object, line: int, report, said: dict[str, str]) -> None:
    report(
        line,
        "last-reviewed-invalid",
        said["last-reviewed-invalid"].format(value=repr(value)),
        said["last-reviewed-invalid.fix"],
    )


def _text_or_none(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _key_lines(raw_yaml: str) -> dict[str, int]:
    """Line (in the file) of each top-level key; the YAML starts on file line 2."""
    lines: dict[str, int] = {}
    for offset, line in enumerate(raw_yaml.split("\n")):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            lines.setdefault(match.group(1), offset + 2)
    return lines
