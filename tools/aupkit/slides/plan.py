"""Manual + configuration -> the deck as plain data: slides, their text boxes, notes and timings.

Nothing here touches python-pptx or the file system. Every text box gets its
final position and font size here, after the fitter has measured it, so the
writer only copies what the plan says and a test can check the plan alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..ack.links import confirm_link
from ..config import Config
from ..errors import UsageError
from ..feedback.form import page_choice, prefilled
from ..languages import LANGUAGES
from ..model import Block, Manual, Page, Rule, is_tip
from ..model.urls import page_url
from .deck import Deck, Para, Picture, Slide, TextFrame
from .fit import TextFitter
from .geometry import INSET_X, INSET_Y, PANEL_INSET, Box, Geometry, inches
from .words import affirmative, format_date, format_duration, words

HEADLINE_SIZES = (32, 28, 24)
BODY_SIZES = (24, 22, 20, 18, 16, 14)
ITEM_GAP_EM = 0.45  # space between list items
HEADING_GAP_EM = 0.3  # space between a Do/Don't heading and its first item
TEXT_COLOUR = "#1F2937"
MUTED_COLOUR = "#4B5563"
DO_COLOUR, DO_FILL = "#1B5E20", "#EAF4EA"
DONT_COLOUR, DONT_FILL = "#A32121", "#FCECEC"
NEUTRAL_FILL = "#F1F3F5"
WHITE = "#FFFFFF"
DO_MARK, DONT_MARK = "\u2713", "\u2717"  # ✓ ✗
SKIPPED_KINDS = {"code": "code block", "html": "HTML block", "table_cell": "table"}
# Seconds a presenter spends on a slide before reading any of it.
BASE_SECONDS = {
    "title": 30,
    "agenda": 40,
    "section": 15,
    "rule": 20,
    "content": 20,
    "check": 45,
    "questions": 120,
    "feedback": 60,
    "closing": 10,
    "empty": 10,
}
QUESTIONS_END_SECONDS = 300
_ATTR_LIST = re.compile(r"\s*\{:?[^{}]*\}\s*$")


@dataclass(frozen=True)
class DeckOptions:
    """What one deck is built with: the configuration's ``[tool.aup.slides]`` plus command-line overrides."""

    language: str = "en"
    presenter: str = ""
    pages: tuple[str, ...] = ()
    questions: Literal["topic", "end"] = "topic"
    knowledge_check: bool = True
    brand_colour: str = "#1F5FA8"
    min_font_size: int = 16
    date: str = ""
    logo: str = ""
    words_per_minute: int = 130


