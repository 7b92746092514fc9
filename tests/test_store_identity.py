"""One person, one speaker, across articles: the store's rules, corrections and
ranking, on SQLite and PostgreSQL, with articles written for these tests."""

from __future__ import annotations

import pytest

from saidwhat.errors import StoreError
from saidwhat.store import open_store
from test_store_support import Said, make_article, store, store_url  # noqa: F401

N = iter(range(10_000))


def article(*said: Said, published: str | None = "2016-03-01", title: str = "Campaign trail", **kw):
    return make_article(
        list(said), url=f"https://news.example/{next(N)}", published=published, title=title, **kw
    )


def speaker_names(store) -> dict[str, int]:
    return {s.name: s.statements for s in store.speakers(top=100)}


# ---------------------------------------------------------------- the examples


def test_one_person_under_several_names_is_one_speaker(store):
    store.ingest(
        [
            article(Said("We will not stand for this", "Barack Obama", "President", gender="m")),
            article(
                Said("that the bill would be vetoed", "Obama", "President", kind="indirect", source="Obama")
            ),
            article(Said("Nobody should doubt our resolve here", "Obama", source="Mr. Obama")),
            article(Said("We are going to win so much", "Donald Trump", "Republican nominee", gender="m")),
            article(Said("that the polls were rigged", "Trump", kind="indirect")),
            article(Said("We will build on the progress we made", "Hillary Clinton", gender="f")),
            article(Said("that she would release the transcripts", "Rival Hillary Clinton", kind="indirect")),
        ]
    )
    assert speaker_names(store) == {"Barack Obama": 3, "Donald Trump": 2, "Hillary Clinton": 2}
    assert store.speaker("Obama").name == "Barack Obama"
    assert store.search("", speaker="Barack Obama").total == 3
    assert store.check() == []


def test_mrs_is_no_role_and_she_is_never_joined_to_a_man(store):
    store.ingest(
        [
            article(
                Said(
                    "We balanced the budget back then", "Bill Clinton", "Mrs.", source="Clinton", gender="m"
                ),
                Said(
                    "that the economy was stronger",
                    "Bill Clinton",
                    "former president",
                    kind="indirect",
                    source="he",
                ),
                Said("that the plan was sound", "Bill Clinton", kind="indirect", source="he"),
                Said("that voters want a fighter", "Bill Clinton", kind="indirect", source="she"),
            ),
            article(Said("I will fight for you every day", "Mrs. Clinton", source="Mrs. Clinton")),
        ]
    )
    bill = store.speaker("Bill Clinton")
    assert [r.role for r in bill.roles] == ["former president"]
    assert bill.statements == 3 and bill.gender == "m"
    [hit] = store.search("voters fighter").results
    assert hit.speaker_id is None and hit.speaker == "Bill Clinton"  # kept, unresolved
    mrs = store.speaker(store.search("fight every day").results[0].speaker_id)
    assert mrs.id != bill.id and mrs.gender == "f"


@pytest.mark.parametrize(
    "written",
    [
        "Hosting Cook",
        "Russia (Mr. King)",
        "As President Obama appears set to veto legislation",
        "blunt and personal language from Mr. Obama",
    ],
)
def test_a_name_that_is_not_a_name_is_never_a_speaker(store, written):
    stored = article(Said("that the deal was a mistake", written, kind="indirect", source="they"))
    store.ingest([stored])
    assert store.stats()["speakers"] == 0
    [hit] = store.search("deal mistake").results
    assert hit.speaker_id is None and hit.speaker == written
    again = store.article(stored.id).article  # the attribution is kept as written
    assert again.to_json() == stored.to_json()


def test_roles_that_are_not_roles_are_dropped_and_one_role_has_one_name(store):
    store.ingest(
        [
            article(
                Said("We stand with our allies", "Mike Pompeo", "US Secretary of State"),
                published="2019-05-01",
            ),
            article(
                Said("We stand with our friends", "Mike Pompeo", "Secretary of State"), published="2019-06-01"
            ),
            article(Said("We stand with our partners", "Mike Pompeo", "(himself)"), published="2019-07-01"),
            article(Said("We stand with the people", "Mike Pompeo", "41"), published="2019-08-01"),
            article(Said("We stand with the Kurds", "Mike Pompeo", "Mr."), published="2019-09-01"),
        ]
    )
    detail = store.speaker("Mike Pompeo")
    assert [(r.role, r.first_seen, r.last_seen, r.count) for r in detail.roles] == [
        ("Secretary of State", "2019-05-01", "2019-06-01", 2)
    ]
    assert [h.role for h in store.speaker_statements(detail.id).results] == [
        None, None, None, "Secretary of State", "US Secretary of State"
    ]  # fmt: skip


