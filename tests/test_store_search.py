"""Search: matching, ranking, filters, paging, and hostile query strings."""

from __future__ import annotations

import pytest

from saidwhat.errors import StoreError
from saidwhat.store.query import MAX_TERMS, fts5_query, parse
from test_store_support import Said, make_article, store, store_url  # noqa: F401


@pytest.fixture
def news(store):
    """A small corpus: three outlets, January and February 2020, four speakers."""
    store.ingest(
        [
            make_article(
                [
                    Said(
                        "Soleimani was plotting imminent attacks on American diplomats",
                        "Mike Pompeo",
                        "Secretary of State",
                    ),
                    Said(
                        "that the strike on Soleimani was a defensive action", "Mark Esper", kind="indirect"
                    ),
                ],
                url="https://wire.example/1",
                site="Wire.example",
                published="2020-01-03",
                title="US kills Iran general",
            ),
            make_article(
                [
                    Said(
                        "The killing of Soleimani is an act of international terrorism",
                        "Javad Zarif",
                        "Foreign Minister",
                    ),
                    Said("that Iran would respond at a time of its choosing", "Javad Zarif", kind="indirect"),
                ],
                url="https://courier.example/2",
                site="courier.example",
                published="2020-01-05",
                title="Iran vows revenge",
            ),
            make_article(
                [
                    Said(
                        "We are looking at sanctions on Iran, and maximum pressure will continue",
                        "Mike Pompeo",
                    ),
                    Said(
                        "Sanctions and more sanctions; sanctions until Iran changes course", "Steven Mnuchin"
                    ),
                ],
                url="https://wire.example/3",
                site="wire.example",
                published="2020-02-10",
                title="New sanctions on Tehran",
            ),
            make_article(
                [
                    Said("Markets are calm despite the tension in the Gulf", "Steven Mnuchin", kind="mixed"),
                ],
                url="https://herald.example/4",
                site="herald.example",
                published="2020-02-11",
                title="Markets",
            ),
        ]
    )
    return store


def contents(page):
    return [h.content for h in page.results]


def test_words_must_all_match_and_hits_carry_their_article(news):
    page = news.search("Soleimani")
    assert page.total == 3
    hit = page.results[0]
    assert hit.title and hit.url and hit.site and hit.published and hit.speaker and hit.score > 0
    assert news.search("Soleimani terrorism").total == 1
    assert news.search("Soleimani nonexistentword").total == 0
    assert news.search("Zarif").total == 2  # the speaker's name is searched too
    assert news.search("revenge").total == 2  # and the article's title


IRAN_RANKED = [  # the quote says "Iran", newest first; then the title does, newest first
    ("Sanctions and more sanctions; sanctions until Iran changes course", 1.0),
    (
        "We are looking at sanctions on Iran, and maximum pressure will continue",
        1.0,
    ),  # same day, stored first
    ("that Iran would respond at a time of its choosing", 1.0),
    ("The killing of Soleimani is an act of international terrorism", 0.5),  # "Iran vows revenge"
    ("that the strike on Soleimani was a defensive action", 0.5),  # "US kills Iran general"
    ("Soleimani was plotting imminent attacks on American diplomats", 0.5),
]


def test_ranking_is_quote_first_then_speaker_or_title_newest_first(news):
    page = news.search("Iran")
    assert [(h.content, h.score) for h in page.results] == IRAN_RANKED
    assert page.total == 6 and page.total_exact
    # A speaker's name ranks below the quotes that say it.
    assert [h.speaker for h in news.search("Pompeo").results] == ["Mike Pompeo", "Mike Pompeo"]
    assert {h.score for h in news.search("Pompeo").results} == {0.5}


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_pages_straddle_tiers_without_gaps_or_repeats(news, limit):
    seen = []
    for offset in range(0, 8, limit):
        seen += [(h.content, h.score) for h in news.search("Iran", limit=limit, offset=offset).results]
    assert seen == IRAN_RANKED


