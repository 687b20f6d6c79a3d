"""Statements that depend on the organisation's setup: confirm markers, text per setting, and tips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.model import is_tip, load_manual
from aupkit.model.setup import resolve
from conftest import append_text

SETTINGS = {"org.device_management": "work-profile", "org.name": "Example Company"}


def test_a_confirm_marker_is_recorded_and_taken_out_of_the_text() -> None:
    text = "# T\n\nWe keep logs for 90 days. <!-- aup:confirm monitoring -->\nNext line.\n"
    resolved = resolve(text, SETTINGS)
    assert resolved.text == "# T\n\nWe keep logs for 90 days.\nNext line.\n"
    assert resolved.confirms == ((3, "monitoring"),) and resolved.problems == ()


def test_a_line_for_another_setup_is_blanked_and_lines_keep_their_numbers() -> None:
    text = (
        "- <!-- aup:when device_management=full --> We can reset the whole phone.\n"
        "- <!-- aup:when device_management=work-profile --> We can delete only the work profile.\n"
        "- Last.\n"
    )
    resolved = resolve(text, SETTINGS)
    assert resolved.text.split("\n") == ["", "- We can delete only the work profile.", "- Last.", ""]
    full = resolve(text, {**SETTINGS, "org.device_management": "full"})
    assert full.text.split("\n")[:2] == ["- We can reset the whole phone.", ""]


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- aup:when colour=blue -->", "write SETTING=VALUE with one of: device_management, name"),
        ("<!-- aup:when device_management -->", "write SETTING=VALUE"),
        ("<!-- aup:confirm Not A Key -->", "a key is lowercase letters, digits and -"),
    ],
)
def test_a_marker_that_cannot_be_read_is_named(marker: str, message: str) -> None:
    (problem,) = resolve(f"line one\n- item {marker}\n", SETTINGS).problems
    assert problem[0] == 2 and message in problem[1]


def test_tips_are_told_apart_in_both_languages() -> None:
    assert is_tip("Tip: keep a personal password manager.") and is_tip("Consejo: usa un gestor personal.")
    assert not is_tip("Tipping is not advice.") and not is_tip("Lock your screen.")


@pytest.fixture
def marked(project) -> Path:
    """A small manual whose phone page says what IT can wipe, per setting, marked for confirmation, and a tip."""
    from conftest import page

    phone = page("Phones", [("phone-profile", "Set up a work profile")]).replace(
        "- Do the second thing.\n",
        "- <!-- aup:when device_management=full --> Know that we can reset the whole phone if it is lost."
        " <!-- aup:confirm device-management -->\n"
        "- <!-- aup:when device_management=work-profile --> Know that we can delete only the work profile."
        " <!-- aup:confirm device-management -->\n",
    )
    accounts = page("Accounts", [("accounts-manager", "Use the password manager")]).replace(
        "- Do the second thing.\n", "- Tip: you should keep your personal passwords in a personal password manager.\n"
    )
    root = project({"index.md": page("Manual", body="Welcome."), "phones.md": phone, "accounts.md": accounts})
    append_text(root / "pyproject.toml", 'helpdesk_phone = "+1 555 0100"\n')
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_check_lists_each_unconfirmed_statement_until_it_is_confirmed(marked: Path, run) -> None:
    result = run(["check"], cwd=marked)
    lines = [line for line in result.output.splitlines() if "[warning: unconfirmed]" in line]
    assert len(lines) == 2 and all(line.startswith("manual/phones.md:") for line in lines)
    assert "(device-management)" in lines[0] and 'add "device-management" to confirmed' in lines[0]
    assert result.exit_code == 0  # a warning: the manual can still be published
    doctor = run(["doctor"], cwd=marked).output
    assert "confirm device-management" in doctor and "2 statement(s), first at phones.md:" in doctor
    append_text(marked / "pyproject.toml", "")
    text = (marked / "pyproject.toml").read_text(encoding="utf-8")
    (marked / "pyproject.toml").write_text(
        text.replace("[tool.aup]\n", '[tool.aup]\nconfirmed = ["device-management"]\n', 1), encoding="utf-8"
    )
    assert "unconfirmed" not in run(["check"], cwd=marked).output
    assert "all confirmed" in run(["doctor"], cwd=marked).output


@pytest.mark.parametrize(
    ("setting", "shown", "hidden"),
    [
        ("work-profile", "we can delete only the work profile", "reset the whole phone"),
        ("full", "we can reset the whole phone", "delete only the work profile"),
    ],
)
def test_the_site_and_deck_show_the_text_for_the_setting_and_no_marker(
    marked: Path, run, setting: str, shown: str, hidden: str
) -> None:
    from pptx import Presentation

    if setting != "work-profile":
        text = (marked / "pyproject.toml").read_text(encoding="utf-8")
        (marked / "pyproject.toml").write_text(
            text.replace("[tool.aup.organisation]\n", f'[tool.aup.organisation]\ndevice_management = "{setting}"\n'),
            encoding="utf-8",
        )
    manual = load_manual(load_config(marked))
    items = [block.text for block in manual.rule("phone-profile").do]
    assert len(items) == 2 and any(shown in item for item in items) and not any(hidden in item for item in items)
    assert run(["build"], cwd=marked).exit_code == 0
    html = (marked / "site" / "phones" / "index.html").read_text(encoding="utf-8")
    assert " ".join(shown.split()[2:5]) in html and "aup:" not in html and hidden not in html
    slides = Presentation(str(marked / "build" / "slides.pptx")).slides  # aup build writes the deck too
    said = " ".join(shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame)
    said += " ".join(slide.notes_slide.notes_text_frame.text for slide in slides)
    assert shown.split(" we ", 1)[-1] in " ".join(said.split())
    assert "aup:" not in said and hidden not in said


def test_a_tip_is_marked_on_the_site_and_not_held_to_the_rules_obligation_check(marked: Path, run) -> None:
    lint = run(["lint", "manual/accounts.md", "--format", "json"], cwd=marked)
    assert "obligation-should" not in lint.output
    assert run(["build"], cwd=marked).exit_code == 0
    html = (marked / "site" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert "<em>Tip:</em> you should keep your personal passwords" in html
    # The same word in a rule is still flagged.
    accounts = marked / "manual" / "accounts.md"
    accounts.write_text(accounts.read_text(encoding="utf-8").replace("- Tip: you should", "- You should"), "utf-8")
    assert "obligation-should" in run(["lint", "manual/accounts.md", "--format", "json"], cwd=marked).output


def test_a_value_can_read_differently_in_each_language(tmp_path: Path, run) -> None:
    root = tmp_path / "bi"
    assert run(["init", str(root), "--lang", "es,en", "--no-git"]).exit_code == 0
    hours = {edition.language: edition.placeholders()["org.helpdesk_hours"] for edition in load_config(root).editions()}
    assert hours == {"es": "lunes a viernes, de 8:00 a 18:00", "en": "Monday to Friday, 8:00 to 18:00"}
    append_text(root / "pyproject.toml", 'colour = "blue"\n')  # inside [tool.aup.organisation.languages.en]
    result = run(["check"], cwd=root)
    assert result.exit_code != 0 and "tool.aup.organisation.languages.en.colour: not a setting" in result.output


def test_a_new_manual_lists_what_to_confirm_and_nothing_once_confirmed(tmp_path: Path, run) -> None:
    import re

    root = tmp_path / "new"
    assert run(["init", str(root), "--no-git"]).exit_code == 0
    output = run(["check"], cwd=root).output
    keys = set(re.findall(r"\(([a-z-]+)\): check it is true", output))
    assert {"monitoring", "device-management", "ai-tool", "legal-status", "helpdesk-hours"} <= keys, output
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    listed = ", ".join(f'"{key}"' for key in sorted(keys))
    (root / "pyproject.toml").write_text(text.replace("confirmed = []", f"confirmed = [{listed}]"), encoding="utf-8")
    assert "unconfirmed" not in run(["check"], cwd=root).output


def test_each_spain_swap_still_finds_its_text_in_the_spanish_starter() -> None:
    """The es-ES table is data about the es-419 starter: a swap whose text the starter lost would do nothing."""
    from aupkit.scaffold import regional

    starter = Path(__file__).resolve().parent.parent / "tools" / "aupkit" / "starter" / "es"
    pages = {path.name: path.read_text(encoding="utf-8") for path in starter.glob("*.md")}
    swaps = regional("es", "es-ES")
    assert len(swaps) >= 30
    for before, after in swaps:
        assert any(before in text for text in pages.values()), f"no page holds {before!r}"
        pages = {name: text.replace(before, after) for name, text in pages.items()}


def test_a_manual_for_spain_speaks_spains_spanish_and_passes_its_checks(tmp_path: Path, run) -> None:
    import re

    root = tmp_path / "es-es"
    assert run(["init", str(root), "--lang", "es", "--variant", "es-ES", "--no-git"]).exit_code == 0
    assert 'variant = "es-ES"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    text = "\n".join(path.read_text(encoding="utf-8") for path in (root / "manual").glob("*.md"))
    mexican = re.compile(r"computadora|laptop|celular|gafete|estacionamiento|Ministerio Público|\bSAT\b|CFDI|CLABE|"
                         r"Reglamento Interior de Trabajo|jefe o jefa", re.IGNORECASE)  # fmt: skip
    assert not mexican.findall(text)
    assert "ordenador" in text and "Agencia Tributaria" in text and "IBAN" in text
    check = run(["check"], cwd=root).output
    assert all(line.endswith("[warning: unconfirmed]") for line in check.splitlines() if "[" in line), check
    lint = run(["lint", "--format", "json"], cwd=root)
    assert lint.exit_code == 0, lint.output
    refused = run(["init", str(tmp_path / "en"), "--lang", "en", "--variant", "es-ES", "--no-git"])
    assert refused.exit_code != 0 and "add es to --lang" in refused.output
