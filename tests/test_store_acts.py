"""What act each stored statement reports: stored with its channel, rebuilt exactly,
filtered on (one act or several, "unknown" for statements stored before acts were
recorded) and ranked by calibrated confidence, on SQLite and PostgreSQL, with
articles written for these tests."""

from __future__ import annotations

import pytest

from saidwhat.errors import StoreError
from saidwhat.store import open_store
from saidwhat.store.query import ACT_FILTERS, check_acts
from test_store import _old_rows
from test_store_support import Said, assert_offsets, make_article, store, store_url  # noqa: F401

N = iter(range(10_000))


def article(*said: Said, published: str | None = "2022-05-02", title: str = "Harbour row", **kw):
    return make_article(
        list(said), url=f"https://acts.example/{next(N)}", published=published, title=title, **kw
    )


HARBOUR = [
    article(
        Said("We will dredge the harbour this summer", "Ana Lima", "Mayor", act="speech"),
        Said(
            "that the harbour dredging breaks the permit",
            "Green Coast",
            kind="indirect",
            type="ORG",
            act="writing",
            channel="a statement",
        ),
        published="2022-05-02",
    ),
    article(
        Said("that the harbour dredging is a mistake", "Rui Costa", kind="indirect", act="stance"),
        Said("to take the harbour plan to court", "Green Coast", kind="indirect", type="ORG", act="plan"),
        published="2022-05-03",
    ),
    article(
        Said("that the harbour water had turned brown", "Eva Horn", kind="indirect", act="perception"),
        Said("The harbour will be cleaner than ever", "Ana Lima", "Mayor", act="speech", confidence=0.45),
        published="2022-05-04",
    ),
]


@pytest.fixture
def harbour(store):
    store.ingest(HARBOUR)
    return store


def acts(page) -> list[str]:
    return [h.act for h in page.results]


def test_act_and_channel_are_stored_and_rebuilt_exactly(harbour):
    for original in HARBOUR:
        stored = harbour.article(original.id).article
        assert stored.to_json() == original.to_json()
        assert_offsets(stored)
    [hit] = harbour.search("permit").results
    assert (hit.act, hit.channel, hit.speaker) == ("writing", "a statement", "Green Coast")
    assert hit.to_json()["act"] == "writing"
    assert harbour.check() == []


@pytest.mark.parametrize("q", ["harbour", ""])
def test_filter_by_one_act_or_several(harbour, q):
    everything = harbour.search(q)
    assert everything.total == 6
    assert sorted(acts(harbour.search(q, act="stance"))) == ["stance"]
    assert sorted(acts(harbour.search(q, act=["speech", "writing"]))) == ["speech", "speech", "writing"]
    assert harbour.search(q, act="speech").total == 2
    assert sorted(acts(harbour.search(q, act=("plan", "perception")))) == ["perception", "plan"]
    assert harbour.search(q, act="speech,writing").total == 3  # a comma list, as typed
    assert harbour.search(q, act="SPEECH").total == 2  # any case
    assert harbour.search(q, act="unknown").total == 0  # every statement here has its act
    assert harbour.search(q, act="all").total == harbour.search(q, act=list(ACT_FILTERS)).total == 6
    assert harbour.search(q, act=[]).total == 6  # nothing chosen: no filter
    combined = harbour.search(q, act=["speech", "plan"], speaker="Ana Lima")
    assert acts(combined) == ["speech", "speech"]


def test_act_filter_keeps_ranking_and_totals(harbour):
    page = harbour.search("harbour", act=["speech", "writing", "stance"])
    # the quote says it (all tier 1): the confident ones newest first, then the weak one
    assert [(h.act, h.date) for h in page.results] == [
        ("stance", "2022-05-03"),
        ("writing", "2022-05-02"),  # the same day: the later stored first
        ("speech", "2022-05-02"),
        ("speech", "2022-05-04"),  # confidence 0.45: after the confident ones
    ]
    assert page.total == 4 and page.total_exact
    kept = ["speech", "writing", "stance"]
    paged = [
        h.attribution_id
        for o in range(4)
        for h in harbour.search("harbour", limit=1, offset=o, act=kept).results
    ]
    assert paged == [h.attribution_id for h in page.results]


