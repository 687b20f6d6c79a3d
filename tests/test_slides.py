"""The deck: the plan's structure, the written file read back, templates, bad input and the CLI."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
import segno
from pptx import Presentation

from aupkit.config import load_config
from aupkit.errors import UsageError
from aupkit.model import load_manual, require_usable
from aupkit.model.urls import page_url
from aupkit.slides import build_deck, plan_deck, resolve_options
from aupkit.slides.deck import Deck
from aupkit.slides.fit import TextFitter
from aupkit.slides.geometry import default_geometry
from aupkit.slides.plan import DO_MARK, DONT_MARK
from aupkit.slides.words import affirmative
from conftest import FRONT, PYPROJECT, REPO, page
from slides_templates import bare_template, corporate_template, two_master_template

HOME = FRONT.format(title="Test manual") + "\n# Test manual\n\nWelcome.\n"


def plan(root: Path, **options) -> Deck:
    config = load_config(root)
    manual = require_usable(load_manual(config))
    geometry = default_geometry()
    return plan_deck(manual, config, geometry, TextFitter("Calibri"), resolve_options(config, manual, **options))


def assert_every_box_fits(deck: Deck) -> None:
    """The plan's own promise: every text box holds its text at the sizes chosen."""
    geometry = default_geometry()
    fitter = TextFitter("Calibri")
    for slide in deck.slides:
        for frame in slide.texts:
            measured = [p.measure(geometry) for p in frame.paragraphs]
            height = fitter.height(measured, frame.box.text_width(frame.inset_x))
            assert height <= frame.box.text_height(frame.inset_y) + 0.01, (slide.number, frame.role, frame.text[:60])


def rule_page(rule_id: str, key: str, do: list[str], dont: list[str], title: str = "Topic") -> str:
    do_list = "\n".join(f"- {item}" for item in do)
    dont_list = "\n".join(f"- {item}" for item in dont)
    return (
        FRONT.format(title=title)
        + f"\n# {title}\n\n## A rule {{#{rule_id}}}\n\n{key}\n\n**Do**\n\n{do_list}\n\n**Don't**\n\n{dont_list}\n\n"
        "**Why it matters**\n\nIt keeps everyone safe.\n\nCall the helpdesk for help.\n"
    )


@pytest.fixture
def manual_project(project):
    return project(
        {
            "index.md": HOME,
            "devices.md": page("Devices", [("devices-lock", "Lock your screen"), ("devices-usb", "Avoid USB sticks")]),
            "mail.md": page("Mail", [("mail-check", "Check the sender")]),
        }
    )


# -- the plan -------------------------------------------------------------------------------------------------------


def test_plan_has_title_agenda_sections_rules_questions_feedback_and_closing(manual_project: Path) -> None:
    deck = plan(manual_project, presenter="Ana Ruiz")
    kinds = [slide.kind for slide in deck.slides]
    assert kinds == [
        "title", "agenda",
        "section", "rule", "rule", "check", "questions",
        "section", "rule", "check", "questions",
        "feedback", "closing",
    ]  # fmt: skip
    title = deck.slides[0]
    assert "Test manual" in title.text("title")
    assert "Test Org" in title.text("subtitle") and "Ana Ruiz" in title.text("subtitle")
    assert "1 October 2026" in title.text("subtitle")
    agenda = deck.slides[1].text("body")
    assert "Devices" in agenda and "Mail" in agenda
    assert [slide.number for slide in deck.slides] == list(range(1, len(deck.slides) + 1))
    assert_every_box_fits(deck)


def test_rule_slide_has_key_message_headline_and_do_dont_told_apart_by_words_and_symbols(manual_project: Path) -> None:
    deck = plan(manual_project)
    rule = next(slide for slide in deck.slides if slide.rule_id == "devices-lock")
    assert "Always lock your screen." in rule.text("title")
    left = next(frame for frame in rule.texts if frame.role == "left")
    right = next(frame for frame in rule.texts if frame.role == "right")
    assert left.paragraphs[0].text == f"{DO_MARK} Do"
    assert right.paragraphs[0].text == f"{DONT_MARK} Don\u2019t"
    assert {p.bullet for p in left.paragraphs[1:]} == {DO_MARK}
    assert {p.bullet for p in right.paragraphs[1:]} == {DONT_MARK}
    assert left.box.right < right.box.left  # side by side
    assert all(p.size >= 16 for p in (*left.paragraphs, *right.paragraphs))


