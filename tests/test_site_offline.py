"""A site opened from a folder (file://), as small companies do from a Windows file share.

Built with ``offline``: links name page.html files, and search runs in the page, in the
site's language. Debian's chromium opens it from disk; any request that is not a local
file fails the test.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from aupkit.config import load_config
from aupkit.site.build import awareness_deck, build_site
from aupkit.site.engines import ENGINES
from conftest import REPO
from test_site_browser import DESKTOP, browser  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=list(ENGINES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    engine = ENGINES[request.param]
    if not engine.installed():
        pytest.skip(f"the site engine {engine.name} is not installed (pip install '{engine.extra}')")
    folder = tmp_path_factory.mktemp(f"share-{engine.name}") / "manual site"  # a space, as on a file share
    build_site(load_config(REPO), folder, make_deck=awareness_deck, offline=True, engine=engine.name, pdf=False)
    return folder


def searchable_from_disk(site: Path) -> None:
    if (site / "search.json").is_file():
        pytest.skip(
            "Zensical 0.0.73's search cannot run from a folder (it fetches search.json, which browsers refuse on "
            "file://): the README's engine table says so"
        )


@pytest.fixture
def page(browser):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: None if request.url.startswith("file:") else outside.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert outside == [], f"the site asked for something outside its folder: {outside}"
    assert errors == [], f"script errors: {errors}"


def test_every_link_between_pages_names_a_file_that_exists(site: Path, page) -> None:
    page.goto((site / "index.html").as_uri())
    links = page.eval_on_selector_all(
        "a[href]", "links => links.map(a => a.href.split('#')[0]).filter(href => href.startsWith('file:'))"
    )
    targets = {Path(file_path(link)) for link in links}
    assert len(targets) >= 8, targets
    for target in targets:
        assert target.is_file(), f"{target} is linked from the home page but is not a file (a folder listing)"
    page.locator("nav.md-nav--primary a", has_text="Email").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/email.html"), page.url
    assert "Email" in page.locator("article h1").inner_text()


def test_search_works_from_disk_and_opens_the_result(site: Path, page) -> None:
    searchable_from_disk(site)
    page.goto((site / "byod.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("phishing")
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
    assert "matching" in page.locator(".md-search-result__meta").inner_text()
    page.locator(".md-search-result__item a[href*='email.html']").first.click()
    page.wait_for_load_state()
    assert "/email.html" in page.url and "Email" in page.locator("article h1").inner_text()


def test_search_from_disk_folds_accents_and_says_when_nothing_matches(site: Path, page) -> None:
    searchable_from_disk(site)
    page.goto((site / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("pássphrase")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.locator(".md-search__input").fill("")
    page.keyboard.type("zzqxv")
    page.wait_for_function("document.querySelector('.md-search-result__item') === null")
    assert "No matching" in page.locator(".md-search-result__meta").inner_text()


def test_the_deck_downloads_from_disk(site: Path, page) -> None:
    page.goto((site / "index.html").as_uri())
    href = page.locator(".aup-page-links__deck a").get_attribute("href")
    assert href and Path(file_path(page.locator(".aup-page-links__deck a").evaluate("a => a.href"))).is_file()


def file_path(url: str) -> str:
    """The file a file:// URL names."""
    return unquote(urlparse(url).path)