def test_groups_and_organisations_get_one_type_and_search_can_ask_for_people(store):
    store.ingest(
        [
            article(
                Said("that the bill would pass", "Democrats", kind="indirect", type="UNKNOWN"),
                Said("that the bill would fail", "experts", kind="indirect", type="GROUP"),
                Said("that the bill was reviewed", "Justice Department", kind="indirect", type="PERSON"),
                Said("that the bill was good", "Nancy Pelosi", kind="indirect", gender="f"),
            )
        ]
    )
    kinds = {s.name: s.type for s in store.speakers()}
    assert kinds == {
        "Democrats": "GROUP",
        "experts": "GROUP",
        "Justice Department": "ORG",
        "Nancy Pelosi": "PERSON",
    }
    assert [h.speaker for h in store.search("bill", speaker_type="PERSON").results] == ["Nancy Pelosi"]
    assert store.search("", speaker_type="person").total == 1
    assert store.search("bill", speaker_type="GROUP").total == 2
    with pytest.raises(StoreError, match="speaker type"):
        store.search("bill", speaker_type="ROBOT")


# ---------------------------------------------------------------- across articles, over time


def test_new_articles_decide_old_names_again(store):
    store.ingest([article(Said("that the vote was fair", "Obama", kind="indirect"), published="2016-03-01")])
    assert speaker_names(store) == {"Obama": 1}
    store.ingest([article(Said("We did what we promised to do", "Barack Obama"), published="2016-04-01")])
    assert speaker_names(store) == {"Barack Obama": 2}
    why = store.explain_speakers("Obama", "Barack Obama")
    assert why.same and why.links_a[0].rule == "only-one-in-window"
    # a second Obama in the window makes a bare surname without gender ambiguous again
    store.ingest([article(Said("We want healthy schools for all", "Malia Obama"), published="2016-05-01")])
    assert store.speaker("Obama").name == "Obama" and store.speaker("Barack Obama").statements == 1
    assert store.check() == []


def test_gender_keeps_two_people_with_one_surname_apart(store):
    store.ingest(
        [
            article(Said("We built a stronger economy", "Bill Clinton", gender="m")),
            article(Said("We will break every barrier", "Hillary Clinton", gender="f")),
            article(Said("that the race was close", "Clinton", kind="indirect", source="Mrs. Clinton")),
            article(Said("that the race was tight", "Clinton", kind="indirect", source="Mr. Clinton")),
        ]
    )
    assert speaker_names(store) == {"Bill Clinton": 2, "Hillary Clinton": 2}


# ---------------------------------------------------------------- corrections


def test_merge_split_rename_are_logged_and_survive_later_ingests_and_rebuilds(store):
    store.ingest(
        [
            article(Said("We need a political revolution", "Bernie Sanders")),
            article(Said("that the rich must pay their share", "Bernard Sanders", kind="indirect")),
        ]
    )
    assert len(speaker_names(store)) == 2
    merged = store.merge_speakers("Bernie Sanders", "Bernard Sanders", actor="ana")
    assert (merged.name, merged.statements) == ("Bernard Sanders", 2)
    later = article(Said("We are not finished yet", "Bernie Sanders"))
    store.ingest([later])  # a later article
    assert speaker_names(store) == {"Bernard Sanders": 3}
    assert store.ingest([later]).articles_skipped == 1  # ingesting it again changes nothing
    assert speaker_names(store) == {"Bernard Sanders": 3}
    renamed = store.rename_speaker("Bernard Sanders", "Bernie Sanders", actor="bo")
    assert renamed.id == merged.id and renamed.name == "Bernie Sanders"
    store.rebuild_speakers()
    assert speaker_names(store) == {"Bernie Sanders": 3}
    why = store.explain_speakers("Bernie Sanders", "Bernard Sanders")
    assert why.same and {x.rule for x in why.links_a} == {"merge"} and why.links_a[0].actor == "ana"
    log = store.speaker_decisions()
    assert [(d.action, d.actor) for d in log] == [("rename", "bo"), ("merge", "ana")]
    assert all(d.decided_at for d in log)
    # split undoes the merge for good, and is logged too
    back = store.split_speaker("Bernie Sanders", "Bernie Sanders", actor="cy")
    assert back.statements == 2 and store.speaker(merged.id).statements == 1  # both now called Bernie Sanders
    store.rebuild_speakers()
    store.ingest([article(Said("We will keep fighting on", "Bernie Sanders"))])
    assert sorted(s.statements for s in store.speakers()) == [1, 3]
    assert store.speaker_decisions()[0].action == "split"
    assert store.check() == []


