"""The built site in a real browser: Debian's chromium through Playwright, the site served on 127.0.0.1.

Every request the pages make is routed through a handler that aborts and records
anything not on the loopback address: the site must work on an intranet with no
internet. axe-core (from npm) checks WCAG 2.1 A and AA on every page, in the
light and dark schemes and at a phone's size.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from aupkit.config import load_config
from aupkit.scaffold import plan_scaffold, write_scaffold
from aupkit.site.build import awareness_deck, build_site
from aupkit.site.engines import ENGINES
from conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Resolves once no animation or transition has run for 300 ms in a row (at most 10 s).
STILL = """() => new Promise(done => {
  let quiet = 0;
  const started = performance.now();
  const look = () => {
    quiet = document.getAnimations().some(a => a.playState === 'running') ? 0 : quiet + 1;
    if (quiet >= 6 || performance.now() - started > 10000) done(); else setTimeout(look, 50);
  };
  look();
})"""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module", params=list(ENGINES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped manual built by each engine, with its deck and its PDF: every test runs on each."""
    engine = ENGINES[request.param]
    if not engine.installed():
        pytest.skip(f"the site engine {engine.name} is not installed (pip install '{engine.extra}')")
    folder = tmp_path_factory.mktemp(f"site-{engine.name}") / "site"
    build_site(load_config(REPO), folder, make_deck=awareness_deck, engine=engine.name, pdf=True)
    ENGINE_OF[folder] = engine.name
    return folder


ENGINE_OF: dict[Path, str] = {}
ZENSICAL_SEARCH = re.compile(r"\] (color-contrast|label-content-name-mismatch): ")


def _search(page, site: Path, words: str, phone: bool = False) -> None:
    """Type ``words`` into the site's search. Material has a search field in its header; Zensical 0.0.73
    opens a search dialog from a button (its results are links in the dialog, named by class names it
    minifies, so the tests find them by their address and text)."""
    if ENGINE_OF[site] == "zensical":
        page.locator(".md-search__button:visible, label[for='__search']:visible").first.click()
        page.locator("input[aria-autocomplete='list']").wait_for(timeout=10_000)
    else:
        if phone:
            page.locator("label[for='__search']").first.click()
        page.locator(".md-search__input").click()
    page.keyboard.type(words)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with _served(site) as url:
        yield url


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def outside_requests() -> list[str]:
    return []


@pytest.fixture
def open_context(browser, outside_requests):
    """New browser contexts whose every non-loopback request is aborted and recorded; the test fails on any."""
    contexts = []

    def route(route) -> None:
        url = route.request.url
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort()

    def make(**options):
        context = browser.new_context(accept_downloads=True, **options)
        context.route("**/*", route)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert outside_requests == [], f"the site made requests outside itself: {outside_requests}"


def _pages(site: Path) -> list[str]:
    """Every page of the site as a URL path, the print page included, 404 page aside."""
    return sorted(
        "" if path.parent == site else path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
    )


def test_search_finds_a_rule_and_opens_it(open_context, base_url, site):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(base_url)
    _search(page, site, "phishing")
    result = page.locator("a[href*='email/']", has_text="Stop and check before you click").first
    result.wait_for(timeout=10_000)
    assert "print/" not in (result.get_attribute("href") or ""), "the whole-manual page is left out of search"
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith(base_url + "email/"), page.url
    assert "Email" in page.locator("article h1").inner_text()


def test_glossary_term_shows_its_definition_as_a_tooltip(open_context, base_url, site):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(base_url + "passwords-and-accounts/")
    term = page.locator("article abbr", has_text="MFA").first
    definition = term.get_attribute("title")
    assert definition and definition.startswith("Multi-factor authentication")
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(timeout=5_000)
    assert tooltip.inner_text().startswith("Multi-factor authentication")


def test_rule_page_shows_header_rule_ids_and_do_dont_blocks(open_context, base_url):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(base_url + "email/")
    meta = page.locator(".aup-page-meta")
    for label in ("Owner", "Version", "Last reviewed", "Next review due", "Reading time"):
        assert label in meta.inner_text()
    rule_link = page.locator(".aup-rule-id a").first
    href = rule_link.get_attribute("href")
    rule_link.click()
    assert page.url.endswith(href)
    assert page.locator(".admonition.aup-do .admonition-title").first.inner_text() == "Do"
    assert page.locator(".admonition.aup-dont .admonition-title").first.inner_text() == "Don't"
    feedback = page.locator(".aup-page-links a", has_text="feedback form")
    assert feedback.get_attribute("href") == "https://forms.example.com/manual-feedback"


def test_print_page_holds_every_rule(open_context, base_url, site):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(base_url + "print/")
    page.wait_for_load_state("networkidle")
    text = page.locator("article").inner_text()
    for heading in ("Stop and check before you click", "Glossary", "What's new", "Contents", "Example Company"):
        assert heading in text
    rules = json.loads((site / "rule-ids.json").read_text(encoding="utf-8"))
    for rule_id in rules:
        assert page.locator(f"article [id='{rule_id}']").count() == 1, rule_id
    contents = page.locator(".aup-contents a").first
    contents.click()
    assert page.url.endswith(contents.get_attribute("href"))


def test_pdf_link_downloads_the_whole_manual(open_context, base_url, site):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(base_url + "email/")
    link = page.locator(".aup-page-links__pdf a")
    assert "PDF (version 1.0.0)" in link.inner_text()
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.suggested_filename == "good-practice-manual-1.0.0-en.pdf"
    assert Path(download_info.value.path()).read_bytes()[:5] == b"%PDF-"


