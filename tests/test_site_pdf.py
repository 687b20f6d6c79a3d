"""``aup pdf`` and the PDF step of ``aup build``: Chromium really prints the built site; poppler reads the result."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.model import load_manual
from aupkit.site.pdf import find_browser

if find_browser() is None:
    pytest.skip("no Chromium, Chrome or Edge to print with (apt-get install chromium)", allow_module_level=True)
if shutil.which("pdftotext") is None:
    pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils)", allow_module_level=True)


def _text(pdf: Path) -> list[str]:
    """The PDF's text, page by page."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def test_the_spanish_starter_prints_to_a_pdf_in_spanish_kept_per_version(tmp_path: Path, run) -> None:
    root = tmp_path / "manual-es"
    assert run(["init", str(root), "--lang", "es", "--no-git"]).exit_code == 0
    result = run(["pdf"], cwd=root)
    assert result.exit_code == 0, result.output
    manual = load_manual(load_config(root))
    pdf = root / "versions" / f"manual-de-buenas-practicas-{manual.version}-es.pdf"
    assert pdf.is_file(), sorted(p.name for p in (root / "versions").iterdir())
    pages = _text(pdf)
    cover = " ".join(pages[0].split())
    assert f"Versión {manual.version}" in cover and "Página" not in cover, "the cover has no running header"
    assert "Contenido" in " ".join(pages[1].split())
    assert re.search(r"Página 2 de \d+", pages[1]), pages[1][-300:]
    whole = " ".join(" ".join(pages).split())
    for rule in manual.rules:
        assert rule.id in whole, f"rule {rule.id} is in the PDF"
    assert "Page " not in whole and "Table of Contents" not in whole, "no English on a Spanish manual"
    info = _info(pdf)
    assert info["Tagged"] == "yes" and int(info["Pages"]) >= 8
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "every font is embedded"

    before = pdf.read_bytes()
    again = run(["pdf"], cwd=root)
    assert again.exit_code == 0 and "kept" in again.output, "a version's PDF is frozen"
    assert pdf.read_bytes() == before
    assert run(["pdf", "--force"], cwd=root).exit_code == 0

    built = run(["build", "--no-deck"], cwd=root)
    assert built.exit_code == 0, built.output
    assert f"PDF {pdf.name}" in built.output
    assert (root / "site" / "versions" / pdf.name).is_file() is False, "the current version is the download"
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert f'downloads/{pdf.name}" download>Descarga el manual completo en PDF' in home


def test_earlier_versions_are_published_and_listed(tmp_path: Path, run) -> None:
    root = tmp_path / "m"
    assert run(["init", str(root), "--no-git"]).exit_code == 0
    (root / "versions").mkdir()
    (root / "versions" / "good-practice-manual-0.9.0-en.pdf").write_bytes(b"%PDF-1.4 an earlier version\n")
    result = run(["build", "--no-deck", "--no-pdf"], cwd=root)
    assert result.exit_code == 0, result.output
    assert (root / "site" / "versions" / "good-practice-manual-0.9.0-en.pdf").read_bytes().startswith(b"%PDF")
    page = (root / "site" / "email" / "index.html").read_text(encoding="utf-8")
    assert "Earlier versions (PDF)" in page and "versions/good-practice-manual-0.9.0-en.pdf" in page


def test_no_browser_is_a_clear_error_and_the_site_is_untouched(tmp_path: Path, run, monkeypatch) -> None:
    root = tmp_path / "m"
    assert run(["init", str(root), "--no-git"]).exit_code == 0
    monkeypatch.setenv("AUP_BROWSER", str(tmp_path / "no-such-browser"))
    result = run(["pdf"], cwd=root)
    assert result.exit_code == 3
    assert "AUP_BROWSER=" in result.output and "no such program" in result.output
    assert not (root / "versions").exists() and not (root / "site").exists()
