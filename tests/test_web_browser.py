"""End to end in a real headless Chromium (Debian's ``chromium``, driven by
Playwright for Python; no browser download): search, open a speaker, open an
article and check its highlights against the attribution offsets, compare quote
versions, paste into "Try it", survive hostile text, work without JavaScript and
at phone width. Screenshots of every page go to test-output/screenshots/.

Under CI (``CI=true``) a missing Chromium or Playwright fails these tests
instead of skipping them.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from saidwhat.ingest.text import from_text
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app
from web_support import FIXTURES, build_database, read_fixture

pytestmark = [pytest.mark.browser, pytest.mark.model]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ROLES = ("content", "source", "cue")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, pipeline):
    """The app over the fixture store, served by uvicorn on a free loopback port."""
    import uvicorn

    db = build_database(tmp_path_factory.mktemp("browser") / "quotes.db", pipeline)
    store = open_store(db, readonly=True)
    app = create_app(store, Settings(), warm=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def playwright():
    if not Path(CHROMIUM).exists():
        _unavailable(
            f"Chromium not found at {CHROMIUM} (Debian package 'chromium'; scripts/install-system-deps)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def open_context(playwright):
    """Start a Chromium with a fresh profile: ``open_context(viewport, javascript)``."""
    opened = []

    def start(viewport=DESKTOP, javascript=True):
        profile = tempfile.mkdtemp(prefix="saidwhat-chromium-")
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=viewport,
            java_script_enabled=javascript,
            reduced_motion="reduce",
        )
        context.set_default_timeout(15_000)
        opened.append((context, profile))
        return context

    yield start
    for context, profile in opened:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def desktop(open_context):
    return open_context(DESKTOP)


@pytest.fixture
def page(desktop):
    page = desktop.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.problems = problems
    yield page
    page.close()
    assert not problems, problems


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# ---------------------------------------------------------------- helpers


def merged(pieces) -> list[tuple[int, int]]:
    """Touching or overlapping [start, end) pieces joined into runs."""
    runs: list[tuple[int, int]] = []
    for s, e in sorted(pieces):
        if runs and s <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(e, runs[-1][1]))
        else:
            runs.append((s, e))
    return runs


def rendered_highlights(page) -> dict:
    return page.evaluate(
        """() => {
          const root = document.getElementById('article-text');
          return {
            text: root.textContent,
            marks: [...root.querySelectorAll('mark.hl')].map(m => ({
              start: +m.dataset.start, end: +m.dataset.end, marks: m.dataset.marks,
              text: m.textContent, classes: m.className})),
            elements: [...root.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
          };
        }"""
    )


def assert_highlights_match(page, text: str, attributions: list[dict]) -> None:
    """Every highlighted element indexes ``text`` and each attribution's source, cue
    and content pieces are exactly the runs of elements marked with them."""
    shown = rendered_highlights(page)
    assert shown["text"] == text, "the article element's text is the article text, unchanged"
    assert set(shown["elements"]) <= {"mark", "span"}, "only highlight markup inside the text"
    for m in shown["marks"]:
        assert m["text"] == text[m["start"] : m["end"]], m
    assert shown["marks"], "something is highlighted"
    for index, attribution in enumerate(attributions):
        for role in ROLES:
            expected = merged(tuple(p) for p in (attribution[role]["spans"] if attribution.get(role) else ()))
            found = merged(
                (m["start"], m["end"]) for m in shown["marks"] if f"{index}:{role}" in m["marks"].split()
            )
            assert found == expected, (index, role, attribution[role])
            for m in shown["marks"]:
                if f"{index}:{role}" in m["marks"].split():
                    assert f"hl-{role}" in m["classes"].split()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


# ---------------------------------------------------------------- journeys


def test_search_then_speaker(page, base_url):
    page.goto(base_url + "/")
    shoot(page, "search-home")
    page.get_by_label("Words in the quote").fill("hospital")
    page.get_by_label("Words in the quote").press("Enter")
    page.wait_for_url("**/?q=hospital*")
    assert "hospital" in page.locator("#results-heading").inner_text() or page.locator(".hit").count() > 0
    assert page.locator(".hit").count() >= 3
    assert page.locator(".hit blockquote", has_text="We will not close").count() >= 1
    shoot(page, "search-results")

    # The URL alone reproduces the search, filters included.
    page.goto(base_url + "/?q=hospital&kind=direct&site=Valley+Daily")
    assert page.locator("#kind").input_value() == "direct"
    kinds = page.locator(".hit .kind").all_inner_texts()
    assert kinds and all(k.lower() == "direct quote" for k in kinds)

    page.goto(base_url + "/?q=hospital")
    page.locator(".hit .who a", has_text="Karen Obi").first.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == "Karen Obi"
    assert "Health Minister" in page.locator("#roles-heading + ul").inner_text()
    assert page.locator(".timeline rect.bar").count() >= 3
    dates = page.locator(".hit time").all_inner_texts()
    assert dates == sorted(dates, reverse=True), "statements newest first"
    shoot(page, "speaker")
    page.get_by_label("Filter statements by words").fill("door")
    page.get_by_label("Filter statements by words").press("Enter")
    page.wait_for_url("**q=door*")
    assert page.locator(".hit").count() == 1
    assert "door to my office" in page.locator(".hit").inner_text()


def test_article_highlights_match_offsets_and_marking(page, base_url):
    page.goto(base_url + "/?q=%22transport+decision%22")
    page.locator(".hit .links a").first.click()
    page.wait_for_url("**/articles/04-tram-herald*")
    data = page.request.get(base_url + "/api/articles/04-tram-herald").json()
    assert_highlights_match(page, data["text"], data["attributions"])
    # the search hit's attribution arrives marked
    hit = next(i for i, a in enumerate(data["attributions"]) if "transport decision" in a["content"]["text"])
    marked = page.locator("mark.hl.marked")
    assert marked.count() >= 1
    assert all(f"{hit}:" in m for m in marked.evaluate_all("els => els.map(e => e.dataset.marks)"))

    # clicking another attribution marks it in the text and scrolls to it
    target = len(data["attributions"]) - 1
    link = page.locator(f'a.jump[data-index="{target}"]')
    link.click()
    marked_now = page.locator("mark.hl.marked").evaluate_all("els => els.map(e => e.dataset.marks)")
    assert marked_now and all(f"{target}:" in m for m in marked_now)
    key = data["attributions"][target]["id"]
    assert page.locator(f"#item-{key}").get_attribute("class").split()[-1] == "marked"
    first = page.locator("mark.hl.marked").first
    assert first.is_visible() and first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    ), "the marked attribution is scrolled into view"
    assert f"mark={key}" in page.url
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "article")

    # keyboard: Tab reaches the attribution links, Enter marks
    page.goto(base_url + "/articles/04-tram-herald")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('jump')"):
            break
    else:
        pytest.fail("no attribution link reachable with Tab")
    index = page.evaluate("document.activeElement.dataset.index")
    page.keyboard.press("Enter")
    assert page.locator("mark.hl.marked").count() >= 1
    assert all(
        f"{index}:" in m
        for m in page.locator("mark.hl.marked").evaluate_all("els => els.map(e => e.dataset.marks)")
    )


def test_every_stored_article_highlights_match(page, base_url):
    for path in sorted(FIXTURES.glob("*.txt")):
        data = page.request.get(f"{base_url}/api/articles/{path.stem}").json()
        page.goto(f"{base_url}/articles/{path.stem}")
        assert_highlights_match(page, data["text"], data["attributions"])


def test_quote_versions(page, base_url):
    page.goto(base_url + "/?q=%22close+any+hospital%22")
    page.locator(".hit .links a", has_text="Versions of this quote").first.click()
    page.wait_for_url("**/quotes/*")
    assert page.locator(".version").count() >= 2
    assert page.locator(".version ins").count() >= 1 and page.locator(".version del").count() >= 1
    dates = page.locator(".carriers time").all_inner_texts()
    assert dates == sorted(dates), "articles earliest first"
    shoot(page, "quote-cluster")


def test_try_it_pasted_text(page, base_url, pipeline):
    text = read_fixture(FIXTURES / "05-nurses-courier.txt")["text"]
    page.goto(base_url + "/try")
    shoot(page, "try-it-form")
    page.get_by_label("Article text").fill(text)
    page.get_by_label("Publication date (optional)").fill("2025-02-18")
    page.get_by_role("button", name="Find who said what").click()
    page.locator("#result-heading").wait_for()
    expected = pipeline.extract(from_text(text, published="2025-02-18")).to_json()
    # the form sends the textarea's line breaks as CRLF; the server restores the text as typed
    assert_highlights_match(page, text, expected["attributions"])
    assert page.locator(".attribution").count() == len(expected["attributions"])
    shoot(page, "try-it-result")


def test_hostile_text_renders_as_text(page, base_url):
    quote = "<script>alert('xss')</script> is not a policy"
    page.goto(base_url + "/articles/07-hostile")
    assert quote in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert page.locator("h1").inner_text().startswith("<b onmouseover=")
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 1, "only our own script"
    data = page.request.get(base_url + "/api/articles/07-hostile").json()
    assert_highlights_match(page, data["text"], data["attributions"])
    shoot(page, "article-hostile")
    page.goto(base_url + "/?q=policy")
    assert quote in page.locator(".hits").inner_text()
    page.goto(base_url + "/try")
    page.get_by_label("Article text").fill(read_fixture(FIXTURES / "07-hostile.txt")["text"])
    page.get_by_role("button", name="Find who said what").click()
    page.locator("#result-heading").wait_for()
    assert "onerror=alert(1)" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text img").count() == 0
    # the page fixture fails the test if any alert() dialog or page error happened


def test_pages_work_without_javascript(open_context, base_url):
    context = open_context(DESKTOP, javascript=False)
    page = context.new_page()
    page.goto(base_url + "/")
    page.get_by_label("Words in the quote").fill("budget")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**q=budget*")
    page.locator(".hit .links a").first.click()
    page.wait_for_url("**/articles/*mark=*")
    assert page.locator("mark.hl.marked").count() >= 1, "marked by the server, no script needed"
    assert page.locator(".attribution.marked").count() == 1
    page.goto(base_url + "/try")
    page.get_by_label("Article text").fill(read_fixture(FIXTURES / "06-budget-daily.txt")["text"])
    page.get_by_role("button", name="Find who said what").click()
    page.locator("#result-heading").wait_for()
    assert page.locator("mark.hl").count() > 0
    page.close()


def test_phone_width_pages(open_context, base_url):
    context = open_context(PHONE)
    page = context.new_page()
    speaker = page.request.get(base_url + "/api/speakers?q=Karen").json()["speakers"][0]["id"]
    cluster = next(
        h["cluster_id"]
        for h in page.request.get(base_url + "/api/search?q=hospital+winter&limit=50").json()["results"]
        if h["cluster_id"]
    )
    pages = {
        "search": "/?q=hospital",
        "speakers": "/speakers",
        "speaker": f"/speakers/{speaker}",
        "article": "/articles/01-hospitals-herald",
        "quote-cluster": f"/quotes/{cluster}",
        "try-it": "/try",
        "not-found": "/speakers/999999",
    }
    for name, path in pages.items():
        page.goto(base_url + path)
        assert no_horizontal_scroll(page), f"{name} scrolls sideways at phone width"
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                     .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)"""
        )
        assert not unlabelled, f"{name}: form fields without a label: {unlabelled}"
        assert page.evaluate("document.documentElement.lang") == "en"
        shoot(page, f"{name}-phone")
    page.close()


def test_api_docs_work_offline_under_their_csp(page, base_url):
    outside: list[str] = []

    def only_this_server(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:  # no CDN, nothing from the network
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    response = page.goto(f"{base_url}/docs")
    assert "unsafe-inline" in response.headers["content-security-policy"]
    assert "script-src 'self';" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "saidwhat" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/api/extract").count() >= 1
    assert outside == []
    shoot(page, "api-docs")


def test_article_paragraphs_are_laid_out_as_paragraphs(page, base_url):
    page.goto(f"{base_url}/articles/04-tram-herald")
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('#article-text .para')].map(p => p.getBoundingClientRect().top)"
    )
    assert len(boxes) >= 3 and boxes == sorted(boxes) and len(set(boxes)) == len(boxes)