def test_a_speakers_statements_by_act(harbour):
    coast = harbour.speaker("Green Coast")
    assert harbour.speaker_statements(coast.id).total == 2
    assert acts(harbour.speaker_statements(coast.id, act="writing")) == ["writing"]
    assert acts(harbour.speaker_statements(coast.id, q="court", act=["plan"])) == ["plan"]
    assert harbour.speaker_statements(coast.id, q="court", act="writing").total == 0


@pytest.mark.parametrize("bad", ["rumour", ["speech", "gossip"], "speech;DROP TABLE attributions"])
def test_an_unknown_act_is_a_clear_error(harbour, bad):
    with pytest.raises(StoreError, match="unknown act"):
        harbour.search("harbour", act=bad)
    with pytest.raises(StoreError, match="unknown act"):
        harbour.search("", act=bad)


def test_check_acts_normalises():
    assert check_acts(None) is None and check_acts("all") is None and check_acts(["speech", "ALL"]) is None
    assert check_acts(["writing", "speech", "speech"]) == ("speech", "writing")  # ACT_FILTERS order
    assert check_acts(" Unknown , stance ") == ("stance", "unknown")
    assert check_acts(list(ACT_FILTERS)) is None  # every act: no filter
    assert check_acts(["", " "]) is None


def test_a_store_from_before_acts_is_upgraded_and_its_statements_are_unknown(store_url, monkeypatch):
    from saidwhat.store import migrate

    every = migrate.migrations
    monkeypatch.setattr(migrate, "migrations", lambda engine: [m for m in every(engine) if m[0] <= 3])
    old = article(
        Said("We will reopen the harbour in June", "Ana Lima", "Mayor"),
        Said("that the harbour was never closed", "Rui Costa", kind="indirect"),
        published="2021-06-01",
    )
    with open_store(store_url) as s, s._db() as db, db.transaction(write=True):
        _old_rows(db, old, {})
    monkeypatch.setattr(migrate, "migrations", every)
    with open_store(store_url) as s:  # 0004 to 0008: the acts' columns and tags among them
        assert acts(s.search("harbour")) == ["unknown", "unknown"]
        assert s.search("harbour", act="unknown").total == 2
        assert s.search("", act="unknown").total == 2
        assert s.search("harbour", act="speech").total == 0
        assert s.search("harbour", act=["speech", "writing", "unknown"]).total == 2
        assert s.article(old.id).article.to_json() == old.to_json()  # act None, as before
        s.ingest([article(Said("The harbour opens on Monday", "Ana Lima", act="speech"))])
        assert acts(s.search("harbour", act="speech")) == ["speech"]
        assert acts(s.search("harbour", act=["speech", "unknown"])) == ["speech", "unknown", "unknown"]
        assert s.check() == []


# ---------------------------------------------------------------- the CLI


@pytest.fixture
def harbour_db(store_url):
    with open_store(store_url) as s:
        s.ingest(HARBOUR)
    return store_url


def run(*args: str):
    from click.testing import CliRunner

    from saidwhat.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_search_and_speaker_filter_by_act(harbour_db):
    import json

    every = json.loads(run("search", "harbour", "--db", harbour_db, "--format", "json").output)
    assert every["total"] == 6 and {h["act"] for h in every["results"]} == set(ACT_FILTERS) - {"unknown"}
    kept = run(
        "search", "harbour", "--db", harbour_db, "--act", "speech", "--act", "Writing", "--format", "json"
    )
    assert sorted(h["act"] for h in json.loads(kept.output)["results"]) == ["speech", "speech", "writing"]
    table = run("search", "permit", "--db", harbour_db, "--act", "writing")
    assert table.exit_code == 0 and "writing" in table.output and "via a statement" in table.output
    assert "0.80" in table.output  # the calibrated confidence, as stored
    bad = run("search", "harbour", "--db", harbour_db, "--act", "gossip")
    assert bad.exit_code == 2 and "gossip" in bad.output and "Traceback" not in bad.output
    mine = json.loads(
        run("speaker", "Green Coast", "--db", harbour_db, "--act", "plan", "--format", "json").output
    )
    assert [h["act"] for h in mine["statements"]["results"]] == ["plan"]
    assert "--act" in run("search", "--help").output and "--act" in run("speaker", "--help").output
