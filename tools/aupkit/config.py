"""Project configuration: ``[tool.aup]`` in ``pyproject.toml``, as frozen dataclasses.

Every section is a dataclass whose fields are the allowed keys, with their
defaults. ``load_config`` validates the whole table against these classes and
reports every problem at once (unknown key, wrong type), naming the key and
the file. Add a setting by adding a field; nothing else needs to change.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import __version__
from .errors import ConfigError
from .languages import LANGUAGES, Voice, override_problems

Language = Literal[LANGUAGES]  # type: ignore[valid-type]  # the languages aupkit has words for
DeckLanguage = Literal[("", *LANGUAGES)]  # type: ignore[valid-type]  # empty: the manual's language

PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Organisation:
    """Who publishes the manual; substituted into pages as ``{{ org.<field> }}``."""

    name: str = "Example Company"
    helpdesk_email: str = "helpdesk@example.com"
    helpdesk_phone: str = ""
    helpdesk_hours: str = ""
    feedback_url: str = ""
    site_url: str = ""
    # How the organisation is set up: the starter's pages name these tools and depend on these choices.
    # Each statement that rests on them carries an '<!-- aup:confirm KEY -->' marker: 'aup check' lists it
    # until the key is in [tool.aup] confirmed. Tool names are the same in every language.
    out_of_hours_phone: str = "+1 555 0199"  # for a lost phone or a click outside helpdesk hours
    device_management: Literal["work-profile", "full"] = "work-profile"  # how personal phones are enrolled
    password_manager: str = "Bitwarden"
    passkey_store: str = "Bitwarden"  # where work passkeys are saved (some sign-in services allow only a device key)
    chat_app: str = "Microsoft Teams"
    ai_tool: str = "Microsoft 365 Copilot Chat"
    storage_name: str = "OneDrive for Business"
    privacy_notice_url: str = "https://intranet.example.com/privacy"
    data_protection_email: str = "privacy@example.com"
    # Values that read differently in each language of the manual (helpdesk hours, say):
    # [tool.aup.organisation.languages.es] helpdesk_hours = "lunes a viernes, de 8:00 a 18:00".
    languages: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Slides:
    """``[tool.aup.slides]``: the awareness session deck (``aup slides``)."""

    output: str = "build/slides.pptx"  # relative to the project root
    template: str = ""  # a corporate .pptx whose layouts the deck uses; empty: the built-in look
    pages: tuple[str, ...] = ()  # topic pages in presenting order (paths under manual_dir); empty: all
    language: DeckLanguage = ""  # the deck's own words; empty: the manual's language
    presenter: str = ""
    date: str = ""  # shown on the title slide; empty: the newest last_reviewed of the pages
    brand_colour: str = "#1F5FA8"  # hex, for headings, accents and the section slides
    questions: Literal["topic", "end"] = "topic"  # a "Your questions" slide after each topic or once at the end
    knowledge_check: bool = True  # "Is this OK?" slides built from Do/Don't items
    heading_font: str = "Calibri"
    body_font: str = "Calibri"
    min_font_size: int = 16  # text never shrinks below this; a rule that does not fit continues on a new slide
    logo: str = ""  # an image for the title and closing slides
    words_per_minute: int = 130  # speaking pace for the time estimates


@dataclass(frozen=True)
class QaColumns:
    """``[tool.aup.feedback.qa]``: the column headers of a Q&A tool's export (CSV or .xlsx).

    Setting ``text`` turns the mapping on: a file whose header row has that column is read as a Q&A export.
    """

    text: str = ""  # the question itself
    more_text: tuple[str, ...] = ()  # a wide results sheet: the other prompts' columns, each an item of its own
    date: str = ""  # when it was asked
    submitter: str = ""  # who asked; used only to drop duplicates, never stored
    rule: str = ""  # a rule ID or title, when the tool has a topic or label column
    kind: str = ""  # question, suggestion, problem or praise; empty: every row is a question
    votes: str = ""  # upvotes or likes: kept on the item, so the most wanted answers come first
    answer: str = (
        ""  # the answer given in the room, if the tool records one: kept as a draft, never published unreviewed
    )
    rating: str = ""  # the session's rating (a whole number, 1-5 or 0-10): counted per session, no text kept
    topics: str = ""  # a multi-select of topics ("A;B;" or "A, B"): counted per session


@dataclass(frozen=True)
class FeedbackForm:
    """``[tool.aup.feedback.form]``: the session's feedback form, so answers arrive linked to their rule."""

    url: str = ""  # the form's address; Google Forms: its /viewform link
    rule_entry: str = ""  # Google Forms: the entry ID of its "which part of the manual?" question, e.g. entry.1234567


