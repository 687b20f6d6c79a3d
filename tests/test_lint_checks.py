"""Checks, rule data, suppression comments and configuration of aup lint."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from aupkit.config import config_from_table, load_config
from aupkit.errors import ConfigError
from aupkit.languages import LANGUAGES
from aupkit.lint import Finding, lint_manual, lint_page
from aupkit.lint.checks import rule_matches
from aupkit.lint.prose import passages
from aupkit.lint.rules import builtin_rules
from aupkit.model import load_manual
from conftest import FRONT

TODAY = dt.date(2026, 11, 23)


def page_text(body: str, title: str = "Topic", front: str = FRONT) -> str:
    return front.format(title=title) + f"\n# {title}\n\n" + body


def rule(
    key: str, do: str = "Lock your screen.", dont: str = "Don't share your code.", rule_id: str = "topic-a"
) -> str:
    return (
        f"## A rule {{#{rule_id}}}\n\n{key}\n\n**Do**\n\n- {do}\n\n**Don't**\n\n- {dont}\n\n"
        "**Why it matters**\n\nIt keeps our data safe.\n"
    )


def lint(project: Callable[..., Path], files: dict[str, str], pyproject: str | None = None) -> list[Finding]:
    root = project(files, pyproject) if pyproject else project(files)
    config = load_config(root)
    return list(lint_manual(load_manual(config), config, today=TODAY).findings)


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def cabinet_pages(count: int) -> dict[str, str]:
    """``count`` valid pages, one rule each, that differ only in a number."""
    return {f"p{n:02d}.md": page_text(rule(f"Lock the cabinet {n}.", rule_id=f"t-{n}")) for n in range(count)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_data_rule_has_examples_that_pass_and_fail(language: str) -> None:
    for word_rule in builtin_rules(language).rules:
        assert word_rule.examples_pass and word_rule.examples_fail, word_rule.code
        for example in word_rule.examples_pass:
            assert not list(rule_matches((word_rule,), example)), (word_rule.code, example)
        for example in word_rule.examples_fail:
            assert list(rule_matches((word_rule,), example)), (word_rule.code, example)


def test_prose_skips_code_html_headings_and_replaces_links(project: Callable[..., Path]) -> None:
    body = (
        "Run `ipconfig /all` and mail helpdesk@example.com or see https://example.com/help.\n\n"
        "```\nthis is code that shall never be read\n```\n\n<div>raw html shall not count</div>\n\n"
        "| Tool | Use |\n|---|---|\n| Teams | chat with the team |\n\n- first item\n- second item\n"
    )
    root = project({"a.md": page_text(body)})
    manual = load_manual(load_config(root))
    found = passages(manual.pages[0])
    texts = [sentence.text for passage in found for sentence in passage.sentences]
    assert texts[0] == "Run and mail email or see link."
    assert "Teams" in texts and "chat with the team" in texts
    assert texts[-2:] == ["first item", "second item"]
    assert not any("code" in text or "html" in text or text == "Topic" for text in texts)
    first = found[0].sentences[0]
    assert (first.line, first.column) == (12, 1)


def test_sentence_positions_point_at_the_source(project: Callable[..., Path]) -> None:
    body = rule("Staff shall lock screens. They must utilize the lock.")
    findings = lint(project, {"a.md": page_text(body)})
    by_code = {f.code: f for f in findings}
    assert (by_code["obligation-shall"].line, by_code["obligation-shall"].column) == (14, 7)
    assert (by_code["word-complex"].line, by_code["word-complex"].column) == (14, 37)
    assert by_code["word-complex"].suggestion == "write 'use'"


def test_obligation_and_vague_words_depend_on_where_they_are(project: Callable[..., Path]) -> None:
    body = "You should read this page. Use reasonable care.\n\n" + rule(
        "Use appropriate passwords.", do="You should lock your screen."
    )
    found = lint(project, {"a.md": page_text(body)})
    should = [f for f in found if f.code == "obligation-should"]
    vague = [f for f in found if f.code == "rule-vague"]
    assert len(should) == 1 and should[0].line == 20  # only inside the Do list
    assert len(vague) == 1 and "appropriate" in vague[0].message  # only inside a rule


def test_long_and_hard_sentences_and_paragraphs(project: Callable[..., Path]) -> None:
    long_sentence = " ".join(["word"] * 30) + "."
    hard = (
        "Organizational information classification requirements necessitate comprehensive "
        "understanding of confidentiality obligations and regulatory responsibilities."
    )
    paragraph = " ".join(["Lock your screen when you leave."] * 30)
    found = lint(project, {"a.md": page_text(f"{long_sentence}\n\n{hard}\n\n{paragraph}\n")})
    assert {"sentence-long", "sentence-very-hard", "paragraph-long"} <= set(codes(found))
    long = next(f for f in found if f.code == "sentence-long")
    assert "30 words" in long.message


def test_acronyms_need_the_glossary_or_an_expansion(project: Callable[..., Path]) -> None:
    glossary = FRONT.format(title="Glossary") + "\n# Glossary\n\n- **VPN**: virtual private network.\n"
    body = (
        "Use the VPN. Turn on multi-factor authentication (MFA). Then MFA works. Ask about SSO. SSO helps. "
        "IT can help. Read NIST SP 800-63B and ISO 27001. Put the team in CC, never in BCC. Ask about DLP."
    )
    found = lint(project, {"a.md": page_text(body), "glossary.md": glossary})
    acronyms = [f for f in found if f.code == "acronym-undefined"]
    # NIST still needs explaining; SP and ISO are part of a document's number; CC and BCC are mail fields.
    assert [f.message.split("'")[1] for f in acronyms] == ["SSO", "NIST", "DLP"]


def test_passive_voice_is_info_and_skips_adjectives(project: Callable[..., Path]) -> None:
    found = lint(project, {"a.md": page_text("Files are scanned by the gateway. The result is unexpected.\n")})
    passive = [f for f in found if f.code == "passive-voice"]
    assert [(f.severity, f.message) for f in passive] == [("info", "passive voice: 'are scanned'")]


def test_review_overdue_uses_today(project: Callable[..., Path]) -> None:
    front = FRONT.replace("2026-10-01", "2025-01-15")
    found = lint(project, {"a.md": page_text("Lock your screen.\n", front=front)})
    overdue = [f for f in found if f.code == "review-overdue"]
    assert len(overdue) == 1 and overdue[0].line == 5 and "2026-01-15" in overdue[0].message


def test_model_diagnostics_are_findings(project: Callable[..., Path]) -> None:
    found = lint(project, {"a.md": page_text("## No id here\n\nLock it.\n")})
    assert "rule-id-missing" in codes(found)
    assert next(f for f in found if f.code == "rule-id-missing").severity == "error"


def test_suppression_next_line_region_unused_and_unknown(project: Callable[..., Path]) -> None:
    body = (
        "<!-- aup-lint disable-next-line word-complex -->\nPlease utilize the lock.\n\n"
        "<!-- aup-lint disable obligation-shall -->\n\nStaff shall lock screens.\n\nStaff shall log out.\n\n"
        "<!-- aup-lint enable obligation-shall -->\n\nStaff shall sign in.\n\n"
        "<!-- aup-lint disable-next-line passive-voice -->\nLock your screen.\n\n"
        "<!-- aup-lint disable-next-line no-such-check -->\nLock it now.\n"
    )
    found = lint(project, {"a.md": page_text(body)})
    assert codes(found).count("word-complex") == 0
    assert [f.line for f in found if f.code == "obligation-shall"] == [23]
    unused = [f for f in found if f.code == "suppression-unused"]
    assert [f.line for f in unused] == [25]
    assert [f.line for f in found if f.code == "suppression-unknown-code"] == [28]


def test_configured_severity_off_banned_and_preferred_words(project: Callable[..., Path]) -> None:
    pyproject = """\
