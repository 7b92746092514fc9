"""The reply desk in a real headless Chromium (Debian's, driven by Playwright):
a reader leaves a reply with a correction and answers the arithmetic question as
a person reads it; another selects the right words in the article text; a
moderator logs in, approves, applies a correction that then shows in search, and
undoes it; the pages work without JavaScript and at phone width. Screenshots go
to test-output/screenshots/. The store holds small articles written for these
tests, so no language model is needed."""

from __future__ import annotations

import pytest

from reply_support import EMAIL, HOSPITALS, PASSWORD, FakeClock, build_store, served, solve, statement_ids
from saidwhat.settings import Settings
from saidwhat.web import create_app
from test_web_browser import DESKTOP, PHONE, no_horizontal_scroll, open_context, playwright, shoot  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app over a fresh store, served on a free loopback port."""
    store = build_store(str(tmp_path_factory.mktemp("replies-browser") / "quotes.db"))
    with served(create_app(store, Settings(), clock=FakeClock())) as base:
        yield base, store
    store.close()


@pytest.fixture
def page(open_context):  # noqa: F811
    context = open_context(DESKTOP)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield page
    page.close()
    assert not problems, problems


def answer_question(page) -> None:
    """Read the question as a person does and type the number in the box."""
    question = page.locator(".challenge .sum").inner_text()
    page.get_by_label("What number goes in the box?").fill(str(solve(question)))


def select_text(page, start: int, end: int) -> None:
    """Select characters [start, end) of the article text, as a mouse would."""
    page.evaluate(
        """([start, end]) => {
          const root = document.getElementById('article-text');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let seen = 0, node;
          while ((node = walker.nextNode())) {
            const length = Array.from(node.data).length;
            if (seen <= start && start <= seen + length) { range.setStart(node, start - seen); }
            if (seen <= end && end <= seen + length) { range.setEnd(node, end - seen); break; }
            seen += length;
          }
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }""",
        [start, end],
    )


def test_reply_moderate_correct_and_undo(page, site):
    base, store = site
    sid = statement_ids(store, HOSPITALS.id)[0]

    # a reader finds the statement and replies with a correction
    page.goto(base + "/?q=hospital+winter")
    page.locator(".hit .reply-link").first.click()
    page.wait_for_url(f"**/attributions/{sid}#reply-form")
    shoot(page, "reply-form")
    page.get_by_label("Name").fill("Jo <Reader>")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Reply", exact=True).fill("It was the mayor who said this, on the radio.")
    page.get_by_role("radio", name="Wrong speaker").check()
    page.get_by_label("The right speaker").fill("Ana Ribeiro")
    answer_question(page)
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url("**posted=pending*")
    assert "waiting for a moderator" in page.locator(".notice").inner_text()
    shoot(page, "reply-sent")

    # another selects the words the statement should have
    page.goto(base + f"/attributions/{sid}")
    text = store.article(HOSPITALS.id).article.text
    wanted = "We will not close any hospital this winter"
    start = text.index(wanted)
    select_text(page, start, start + len(wanted))
    assert page.locator("#reply-start").input_value() == str(start)
    assert page.locator("#reply-end").input_value() == str(start + len(wanted))
    assert page.locator("#reply-words").input_value() == wanted
    assert page.get_by_role("radio", name="Wrong words").is_checked()
    page.get_by_label("Name").fill("Sam")
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Reply", exact=True).fill("The quote ends before the comma.")
    answer_question(page)
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url("**posted=pending*")

    # a moderator logs in, approves and applies the speaker correction
    page.goto(base + "/moderation")
    page.wait_for_url("**/login?next=*")
    page.get_by_label("Name").fill("mira")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/moderation")
    items = page.locator(".queue-item")
    assert items.count() == 2
    first = items.filter(has_text="on the radio")
    assert "Jo <Reader>" in first.inner_text() and EMAIL not in page.content()
    assert "first reply from this email" in first.inner_text()
    shoot(page, "moderation-queue")
    first.get_by_role("button", name="Approve").click()
    page.wait_for_url("**/moderation#reply-*")
    assert page.locator(".queue-item").count() == 1
    page.goto(base + "/moderation?queue=approved")
    page.get_by_role("button", name="Apply correction").click()
    page.wait_for_url("**/moderation?queue=approved#correction-*")

    # the correction shows in search at once
    page.goto(base + "/?q=hospital+winter")
    hit = page.locator(".hit").first
    assert "Ana Ribeiro" in hit.locator(".who").inner_text()
    assert "speaker corrected" in hit.inner_text()
    shoot(page, "search-corrected")
    page.goto(base + f"/attributions/{sid}")
    assert "It was the mayor" in page.locator(".replies").inner_text()
    assert "Karen Obi → Ana Ribeiro" in " ".join(page.locator(".correction-change").inner_text().split())
    shoot(page, "statement-corrected")

    # and can be undone from the record of corrections
    page.goto(base + "/moderation/corrections")
    page.get_by_role("button", name="Undo correction").click()
    page.wait_for_url("**/moderation/corrections#correction-*")
    page.goto(base + "/?q=hospital+winter")
    assert "Karen Obi" in page.locator(".hit").first.locator(".who").inner_text()
    assert page.locator(".corrected-badge").count() == 0
    page.locator("button", has_text="Log out").click()
    page.wait_for_url(base + "/")
    assert page.locator("text=Moderators: log in").count() == 1


def test_hostile_reply_renders_as_text(page, site):
    base, store = site
    sid = statement_ids(store, HOSPITALS.id)[2]
    page.goto(base + f"/attributions/{sid}")
    page.get_by_label("Name").fill("<img src=x onerror=alert(1)>")
    page.get_by_label("Email").fill("h@example.org")
    page.get_by_label("Reply", exact=True).fill("<script>alert('reply')</script> and <b>bold</b>")
    answer_question(page)
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url("**posted=pending*")
    page.goto(base + "/login")
    page.get_by_label("Name").fill("mira")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    item = page.locator(".queue-item", has_text="and <b>bold</b>")
    assert "<script>alert('reply')</script>" in item.locator(".reply-body").inner_text()
    assert item.locator(".reply-name").inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator(".queue-item img, .queue-item b, .queue-item script").count() == 0
    shoot(page, "moderation-hostile")
    # the page fixture fails the test on any alert() or page error


def test_reply_without_javascript_and_at_phone_width(open_context, site):  # noqa: F811
    base, store = site
    sid = statement_ids(store, HOSPITALS.id)[1]
    page = open_context(DESKTOP, javascript=False).new_page()
    page.goto(base + f"/attributions/{sid}")
    page.get_by_label("Name").fill("No Script")
    page.get_by_label("Email").fill("noscript@example.org")
    page.get_by_label("Reply", exact=True).fill("Typed, not selected.")
    page.get_by_role("radio", name="Wrong words").check()
    page.get_by_label("The right words").fill("the unions would strike")
    answer_question(page)
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url("**posted=pending*")
    page.close()
    phone = open_context(PHONE).new_page()
    for name, path in (
        ("statement", f"/attributions/{sid}"),
        ("missing", f"/articles/{HOSPITALS.id}/missing"),
        ("login", "/login"),
    ):
        phone.goto(base + path)
        assert no_horizontal_scroll(phone), name
        unlabelled = phone.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                     .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)"""
        )
        assert not unlabelled, (name, unlabelled)
        shoot(phone, f"{name}-phone")
    phone.close()
