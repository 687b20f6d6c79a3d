"""The reviewer's report: one self-contained HTML file (no external request) a colleague can open without git.

Hemingway-style: each page's prose with hard sentences in yellow, very hard ones
in red, complex words in purple with their plainer alternative, passive voice in
blue, and beside it the page's scores against its targets.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

from ..files import write_atomic
from ..languages import Voice, every, words
from ..model import display_path
from .checks import CODES
from .metrics import inflesz
from .types import DATA, Finding, LintReport, PageReport, ScoredPart, Sentence

WORD_CODES = tuple(code for code, check in CODES.items() if check.highlight)  # declared in checks.CODES
_QUOTED = re.compile(r"'((?:[^']|'(?=\w))+)'")  # the quoted match, contractions included: 'aren't locked'


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marks(sentence: Sentence, findings: list[Finding], said: dict[str, str]) -> str:
    """The sentence as HTML with its flagged words and passive phrases marked."""
    spans: list[tuple[int, int, str, str]] = []
    for finding in findings:
        quoted = _QUOTED.search(finding.message)
        if not quoted:
            continue
        target = quoted.group(1)
        start = sentence.text.find(target)
        if start < 0 or any(s < start + len(target) and start < e for s, e, _, _ in spans):
            continue
        kind = "passive" if finding.code == "passive-voice" else "word"
        tip = finding.message + (f" → {finding.suggestion}" if finding.suggestion else "")
        spans.append((start, start + len(target), kind, tip))
    out, cursor = [], 0
    for start, end, kind, tip in sorted(spans):
        out.append(_e(sentence.text[cursor:start]))
        out.append(f'<mark class="{kind}" data-tip="{_e(tip)}">{_e(sentence.text[start:end])}</mark>')
        cursor = end
    out.append(_e(sentence.text[cursor:]))
    body = "".join(out)
    if sentence.difficulty != "ok":
        label = said["very_hard"] if sentence.difficulty == "very-hard" else said["hard"]
        score = "" if sentence.grade is None else said["score"].format(score=f"{sentence.grade:.0f}")
        tip = said["sentence_tip"].format(label=label, words=sentence.counts.words, score=score)
        return f'<mark class="{sentence.difficulty}" data-tip="{_e(tip)}">{body}</mark>'
    return body


def _sentence_findings(page: PageReport) -> dict[int, list[Finding]]:
    """Word-level findings, assigned to the sentence they fall in (by source position)."""
    starts = [(s.line, s.column) for s in page.sentences]
    assigned: dict[int, list[Finding]] = defaultdict(list)
    for finding in page.findings:
        if finding.code not in (*WORD_CODES, "passive-voice"):
            continue
        position = (finding.line, finding.column)
        index = max((i for i, start in enumerate(starts) if start <= position), default=None)
        if index is not None:
            assigned[index].append(finding)
    return assigned


def _rule_score(rule: ScoredPart, said: dict[str, str]) -> str:
    """The rule's headline score, beside its title."""
    for name in ("flesch_kincaid_grade", "szigriszt_pazos"):
        value = rule.metrics.get(name)
        if value is not None:
            return f" · {_e(_metric(name, said))} {value:.1f}{_band(name, value, said)}"
    return ""


# The formulas' own names, the same in every language; the language tables name only the ones they translate.
METRIC_NAMES = {
    "gunning_fog": "Gunning fog", "smog_index": "SMOG", "coleman_liau_index": "Coleman-Liau",
    "dale_chall_readability_score": "Dale-Chall", "fernandez_huerta": "Fernández Huerta",
    "szigriszt_pazos": "Szigriszt-Pazos", "gutierrez_polini": "Gutiérrez de Polini",
}  # fmt: skip


def _metric(name: str, said: dict[str, str]) -> str:
    return said.get(f"metric.{name}") or METRIC_NAMES.get(name, name)


def _band(name: str, value: float | None, said: dict[str, str]) -> str:
    """`` (normal)``: the INFLESZ band beside a Szigriszt-Pazos score."""
    band = inflesz(value) if name == "szigriszt_pazos" else None
    return f" ({said[f'inflesz.{band}']})" if band else ""


_PART_LABELS = every("report_labels")


def _article(page: PageReport, said: dict[str, str]) -> str:
    assigned = _sentence_findings(page)
    passages: dict[int, list[tuple[int, Sentence]]] = defaultdict(list)
    for index, sentence in enumerate(page.sentences):
        passages[sentence.passage].append((index, sentence))
    labels = _PART_LABELS.get(page.language, _PART_LABELS["en"])
    parts: list[str] = []
    open_list: str | None = None  # the part whose list is open
    last_part: str | None = None
    rules = sorted(page.rules, key=lambda rule: rule.line)

    def close_list() -> None:
        nonlocal open_list
        if open_list is not None:
            parts.append("</ul>")
            open_list = None

    for _, items in sorted(passages.items()):
        first = items[0][1]
        while rules and rules[0].line <= first.line:
            rule = rules.pop(0)
            close_list()
            last_part = None
            parts.append(f"<h3>{_e(rule.title)}</h3>")
            parts.append(f'<div class="rule-meta"><code>{_e(rule.name)}</code>{_rule_score(rule, said)}</div>')
        if first.part != last_part and first.part in labels:
            close_list()
            parts.append(f'<p class="label">{_e(labels[first.part])}</p>')
        last_part = first.part
        text = " ".join(_marks(sentence, assigned.get(index, []), said) for index, sentence in items)
        if first.kind == "list_item":
            if open_list != first.part:
                close_list()
                parts.append("<ul>")
                open_list = first.part
            parts.append(f"<li>{text}</li>")
            continue
        close_list()
        parts.append(f"<p>{text}</p>")
    close_list()
    return "\n".join(parts) or f"<p><em>{_e(said['no_prose'])}</em></p>"


