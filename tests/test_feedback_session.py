"""A realistic session, end to end: every export format in English and Spanish, with duplicates and resubmissions,
imported into a bilingual manual; what the forms collected about the session (ratings, topics) counted."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.errors import FeedbackError
from aupkit.feedback.formats import Tally, _rating, choices, header_kind
from aupkit.feedback.store import load_store
from aupkit.feedback.tables import read_table
from aupkit.model import load_manual
from conftest import append_text
from feedback_samples import SESSION_MAPPING, session_exports, session_quality


@pytest.fixture
def imported(tmp_path: Path, run) -> tuple[Path, list[Path], str]:
    """A bilingual starter manual with the session's exports imported; (project, exports, the import's output)."""
    root = tmp_path / "project"
    assert run(["init", str(root), "--lang", "es,en", "--no-git"]).exit_code == 0
    append_text(root / "pyproject.toml", SESSION_MAPPING)
    exports = session_exports(root / "inbox")
    result = run(["feedback", "import", *map(str, exports), "--session", "2026-11-20"], cwd=root)
    assert result.exit_code == 0, result.output
    return root, exports, result.output


def rule_pages(root: Path) -> dict[str, str]:
    manual = load_manual(load_config(root))
    return {rule.id: page.relative for rule in manual.rules if rule.id and (page := manual.page_of(rule.id))}


def test_items_that_name_a_page_section_or_rule_reach_it_with_no_wrong_sure_link(imported) -> None:
    root, _, output = imported
    items = load_store(load_config(root)).items
    quality = session_quality(items, rule_pages(root))
    assert not quality["unlabelled"], quality["unlabelled"]  # every stored comment is in the labelled set
    assert quality["wrong"] == [], quality["wrong"]
    assert quality["named"] >= 25 and quality["linked"] >= 0.8 * quality["named"], quality["unlinked"]
    # Six formats read; a double-click dropped; Microsoft Forms' signed-in resubmission replaced the first answer.
    for export in ("google-sheets", "qa", "presenter", "microsoft-forms"):
        assert f": {export}, " in output
    assert "1 duplicate submission(s) dropped, 1 replaced by a later resubmission" in output
    texts = [item.text for item in items]
    assert "Does closing the laptop lid count as locking it? And what about sleep mode?" in texts
    assert "Does closing the laptop lid count as locking it?" not in texts


def test_the_form_type_column_wins_and_room_answers_are_drafts(imported) -> None:
    root, _, _ = imported
    items = {item.text[:30]: item for item in load_store(load_config(root)).items}
    assert items["The part about QR codes on par"].kind == "comment"  # "Comment" in the type column
    assert items["El filtro bloquea páginas de p"].kind == "problem"  # "Queja"
    assert items["Que la app diga de qué ciudad "].kind == "suggestion"  # under "pregunta o sugerencia"
    drafted = items["¿La app de MFA funciona sin da"]
    assert drafted.answer.startswith("Sí: los códigos") and drafted.status == "new" and drafted.votes == 11
    assert items["Can I forward a phishing email"].count == 2 and items["Can I forward a phishing email"].votes == 17


def test_names_and_addresses_never_reach_the_store(imported) -> None:
    root, _, _ = imported
    text = (root / "feedback" / "2026-11-20.yaml").read_text(encoding="utf-8")
    for personal in ("ana.torres@", "ejemplo.mx", "Marta", "Ventas", "Carmen", "Liam", "Nash", "Anonymous"):
        assert personal not in text


def test_ratings_and_topics_are_counted_once_per_response(imported, run) -> None:
    root, exports, _ = imported
    store_file = root / "feedback" / "2026-11-20.yaml"
    before = store_file.read_bytes()
    summary = json.loads(run(["feedback", "status", "--format", "json"], cwd=root).output)["sessions"][0]
    # 12 + 9 + 5 + 4 + 6 + 4 rows; less the double-click and the replaced Microsoft Forms answer.
    assert summary["responses"] == 38
    rating = summary["rating"]
    assert rating["count"] == 29 and rating["scale"] == 5
    assert rating["distribution"] == {"5": 11, "4": 12, "3": 4, "2": 2}
    assert rating["average"] == round((5 * 11 + 4 * 12 + 3 * 4 + 2 * 2) / 29, 2)
    # A topic is counted by the page it names, whichever language the form was in.
    assert summary["topics"] == {"email.md": 11, "passwords-and-accounts.md": 7, "internet.md": 6, "byod.md": 4}
    text = run(["feedback", "status"], cwd=root).output
    assert "rating: 4.1 of 5 from 29 rating(s) (5: 11, 4: 12, 3: 4, 2: 2)" in text
    # The same exports again, or one of them again under another name: nothing is counted twice.
    again = run(["feedback", "import", *map(str, exports), "--session", "2026-11-20"], cwd=root)
    assert "0 new response(s)" in again.output and store_file.read_bytes() == before
    copy = exports[0].with_name("google-en (1).csv")
    copy.write_bytes(exports[0].read_bytes())
    assert run(["feedback", "import", str(copy), "--session", "2026-11-20"], cwd=root).exit_code == 0
    assert store_file.read_bytes() == before


def test_the_organisers_page_shows_the_rating_in_the_manuals_language(imported, run) -> None:
    root, _, _ = imported
    page = root / "summary.html"
    assert run(["feedback", "status", "--format", "html", "-o", str(page)], cwd=root).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Calificación de la sesión" in html and "4.1 de 5, con 29 calificación(es)" in html
    assert "Temas marcados" in html and "38 respuesta(s) al formulario" in html


@pytest.mark.parametrize(
    ("cell", "rating"),
    [(4, 4), (4.0, 4), ("5", 5), ("3/5", 3), ("4 stars", 4), ("2 estrellas", 2), ("★★★☆☆", 3), ("8 de 10", 8),
     (4.5, None), ("11", None), ("great", None), ("", None), (None, None), (True, None)],
)  # fmt: skip
def test_a_rating_is_read_from_what_forms_write(cell: object, rating: int | None) -> None:
    assert _rating(cell) == rating  # type: ignore[arg-type]


def test_multi_select_cells_split_as_each_form_writes_them() -> None:
    assert choices("Email;Passwords and accounts;") == ("Email", "Passwords and accounts")  # Microsoft Forms
    assert choices("Email, Uso de internet") == ("Email", "Uso de internet")  # Google Forms
    assert choices("N/A") == () and choices("") == ()
    assert len(choices(";".join(f"t{n}" for n in range(100)))) == 30  # a pasted list is not a form's choices


def test_headers_say_rating_and_topics_in_both_languages() -> None:
    for header in ("How useful was the session? (1-5)", "Califica la sesión del 1 al 5", "Rating", "Calificación",
                   "¿Qué tan útil fue la sesión?"):  # fmt: skip
        assert header_kind(header) == "rating", header
    for header in ("Which topics would you like more on?", "¿Qué temas te gustaría repasar?", "Topics",
                   "Select all that apply"):  # fmt: skip
        assert header_kind(header) == "topics", header
    assert header_kind("Which part of the manual is this about?") == "rule"


def test_a_rating_column_answered_in_words_is_read_as_comments(tmp_path: Path, run) -> None:
    from feedback_samples import english_project

    root = english_project(tmp_path / "p")
    export = tmp_path / "form.csv"
    export.write_text(
        "Timestamp,How useful was the session and what would you change?\n"
        "11/20/2026 9:00:00,Very useful but make it shorter\n11/20/2026 9:01:00,Add more phishing examples please\n"
        "11/20/2026 9:02:00,5\n",
        encoding="utf-8",
    )
    result = run(["feedback", "import", str(export), "--session", "s"], cwd=root)
    assert result.exit_code == 0, result.output
    texts = {item.text for item in load_store(load_config(root)).items}
    assert texts == {"Very useful but make it shorter", "Add more phishing examples please"}


def test_a_form_that_only_rates_the_session_is_a_session_too(tmp_path: Path, run) -> None:
    from feedback_samples import english_project

    root = english_project(tmp_path / "p")
    export = tmp_path / "rating.csv"
    export.write_text("Timestamp,Email Address,Rating\n11/20/2026 9:00,a@b.c,5\n11/20/2026 9:05,d@e.f,4\n", "utf-8")
    assert run(["feedback", "import", str(export), "--session", "s"], cwd=root).exit_code == 0
    store = load_store(load_config(root))
    assert store.items == () and sorted(tally.rating for tally in store.responses("s").values()) == [4, 5]
    assert "rating: 4.5 of 5 from 2 rating(s)" in run(["feedback", "status"], cwd=root).output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  r-0123456789ab: {rating: 12}", "rating must be a whole number from 0 to 10"),
        ("  r-0123456789ab: {rating: 4, name: Ana}", "a response is 'r-<12 hex digits>"),
        ("  someone: {rating: 4}", "a response is 'r-<12 hex digits>"),
        ("  r-0123456789ab: {topics: email.md}", "topics must be a list"),
    ],
)
def test_a_hand_edited_response_line_is_named_with_its_line(tmp_path: Path, line: str, message: str) -> None:
    from feedback_samples import english_project

    root = english_project(tmp_path / "p")
    (root / "feedback").mkdir()
    (root / "feedback" / "s.yaml").write_text(f"session: s\nresponses:\n{line}\nitems: []\n", encoding="utf-8")
    with pytest.raises(FeedbackError) as caught:
        load_store(load_config(root))
    assert f"feedback/s.yaml:3: {message}" in "\n".join(caught.value.details)


def test_a_topic_no_page_names_is_kept_as_written_and_redacted(tmp_path: Path, run) -> None:
    from feedback_samples import english_project

    root = english_project(tmp_path / "p")
    export = tmp_path / "form.csv"
    export.write_text(
        "Timestamp,Your question,Which topics would you like more on?\n"
        '11/20/2026 9:00:00,Is the VPN needed at home?,"Email, Other: call me on 555 123 4567"\n',
        encoding="utf-8",
    )
    assert run(["feedback", "import", str(export), "--session", "s"], cwd=root).exit_code == 0
    (tally,) = load_store(load_config(root)).responses("s").values()
    assert tally == Tally(None, ("email.md", "Other: call me on [phone removed]"))
    assert read_table(export).headers[2].startswith("Which topics")


def _decide(store: Path, decisions: dict[str, tuple[str, str, str | None]]) -> None:
    """Record decisions in the session file as a reviewer does: text prefix -> (status, answer, rule)."""
    import yaml

    from aupkit.feedback.store import dump_file, parse_file

    problems: list[str] = []
    stored = parse_file(store.read_bytes(), store, problems)
    assert stored is not None and not problems
    items = []
    for item in stored.items:
        decision = next((d for prefix, d in decisions.items() if item.text.startswith(prefix)), None)
        if decision:
            status, answer, rule = decision
            item = dataclasses.replace(item, status=status, answer=answer, rule=rule or item.rule, suggested=())
        items.append(item)
    store.write_text(dump_file(stored.session, items, responses=stored.responses), encoding="utf-8")
    assert yaml.safe_load(store.read_text(encoding="utf-8"))["responses"]


def test_in_a_bilingual_manual_each_answer_goes_to_the_pages_of_its_language(imported, run) -> None:
    root, _, _ = imported
    items = load_store(load_config(root)).items
    languages = {item.text[:30]: item.language for item in items}
    assert languages["Does hotel Wi-Fi with a passwo"] == "en" and languages["¿Cada cuánto tengo que cambiar"] == "es"
    assert sum(language == "en" for language in languages.values()) == 18  # half the session spoke English
    _decide(root / "feedback" / "2026-11-20.yaml", {
        "¿Cada cuánto tengo que cambiar mi frase de contraseña?": ("answered", "Solo si crees que alguien la conoce.",
                                                                  None),
        "Does hotel Wi-Fi": ("answered", "Yes: every guest knows that password. Turn on the VPN.", None),
        "Pongan un ejemplo de factura": ("accepted", "Agregamos un ejemplo de factura falsa.", "email-phishing"),
    })  # fmt: skip
    merged = run(["feedback", "merge", "--apply"], cwd=root)
    assert merged.exit_code == 0, merged.output
    manual = root / "manual"

    def read(path: str) -> str:
        return (manual / path).read_text(encoding="utf-8")

    assert "**Question:** Does hotel Wi-Fi" in read("en/internet.md") and "Does hotel" not in read("es/internet.md")
    assert "**Pregunta:** ¿Cada cuánto" in read("es/passwords-and-accounts.md")
    assert "¿Cada cuánto" not in read("en/passwords-and-accounts.md")
    english = read("en/changelog.md")
    assert "## [1.1.0]" in english and "¿" not in english and "Agregamos" not in english
    assert "[Stop and check before you click](email.md#email-phishing): changed after staff suggestions." in english
    assert "a new answer to “Does hotel Wi-Fi with a password still count as public Wi-Fi?”" in english
    assert "Agregamos un ejemplo de factura falsa." in read("es/changelog.md")
    for language in ("es", "en"):
        assert "version: 1.1.0" in read(f"{language}/index.md")
    # The translated home and changelog stay current; the pages whose source changed wait for a translator.
    check = run(["check"], cwd=root).output
    stale = {line.split(":")[0] for line in check.splitlines() if "translation-stale" in line}
    assert stale == {"manual/en/email.md", "manual/en/passwords-and-accounts.md"}, check
    assert "nothing to merge" in run(["feedback", "merge"], cwd=root).output
