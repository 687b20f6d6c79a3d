"""One manual in two languages: ``aup init --lang es,en``, translation status in ``aup check`` and ``aup status``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.errors import ConfigError
from aupkit.model import load_editions
from aupkit.model.translation import compare_translations
from conftest import append_text


@pytest.fixture
def bilingual(tmp_path: Path, run) -> Path:
    target = tmp_path / "bi"
    result = run(["init", str(target), "--lang", "es,en", "--no-git"])
    assert result.exit_code == 0, result.output
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_init_writes_both_starters_side_by_side(bilingual: Path) -> None:
    es, en = sorted((bilingual / "manual" / "es").glob("*.md")), sorted((bilingual / "manual" / "en").glob("*.md"))
    assert [p.name for p in es] == [p.name for p in en] and len(es) == 7
    config = load_config(bilingual)
    assert config.languages == ("es", "en") and config.language == "es"
    assert config.manual_path == bilingual / "manual" / "es"
    assert [(e.language, e.title) for e in config.editions()] == [
        ("es", "Manual de buenas prácticas"),
        ("en", "Good practice manual"),
    ]
    assert "source_version: 1.0.0" in (bilingual / "manual" / "en" / "email.md").read_text(encoding="utf-8")
    assert "source_version" not in (bilingual / "manual" / "es" / "email.md").read_text(encoding="utf-8")
    manuals = load_editions(config)
    assert {rule.id for rule in manuals["es"].rules} == {rule.id for rule in manuals["en"].rules}


def test_a_fresh_bilingual_manual_is_up_to_date_in_both_languages(bilingual: Path, run) -> None:
    result = run(["check"], cwd=bilingual)
    assert result.exit_code == 0, result.output
    # The only findings are the starter's statements about the setup, waiting for the organisation to confirm.
    findings = [line for line in result.output.splitlines() if "[" in line and "problem(s)" not in line]
    assert findings and all(line.endswith("[warning: unconfirmed]") for line in findings), result.output
    assert "14 page(s), 62 rule(s) in 2 languages" in result.output
    status = run(["status", "--format", "json"], cwd=bilingual)
    rows = json.loads(status.output)["pages"]
    assert {(row["language"], row["state"]) for row in rows} == {("es", "source"), ("en", "up to date")}


def test_a_changed_source_page_makes_its_translation_stale_until_it_is_updated(bilingual: Path, run) -> None:
    edit(bilingual / "manual/es/email.md", "version: 1.0.0", "version: 1.1.0")
    append_text(
        bilingual / "manual/es/changelog.md",
        "\n## [1.1.0] - 2026-12-01\n\n### Cambiado\n\n- [Avisa](email.md#email-report): ahora se avisa por chat.\n"
        "- [Contraseñas](passwords-and-accounts.md#passwords-manager): otra página.\n",
    )
    result = run(["check"], cwd=bilingual)
    assert result.exit_code == 0, result.output  # stale is a warning: the source language may publish first
    stale = [line for line in result.output.splitlines() if "translation-stale" in line]
    assert len(stale) == 1 and stale[0].startswith("manual/en/email.md:")
    assert "follows version 1.0.0 of manual/es/email.md, which is now at 1.1.0" in stale[0]
    assert "ahora se avisa por chat" in stale[0] and "otra página" not in stale[0]
    assert "[warning: translation-stale]" in stale[0]
    table = run(["status"], cwd=bilingual).output
    assert re.search(r"^email\.md\s+source 1\.1\.0\s+stale \(1\.0\.0\)$", table, re.M), table
    assert re.search(r"^byod\.md\s+source 1\.0\.0\s+up to date$", table, re.M), table

    edit(bilingual / "manual/en/email.md", "source_version: 1.0.0", "source_version: 1.1.0")
    result = run(["check"], cwd=bilingual)
    assert "translation-stale" not in result.output and result.exit_code == 0
    assert re.search(r"^email\.md\s+source 1\.1\.0\s+up to date$", run(["status"], cwd=bilingual).output, re.M)


def test_stale_translations_can_be_errors(bilingual: Path, run) -> None:
    setting = 'languages = ["es", "en"]'
    edit(bilingual / "pyproject.toml", setting, f'{setting}\nstale_translations = "error"')
    edit(bilingual / "manual/es/byod.md", "version: 1.0.0", "version: 1.0.1")
    result = run(["check"], cwd=bilingual)
    assert result.exit_code == 1 and "[error: translation-stale]" in result.output


def test_structural_differences_are_named_with_file_line_and_fix(bilingual: Path, run) -> None:
    en = bilingual / "manual/en/email.md"
    edit(en, "{#email-report}", "{#email-reporting}")
    edit(bilingual / "manual/en/internet.md", "source_version: 1.0.0\n", "")
    (bilingual / "manual/en/byod.md").unlink()
    (bilingual / "manual/en/extra-page.md").write_text(
        (bilingual / "manual/en/index.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    source = (bilingual / "manual/es/passwords-and-accounts.md").read_text(encoding="utf-8")
    first_do = re.search(r"\*\*Sí\*\*\n\n(- .*\n)", source)
    assert first_do
    edit(bilingual / "manual/es/passwords-and-accounts.md", first_do.group(1), first_do.group(1) * 2)
    edit(bilingual / "manual/en/index.md", "{{ org.name }}", "our company", count=99)
    result = run(["check"], cwd=bilingual)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()

    def finding(code: str) -> str:
        found = [line for line in lines if f": {code}]" in line]
        assert len(found) >= 1, (code, result.output)
        return found[0]

    line = int(finding("translation-rule-extra").split(":")[1])
    assert en.read_text(encoding="utf-8").split("\n")[line - 1].endswith("{#email-reporting}")
    assert "rule ID 'email-reporting' is not in manual/es/email.md" in finding("translation-rule-extra")
    assert "[error: translation-rule-extra]" in finding("translation-rule-extra")
    assert "'## ... {#email-report}'" in finding("translation-rule-missing")
    assert "add 'source_version: 1.0.0'" in finding("translation-untracked")
    assert finding("translation-missing").startswith("manual/en/byod.md: there is no en page byod.md")
    assert "extra-page.md has no page of the same name" in finding("translation-extra")
    do_count = finding("translation-do-count")
    assert do_count.startswith("manual/en/passwords-and-accounts.md:") and "[error: translation-do-count]" in do_count
    assert "{{ org.name }} is in manual/es/index.md but not in this translation" in finding(
        "translation-placeholder-missing"
    )


def test_findings_on_a_spanish_translation_are_in_spanish(tmp_path: Path, run) -> None:
    target = tmp_path / "bi"
    assert run(["init", str(target), "--lang", "en,es", "--no-git"]).exit_code == 0
    edit(target / "manual/en/email.md", "version: 1.0.0", "version: 2.0.0")
    result = run(["check"], cwd=target)
    assert "esta traducción sigue la versión 1.0.0 de manual/en/email.md, que ya va en la 2.0.0" in result.output
    assert "pon 'source_version: 2.0.0'" in result.output


def test_comparison_is_pure_and_keyed_by_page(bilingual: Path) -> None:
    manuals = load_editions(load_config(bilingual))
    comparison = compare_translations(manuals, "changelog.md")
    assert len(comparison.statuses) == 14 and not comparison.diagnostics


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('languages = ["es", "fr"]', "tool.aup.languages[1]: 'fr' is not allowed; use one of 'en', 'es'"),
        ('languages = ["es", "es"]', "names a language twice"),
        ('language = "en"\nlanguages = ["es", "en"]', "tool.aup.language: 'en' is not the first of languages"),
        ('languages = ["es"]\n[tool.aup.titles]\nen = "X"', "tool.aup.titles.en: the manual has no 'en' pages"),
    ],
)
def test_bad_language_settings_name_the_key_and_the_fix(tmp_path: Path, table: str, expected: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.aup]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert any(expected in detail for detail in caught.value.details), caught.value.details


def test_init_refuses_a_language_without_a_starter(tmp_path: Path, run) -> None:
    result = run(["init", str(tmp_path / "x"), "--lang", "es,fr"])
    assert result.exit_code == 2 and "no starter manual for 'fr'" in result.output
    assert not (tmp_path / "x").exists()


def test_build_publishes_one_site_per_language_with_a_root_that_chooses(bilingual: Path, run) -> None:
    result = run(["build", "--no-pdf"], cwd=bilingual)
    assert result.exit_code == 0, result.output
    assert "14 page(s) in es, en" in result.output
    site = bilingual / "site"
    for language, heading in (("es", "Correo electrónico"), ("en", "Email")):
        page = (site / language / "email" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in page and re.search(rf"<h1[^>]*>{heading}", page)
        assert '<link rel="alternate" data-aup-same-page hreflang="es" href="../../es/email/">' in page
        assert '<link rel="alternate" data-aup-same-page hreflang="en" href="../../en/email/">' in page
        assert (site / language / "downloads" / "slides.pptx").is_file()
        deck = bilingual / "build" / f"slides-{language}.pptx"  # where 'aup slides' writes it: fresh after a build
        assert deck.read_bytes() == (site / language / "downloads" / "slides.pptx").read_bytes()
    root = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="es/" hreflang="es" lang="es">Español</a>' in root
    assert '<a href="en/" hreflang="en" lang="en">English</a>' in root
    assert "Elige tu idioma" in root and "Choose your language" in root
    assert json.loads((site / "rule-ids.json").read_text(encoding="utf-8"))["email-report"] == "email.md#email-report"
    assert run(["build", "--no-pdf"], cwd=bilingual).exit_code == 0  # the root marks the folder as aup's own


def test_a_translation_that_claims_to_be_current_but_differs_stops_the_build(bilingual: Path, run) -> None:
    assert run(["build", "--no-pdf"], cwd=bilingual).exit_code == 0
    before = (bilingual / "site" / "en" / "email" / "index.html").read_bytes()
    edit(bilingual / "manual/en/email.md", "{#email-report}", "{#email-reporting}")
    result = run(["build", "--no-pdf"], cwd=bilingual)
    assert result.exit_code == 1
    assert "the translations have 2 error(s): the site was not built, site is unchanged" in result.output
    assert "manual/en/email.md:" in result.output and "email-reporting" in result.output
    assert (bilingual / "site" / "en" / "email" / "index.html").read_bytes() == before


def test_a_stale_translation_still_publishes(bilingual: Path, run) -> None:
    edit(bilingual / "manual/es/byod.md", "version: 1.0.0", "version: 1.1.0")
    result = run(["build", "--no-pdf"], cwd=bilingual)
    assert result.exit_code == 0, result.output


def test_slides_make_one_deck_per_language_or_the_one_asked_for(bilingual: Path, run) -> None:
    from pptx import Presentation

    result = run(["slides"], cwd=bilingual)
    assert result.exit_code == 0, result.output
    titles = {}
    for language in ("es", "en"):
        deck = Presentation(str(bilingual / "build" / f"slides-{language}.pptx"))
        texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
        titles[language] = texts[0]
        assert ("Sus preguntas" in texts) == (language == "es") and ("Your questions" in texts) == (language == "en")
    assert titles == {"es": "Manual de buenas prácticas", "en": "Good practice manual"}
    (bilingual / "build" / "slides-es.pptx").unlink()
    assert run(["slides", "--lang", "en"], cwd=bilingual).exit_code == 0
    assert not (bilingual / "build" / "slides-es.pptx").exists()
    refused = run(["slides", "--out", "deck.pptx"], cwd=bilingual)
    assert refused.exit_code == 2 and "add --lang to choose one" in refused.output


@pytest.mark.parametrize(
    ("score", "band"),
    [(12.0, "very-hard"), (39.9, "very-hard"), (40.0, "somewhat-hard"), (54.9, "somewhat-hard"), (55.0, "normal"),
     (64.9, "normal"), (65.0, "fairly-easy"), (79.9, "fairly-easy"), (80.0, "very-easy"), (None, None)],
)  # fmt: skip
def test_inflesz_bands_of_a_szigriszt_pazos_score(score, band) -> None:
    from aupkit.lint.metrics import inflesz

    assert inflesz(score) == band


@pytest.mark.parametrize(("voice", "hover"), [("", "Pasa el cursor"), ("usted", "Pase el cursor")])
def test_the_html_report_speaks_the_reviewers_language_with_inflesz(bilingual: Path, run, voice, hover) -> None:
    from aupkit.languages import words

    if voice:
        edit(bilingual / "pyproject.toml", 'languages = ["es", "en"]', 'languages = ["es", "en"]\naddress = "usted"')
    report = bilingual / "build" / "report.html"
    result = run(["lint", "--lang", "es", "--html", str(report)], cwd=bilingual)
    assert result.exit_code == 0, result.output
    assert "(INFLESZ bastante fácil)" in result.output or "(INFLESZ muy fácil)" in result.output
    page = report.read_text(encoding="utf-8")
    assert '<html lang="es">' in page and "<h1>Informe de legibilidad</h1>" in page and hover in page
    assert "Escala INFLESZ" in page
    english, spanish = words("en", "report"), words("es", "report")
    shown = re.sub(r"<[^>]+>", "\n", page)
    for key, label in english.items():
        if label != spanish[key] and "{" not in label:
            assert label not in shown.split("\n"), (key, label)
    assert "manual/en/" not in page  # only the Spanish pages


def test_the_json_report_gives_each_spanish_page_its_inflesz_band(bilingual: Path, run) -> None:
    result = run(["lint", "--format", "json"], cwd=bilingual)
    pages = json.loads(result.stdout)["pages"]
    assert {page["language"] for page in pages} == {"es", "en"}
    from aupkit.lint.metrics import inflesz

    spanish = [page for page in pages if page["language"] == "es"]
    assert all(page["inflesz"] == inflesz(page["metrics"]["szigriszt_pazos"]) for page in spanish)
    assert {page["inflesz"] for page in spanish} <= {"normal", "fairly-easy", "very-easy"}
    assert not any("inflesz" in page for page in pages if page["language"] == "en")
