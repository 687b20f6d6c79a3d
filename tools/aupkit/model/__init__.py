"""The document model: the manual's Markdown, read once into immutable objects."""

from .frontmatter import parse_front_matter, parse_review_period
from .load import (
    display_path,
    format_diagnostic,
    load_editions,
    load_manual,
    markdown_files,
    require_usable,
)
from .parse import LABELS, RULE_ID, ParsedPage, decode, is_label, is_tip, parse_page, substitute
from .types import (
    SEVERITIES,
    Block,
    Diagnostic,
    FrontMatter,
    GlossaryEntry,
    Manual,
    Page,
    ReviewPeriod,
    Rule,
    Segment,
    Severity,
    Span,
)

__all__ = [
    "LABELS",
    "RULE_ID",
    "SEVERITIES",
    "Block",
    "Diagnostic",
    "FrontMatter",
    "GlossaryEntry",
    "Manual",
    "Page",
    "ParsedPage",
    "ReviewPeriod",
    "Rule",
    "Segment",
    "Severity",
    "Span",
    "decode",
    "display_path",
    "format_diagnostic",
    "is_label",
    "is_tip",
    "load_editions",
    "load_manual",
    "markdown_files",
    "parse_front_matter",
    "parse_page",
    "parse_review_period",
    "require_usable",
    "substitute",
]
