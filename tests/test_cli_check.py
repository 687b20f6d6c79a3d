"""``aup check`` through the CLI: messages, lines, exit codes, and nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import MANUAL, REPO, page

CORPUS = REPO.parent / "shared" / "corpus"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_shipped_manual_passes(run) -> None:
    result = run(["check"], cwd=REPO)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ""
    assert "0 problem(s)" in result.stderr


def test_version_option(run) -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("aup, version ")


def test_planted_mistakes_are_reported_with_file_and_line(project, run) -> None:
    bad = page("Email", [("email-one", "One"), ("email-two", "Two")])
    bad = bad.replace("**Do**\n\n- Do the first thing.\n- Do the second thing.\n\n", "", 1)
    root = project({"index.md": page("Home"), "email.md": bad})
    lines = bad.split("\n")
    heading_line = lines.index("## One {#email-one}") + 1
    result = run(["check"], cwd=root)
    assert result.exit_code == 1
    assert f"manual/email.md:{heading_line}: the rule 'One' has no Do list" in result.output
    assert "[error: rule-do-missing]" in result.output


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.md": "---\ntitle: [x\n---\n"}, "manual/a.md:2: the front matter is not valid YAML"),
        ({"a.md": "---\nowner: me\n---\n"}, "manual/a.md:1: the front matter has no title"),
        ({"a.md": b"---\ntitle: x\n---\n\xff\n"}, "manual/a.md:4: the file is not UTF-8"),
        (
            {"a.md": page("A", [("dup", "One")]), "b.md": page("B", [("dup", "Two")])},
            "the rule ID 'dup' is already used at",
        ),
        ({}, "manual: there are no Markdown pages here"),
    ],
)
def test_unreadable_manuals_exit_3_with_one_clear_message(project, run, files, expected) -> None:
    root = project(files)
    result = run(["check"], cwd=root)
    assert result.exit_code == 3, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_check_never_writes(project, run) -> None:
    root = project({"a.md": page("A", [("a-one", "One")]).replace("version: 1.0.0", "version: one")})
    before = snapshot(root)
    assert run(["check"], cwd=root).exit_code == 1
    assert snapshot(root) == before


def test_files_and_folders_can_be_named(project, run) -> None:
    root = project({"a.md": page("A", [("a-one", "One")]), "sub/b.md": "# No front matter\n"})
    result = run(["check", "manual/a.md"], cwd=root)
    assert result.exit_code == 0, result.output
    result = run(["check", "manual/sub"], cwd=root)
    assert result.exit_code == 1
    assert "manual/sub/b.md:1: the page has no front matter" in result.output


def test_missing_path_is_a_clear_error(project, run) -> None:
    root = project({"a.md": page("A")})
    result = run(["check", "nope.md"], cwd=root)
    assert result.exit_code == 3
    assert "nope.md: no such file or folder" in result.output


def test_missing_manual_folder_is_a_project_error(tmp_path, run) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.aup]\n")
    result = run(["check"], cwd=tmp_path)
    assert result.exit_code == 3
    assert "the manual folder does not exist" in result.output


def test_bad_configuration_exits_3_naming_the_key(project, run) -> None:
    root = project({"a.md": page("A")}, pyproject="[tool.aup]\nmanaul_dir = 'x'\n")
    result = run(["check"], cwd=root)
    assert result.exit_code == 3
    assert "tool.aup.manaul_dir: unknown key" in result.output


def test_unknown_option_is_a_usage_error(run) -> None:
    assert run(["check", "--nope"]).exit_code == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real policies is not beside this checkout")
def test_corpus_of_real_policies_never_crashes(run) -> None:
    for file in sorted(CORPUS.iterdir()):
        result = run(["check", str(file)], cwd=REPO)
        assert result.exit_code in (0, 1), (file.name, result.output)


def test_shipped_manual_has_the_promised_pages_and_rules() -> None:
    names = {p.name for p in MANUAL.glob("*.md")}
    assert {
        "index.md",
        "internet.md",
        "email.md",
        "byod.md",
        "passwords-and-accounts.md",
        "glossary.md",
        "changelog.md",
    } <= names


def test_a_bug_keeps_its_traceback(project, monkeypatch) -> None:
    from click.testing import CliRunner

    from aupkit.cli import check as check_command
    from aupkit.cli.main import cli

    def broken(*args, **kwargs):
        raise RuntimeError("a real bug")

    monkeypatch.chdir(project({"a.md": page("A")}))
    monkeypatch.setattr(check_command, "load_editions", broken)
    result = CliRunner().invoke(cli, ["check"])
    assert isinstance(result.exception, RuntimeError)
    assert "aup: error" not in result.output


def test_the_repository_has_the_documented_layout() -> None:
    for folder in ("manual", "slides", "feedback", "tools/aupkit", "tests"):
        assert (REPO / folder).is_dir(), folder
    for file in ("mkdocs.yml", "pyproject.toml", "README.md", ".ci/run", "CHANGELOG.md", "LICENSE"):
        assert (REPO / file).is_file(), file


def test_a_spanish_page_is_told_what_to_fix_in_spanish(project, run) -> None:
    broken = (
        "---\ntitle: Correo\nversion: 1.0.0\nlast_reviewed: 2026-10-01\nreview_every: 12 meses\n"
        "summary: Correo seguro.\nlanguage: es\n---\n\n# Correo\n\n## Revisa el remitente {#correo-remitente}\n\n"
        "Revisa quién te escribe.\n\n**Sí**\n\n- Mira la dirección completa.\n\n**Sí**\n\n- Otra vez.\n"
        "\n## Sin ID\n\nTexto.\n"
    )
    root = project({"correo.md": broken})
    result = run(["check"], cwd=root)
    assert result.exit_code == 1
    out = result.output
    assert "a los metadatos del principio de la página (front matter) les falta owner" in out
    assert "agrega 'owner: Equipo de Seguridad de TI'" in out
    assert "'**Sí**' aparece dos veces en esta regla" in out
    assert "no tiene lista de lo que no hay que hacer" in out and "agrega '**No**'" in out
    assert "agrega '**Por qué importa**'" in out and "la regla 'Sin ID' no tiene ID" in out
    for english in ("front matter has no", "appears twice", "add '", "Don't", "Why it matters", "has no ID"):
        assert english not in out, english


def test_a_spanish_pages_front_matter_problems_are_in_spanish(project, run) -> None:
    text = (
        "---\ntitle: Correo\nowner: TI\nversion: uno\nlast_reviewed: ayer\nreview_every: a veces\n"
        "summary: Correo seguro.\nlanguage: es\n---\n\n# Correo\n\n## Revisa {#correo-revisa}\n\nRevisa.\n\n"
        "**Sí**\n\n- Mira.\n\n**No**\n\n- No abras.\n\n**Por qué importa**\n\nPorque sí.\n"
    )
    result = run(["check"], cwd=project({"correo.md": text}))
    assert result.exit_code == 1
    assert "version 'uno' no es una versión semántica" in result.output
    assert "last_reviewed 'ayer' no es una fecha (escribe la fecha como AAAA-MM-DD" in result.output
    assert "review_every 'a veces' no es un periodo (escribe un número y una unidad" in result.output
    assert "is not" not in result.output and "write " not in result.output


def test_a_spanish_pages_content_problems_are_in_spanish(project, run) -> None:
    rule_text = "Revisa.\n\n**Sí**\n\n- Mira.\n\n**No**\n\n- No abras.\n\n**Por qué importa**\n\nPorque sí.\n"
    front = (
        "---\ntitle: {title}\nowner: TI\nversion: 1.0.0\nlast_reviewed: 2026-10-01\nreview_every: 12 meses\n"
        "summary: |\n  Dos\n  líneas.\nlanguage: es\n---\n\n# {title}\n\n"
    )
    first = front.format(title="Correo") + "Escribe a {{ org.nombre }}.\nUna línea\n- sin espacio\n\n<iframe src=x>\n\n"
    first += "## Revisa {#correo-revisa}\n\n" + rule_text
    second = front.format(title="Otra") + "## Otra vez {#correo-revisa}\n\n" + rule_text
    result = run(["check"], cwd=project({"correo.md": first, "otra.md": second}))
    out = result.output
    assert "el marcador '{{ org.nombre }}' no existe (usa uno de estos: {{ manual.title }}" in out
    assert "esta lista va justo después de un párrafo" in out and "agrega una línea vacía antes de la línea" in out
    assert "el resumen (summary) ocupa más de una línea" in out
    assert "el HTML <iframe> no está permitido en el manual (esta etiqueta ejecuta o incrusta contenido" in out
    assert "el ID de regla 'correo-revisa' ya se usa en" in out
    for english in ("unknown placeholder", "no blank line", "more than one line", "is not allowed", "already used"):
        assert english not in out, english
