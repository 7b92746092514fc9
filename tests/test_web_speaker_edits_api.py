"""Speaker corrections in the JSON API (web/speaker_edits_api.py): behind a login
(Bearer token, or the session cookie with the X-CSRF-Token header), in the OpenAPI
document, each action changing the store in the moderator's name. No model."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from reply_support import PASSWORD, FakeClock, csrf_of
from saidwhat.settings import Settings
from saidwhat.web import create_app
from speaker_edit_support import decisions, editor_store, log_in, speaker_id
from test_store_support import store_url  # noqa: F401  (fixture)


@pytest.fixture
def api(store_url):  # noqa: F811
    """A client with a Bearer token of moderator noor (no cookies), and the store."""
    store = editor_store(store_url)
    with TestClient(create_app(store, Settings(), clock=FakeClock())) as client:
        token = client.post("/api/login", json={"name": "noor", "password": PASSWORD}).json()["token"]
        client.cookies.clear()
        client.headers["authorization"] = f"Bearer {token}"
        yield client, store
    store.close()


def test_every_action_changes_the_store_in_the_moderators_name(api):
    client, store = api
    bernard, bernie = speaker_id(store, "Bernard Sanders"), speaker_id(store, "Bernie Sanders")
    r = client.post(f"/api/speakers/{bernard}/merge", json={"into": "Bernie Sanders"})
    assert r.status_code == 200 and r.json()["id"] == bernie and r.json()["statements"] == 2
    assert client.post(f"/api/speakers/{bernard}/merge", json={"into": bernie}).status_code == 409

    why = client.get(f"/api/speakers/{bernie}/explain", params={"with": "Bernard Sanders"})
    assert why.status_code == 200 and why.headers["cache-control"] == "no-store"
    assert why.json()["same"] is True
    assert why.json()["links_b"][0]["rule"] == "merge" and why.json()["links_b"][0]["actor"] == "noor"
    assert [x["own"] for x in client.get(f"/api/speakers/{bernie}/explain").json()["links_a"]] == [
        True,
        False,
    ]

    r = client.post(f"/api/speakers/{bernie}/split", json={"name": "Bernard Sanders"})
    assert (
        r.status_code == 200 and r.json()["speaker"]["statements"] == 1 and r.json()["now"]["id"] == bernard
    )
    own = client.post(f"/api/speakers/{bernie}/split", json={"name": "Bernie Sanders"})
    assert own.status_code == 422 and "own name" in own.json()["message"]

    r = client.post(f"/api/speakers/{bernie}/rename", json={"name": "Sen. Bernie Sanders"})
    assert r.status_code == 200 and r.json()["name"] == "Sen. Bernie Sanders"
    r = client.post(f"/api/speakers/{bernie}/external-id", json={"external_id": "Q359442"})
    assert r.json()["external_id"] == "Q359442"
    taken = client.post(f"/api/speakers/{bernard}/external-id", json={"external_id": "Q359442"})
    assert taken.status_code == 409 and "merge the two speakers" in taken.json()["message"]
    assert (
        client.post(f"/api/speakers/{bernie}/external-id", json={"external_id": None}).json()["external_id"]
        is None
    )

    mine = client.get(f"/api/speakers/{bernie}/decisions").json()["decisions"]
    assert [d["action"] for d in mine] == ["external-id", "external-id", "rename", "split", "merge"]
    assert {d["actor"] for d in mine} == {"noor"} and mine[2]["speaker_id"] == bernie
    log = client.get("/api/moderation/speakers/decisions", params={"limit": 2, "offset": 1}).json()
    assert [d["action"] for d in log["decisions"]] == ["external-id", "rename"] and log["offset"] == 1
    assert decisions(store)[0] == ("merge", "noor") and len(decisions(store)) == 5


def test_alias_rows_or_the_csv_file(api):
    client, store = api
    r = client.post(
        "/api/moderation/speakers/aliases",
        json={
            "aliases": [{"name": "Bernard Sanders", "canonical": "Bernie Sanders", "external_id": "Q359442"}]
        },
    )
    assert r.status_code == 200 and r.json() == {"rows": 1, "joined": 1, "external_ids": 1}
    assert store.speaker("Bernard Sanders").id == speaker_id(store, "Bernie Sanders")
    r = client.post(
        "/api/moderation/speakers/aliases",
        json={"csv": "name,canonical,wikidata\n# Gores\nAlbert Gore Jr.,Al Gore,Q19673\n"},
    )
    assert r.json() == {"rows": 1, "joined": 1, "external_ids": 1}
    assert store.speaker("Al Gore").external_id == "Q19673"
    assert decisions(store)[-1] == ("external-id", "noor")
    for bad, why in (
        ({}, "one of the two"),
        ({"aliases": [], "csv": "a,b"}, "one of the two"),
        ({"aliases": []}, "no rows"),
        ({"csv": "just one column\n"}, "line 1: 1 columns"),
        ({"csv": "Someone,blunt and personal language\n"}, "does not look like a name"),
        ({"aliases": [{"name": "a\x00b", "canonical": "Al Gore"}]}, "no control characters"),
        ({"aliases": [{"name": "X", "canonical": "Al Gore", "surprise": 1}]}, "Extra inputs"),
    ):
        r = client.post("/api/moderation/speakers/aliases", json=bad)
        assert r.status_code == 422 and why in r.json()["message"], (bad, r.text)
    assert len(decisions(store)) == 4


def test_cookie_calls_need_the_csrf_header(tmp_path):
    store = editor_store(str(tmp_path / "q.db"))
    with TestClient(create_app(store, Settings(), clock=FakeClock())) as client:
        gore = speaker_id(store, "Al Gore")
        log_in(client)
        refused = client.post(f"/api/speakers/{gore}/rename", json={"name": "Al Gore Jr."})
        assert refused.status_code == 403 and store.speaker(gore).name == "Al Gore"
        token = csrf_of(client.get(f"/speakers/{gore}").text)
        r = client.post(
            f"/api/speakers/{gore}/rename", json={"name": "Al Gore Jr."}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 200 and store.speaker(gore).name == "Al Gore Jr."
        assert client.get(f"/api/speakers/{gore}/explain").status_code == 200  # reading needs none
        bad = client.post("/api/moderation/speakers/aliases", content=b"a,b", headers={"X-CSRF-Token": token})
        assert bad.status_code == 422  # JSON only
    store.close()


def test_unknown_speakers_and_bad_bodies(api):
    client, store = api
    assert client.post("/api/speakers/999999/rename", json={"name": "X"}).status_code == 404
    assert client.post("/api/speakers/999999/merge", json={"into": 1}).status_code == 404
    gore = speaker_id(store, "Al Gore")
    assert client.post(f"/api/speakers/{gore}/merge", json={"into": 999999}).status_code == 404
    assert client.post(f"/api/speakers/{gore}/merge", json={"into": "Nobody Known"}).status_code == 404
    assert client.get(f"/api/speakers/{gore}/explain", params={"with": "Nobody Known"}).status_code == 404
    for body in ({}, {"name": ""}, {"name": "x" * 201}, {"name": "Al", "extra": 1}, {"name": 5}):
        assert client.post(f"/api/speakers/{gore}/rename", json=body).status_code == 422, body
    assert client.post(f"/api/speakers/{gore}/external-id", json={"external_id": "a b"}).status_code == 422
    assert (
        client.post(f"/api/speakers/{gore}/external-id", json={"external_id": "Q" * 101}).status_code == 422
    )
    assert client.get("/api/moderation/speakers/decisions", params={"limit": 0}).status_code == 422
    assert decisions(store) == []


def test_the_routes_are_in_the_openapi_document(api):
    client, _ = api
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in (
        ("/api/speakers/{speaker_id}/merge", "post"),
        ("/api/speakers/{speaker_id}/split", "post"),
        ("/api/speakers/{speaker_id}/rename", "post"),
        ("/api/speakers/{speaker_id}/external-id", "post"),
        ("/api/speakers/{speaker_id}/explain", "get"),
        ("/api/speakers/{speaker_id}/decisions", "get"),
        ("/api/moderation/speakers/decisions", "get"),
        ("/api/moderation/speakers/aliases", "post"),
    ):
        op = paths[path][method]
        assert op["tags"] == ["speaker corrections"] and {"401", "403", "404", "422"} <= set(
            op["responses"]
        ), path
    assert "requestBody" in paths["/api/speakers/{speaker_id}/merge"]["post"]
    assert not any(p.startswith(("/speakers/", "/moderation/speakers")) for p in paths)  # pages stay out