def test_deck_link_downloads_a_deck_when_there_is_one(open_context, base_url, site):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(base_url)
    links = page.locator(".aup-page-links__deck a")
    if not list(site.glob("downloads/*.pptx")):
        assert links.count() == 0, "no deck was built, so there must be no deck link"
        return
    pptx = pytest.importorskip("pptx")
    with page.expect_download() as download_info:
        links.first.click()
    path = download_info.value.path()
    assert len(pptx.Presentation(str(path)).slides) > 0


@pytest.mark.parametrize(
    "scheme, viewport", [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE), ("dark", PHONE)],
    ids=["light", "dark", "phone-light", "phone-dark"],
)  # fmt: skip
def test_every_page_has_no_wcag_violations(open_context, base_url, site, scheme, viewport):
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed: run 'npm install --prefix {REPO} axe-core@4'")
    context = open_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport is PHONE)
    page = context.new_page()
    problems: list[str] = []
    for path in _pages(site):
        page.goto(base_url + path)
        problems += _axe(page, f"/{path} [{scheme}, {viewport['width']}px]")
    # Search results (their counts and highlighted matches) exist only once someone searches.
    page.goto(base_url)
    _search(page, site, "password", phone=viewport is PHONE)
    page.locator("a[href*='passwords-and-accounts/']", has_text="password").first.wait_for(timeout=10_000)
    in_search = _axe(page, f"search results [{scheme}, {viewport['width']}px]")
    if ENGINE_OF[site] == "zensical":
        # Zensical 0.0.73 draws its search dialog in a shadow root aupkit's styles cannot reach: its highlighted
        # matches are low-contrast and its result links are named differently from their text. Pinned here and
        # in the README's engine table; anything else found in the dialog still fails.
        known = [line for line in in_search if " >> " in line and ZENSICAL_SEARCH.search(line)]
        assert known, "Zensical's search dialog now passes axe: update the README's engine table and this test"
        in_search = [line for line in in_search if line not in known]
    problems += in_search
    assert problems == [], "\n".join(problems)


def _axe(page, where: str) -> list[str]:
    # Check what a reader sees once the page is still: axe reads computed colours, and mid-transition
    # (search results fading in, a hover colour easing) they are neither the old nor the new ones.
    page.evaluate(STILL)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert result["passes"], "axe checked nothing: is the page empty?"
    return [
        f"{where} {v['id']}: {v['help']} {[_target(node['target']) for node in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def _target(target: list) -> str:
    """axe's selector for a node; a node inside a shadow root is a list of selectors, host first."""
    return " >> ".join(_target(part) if isinstance(part, list) else str(part) for part in target)


@pytest.fixture(scope="module", params=list(ENGINES))
def bilingual(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """``aup init --lang es,en`` built by each engine: one site per language, served on 127.0.0.1."""
    engine = ENGINES[request.param]
    if not engine.installed():
        pytest.skip(f"the site engine {engine.name} is not installed (pip install '{engine.extra}')")
    root = tmp_path_factory.mktemp(f"bilingual-{engine.name}")
    write_scaffold(root, plan_scaffold(["es", "en"]))
    site = root / "site"
    build_site(load_config(root), site, engine=engine.name, pdf=False)
    ENGINE_OF[site / "es"] = ENGINE_OF[site / "en"] = engine.name
    with _served(site) as url:
        yield site, url


@pytest.mark.parametrize(("locale", "opened"), [("en-US", "en"), ("es-MX", "es"), ("fr-FR", "es")])
def test_the_root_opens_the_readers_language_else_the_source(open_context, bilingual, locale, opened):
    _, url = bilingual
    page = open_context(viewport=DESKTOP, locale=locale).new_page()
    page.goto(url)
    page.wait_for_url(f"{url}{opened}/")
    assert page.locator("html").get_attribute("lang") == opened


@pytest.mark.parametrize(("start", "target", "heading"), [
    ("en", "es", "Reporta los mensajes sospechosos"), ("es", "en", "Report suspicious messages"),
])  # fmt: skip
def test_the_language_menu_opens_the_same_rule_in_the_other_language(open_context, bilingual, start, target, heading):
    _, url = bilingual
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(f"{url}{start}/email/#email-report")
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-select a[hreflang='{target}']").click()
    page.wait_for_url(f"{url}{target}/email/#email-report")
    assert page.locator("#email-report").inner_text().startswith(heading)
    alternates = page.locator("link[data-aup-same-page]")
    assert sorted(alternates.evaluate_all("links => links.map(l => l.hreflang + ' ' + l.href)")) == [
        f"en {url}en/email/",
        f"es {url}es/email/",
    ]


@pytest.mark.parametrize(
    ("language", "found", "other"), [("es", "contraseñas", "remember"), ("en", "password", "recuerde")]
)
def test_search_in_each_language_finds_its_own_pages_only(open_context, bilingual, language, found, other):
    site, url = bilingual
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(f"{url}{language}/")
    _search(page, site / language, found)
    results = page.locator("a[href*='?h=']:visible")  # search results link with the words to highlight
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(f"{url}{language}/passwords-and-accounts/" in href for href in hrefs), hrefs
    assert all(href.startswith(f"{url}{language}/") for href in hrefs), hrefs
    page.keyboard.press("Control+A")
    page.keyboard.type(other)  # a word only the other language's page of passwords has
    sync_api.expect(results).to_have_count(0, timeout=10_000)
    # Each language's own index (MkDocs and ProperDocs: search/search_index.json; Zensical: search.json).
    indexes = (site / language / "search" / "search_index.json", site / language / "search.json")
    (index_file,) = [path for path in indexes if path.is_file()]
    text = json.dumps(json.loads(index_file.read_text(encoding="utf-8")), ensure_ascii=False)
    assert found in text and other not in text
