"""Speaker corrections in a real headless Chromium (Debian's, driven by Playwright): a
moderator logs in from a speaker page, finds the other speaker by name, reviews the
merge, confirms it and sees the merged speaker; renames it to markup that stays text;
the editing pages at phone width. Screenshots go to test-output/screenshots/. The
store holds small articles written for these tests, so no language model is needed."""

from __future__ import annotations

import pytest

from reply_support import PASSWORD, FakeClock, served
from saidwhat.settings import Settings
from saidwhat.web import create_app
from speaker_edit_support import decisions, editor_store, speaker_id
from test_web_browser import PHONE, no_horizontal_scroll, open_context, playwright, shoot  # noqa: F401
from test_web_replies_browser import page  # noqa: F401  (a fresh browser profile a test, failing on any alert)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app over a fresh store, served on a free loopback port."""
    store = editor_store(str(tmp_path_factory.mktemp("speaker-edits-browser") / "quotes.db"))
    with served(create_app(store, Settings(), clock=FakeClock())) as base:
        yield base, store
    store.close()


def log_in(page, base: str, path: str) -> None:
    """Open ``path``'s login and come back to it."""
    page.goto(base + "/login?next=" + path)
    page.get_by_label("Name").fill("mira")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + path)


def test_a_moderator_merges_two_speakers_and_sees_the_merged_page(page, site):  # noqa: F811
    base, store = site
    bernard, bernie = speaker_id(store, "Bernard Sanders"), speaker_id(store, "Bernie Sanders")

    # a reader sees no editing at all
    page.goto(base + f"/speakers/{bernard}")
    assert page.locator("#editor").count() == 0

    log_in(page, base, f"/speakers/{bernard}")
    editor = page.locator("#editor")
    assert editor.get_by_role("heading", name="Edit this speaker").is_visible()
    shoot(page, "speaker-editor")
    editor.get_by_label("Merge into another speaker: find it by name").fill("Bernie")
    editor.get_by_role("button", name="Find").click()
    page.wait_for_url(f"**/speakers/{bernard}/merge?q=Bernie")
    page.get_by_role("link", name="Merge into Bernie Sanders…").click()
    page.wait_for_url(f"**/speakers/{bernard}/merge?into={bernie}")
    assert "Merge “Bernard Sanders” into “Bernie Sanders”?" in page.locator("h1").inner_text()
    cards = page.locator(".speaker-card")
    assert cards.count() == 2 and "Bernie Sanders" in cards.nth(1).inner_text()
    shoot(page, "speaker-merge-review")
    assert decisions(store) == []  # reviewing changed nothing
    page.get_by_role("button", name="Merge “Bernard Sanders” into “Bernie Sanders”").click()
    page.wait_for_url(f"**/speakers/{bernie}?edited=merged*")

    # the merged speaker: both statements, the notice, the joined name with its rule
    assert page.locator("h1").inner_text() == "Bernie Sanders"
    assert "2 statements" in page.locator(".lead").first.inner_text()
    assert page.locator(".hit").count() == 2
    assert "Merged: “Bernard Sanders”" in page.locator(".notice").inner_text()
    row = page.locator("table.names tr", has_text="Bernard Sanders")
    assert "merged by a moderator" in row.inner_text() and "mira" in row.inner_text()
    assert "mira" in page.locator(".decisions").inner_text()
    shoot(page, "speaker-merged")
    assert decisions(store) == [("merge", "mira")]

    # the names can be taken back: review, confirm, and the two are apart again
    row.get_by_role("link", name="Split off…").click()
    page.get_by_role("button", name="Split “Bernard Sanders” off").click()
    page.wait_for_url(f"**/speakers/{bernie}?edited=split*")
    assert "1 statement" in page.locator(".lead").first.inner_text()
    page.locator(".notice").get_by_role("link", name="Bernard Sanders").click()
    page.wait_for_url(f"**/speakers/{bernard}")
    assert page.locator(".hit").count() == 1


def test_a_hostile_rename_stays_text_and_is_undone_in_one_click(page, site):  # noqa: F811
    base, store = site
    gore = speaker_id(store, "Al Gore")
    log_in(page, base, f"/speakers/{gore}")
    name = page.locator("#editor").get_by_label("Name shown")
    name.fill("<img src=x onerror=alert(1)>")
    page.get_by_role("button", name="Rename").click()
    page.wait_for_url(f"**/speakers/{gore}?edited=renamed*")
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator("main img").count() == 0
    page.get_by_role("button", name="Undo: rename it back to “Al Gore”").click()
    page.wait_for_url(f"**/speakers/{gore}?edited=renamed*")
    assert page.locator("h1").inner_text() == "Al Gore"
    # the page fixture fails the test on any alert() or page error


def test_the_editing_pages_at_phone_width(open_context, site):  # noqa: F811
    base, store = site
    gore, albert = speaker_id(store, "Al Gore"), speaker_id(store, "Albert Gore Jr.")
    context = open_context(PHONE)
    phone = context.new_page()
    log_in(phone, base, f"/speakers/{gore}")
    for name, path in (
        ("speaker-editor", f"/speakers/{gore}"),
        ("merge-review", f"/speakers/{albert}/merge?into={gore}"),
        ("explain", f"/speakers/{gore}/explain?with=Albert+Gore+Jr."),
        ("speaker-log", "/moderation/speakers"),
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
