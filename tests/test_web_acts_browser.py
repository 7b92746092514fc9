"""Acts in a real headless Chromium (Debian's, driven by Playwright): the search
shows speech and writing, the toggle shows a stance statement in one click and the
URL keeps the choice; the filters' checkboxes choose acts; the article page labels
acts and outlines a weak attribution; phone width without sideways scrolling.
Screenshots go to test-output/screenshots/. The store holds articles written for
these tests, so no language model is needed."""

from __future__ import annotations

import pytest

from reply_support import served
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app
from test_web_acts import ARTICLES, SAID, SEEN, STANCE, WEAK
from test_web_browser import DESKTOP, PHONE, no_horizontal_scroll, open_context, playwright, shoot  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("acts-browser") / "quotes.db")
    with open_store(path) as store:
        store.ingest(ARTICLES)
    with open_store(path, readonly=True) as store, served(create_app(store, Settings())) as url:
        yield url


def open_page(open_context, viewport=DESKTOP):  # noqa: F811
    page = open_context(viewport).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    return page, problems


def quotes(page) -> list[str]:
    return page.locator(".hit blockquote").all_inner_texts()


def test_the_toggle_shows_a_stance_statement(open_context, base):  # noqa: F811
    page, problems = open_page(open_context)
    page.goto(base + "/")
    page.get_by_label("Words in the quote").fill("harbour")
    page.get_by_label("Words in the quote").press("Enter")
    page.wait_for_url("**/?q=harbour*")
    assert SAID in quotes(page) and STANCE not in quotes(page)
    toggle = page.locator("#act-toggle")
    assert toggle.is_visible() and "Showing speech and writing" in toggle.inner_text()
    shoot(page, "acts-default")

    toggle.get_by_role("link", name="Show stances, plans and perceptions too").click()
    page.wait_for_url("**/?q=harbour&act=all")
    assert STANCE in quotes(page) and SEEN in quotes(page) and SAID in quotes(page)
    stance = page.locator(".hit", has_text=STANCE)
    assert stance.locator(".act").inner_text() == "Stance"
    shoot(page, "acts-all")

    page.reload()  # the URL alone is the search: shared, it shows the same
    assert STANCE in quotes(page)
    page.locator("#act-toggle").get_by_role("link", name="Only speech and writing").click()
    page.wait_for_url("**/?q=harbour")
    assert STANCE not in quotes(page)
    assert not problems, problems


def test_the_filters_choose_acts_and_weak_statements_look_weaker(open_context, base):  # noqa: F811
    page, problems = open_page(open_context)
    page.goto(base + "/?q=harbour")
    page.locator("details.filters summary").click()
    for label in ("Speech", "Writing", "Act not recorded"):
        page.get_by_label(label).uncheck()
    page.get_by_label("Stance").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**act=stance*")
    assert quotes(page) == [STANCE]
    assert "Showing stance." in page.locator("#act-toggle").inner_text()

    page.goto(base + "/?q=harbour")
    weak = page.locator(".hit.weak")
    assert weak.count() == 1 and WEAK in weak.inner_text()
    solid = page.locator(".hit:not(.weak) blockquote").first.evaluate(
        "e => getComputedStyle(e).borderLeftStyle"
    )
    dashed = weak.locator("blockquote").evaluate("e => getComputedStyle(e).borderLeftStyle")
    assert (solid, dashed) == ("solid", "dashed")
    assert not problems, problems


def test_article_page_labels_acts_and_outlines_weak_attributions(open_context, base):  # noqa: F811
    page, problems = open_page(open_context)
    page.goto(base + f"/articles/{ARTICLES[1].id}")
    assert page.locator(".attribution .act").all_inner_texts() == ["Plan", "Perception", "Speech"]
    weak = page.locator("mark.hl-content.weak")
    assert weak.count() >= 1 and WEAK in " ".join(weak.all_inner_texts())
    outline = weak.first.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "dashed"
    shoot(page, "acts-article")
    assert not problems, problems


def test_acts_at_phone_width(open_context, base):  # noqa: F811
    page, problems = open_page(open_context, PHONE)
    page.goto(base + "/?q=harbour&act=all")
    page.locator("details.filters summary").click()
    assert page.get_by_label("Perception").is_checked()
    assert no_horizontal_scroll(page)
    shoot(page, "acts-phone")
    assert not problems, problems