@dataclass(frozen=True)
class Feedback:
    """``[tool.aup.feedback]``: where session feedback is kept and how exports are read (``aup feedback``)."""

    folder: str = "feedback"  # the store: one YAML file per session; raw exports go in its inbox/ folder
    date_order: Literal["dmy", "mdy"] = "dmy"  # for dates like 03/04/2026 when the file itself does not tell
    # A later response from the same person replaces the earlier one: "auto" only where the form verified
    # who answered (Microsoft Forms' signed-in accounts); "always" also for typed emails; "never" keeps both.
    resubmissions: Literal["auto", "always", "never"] = "auto"
    qa: QaColumns = field(default_factory=QaColumns)
    # More Q&A tools, each a named mapping ([tool.aup.feedback.mappings.slido]): a file is read through the
    # first whose text column it has, or the one 'aup feedback import --mapping NAME' names.
    mappings: dict[str, QaColumns] = field(default_factory=dict)
    # Words your staff use -> the manual's words for them, added to the shipped list the linker reads
    # (aupkit/feedback/linkwords.yaml): for example teams = "chat messages", sharepoint = "company storage".
    synonyms: dict[str, str] = field(default_factory=dict)
    form: FeedbackForm = field(default_factory=FeedbackForm)


@dataclass(frozen=True)
class Announce:
    """``[tool.aup.announce]``: the email that tells staff about a new version (``aup announce``)."""

    sender: str = ""  # empty: the organisation's helpdesk_email
    recipients: tuple[str, ...] = ()  # for example ["all-staff@example.com"]
    whats_new_url: str = ""  # empty: the site_url followed by the changelog page's address
    outbox: str = "outbox"  # where .eml files are written when not sending
    record: str = "feedback/announcements.yaml"  # what was sent, per version, so nothing is sent twice
    # A manual in several languages: "together" sends one message with every language (mixed recipients);
    # "each" sends one message per language, to recipients_by_language[language] (else to recipients).
    languages: Literal["together", "each"] = "together"
    recipients_by_language: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Acknowledge:
    """``[tool.aup.acknowledge]``: who has read and accepted which version (``aup ack``).

    The ledger, the staff list and the reminders sent hold personal data: they live in ``folder``, which must be
    outside the published site and ignored by git (``aup ack`` refuses to write anywhere else).
    """

    folder: str = ".aup-private"  # relative to the project, or an absolute path outside it
    # The form: a Google Form with pre-filled fields (its /viewform address and the entry IDs of its version and
    # language questions), or one Microsoft Form per version (its title carries the version).
    form_url: str = ""
    version_entry: str = ""  # Google Forms: entry.1234567 of the "version" question
    language_entry: str = ""  # Google Forms: entry.7654321 of the "language" question
    # Whether a version asks everyone to accept again; by default from its version number (a major or minor
    # step: yes; a patch: no): {"1.1.0" = false} overrides it.
    material: dict[str, bool] = field(default_factory=dict)
    deadline: str = ""  # YYYY-MM-DD by which everyone must have accepted the version in force
    grace_days: int = 30  # a new joiner has this many days from their start date
    remind_every_days: int = 7  # never the same reminder to the same person more often than this


@dataclass(frozen=True)
class Site:
    """``[tool.aup.site]``: the published site (``aup build``)."""

    # Pages as page.html instead of page/ and a search that runs without a server, so the site works
    # opened from a shared folder (file://); the same site also works on a web server.
    offline: bool = False
    # Raw HTML tags pages may use (for example "details", "summary", "kbd"); any other tag is an error.
    # Tags that run or embed content (script, iframe, form...) can never be allowed.
    allowed_html: tuple[str, ...] = ()
    # The engine that renders the site: "mkdocs" (with Material), "properdocs" or "zensical" (aup build --engine).
    engine: Literal["mkdocs", "properdocs", "zensical"] = "mkdocs"
    # The whole manual as a PDF, printed by Chromium, Chrome or Edge: "auto" when one is found, "always", "never".
    pdf: Literal["auto", "always", "never"] = "auto"