def _aside(page: PageReport, said: dict[str, str]) -> str:
    cards = []
    targets = []
    for target in page.targets:
        name = _metric(target.metric, said)
        actual = "–" if target.actual is None else f"{target.actual:.1f}"
        state = ("met" if target.met else "missed") if page.held_to_targets else "not_judged"
        goal = said["at_most" if target.bound == "max" else "at_least"].format(value=f"{target.value:g}")
        css = state.replace("_", "-")
        targets.append(
            f'<div class="score"><span>{_e(name)}</span><b class="{css}">{actual}</b></div>'
            f'<div class="score goal"><span>{_e(said["target"].format(goal=goal))}</span>'
            f'<span class="{css}">{_e(said[state])}</span></div>'
        )
        if target.metric == "szigriszt_pazos" and (band := inflesz(target.actual)):
            shown = _e(said[f"inflesz.{band}"])
            targets.append(f'<div class="score goal"><span>{_e(said["inflesz"])}</span><span>{shown}</span></div>')
    if not page.held_to_targets:
        targets.append(f'<p class="goal">{_e(said["too_few"])}</p>')
    cards.append(f'<div class="card"><h3>{_e(said["targets"])}</h3>{"".join(targets)}</div>')
    hard = sum(1 for s in page.sentences if s.difficulty == "hard")
    very = sum(1 for s in page.sentences if s.difficulty == "very-hard")
    plain = sum(1 for f in page.findings if f.code in WORD_CODES)
    passive = sum(1 for f in page.findings if f.code == "passive-voice")
    tallies = [
        ("very-hard", very, said["tally_very_hard"]),
        ("hard", hard, said["tally_hard"]),
        ("word", plain, said["tally_word"]),
        ("passive", passive, said["tally_passive"]),
    ]
    cards.append(
        f'<div class="card"><h3>{_e(said["to_look_at"])}</h3>'
        + "".join(f'<div class="tally"><mark class="{k}">{n}</mark>{_e(label)}</div>' for k, n, label in tallies)
        + "</div>"
    )
    rows = "".join(
        f"<tr><td>{_e(_metric(name, said))}</td>"
        f"<td>{'–' if value is None else f'{value:.1f}'}{_e(_band(name, value, said))}</td></tr>"
        for name, value in page.metrics.items()
    )
    counts = page.counts
    cards.append(
        f'<div class="card"><h3>{_e(said["all_scores"])}</h3><table class="metrics">{rows}'
        f"<tr><td>{_e(said['words'])}</td><td>{counts.words}</td></tr>"
        f"<tr><td>{_e(said['sentences'])}</td><td>{counts.sentences}</td></tr></table></div>"
    )
    other = [
        f for f in page.findings if f.code not in (*WORD_CODES, "passive-voice", "sentence-hard", "sentence-very-hard")
    ]
    if other:
        items = "".join(
            f'<li><span class="sev-{f.severity}">{_e(f.message)}</span>'
            f"{' — ' + _e(f.suggestion) if f.suggestion else ''} "
            f'<span class="code">{_e(said["line"].format(line=f.line))} · {_e(f.code)}</span></li>'
            for f in other[:40]
        )
        more = f"<p>{_e(said['more'].format(count=len(other) - 40))}</p>" if len(other) > 40 else ""
        cards.append(
            f'<div class="card"><h3>{_e(said["other_findings"])}</h3><ol class="findings">{items}</ol>{more}</div>'
        )
    return "\n".join(cards)


def render_html(report: LintReport, language: str = "en", voice: str | Voice = "") -> str:
    """The whole report as one HTML document in the reviewer's ``language`` (CSS inlined; nothing is fetched)."""
    said = words(language, "report", voice)
    title = said["title"]
    css = DATA.joinpath("report.css").read_text(encoding="utf-8")
    nav = "".join(
        f'<a href="#page-{index}" class="{"" if page.meets_targets else "missed"}">{_e(page.title)}</a>'
        for index, page in enumerate(report.pages)
    )
    sections = "\n".join(
        f'<section class="page" id="page-{index}"><article lang="{_e(page.language)}"><h2>{_e(page.title)}</h2>'
        f'<div class="where">{_e(display_path(page.path))}'
        f"{' · ' + _e(said['audience']) + ': ' + _e(page.audience) if page.audience else ''}</div>"
        f"{_article(page, said)}</article><aside>{_aside(page, said)}</aside></section>"
        for index, page in enumerate(report.pages)
    )
    errors = sum(1 for f in report.findings if f.severity == "error")
    warnings = sum(1 for f in report.findings if f.severity == "warning")
    legend = (
        f'<div class="legend"><span><mark class="very-hard">{_e(said["legend_very_hard"])}</mark></span>'
        f'<span><mark class="hard">{_e(said["legend_hard"])}</mark></span>'
        f'<span><mark class="word">{_e(said["legend_word"])}</mark></span>'
        f'<span><mark class="passive">{_e(said["legend_passive"])}</mark></span>'
        f"<span>{_e(said['legend_hover'])}</span></div>"
    )
    counted = said["summary"].format(pages=len(report.pages), errors=errors, warnings=warnings)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{_e(title)}</title><style>{css}</style></head><body>"
        f'<header class="top"><h1>{_e(title)}</h1><p>{_e(counted)}</p></header>'
        f'<nav class="pages" aria-label="{_e(said["pages"])}">{nav}</nav>{legend}'
        f"<main>{sections}</main></body></html>\n"
    )


def write_html(report: LintReport, path: Path, language: str = "en", voice: str | Voice = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic({path: render_html(report, language, voice)})
