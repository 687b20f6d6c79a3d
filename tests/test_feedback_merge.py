"""Merging decisions into the manual: managed blocks only, version bumps, idempotence, safety of what is merged."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupkit.config import load_config
from aupkit.errors import FeedbackError
from aupkit.feedback.importing import plan_import, read_exports
from aupkit.feedback.items import Item, item_id
from aupkit.feedback.link import RuleIndex
from aupkit.feedback.merge import CHANGELOG_END, apply_merge, bump, plan_merge
from aupkit.feedback.redact import clean
from aupkit.feedback.store import dump_file, load_store
from aupkit.files import write_atomic
from aupkit.model import load_manual, substitute
from conftest import user_files
from feedback_render import EXTRA, Tags, render
from feedback_samples import FIXTURES, REPO, english_project, spanish_project

TODAY = dt.date(2026, 11, 23)
REPO_MANUAL = REPO / "manual"


def import_files(root: Path, files: list[Path], session: str = "2026-11 all staff") -> None:
    config = load_config(root)
    manual = load_manual(config)
    rules = RuleIndex.of((rule.id, rule.title) for rule in manual.rules if rule.id)
    result = plan_import(read_exports(files, config), load_store(config), rules, session=session, language="en")
    write_atomic(result.files)


def decide(root: Path, decisions: dict[str, dict]) -> None:
    """Edit the store as a person would: find items by the start of their text, set fields."""
    for path in (root / "feedback").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["items"]:
            for start, fields in decisions.items():
                if item["text"].startswith(start):
                    item.update(fields)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def plan(root: Path):
    config = load_config(root)
    return plan_merge(load_manual(config), config, load_store(config), TODAY)


def merge(root: Path):
    result = plan(root)
    apply_merge(result)
    return result


snapshot = user_files


def version(root: Path, page: str) -> str:
    return re.search(r"^version: (\S+)", (root / "manual" / page).read_text(encoding="utf-8"), re.M).group(1)


def outside_managed(text: str) -> str:
    """The text with managed blocks, version and last_reviewed lines taken out: what merge must never change."""
    text = re.sub(r"\n?<!-- aup:faq begin .*?<!-- aup:faq end -->\n?", "\n", text, flags=re.S)
    text = re.sub(r"\n?<!-- aup:changelog begin .*?<!-- aup:changelog end -->\n?", "\n", text, flags=re.S)
    text = re.sub(r"^version: .*$", "version:", text, flags=re.M)
    text = re.sub(r"^last_reviewed: .*$", "last_reviewed:", text, flags=re.M)
    return re.sub(r"\n{2,}", "\n\n", text).strip()


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    root = english_project(tmp_path / "project")
    import_files(root, [FIXTURES / "google-sheets-en.csv", FIXTURES / "qa-tool.csv", FIXTURES / "presenter-notes.csv"])
    decide(root, {
        "Can I forward a suspicious email": {"status": "answered", "answer": "No. Use the Report button instead."},
        "Do I need MFA on my personal laptop": {"status": "answered", "answer": "Yes, on every device."},
        "<script>": {"status": "accepted", "change": "minor",
                     "answer": "The rule now links to the account sharing procedure."},
        "The USB stick demo": {"status": "rejected"},
    })  # fmt: skip
    return root


def test_merge_writes_faq_changelog_and_versions(decided: Path) -> None:
    before = snapshot(decided)
    result = merge(decided)
    assert (result.version_before, result.version_after) == ("1.0.0", "1.1.0")
    email = (decided / "manual/email.md").read_text(encoding="utf-8")
    block = email[email.index("<!-- aup:faq begin email-phishing") : email.index("<!-- aup:faq end -->")]
    assert "**Question:** Can I forward a suspicious email to my manager before I report it?" in block
    assert "**Answer:** No&#46; Use the Report button instead." not in block  # a full stop before a space stays
    assert "**Answer:** No. Use the Report button instead." in block
    # The block sits at the end of its rule, before the next rule's heading.
    assert email.index("<!-- aup:faq end -->") < email.index("## Watch for fake texts")
    assert email.index("Watch for the classic signs") < email.index("<!-- aup:faq begin email-phishing")
    assert (version(decided, "index.md"), version(decided, "email.md")) == ("1.1.0", "1.0.1")
    assert (version(decided, "passwords-and-accounts.md"), version(decided, "changelog.md")) == ("1.1.0", "1.1.0")
    assert version(decided, "internet.md") == "1.0.0"
    reviewed = {
        name: load_manual(load_config(decided)).page(name).front_matter.last_reviewed
        for name in ("index.md", "email.md", "changelog.md", "internet.md")
    }
    untouched = dt.date(2026, 11, 2)
    assert reviewed == {"index.md": TODAY, "email.md": TODAY, "changelog.md": TODAY, "internet.md": untouched}
    changelog = (decided / "manual/changelog.md").read_text(encoding="utf-8")
    assert (
        "## [1.1.0] - 2026-11-23\n\n### Changed\n\n- [Never share your accounts](passwords-and-accounts.md" in changelog
    )
    assert (
        "- [Stop and check before you click](email.md#email-phishing): a new answer to “Can I forward a suspicious "
        "email to my manager before I report it?”"
    ) in changelog
    for name, data in before.items():  # nothing outside the managed blocks and version lines changed
        if name.startswith("manual/"):
            assert outside_managed((decided / name).read_text(encoding="utf-8")) == outside_managed(data.decode())
    released = {item.text[:20]: item.released for item in load_store(load_config(decided)).items if item.released}
    assert sorted(released.values()) == ["1.1.0"] * 3
    manual = load_manual(load_config(decided))
    assert not [d for d in manual.diagnostics if d.severity == "error"]
    rule = manual.rule("email-phishing")
    assert [b.text for b in rule.faq] == [
        "Question: Can I forward a suspicious email to my manager before I report it?",
        "Answer: No. Use the Report button instead.",
    ]


def test_a_second_merge_changes_nothing(decided: Path) -> None:
    merge(decided)
    after_first = snapshot(decided)
    second = plan(decided)
    assert second.empty and second.diff() == ""
    apply_merge(second)
    assert snapshot(decided) == after_first


def test_the_next_round_adds_to_the_blocks_and_tops_the_changelog(decided: Path) -> None:
    merge(decided)
    decide(decided, {"Is accounts-mfa also required": {"status": "answered", "answer": "Yes, the VPN asks too."}})
    result = merge(decided)
    assert result.version_after == "1.1.1"
    text = (decided / "manual/passwords-and-accounts.md").read_text(encoding="utf-8")
    assert text.count("<!-- aup:faq begin accounts-mfa") == 1 and text.count("**Question:**") == 2
    changelog = (decided / "manual/changelog.md").read_text(encoding="utf-8")
    assert changelog.index("## [1.1.1]") < changelog.index("## [1.1.0]") < changelog.index(CHANGELOG_END)
    assert plan(decided).empty


def test_a_major_change_bumps_the_major_version(decided: Path) -> None:
    decide(decided, {"<script>": {"change": "major"}})
    assert plan(decided).version_after == "2.0.0"
    assert bump("1.4.2", "patch") == "1.4.3" and bump("1.4.2", "minor") == "1.5.0"


def test_an_answered_item_about_no_rule_goes_to_the_general_faq_on_the_home_page(decided: Path) -> None:
    decision = {"status": "answered", "answer": "Ask the helpdesk for a loan phone.", "rule": None}
    decide(decided, {"What if my phone": decision})
    result = plan(decided)
    assert any(item.text.startswith("What if my phone") for item in result.released)
    merge(decided)
    home = (decided / "manual" / "index.md").read_text(encoding="utf-8")
    block = home[home.index("<!-- aup:general-faq begin") : home.index("<!-- aup:general-faq end -->")]
    assert "## Questions from staff" in block
    assert "**Question:** What if my phone" in block
    assert "**Answer:** Ask the helpdesk for a loan phone&#46;" not in block and "loan phone." in block
    changelog = (decided / "manual" / "changelog.md").read_text(encoding="utf-8")
    assert "- [Questions from staff](index.md): 1 new answer(s), such as “What if my phone" in changelog
    manual = load_manual(load_config(decided))
    assert not [d for d in manual.diagnostics if d.severity == "error"]
    assert plan(decided).empty  # a second merge changes nothing
    decide(decided, {"What if my phone": {"answer": "Ask the helpdesk: they lend phones."}})
    corrected = plan(decided)
    assert not corrected.empty and any(c.path.name == "index.md" for c in corrected.changes)  # rewritten: a patch


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("<!-- aup:faq begin email-phishing -->\n\nHalf a block.\n", "faq block opens here and never closes"),
        ("<!-- aup:faq begin email-report -->\n\nx\n\n<!-- aup:faq end -->\n", "is for rule 'email-report'"),
    ],
)
def test_a_malformed_block_stops_the_merge_and_changes_nothing(decided: Path, broken: str, expected: str) -> None:
    page = decided / "manual/email.md"
    text = page.read_text(encoding="utf-8")
    anchor = "Your boss suddenly asks you to buy gift cards."
    anchor = next(line for line in text.splitlines() if anchor in line) + "\n"  # the rule's last paragraph
    page.write_text(text.replace(anchor, anchor + "\n" + broken), encoding="utf-8")
    before = snapshot(decided)
    with pytest.raises(FeedbackError) as caught:
        plan(decided)
    message = str(caught.value)
    assert expected.replace("faq ", "FAQ ") in message and "email.md:" in message
    assert "delete the whole block" in message
    assert snapshot(decided) == before


def test_a_broken_changelog_block_is_refused(decided: Path) -> None:
    page = decided / "manual/changelog.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- aup:changelog begin -->\n\n## [0.9.0]\n")
    with pytest.raises(FeedbackError, match=r"changelog\.md:\d+: the changelog block never closes"):
        plan(decided)


def test_a_decision_naming_a_missing_rule_names_the_file_line_and_a_near_id(decided: Path) -> None:
    decide(decided, {"Can I forward a suspicious email": {"rule": "email-phising"}})
    with pytest.raises(FeedbackError) as caught:
        plan(decided)
    assert re.search(r"feedback/2026-11-all-staff\.yaml:\d+: rule 'email-phising' does not exist", str(caught.value))
    assert "did you mean email-phishing" in str(caught.value)


def test_hand_broken_yaml_is_reported_with_its_line_and_nothing_is_written(decided: Path, run) -> None:
    path = next((decided / "feedback").glob("*.yaml"))
    lines = path.read_text(encoding="utf-8").split("\n")
    status_line = next(i for i, line in enumerate(lines) if line.strip().startswith("status:"))
    lines[status_line] = "  status: answered: oops"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(decided)
    result = run(["feedback", "merge", "--apply"], cwd=decided)
    assert result.exit_code == 3
    assert f"2026-11-all-staff.yaml:{status_line + 1}: not valid YAML" in result.output
    assert snapshot(decided) == before


def test_bad_values_are_all_reported_at_once(decided: Path) -> None:
    decide(decided, {
        "Can I forward a suspicious email": {"status": "done"},
        "Do I need MFA": {"change": "huge"},
        "A short list": {"status": "answered", "answer": ""},
    })  # fmt: skip
    with pytest.raises(FeedbackError) as caught:
        load_store(load_config(decided))
    text = str(caught.value)
    assert "status 'done' is not allowed" in text and "change 'huge' is not allowed" in text
    assert "'answered' but has no answer" in text
    assert len(caught.value.details) == 3


def test_line_ends_and_bom_of_a_page_are_kept(decided: Path) -> None:
    page = decided / "manual/email.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    merge(decided)
    data = page.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n<!-- aup:faq end -->\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_spanish_pages_get_spanish_labels(tmp_path: Path) -> None:
    root = spanish_project(tmp_path)
    import_files(root, [FIXTURES / "google-sheets-es.csv"], session="2026-11-20")
    decide(root, {"¿Puedo reenviar": {"status": "answered", "answer": "No. Usa el botón de avisar."}})
    merge(root)
    page = (root / "manual/correo.md").read_text(encoding="utf-8")
    assert "**Pregunta:** ¿Puedo reenviar un correo sospechoso a mi jefa antes de avisar?" in page
    assert "**Respuesta:** No. Usa el botón de avisar." in page
    assert "### Agregado" in (root / "manual/changelog.md").read_text(encoding="utf-8")


def test_the_changelog_heading_follows_the_regional_variant(tmp_path: Path) -> None:
    root = spanish_project(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace("[tool.aup]\n", '[tool.aup]\nvariant = "es-ES"\n')
    pyproject.write_text(text, encoding="utf-8")
    import_files(root, [FIXTURES / "google-sheets-es.csv"], session="2026-11-20")
    decide(root, {"¿Puedo reenviar": {"status": "answered", "answer": "No. Usa el botón de avisar."}})
    merge(root)
    changelog = (root / "manual/changelog.md").read_text(encoding="utf-8")
    assert "### Añadido" in changelog and "### Agregado" not in changelog


HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) and <javascript:alert(1)>",
    "![x](https://evil.example/t.png)",
    "{: .evil onclick=alert(1) } {#id}",
    '--8<-- "secrets.txt"',
    ";--8<-- 'secrets.txt'",
    "{{ org.name }} {% include x %}",
    "**bold** _em_ `code` ~~del~~ ==mark== ^^ins^^ ++ctrl+alt++ :smile: $x^2$ {++add++}",
    "www.evil.example https://evil.example user@evil.example",
    "\u202egnp.exe\u202c and \u2066hidden\u2069 and zero\u200bwidth",
    "# heading\n\n- list\n1. ordered\n> quote\n    code\n---\n| a | b |\n|---|---|",
    "<!-- aup:faq end --> <!-- aup:changelog end -->",
    "&lt;escaped&gt; &amp; &#60;b&#62; \\*not\\* (c) (tm) -->",
    "*[HTML]: Hyper Text\n[^1]: note",
    '<div markdown="1">**x**</div>',
]


def test_hostile_feedback_renders_as_literal_text_with_the_site_extensions(decided: Path) -> None:
    # Staff text (the question) is always literal. The answer, written by reviewers, may use a small subset
    # (bold, links into the manual, placeholders: the next test); everything else in it is literal too.
    answer = " ".join(text for text in HOSTILE if "](" not in text and "{{" not in text and "**" not in text)
    decide(decided, {
        "Can I forward a suspicious email": {"text": "\n".join(HOSTILE), "answer": answer, "status": "answered"},
    })  # fmt: skip
    merge(decided)
    config = load_config(decided)
    manual = load_manual(config)
    assert not [d for d in manual.diagnostics if d.severity == "error"], manual.diagnostics
    rule = manual.rule("email-phishing")
    page = manual.page_of("email-phishing")
    lines = page.source.split("\n")[rule.faq_span.start - 1 : rule.faq_span.end]
    block, unknown = substitute("\n".join(lines), config.placeholders())
    assert unknown == []  # no placeholder survives into the page
    expected_text = " ".join(clean("\n".join(HOSTILE)).split())
    for extra in (False, True):
        html = render(block, extra=extra)
        parsed = Tags(html)
        assert {tag for tag, _ in parsed.tags} <= {"p", "strong"}, html
        assert all(attrs == [] for _, attrs in parsed.tags), html
        assert len(parsed.comments) == 2  # the two markers, nothing else
        text = "".join(parsed.text)
        assert f"Question: {expected_text}" in text
        assert f"Answer: {' '.join(clean(answer).split())}" in text
    assert "pymdownx.snippets" in EXTRA


def test_an_answer_may_use_bold_links_into_the_manual_and_placeholders(decided: Path) -> None:
    answer = (
        "**No.** Use the [Report button](#email-report), read [the home page](index.md) "
        "or write to {{ org.helpdesk_email }}. <b>Not this</b>"
    )
    decide(decided, {"Can I use a passkey": {"status": "answered", "answer": answer, "rule": "accounts-passkeys"}})
    merge(decided)
    config = load_config(decided)
    page = load_manual(config).page_of("accounts-passkeys")
    block = page.source[page.source.index("<!-- aup:faq begin accounts-passkeys") :]
    block = block[: block.index("<!-- aup:faq end -->")]
    html = render(substitute(block, config.placeholders())[0])
    assert "<strong>No.</strong>" in html and '<a href="email.md#email-report">Report button</a>' in html
    assert '<a href="index.md">the home page</a>' in html and "write to helpdesk@example.com." in html
    assert "&lt;b&gt;Not this&lt;/b&gt;" in html and "<b>" not in html


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("See [the rule](#no-such-rule).", "the link '#no-such-rule' is not a rule (#rule-id) or a page"),
        ("See [this](https://evil.example).", "the link 'https://evil.example' is not a rule"),
        ("Call {{ org.secret }}.", "'{{ org.secret }}' is not a placeholder of the manual"),
    ],
)
def test_an_answer_using_what_the_manual_does_not_have_stops_the_merge(decided: Path, answer: str, expected: str):
    decide(decided, {"Can I use a passkey": {"status": "answered", "answer": answer, "rule": "accounts-passkeys"}})
    before = snapshot(decided)
    with pytest.raises(FeedbackError) as caught:
        merge(decided)
    assert any(expected in detail and ".yaml:" in detail for detail in caught.value.details), caught.value.details
    assert snapshot(decided) == before


safe_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=120).filter(
    lambda text: bool(clean(text).strip())
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=safe_text, answer=safe_text)
def test_any_text_merges_literally_and_a_second_merge_is_a_no_op(tmp_path_factory, question: str, answer: str) -> None:
    root = spanish_project(tmp_path_factory.mktemp("merge"))  # small: three rules
    item = Item(id=item_id("s", "question", question), session="s", date="2026-11-20", rule="email-report",
                kind="question", text=question, status="answered", answer=answer)  # fmt: skip
    write_atomic({root / "feedback" / "s.yaml": dump_file("s", [item])})
    merge(root)
    manual = load_manual(load_config(root))
    assert not [d for d in manual.diagnostics if d.severity == "error"]
    faq = manual.rule("email-report").faq
    assert [block.text for block in faq] == [
        f"Pregunta: {' '.join(clean(question).split())}",
        f"Respuesta: {' '.join(clean(answer).split())}",
    ]
    rendered = Tags(render("\n".join(block.markdown for block in faq)))
    assert {tag for tag, _ in rendered.tags} <= {"p", "strong"}
    assert plan(root).empty


def test_a_corrected_or_withdrawn_answer_rewrites_its_block_as_a_patch(decided: Path) -> None:
    merge(decided)
    decide(decided, {"Can I forward a suspicious email": {"answer": "No. Press Report; it goes to the team."}})
    corrected = merge(decided)
    assert (corrected.version_before, corrected.version_after, corrected.released) == ("1.1.0", "1.1.1", ())
    email = (decided / "manual/email.md").read_text(encoding="utf-8")
    assert "**Answer:** No. Press Report; it goes to the team." in email and "Report button instead" not in email
    changelog = (decided / "manual/changelog.md").read_text(encoding="utf-8")
    assert "## [1.1.1] - 2026-11-23\n\n### Changed\n\n- Answers updated under [Stop and check before you click]" in (
        changelog
    )
    assert plan(decided).empty
    decide(decided, {"Can I forward a suspicious email": {"status": "rejected"}})
    withdrawn = merge(decided)
    assert withdrawn.version_after == "1.1.2"
    email = (decided / "manual/email.md").read_text(encoding="utf-8")
    assert "aup:faq" not in email
    assert outside_managed(email) == outside_managed((REPO_MANUAL / "email.md").read_text(encoding="utf-8"))
    assert plan(decided).empty


def test_a_hand_edit_inside_a_block_is_put_back(decided: Path) -> None:
    merge(decided)
    page = decided / "manual/email.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Use the Report button instead.", "Sure!"))
    result = plan(decided)
    assert result.version_after == "1.1.1" and "-**Answer:** No. Sure!" in result.diff()


def test_a_hand_written_block_without_feedback_is_left_alone(decided: Path) -> None:
    page = decided / "manual/internet.md"
    text = page.read_text(encoding="utf-8")
    anchor = "\n## Use the VPN or a hotspot on public Wi-Fi"
    block = "\n<!-- aup:faq begin internet-personal-use -->\n\n**Question:** Written by hand.\n\n<!-- aup:faq end -->\n"
    page.write_text(text.replace(anchor, block + anchor), encoding="utf-8")
    merge(decided)
    assert "**Question:** Written by hand." in page.read_text(encoding="utf-8")