@dataclass(frozen=True)
class LintTargets:
    """Readability a page must reach (``aup lint``); English pages use the first two, Spanish the third."""

    max_grade: float = 8.0  # flesch_kincaid_grade at most
    min_reading_ease: float = 60.0  # flesch_reading_ease at least
    min_szigriszt_pazos: float = 55.0  # szigriszt_pazos at least (Spanish)


@dataclass(frozen=True)
class Lint:
    """``[tool.aup.lint]``: thresholds and checks of ``aup lint``."""

    targets: dict[str, LintTargets] = field(default_factory=lambda: {"en": LintTargets(), "es": LintTargets()})
    audiences: dict[str, LintTargets] = field(default_factory=dict)  # front matter 'audience' -> its own targets
    min_words: int = 80  # pages with fewer words are scored but not held to the targets
    long_sentence_words: int = 25
    long_paragraph_words: int = 150
    hard_sentence_grade: float = 10.0  # English: grade of a hard sentence (Hemingway-style)
    very_hard_sentence_grade: float = 14.0
    hard_sentence_ease: float = 40.0  # Spanish: Szigriszt-Pazos of a hard sentence
    very_hard_sentence_ease: float = 25.0
    checks: dict[str, Literal["error", "warning", "info", "off"]] = field(default_factory=dict)  # code -> severity
    banned_words: dict[str, str] = field(default_factory=dict)  # word or phrase -> what to write or why
    preferred_terms: dict[str, str] = field(default_factory=dict)  # word or phrase -> the organisation's term
    known_acronyms: tuple[str, ...] = ()  # acronyms never reported as undefined
    cache_dir: str = ".aup-cache"  # aup's scratch folder (git-ignored): the project lock and the write journal