def test_rule_notes_hold_why_rule_id_and_the_rules_url(manual_project: Path) -> None:
    deck = plan(manual_project)
    rule = next(slide for slide in deck.slides if slide.rule_id == "devices-usb")
    assert "It keeps everyone safe." in rule.notes
    assert "Rule devices-usb" in rule.notes
    assert "https://manual.test.example/devices/#devices-usb" in rule.notes
    assert "Speaking time for this slide" in rule.notes


@pytest.mark.parametrize(
    ("site", "relative", "anchor", "url"),
    [
        ("https://x.example/manual/", "byod.md", "byod-usb", "https://x.example/manual/byod/#byod-usb"),
        ("https://x.example/manual", "byod.md", None, "https://x.example/manual/byod/"),
        ("https://x.example/", "index.md", None, "https://x.example/"),
        ("https://x.example/", "team/index.md", "a", "https://x.example/team/#a"),
        ("https://x.example/", "team/rules.md", "a", "https://x.example/team/rules/#a"),
        ("", "byod.md", "a", ""),
    ],
)
def test_page_url_follows_mkdocs_directory_urls(site: str, relative: str, anchor: str | None, url: str) -> None:
    assert page_url(site, relative, anchor) == url


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        ("byod.md", "https://x.example/m/byod.html#a"),
        ("index.md", "https://x.example/m/index.html#a"),
        ("team/index.md", "https://x.example/m/team/index.html#a"),
    ],
)
def test_page_url_of_a_site_opened_from_a_folder_names_the_html_file(relative: str, url: str) -> None:
    assert page_url("https://x.example/m", relative, "a", directory_urls=False) == url


def test_questions_at_the_end_and_no_knowledge_check(manual_project: Path) -> None:
    deck = plan(manual_project, questions="end", knowledge_check=False)
    kinds = [slide.kind for slide in deck.slides]
    assert kinds.count("questions") == 1 and kinds[-3] == "questions"
    assert "check" not in kinds


def test_knowledge_check_statements_come_from_do_and_dont_with_answers_in_notes(manual_project: Path) -> None:
    deck = plan(manual_project)
    check = next(slide for slide in deck.slides if slide.kind == "check")
    statements = [frame.paragraphs[1].text for frame in check.texts if frame.role in ("left", "right")]
    assert sorted(statements) == ["Do the bad thing.", "Do the first thing."]  # "Don't" dropped from the Don't item
    assert "Yes, this is OK" in check.notes and "No, this is not OK" in check.notes
    assert "Is this OK?" in check.text("title")


def test_speaking_time_per_slide_and_in_total_on_the_title_slide(manual_project: Path) -> None:
    deck = plan(manual_project)
    assert deck.total_seconds == sum(slide.seconds for slide in deck.slides)
    notes = deck.slides[0].notes
    assert "Estimated speaking time" in notes and f"for {len(deck.slides)} slides" in notes
    assert all(slide.seconds > 0 for slide in deck.slides)
    assert f"{len(deck.slides)}. Closing · Thank you: 10 s" in notes


def test_spanish_deck_words(project) -> None:
    root = project({"index.md": HOME, "a.md": page("Correo", [("correo-uno", "Revise el remitente")])})
    deck = plan(root, language="es")
    assert "Qué vamos a ver" in deck.slides[1].text("title")
    rule = next(slide for slide in deck.slides if slide.kind == "rule")
    assert any(frame.paragraphs[0].text == f"{DO_MARK} Sí" for frame in rule.texts if frame.paragraphs)
    assert "Sus preguntas" in next(s for s in deck.slides if s.kind == "questions").text("title")
    assert "Tiempo estimado" in deck.slides[0].notes


def test_a_rule_with_30_bullets_continues_on_cont_slides_at_a_readable_size(project) -> None:
    do = [f"Do thing number {n} with a few more words so that it wraps onto a second line." for n in range(30)]
    root = project({"index.md": HOME, "big.md": rule_page("big-rule", "Keep this short.", do, ["Don't panic."])})
    deck = plan(root)
    slides = [slide for slide in deck.slides if slide.rule_id == "big-rule"]
    assert len(slides) > 2
    assert all("(cont.)" in slide.text("title") for slide in slides[1:])
    shown = [p.text for slide in slides for f in slide.texts if f.role in ("left", "right") for p in f.paragraphs[1:]]
    assert [text for text in shown if text.startswith("Do thing")] == do  # nothing lost, nothing repeated
    assert "Don't panic." in shown
    sizes = {p.size for slide in slides for f in slide.texts if f.role in ("left", "right") for p in f.paragraphs}
    assert min(sizes) >= 16
    assert_every_box_fits(deck)