[tool.aup]
title = "T"

[tool.aup.lint]
checks = { passive-voice = "off", word-complex = "error" }
banned_words = { "synergy" = "say what you mean" }
preferred_terms = { "e-mail" = "email" }
"""
    body = "Files are scanned. Please utilize synergy and send an e-mail.\n"
    found = lint(project, {"a.md": page_text(body)}, pyproject)
    assert "passive-voice" not in codes(found)
    assert next(f for f in found if f.code == "word-complex").severity == "error"
    banned = next(f for f in found if f.code == "word-banned")
    assert (banned.severity, banned.suggestion) == ("error", "say what you mean")
    assert next(f for f in found if f.code == "term-preferred").suggestion == "write 'email'"


def test_unknown_check_in_configuration_is_named(project: Callable[..., Path]) -> None:
    root = project({"a.md": page_text("Lock it.\n")})
    config = load_config(root)
    config = dataclasses.replace(config, lint=dataclasses.replace(config.lint, checks={"sentense-long": "off"}))
    with pytest.raises(ConfigError, match="sentense-long"):
        lint_manual(load_manual(config), config)


def test_page_targets_per_language_and_audience(project: Callable[..., Path]) -> None:
    hard = "Organizational information classification requirements necessitate comprehensive understanding. " * 12
    found = lint(project, {"a.md": page_text(hard)})
    readability = [f for f in found if f.code == "page-readability"]
    assert len(readability) == 2 and readability[0].severity == "error"
    front = FRONT.replace("summary:", "audience: Engineers\nsummary:")
    pyproject = (
        '[tool.aup]\ntitle = "T"\n\n[tool.aup.lint.audiences.Engineers]\nmax_grade = 40\nmin_reading_ease = -200\n'
    )
    found = lint(project, {"a.md": page_text(hard, front=front)}, pyproject)
    assert "page-readability" not in codes(found)


def test_spanish_page_is_scored_with_spanish_formulas(project: Callable[..., Path]) -> None:
    front = FRONT.replace("summary:", "language: es\nsummary:")
    body = "Cierra la sesión al salir. Utilice una clave larga. " * 10
    root = project({"a.md": page_text(body, front=front)})
    config = load_config(root)
    report = lint_manual(load_manual(config), config, today=TODAY)
    page = report.pages[0]
    assert set(page.metrics) == {"fernandez_huerta", "szigriszt_pazos", "gutierrez_polini"}
    assert [t.metric for t in page.targets] == ["szigriszt_pazos"]
    assert "word-complex" in codes(list(report.findings))


def test_lint_page_matches_lint_manual(project: Callable[..., Path]) -> None:
    root = project({"a.md": page_text(rule("Staff shall lock screens.")), "b.md": page_text("Please utilize it.\n")})
    config = load_config(root)
    manual = load_manual(config)
    whole = lint_manual(manual, config, today=TODAY).findings
    per_page = tuple(f for page in manual.pages for f in lint_page(page, manual, config, today=TODAY))
    assert sorted(per_page, key=Finding.sort_key) == list(whole)


def test_lint_config_rejects_bad_values() -> None:
    with pytest.raises(ConfigError) as error:
        config_from_table({"lint": {"long_sentence_words": "many", "targets": {"en": {"max": 3}}}}, root=Path("."))
    assert "tool.aup.lint.long_sentence_words" in str(error.value)
    assert "tool.aup.lint.targets.en.max" in str(error.value)


def test_spanish_page_below_target_is_told_in_spanish(project: Callable[..., Path]) -> None:
    front = FRONT.replace("summary:", "language: es\nsummary:")
    hard = "Las consideraciones organizacionales extraordinariamente complicadas necesitan documentación exhaustiva. "
    found = lint(project, {"a.md": page_text(hard * 12, front=front)})
    readability = [f for f in found if f.code == "page-readability"]
    assert len(readability) == 1 and "está por debajo del mínimo de 55" in readability[0].message


def test_findings_come_sorted_and_text_lines_are_format_finding(project: Callable[..., Path]) -> None:
    from aupkit.lint.formats import as_text, format_finding

    files = {f"p{n:02d}.md": page_text(rule(f"Staff shall utilize lock {n}.", rule_id=f"t-{n}")) for n in range(12)}
    files["sub/a.md"] = page_text("No rules here, and the review is due.\n")  # a folder sorts among the files
    files["b.md"] = "caf\xe9".encode("latin-1")  # a file that is not a page: its finding has no line
    root = project(files)
    config = load_config(root)
    for subset in (None, [root / "manual" / f"p{n:02d}.md" for n in range(12)]):
        found = lint_manual(load_manual(config, subset), config, today=TODAY).findings
        assert list(found) == sorted(found, key=Finding.sort_key)
    report = lint_manual(load_manual(config), config, today=TODAY)
    extra = Finding(root / "manual", 0, 0, "unreadable", "error", "cannot read the file", None)  # no line
    report = dataclasses.replace(report, findings=(*report.findings, extra))
    lines = as_text(report).split("\n")
    assert lines[: len(report.findings)] == [format_finding(f) for f in report.findings]
    assert lines[len(report.findings) - 1].endswith("manual: error unreadable: cannot read the file")
    assert any(f.suggestion for f in report.findings)


def test_display_path_is_relative_to_the_current_folder_and_keeps_a_linked_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aupkit.lint.formats import display_path

    (tmp_path / "project" / "manual" / "sub").mkdir(parents=True)
    target = tmp_path / "project" / "manual" / "sub" / "real.md"
    target.write_text("# Real\n", encoding="utf-8")
    (tmp_path / "project" / "manual" / "alias.md").symlink_to(target)
    outside = tmp_path / "elsewhere" / "page.md"
    monkeypatch.chdir(tmp_path / "project")
    assert display_path(Path("manual/sub/real.md")) == "manual/sub/real.md"
    assert display_path(tmp_path / "project" / "manual" / "sub" / "real.md") == "manual/sub/real.md"
    assert display_path(tmp_path / "project" / "manual" / "alias.md") == "manual/alias.md"  # not real.md
    assert display_path(Path("a.md")) == "a.md"
    assert display_path(outside) == str(outside)  # outside the current folder: as given
    monkeypatch.chdir(tmp_path / "project" / "manual")
    assert display_path(tmp_path / "project" / "manual" / "sub" / "real.md") == "sub/real.md"


SPANISH_LEGALESE = (
    "Teniendo en cuenta la política, se recomienda bloquear la pantalla. Los equipos pueden ser utilizados solo "
    "para trabajar. Si no lo haces, se bloqueará tu cuenta. Revisa el correo sabiendo quién lo envía y comprobando "
    "el enlace. Cuando salgas, bloquea la pantalla. El personal deberá notificar los incidentes mediante el "
    "formulario y abstenerse de reenviar correos. Posteriormente, remite el informe conforme a la guía.\n"
)


def test_spanish_legalese_is_found_with_suggestions_in_spanish(project: Callable[..., Path]) -> None:
    found = lint(project, {"a.md": page_text(SPANISH_LEGALESE).replace("---\n\n#", "language: es\n---\n\n#", 1)})
    by_code: dict[str, list[Finding]] = {}
    for finding in found:
        by_code.setdefault(finding.code, []).append(finding)
    words = sorted(f.message.split("'")[1].lower() for f in by_code["word-complex"])
    assert words == sorted(["se recomienda", "notificar", "mediante", "abstenerse de", "posteriormente", "remite",
                            "conforme a"])  # fmt: skip
    assert [f.message for f in by_code["obligation-shall"]] == [
        "'deberá' suena a texto legal; una obligación se entiende mejor con 'debe'"
    ]
    passive = [f.message for f in by_code["passive-voice"]]
    assert passive == ["voz pasiva: 'ser utilizados'", "voz pasiva con 'se': 'se bloqueará' no dice quién lo hará"]
    gerunds = [f.message for f in by_code["gerund-overuse"]]
    assert gerunds == [
        "la frase empieza con un gerundio: 'Teniendo'",
        "gerundios encadenados: 'sabiendo', 'comprobando'",
    ], "'Cuando salgas' is not a gerund"
    for finding in found:
        if finding.code in ("word-complex", "obligation-shall", "passive-voice", "gerund-overuse"):
            english = (" the ", " write ", " say ")
            assert finding.suggestion and not any(word in finding.suggestion for word in english), finding
    source = by_code["gerund-overuse"][1].path.read_text(encoding="utf-8").split("\n")
    for finding, word in ((by_code["gerund-overuse"][1], "sabiendo"), (by_code["passive-voice"][1], "se bloqueará")):
        assert source[finding.line - 1][finding.column - 1 :].startswith(word), (finding, word)


@pytest.mark.parametrize(
    ("address", "advice"),
    [("tú", "revisa la página con su responsable"), ("usted", "revise la página con su responsable")],
)
def test_spanish_findings_speak_spanish_in_the_organisations_register(
    project: Callable[..., Path], address: str, advice: str
) -> None:
    front = FRONT.replace("summary:", "language: es\nsummary:").replace("2026-10-01", "2025-01-15")
    hard = "Las consideraciones organizacionales extraordinariamente complicadas necesitan documentación exhaustiva. "
    found = lint(project, {"a.md": page_text(hard * 12, front=front)}, f'[tool.aup]\naddress = "{address}"\n')
    overdue = next(f for f in found if f.code == "review-overdue")
    assert overdue.message.startswith("la revisión vencía el 2026-01-15") and advice in (overdue.suggestion or "")
    readability = next(f for f in found if f.code == "page-readability")
    assert readability.suggestion.startswith("acorta" if address == "tú" else "acorte")
