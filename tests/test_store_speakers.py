"""Speakers across articles: who is merged, who is not, roles with dates, lookups."""

from __future__ import annotations

import pytest

from saidwhat.store.names import is_alias, name_key, split_title
from test_store_support import Said, make_article, store, store_url  # noqa: F401

QUOTE = "We will respond to any attack on our people and our interests"


@pytest.mark.parametrize(
    "written, key",
    [
        ("Mike Pompeo", "mike pompeo"),
        ("Secretary of State Mike Pompeo", "mike pompeo"),
        ("U.S. Secretary of State Mike R. Pompeo", "mike pompeo"),
        ("MIKE POMPEO", "mike pompeo"),
        ("José Martí Jr.", "jose marti jr"),  # a father and a son are two people
        ("Conan O'Brien", "conan obrien"),
        ("Pompeo", "pompeo"),
        ("John Smith", "john smith"),
        ("Jane Smith", "jane smith"),
    ],
)
def test_name_key(written, key):
    assert name_key(written) == key


def test_titles_split_from_person_names_only():
    assert split_title("Secretary of State Mike Pompeo") == ("Secretary of State", "Mike Pompeo")
    assert split_title("President") == (None, "President")
    assert split_title("White House", "ORG") == (None, "White House")
    assert split_title("General Motors", "UNKNOWN") == (None, "General Motors")
    assert is_alias("Mr. Pompeo", "mike pompeo") == "Pompeo"
    assert is_alias("he", "mike pompeo") is None
    assert is_alias("Smith", "mike pompeo") is None


def test_forms_of_one_name_are_one_speaker(store):
    store.ingest(
        [
            make_article(
                [Said(QUOTE, "Mike Pompeo", source="Pompeo")],
                url="https://a.example/1",
                published="2020-01-03",
            ),
            make_article(
                [Said("that the strike saved lives", "Secretary of State Mike Pompeo", kind="indirect")],
                url="https://b.example/1",
                published="2020-01-05",
            ),
            # the extractor resolved "Pompeo" to the name the article gave earlier
            make_article(
                [
                    Said(
                        "Iran must stop its aggression now",
                        "Mike Pompeo",
                        "Secretary of State",
                        source="Pompeo",
                    )
                ],
                url="https://c.example/1",
                published="2020-01-08",
            ),
        ]
    )
    assert store.stats()["speakers"] == 1
    [top] = store.speakers()
    assert (top.name, top.statements, top.type) == ("Mike Pompeo", 3, "PERSON")
    detail = store.speaker("Pompeo")
    assert detail.id == top.id
    assert set(detail.aliases) == {"Mike Pompeo", "Pompeo"}
    assert (detail.first_date, detail.last_date) == ("2020-01-03", "2020-01-08")
    assert store.speaker("Secretary of State Mike Pompeo").id == top.id
    assert store.speaker(top.id).name == "Mike Pompeo"
    assert store.speaker(str(top.id)).name == "Mike Pompeo"


def test_people_sharing_a_surname_stay_apart(store):
    store.ingest(
        [
            make_article([Said(QUOTE, "John Smith", "senator", source="Smith")], url="https://a.example/1"),
            make_article(
                [Said("The budget is a disgrace to this country", "Jane Smith", "governor", source="Smith")],
                url="https://b.example/1",
            ),
            make_article(
                [Said("that nobody asked the workers", "Smith", kind="indirect")], url="https://c.example/1"
            ),
            make_article(
                [Said("We will win this fight for the workers", "Jane Smith")], url="https://d.example/1"
            ),
        ]
    )
    assert store.stats()["speakers"] == 3
    names = {s.name: s.statements for s in store.speakers()}
    assert names == {"John Smith": 1, "Jane Smith": 2, "Smith": 1}
    assert store.speaker("Jane Smith").statements == 2
    assert store.speaker("John Smith").statements == 1
    # a bare surname that no article resolved is its own speaker; as a filter,
    # "Smith" matches everyone called Smith
    assert store.search("", speaker="Smith").total == 4
    assert store.search("", speaker="Jane Smith").total == 2
    assert store.search("", speaker="John Smith").total == 1


