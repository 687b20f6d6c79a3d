"""Prose extraction: the document model's blocks -> passages of sentences with their source positions.

What is skipped: front matter, headings, code (fenced, indented, inline), HTML
comments and raw HTML. URLs and email addresses become one short word ("link",
"email") so they neither inflate nor split sentences. A list item, a table cell
and a paragraph are each their own passage; a sentence never runs across two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Block, Page, is_label

URL = re.compile(r"(?:https?|ftp)://[^\s<>\"']+|\bwww\.[^\s<>\"']+", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL_WORD, EMAIL_WORD = "link", "email"
PROSE_KINDS = ("paragraph", "list_item", "table_cell", "blockquote_paragraph")

# A full stop after these (any case) does not end a sentence even before a capital.
ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "sra",
        "srta",
        "dra",
        "no",
        "nº",
        "núm",
        "approx",
        "incl",
        "dept",
        "fig",
        "p",
        "pp",
        "ud",
        "uds",
        "sr",
        "sres",
        "pág",
        "art",
        "ej",
        "cf",
        "al",
        "ibid",
        "ca",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
# After a boundary: spaces, then opening quotes and brackets (group 1), then the first other character (group 2).
_AFTER_BOUNDARY = re.compile(r"\s*([\"'“‘(\[¿¡*_]*)(.?)", re.DOTALL)
_FIRST_WORD = re.compile(r"[^\W_][\w'’-]*")


class Located(NamedTuple):
    """A sentence and where it starts in the file (1-based line and column)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Passage:
    """One block of prose: its sentences, and where it sits in the page's rules.

    ``part`` is key, do, dont, why, detail or faq inside a rule, else None.
    """

    block: Block
    text: str
    sentences: tuple[Located, ...]
    rule_id: str | None
    rule_anchor: str | None
    part: str | None


def clean(block: Block) -> str:
    """The text of a block to score: inline code and HTML dropped, URLs and emails replaced by one word."""
    parts = []
    for segment in block.segments:
        if segment.kind == "text":
            parts.append(segment.content)
        elif segment.kind == "break":
            parts.append(" ")
        else:
            parts.append(" ")
    text = "".join(parts) if block.segments else block.markdown
    if "://" in text or "www." in text.lower():
        text = URL.sub(lambda m: URL_WORD + _trailing(m.group(0)), text)
    if "@" in text:
        text = EMAIL.sub(EMAIL_WORD, text)
    return " ".join(text.split())


def _trailing(url: str) -> str:
    """Punctuation a URL match swallowed that really ends the sentence."""
    stripped = url.rstrip(".,;:!?)]")
    return url[len(stripped) :]


def split_sentences(text: str) -> list[str]:
    """Sentences of one passage. Decimals, abbreviations and initials do not end a sentence."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        after = _AFTER_BOUNDARY.match(text, end)  # what follows, without copying the rest of the text
        following = (after.group(1) or after.group(2))[:1]  # the next character that is not a space
        if following and not _starts_sentence(after.group(2)):
            continue
        if match.group(0).startswith(".") and _is_abbreviation(text[start : match.start()], following):
            continue
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _starts_sentence(first: str) -> bool:
    """Whether the first character after the boundary's spaces, quotes and brackets starts a sentence."""
    return bool(first) and (first.isupper() or first.isdigit())


def _is_abbreviation(before: str, following: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("\"'“‘([¿¡").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    if word in ("no", "nº", "núm"):
        return following.isdigit()  # "No. 5" is a number; "The answer is no. We..." ends a sentence
    return word in ABBREVIATIONS


def _is_word_character(char: str) -> bool:
    """What a regex's ``\\w`` matches: a letter, a digit or a number of any script, or the underscore."""
    return char.isalnum() or char == "_"


class Locator:
    """Finds words of the cleaned text in the page's source lines, moving forward only."""

    def __init__(self, page: Page) -> None:
        self.lines = page.source.split("\n")

    def find(self, text: str, line: int, column: int, last_line: int) -> tuple[int, int] | None:
        """Position of ``text`` at or after (line, column), no further than ``last_line``.

        ``text`` must stand alone: no word character just before it, nor just after it when it ends in one.
        """
        if not text:
            return None
        bounded_after = text[-1].isalnum()
        size = len(text)
        for number in range(max(1, line), min(last_line, len(self.lines)) + 1):
            source = self.lines[number - 1]
            index = source.find(text, column - 1 if number == line else 0)
            while index >= 0:
                end = index + size
                if not (index and _is_word_character(source[index - 1])) and not (
                    bounded_after and end < len(source) and _is_word_character(source[end])
                ):
                    return number, index + 1
                index = source.find(text, index + 1)
        return None


def passages(page: Page) -> list[Passage]:
    """Every prose passage of the page in reading order, sentences located in the source."""
    context: dict[int, tuple[str | None, str, str]] = {}
    for rule in page.rules:
        for part, blocks in (
            ("key", (rule.key_message,) if rule.key_message else ()),
            ("do", rule.do), ("dont", rule.dont), ("why", rule.why),
            ("detail", rule.detail), ("faq", rule.faq),
        ):  # fmt: skip
            for block in blocks:
                context[id(block)] = (rule.id, rule.anchor, part)
    locator = Locator(page)
    found: list[Passage] = []
    for block in page.blocks:
        if block.kind not in PROSE_KINDS or is_label(block):
            continue
        text = clean(block)
        if not text:
            continue
        rule_id, anchor, part = context.get(id(block), (None, None, None))
        texts = split_sentences(text)
        positions = _locate(texts, block, locator)
        sentences = tuple(Located(text, *at) for text, at in zip(texts, positions, strict=True))
        found.append(Passage(block, text, sentences, rule_id, anchor, part))
    return found


def _locate(texts: list[str], block: Block, locator: Locator) -> list[tuple[int, int]]:
    located: list[tuple[int, int]] = []
    line, column = block.span.start, 1
    for sentence in texts:
        first = _FIRST_WORD.search(sentence)
        position = locator.find(first.group(0), line, column, block.span.end) if first else None
        if position is None:
            position = (line, column if located else _indent(locator, line))
        else:
            line, column = position[0], position[1] + len(first.group(0))  # type: ignore[union-attr]
        located.append(position)
    return located


def _indent(locator: Locator, line: int) -> int:
    source = locator.lines[line - 1] if 0 < line <= len(locator.lines) else ""
    return len(source) - len(source.lstrip()) + 1


_FUNCTION_WORDS = {
    "en": frozenset(("the", "and", "of", "to", "is", "for", "with", "that", "you", "your", "are", "be", "this")),
    "es": frozenset(("el", "la", "los", "las", "de", "que", "y", "en", "para", "por", "con", "una", "del", "se")),
}


def guess_language(found: list[Passage], default: str) -> str:
    """The page's language from its commonest short words, when the front matter does not say."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for passage in found[:40]:
        words = passage.text.lower().split()
        for language, function_words in _FUNCTION_WORDS.items():
            counts[language] += sum(map(function_words.__contains__, words))
    best = max(counts, key=counts.__getitem__)
    others = max(count for language, count in counts.items() if language != best)
    return best if counts[best] >= 10 and counts[best] > 2 * others else default
