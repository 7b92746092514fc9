"""Speaker corrections on the speaker page (web/speaker_edits.py), through FastAPI's
test client over a store of small articles written for these tests (no model):
nothing without a login, CSRF on every form, confirmation for what one click cannot
undo, the logged-in moderator as the actor, hostile values as text."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from markupsafe import escape

from reply_support import FakeClock
from saidwhat.settings import Settings
from saidwhat.web import create_app, speaker_edits, speaker_edits_api, speaker_log
from speaker_edit_support import client, decisions, editor_store, log_in, speaker_id, store  # noqa: F401
from test_store_support import store_url  # noqa: F401  (fixture)

HOSTILE_NAME = '"><img src=x onerror=alert(1)>'
HOSTILE_ID = '"><svg/onload=alert(2)>'


@pytest.fixture
def both_engines(store_url):  # noqa: F811
    store = editor_store(store_url)
    with TestClient(create_app(store, Settings(), clock=FakeClock())) as client:
        yield client, store
    store.close()


def ids(store) -> dict[str, int]:
    return {n: speaker_id(store, n) for n in ("Bernie Sanders", "Bernard Sanders", "Al Gore")}


def routes(router, prefix: str = ""):
    for route in router.routes:
        if isinstance(route, APIRoute):
            for method in route.methods:
                yield method, prefix + route.path


def filled(path: str, sid: int) -> str:
    return path.replace("{speaker_id}", str(sid))


def no_raw_markup(page: str) -> None:
    assert "<img src=x" not in page and "<svg/onload" not in page and "<script>alert" not in page


# ---------------------------------------------------------------- without a login


def test_nothing_is_visible_or_reachable_without_login(client, store):
    sid = ids(store)["Bernie Sanders"]
    page = client.get(f"/speakers/{sid}").text
    assert 'id="editor"' not in page and "/merge" not in page and "/explain" not in page
    assert "Edit this speaker" not in page
    for method, path in [*routes(speaker_edits.router), *routes(speaker_log.router)]:
        r = client.request(method, filled(path, sid), follow_redirects=False)
        assert r.status_code == 303, (method, path, r.status_code)
        assert r.headers["location"].startswith("/login?next="), (method, path)
    # a page comes back to itself after the login; a form goes to the queues
    r = client.get(f"/speakers/{sid}/explain?with=Gore", follow_redirects=False)
    assert r.headers["location"] == "/login?next=" + quote(f"/speakers/{sid}/explain?with=Gore", safe="")
    for method, path in routes(speaker_edits_api.router):
        r = client.request(method, filled(path, sid), json={})
        assert r.status_code == 401, (method, path, r.text)
        assert (
            r.json()["message"] == "log in as a moderator first" and r.headers["www-authenticate"] == "Bearer"
        )
    assert decisions(store) == []


def test_forms_without_the_csrf_token_are_refused(client, store):
    sid, other = ids(store)["Bernard Sanders"], ids(store)["Bernie Sanders"]
    token = log_in(client)
    forms = {
        f"/speakers/{sid}/rename": {"name": "B. Sanders"},
        f"/speakers/{sid}/external-id": {"external_id": "Q1"},
        f"/speakers/{sid}/merge": {"into": str(other), "confirmed": "yes"},
        f"/speakers/{sid}/split": {"name": "Bernard Sanders", "confirmed": "yes"},
        "/moderation/speakers/aliases": {"aliases": "Bernard Sanders,Bernie Sanders\n", "confirmed": "yes"},
    }
    for path, data in forms.items():
        for bad in ({}, {"csrf": "0" * 64}, {"csrf": token[:-1] + ("0" if token[-1] != "0" else "1")}):
            r = client.post(path, data={**data, **bad}, follow_redirects=False)
            assert r.status_code == 403, (path, bad, r.status_code)
            assert "reload the page" in r.text
    upload = client.post(
        "/moderation/speakers/aliases/preview",
        files={"file": ("aliases.csv", b"Bernard Sanders,Bernie Sanders\n", "text/csv")},
    )
    assert upload.status_code == 403
    assert decisions(store) == [] and store.speaker(sid).name == "Bernard Sanders"


# ---------------------------------------------------------------- the actions


def test_merge_is_found_by_name_reviewed_then_made_in_the_moderators_name(both_engines):
    client, store = both_engines
    bernard, bernie = ids(store)["Bernard Sanders"], ids(store)["Bernie Sanders"]
    token = log_in(client, "noor")
    page = client.get(f"/speakers/{bernard}")
    assert page.headers["cache-control"] == "no-store" and 'id="editor"' in page.text
    found = client.get(f"/speakers/{bernard}/merge", params={"q": "sanders"}).text
    assert f'href="/speakers/{bernard}/merge?into={bernie}"' in found
    assert f"merge?into={bernard}" not in found  # not itself
    review = client.get(f"/speakers/{bernard}/merge", params={"into": bernie})
    assert review.status_code == 200 and review.headers["cache-control"] == "no-store"
    assert "Merge “Bernard Sanders” into “Bernie Sanders”?" in review.text
    assert "not undone in one click" in review.text and 'name="confirmed" value="yes"' in review.text
    # a form without the confirmation only shows the review again
    r = client.post(
        f"/speakers/{bernard}/merge", data={"csrf": token, "into": bernie}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == f"/speakers/{bernard}/merge?into={bernie}"
    assert decisions(store) == [] and store.speaker(bernard).statements == 1
    r = client.post(
        f"/speakers/{bernard}/merge",
        data={"csrf": token, "into": bernie, "confirmed": "yes"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith(f"/speakers/{bernie}?edited=merged&")
    assert decisions(store) == [("merge", "noor")]
    assert store.speaker(bernie).statements == 2 and store.speaker(bernard).statements == 0
    merged = client.get(r.headers["location"]).text
    assert "Merged: “Bernard Sanders”" in merged and "To undo it, split its names off below" in merged
    names = merged[merged.index('<table class="names">') : merged.index("</table>")]
    assert "Bernard Sanders" in names and "merged by a moderator" in names and "noor" in names
    assert f'href="/speakers/{bernie}/split?name=Bernard%20Sanders"' in names
    assert client.get(f"/api/speakers/{bernie}").json()["statements"]["total"] == 2


def test_merge_warns_and_refuses_itself(client, store):
    gore, bernie = ids(store)["Al Gore"], ids(store)["Bernie Sanders"]
    log_in(client)
    store.set_speaker_external_id(gore, "Q19673", actor="test")
    store.set_speaker_external_id(bernie, "Q359442", actor="test")
    review = client.get(f"/speakers/{gore}/merge", params={"into": bernie}).text
    assert "different external ids (Q19673 and Q359442)" in review
    itself = client.get(f"/speakers/{gore}/merge", params={"into": gore})
    assert itself.status_code == 409 and "cannot be merged into itself" in itself.text
    assert f'href="/speakers/{gore}"' in itself.text  # back to the speaker
    missing = client.get(f"/speakers/{gore}/merge", params={"into": 999999})
    assert missing.status_code == 404
    nothing = client.get(f"/speakers/{gore}/merge", params={"q": "nobody at all"}).text
    assert "No other speaker is named “nobody at all”" in nothing


def test_split_is_reviewed_then_takes_the_name_back(both_engines):
    client, store = both_engines
    bernard, bernie = ids(store)["Bernard Sanders"], ids(store)["Bernie Sanders"]
    token = log_in(client)
    store.merge_speakers(bernard, bernie, actor="mira")
    review = client.get(f"/speakers/{bernie}/split", params={"name": "Bernard Sanders"})
    assert review.status_code == 200 and "Split “Bernard Sanders” off “Bernie Sanders”?" in review.text
    assert "merged by a moderator (mira" in review.text
    r = client.post(
        f"/speakers/{bernie}/split", data={"csrf": token, "name": "Bernard Sanders"}, follow_redirects=False
    )
    assert r.headers["location"] == f"/speakers/{bernie}/split?name=Bernard+Sanders"
    assert store.speaker(bernie).statements == 2
    r = client.post(
        f"/speakers/{bernie}/split",
        data={"csrf": token, "name": "Bernard Sanders", "confirmed": "yes"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and decisions(store) == [("merge", "mira"), ("split", "mira")]
    assert store.speaker(bernie).statements == 1 and store.speaker(bernard).statements == 1
    page = client.get(r.headers["location"]).text
    assert "Split: “Bernard Sanders” is no longer a name of this speaker" in page
    assert f'<a href="/speakers/{bernard}">Bernard Sanders</a>' in page
    own = client.get(f"/speakers/{bernie}/split", params={"name": "Bernie Sanders"})
    assert own.status_code == 422 and "own name" in own.text
    unknown = client.get(f"/speakers/{bernie}/split", params={"name": "Al Gore"})
    assert unknown.status_code == 422 and "has no name" in unknown.text
    r = client.post(f"/speakers/{bernie}/split", data={"csrf": token, "name": "Al Gore", "confirmed": "yes"})
    assert r.status_code == 422 and len(decisions(store)) == 2


def test_rename_offers_its_undo_and_survives_a_rebuild(client, store):
    gore = ids(store)["Al Gore"]
    token = log_in(client)
    r = client.post(
        f"/speakers/{gore}/rename",
        data={"csrf": token, "name": "  Albert   Arnold Gore "},
        follow_redirects=False,
    )
    assert r.status_code == 303 and store.speaker(gore).name == "Albert Arnold Gore"
    page = client.get(r.headers["location"]).text
    assert "now shown as “Albert Arnold Gore” (it was “Al Gore”)" in page
    undo = re.search(
        r'<form method="post" action="(/speakers/\d+/rename)".*?name="name" value="([^"]+)"', page, re.S
    )
    assert undo and undo.groups() == (f"/speakers/{gore}/rename", "Al Gore")
    client.post(undo.group(1), data={"csrf": token, "name": undo.group(2)})
    assert store.speaker(gore).name == "Al Gore" and decisions(store) == [("rename", "mira")] * 2
    assert client.post(f"/speakers/{gore}/rename", data={"csrf": token, "name": "   "}).status_code == 422
    assert client.post(f"/speakers/{gore}/rename", data={"csrf": token, "name": "a\x00b"}).status_code == 422
    client.post(f"/speakers/{gore}/rename", data={"csrf": token, "name": "Vice President Gore"})
    store.rebuild_speakers()
    assert store.speaker(gore).name == "Vice President Gore"


def test_external_id_is_set_linked_undone_and_kept_apart(client, store):
    gore, albert = ids(store)["Al Gore"], speaker_id(store, "Albert Gore Jr.")
    token = log_in(client)
    r = client.post(f"/speakers/{gore}/external-id", data={"csrf": token, "external_id": " Q19673 "})
    assert r.status_code == 200 and store.speaker(gore).external_id == "Q19673"
    assert 'href="https://www.wikidata.org/wiki/Q19673"' in r.text  # the tag links to Wikidata
    assert "The external id is now" in r.text and "Undo: remove it again" in r.text
    taken = client.post(f"/speakers/{albert}/external-id", data={"csrf": token, "external_id": "Q19673"})
    assert taken.status_code == 409 and "already the id of 'Al Gore'" in html.unescape(taken.text)
    spaced = client.post(f"/speakers/{albert}/external-id", data={"csrf": token, "external_id": "Q 1"})
    assert spaced.status_code == 422 and store.speaker(albert).external_id is None
    r = client.post(f"/speakers/{gore}/external-id", data={"csrf": token, "external_id": ""})
    assert store.speaker(gore).external_id is None and "The external id was removed (it was Q19673)" in r.text
    store.rebuild_speakers()
    assert store.speaker(gore).external_id is None
    assert [a for a, _ in decisions(store)] == ["external-id", "external-id"]


def test_a_notice_shows_only_when_this_app_signed_it(client, store):
    gore = ids(store)["Al Gore"]
    log_in(client)
    forged = client.get(f"/speakers/{gore}", params={"edited": "renamed", "name": "Al Gore", "was": "Vandal"})
    assert "Vandal" not in forged.text and 'class="notice"' not in forged.text
    signed = client.get(
        f"/speakers/{gore}", params={"edited": "renamed", "name": "Al Gore", "was": "Vandal", "sig": "0" * 32}
    )
    assert "Vandal" not in signed.text


def test_explain_shows_the_rules_evidence_and_decisions(client, store):
    bernard, bernie = ids(store)["Bernard Sanders"], ids(store)["Bernie Sanders"]
    log_in(client)
    apart = client.get(f"/speakers/{bernie}/explain", params={"with": "Bernard Sanders"})
    assert apart.status_code == 200 and apart.headers["cache-control"] == "no-store"
    assert (
        "<strong>not one speaker</strong>" in apart.text
        and "its own name <code>same-name</code>" in apart.text
    )
    assert "the rules alone placed these names" in apart.text
    store.merge_speakers(bernard, bernie, actor="noor")
    joined = client.get(f"/speakers/{bernie}/explain", params={"with": str(bernard)}).text
    assert (
        "<strong>one speaker</strong>"
        in client.get(f"/speakers/{bernie}/explain", params={"with": "Bernard Sanders"}).text
    )
    own = client.get(f"/speakers/{bernie}/explain").text
    assert "merged by a moderator <code>merge</code>" in own and "noor" in own
    assert "merged “bernard sanders” into Bernie Sanders" in own
    assert "Decisions about them" in joined
    missing = client.get(f"/speakers/{bernie}/explain", params={"with": "Nobody Known"})
    assert missing.status_code == 404 and "no speaker called 'Nobody Known'" in html.unescape(missing.text)


def test_hostile_values_render_as_text(client, store):
    gore, albert = ids(store)["Al Gore"], speaker_id(store, "Albert Gore Jr.")
    token = log_in(client)
    client.post(f"/speakers/{gore}/rename", data={"csrf": token, "name": HOSTILE_NAME})
    r = client.post(f"/speakers/{gore}/external-id", data={"csrf": token, "external_id": HOSTILE_ID})
    assert r.status_code == 200 and store.speaker(gore).external_id == HOSTILE_ID
    store.import_aliases([("<script>alert(3)</script>", "Albert Gore Jr.", None)], actor="mira")
    pages = [
        r.text,
        client.get(f"/speakers/{gore}").text,
        client.get(f"/speakers/{gore}/explain", params={"with": "<script>alert(4)</script>"}).text,
        client.get(f"/speakers/{albert}/merge", params={"into": gore}).text,
        client.get(f"/speakers/{albert}/merge", params={"q": "<script>alert(5)</script>"}).text,
        client.get(f"/speakers/{albert}").text,
        client.get("/moderation/speakers").text,
        client.get("/speakers").text,
        client.get("/", params={"q": "ice"}).text,
    ]
    for page in pages:
        no_raw_markup(page)
    assert str(escape(HOSTILE_NAME)) in pages[1] and str(escape(HOSTILE_ID)) in pages[1]
    assert "“script alert 3 script” is Albert Gore Jr." in pages[6]  # the alias's key, in the log
    assert "https://www.wikidata.org" not in pages[1]  # not a QID: no link


def test_the_page_of_a_read_only_server_has_no_editor(tmp_path):
    store = editor_store(str(tmp_path / "ro.db"), readonly=True)
    with TestClient(create_app(store, Settings(), clock=FakeClock())) as client:
        gore = speaker_id(store, "Al Gore")
        assert 'id="editor"' not in client.get(f"/speakers/{gore}").text
        assert client.get(f"/speakers/{gore}/explain").status_code == 503
        assert client.post(f"/api/speakers/{gore}/rename", json={"name": "X"}).status_code == 503
    store.close()


HOSTILE = {"huge": "9" * 30, "negative": "-1", "words": "Zürich ☃ 𝔘 ٣", "nul": "a\x00b", "empty": ""}


def test_every_route_answers_hostile_values_when_logged_in(client, store):
    """The hostile walk (test_hostile.py) runs without a login; here past it."""
    gore = ids(store)["Al Gore"]
    token = log_in(client)
    for method, path in [*routes(speaker_edits.router), *routes(speaker_log.router)]:
        for label, value in HOSTILE.items():
            url = path.replace("{speaker_id}", quote(value, safe=""))
            r = client.request(method, url, data={"csrf": token} if method == "POST" else None)
            assert r.status_code < 500 and "Traceback" not in r.text, (method, path, label, r.status_code)
            for field in ("q", "into", "name", "with", "page"):
                target = filled(path, gore)
                if method == "GET":
                    r = client.get(target, params={field: value})
                else:
                    r = client.post(target, data={"csrf": token, field: value, "confirmed": "yes"})
                assert r.status_code < 500 and "Traceback" not in r.text, (
                    method,
                    path,
                    field,
                    label,
                    r.text[:300],
                )


def test_explain_shows_the_evidence_of_a_one_word_name(tmp_path):
    from reply_support import PASSWORD, login
    from saidwhat.store import open_store
    from saidwhat.store.users import Users
    from test_store_support import Said, make_article

    store = open_store(str(tmp_path / "obama.db"))
    store.ingest(
        [
            make_article(
                [Said("We will pass the bill", "Barack Obama", "President")], url="https://x.example/1"
            ),
            make_article(
                [Said("that the vote was close", "Obama", kind="indirect", gender="m")],
                url="https://x.example/2",
            ),
        ]
    )
    Users(store).add("mira", PASSWORD)
    with TestClient(create_app(store, Settings(), clock=FakeClock())) as client:
        login(client)
        page = client.get(f"/speakers/{speaker_id(store, 'Barack Obama')}/explain").text
    row = page[page.index('class="name">Obama') :].split("</tr>")[0]
    assert "male · 2020" in row and "only-one-in-window" in row
    assert "<dt>candidates</dt>" in row and "<dd>barack obama</dd>" in row
    assert "<dt>excluded</dt>" not in row  # nothing excluded: not shown
    store.close()