def resolve_options(config: Config, manual: Manual | None = None, **overrides: object) -> DeckOptions:
    """Options from the configuration, with non-empty ``overrides`` (from the command line) winning."""
    slides = config.slides
    language = slides.language or (manual.home.language if manual and manual.home else "") or config.language
    options = DeckOptions(
        language=language,
        presenter=slides.presenter,
        pages=tuple(slides.pages),
        questions=slides.questions,
        knowledge_check=slides.knowledge_check,
        brand_colour=slides.brand_colour,
        min_font_size=slides.min_font_size,
        date=slides.date,
        logo=slides.logo,
        words_per_minute=slides.words_per_minute,
    )
    known = {f.name for f in dataclasses.fields(DeckOptions)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown deck option(s): {', '.join(unknown)}")
    options = replace(options, **{key: value for key, value in overrides.items() if value not in (None, "", ())})
    _validate(options)
    return options


def _validate(options: DeckOptions) -> None:
    problems = []
    if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", options.brand_colour):
        problems.append(f"slides.brand_colour {options.brand_colour!r} is not a colour; write it as '#1F5FA8'")
    if options.language not in LANGUAGES:
        problems.append(f"language {options.language!r} is not supported; use {' or '.join(LANGUAGES)}")
    if not 10 <= options.min_font_size <= 28:
        problems.append(
            f"slides.min_font_size {options.min_font_size} is out of range; use 10 to 28 (16 or more reads well)"
        )
    if not 60 <= options.words_per_minute <= 250:
        problems.append(f"slides.words_per_minute {options.words_per_minute} is out of range; use 60 to 250")
    if options.date:
        try:
            dt.date.fromisoformat(options.date)
        except ValueError:
            problems.append(f"slides.date {options.date!r} is not a date; write it as YYYY-MM-DD")
    if problems:
        raise UsageError(problems[0], details=tuple(f"  - {p}" for p in problems[1:]))


def select_pages(manual: Manual, wanted: Sequence[str]) -> list[Page]:
    """Topic pages in the manual's order (as the site's navigation), or the ``wanted`` ones in the order given."""
    topics = list(manual.topics)
    if not wanted:
        return topics
    by_name: dict[str, Page] = {}
    for page in topics:
        for name in (page.relative, page.relative.removesuffix(".md"), page.path.name, page.path.stem):
            by_name.setdefault(name, page)
    chosen, missing = [], []
    for name in wanted:
        page = by_name.get(name.strip().removeprefix("./"))
        if page is None:
            missing.append(name)
        elif page not in chosen:
            chosen.append(page)
    if missing:
        available = ", ".join(page.relative for page in topics) or "none"
        raise UsageError(
            f"no topic page called {', '.join(repr(m) for m in missing)} in the manual",
            details=(f"  topic pages: {available}",),
        )
    return chosen


class _Planner:
    def __init__(self, manual: Manual, config: Config, geometry: Geometry, fitter: TextFitter, options: DeckOptions):
        self.manual = manual
        self.config = config
        self.geometry = geometry
        self.fitter = fitter
        self.options = options
        self.words = words(options.language, config.voice)
        self.brand = "#" + options.brand_colour.lstrip("#").upper()
        self.template = geometry.template
        self.slides: list[Slide] = []
        self.notices: list[str] = []
        self.body_sizes = tuple(s for s in BODY_SIZES if s >= options.min_font_size) or (options.min_font_size,)
        self.split_size = max(options.min_font_size, min(18, self.body_sizes[0]))

    # colours: a template keeps its own, except the Do/Don't cues
    def colour(self, value: str) -> str | None:
        return None if self.template else value

    def fits(self, paragraphs: Sequence[Para], box: Box, inset_x: float = INSET_X, inset_y: float = INSET_Y) -> bool:
        """Whether the paragraphs fit ``box``; with the panel inset, inside a rounded panel's text area."""
        measured = [p.measure(self.geometry) for p in paragraphs]
        box = box.rounded_text_area() if inset_x == PANEL_INSET else box
        return self.fitter.height(measured, box.text_width(inset_x)) <= box.text_height(inset_y)

    def height(self, paragraphs: Sequence[Para], box: Box, inset_x: float = INSET_X) -> float:
        box = box.rounded_text_area() if inset_x == PANEL_INSET else box
        return self.fitter.height([p.measure(self.geometry) for p in paragraphs], box.text_width(inset_x))

    def layout(self, name: str):
        return self.geometry.layouts[name]

    def add(self, slide: Slide) -> None:
        self.slides.append(slide)

    # -- the slides ---------------------------------------------------------------------------------------------

    def title_slide(self, date: dt.date | None) -> None:
        layout = self.layout("title")
        white = self.colour(WHITE)
        version = self.manual.version
        details = [Para(self.config.organisation.name, 26, colour=white)]
        line = " · ".join(
            part
            for part in (
                format_date(date, self.options.language) if date else "",
                self.words["version"].format(version=version) if version else "",
            )
            if part
        )
        if line:
            details.append(Para(line, 20, colour=white, space_before=10))
        if self.options.presenter:
            details.append(
                Para(self.words["presented_by"].format(name=self.options.presenter), 20, colour=white, space_before=4)
            )
        title = self.fit_heading(
            self.config.title, layout.title, (44, 40, 36, 32, 28), colour=white, bold=True, anchor="bottom"
        )
        subtitle = self.shrink_to_fit(details, layout.subtitle)
        self.add(Slide("title", "title", (title, subtitle), self.logo(), background=self.colour(self.brand)))

    def agenda_slide(self, pages: list[Page]) -> None:
        items = []
        for page in pages:
            count = len(page.rules)
            suffix = self.words["rule_count"] if count == 1 else self.words["rules_count"].format(count=count)
            items.append(Para(f"{page.title} · {suffix}" if count else page.title, 0, bullet="\u2022"))
        notes = self.words["notes_agenda" if self.options.questions == "topic" else "notes_agenda_end"]
        self.content_slides("agenda", self.words["agenda"], "", items, notes, sizes=(28, 26, 24, 22, 20, 18))

    def section_slide(self, page: Page, index: int, total: int) -> None:
        layout = self.layout("section")
        white = self.colour(WHITE)
        summary = page.front_matter.summary if page.front_matter and page.front_matter.summary else ""
        count = len(page.rules)
        counted = self.words["rule_count"] if count == 1 else self.words["rules_count"].format(count=count)
        kicker = Para(f"{index} / {total}", 18, bold=True, colour=white)
        title = self.fit_heading(
            page.title, layout.title, (44, 40, 36, 32), colour=white, bold=True, kicker=kicker, anchor="bottom"
        )
        body = [Para(summary, 22, colour=white)] if summary else []
        if count:
            body.append(Para(counted, 18, colour=white, space_before=12 if summary else 0))
        texts = [title]
        if body:
            texts.append(self.shrink_to_fit(body, layout.subtitle))
        self.add(Slide("section", "section", tuple(texts), background=self.colour(self.brand), notes=summary))

    def rule_slides(self, page: Page, rule: Rule) -> None:
        if not rule.do and not rule.dont:
            self.fallback_rule(page, rule)
            return
        layout = self.layout("two")
        kicker_text = title_of(rule) if rule.key_message else page.title
        headline_text = rule.key_message.text if rule.key_message else title_of(rule)
        notes = self.rule_notes(page, rule)
        left, right = layout.left, layout.right
        title, body_top, truncated = self.fit_headline(kicker_text, headline_text, layout.title, left.top, left.bottom)
        if truncated:
            notes = f"{self.words['notes_truncated'].format(text=headline_text)}\n\n{notes}"
            self.notices.append(
                f"{self.where(rule)}: the key message is too long for a slide; shortened there, "
                f"full text in the notes (keep it to one or two short sentences)"
            )
        left, right = left.with_top(body_top), right.with_top(body_top)
        do_items = [self.item_text(block) for block in rule.do]
        dont_items = [self.item_text(block) for block in rule.dont]
        columns = self.split_columns(do_items, dont_items, left, right)
        spoken = " ".join([headline_text, *do_items, *dont_items, *(b.text for b in rule.why)])
        for number, (do_part, dont_part, size) in enumerate(columns):
            frames = [title if number == 0 else self.cont_title(title)]
            frames.extend(self.column_frames(do_part, dont_part, size, left, right))
            seconds = self.seconds("rule", spoken) if number == 0 else 15
            slide_notes = notes if number == 0 else f"{self.words['notes_cont']}\n\n{notes}"
            self.add(Slide("rule", "two", tuple(frames), notes=slide_notes, seconds=seconds, rule_id=rule.id))

    def fallback_rule(self, page: Page, rule: Rule) -> None:
        """A level-2 section without Do/Don't lists: its key message and detail as a list."""
        blocks = [*((rule.key_message,) if rule.key_message else ()), *rule.why, *rule.detail]
        items = self.fallback_items(page, blocks)
        if not items:
            self.notices.append(
                f"{self.where(rule)}: the section '{title_of(rule)}' has nothing to show on a slide; left out"
            )
            return
        notes = "\n\n".join(x for x in (self.words["notes_fallback"], self.rule_reference(page, rule)) if x)
        self.content_slides("content", title_of(rule), page.title, items, notes, rule_id=rule.id)

    def fallback_page(self, page: Page) -> None:
        """A page with no level-2 sections: each heading starts a slide, its paragraphs and list items follow."""
        sections: list[tuple[str, list[Block]]] = []
        for block in page.blocks:
            if block.kind == "heading":
                heading = _ATTR_LIST.sub("", block.text).strip()
                if block.level == 1 and not sections and heading == page.title:
                    continue
                sections.append((heading, []))
            else:
                if not sections:
                    sections.append((page.title, []))
                sections[-1][1].append(block)
        shown = False
        for heading, blocks in sections:
            items = self.fallback_items(page, blocks)
            if items:
                self.content_slides("content", heading, page.title, items, self.words["notes_fallback"])
                shown = True
        if not shown:
            self.notices.append(
                f"{page.relative}: nothing to show (no paragraphs or lists); the page has only its section slide"
            )

    def fallback_items(self, page: Page, blocks: Sequence[Block]) -> list[Para]:
        items: list[Para] = []
        skipped: dict[str, int] = {}
        previous = ""
        for block in blocks:
            if block.kind in SKIPPED_KINDS:
                if not (block.kind == "table_cell" and previous == "table_cell"):  # a table counts once
                    skipped[block.kind] = skipped.get(block.kind, 0) + 1
                previous = block.kind
                continue
            previous = block.kind
            text = block.text
            if not text:
                continue
            if block.kind == "heading":
                items.append(Para(_ATTR_LIST.sub("", text).strip(), 0, bold=True, space_before=8))
            else:
                items.append(Para(text, 0, bullet="\u2022" if block.kind == "list_item" else ""))
        for kind, count in skipped.items():
            first = next(b for b in blocks if b.kind == kind)
            self.notices.append(
                f"{page.relative}:{first.span.start}: skipped {count} {SKIPPED_KINDS[kind]}{'s' if count > 1 else ''} "
                f"(slides show headings, paragraphs and lists only; the site shows the rest)"
            )
        return items

    def check_slide(self, page: Page, rules: Sequence[Rule], index: int) -> None:
        """'Is this OK?': one Do and one Don't item from the topic's rules, in an order that varies by topic."""
        usable = [rule for rule in rules if rule.do and rule.dont]
        if not usable:
            return
        do_rule = usable[index % len(usable)]
        candidates = usable[(index + 1) % len(usable) :] + usable[: (index + 1) % len(usable)]
        dont = next(
            ((self.statement(r.dont, negative=True), r) for r in candidates if self.statement(r.dont, True)), None
        )
        if dont is None:
            return
        statements = [(self.statement(do_rule.do), True, do_rule), (dont[0], False, dont[1])]
        if index % 2:
            statements.reverse()
        layout = self.layout("two")
        title = self.fit_heading(
            self.words["check"],
            layout.title,
            (36, 32),
            colour=self.colour(self.brand),
            bold=True,
            extra=Para(self.words["check_prompt"], 18, colour=self.colour(MUTED_COLOUR), space_before=6),
        )
        frames = [title]
        answers = []
        for (text, ok, rule), box, label in zip(statements, (layout.left, layout.right), ("A", "B"), strict=True):
            heading = Para(label, 32, bold=True, colour=TEXT_COLOUR if self.template else self.brand, heading=True)
            frame = self.shrink_to_fit(
                [heading, Para(text, 30, space_before=10, colour=TEXT_COLOUR)],
                box,
                sizes=(30, 28, 26, 24, 22, 20, 18),
                keep_first=True,
                inset=PANEL_INSET,
            )
            frames.append(replace(frame, role="left" if label == "A" else "right", fill=NEUTRAL_FILL))
            key = "check_answer_yes" if ok else "check_answer_no"
            answers.append(
                f"{label}. {text}\n{self.words[key].format(rule=title_of(rule))} ({self.rule_reference(page, rule)})"
            )
        self.add(Slide("check", "two", tuple(frames), notes="\n\n".join(answers), seconds=BASE_SECONDS["check"]))

    def questions_slide(self, topic: str | None, page: Page | None = None) -> None:
        layout = self.layout("section")
        white = self.colour(WHITE)
        # With a pre-filled feedback form, a QR code opens it with this topic chosen: questions arrive linked.
        link = prefilled(self.config, page_choice(page, self.options.language, self.config.voice)) if page else ""
        title_box, subtitle_box = layout.title, layout.subtitle
        pictures: tuple[Picture, ...] = ()
        if link and title_box is not None and subtitle_box is not None:
            side = inches(2.6)
            left = self.geometry.width - inches(0.9) - side  # the section title's own left margin, mirrored
            title_box = replace(title_box, width=min(title_box.width, left - title_box.left - inches(0.3)))
            subtitle_box = replace(subtitle_box, width=min(subtitle_box.width, left - subtitle_box.left - inches(0.3)))
            pictures = (Picture("qr", Box(left, title_box.top, side, side), link),)
        title = self.fit_heading(
            self.words["questions"], title_box, (48, 44, 40), colour=white, bold=True, anchor="bottom"
        )
        prompt = self.words["questions_topic"].format(topic=topic) if topic else self.words["questions_end"]
        body = self.shrink_to_fit(
            [Para(prompt, 26, colour=white), Para(self.words["questions_prompt"], 20, colour=white, space_before=12)],
            subtitle_box,
        )
        seconds = BASE_SECONDS["questions"] if topic else QUESTIONS_END_SECONDS
        self.add(
            Slide(
                "questions",
                "section",
                (title, body),
                pictures,
                background=self.colour(self.brand),
                notes=self.words["notes_questions"],
                seconds=seconds,
            )
        )

    def feedback_slide(self) -> None:
        layout = self.layout("content")
        organisation = self.config.organisation
        title = self.fit_heading(
            self.words["feedback"], layout.title, (36, 32, 28), colour=self.colour(self.brand), bold=True
        )
        version = self.manual.version or ""
        links = [
            (self.words["feedback_form"], organisation.feedback_url),
            (self.words["feedback_site"], organisation.site_url),
            # The acknowledgement form, pre-filled with this version and the deck's language (aup ack).
            (
                self.words["feedback_ack"].format(version=version),
                confirm_link(self.config, version, self.options.language),
            ),
        ]
        links = [(label, url) for label, url in links if url]
        body = layout.body
        frames: list[TextFrame] = [title]
        pictures: list[Picture] = []
        if not links:
            self.notices.append(
                "no feedback_url or site_url in [tool.aup.organisation]: the feedback slide has no QR codes"
            )
            frames.append(
                self.shrink_to_fit(
                    [
                        Para(
                            self.words["feedback_none"].format(email=organisation.helpdesk_email),
                            28,
                            colour=self.colour(TEXT_COLOUR),
                        )
                    ],
                    body,
                )
            )
        else:
            caption_height = inches(1.0)
            side = min(inches(3.0), body.height - caption_height - inches(0.15))
            slot = body.width // len(links)
            for index, (label, url) in enumerate(links):
                left = body.left + slot * index + (slot - side) // 2
                pictures.append(Picture("qr", Box(left, body.top, side, side), url))
                caption_box = Box(
                    body.left + slot * index + inches(0.2),
                    body.top + side + inches(0.1),
                    slot - inches(0.4),
                    caption_height,
                )
                caption = self.shrink_to_fit(
                    [
                        Para(label, 22, bold=True, align="center", colour=self.colour(TEXT_COLOUR)),
                        Para(url, 14, align="center", colour=self.colour(MUTED_COLOUR), space_before=2),
                    ],
                    caption_box,
                    sizes=(22, 20, 18, 16, 14, 12),
                    keep_first=False,
                )
                frames.append(replace(caption, role="caption"))
        self.add(
            Slide(
                "feedback",
                "content",
                tuple(frames),
                tuple(pictures),
                notes=self.words["notes_feedback"],
                seconds=BASE_SECONDS["feedback"],
            )
        )

    def closing_slide(self) -> None:
        layout = self.layout("section")
        white = self.colour(WHITE)
        title = self.fit_heading(
            self.words["closing"], layout.title, (54, 48, 44), colour=white, bold=True, anchor="bottom"
        )
        email = self.config.organisation.helpdesk_email
        frames = [title]
        if email:
            frames.append(
                self.shrink_to_fit(
                    [Para(self.words["closing_subtitle"].format(email=email), 24, colour=white)], layout.subtitle
                )
            )
        self.add(
            Slide(
                "closing",
                "section",
                tuple(frames),
                self.logo(),
                background=self.colour(self.brand),
                seconds=BASE_SECONDS["closing"],
            )
        )

    def empty_slide(self) -> None:
        self.content_slides("empty", self.words["empty_title"], "", [Para(self.words["empty_body"], 0)], "")

    # -- building blocks ----------------------------------------------------------------------------------------

    def content_slides(
        self,
        kind: str,
        heading: str,
        kicker: str,
        items: list[Para],
        notes: str,
        rule_id: str | None = None,
        sizes: Sequence[float] = (),
    ) -> None:
        """A title and a list, continued on "(cont.)" slides when it does not fit at a readable size."""
        layout = self.layout("content")
        kicker = "" if kicker.strip().lower() == heading.strip().lower() else kicker
        kicker_para = Para(kicker, 16, bold=True, colour=self.colour(self.brand), heading=True) if kicker else None
        title = self.fit_heading(
            heading, layout.title, (36, 32, 28, 24), colour=self.colour(TEXT_COLOUR), bold=True, kicker=kicker_para
        )
        body = layout.body.with_top(max(layout.body.top, title.box.bottom + inches(0.1)))
        if not self.template:  # the list starts just under the title's last line, not under its empty box
            used = int(self.height(title.paragraphs, title.box) * 12700 + 2 * INSET_Y) + inches(0.05)
            if used < title.box.height:  # and the title box ends there too, so the two never overlap
                title = replace(title, box=title.box.with_height(used))
                body = body.with_top(min(body.top, title.box.bottom + inches(0.3)))
        pages = self.split_list(items, body, sizes)
        spoken = " ".join([heading, *(p.text for p in items)])
        for number, (chunk, size) in enumerate(pages):
            paragraphs = tuple(
                replace(
                    p,
                    size=size,
                    colour=self.colour(TEXT_COLOUR),
                    space_before=p.space_before if index == 0 else max(p.space_before, size * ITEM_GAP_EM),
                )
                for index, p in enumerate(chunk)
            )
            frames = [title if number == 0 else self.cont_title(title)]
            if paragraphs:
                frames.append(TextFrame("body", body, paragraphs))
            seconds = self.seconds(kind, spoken) if number == 0 else 15
            slide_notes = notes if number == 0 else "\n\n".join(x for x in (self.words["notes_cont"], notes) if x)
            self.add(Slide(kind, "content", tuple(frames), notes=slide_notes, seconds=seconds, rule_id=rule_id))

    def split_list(self, items: list[Para], box: Box, sizes: Sequence[float] = ()) -> list[tuple[list[Para], float]]:
        """Items per slide and the size they are set in: the largest size that fits, else split at a readable size."""
        sizes = [s for s in sizes if s >= self.options.min_font_size] or self.body_sizes
        if not items:
            return [([], sizes[0])]
        for size in sizes:
            if self.fits(self.spaced(items, size), box):
                return [(items, size)]
        size = self.split_size
        chunks: list[list[Para]] = []
        remaining = list(items)
        while remaining:
            taken, remaining = self.take(remaining, box, size, INSET_X)
            if remaining and len(taken) > 1 and taken[-1].bold and not taken[-1].bullet:
                remaining.insert(0, taken.pop())  # a sub-heading goes with what follows it
            chunks.append(taken)
        chunks = self.balance(chunks, box, size)
        # Once split, the pieces may fit larger than the size the split was made at: use the largest for all.
        larger = [s for s in sizes if s > size and all(self.fits(self.spaced(chunk, s), box) for chunk in chunks)]
        size = larger[0] if larger else size
        return [(chunk, size) for chunk in chunks]

    def balance(self, chunks: list[list[Para]], box: Box, size: float) -> list[list[Para]]:
        """The same number of slides with the items spread evenly, when that still fits (no lone last item)."""
        items = [item for chunk in chunks for item in chunk]
        count = len(chunks)
        if count < 2 or len(items) < count * 2:
            return chunks
        per, extra = divmod(len(items), count)
        even, start = [], 0
        for index in range(count):
            end = start + per + (1 if index < extra else 0)
            even.append(items[start:end])
            start = end
        if all(self.fits(self.spaced(chunk, size), box) for chunk in even) and not any(
            chunk[-1].bold and not chunk[-1].bullet for chunk in even[:-1]
        ):
            return even
        return chunks

    def spaced(self, items: Sequence[Para], size: float, after_heading: bool = False) -> list[Para]:
        """Items at ``size`` with room between them (and a little under a column's heading)."""
        first = size * HEADING_GAP_EM if after_heading else None
        return [
            replace(
                p,
                size=size,
                space_before=(first if first is not None else p.space_before)
                if i == 0
                else max(p.space_before, size * ITEM_GAP_EM),
            )
            for i, p in enumerate(items)
        ]

    def take(
        self, items: list[Para], box: Box, size: float, inset_x: float, head: Sequence[Para] = ()
    ) -> tuple[list[Para], list[Para]]:
        """The longest prefix of ``items`` that fits under ``head``; a lone item too long is cut at a word."""
        taken: list[Para] = []
        for index, item in enumerate(items):
            trial = [*head, *self.spaced([*taken, item], size, after_heading=bool(head))]
            if self.fits(trial, box, inset_x, INSET_Y if inset_x == INSET_X else PANEL_INSET / 2):
                taken.append(item)
                continue
            if taken:
                return taken, items[index:]
            # A single item taller than the box: keep what fits, continue the rest without a bullet.
            used = self.height(list(head), box, inset_x) if head else 0.0
            spacing = size * HEADING_GAP_EM if head else 0.0
            inset_y = INSET_Y if inset_x == INSET_X else PANEL_INSET / 2
            first = self.spaced([item], size)[0]
            measured = replace(first.measure(self.geometry), space_before=0.0)
            box = box.rounded_text_area() if inset_x == PANEL_INSET else box
            fitted, rest = self.fitter.split_words(
                measured, box.text_width(inset_x), box.text_height(inset_y) - used - spacing
            )
            if not fitted:
                fitted, rest = ([*item.text.split(" ", 1), ""])[:2]
            return [replace(item, text=fitted)], [
                replace(item, text=rest, bullet=""),
                *items[index + 1 :],
            ] if rest else items[index + 1 :]
        return taken, []

    def split_columns(self, do_items: list[str], dont_items: list[str], left: Box, right: Box):
        """Do and Don't paragraphs per slide: ``[(do, dont, size), ...]``; one slide when all fit."""
        for size in self.body_sizes:
            do = [Para(t, size, bullet=DO_MARK) for t in do_items]
            dont = [Para(t, size, bullet=DONT_MARK) for t in dont_items]
            if self.column_fits("do", do, size, left) and self.column_fits("dont", dont, size, right):
                return [(do, dont, size)]
        size = self.split_size
        do_rest = [Para(t, size, bullet=DO_MARK) for t in do_items]
        dont_rest = [Para(t, size, bullet=DONT_MARK) for t in dont_items]
        whole = Box(left.left, left.top, right.right - left.left, left.height)
        slides = []
        while do_rest or dont_rest:
            both = bool(do_rest) and bool(dont_rest)
            do_part: list[Para] = []
            dont_part: list[Para] = []
            if do_rest:
                do_part, do_rest = self.take(
                    do_rest, left if both else whole, size, PANEL_INSET, [self.column_head("do", size)]
                )
            if dont_rest and (both or not do_part):
                dont_part, dont_rest = self.take(
                    dont_rest, right if both else whole, size, PANEL_INSET, [self.column_head("dont", size)]
                )
            slides.append((do_part, dont_part, size))
        return slides

    def column_head(self, part: str, size: float) -> Para:
        mark, colour = (DO_MARK, DO_COLOUR) if part == "do" else (DONT_MARK, DONT_COLOUR)
        return Para(f"{mark} {self.words[part]}", size + 4, bold=True, colour=colour, heading=True)

    def column_paragraphs(self, part: str, items: Sequence[Para], size: float) -> list[Para]:
        body = [replace(p, size=size, colour=TEXT_COLOUR) for p in items]  # on a light panel in every look
        return [self.column_head(part, size), *self.spaced(body, size, after_heading=True)]

    def column_fits(self, part: str, items: Sequence[Para], size: float, box: Box) -> bool:
        return self.fits(self.column_paragraphs(part, items, size), box, PANEL_INSET, PANEL_INSET / 2)

    def column_frames(
        self, do_part: list[Para], dont_part: list[Para], size: float, left: Box, right: Box
    ) -> list[TextFrame]:
        frames = []
        whole = Box(left.left, left.top, right.right - left.left, left.height)
        both = bool(do_part) and bool(dont_part)
        columns = (("do", do_part, left, "left", DO_FILL), ("dont", dont_part, right, "right", DONT_FILL))
        for part, items, box, role, fill in columns:
            if items:
                frames.append(
                    TextFrame(
                        role if both else "left",
                        box if both else whole,
                        tuple(self.column_paragraphs(part, items, size)),
                        fill=fill,
                        inset_x=int(PANEL_INSET),
                        inset_y=int(PANEL_INSET / 2),
                    )
                )
        return frames

    def fit_headline(
        self, kicker: str, headline: str, box: Box, body_top: int, body_bottom: int
    ) -> tuple[TextFrame, int, bool]:
        """The rule's title box (rule title above, key message as headline); grows into the body when it must."""
        kicker_para = Para(kicker, 16, bold=True, colour=self.colour(self.brand), heading=True)
        for size in HEADLINE_SIZES:
            paragraphs = [
                kicker_para,
                Para(headline, size, colour=self.colour(TEXT_COLOUR), heading=True, space_before=4),
            ]
            if self.fits(paragraphs, box):
                return TextFrame("title", box, tuple(paragraphs)), body_top, False
        gap = body_top - box.bottom
        limit = box.top + int((body_bottom - box.top) * 0.45)
        needed = int(self.height(paragraphs, box) * 12700 + 2 * INSET_Y) + 12700
        if box.top + needed <= limit:
            grown = box.with_height(needed)
            return TextFrame("title", grown, tuple(paragraphs)), grown.bottom + gap, False
        grown = box.with_height(limit - box.top)
        shortened = self.shorten([kicker_para], paragraphs[1], [], grown)
        return TextFrame("title", grown, (kicker_para, shortened)), grown.bottom + gap, True

    def shorten(self, head: list[Para], main: Para, tail: list[Para], box: Box) -> Para:
        """``main`` cut at the last word that still fits between ``head`` and ``tail``, with an ellipsis."""
        words = main.text.split()
        low, high = 0, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            trial = replace(main, text=" ".join(words[:middle]).rstrip(",;:") + "\u2026")
            if self.fits([*head, trial, *tail], box):
                low = middle
            else:
                high = middle - 1
        return replace(main, text=" ".join(words[:low]).rstrip(",;:") + "\u2026")

    def cont_title(self, title: TextFrame) -> TextFrame:
        first = title.paragraphs[0]
        kicker = replace(first, text=f"{first.text} {self.words['cont']}")
        trial = replace(title, paragraphs=(kicker, *title.paragraphs[1:]))
        if self.fits(trial.paragraphs, trial.box):
            return trial
        if len(title.paragraphs) == 1:  # the heading itself: keep it whole, the notes say it continues
            return title
        return replace(title, paragraphs=(replace(first, text=self.words["cont"]), *title.paragraphs[1:]))

    def fit_heading(
        self,
        text: str,
        box: Box,
        sizes: Sequence[int],
        *,
        colour: str | None,
        bold: bool = False,
        kicker: Para | None = None,
        extra: Para | None = None,
        anchor: Literal["top", "middle", "bottom"] = "top",
    ) -> TextFrame:
        """A title at the largest size that fits; at the smallest, a word-cut with an ellipsis (never overflow)."""
        head = [kicker] if kicker else []
        tail = [extra] if extra else []
        for size in sizes:
            paragraphs = [
                *head,
                Para(text, size, bold=bold, colour=colour, heading=True, space_before=4 if head else 0),
                *tail,
            ]
            if self.fits(paragraphs, box):
                return TextFrame("title", box, tuple(paragraphs), anchor=anchor)
        main = paragraphs[len(head)]
        self.notices.append(f"the heading {text[:60]!r}... is too long for its slide; shortened with '\u2026'")
        return TextFrame("title", box, (*head, self.shorten(head, main, tail, box), *tail), anchor=anchor)

    def shrink_to_fit(
        self,
        paragraphs: list[Para],
        box: Box,
        sizes: Sequence[float] | None = None,
        keep_first: bool = False,
        inset: float = INSET_X,
    ) -> TextFrame:
        """Scale paragraphs down in steps until they fit (short texts: subtitles, captions, statements)."""
        base = max(p.size for p in paragraphs)
        inset_y = INSET_Y if inset == INSET_X else inset / 2
        for scale in [s / (sizes[0] if sizes else base) for s in (sizes or (base, base * 0.9, base * 0.8, base * 0.7))]:
            scaled = [
                p if keep_first and i == 0 else replace(p, size=round(p.size * scale, 1))
                for i, p in enumerate(paragraphs)
            ]
            if self.fits(scaled, box, inset, inset_y):
                return TextFrame("subtitle", box, tuple(scaled), inset_x=int(inset), inset_y=int(inset_y))
        kept = [scaled[0]]
        for paragraph in scaled[1:]:
            if not self.fits([*kept, paragraph], box, inset, inset_y):
                self.notices.append(f"'{paragraph.text[:60]}' does not fit on its slide and was left out")
                break
            kept.append(paragraph)
        return TextFrame("subtitle", box, tuple(kept), inset_x=int(inset), inset_y=int(inset_y))

    def statement(self, blocks: Sequence[Block], negative: bool = False) -> str:
        """A Do/Don't item as a statement to judge: its first sentence, a Don't without its "Don't".

        Empty when no Don't item can be turned round (the check slide then picks another rule).
        """
        rules = [block for block in blocks if not is_tip(block.text)] or list(blocks)  # a tip is not a quiz answer
        candidates = sorted((self.first_sentence(b.text) for b in rules), key=lambda c: len(c) > 120)
        if not negative:
            return candidates[0]
        turned = (affirmative(c, self.options.language) for c in candidates)
        return next((t for t in turned if t), "")

    @staticmethod
    def first_sentence(text: str) -> str:
        match = re.match(r"(.+?[.!?])(\s|$)", text)
        return match.group(1) if match else text

    def item_text(self, block: Block) -> str:
        return " ".join(block.text.split())

    def logo(self) -> tuple[Picture, ...]:
        if not self.options.logo:
            return ()
        box = Box(self.geometry.width - inches(2.6), inches(0.45), inches(2.0), inches(0.9))
        return (Picture("logo", box, self.options.logo),)

    def where(self, rule: Rule) -> str:
        return f"{rule.span.path.name}:{rule.span.start}"

    def rule_reference(self, page: Page, rule: Rule) -> str:
        name = (
            self.words["notes_rule"].format(id=rule.id)
            if rule.id
            else self.words["notes_rule_no_id"].format(title=title_of(rule))
        )
        url = page_url(
            self.config.organisation.site_url, page.relative, rule.anchor, directory_urls=not self.config.site.offline
        )
        return f"{name}: {url}" if url else name

    def rule_notes(self, page: Page, rule: Rule) -> str:
        parts = []
        if rule.why:
            parts.append(self.words["notes_why"] + "\n" + "\n".join(b.text for b in rule.why))
        detail = [("- " if b.kind == "list_item" else "") + b.text for b in rule.detail if b.text]
        if detail:
            parts.append(self.words["notes_detail"] + "\n" + "\n".join(detail))
        faq = [("- " if b.kind == "list_item" else "") + b.text for b in rule.faq if b.text]
        if faq:
            parts.append(self.words["notes_faq"] + "\n" + "\n".join(faq))
        name = (
            self.words["notes_rule"].format(id=rule.id)
            if rule.id
            else self.words["notes_rule_no_id"].format(title=title_of(rule))
        )
        parts.append(name)
        url = page_url(
            self.config.organisation.site_url, page.relative, rule.anchor, directory_urls=not self.config.site.offline
        )
        if url:
            parts.append(self.words["notes_link"].format(url=url))
        return "\n\n".join(parts)

    def seconds(self, kind: str, spoken: str) -> int:
        return BASE_SECONDS.get(kind, 20) + round(len(spoken.split()) * 60 / self.options.words_per_minute)


def plan_deck(manual: Manual, config: Config, geometry: Geometry, fitter: TextFitter, options: DeckOptions) -> Deck:
    """The whole deck as plain data. Raises UsageError for a ``--pages`` name the manual does not have."""
    planner = _Planner(manual, config, geometry, fitter, options)
    pages = select_pages(manual, options.pages)
    date = _deck_date(manual, options)
    planner.title_slide(date)
    if pages:
        planner.agenda_slide(pages)
    for index, page in enumerate(pages, start=1):
        planner.section_slide(page, index, len(pages))
        if page.rules:
            for rule in page.rules:
                planner.rule_slides(page, rule)
        else:
            planner.fallback_page(page)
        if options.knowledge_check:
            planner.check_slide(page, page.rules, index)
        if options.questions == "topic":
            planner.questions_slide(page.title, page)
    if not pages:
        planner.empty_slide()
        planner.notices.append("the manual has no topic pages: the deck has a title, a note and the closing slides")
    if options.questions == "end" or not pages:
        planner.questions_slide(None)
    planner.feedback_slide()
    planner.closing_slide()
    for font in fitter.unmeasured_fonts():
        planner.notices.append(
            f"no font file found for {font}: text sizes are estimated generously (install the font, "
            f"or Carlito for Calibri, for exact fitting)"
        )
    for font, other in fitter.stand_ins():
        planner.notices.append(
            f"{font} is not installed here: text is fitted with {other}, which fontconfig uses instead; "
            f"the deck is safe but may look looser than it could (install {font}, or Carlito for Calibri)"
        )
    slides = _finish(planner)
    return Deck(
        title=config.title,
        author=config.organisation.name,
        language=options.language,
        date=date,
        slides=slides,
        notices=tuple(dict.fromkeys(planner.notices)),
        total_seconds=sum(s.seconds for s in slides),
        brand=planner.brand,
    )


def title_of(rule: Rule) -> str:
    """The rule's heading as a reader sees it: plain text (no emphasis marks), without its ``{#id}``."""
    return _ATTR_LIST.sub("", rule.heading.text).strip() or rule.title


def _deck_date(manual: Manual, options: DeckOptions) -> dt.date | None:
    if options.date:
        return dt.date.fromisoformat(options.date)
    dates = [p.front_matter.last_reviewed for p in manual.pages if p.front_matter and p.front_matter.last_reviewed]
    return max(dates) if dates else None


def _finish(planner: _Planner) -> tuple[Slide, ...]:
    """Numbers, footers, timings in the notes, and the timetable in the title slide's notes."""
    text = planner.words
    geometry = planner.geometry
    version = planner.manual.version
    footer_text = (text["footer"] if version else text["footer_unversioned"]).format(
        title=planner.config.title, version=version
    )
    slides = []
    language = planner.options.language
    seconds = [max(slide.seconds, BASE_SECONDS.get(slide.kind, 20)) for slide in planner.slides]
    total = sum(seconds)
    for number, (slide, time) in enumerate(zip(planner.slides, seconds, strict=True), start=1):
        frames = list(slide.texts)
        if slide.kind != "title":
            on_brand = slide.background is not None
            colour = planner.colour("#E5ECF6" if on_brand else MUTED_COLOUR)
            if geometry.footer is not None:
                frames.append(
                    TextFrame("footer", geometry.footer, (Para(footer_text, 12, colour=colour),), anchor="middle")
                )
            if geometry.number is not None:
                frames.append(
                    TextFrame(
                        "number",
                        geometry.number,
                        (Para(str(number), 12, colour=colour, align="right"),),
                        anchor="middle",
                    )
                )
        timing = text["notes_time"].format(time=format_duration(time, language))
        notes = "\n\n".join(x for x in (slide.notes, timing) if x)
        slides.append(replace(slide, texts=tuple(frames), number=number, seconds=time, notes=notes))
    table = "\n".join(f"{s.number}. {_label(s, text)}: {format_duration(s.seconds, language)}" for s in slides)
    summary = text["notes_total"].format(time=format_duration(total, language), count=len(slides))
    slides[0] = replace(slides[0], notes=f"{summary}\n\n{text['notes_timetable']}\n{table}\n\n{slides[0].notes}")
    return tuple(slides)


def _label(slide: Slide, text: dict[str, str]) -> str:
    """A short name for the timetable: the kind of slide, then the rule's title or the slide's main title line."""
    kind = text.get(f"kind_{slide.kind}", slide.kind)
    frame = next((f for f in slide.texts if f.role == "title"), None)
    if frame is None:
        return kind
    if slide.kind in ("rule", "content") and len(frame.paragraphs) > 1:
        title = frame.paragraphs[0].text
    else:
        title = max(frame.paragraphs, key=lambda p: p.size).text
    title = title if len(title) <= 60 else title[:59].rstrip() + "\u2026"
    return f"{kind} \u00b7 {title}"