def test_one_enormous_bullet_is_cut_at_words_and_continued(project) -> None:
    huge = " ".join(f"word{n}" for n in range(700))
    root = project({"index.md": HOME, "big.md": rule_page("big-item", "Short.", [huge], ["Don't."])})
    deck = plan(root)
    pieces = [
        p.text
        for slide in deck.slides
        if slide.rule_id == "big-item"
        for f in slide.texts
        if f.role in ("left", "right")
        for p in f.paragraphs[1:]
        if p.text.startswith("word")
    ]
    assert len(pieces) > 1
    assert " ".join(pieces).split() == huge.split()
    assert_every_box_fits(deck)


def test_a_200_character_headline_fits_without_shrinking_below_readable(project) -> None:
    key = (
        "Always check who the message is really from before you open any link or attachment in it, even when "
        "it looks like it comes from your own manager or from a colleague you know very well. Ask when unsure."
    )
    assert len(key) >= 200
    root = project({"index.md": HOME, "long.md": rule_page("long-key", key, ["Check."], ["Don't rush."])})
    deck = plan(root)
    rule = next(slide for slide in deck.slides if slide.rule_id == "long-key")
    title = next(frame for frame in rule.texts if frame.role == "title")
    assert title.paragraphs[1].text == key
    assert title.paragraphs[1].size >= 24
    left = next(frame for frame in rule.texts if frame.role == "left")
    assert left.box.top >= title.box.bottom
    assert_every_box_fits(deck)


def test_an_absurd_headline_is_shortened_with_its_full_text_in_the_notes(project) -> None:
    key = "Read this. " * 80
    root = project({"index.md": HOME, "long.md": rule_page("absurd-key", key.strip(), ["Check."], ["Don't."])})
    deck = plan(root)
    rule = next(slide for slide in deck.slides if slide.rule_id == "absurd-key")
    assert rule.text("title").endswith("\u2026")
    assert key.strip() in rule.notes
    assert any("key message is too long" in notice for notice in deck.notices)
    assert_every_box_fits(deck)


def test_manual_with_no_topic_pages_gives_a_sensible_deck(project) -> None:
    deck = plan(project({"index.md": HOME}))
    kinds = [slide.kind for slide in deck.slides]
    assert kinds == ["title", "empty", "questions", "feedback", "closing"]
    assert any("no topic pages" in notice for notice in deck.notices)


def test_pages_option_chooses_and_orders_topics(manual_project: Path) -> None:
    deck = plan(manual_project, pages=("mail", "devices.md"))
    sections = [slide.text("title") for slide in deck.slides if slide.kind == "section"]
    assert ["Mail" in sections[0], "Devices" in sections[1]] == [True, True]
    with pytest.raises(UsageError, match="no topic page called 'nope'"):
        plan(manual_project, pages=("nope",))


def test_bad_deck_options_are_reported_together(manual_project: Path) -> None:
    config = load_config(manual_project)
    with pytest.raises(UsageError) as caught:
        resolve_options(config, None, brand_colour="blue", min_font_size=4, date="soon")
    text = str(caught.value)
    assert "brand_colour 'blue'" in text and "min_font_size 4" in text and "slides.date 'soon'" in text


def test_markdown_without_the_conventions_falls_back_to_headings_and_lists(project, tmp_path: Path) -> None:
    root = project({"index.md": HOME})
    loose = tmp_path / "loose.md"
    loose.write_text(
        "# Remote work\n\nIntro paragraph.\n\n### Scope {#scope}\n\n- Staff\n- Contractors\n\n```\ncode here\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        encoding="utf-8",
    )
    config = load_config(root)
    manual = require_usable(load_manual(config, [loose]))
    deck = plan_deck(manual, config, default_geometry(), TextFitter("Calibri"), resolve_options(config, manual))
    content = [slide for slide in deck.slides if slide.kind == "content"]
    assert [slide.text("title").splitlines()[-1] for slide in content] == ["Remote work", "Scope"]
    assert "Staff" in content[1].text("body") and "Contractors" in content[1].text("body")
    assert any("skipped 1 code block" in n for n in deck.notices)
    assert any("skipped 1 table" in n for n in deck.notices)