@dataclass(frozen=True)
class Config:
    """The whole ``[tool.aup]`` table. ``root`` is the folder holding pyproject.toml."""

    root: Path = field(default=Path("."), metadata={"toml": False})
    source: Path | None = field(default=None, metadata={"toml": False})
    notices: tuple[str, ...] = field(default=(), metadata={"toml": False})  # worth saying, not worth stopping for
    # The manual repository installs aupkit ([project] dependencies names it), as `aup init` writes it.
    depends_on_aupkit: bool = field(default=False, metadata={"toml": False})
    title: str = "Good practice manual"
    manual_dir: str = "manual"
    language: Language = "en"
    # One manual in several languages: the first is the source, the others translate it. Each language's
    # pages live in manual_dir/<language>/ with the same file names and rule IDs.
    languages: tuple[Language, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)  # language -> the manual's title in it (default: title)
    # A translation behind its source page (or not saying which version it follows): "warning" lets the source
    # language publish first; "error" stops aup check and aup build until every language is current.
    stale_translations: Literal["warning", "error"] = "warning"
    # Statements that depend on the organisation's setup ('<!-- aup:confirm KEY -->' in a page) that someone has
    # checked against the real setup: 'aup check' warns about every other marked statement.
    confirmed: tuple[str, ...] = ()
    # The organisation's own words for anything aupkit writes: [tool.aup.words.es.announce] intro = "...".
    words: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    # The language this configuration reads and writes: one of `languages` (the source unless editions() chose).
    edition: str = field(default="", metadata={"toml": False})
    # How the words aupkit writes in Spanish address people: "tú" (the starter's) or "usted"; and which Spanish:
    # "es-419" (neutral Latin American), "es-MX" or "es-ES" (the only one where an audience is "vosotros").
    address: Literal["tú", "usted"] = "tú"
    variant: Literal["es-419", "es-MX", "es-ES"] = "es-419"
    home_page: str = "index.md"
    glossary_page: str = "glossary.md"
    changelog_page: str = "changelog.md"
    organisation: Organisation = field(default_factory=Organisation)
    site: Site = field(default_factory=Site)
    slides: Slides = field(default_factory=Slides)
    feedback: Feedback = field(default_factory=Feedback)
    announce: Announce = field(default_factory=Announce)
    acknowledge: Acknowledge = field(default_factory=Acknowledge)
    lint: Lint = field(default_factory=Lint)

    @property
    def manual_path(self) -> Path:
        return self.root / self.manual_dir / self.edition if self.edition else self.root / self.manual_dir

    @property
    def deck_path(self) -> Path:
        """Where ``aup slides`` (and ``aup build``) write the deck: slides.output, per language when there are several
        (build/slides.pptx -> build/slides-es.pptx)."""
        path = self.root / self.slides.output
        return path.with_name(f"{path.stem}-{self.language}{path.suffix}") if len(self.languages) > 1 else path

    def editions(self) -> tuple[Config, ...]:
        """One configuration per language of the manual, the source first (just this one for one language)."""
        if not self.languages:
            return (self,)
        return tuple(
            dataclasses.replace(self, language=language, edition=language, title=self.titles.get(language, self.title))
            for language in self.languages
        )

    def edition_of(self, language: str) -> Config:
        """The configuration of one of the manual's languages; UsageError naming the languages if it has none."""
        for edition in self.editions():
            if edition.language == language:
                return edition
        from .errors import UsageError

        known = ", ".join(edition.language for edition in self.editions())
        raise UsageError(f"the manual has no {language!r} pages; its languages are: {known}")

    @property
    def voice(self) -> Voice:
        """The register, regional variant and the organisation's own words, for ``languages.words``."""
        overrides = tuple(
            (language, area, key, text)
            for language, areas in self.words.items()
            for area, entries in areas.items()
            for key, text in entries.items()
        )
        return Voice(f"{self.variant} {self.address}", overrides)

    def placeholders(self) -> dict[str, str]:
        """The values ``{{ name }}`` placeholders in the manual may use."""
        values = {
            f"org.{f.name}": getattr(self.organisation, f.name)
            for f in dataclasses.fields(Organisation)
            if f.name != "languages"
        }
        values.update(
            {f"org.{name}": value for name, value in self.organisation.languages.get(self.language, {}).items()}
        )
        values["manual.title"] = self.title
        return values


