"""Acts in the web app: search and speaker pages keep speech and writing by default
with every act one click away (in the URL), the API returns each statement's act
and calibrated confidence, and the article page shows acts and marks weak
attributions (a store of articles written for this test; no model)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app
from test_store_support import Said, make_article, store_url  # noqa: F401

SAID = "We will dredge the harbour this summer"
WRITTEN = "that the harbour dredging breaks the permit"
STANCE = "that the harbour dredging is a mistake"
PLAN = "to take the harbour plan to court"
SEEN = "that the harbour water had turned brown"
WEAK = "The harbour will be cleaner than ever"
OLD = "that the harbour was never this busy"

ARTICLES = [
    make_article(
        [
            Said(SAID, "Ana Lima", "Mayor", act="speech"),
            Said(WRITTEN, "Green Coast", kind="indirect", type="ORG", act="writing", channel="a statement"),
            Said(STANCE, "Ana Lima", kind="indirect", act="stance", confidence=0.55),
        ],
        url="https://bay.example/1",
        published="2022-05-02",
        title="Harbour row",
    ),
    make_article(
        [
            Said(PLAN, "Green Coast", kind="indirect", type="ORG", act="plan"),
            Said(SEEN, "Eva Horn", kind="indirect", act="perception"),
            Said(WEAK, "Ana Lima", "Mayor", act="speech", confidence=0.3),
            Said(OLD, "Rui Costa", kind="indirect"),  # act not recorded
        ],
        url="https://bay.example/2",
        published="2022-05-03",
        title="Harbour row goes on",
    ),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("acts") / "quotes.db")
    with open_store(path) as store:
        store.ingest(ARTICLES)
    with open_store(path, readonly=True) as store, TestClient(create_app(store, Settings())) as client:
        yield client


@pytest.fixture
def both_engines(store_url):
    """The same app over a fresh store on each engine."""
    with open_store(store_url) as store:
        store.ingest(ARTICLES)
    with open_store(store_url, readonly=True) as store, TestClient(create_app(store, Settings())) as client:
        yield client


def contents(answer) -> set[str]:
    return {h["content"] for h in answer["results"]}


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


# ---------------------------------------------------------------- API


def test_api_keeps_speech_and_writing_by_default_on_both_engines(both_engines):
    default = both_engines.get("/api/search", params={"q": "harbour"}).json()
    assert contents(default) == {SAID, WRITTEN, WEAK, OLD}
    assert default["total"] == 4 and default["acts"] == ["speech", "writing", "unknown"]
    everything = both_engines.get("/api/search", params={"q": "harbour", "act": "all"}).json()
    assert contents(everything) == {SAID, WRITTEN, STANCE, PLAN, SEEN, WEAK, OLD}
    assert everything["acts"] == ["speech", "writing", "stance", "plan", "perception", "unknown"]
    chosen = both_engines.get(
        "/api/search", params=[("q", "harbour"), ("act", "stance"), ("act", "plan")]
    ).json()
    assert contents(chosen) == {STANCE, PLAN} and chosen["acts"] == ["stance", "plan"]
    assert contents(both_engines.get("/api/search", params={"act": "perception"}).json()) == {SEEN}
    listing = both_engines.get("/api/search").json()  # without words, newest first: the same default
    assert contents(listing) == {SAID, WRITTEN, WEAK, OLD}


def test_api_returns_act_and_calibrated_confidence_for_every_statement(client):
    hits = client.get("/api/search", params={"q": "harbour", "act": "all"}).json()["results"]
    by_content = {h["content"]: h for h in hits}
    assert by_content[STANCE]["act"] == "stance" and by_content[STANCE]["confidence"] == 0.55
    assert by_content[OLD]["act"] == "unknown"
    assert by_content[WRITTEN]["channel"] == "a statement"
    assert all(isinstance(h["confidence"], float) and h["act"] for h in hits)
    # ranked by it within a tier: the weak statement after the confident ones
    default = client.get("/api/search", params={"q": "harbour"}).json()["results"]
    assert default[-1]["content"] == WEAK
    article = client.get(f"/api/articles/{ARTICLES[0].id}").json()
    assert [a["act"] for a in article["attributions"]] == ["speech", "writing", "stance"]
    channel = article["attributions"][1]["channel"]
    [(start, end)] = channel["spans"]
    assert channel["text"] == article["text"][start:end] == "a statement"


def test_api_speaker_statements_by_act(client):
    coast = next(s for s in client.get("/api/speakers").json()["speakers"] if s["name"] == "Green Coast")
    default = client.get(f"/api/speakers/{coast['id']}").json()["statements"]
    assert contents(default) == {WRITTEN} and default["acts"] == ["speech", "writing", "unknown"]
    planned = client.get(f"/api/speakers/{coast['id']}", params={"act": "plan"}).json()["statements"]
    assert contents(planned) == {PLAN}


@pytest.mark.parametrize("bad", ["gossip", "speech,rumour", "x" * 300])
def test_api_refuses_an_unknown_act_with_422(client, bad):
    r = client.get("/api/search", params={"q": "harbour", "act": bad})
    assert r.status_code == 422 and "act" in r.json()["message"]
    assert len(r.json()["message"]) < 200  # the value is cut, not echoed whole
    assert client.get("/api/search", params=[("act", "speech")] * 21).status_code == 422


def test_openapi_describes_acts_and_confidence(client):
    spec = client.get("/openapi.json").json()
    hit = spec["components"]["schemas"]["Hit"]["properties"]
    assert "act" in hit and "channel" in hit and "calibrated" in hit["confidence"]["description"]
    attribution = spec["components"]["schemas"]["AttributionJSON"]["properties"]
    assert {"act", "channel"} <= set(attribution)
    results = spec["components"]["schemas"]["SearchResults"]["properties"]
    assert "acts" in results
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert "speech" in params["act"]["description"] and params["act"]["schema"]["type"] == "array"


# ---------------------------------------------------------------- pages


def test_search_page_shows_speech_and_writing_with_every_act_one_click_away(client):
    page = client.get("/", params={"q": "harbour"})
    assert page.status_code == 200
    shown = text_of(page.text)
    assert SAID in shown and WRITTEN in shown and STANCE not in shown and PLAN not in shown
    toggle = re.search(r'<p class="act-toggle".*?</p>', page.text, re.S).group(0)
    assert "Showing speech and writing" in text_of(toggle)
    link = unescape(re.search(r'class="act-switch" href="([^"]+)"', toggle).group(1))
    assert link == "/?q=harbour&act=all"
    everything = client.get(link)
    shown = text_of(everything.text)
    assert all(s in shown for s in (SAID, WRITTEN, STANCE, PLAN, SEEN))
    back = unescape(re.search(r'class="act-switch" href="([^"]+)"', everything.text).group(1))
    assert back == "/?q=harbour"  # the default has one canonical URL
    # the filters' checkboxes say what is kept; a choice of acts is kept in the URL
    assert re.search(r'name="act" value="stance" checked', everything.text)
    assert not re.search(r'name="act" value="stance" checked', page.text)
    assert re.search(r'name="act" value="speech" checked', page.text)
    chosen = client.get("/?q=harbour&act=stance&act=perception")
    assert STANCE in text_of(chosen.text) and SAID not in text_of(chosen.text)
    assert "Showing stance, perception." in re.sub(r"\s+", " ", text_of(chosen.text))


def test_search_page_labels_acts_and_marks_weak_statements(client):
    page = client.get("/", params={"q": "harbour", "act": "all"}).text
    assert '<li class="act act-stance"' in page and ">Stance<" in page
    weak = re.search(r'<li class="hit weak">.*?</li>\s*</ul>', page, re.S).group(0)
    assert WEAK in weak and "(uncertain)" in weak and "confidence 0.30" in weak
    assert "via a statement" in text_of(page)


def test_a_bad_act_is_shown_beside_the_form(client):
    page = client.get("/", params={"q": "harbour", "act": "gossip"})
    assert page.status_code == 422 and "unknown act" in page.text


def test_pager_keeps_the_acts(client, monkeypatch):
    from saidwhat.web import search

    monkeypatch.setattr(search, "PAGE_SIZE", 2)
    page = client.get("/", params={"q": "harbour", "act": "all"}).text
    nxt = unescape(re.search(r'rel="next" href="([^"]+)"', page).group(1))
    assert "act=all" in nxt and "page=2" in nxt


def test_speaker_page_filters_by_act(client):
    lima = next(s for s in client.get("/api/speakers").json()["speakers"] if s["name"] == "Ana Lima")
    page = client.get(f"/speakers/{lima['id']}").text
    assert SAID in text_of(page) and STANCE not in text_of(page)
    link = unescape(re.search(r'class="act-switch" href="([^"]+)"', page).group(1))
    assert link == f"/speakers/{lima['id']}?act=all"
    everything = client.get(link).text
    assert STANCE in text_of(everything)
    # filtering by words keeps the act choice (a hidden field of the form)
    assert '<input type="hidden" name="act" value="all">' in everything
    assert client.get(link + "&q=mistake").text.count('<li class="hit') == 1


def test_article_page_shows_each_act_and_marks_weak_attributions(client):
    page = client.get(f"/articles/{ARTICLES[1].id}").text
    labels = re.findall(r'<span class="act act-(\w+)"', page)
    assert labels == ["plan", "perception", "speech"]  # the statement without an act has no label
    items = re.findall(r'<li class="attribution( weak)?"', page)
    assert items == ["", "", " weak", ""]
    assert 'class="hl hl-content weak"' in page
    first = client.get(f"/articles/{ARTICLES[0].id}").text
    assert "via a statement" in text_of(first)


def test_quote_versions_and_the_statement_page_carry_the_act(client, tmp_path):
    hit = client.get("/api/search", params={"q": "dredge summer"}).json()["results"][0]
    variants = client.get(f"/api/quotes/{hit['cluster_id']}").json()["variants"]
    assert [(v["act"], v["confidence"]) for v in variants] == [("speech", 0.8)]
    path = str(tmp_path / "desk.db")
    with open_store(path) as store:  # writable: the reply desk's statement page is on
        store.ingest(ARTICLES)
        with TestClient(create_app(store, Settings())) as desk:
            stance = desk.get("/api/search", params={"q": "mistake", "act": "stance"}).json()["results"][0]
            page = desk.get(f"/attributions/{stance['attribution_id']}")
            assert page.status_code == 200
            assert '<li class="act act-stance"' in page.text and "confidence 0.55" in page.text