# -- the written file -------------------------------------------------------------------------------------------------


def test_written_deck_reads_back_16_9_with_notes_and_numbers(manual_project: Path, tmp_path: Path) -> None:
    config = load_config(manual_project)
    manual = require_usable(load_manual(config))
    built = build_deck(manual, config, tmp_path / "out" / "deck.pptx")
    presentation = Presentation(str(built.path))
    assert presentation.slide_width * 9 == pytest.approx(presentation.slide_height * 16, rel=0.001)
    assert len(presentation.slides) == len(built.deck.slides)
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in presentation.slides]
    assert "Test manual" in texts[0]
    assert texts[3].splitlines()[-1] == "4"  # slide number
    assert "Test manual · version 1.0.0" in texts[3]
    rule_slide = presentation.slides[3]
    assert "Rule devices-lock" in rule_slide.notes_slide.notes_text_frame.text
    pictures = [s for s in presentation.slides[-2].shapes if s.shape_type == 13]
    assert len(pictures) == 2  # the feedback form and the site
    assert presentation.core_properties.title == "Test manual"
    assert not list((tmp_path / "out").glob(".*tmp"))  # the temporary file was renamed, not left behind
    assert built.path.stat().st_mode & 0o777 == 0o644


def test_two_runs_give_byte_identical_files(manual_project: Path, tmp_path: Path) -> None:
    config = load_config(manual_project)
    manual = require_usable(load_manual(config))
    first = build_deck(manual, config, tmp_path / "a.pptx").path.read_bytes()
    second = build_deck(manual, config, tmp_path / "b.pptx").path.read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    with zipfile.ZipFile(tmp_path / "a.pptx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_corporate_template_layouts_by_name_with_named_stand_ins(manual_project: Path, tmp_path: Path) -> None:
    template = corporate_template(tmp_path / "corporate.pptx")
    config = load_config(manual_project)
    manual = require_usable(load_manual(config))
    built = build_deck(manual, config, tmp_path / "deck.pptx", template=template)
    notices = "\n".join(built.notices)
    assert "no layout named 'Title Slide'; using 'Cover' instead" in notices
    assert "no layout named 'Section Header'; using" in notices
    assert "Two Content" not in notices  # 'Comparison' is the second choice for Do/Don't, found by name
    presentation = Presentation(str(built.path))
    assert len(presentation.slides) == len(built.deck.slides)  # the two sample slides are gone
    assert all(
        "Sample slide" not in s.text_frame.text for sl in presentation.slides for s in sl.shapes if s.has_text_frame
    )
    layouts = [slide.slide_layout.name for slide in presentation.slides]
    assert layouts[0] == "Cover"
    assert layouts[[s.kind for s in built.deck.slides].index("rule")] == "Comparison"
    assert presentation.slide_width == Presentation(str(template)).slide_width  # the template's 4:3 is kept
    for slide in presentation.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), "an empty placeholder would show 'Click to add text'"


def test_template_that_is_not_a_pptx_is_a_clear_usage_error(manual_project: Path, tmp_path: Path, run) -> None:
    fake = tmp_path / "corporate.pptx"
    fake.write_text("not a presentation", encoding="utf-8")
    result = run(["slides", "--template", str(fake), "--out", str(tmp_path / "d.pptx")], cwd=manual_project)
    assert result.exit_code == 2
    assert f"{fake}: not a PowerPoint file; save the template from PowerPoint as .pptx or .potx" in result.output
    assert "Traceback" not in result.output


def test_template_without_usable_layouts_is_a_clear_usage_error(manual_project: Path, tmp_path: Path, run) -> None:
    template = bare_template(tmp_path / "bare.pptx")
    result = run(["slides", "--template", str(template), "--out", str(tmp_path / "d.pptx")], cwd=manual_project)
    assert result.exit_code == 2
    assert "the template has no usable layout" in result.output and "layouts found: Blank" in result.output


def test_missing_logo_is_reported_and_the_deck_still_built(project, tmp_path: Path, run) -> None:
    root = project(
        {"index.md": HOME, "a.md": page("A", [("a-one", "One")])},
        pyproject=PYPROJECT + '\n[tool.aup.slides]\nlogo = "slides/logo.png"\n',
    )
    result = run(["slides", "--out", str(tmp_path / "d.pptx")], cwd=root)
    assert result.exit_code == 0
    assert "logo.png: logo image not found; the deck has no logo (fix slides.logo)" in result.output
    assert (tmp_path / "d.pptx").is_file()