def find_project_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` whose pyproject.toml has ``[tool.aup]``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return folder  # let load_config report the broken file
            if "aup" in data.get("tool", {}):
                return folder
    return None


def load_config(start: Path | None = None) -> Config:
    """Read ``[tool.aup]`` from the project at or above ``start`` (default: the current folder).

    Without such a project, the defaults apply with ``root`` set to ``start``,
    so a single file can still be checked anywhere.
    """
    start = (start or Path.cwd()).resolve()
    root = find_project_root(start)
    if root is None:
        return Config(root=start if start.is_dir() else start.parent)
    path = root / PYPROJECT
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 ({error.reason}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}; fix the syntax") from None
    table = data.get("tool", {}).get("aup", {})
    project = data.get("project")
    notices = check_aupkit_pin(project, path)
    config = config_from_table(table, root=root, source=path)
    return dataclasses.replace(config, notices=notices, depends_on_aupkit=bool(_aupkit_pins(project)))


_PIN = re.compile(r"^\s*aupkit(?![\w.-])\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;@]*?)\s*(?:;.*)?$", re.IGNORECASE)
_EXACT = re.compile(r"^===?\s*(?P<version>\d+(?:\.\d+)*)$")


def check_aupkit_pin(project: Any, path: Path, installed: str = __version__) -> tuple[str, ...]:
    """Compare the aupkit that ``[project] dependencies`` pins with the one running.

    Raises ConfigError when the running aupkit is older than the manual needs; returns
    a notice when the manual pins an older version or none at all (it keeps working).
    """
    pins = _aupkit_pins(project)
    if not pins:
        return ()
    spec = pins[0]["spec"].replace(" ", "")
    if not spec:
        return (
            f"{path}: [project] dependencies lists aupkit without a version; pin the one you use, "
            f'"aupkit=={installed}", so CI installs what you tested',
        )
    exact = _EXACT.match(spec)
    if exact is None:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet  # MkDocs needs packaging: always there

        try:
            accepted = SpecifierSet(spec).contains(installed, prereleases=True)
        except InvalidSpecifier:
            raise ConfigError(
                f"{path}: [project] dependencies: 'aupkit{spec}' is not a version requirement",
                details=(f'write it as "aupkit=={installed}"',),
            ) from None
        if accepted:
            return ()
        raise ConfigError(
            f"{path}: this manual needs aupkit{spec}, but aupkit {installed} is running",
            details=(f"install a version it accepts: pip install 'aupkit{spec}'",),
        )
    pinned = exact["version"]
    if _version_key(pinned) > _version_key(installed):
        raise ConfigError(
            f"{path}: this manual pins aupkit=={pinned}, but the aupkit running is the older {installed}",
            details=(f"install the pinned version in this repository's environment: pip install 'aupkit=={pinned}'",),
        )
    if _version_key(pinned) < _version_key(installed):
        return (
            f"{path}: this manual pins aupkit=={pinned} and aupkit {installed} is running; once the manual "
            f'builds, change the pin to "aupkit=={installed}" so CI uses the same version ("aup doctor" '
            f"lists anything else to update)",
        )
    return ()


def _aupkit_pins(project: Any) -> list[re.Match[str]]:
    """The ``aupkit`` requirements in ``[project] dependencies``, parsed."""
    if not isinstance(project, dict) or not isinstance(project.get("dependencies"), list):
        return []
    return [m for d in project["dependencies"] if isinstance(d, str) and (m := _PIN.match(d))]


def _version_key(version: str) -> tuple[int, ...]:
    parts = tuple(int(part) for part in version.split("."))
    return parts + (0,) * (3 - len(parts))


def config_from_table(table: dict[str, Any], *, root: Path, source: Path | None = None) -> Config:
    """Validate a ``[tool.aup]`` table; raise one ConfigError listing every problem."""
    problems: list[str] = []
    values = _build(Config, table, "tool.aup", problems)
    where = str(source) if source else "[tool.aup]"
    problems += _output_path_problems(values, root)
    problems += _url_problems(values)
    problems += _allowed_html_problems(values)
    problems += _language_problems(values, table)
    entry = values.feedback.form.rule_entry if isinstance(values.feedback.form.rule_entry, str) else ""
    if entry and not re.fullmatch(r"entry\.\d+", entry):
        problems.append(
            f"tool.aup.feedback.form.rule_entry: {entry!r} is not a Google Forms entry ID; write it as entry.1234567 "
            "(in the form's 'Get pre-filled link', the number after 'entry.' of the 'which part' question)"
        )
    problems += override_problems(values.words) if isinstance(values.words, dict) else []
    if problems:
        raise ConfigError(
            f"{where}: {len(problems)} problem(s) in the configuration",
            details=tuple(f"  - {problem}" for problem in problems),
        )
    values = dataclasses.replace(values, root=root, source=source)
    return values.editions()[0]  # a manual in several languages is read in its source language unless told


def _language_problems(config: Config, table: dict[str, Any]) -> list[str]:
    languages = config.languages
    problems = []
    if len(set(languages)) != len(languages):
        problems.append(f"tool.aup.languages: {list(languages)} names a language twice; list each once")
    if languages and "language" in table and table["language"] != languages[0]:
        problems.append(
            f"tool.aup.language: {table['language']!r} is not the first of languages {list(languages)}; "
            "remove 'language' (the first of 'languages' is the source language)"
        )
    for language in config.titles:
        if language not in (languages or (config.language,)):
            problems.append(f"tool.aup.titles.{language}: the manual has no {language!r} pages; remove it")
    texts = [f.name for f in dataclasses.fields(Organisation) if f.type in ("str", str)]
    for language, values in config.organisation.languages.items():
        where = f"tool.aup.organisation.languages.{language}"
        if language not in (languages or (config.language,)):
            problems.append(f"{where}: the manual has no {language!r} pages; remove it")
        problems += [
            f"{where}.{key}: not a setting; use one of: {', '.join(texts)}" for key in values if key not in texts
        ]
    return problems


# Settings naming where aup writes: each must stay inside the project and away from what it must never touch.
OUTPUT_SETTINGS = (
    ("slides.output", lambda c: c.slides.output),
    ("feedback.folder", lambda c: c.feedback.folder),
    ("announce.outbox", lambda c: c.announce.outbox),
    ("announce.record", lambda c: c.announce.record),
    ("lint.cache_dir", lambda c: c.lint.cache_dir),
)


# Settings that become links on the site, in the deck and in the email.
URL_SETTINGS = (
    ("organisation.feedback_url", lambda c: c.organisation.feedback_url),
    ("organisation.site_url", lambda c: c.organisation.site_url),
    ("announce.whats_new_url", lambda c: c.announce.whats_new_url),
    ("feedback.form.url", lambda c: c.feedback.form.url),
)
_SAFE_URL = re.compile(r"^(?:https?://[^\s\"'<>`\\]+|mailto:[^\s\"'<>`\\]+)$", re.IGNORECASE)