def test_split_takes_back_a_join_the_rules_made(store):
    store.ingest(
        [
            article(Said("that the vote was fair", "Obama", kind="indirect")),
            article(Said("We did what we promised to do", "Barack Obama")),
        ]
    )
    assert len(speaker_names(store)) == 1
    left = store.split_speaker("Barack Obama", "Obama", actor="ana")
    assert left.name == "Obama" and speaker_names(store) == {"Barack Obama": 1, "Obama": 1}
    with pytest.raises(StoreError, match="own name"):
        store.split_speaker("Barack Obama", "Barack Obama", actor="ana")
    with pytest.raises(StoreError, match="has no name"):
        store.split_speaker("Barack Obama", "Michelle Obama", actor="ana")


def test_alias_file_rows_join_names_with_an_external_id(store):
    store.ingest(
        [
            article(Said("We must protect the planet", "Al Gore")),
            article(Said("that the science was settled", "Albert Gore Jr.", kind="indirect")),
            article(Said("that the float was a triumph", "Vice President Gore", kind="indirect")),
        ]
    )
    done = store.import_aliases(
        [("Al Gore", "Al Gore", "Q999002"), ("Albert Gore Jr.", "Al Gore", None)], actor="ana"
    )
    assert done == {"rows": 2, "joined": 2, "external_ids": 1}
    gore = store.speaker("Albert Gore Jr.")
    assert (gore.name, gore.external_id, gore.statements) == ("Al Gore", "Q999002", 3)
    store.ingest([article(Said("that the climate bill is overdue", "Albert Gore Jr.", kind="indirect"))])
    assert store.speaker("Al Gore").statements == 4
    with pytest.raises(StoreError, match="row 2"):
        store.import_aliases([("Al Gore", "Al Gore", None), ("", "Al Gore", None)], actor="ana")
    assert len(store.speaker_decisions()) == 3  # the bad file wrote nothing


def test_corrections_need_a_writable_store_an_actor_and_known_speakers(store, store_url):
    store.ingest([article(Said("We will win", "Ana Lima"))])
    with pytest.raises(StoreError, match="no speaker"):
        store.merge_speakers("Ana Lima", "Nobody Here", actor="ana")
    with pytest.raises(StoreError, match="already one speaker"):
        store.merge_speakers("Ana Lima", "Lima", actor="ana")
    with pytest.raises(StoreError, match="actor"):
        store.rename_speaker("Ana Lima", "Ana M. Lima", actor=" ")
    with open_store(store_url, readonly=True) as reading, pytest.raises(StoreError, match="read-only"):
        reading.rename_speaker("Ana Lima", "Ana M. Lima", actor="ana")


# ---------------------------------------------------------------- ranking


def test_confident_statements_first_and_undated_by_confidence(store):
    said = [
        ("a", "2020-01-05", 0.9),
        ("b", "2020-01-07", 0.41),  # the newest, but weak
        ("c", None, 0.95),
        ("d", None, 0.6),
        ("e", None, 0.3),
    ]
    store.ingest(
        [
            article(Said(f"The bridge will open soon ({n})", "Ana Lima", confidence=c), published=day)
            for n, day, c in said
        ]
        + [article(Said("We will open it soon", "Ana Lima"), title="The bridge", published="2020-02-01")]
    )
    page = store.search("bridge")
    assert [h.content[-2] for h in page.results[:5]] == ["a", "c", "d", "b", "e"]
    assert page.results[5].content == "We will open it soon" and page.results[5].score == 0.5
    paged = [h.attribution_id for o in range(6) for h in store.search("bridge", limit=1, offset=o).results]
    assert paged == [h.attribution_id for h in page.results]
    browse = [h.content[-2] for h in store.search("", speaker="Ana Lima").results if h.date is None]
    assert browse == ["c", "d", "e"]  # undated: the most confident first, not storage order


def test_confident_statements_older_than_many_weak_ones_still_come_first(store):
    days = [f"2021-03-{d:02d}" for d in range(1, 29)]
    weak = [
        article(Said(f"The harbour plan is weak number {n}", "Rui Costa", confidence=0.3), published=day)
        for n, day in enumerate(days[3:])  # the 25 newest
    ]
    strong = [
        article(Said(f"The harbour plan is sound number {n}", "Rui Costa", confidence=0.9), published=day)
        for n, day in enumerate(days[:3])  # the 3 oldest
    ]
    store.ingest(strong + weak)
    page = store.search("harbour", limit=4)
    assert [h.date for h in page.results] == ["2021-03-03", "2021-03-02", "2021-03-01", "2021-03-28"]
    assert [h.confidence for h in page.results] == [0.9, 0.9, 0.9, 0.3]
    assert page.total == 28