def test_roles_are_recorded_with_dates(store):
    store.ingest(
        [
            make_article(
                [Said(QUOTE, "Mike Pompeo", "CIA Director")],
                url="https://a.example/1",
                published="2017-05-02",
            ),
            make_article(
                [Said(QUOTE + " again", "Mike Pompeo", "CIA director")],
                url="https://a.example/2",
                published="2018-02-01",
            ),
            make_article(
                [Said("that diplomacy comes first", "Mike Pompeo", "Secretary of State", kind="indirect")],
                url="https://a.example/3",
                published="2018-06-01",
            ),
            make_article(
                [Said("that the deal is dead", "U.S. Secretary of State Mike Pompeo", kind="indirect")],
                url="https://a.example/4",
                published="2020-01-09",
            ),
        ]
    )
    detail = store.speaker("Mike Pompeo")
    roles = {r.role: (r.first_seen, r.last_seen, r.count) for r in detail.roles}
    assert roles["CIA Director"] == ("2017-05-02", "2018-02-01", 2)  # case and punctuation folded
    # "U.S. Secretary of State" is the Secretary of State
    assert roles["Secretary of State"] == ("2018-06-01", "2020-01-09", 2)
    assert len(roles) == 2
    assert [r.role for r in detail.roles][0] == "CIA Director"  # earliest first
    assert [r.role for r in detail.role_periods] == ["CIA Director", "Secretary of State"]
    hits = store.speaker_statements(detail.id).results
    assert [h.role for h in hits] == [
        "U.S. Secretary of State",
        "Secretary of State",
        "CIA director",
        "CIA Director",
    ]
    assert store.speakers()[0].roles == ["Secretary of State", "CIA Director"]  # the latest first


def test_group_and_org_speakers_are_stored_with_their_type(store):
    store.ingest(
        [
            make_article(
                [
                    Said("that the talks had failed", "officials", kind="indirect", type="GROUP"),
                    Said("that it would appeal", "General Motors", kind="indirect", type="ORG"),
                    Said("that the strike was legal", "White House", kind="indirect", type="ORG"),
                ]
            )
        ]
    )
    kinds = {s.name: s.type for s in store.speakers()}
    assert kinds == {"officials": "GROUP", "General Motors": "ORG", "White House": "ORG"}
    assert store.speaker("White House").name == "White House"
    assert store.speaker("General Motors").name == "General Motors"


def test_top_speakers_statements_timeline_and_weeks(store):
    articles = []
    for n, day in enumerate(["2020-01-06", "2020-01-08", "2020-01-22", "2020-01-23"]):
        articles.append(
            make_article(
                [
                    Said(f"Statement {n} about the strikes on the embassy and the ships", "Mike Pompeo"),
                    Said(f"that talks {n} would go on", "Mark Esper", kind="indirect"),
                ]
                if n < 2
                else [Said(f"Statement {n} about the strikes on the embassy and the ships", "Mike Pompeo")],
                url=f"https://w.example/{n}",
                published=day,
            )
        )
    store.ingest(articles)
    top = store.speakers(top=1)
    assert [(s.name, s.statements) for s in top] == [("Mike Pompeo", 4)]
    assert [s.name for s in store.speakers(q="esp")] == ["Mark Esper"]
    assert store.speakers(q="zzz") == []
    pompeo = store.speaker("Pompeo")
    page = store.speaker_statements(pompeo.id, limit=2)
    assert page.total == 4 and [h.date for h in page.results] == ["2020-01-23", "2020-01-22"]
    assert store.speaker_statements(pompeo.id, limit=2, offset=2).results[0].date == "2020-01-08"
    assert store.speaker_statements(pompeo.id, q="Statement 2").total >= 1
    assert store.speaker_weekly(pompeo.id) == [("2020-01-06", 2), ("2020-01-13", 0), ("2020-01-20", 2)]
    assert store.speaker_weekly(999) == []
    assert store.speaker("Nobody Atall") is None and store.speaker(999) is None


def test_statement_date_wins_over_publication_date(store):
    store.ingest(
        [
            make_article(
                [Said("that the talks had ended", "Mark Esper", kind="indirect", when="2020-01-05")],
                published="2020-01-07",
            )
        ]
    )
    [hit] = store.search("talks").results
    assert hit.date == "2020-01-05" and hit.published == "2020-01-07" and hit.when == "on Monday"
