"""Importing session feedback: every export format, the quirks of real files, redaction, bad input."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from aupkit.config import QaColumns, load_config
from aupkit.errors import UsageError
from aupkit.feedback.formats import read_responses, recognise
from aupkit.feedback.importing import plan_import, read_exports
from aupkit.feedback.link import RuleIndex
from aupkit.feedback.redact import clean, redact
from aupkit.feedback.store import Store, load_store, parse_file
from aupkit.feedback.tables import detect_delimiter, holds_utf8, read_table
from aupkit.model import load_manual
from conftest import append_text
from feedback_samples import FIXTURES, english_project, ms_forms_xlsx, spanish_project


@pytest.fixture
def english(tmp_path: Path) -> Path:
    return english_project(tmp_path / "project")


def plan(root: Path, files: list[Path], session: str | None = "s1", resubmissions: str = "auto"):
    config = load_config(root)
    manual = load_manual(config)
    rules = RuleIndex.of((rule.id, rule.title) for rule in manual.rules if rule.id)
    return plan_import(
        read_exports(files, config),
        load_store(config),
        rules,
        session=session,
        language=config.language,
        resubmissions=resubmissions,
    )


def by_text(result) -> dict[str, object]:
    return {item.text: item for item in result.added}


def test_google_sheets_csv_with_bom_duplicates_resubmission_and_line_breaks(english: Path) -> None:
    typed = plan(english, [FIXTURES / "google-sheets-en.csv"])
    assert typed.dropped == 1 and typed.replaced == 0, "a typed email proves nothing: both of ben's answers stay"
    assert "Does the hotel Wi-Fi count as public if it has a password?" in by_text(typed)
    result = plan(english, [FIXTURES / "google-sheets-en.csv"], resubmissions="always")  # the form verified emails
    items = by_text(result)
    assert result.formats[0][1] == "google-sheets"
    assert result.dropped == 1  # ana's double click
    assert result.replaced == 1  # ben sent the form again: only the later answers count
    assert "Does the hotel Wi-Fi count as public if it has a password?" not in items
    resubmitted = next(text for text in items if text.startswith("Does hotel Wi-Fi with a password"))
    assert "[phone removed]" in resubmitted and "7700" not in resubmitted
    multiline = items["What if my phone can't run the work profile? Mine is from 2019.\nIt's an old Android."]
    assert multiline.rule == "byod-work-profile"  # no rule column: linked by its words ("work profile")
    first = items["Can I forward a suspicious email to my manager before I report it?"]
    assert (first.rule, first.kind, first.date) == ("email-phishing", "question", "2026-11-20")  # 11/20: US order
    assert items["Is accounts-mfa also required when I use the VPN from home?"].rule == "accounts-mfa"  # ID in text
    assert "N/A" not in items


def test_spanish_cp1252_semicolon_crlf_and_trailing_rows(tmp_path: Path) -> None:
    root = spanish_project(tmp_path)
    table = read_table(FIXTURES / "google-sheets-es.csv")
    assert (table.encoding, table.delimiter, len(table.rows)) == ("cp1252", ";", 4)
    result = plan(root, [FIXTURES / "google-sheets-es.csv"], session=None)
    items = by_text(result)
    assert result.session == "2026-11-20"  # dd/mm/yyyy, named after the first response
    assert result.dropped == 1
    question = items["¿Qué hago si cambio de móvil?\nPerdí el anterior y no tengo los códigos."]
    assert (question.rule, question.kind) == ("accounts-mfa", "question")  # the title chosen in the form
    suggestion = next(item for item in result.added if item.kind == "suggestion")
    assert suggestion.text.endswith("mi teléfono es [teléfono eliminado].")
    assert items["Me gustó la sesión. ¿Habrá otra sobre contraseñas, en español?"].rule is None


def test_csv_sniffer_fails_where_column_counting_works() -> None:
    text = (FIXTURES / "google-sheets-es.csv").read_bytes().decode("cp1252")
    header_with_commas = (
        "Marca temporal;Comentarios, preguntas, ideas\r\n20/11/2026 9:05;Bien, clara, corta\r\n"
        "21/11/2026 10:00;Vale, gracias, adiós\r\n"
    )
    assert csv.Sniffer().sniff(header_with_commas).delimiter == ","  # the trap
    assert detect_delimiter(header_with_commas) == ";"
    assert detect_delimiter(text) == ";"


def test_google_forms_download_checkboxes_leave_the_rule_unassigned(english: Path) -> None:
    result = plan(english, [FIXTURES / "google-forms-download.csv"])
    items = by_text(result)
    assert result.formats[0][1] == "google-forms"
    assert items["Where is the Report button in the phone app?"].rule == "email-report"
    assert items["Please send the slides to everyone after the session."].rule is None  # two rules ticked


@pytest.mark.parametrize("language", ["en", "es"])
def test_microsoft_forms_xlsx_in_english_and_spanish(tmp_path: Path, language: str) -> None:
    root = english_project(tmp_path / "p") if language == "en" else spanish_project(tmp_path / "p")
    export = ms_forms_xlsx(tmp_path / f"forms-{language}.xlsx", language)
    result = plan(root, [export], session=None)
    assert result.formats[0][1] == "microsoft-forms"
    assert result.session == "2026-11-20"
    if language == "en":
        assert result.dropped == 1  # jon sent the same answers twice
        items = by_text(result)
        assert items["Does locking count if I just close the laptop lid?"].rule == "byod-screen-lock"
        assert items["Tell us which updates can wait until the weekend."].kind == "suggestion"
        assert "Email me at [email removed]" in next(t for t in items if t.startswith("Why can't"))
    else:
        kinds = {item.kind: item.rule for item in result.added}
        assert kinds == {"question": "email-report", "suggestion": "accounts-mfa"}


def test_qa_export_through_the_configured_columns(english: Path) -> None:
    result = plan(english, [FIXTURES / "qa-tool.csv"])
    items = by_text(result)
    mfa = items["Do I need MFA on my personal laptop if I only read email?"]
    assert (mfa.rule, mfa.count, mfa.kind) == ("accounts-mfa", 2, "question")  # two anonymous people asked
    assert items["Can I use a passkey on a shared family tablet?"].rule is None


def test_presenter_template_in_english_and_spanish(english: Path, tmp_path: Path) -> None:
    result = plan(english, [FIXTURES / "presenter-notes.csv"])
    assert {(item.kind, item.rule) for item in result.added} == {
        ("question", "email-attachments"), ("suggestion", "byod-screen-lock"), ("praise", "byod-usb"),
    }  # fmt: skip
    spanish = plan(spanish_project(tmp_path / "es"), [FIXTURES / "notas-presentador.csv"])
    assert {(item.kind, item.rule, item.date) for item in spanish.added} == {
        ("question", "email-report", "2026-11-20"), ("suggestion", None, "2026-11-20"),
    }  # fmt: skip


def test_reimporting_gives_the_same_ids_and_adds_nothing(english: Path) -> None:
    files = [FIXTURES / "google-sheets-en.csv", FIXTURES / "qa-tool.csv"]
    first = plan(english, files)
    again = plan(english, files)
    assert [item.id for item in first.added] == [item.id for item in again.added]
    (path, text), = first.files.items()  # fmt: skip
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    third = plan(english, list(reversed(files)))
    assert third.added == () and third.files == {} and third.known == len(first.added)


def test_no_submitter_identity_reaches_the_store(english: Path, tmp_path: Path) -> None:
    export = ms_forms_xlsx(tmp_path / "forms.xlsx")
    result = plan(english, [FIXTURES / "google-sheets-en.csv", FIXTURES / "qa-tool.csv", export])
    stored = "\n".join(result.files.values())
    for identity in ("ana.garcia", "ben.t@", "example.com", "Jon Smith", "jon@", "Irene", "lee.park", "Kim Lee"):
        assert identity not in stored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to ana.lopez+it@empresa.es now", "Write to [email removed] now"),
        ("Call +34 612 345 678 or (555) 010-4477", "Call [phone removed] or [phone removed]"),
        ("Card 4111 1111 1111 1111 was charged", "Card [card number removed] was charged"),
        ("IBAN ES91 2100 0418 4502 0005 1332", "IBAN [bank account removed]"),
        ("Mi DNI 12345678Z y NIE X1234567L", "Mi DNI [ID number removed] y NIE [ID number removed]"),
        ("SSN 123-45-6789", "SSN [ID number removed]"),
        ("Version 1.10.2 on 20/11/2026 at 10:30, room 101", "Version 1.10.2 on 20/11/2026 at 10:30, room 101"),
    ],
)
def test_redaction(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_clean_drops_bidi_and_invisible_characters() -> None:
    assert clean("ab\u202ecd\u2066e\u200bf\x00g\r\nh\ti") == "abcdefg\nh i"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.pdf", b"%PDF-1.7", "'.pdf' is not a format aup can read"),
        ("form.csv", b"Name,Colour\nAna,blue\n", "no recognisable columns (headers: 'Name', 'Colour')"),
        (
            "cut.csv",
            b'Timestamp,Your question\n11/20/2026 9:00,"Is this cut',
            "cut.csv:2: the file ends inside a quoted",
        ),
        ("short.csv", b"Timestamp,Rule,Your question\n11/20/2026 9:00,x", "short.csv:2: the last row has 2 of 3 cells"),
        ("binary.csv", b"\x00\x01\x02Timestamp", "binary file"),
        ("bad.csv", b"Timestamp,Your question\n\x81\x8d\x8f\x90,x\n", "neither UTF-8 nor Windows-1252"),
        ("sheet.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx workbook"),
        ("nothing.csv", b"Timestamp,Email Address,Team\n11/20/2026,a@b.c,5\n", "no question, suggestion, comment"),
    ],
)
def test_bad_files_are_refused_with_the_file_the_place_and_the_fix(
    english: Path, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        read_exports([write(tmp_path / name, data)], load_config(english))
    assert message in str(caught.value)
    assert caught.value.details  # every refusal says what to do


def test_a_bad_file_among_good_ones_stores_nothing_with_stop(english: Path, run) -> None:
    bad = write(english / "cut.csv", b'Timestamp,Your question\n11/20/2026 9:00,"Is this cut')
    result = run(["feedback", "import", "--stop", str(FIXTURES / "qa-tool.csv"), str(bad)], cwd=english)
    assert result.exit_code == 2
    assert "cut.csv:2" in result.output and "Traceback" not in result.output
    assert not (english / "feedback").exists()
    going = run(["feedback", "import", str(FIXTURES / "qa-tool.csv"), str(bad)], cwd=english)  # the default
    assert going.exit_code == 1 and "refused cut.csv" in going.output and "cut.csv:2" in going.output
    assert len(list((english / "feedback").glob("*.yaml"))) == 1


# Property: whatever people type, in either encoding and delimiter, comes back as the stored text.
cell_text = st.text(
    alphabet=st.characters(codec="cp1252", exclude_categories=("Cc", "Cs")) | st.sampled_from("\n;,\"'"), max_size=60
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cell_text, cell_text), min_size=1, max_size=6), semicolon=st.booleans(),
       encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp1252"]))  # fmt: skip
def test_any_cell_text_survives_any_encoding_and_delimiter(
    tmp_path: Path, rows: list[tuple[str, str]], semicolon: bool, encoding: str
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    writer.writerow(["Marca temporal", "Tu pregunta", "Sugerencias"])
    for question, suggestion in rows:  # a word first: an empty or "n/a" answer is rightly skipped
        writer.writerow(["20/11/2026 10:00:00", "Q " + question, "S " + suggestion])
    data = out.getvalue().encode(encoding)
    if encoding == "cp1252":  # UTF-8 is tried first, as required: cp1252 bytes that are also UTF-8 read as UTF-8
        with contextlib.suppress(UnicodeDecodeError):
            assume(data.decode("utf-8") == out.getvalue())
        # Text whose cp1252 bytes spell two accented letters in UTF-8 ("Ã©...Ã±") reads as a mixed file, by design.
        assume(not holds_utf8(data) or data.decode("utf-8", errors="replace") == out.getvalue())
    path = write(tmp_path / "export.csv", data)
    table = read_table(path)
    reading = read_responses(table, recognise(table, QaColumns()), QaColumns(), "dmy")
    got = [(entry.kind, entry.text) for response in reading.responses for entry in response.entries]
    expected = [
        (kind, clean(text).strip()) for question, suggestion in rows
        for kind, text in (("question", "Q " + question), ("suggestion", "S " + suggestion))
    ]  # fmt: skip
    assert got == expected
    assert {response.date for response in reading.responses} == {"2026-11-20"}


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=80).filter(lambda t: clean(t).strip()), min_size=1, max_size=5))
def test_store_files_read_back_exactly_what_was_written(texts: list[str]) -> None:
    from aupkit.feedback.items import Item, item_id
    from aupkit.feedback.store import dump_file

    items = [
        Item(id=item_id("s", "question", clean(t).strip()), session="s", date="2026-11-20", rule=None,
             kind="question", text=clean(t).strip(), answer=clean(t).strip())
        for t in dict.fromkeys(texts)
    ]  # fmt: skip
    items = list({item.id: item for item in items}.values())
    problems: list[str] = []
    stored = parse_file(dump_file("s", items).encode(), Path("feedback/s.yaml"), problems)
    assert problems == []
    assert stored is not None
    assert sorted(stored.items, key=lambda i: i.id) == sorted(items, key=lambda i: i.id)
    assert isinstance(Store(Path("feedback"), (stored,)).items, tuple)
    assert yaml.safe_load(dump_file("s", items))["session"] == "s"


def test_the_rows_own_type_wins_over_the_headers_words(english: Path, tmp_path: Path) -> None:
    export = tmp_path / "formulario.csv"
    export.write_text(
        "Marca temporal,Tipo de comentario,Pregunta o sugerencia\n"
        "2026/11/20 10:00:00 a. m. GMT-6,Pregunta,¿Puedo usar mi celular para el correo?\n"
        "2026/11/20 10:01:00 a. m. GMT-6,Sugerencia,Poner el teléfono de soporte en los carteles\n"
        "2026/11/20 10:02:00 a. m. GMT-6,Comentario,La parte de contraseñas me sirvió mucho\n"
        "2026/11/20 10:03:00 a. m. GMT-6,Queja,La sala era muy chica\n"
        "2026/11/20 10:04:00 a. m. GMT-6,Otra cosa rara,The quota is ? 5 GB per person\n",
        encoding="utf-8",
    )
    result = plan(english, [export])
    kinds = {item.text[:12]: item.kind for item in result.added}
    assert kinds == {
        "¿Puedo usar ": "question", "Poner el tel": "suggestion", "La parte de ": "comment",
        "La sala era ": "problem", "The quota is": "question",  # a type not understood: the header's words
    }  # fmt: skip
    (warning,) = [w for w in result.warnings if "Otra cosa rara" in w]
    assert "formulario.csv" in warning and "not understood" in warning and "'?' makes a question" in warning
    generic = tmp_path / "comments.csv"
    generic.write_text(
        "Timestamp,Any comments?\n2026/11/20 10:00:00 AM GMT,The quota is ? 5 GB per person\n"
        "2026/11/20 10:05:00 AM GMT,Is the quota per person?\n",
        encoding="utf-8",
    )
    guessed = {item.text: item.kind for item in plan(english, [generic]).added}
    assert guessed == {"The quota is ? 5 GB per person": "suggestion", "Is the quota per person?": "question"}


def test_an_answer_that_says_nothing_is_not_an_item(english: Path, tmp_path: Path) -> None:
    export = tmp_path / "nothing.csv"
    export.write_text(
        "Timestamp,Any comments?\n2026/11/20 10:00:00 AM GMT,N/A\n2026/11/20 10:01:00 AM GMT,n/a\n"
        "2026/11/20 10:02:00 AM GMT,Nada\n2026/11/20 10:03:00 AM GMT,Real comment about USB sticks\n",
        encoding="utf-8",
    )
    assert [item.text for item in plan(english, [export]).added] == ["Real comment about USB sticks"]


def test_a_second_qa_tool_in_json_is_read_through_its_named_mapping(tmp_path: Path, run) -> None:
    import json

    root = english_project(tmp_path / "project")
    append_text(
        root / "pyproject.toml",
        '\n[tool.aup.feedback.mappings.live]\ntext = "content"\ndate = "created_at"\nsubmitter = "author.name"\n'
        'rule = "topic"\n',
    )
    export = tmp_path / "live.json"
    export.write_text(json.dumps({"questions": [
        {"content": "Does the hotel Wi-Fi count as public?", "created_at": "2026-11-20 10:02",
         "author": {"name": "Kim"}, "topic": "Use the VPN or a hotspot on public Wi-Fi", "votes": 4},
        {"content": "Can I use a passkey on my own phone?", "created_at": "2026-11-20 10:05",
         "author": {"name": "Lee"}, "topic": None, "votes": 1},
    ]}), encoding="utf-8")  # fmt: skip
    result = run(["feedback", "import", str(export), "--session", "live"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "live.json: qa, 2 response(s)" in result.output
    store = next((root / "feedback").glob("*.yaml")).read_text(encoding="utf-8")
    assert "rule: internet-public-wifi" in store and "Kim" not in store and "Lee" not in store
    named = run(["feedback", "import", str(export), "--mapping", "nope"], cwd=root)
    assert named.exit_code == 2 and "no mapping named 'nope'" in named.output and "live, qa" in named.output
    broken = tmp_path / "broken.json"
    broken.write_text('{"questions": "none"}', encoding="utf-8")
    refused = run(["feedback", "import", str(broken)], cwd=root)
    assert refused.exit_code == 2 and "expected a list of objects" in refused.output


def test_votes_and_the_answer_given_in_the_room_are_kept_as_drafts(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "project")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "[tool.aup.feedback.qa]", '[tool.aup.feedback.qa]\nvotes = "Upvotes"'
        ),
        encoding="utf-8",
    )
    qa = tmp_path / "qa.csv"
    qa.write_text(
        "Question,Time asked,Asked by,Labels,Upvotes\n"
        "Does hotel Wi-Fi count as public?,2026-11-20 10:00,Kim,internet-public-wifi,7\n"
        "Is a passkey safer than a password?,2026-11-20 10:02,Lee,accounts-passkeys,2 votes\n",
        encoding="utf-8",
    )
    notes = tmp_path / "notas.csv"
    notes.write_text(
        "fecha,regla,tipo,texto,respuesta dada\n"
        "20/11/2026,email-report,pregunta,¿Funciona el botón en el celular?,Sí; llámame al 55 1234 5678\n",
        encoding="utf-8",
    )
    assert run(["feedback", "import", str(qa), str(notes), "--session", "s1"], cwd=root).exit_code == 0
    items = {item.text[:12]: item for item in load_store(load_config(root)).items}
    assert (items["Does hotel W"].votes, items["Is a passkey"].votes) == (7, 2)
    room = items["¿Funciona el"]
    assert room.status == "new" and room.answer.startswith("Sí;") and "1234" not in room.answer  # redacted draft
    merged = run(["feedback", "merge", "--apply"], cwd=root)
    assert "nothing to merge" in merged.output  # a draft answer on a 'new' item is never published
    assert "¿Funciona el botón" not in (root / "manual" / "email.md").read_text(encoding="utf-8")
    assert "7 vote(s): Does hotel Wi-Fi count as public?" in run(["feedback", "status"], cwd=root).output


def test_a_wide_results_sheet_gives_an_item_per_prompt(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "project")
    append_text(
        root / "pyproject.toml",
        '\n[tool.aup.feedback.mappings.poll]\ntext = "What questions do you have?"\n'
        'more_text = ["What would you change in the manual?", "Anything unclear?"]\ndate = "Responded at"\n',
    )
    sheet = tmp_path / "poll-results.csv"
    sheet.write_text(
        "Responded at,What questions do you have?,What would you change in the manual?,Anything unclear?\n"
        "2026-11-20 10:00,Is hotel Wi-Fi public?,Add a list of public networks,\n"
        "2026-11-20 10:01,,,The MFA part was confusing\n",
        encoding="utf-8",
    )
    result = run(["feedback", "import", str(sheet), "--session", "poll"], cwd=root)
    assert result.exit_code == 0, result.output
    kinds = {item.text: item.kind for item in load_store(load_config(root)).items}
    assert kinds == {
        "Is hotel Wi-Fi public?": "question",
        "Add a list of public networks": "suggestion",
        "The MFA part was confusing": "problem",
    }
