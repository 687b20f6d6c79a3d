"""The reviewer's HTML report in a real browser: it makes no request, and its marks and scores are visible."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.lint import lint_manual
from aupkit.lint.report import write_html
from aupkit.model import load_manual
from conftest import FRONT, REPO

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

HARD = FRONT.format(title="Hard page") + (
    "\n# Hard page\n\nStaff shall utilize the VPN in order to facilitate the secure transmission of confidential "
    "organizational information across untrusted public networks and infrastructure.\n\nFiles are scanned by the "
    "gateway.\n"
)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_report_is_self_contained_and_shows_the_marks(tmp_path: Path, project, viewport: dict[str, int]) -> None:
    root = project({"hard.md": HARD})
    config, shipped_config = load_config(root), load_config(REPO)
    report = lint_manual(load_manual(config), config)
    shipped = lint_manual(load_manual(shipped_config), shipped_config)
    target = tmp_path / "report.html"
    write_html(type(report)(report.findings + shipped.findings, report.pages + shipped.pages), target)
    outside: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport=viewport)
        page.on("request", lambda request: outside.append(request.url) if not request.url.startswith("file:") else None)
        page.goto(target.as_uri())
        assert page.locator("mark.very-hard").first.is_visible()
        assert page.locator("mark.word", has_text="utilize").first.is_visible()
        assert page.locator("mark.passive", has_text="are scanned").first.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]  # nothing runs off the side, even on a phone
        page.locator("mark.word", has_text="utilize").first.hover()
        tip = page.locator("mark.word", has_text="utilize").first.get_attribute("data-tip")
        assert tip == "'utilize' is a complex word → write 'use'"
        assert page.locator("nav.pages a").count() == 1 + len(shipped.pages)
        browser.close()
    assert outside == []