def test_counting_stops_at_the_engine_limit_without_changing_results(news, monkeypatch):
    from saidwhat.store.postgres import PostgresConnection
    from saidwhat.store.sqlite import SQLiteConnection

    for engine in (SQLiteConnection, PostgresConnection):
        monkeypatch.setattr(engine, "count_limit", 4)
    page = news.search("Iran", limit=10)
    assert (page.total, page.total_exact) == (4, False)  # "more than 4"
    assert [(h.content, h.score) for h in page.results] == IRAN_RANKED
    assert [(h.content, h.score) for h in news.search("Iran", limit=2, offset=4).results] == IRAN_RANKED[4:]
    small = news.search("terrorism")
    assert (small.total, small.total_exact) == (1, True)


def test_empty_query_lists_newest_first(news):
    page = news.search("")
    assert page.total == 7
    dates = [h.date for h in page.results]
    assert dates == sorted(dates, reverse=True)
    assert news.search("   ").total == 7


def test_phrases_match_words_in_order(news):
    assert news.search('"maximum pressure"').total == 1
    assert news.search('"pressure maximum"').total == 0
    assert news.search('"act of international terrorism" Zarif').total == 1


def test_stemming_matches_word_forms(news):
    assert news.search("sanction").total == news.search("sanctions").total == 2
    assert news.search("killings").total >= 1


def test_filters(news):
    assert contents(news.search("Soleimani", speaker="Pompeo")) == [
        "Soleimani was plotting imminent attacks on American diplomats"
    ]
    assert news.search("", speaker="Mike Pompeo").total == 2
    assert news.search("", speaker="Secretary of State Mike Pompeo").total == 2
    assert news.search("", speaker="nobody at all").total == 0
    assert news.search("", since="2020-02-01").total == 3
    assert news.search("", until="2020-01-05").total == 4  # inclusive
    assert news.search("", since="2020-01-04", until="2020-01-05").total == 2
    assert news.search("", since="2020-01-04T10:00:00Z").total == 5  # a datetime is cut to its date
    assert news.search("", kind="indirect").total == 2
    assert news.search("", kind="mixed").results[0].speaker == "Steven Mnuchin"
    assert news.search("", site="wire.example").total == 4  # case-insensitive
    assert news.search("", site="WIRE.EXAMPLE").total == 4
    assert (
        news.search(
            "Iran",
            speaker="Zarif",
            kind="direct",
            site="courier.example",
            since="2020-01-01",
            until="2020-01-31",
        ).total
        == 1
    )


def test_paging(news):
    first = news.search("", limit=3)
    second = news.search("", limit=3, offset=3)
    assert first.total == second.total == 7
    assert len(first.results) == 3 and len(second.results) == 3
    assert not {h.attribution_id for h in first.results} & {h.attribution_id for h in second.results}
    assert news.search("", limit=3, offset=100).results == []


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "rumour"},
        {"since": "last week"},
        {"until": "2020-13-45"},
        {"limit": 0},
        {"limit": 5000},
        {"offset": -1},
    ],
)
def test_bad_filters_are_clear_errors(news, bad):
    with pytest.raises(StoreError):
        news.search("Iran", **bad)


