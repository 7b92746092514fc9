"""The reply desk through the web app (FastAPI's test client, over stores of small
articles written for these tests, no language model): leaving replies, the
challenge, the honeypot, CSRF on every form, moderators' login and actions, the
JSON API, escaping, and that no page or answer ever holds an email."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient

from reply_support import (
    EMAIL,
    HOSPITALS,
    PASSWORD,
    TRAMS,
    FakeClock,
    build_store,
    csrf_of,
    form_fields,
    login,
    reply_form,
    solve,
    statement_ids,
)
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app
from test_store_support import store_url  # noqa: F401  (fixture)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(store_url, clock):  # noqa: F811
    store = build_store(store_url)
    yield store
    store.close()


@pytest.fixture
def client(store, clock):
    with TestClient(create_app(store, Settings(), clock=clock)) as client:
        yield client


@pytest.fixture
def sqlite_client(tmp_path, clock):
    store = build_store(str(tmp_path / "quotes.db"))
    with TestClient(create_app(store, Settings(), clock=clock)) as client:
        client.store = store
        yield client
    store.close()


def first(store, article=HOSPITALS.id) -> int:
    return statement_ids(store, article)[0]


def pending(client) -> list[dict]:
    with client.app.state.store._read() as db:
        return [dict(r) for r in db.rows("SELECT id, status, name, body FROM replies ORDER BY id")]


# ---------------------------------------------------------------- readers


def test_every_statement_offers_a_reply(client, store):
    sid = first(store)
    for path in ("/?q=hospital", f"/articles/{HOSPITALS.id}", f"/speakers/{store.speaker('Karen Obi').id}"):
        page = client.get(path).text
        assert f'href="/attributions/{sid}#reply-form"' in page, path
    cluster = store.article(HOSPITALS.id).cluster_ids[0]
    assert f'/attributions/{sid}#reply-form"' in client.get(f"/quotes/{cluster}").text
    assert f"/articles/{HOSPITALS.id}/missing" in client.get(f"/articles/{HOSPITALS.id}").text
    page = client.get(f"/attributions/{sid}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    fields = form_fields(page.text)
    assert set(fields) == {"csrf", "challenge", "question"}
    assert "◻" in fields["question"] and "Your email address will not be published" in page.text
    assert 'name="website"' in page.text and 'class="hp"' in page.text  # the honeypot
    assert "saidwhat_csrf=" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]
    assert client.get("/attributions/99999").status_code == 404


def test_a_reply_waits_for_a_moderator_then_shows(client, store):
    sid = first(store)
    r = reply_form(client, f"/attributions/{sid}", body="The minister said this on radio too.")
    assert r.status_code == 303 and r.headers["location"] == f"/attributions/{sid}?posted=pending#posted"
    page = client.get(r.headers["location"]).text
    assert "waiting for a moderator" in page and "on radio too" not in page
    assert login(client).status_code == 303
    queue = client.get("/moderation").text
    assert "on radio too" in queue and "first reply from this email" in queue
    reply_id = pending(client)[0]["id"]
    r = client.post(
        f"/moderation/replies/{reply_id}/approve",
        data={"csrf": csrf_of(queue), "back": "/moderation"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/moderation#reply-{reply_id}"
    assert "on radio too" in client.get(f"/attributions/{sid}").text
    again = reply_form(client, f"/attributions/{sid}", body="And a second note.")
    assert again.headers["location"].startswith(f"/attributions/{sid}?posted=approved#reply-")


def test_the_challenge_refuses_wrong_reused_and_expired_answers(client, store, clock):
    sid = first(store)
    page = client.get(f"/attributions/{sid}").text
    fields = form_fields(page)
    base = {
        "csrf": fields["csrf"],
        "challenge": fields["challenge"],
        "name": "R",
        "email": EMAIL,
        "body": "Hi.",
    }
    wrong = client.post(
        f"/attributions/{sid}/replies", data={**base, "answer": str(solve(fields["question"]) + 1)}
    )
    assert wrong.status_code == 422 and "wrong" in wrong.text
    assert "Hi." in wrong.text and EMAIL not in wrong.text  # typed text kept, the email not echoed
    assert form_fields(wrong.text)["challenge"] != fields["challenge"]  # a new question
    reused = client.post(
        f"/attributions/{sid}/replies", data={**base, "answer": str(solve(fields["question"]))}
    )
    assert reused.status_code == 422 and "already answered" in reused.text
    fresh = form_fields(client.get(f"/attributions/{sid}").text)
    clock.move(hours=2)  # challenge_seconds is an hour
    late = client.post(
        f"/attributions/{sid}/replies",
        data={**base, "challenge": fresh["challenge"], "answer": str(solve(fresh["question"]))},
    )
    assert late.status_code == 422 and "expired" in late.text
    assert client.post(f"/attributions/{sid}/replies", data=base).status_code == 422  # no answer
    assert pending(client) == []


def test_the_honeypot_answers_like_a_held_reply_and_keeps_nothing(client, store):
    sid = first(store)
    r = reply_form(client, f"/attributions/{sid}", website="http://spam.example", body="Buy now")
    assert r.status_code == 303 and "posted=pending" in r.headers["location"]
    assert pending(client) == []


def test_bad_input_comes_back_with_what_was_typed(client, store):
    sid = first(store)
    r = reply_form(client, f"/attributions/{sid}", email="no-at-sign", body="Keep me")
    assert r.status_code == 422 and "not an email address" in r.text and "Keep me" in r.text
    assert "no-at-sign" not in r.text
    r = reply_form(client, f"/attributions/{sid}", correction="words", words="nowhere in the text")
    assert r.status_code == 422 and "not in the article" in r.text and "nowhere in the text" in r.text
    assert pending(client) == []


def test_hostile_names_and_text_render_as_text(client, store):
    sid = first(store)
    name = '<img src=x onerror="alert(1)">'
    body = "</div><script>alert('reply')</script> & <b>bold</b>"
    reply_form(
        client, f"/attributions/{sid}", name=name, body=body, correction="speaker", speaker="<i>Evil</i>"
    )
    login(client)
    for page in (client.get("/moderation").text, client.get(f"/attributions/{sid}").text):
        assert "<script>alert" not in page and "<img src=x" not in page and "<i>Evil" not in page
    queue = client.get("/moderation").text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in queue
    assert (
        "&lt;/div&gt;&lt;script&gt;alert(&#39;reply&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        in queue
    )
    assert "&lt;i&gt;Evil&lt;/i&gt;" in queue


def test_report_a_published_reply(client, store):
    store_replies = client.app.state.desk.replies
    store_replies.holds.set_mode("none")
    sid = first(store)
    reply_form(client, f"/attributions/{sid}", body="Rude words here")
    reply_id = pending(client)[0]["id"]
    page = client.get(f"/attributions/{sid}").text
    r = client.post(f"/replies/{reply_id}/report", data={"csrf": csrf_of(page)}, follow_redirects=False)
    assert r.status_code == 303 and f"reported={reply_id}" in r.headers["location"]
    assert "a moderator will look" in client.get(r.headers["location"]).text
    assert store_replies.queue_sizes()["reported"] == 1
    login(client)
    assert "reported 1 time" in client.get("/moderation?queue=reported").text


def test_missing_statement_form(client, store):
    r = reply_form(
        client,
        f"/articles/{HOSPITALS.id}/missing",
        body="Ribeiro's remark is a statement.",
        speaker="Dr Ana Ribeiro",
        words="called the plan reckless",
    )
    assert r.status_code == 303 and r.headers["location"].startswith(
        f"/articles/{HOSPITALS.id}/missing?posted="
    )
    correction = client.app.state.desk.replies.queue("pending")[0][0].correction
    assert (correction.kind, correction.speaker, correction.words) == (
        "missing",
        "Dr Ana Ribeiro",
        "called the plan reckless",
    )


# ---------------------------------------------------------------- moderators


def test_moderator_applies_a_correction_that_shows_everywhere_and_undoes_it(client, store):
    sid = first(store)
    reply_form(
        client, f"/attributions/{sid}", body="Wrong person.", correction="speaker", speaker="Ana Ribeiro"
    )
    before_search = client.get("/api/search", params={"q": "hospital winter"}).json()
    login(client)
    queue = client.get("/moderation").text
    cid = re.search(r"/moderation/corrections/(\d+)/apply", queue).group(1)
    r = client.post(
        f"/moderation/corrections/{cid}/apply",
        data={"csrf": csrf_of(queue), "back": "/moderation"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    hit = client.get("/api/search", params={"q": "hospital winter"}).json()["results"][0]
    assert (hit["speaker"], hit["corrected"]) == ("Ana Ribeiro", "speaker")
    assert "speaker corrected" in client.get("/", params={"q": "hospital winter"}).text
    ribeiro = store.speaker("Ana Ribeiro").id
    assert "hospital this winter" in client.get(f"/speakers/{ribeiro}").text
    article = client.get(f"/api/articles/{HOSPITALS.id}").json()
    assert article["attributions"][0]["corrected"] == "speaker"
    assert article["attributions"][0]["speaker"]["name"] == "Ana Ribeiro"
    page = client.get(f"/articles/{HOSPITALS.id}").text
    assert "Corrections to this article" in page and "Karen Obi" in page and "applied by mira" in page
    history = client.get("/moderation/corrections").text
    assert "Undo correction" in history and "applied by mira" in history
    r = client.post(
        f"/moderation/corrections/{cid}/undo",
        data={"csrf": csrf_of(history), "back": "/moderation/corrections"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/moderation/corrections#correction-{cid}"
    assert client.get("/api/search", params={"q": "hospital winter"}).json() == before_search
    again = client.post(f"/moderation/corrections/{cid}/undo", data={"csrf": csrf_of(history)})
    assert again.status_code == 409


def test_moderation_needs_a_login(client):
    r = client.get("/moderation?queue=rejected", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fmoderation%3Fqueue%3Drejected"
    page = client.get("/login").text
    bad = client.post("/login", data={"csrf": csrf_of(page), "name": "mira", "password": "nope nope nope"})
    assert bad.status_code == 401 and "wrong" in bad.text
    good = client.post(
        "/login",
        data={
            "csrf": csrf_of(page),
            "name": "mira",
            "password": PASSWORD,
            "next": "/moderation?queue=rejected",
        },
        follow_redirects=False,
    )
    assert good.headers["location"] == "/moderation?queue=rejected"
    cookie = good.headers["set-cookie"]
    assert "saidwhat_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie  # plain HTTP here; see the HTTPS test
    assert "Log out mira" in client.get("/").text
    out = client.post("/logout", data={"csrf": csrf_of(client.get("/").text)}, follow_redirects=False)
    assert out.status_code == 303 and client.get("/moderation", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(sqlite_client, target):
    page = sqlite_client.get("/login").text
    r = sqlite_client.post(
        "/login",
        data={"csrf": csrf_of(page), "name": "mira", "password": PASSWORD, "next": target},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/moderation"


def test_cookies_are_secure_over_https(tmp_path):
    store = build_store(str(tmp_path / "q.db"))
    with TestClient(create_app(store, Settings()), base_url="https://testserver") as client:
        page = client.get("/login")
        assert "Secure" in page.headers["set-cookie"]
        r = client.post(
            "/login",
            data={"csrf": csrf_of(page.text), "name": "mira", "password": PASSWORD},
            follow_redirects=False,
        )
        assert "Secure" in r.headers["set-cookie"]
    store.close()


def test_logins_are_rate_limited(sqlite_client):
    page = sqlite_client.get("/login").text
    codes = [
        sqlite_client.post(
            "/login", data={"csrf": csrf_of(page), "name": "mira", "password": f"guess number {k}"}
        ).status_code
        for k in range(12)
    ]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]


def test_every_form_needs_its_csrf_token(sqlite_client):
    client, store = sqlite_client, sqlite_client.store
    sid = first(store)
    client.app.state.desk.replies.holds.set_mode("none")
    reply_form(client, f"/attributions/{sid}", body="Something to act on.", correction="not_statement")
    reply_id = pending(client)[0]["id"]
    login(client)
    page = client.get(f"/attributions/{sid}").text
    fields = form_fields(page)
    forms = re.findall(r'<form[^>]*method="post"[^>]*action="([^"]+)"', page)
    forms += re.findall(
        r'<form[^>]*method="post"[^>]*action="([^"]+)"', client.get("/moderation?queue=approved").text
    )
    forms += ["/login", f"/articles/{HOSPITALS.id}/replies"]
    assert {"/logout", f"/attributions/{sid}/replies", f"/replies/{reply_id}/report"} <= set(forms)
    assert any(f.startswith("/moderation/replies/") for f in forms) and any(
        "/corrections/" in f for f in forms
    )
    for action in set(forms):
        if action == "/try":
            continue
        data = {
            "challenge": fields["challenge"],
            "answer": "1",
            "name": "x",
            "email": EMAIL,
            "body": "x",
            "back": "/",
        }
        assert client.post(action, data=data, follow_redirects=False).status_code == 403, action
        forged = client.post(action, data={**data, "csrf": "0" * 64}, follow_redirects=False)
        assert forged.status_code == 403, action
    # another browser's token does not fit this browser's cookie
    with TestClient(client.app) as other:
        assert other.post(f"/replies/{reply_id}/report", data={"csrf": fields["csrf"]}).status_code == 403
    assert client.app.state.desk.replies.get(reply_id).status == "approved"
    assert client.app.state.desk.replies.get(reply_id).correction.status == "proposed"


def test_a_read_only_server_shows_no_reply_desk(tmp_path):
    build_store(str(tmp_path / "q.db")).close()
    with (
        open_store(str(tmp_path / "q.db"), readonly=True) as store,
        TestClient(create_app(store, Settings())) as client,
    ):
        sid = first(store)
        assert "Reply or correct" not in client.get("/?q=hospital").text
        assert "missing" not in client.get(f"/articles/{HOSPITALS.id}").text
        page = client.get(f"/attributions/{sid}")
        assert page.status_code == 200 and 'class="reply-form"' not in page.text
        assert client.get("/login").status_code == 503
        assert client.get("/api/challenge").status_code == 503
        assert client.post("/api/login", json={"name": "mira", "password": PASSWORD}).status_code == 503


# ---------------------------------------------------------------- JSON API


def api_post(client, **body):
    c = client.get("/api/challenge").json()
    payload = {
        "name": "Scripted",
        "email": EMAIL,
        "body": "Via the API.",
        "challenge": {"token": c["token"], "answer": str(solve(c["question"]))},
    }
    payload.update(body)
    return client.post("/api/replies", json=payload)


def test_api_post_and_moderate(client, store):
    sid = first(store)
    r = api_post(
        client, attribution_id=sid, correction={"kind": "words", "words": "close any hospital this winter"}
    )
    assert r.status_code == 201, r.text
    reply = r.json()
    assert reply["status"] == "pending" and reply["correction"]["words"] == "close any hospital this winter"
    assert "held" not in reply and "network" not in reply
    assert client.get(f"/api/attributions/{sid}/replies").json()["replies"] == []
    assert client.get("/api/moderation/replies").status_code == 401
    token = client.post("/api/login", json={"name": "mira", "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    client.cookies.clear()  # the Bearer token alone
    queue = client.get("/api/moderation/replies", headers=auth).json()
    assert queue["total"] == 1 and queue["replies"][0]["held"] == ["first reply from this email"]
    assert queue["replies"][0]["statement"]["speaker"] == "Karen Obi"
    approved = client.post(f"/api/moderation/replies/{reply['id']}/approve", headers=auth).json()
    assert approved["status"] == "approved" and approved["moderated_by"] == "mira"
    answer = client.post(
        f"/api/moderation/replies/{reply['id']}/answer", headers=auth, json={"body": "Checked."}
    )
    assert answer.status_code == 200 and answer.json()["moderator"] is True
    cid = reply["correction"]["id"]
    applied = client.post(f"/api/moderation/corrections/{cid}/apply", headers=auth).json()
    assert applied["status"] == "applied" and applied["before"]["content"].startswith("We will not close")
    assert client.get("/api/search", params={"q": "budget says"}).json()["total"] == 0
    statement = client.get(f"/api/attributions/{sid}/replies").json()
    assert [r["body"] for r in statement["replies"]] == ["Via the API."]
    assert statement["replies"][0]["answers"][0]["body"] == "Checked."
    assert statement["corrections"][0]["status"] == "applied"
    assert client.post(f"/api/moderation/corrections/{cid}/apply", headers=auth).status_code == 409
    assert client.post(f"/api/moderation/corrections/{cid}/undo", headers=auth).json()["status"] == "undone"
    listing = client.get("/api/moderation/corrections", headers=auth, params={"status": "undone"}).json()
    assert listing["total"] == 1
    assert client.post("/api/moderation/replies/9999/approve", headers=auth).status_code == 404
    assert client.post("/api/logout", headers=auth).status_code == 204
    assert client.get("/api/moderation/replies", headers=auth).status_code == 401


def test_api_refusals(client, store):
    sid = first(store)
    assert api_post(client, attribution_id=sid, website="x").status_code == 422
    form = client.post("/api/replies", data={"name": "x"})
    assert form.status_code in (415, 422)
    bad = api_post(client, attribution_id=sid, challenge={"token": "nope", "answer": "3"})
    assert bad.status_code == 422 and "anti-spam" in bad.json()["message"]
    assert api_post(client, attribution_id=99999).status_code == 404
    assert api_post(client).status_code == 422  # neither a statement nor an article
    missing = api_post(
        client,
        article_id=TRAMS.id,
        correction={"kind": "missing", "speaker": "Ana Ribeiro", "words": "Tram line on schedule"},
    )
    assert missing.status_code == 201 and missing.json()["correction"]["kind"] == "missing"
    assert client.post("/api/replies/1/report", data="{}").status_code == 415
    # cookie-authenticated moderation writes need the CSRF header
    login(client)
    assert client.get("/api/moderation/replies").status_code == 200
    assert client.post(f"/api/moderation/replies/{missing.json()['id']}/approve").status_code == 403
    token = csrf_of(client.get("/").text)
    ok = client.post(
        f"/api/moderation/replies/{missing.json()['id']}/approve", headers={"X-CSRF-Token": token}
    )
    assert ok.status_code == 200


def test_openapi_describes_the_reply_desk(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/challenge",
        "/api/replies",
        "/api/attributions/{attribution_id}/replies",
        "/api/replies/{reply_id}/report",
        "/api/login",
        "/api/logout",
        "/api/moderation/replies",
        "/api/moderation/replies/{reply_id}/approve",
        "/api/moderation/replies/{reply_id}/answer",
        "/api/moderation/corrections",
        "/api/moderation/corrections/{correction_id}/apply",
        "/api/moderation/corrections/{correction_id}/undo",
    ):
        assert path in paths, path
    assert "/moderation" not in paths and "/login" not in paths
    body = paths["/api/replies"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("ReplyRequest")
    assert "429" in paths["/api/replies"]["post"]["responses"]


# ---------------------------------------------------------------- no email anywhere


def test_no_page_api_answer_or_log_line_holds_an_email(client, store, caplog):
    caplog.set_level(logging.DEBUG)
    sid = first(store)
    reply_form(
        client, f"/attributions/{sid}", body="With a correction.", correction="speaker", speaker="Ana Ribeiro"
    )
    reply_form(client, f"/attributions/{sid}", email=EMAIL.upper(), body="Second.")
    api_post(client, attribution_id=sid, body="Third, by API.")
    reply_form(client, f"/attributions/{sid}", email="not an email", body="refused")
    token = client.post("/api/login", json={"name": "mira", "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    for r in client.get("/api/moderation/replies", headers=auth).json()["replies"]:
        client.post(f"/api/moderation/replies/{r['id']}/approve", headers=auth)
        if r["correction"]:
            client.post(f"/api/moderation/corrections/{r['correction']['id']}/apply", headers=auth)
    seen = []
    for path in (
        "/",
        "/?q=hospital",
        f"/articles/{HOSPITALS.id}",
        f"/attributions/{sid}",
        f"/articles/{HOSPITALS.id}/missing",
        "/speakers",
        "/moderation",
        "/moderation?queue=approved",
        "/moderation?queue=rejected",
        "/moderation?queue=reported",
        "/moderation/corrections",
        "/api/search?q=hospital",
        f"/api/articles/{HOSPITALS.id}",
        f"/api/attributions/{sid}/replies",
        "/api/moderation/replies?queue=approved",
        "/api/moderation/corrections",
    ):
        r = client.get(path, headers=auth)
        assert r.status_code == 200, path
        seen.append(r.text)
    everything = "\n".join(seen).lower()
    assert "third, by api" in everything and "with a correction" in everything  # the replies are there
    assert EMAIL.lower() not in everything and "not an email" not in everything.replace(
        "not an email address", ""
    )
    assert EMAIL.lower() not in "\n".join(r.getMessage() for r in caplog.records).lower()
