"""The feedback form kit: the questions and choices to paste into a Google or Microsoft form, and the
pre-filled links that make feedback from a page or a rule arrive already linked to it. Pure.

The choices read "Page – Rule title", so the importer links an answer by the rule title it holds,
and "Page – something else on this page" narrows it to that page's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote_plus

from ..config import Config
from ..languages import Voice, words
from ..model import Manual, Page


@dataclass(frozen=True)
class Choice:
    label: str
    page: str | None = None  # the page file, for a page's own choice and its rules'
    rule: str | None = None


def choices(manual: Manual, language: str, voice: str | Voice = "") -> list[Choice]:
    """Every choice of the form's "which part of the manual" question, in the site's order of topics."""
    said = words(language, "form", voice)
    found = []
    for page in manual.topics:
        found += [Choice(f"{page.title} – {rule.title}", page.relative, rule.id) for rule in page.rules if rule.id]
        found.append(Choice(said["other"].format(page=page.title), page.relative))
    found.append(Choice(said["general"]))
    return found


def prefilled(config: Config, label: str) -> str:
    """The form's address with the "which part" answer filled in ("" without url and rule_entry)."""
    form = config.feedback.form
    if not (form.url and form.rule_entry):
        return ""
    joiner = "&" if "?" in form.url else "?"
    return f"{form.url}{joiner}usp=pp_url&{form.rule_entry}={quote_plus(label)}"


def page_choice(page: Page, language: str, voice: str | Voice = "") -> str:
    """The label of a page's own choice: what its "Questions or suggestions?" link pre-fills."""
    return words(language, "form", voice)["other"].format(page=page.title)


def form_kit(manuals: dict[str, Manual], config: Config) -> str:
    """The text to paste into the form, per language, and the pre-filled links."""
    out: list[str] = []
    for language, manual in manuals.items():
        edition = config.edition_of(language)
        said = words(language, "form", edition.voice)
        out += [f"# {said['title'].format(language=language)}", ""]
        out += [f"1. {said['which']}", f"2. {said['kind']}", f"   {said['kinds']}", f"3. {said['text']}", ""]
        out += [said["choices"].format(which=said["which"]), ""]
        listed = choices(manual, language, edition.voice)
        out += [choice.label for choice in listed] + [""]
        if not prefilled(edition, "x"):
            out += [said["no_links"], ""]
            continue
        out += [f"## {said['links']}", ""]
        for choice in listed:
            if choice.page is None:
                continue
            where = f"{choice.page}#{choice.rule}" if choice.rule else choice.page
            out += [f"{where}", f"  {prefilled(edition, choice.label)}"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