def _url_problems(config: Config) -> list[str]:
    return [
        f"tool.aup.{key}: {value!r} is not an address aup will link to; "
        "use an https:, http: or mailto: address without spaces or quotes"
        for key, read in URL_SETTINGS
        if (value := read(config)) and isinstance(value, str) and not _SAFE_URL.match(value)
    ]


def _allowed_html_problems(config: Config) -> list[str]:
    from .model.active import NEVER_ALLOWED

    return [
        f"tool.aup.site.allowed_html: '{tag}' runs or embeds content and can never be allowed; remove it"
        for tag in config.site.allowed_html
        if isinstance(tag, str) and tag.lower() in NEVER_ALLOWED
    ]


def _output_path_problems(config: Config, root: Path) -> list[str]:
    from .files import unsafe_reason

    problems = []
    resolved_root = root.resolve()
    manual = (resolved_root / config.manual_dir).resolve()
    for key, read in OUTPUT_SETTINGS:
        value = read(config)
        if not isinstance(value, str) or not value:
            continue
        target = (resolved_root / value).resolve()
        if resolved_root not in target.parents:
            problems.append(
                f"tool.aup.{key}: {value!r} is outside the project ({target}); "
                f"use a path inside {resolved_root}, such as the default"
            )
            continue
        reason = unsafe_reason(target, resolved_root, manual)
        if reason:
            problems.append(f"tool.aup.{key}: {value!r}: aup will not write there: {reason}; choose a place of its own")
    return problems


def _build(cls: type, table: Any, prefix: str, problems: list[str]) -> Any:
    if not isinstance(table, dict):
        problems.append(f"[{prefix}] must be a table, not {type(table).__name__}")
        return cls()
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.metadata.get("toml", True)}
    for key in table:
        if key not in fields:
            known = ", ".join(sorted(fields))
            problems.append(f"{prefix}.{key}: unknown key; known keys are: {known}")
    kwargs = {}
    for name in fields:
        if name in table:
            kwargs[name] = _convert(hints[name], table[name], f"{prefix}.{name}", problems)
    return cls(**kwargs)


def _convert(hint: Any, value: Any, key: str, problems: list[str]) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, key, problems)
    if origin is Literal:
        if value not in args:
            problems.append(f"{key}: {value!r} is not allowed; use one of {', '.join(map(repr, args))}")
        return value
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        return _convert(kinds[0], value, key, problems)
    if origin in (list, tuple):
        if not isinstance(value, list):
            problems.append(f"{key}: expected a list, got {_describe(value)}")
            return ()
        return tuple(_convert(args[0], item, f"{key}[{index}]", problems) for index, item in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            problems.append(f"{key}: expected a table, got {_describe(value)}")
            return {}
        return {k: _convert(args[1], v, f"{key}.{k}", problems) for k, v in value.items()}
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{key}: expected a number, got {_describe(value)}")
        return float(value) if isinstance(value, int | float) else value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{key}: expected a whole number, got {_describe(value)}")
        return value
    if hint in (str, bool) and not isinstance(value, hint):
        problems.append(f"{key}: expected {'text' if hint is str else 'true or false'}, got {_describe(value)}")
    elif hint is str and _CONTROL.search(value):
        # Settings land in email headers, slide XML and HTML attributes: one line of visible text each.
        problems.append(f"{key}: holds a line break or another control character; write it as one line of text")
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"