HOSTILE = [
    '"',
    '""',
    '"""',
    "'",
    "''",
    "*",
    "Iran*",
    "^Iran",
    "Iran:",
    "content:Iran",
    "NEAR(Iran Soleimani)",
    "Iran AND",
    "OR",
    "AND OR NOT",
    "NOT Iran",
    "(",
    ")",
    "((Iran",
    "Iran)",
    "{content}: Iran",
    "-Iran",
    "Iran -Soleimani",
    "+Iran",
    "Iran OR 1=1",
    "'; DROP TABLE attributions; --",
    '" OR ""="',
    "Robert'); DROP TABLE articles;--",
    "%",
    "_",
    "%Iran%",
    "\\",
    '\\"',
    "?",
    "$1",
    "%s",
    ":name",
    "Iran\x00Soleimani",
    "\x00",
    "\u202eIran",
    "𝓘𝓻𝓪𝓷",
    "イラン",
    "Iran 🇮🇷",
    "a" * 10_000,
    "Iran " * 2_000,
    "!@#$%^&*()[]{}<>|~`",
    "&& || !",
    "Iran & Soleimani | sanctions",
    "Iran <-> Soleimani",
    "Iran:*",
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_give_results_or_a_clear_error(news, q):
    try:
        page = news.search(q)
    except StoreError as exc:
        assert "too long" in str(exc)  # the only refusal: more than MAX_TERMS words
        return
    assert page.total >= len(page.results) >= 0
    # hostile filters too
    news.search(q[:200] if q.strip() else "Iran", speaker=q[:500], site=q[:500])
    news.speakers(q=q)
    news.speaker(q) if q.strip() else None


def test_syntax_characters_are_plain_text(news):
    assert news.search("Iran*").total == news.search("Iran").total
    assert news.search("NOT Iran").total == news.search("Iran").total  # "not" is a stop word, no operator
    assert news.search("the").total == news.search("The of AND").total == 0  # only stop words: nothing
    assert news.search("Soleimani's").total >= 0
    assert news.search("content:Soleimani").total == 0  # needs the word "content" too


def test_a_query_of_too_many_words_is_refused_clearly(news):
    with pytest.raises(StoreError, match="too long"):
        news.search(" ".join(["Iran"] * (MAX_TERMS + 1)))
    assert news.search(" ".join(["Iran"] * MAX_TERMS)).total >= 0


def test_parse_and_escape():
    assert parse('Iran "maximum pressure" Soleimani\'s') == [
        ("Iran",),
        ("maximum", "pressure"),
        ("Soleimani", "s"),
    ]
    assert parse('NEAR(x y) "unclosed phrase') == [("NEAR", "x"), ("y",), ("unclosed", "phrase")]
    assert parse("*** ::: ---") == []
    assert parse('NOT Iran and "act of war"') == [("Iran",), ("act", "of", "war")]
    assert fts5_query([("Iran",), ("maximum", "pressure")]) == '"Iran" "maximum pressure"'


@pytest.fixture
def year(store):
    """Forty-odd articles over 2021, some undated, several speakers, kinds, sites and
    acts (some not recorded, as in a store from before acts)."""
    people = ["Ana Lima", "Rui Costa", "Eva Horn", "Li Wei"]
    kinds = ["direct", "indirect", "mixed", "headline"]
    acts = ["speech", "writing", "stance", "plan", "perception", None, "speech"]
    articles = []
    for n in range(44):
        published = None if n % 11 == 5 else f"2021-{1 + n % 12:02d}-{1 + (n * 7) % 28:02d}"
        said = [
            Said(
                f"the budget plan number {n} {k} will pass",
                people[(n + i) % 4],
                kind=kinds[(n + i) % 4],
                when=f"2021-{1 + (n + 3) % 12:02d}-15" if (n + i) % 7 == 0 else None,
                act=acts[(n * 2 + i) % len(acts)],
            )
            for i, k in enumerate(("first", "second"))
        ]
        articles.append(
            make_article(
                said,
                url=f"https://y.example/{n}",
                published=published,
                site=["north.example", "south.example", "East.example"][n % 3],
            )
        )
    store.ingest(articles, batch_size=10)
    return store


FILTER_CASES = [
    {},
    {"since": "2021-03-01"},
    {"until": "2021-02-10"},
    {"since": "2021-01-02"},
    {"until": "2021-12-30"},
    {"since": "2021-03-01", "until": "2021-03-31"},
    {"since": "2021-02-14", "until": "2021-09-03"},
    {"since": "2021-06-01", "until": "2021-06-01"},
    {"since": "2020-01-01", "until": "2030-01-01"},
    {"since": "2022-01-01"},
    {"until": "2020-12-31"},
    {"since": "2021-05-01", "until": "2021-04-01"},
    {"kind": "direct"},
    {"kind": "headline", "since": "2021-07-01"},
    {"site": "east.example"},
    {"speaker": "Ana Lima"},
    {"speaker": "Lima", "kind": "mixed"},
    {"speaker": "Costa", "since": "2021-11-20"},
    {"site": "north.example", "until": "2021-01-31", "kind": "indirect"},
    {"speaker": "Eva Horn", "since": "2021-01-01", "until": "2021-12-31", "site": "south.example"},
    {"act": "speech"},
    {"act": ["speech", "writing", "unknown"]},  # the web app's default
    {"act": "unknown"},
    {"act": ["stance", "plan", "perception"], "since": "2021-04-01"},
    {"act": "perception", "kind": "direct"},
    {"act": ["writing", "plan"], "speaker": "Ana Lima", "site": "north.example"},
    {"act": ["speech", "unknown"], "until": "2021-06-30", "kind": "indirect"},
]


def _expected(hits, f):
    speaker = f.get("speaker")
    out = set()
    for h in hits:
        if f.get("since") and (h.date is None or h.date < f["since"]):
            continue
        if f.get("until") and (h.date is None or h.date > f["until"]):
            continue
        if f.get("kind") and h.kind != f["kind"]:
            continue
        if f.get("site") and (h.site or "").lower() != f["site"]:
            continue
        if speaker and speaker not in (h.speaker or ""):
            continue
        wanted = f.get("act")
        if wanted and h.act not in ([wanted] if isinstance(wanted, str) else wanted):
            continue
        out.add(h.attribution_id)
    return out


@pytest.mark.parametrize("f", FILTER_CASES, ids=[str(i) for i in range(len(FILTER_CASES))])
def test_every_filter_plan_matches_brute_force(year, f):
    everything = year.search("budget", limit=1000)
    assert everything.total == 88
    want = _expected(everything.results, f)
    for q in ("budget", ""):
        page = year.search(q, limit=1000, **f)
        assert {h.attribution_id for h in page.results} == want, (q, f)
        assert page.total == len(want)
    if want:  # a ranked page is the head of the full ranking: by tier, then newest first
        ranked = year.search("budget plan", limit=1000, **f).results
        key = [
            (-h.score, h.date is None, tuple(-ord(c) for c in h.date or ""), -h.attribution_id)
            for h in ranked
        ]
        assert key == sorted(key)
        top = year.search("budget plan", limit=5, offset=2, **f).results
        assert [h.attribution_id for h in top] == [h.attribution_id for h in ranked[2:7]]


def test_sqlite_search_keys_agree_with_python(tmp_path):
    """Migration 0007's date-ordered row key with the act in its lowest bits (SQL) and
    sqlite.search_key, ACT_CODES (Python) agree."""
    from saidwhat.store import open_store
    from saidwhat.store.sqlite import ACT_BITS, ACT_CODES, ACT_MASK, ID_MASK, search_key

    days = ("0001-01-01", "1999-12-31", "2024-02-29", "9999-12-31", None)
    acts = ("speech", "writing", "stance", "plan", "perception", None)
    with open_store(str(tmp_path / "k.db")) as s:
        s.ingest(
            [
                make_article(
                    [
                        Said(
                            "a quote about the budget for the next year", "Ana Lima", act=act, confidence=0.25
                        )
                    ],
                    published=day,
                    url=f"https://k.example/{day}/{act}",
                    lead=f"Report {day} {act}. ",  # another text: stored, not skipped
                )
                for day in days
                for act in acts
            ]
        )
        with s._read() as db:
            rows = db.rows(
                "SELECT a.id AS id, a.date AS date, a.act AS act, d.search_key AS k FROM attributions a "
                "JOIN attribution_documents d ON d.id = a.id"
            )
        assert s.search("budget", act="all").total == len(days) * len(acts)
    assert len(rows) == len(days) * len(acts)
    for r in rows:
        code = ACT_CODES[r["act"] or "unknown"]
        assert r["k"] & ACT_MASK == code and (r["k"] >> ACT_BITS) & ID_MASK == r["id"]
        if r["date"] is None:
            assert r["k"] == (250 << (32 + ACT_BITS)) + (r["id"] << ACT_BITS) + code  # undated_rank 250
        else:
            assert search_key(r["date"]) <= r["k"] <= search_key(r["date"], last=True)
            assert r["k"] - search_key(r["date"]) == (r["id"] << ACT_BITS) + code
