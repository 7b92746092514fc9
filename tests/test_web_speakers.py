"""Speaker identity in the web app: the type filter, one role per period, external ids
(a store of articles written for this test; no model)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app
from test_store_support import Said, make_article, store_url  # noqa: F401


@pytest.fixture
def client(store_url):
    with open_store(store_url) as store:
        store.ingest(
            [
                make_article(
                    [Said("that the bridge would open", "Mike Pompeo", "CIA Director", kind="indirect")],
                    url="https://w.example/1",
                    published="2017-05-02",
                ),
                make_article(
                    [
                        Said("The bridge is a disgrace", "Mike Pompeo", "US Secretary of State"),
                        Said("that the bridge was late", "Democrats", kind="indirect", type="UNKNOWN"),
                    ],
                    url="https://w.example/2",
                    published="2019-05-02",
                ),
                make_article(
                    [Said("The bridge must be fixed", "Mike Pompeo", "Secretary of State")],
                    url="https://w.example/3",
                    published="2019-06-02",
                ),
            ]
        )
        store.import_aliases([("Mike Pompeo", "Mike Pompeo", "Q999001")], actor="test")
    with open_store(store_url, readonly=True) as store, TestClient(create_app(store, Settings())) as client:
        yield client


def test_search_can_keep_people_only(client):
    everyone = client.get("/api/search", params={"q": "bridge"}).json()
    people = client.get("/api/search", params={"q": "bridge", "type": "person"}).json()
    assert everyone["total"] == 4 and people["total"] == 3
    assert {h["speaker"] for h in people["results"]} == {"Mike Pompeo"}
    assert client.get("/api/search", params={"q": "bridge", "type": "robot"}).status_code == 422
    page = client.get("/", params={"q": "bridge", "type": "GROUP"})
    assert page.status_code == 200 and "Democrats" in page.text and 'value="GROUP" selected' in page.text


def test_a_speaker_shows_one_role_per_period_and_its_external_id(client):
    sid = client.get("/api/speakers", params={"q": "pompeo"}).json()["speakers"][0]["id"]
    record = client.get(f"/api/speakers/{sid}").json()["speaker"]
    assert [r["role"] for r in record["role_periods"]] == ["Secretary of State"]  # the CIA Director once
    assert record["external_id"] == "Q999001" and record["gender"] in (None, "m")
    page = client.get(f"/speakers/{sid}").text
    assert "Q999001" in page and "Also described as: CIA Director" in page
