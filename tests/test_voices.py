"""Every output aupkit writes, in English and in three Spanish voices: the register and region the organisation
chose, no *vosotros* outside Spain's informal register, and no English label in a Spanish output.

Each voice gets a starter manual from ``aup init`` and goes through what its users do: build the site (and
the PDF when Chromium is here), make the deck, write the readability report, take notes in the feedback
template, import them into the store, merge a new version and compose its announcement.
"""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess

import pytest

from aupkit.languages import words
from aupkit.site.pdf import find_browser
from test_languages import TU, USTED, VOSOTROS

VOICES = [("en", "", ""), ("es", "es-419", "tú"), ("es", "es-MX", "usted"), ("es", "es-ES", "tú")]
# Every area whose words an output shows, and the keys of that area a given output must show.
SHOWN = {
    "site": ("feedback", "feedback_link", "owner", "version", "last_reviewed", "rule_id", "pdf", "deck"),
    "deck": ("questions", "notes_questions", "notes_agenda"),
    "announce": ("hello", "what", "read", "help"),
    "report": ("title", "legend_hover", "targets", "all_scores"),
    "feedback": ("template",),
}


def _text(html: str) -> str:
    """What a reader sees of an HTML page: no tags, scripts or styles (attributes a screen reader says stay)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    labels = " ".join(re.findall(r'(?:aria-label|title|alt)="([^"]*)"', html))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)) + " " + labels


@pytest.fixture(scope="module", params=VOICES, ids=lambda v: " ".join(filter(None, v)) or "en")
def outputs(request, tmp_path_factory) -> tuple[str, str, dict[str, str]]:
    """The text of every output of one voice, by output name."""
    from click.testing import CliRunner
    from pptx import Presentation

    from aupkit.cli.main import cli

    language, variant, address = request.param
    voice = f"{variant} {address}".strip()
    root = tmp_path_factory.mktemp("voice") / "manual"
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        return result.output

    assert runner.invoke(cli, ["init", str(root), "--lang", language, "--no-git"]).exit_code == 0
    pyproject = root / "pyproject.toml"
    settings = f'\naddress = "{address}"\nvariant = "{variant}"' if language == "es" else ""
    said = f'language = "{language}"'
    text = pyproject.read_text(encoding="utf-8").replace(said, said + settings)
    pyproject.write_text(text + '\n[tool.aup.announce]\nrecipients = ["all@example.com"]\n', encoding="utf-8")
    found: dict[str, str] = {}

    run("build")
    site = root / "site"
    found["site"] = "\n".join(_text(page.read_text(encoding="utf-8")) for page in sorted(site.rglob("*.html")))
    pdfs = list((site / "downloads").glob("*.pdf"))
    assert bool(pdfs) == (find_browser() is not None)
    if pdfs and shutil.which("pdftotext"):
        found["pdf"] = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True).stdout

    run("slides")
    deck = Presentation(str(root / "build" / "slides.pptx"))
    found["deck"] = "\n".join(
        [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    )

    run("lint", "--html", str(root / "build" / "report.html"))
    found["report"] = _text((root / "build" / "report.html").read_text(encoding="utf-8"))

    found["feedback"] = run("feedback", "template")
    notes = root / "feedback" / "inbox" / "notes.csv"
    notes.parent.mkdir(parents=True, exist_ok=True)
    kind = {"en": "question", "es": "pregunta"}[language]
    row = f"2026-11-20,email-phishing,{kind},Can I forward it? / ¿Lo reenvío?\n"
    notes.write_text(found["feedback"] + row, "utf-8")
    run("feedback", "import", str(notes), "--session", "s1")
    (store,) = (root / "feedback").glob("*s1*.yaml")
    found["store"] = store.read_text(encoding="utf-8")
    answered = found["store"].replace("status: new", "status: answered")
    decided = re.sub(r"^  answer:.*$", "  answer: No.", answered, flags=re.M)
    store.write_text(decided, "utf-8")
    run("feedback", "merge", "--apply")
    run("announce")
    (eml,) = (root / "outbox").glob("*.eml")
    mail = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    found["announce"] = mail["Subject"] + "\n" + mail.get_body(("plain",)).get_content()
    found["announce html"] = _text(mail.get_body(("html",)).get_content())
    return language, voice, found


def test_each_output_shows_the_tools_own_words_in_the_chosen_voice(outputs) -> None:
    language, voice, found = outputs
    where = {"site": "site", "deck": "deck", "announce": "announce", "report": "report", "feedback": "feedback"}
    for area, output in where.items():
        table = words(language, area, voice)
        for key in SHOWN[area]:
            shown = re.split(r"\{[^}]*\}", table[key].strip())  # the word around its placeholders
            longest = max(shown, key=len).strip()
            assert longest in found[output], (area, key, longest)
    header = words(language, "feedback", voice)["store_header"].split("\n")[1]
    assert header in found["store"]


def test_no_english_label_in_a_spanish_output(outputs) -> None:
    language, voice, found = outputs
    if language != "es":
        pytest.skip("English outputs are the reference")
    for area in SHOWN:
        english, spanish = words("en", area), words("es", area, voice)
        for key, label in english.items():
            if not isinstance(label, str) or label == spanish[key] or len(label) < 6:
                continue
            for part in re.split(r"\{[^}]*\}", label):
                part = part.strip(" .:,")
                if len(part) >= 6:
                    for output, text in found.items():
                        assert part not in text, (output, area, key, part)


def test_the_register_and_region_are_the_organisations(outputs) -> None:
    language, voice, found = outputs
    if language != "es":
        pytest.skip("English has one voice")
    tool_words = "\n".join(text for output, text in found.items() if output in ("announce", "report", "feedback"))
    tool_words += "\n" + found["deck"]
    everything = "\n".join(found.values())
    if voice == "es-ES tú":
        assert VOSOTROS.search(everything), "Spain's informal plural speaks to an audience as vosotros"
    else:
        assert not VOSOTROS.search(everything), VOSOTROS.search(everything)
    if voice.endswith("usted"):
        assert USTED.search(tool_words), "the formal register"
        # The report and the deck also show the manual's own text, which the starter writes in tú.
        assert not TU.search(found["announce"]), TU.search(found["announce"])
    else:
        assert TU.search(tool_words) and not USTED.search(found["announce"]), USTED.search(found["announce"])