# -- the command ------------------------------------------------------------------------------------------------------


def test_cli_writes_the_configured_output_and_says_how_long(manual_project: Path, run) -> None:
    result = run(["slides", "--presenter", "Ana Ruiz", "--lang", "es"], cwd=manual_project)
    assert result.exit_code == 0, result.output
    out = manual_project / "build" / "slides.pptx"
    assert f"wrote {out}" in result.output and "slides, about" in result.output
    presentation = Presentation(str(out))
    first = "\n".join(s.text_frame.text for s in presentation.slides[0].shapes if s.has_text_frame)
    assert "Presenta: Ana Ruiz" in first


def test_cli_unknown_page_is_a_usage_error(manual_project: Path, run) -> None:
    result = run(["slides", "--pages", "devices,nope"], cwd=manual_project)
    assert result.exit_code == 2
    assert "no topic page called 'nope'" in result.output and "devices.md" in result.output


def test_cli_empty_manual_folder_is_a_clear_project_error(project, run) -> None:
    root = project({})
    result = run(["slides"], cwd=root)
    assert result.exit_code == 3
    assert "there are no Markdown pages here" in result.output


def test_cli_on_the_shared_corpus_says_what_was_skipped(project, run, tmp_path: Path) -> None:
    corpus = REPO.parent / "shared" / "corpus"
    files = sorted(str(p) for p in corpus.glob("*.md")) if corpus.is_dir() else []
    if not files:
        pytest.skip("the shared corpus of real policies is not on this machine")
    root = project({"index.md": HOME})
    result = run(["slides", *files, "--out", str(tmp_path / "corpus.pptx")], cwd=root)
    assert result.exit_code == 0, result.output
    assert "aup: note:" in result.output and "skipped" in result.output
    assert len(Presentation(str(tmp_path / "corpus.pptx")).slides) > len(files)


@pytest.mark.parametrize(
    ("item", "language", "statement"),
    [
        ("Don't share your unlock code.", "en", "Share your unlock code."),
        ("Never reuse a password.", "en", "Reuse a password."),
        ("Free USB sticks are a trap.", "en", "Free USB sticks are a trap."),
        ("No dejes un portátil abierto.", "es", "Deja un portátil abierto."),
        ("No compartas tu código.", "es", "Comparte tu código."),
        ("No hagas jailbreak.", "es", "Haz jailbreak."),
        ("No pagues con la tarjeta.", "es", "Paga con la tarjeta."),
        ("No te fíes de un mensaje urgente.", "es", None),
    ],
)
def test_dont_items_become_the_statement_they_forbid(item: str, language: str, statement: str | None) -> None:
    assert affirmative(item, language) == statement


def test_layouts_are_found_by_name_on_every_slide_master(manual_project: Path, tmp_path: Path) -> None:
    template = two_master_template(tmp_path / "two-masters.pptx")
    assert [len(master.slide_layouts) for master in Presentation(str(template)).slide_masters] == [10, 1]
    config = load_config(manual_project)
    manual = require_usable(load_manual(config))
    built = build_deck(manual, config, tmp_path / "deck.pptx", template=template)
    assert not [notice for notice in built.notices if "no layout named" in notice]
    presentation = Presentation(str(built.path))
    rule_index = [s.kind for s in built.deck.slides].index("rule")
    layout = presentation.slides[rule_index].slide_layout
    assert layout.name == "Two Content"
    assert layout.slide_master == presentation.slide_masters[1]


def test_faq_answered_after_a_session_is_in_the_speaker_notes(project) -> None:
    faq = (
        "<!-- aup:faq begin faq-rule -->\n\n**Question:** What if I clicked?\n\n**Answer:** Tell the helpdesk.\n\n"
        "<!-- aup:faq end -->\n"
    )
    root = project({"index.md": HOME, "a.md": rule_page("faq-rule", "Short.", ["Check."], ["Don't."]) + "\n" + faq})
    rule = next(slide for slide in plan(root).slides if slide.rule_id == "faq-rule")
    assert "Questions people have asked:\nQuestion: What if I clicked?\nAnswer: Tell the helpdesk." in rule.notes


def test_logo_on_title_and_closing_slides_and_a_broken_one_is_reported(project, tmp_path: Path) -> None:
    root = project(
        {"index.md": HOME, "a.md": page("A", [("a-one", "One")])},
        pyproject=PYPROJECT + '\n[tool.aup.slides]\nlogo = "slides/logo.png"\n',
    )
    (root / "slides").mkdir()
    segno.make("logo").save(str(root / "slides" / "logo.png"), kind="png", scale=4)
    config = load_config(root)
    manual = require_usable(load_manual(config))
    built = build_deck(manual, config, tmp_path / "deck.pptx")
    presentation = Presentation(str(built.path))
    logos = [len([s for s in slide.shapes if s.shape_type == 13]) for slide in presentation.slides]
    assert logos[0] == 1 and logos[-1] == 1 and not [n for n in logos[1:-2] if n]
    (root / "slides" / "logo.png").write_text("not an image", encoding="utf-8")
    broken = build_deck(manual, config, tmp_path / "broken.pptx")
    assert any("not a readable image" in notice for notice in broken.notices)


def test_output_that_cannot_be_written_is_a_clear_usage_error(manual_project: Path, run) -> None:
    (manual_project / "taken").write_text("a file where a folder should be", encoding="utf-8")
    result = run(["slides", "--out", str(manual_project / "taken" / "deck.pptx")], cwd=manual_project)
    assert result.exit_code == 2
    assert "cannot write the deck here" in result.output and "choose another --out" in result.output


def test_a_potx_template_is_used_like_a_pptx(manual_project: Path, tmp_path: Path) -> None:
    pptx = corporate_template(tmp_path / "corporate.pptx")
    potx = tmp_path / "corporate.potx"
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(potx, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            target.writestr(info, data)
    config = load_config(manual_project)
    manual = require_usable(load_manual(config))
    built = build_deck(manual, config, tmp_path / "deck.pptx", template=potx)
    assert Presentation(str(built.path)).slides[0].slide_layout.name == "Cover"


@pytest.mark.parametrize(
    "settings, wanted, unwanted",
    [
        ("", ["Sus preguntas", "Piénsenlo", "Deja unos minutos"], ["Vuestras", "Deje unos minutos"]),
        ('address = "usted"\n', ["Sus preguntas", "Deje unos minutos"], ["Vuestras", "Deja unos minutos"]),
        ('variant = "es-ES"\n', ["Vuestras preguntas", "Pensadlo", "Deja unos minutos"], ["Sus preguntas"]),
    ],
    ids=["es-419-tu", "usted", "es-ES-tu"],
)
def test_the_spanish_deck_follows_the_register_and_region(tmp_path, run, settings, wanted, unwanted) -> None:
    root = tmp_path / "m"
    assert run(["init", str(root), "--lang", "es", "--no-git"]).exit_code == 0
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("[tool.aup]\n", f"[tool.aup]\n{settings}"))
    assert run(["slides", "--out", str(root / "build" / "deck.pptx")], cwd=root).exit_code == 0
    deck = Presentation(str(root / "build" / "deck.pptx"))
    text = "\n".join(
        [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    )
    for words in wanted:
        assert words in text, words
    for words in unwanted:
        assert words not in text, words


def test_each_topics_questions_slide_has_a_qr_code_of_the_form_with_its_page_chosen(project) -> None:
    from urllib.parse import parse_qs, urlparse

    from conftest import PYPROJECT

    form = (
        '\n[tool.aup.feedback.form]\nurl = "https://docs.google.com/forms/d/e/abc/viewform"\nrule_entry = "entry.7"\n'
    )
    files = {
        "index.md": HOME,
        "devices.md": page("Devices", [("devices-lock", "Lock your screen"), ("devices-usb", "Avoid USB sticks")]),
        "mail.md": page("Mail", [("mail-check", "Check the sender")]),
    }
    deck = plan(project(files, PYPROJECT + form))
    questions = [slide for slide in deck.slides if slide.kind == "questions"]
    chosen = [parse_qs(urlparse(slide.pictures[0].source).query)["entry.7"][0] for slide in questions]
    assert chosen == ["Devices – something else on this page", "Mail – something else on this page"]
    for slide in questions:
        qr = slide.pictures[0].box
        beside = [frame for frame in slide.texts if frame.box.top < qr.bottom and qr.top < frame.box.bottom]
        assert beside and all(frame.box.right < qr.left for frame in beside)  # the text never runs under the code
    assert_every_box_fits(deck)
    plain = plan(project(files))
    assert all(not slide.pictures for slide in plain.slides if slide.kind == "questions")
