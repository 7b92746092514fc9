"""The store: opening, migrations, ingest, idempotence, round trips, threads, errors."""

from __future__ import annotations

import threading

import pytest

import saidwhat.store
from saidwhat.errors import StoreError
from saidwhat.model import Article, Failure
from saidwhat.store import open_store
from saidwhat.store.migrate import latest, migrations
from test_store_support import Said, assert_offsets, make_article, postgres_url, store, store_url  # noqa: F401

POMPEO = Said(
    "We will not allow Iran to threaten American lives anywhere in the region",
    "Mike Pompeo",
    "Secretary of State",
    source="Pompeo",
)
ESPER = Said("that the strike was a defensive action", "Mark Esper", "Defense Secretary", kind="indirect")


def test_public_api_is_what_all_says():
    assert sorted(saidwhat.store.__all__) == sorted(
        name for name in dir(saidwhat.store) if not name.startswith("_") and name in saidwhat.store.__all__
    )
    for name in ("open_store", "Store", "SearchPage", "Hit", "StoredArticle"):
        assert name in saidwhat.store.__all__


def test_open_memory_and_bad_urls(tmp_path):
    with open_store(":memory:") as s:
        assert s.stats() == {
            "articles": 0,
            "attributions": 0,
            "speakers": 0,
            "clusters": 0,
            "shared_clusters": 0,
        }
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://localhost/x")
    with pytest.raises(StoreError, match="no database"):
        open_store(str(tmp_path / "missing.db"), readonly=True)
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "no-such-dir" / "x.db"))
    with pytest.raises(StoreError, match="no database given"):
        open_store("")
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_not_a_store_file_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database at all, just some text" * 100)
    with pytest.raises(StoreError):
        open_store(str(path))


def test_migrations_are_versioned_and_reopening_is_harmless(store_url):
    with open_store(store_url) as s:
        s.ingest([make_article([POMPEO], url="https://a.example/1")])
    for _ in range(2):
        with open_store(store_url) as s:
            with s._read() as db:
                rows = db.rows("SELECT version, name FROM schema_migrations ORDER BY version")
            # every migration shipped, in order (numbers are reserved per branch, so a
            # branch may lack another's until they merge)
            assert [r["version"] for r in rows] == [v for v, _, _ in migrations(s.engine)]
            assert rows[-1]["version"] == latest(s.engine)
            assert s.stats()["articles"] == 1
    with open_store(store_url, readonly=True) as ro:
        assert ro.stats()["articles"] == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.ingest([make_article([ESPER])])


def test_ingest_and_rebuild_article_exactly(store):
    article = make_article(
        [POMPEO, ESPER, Said("Iran will respond", None, kind="indirect")],
        url="https://a.example/1",
        lead="BAGHDAD (Wire) — ",
    )
    article.attributions[1] = type(article.attributions[1])(
        **{**article.attributions[1].__dict__, "addressee": "reporters", "addressee_span": (0, 7)}
    )
    original = article.to_json()
    stats = store.ingest([article])
    assert (stats.articles_added, stats.attributions_added, stats.articles_skipped) == (1, 3, 0)
    stored = store.article(article.id)
    assert stored.article.to_json() == original
    assert_offsets(stored.article)
    assert len(stored.attribution_ids) == len(stored.cluster_ids) == len(stored.speaker_ids) == 3
    assert stored.speaker_ids[2] is None
    assert stored.cluster_ids[0] is not None and stored.cluster_ids[1] is None  # indirect: no cluster
    assert store.has_article(article.id) and not store.has_article("nope")
    assert store.known_ids() == {article.id}
    assert store.article("nope") is None
    assert store.check() == []


def test_same_url_or_same_text_is_stored_once(store):
    first = make_article([POMPEO], url="https://a.example/1")
    same_url = make_article([ESPER], url="https://a.example/1", title="Updated story")
    same_text = make_article([POMPEO], url="https://mirror.example/copy")
    same_text.id = "another-id"
    stats = store.ingest([first, same_url, same_text, make_article([POMPEO], url="https://a.example/1")])
    assert (stats.articles_added, stats.articles_skipped) == (1, 3)
    again = store.ingest([make_article([POMPEO], url="https://a.example/1")])
    assert (again.articles_added, again.articles_skipped) == (0, 1)
    assert store.stats()["articles"] == 1 and store.stats()["attributions"] == 1
    assert store.check() == []


def test_different_articles_under_one_id_are_both_kept(store):
    a = make_article([POMPEO], id="story")
    b = make_article([ESPER], id="story")
    store.ingest([a])
    store.ingest([b])
    assert store.stats()["articles"] == 2
    assert b.id != "story" and store.article(b.id).article.attributions[0].kind == "indirect"


def test_failures_and_bad_offsets_are_counted_not_stored(store):
    bad = make_article([POMPEO], url="https://bad.example/1")
    bad.attributions[0] = type(bad.attributions[0])(
        **{**bad.attributions[0].__dict__, "content": type(bad.attributions[0].content)("x", ((5, 10_000),))}
    )
    stats = store.ingest([Failure("x", "unreadable"), bad, make_article([ESPER])])
    assert (stats.articles_added, stats.failures) == (1, 2)
    assert not store.has_article(bad.id)


def test_batches_commit_separately(store):
    articles = [
        make_article(
            [Said(f"statement number {n} about the sanctions on Iran", f"Speaker {n} Jones")],
            url=f"https://a.example/{n}",
        )
        for n in range(7)
    ]
    stats = store.ingest(articles, batch_size=3)
    assert stats.articles_added == 7 and store.stats()["attributions"] == 7
    with pytest.raises(StoreError):
        store.ingest(articles, batch_size=0)


def test_empty_and_unicode_articles(store):
    store.ingest([make_article([], url="https://empty.example/1", title=None, published=None, site=None)])
    emoji = make_article(
        [Said("Ça va très bien 😀 — merci, we will négocier in Zürich", "José Martí")],
        url="https://u.example/1",
    )
    store.ingest([emoji])
    back = store.article(emoji.id).article
    assert back.to_json() == emoji.to_json()
    assert_offsets(back)
    assert store.search("Zurich").total == 1  # accents folded
    assert store.search("négocier").total == 1


def test_closed_store_raises_store_error(store_url):
    s = open_store(store_url)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.stats()


def test_threads_share_a_store_while_it_is_written(store):
    """Readers in other threads work during ingest, and never see half an article."""
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                for hit in store.search("sanctions", limit=50).results:
                    stored = store.article(hit.article_id)
                    assert stored is not None and len(stored.article.attributions) == 3
        except (AssertionError, StoreError) as exc:  # reported below, in the test's thread
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    articles = [
        make_article(
            [
                Said(f"the sanctions will hurt ordinary people, number {n}", "Ali Rezaei"),
                Said(f"sanctions work, case {n}", "Anna Berg", kind="indirect"),
                Said("no comment", "Paul Dunn"),
            ],
            url=f"https://t.example/{n}",
        )
        for n in range(60)
    ]
    try:
        store.ingest(articles, batch_size=5)
    finally:
        done.set()
        for t in readers:
            t.join()
    assert not errors, errors[0]
    assert store.stats()["articles"] == 60


def test_memory_store_is_shared_by_threads():
    with open_store(":memory:") as s:
        s.ingest([make_article([POMPEO])])
        results = []
        threads = [threading.Thread(target=lambda: results.append(s.search("Iran").total)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == [1, 1, 1, 1]


def test_ingest_accepts_any_iterable(store):
    def gen():
        yield make_article([POMPEO], url="https://g.example/1")
        yield Failure("y", "bad")

    stats = store.ingest(gen())
    assert stats.articles_added == 1 and stats.failures == 1
    assert isinstance(store.article(next(iter(store.known_ids()))).article, Article)


@pytest.mark.postgres
def test_postgres_store_reconnects_after_losing_its_connection(postgres_url):
    import psycopg

    store_url = postgres_url
    with open_store(store_url) as s:
        s.ingest([make_article([POMPEO])])
        with s._db() as db:
            pid = db.scalar("SELECT pg_backend_pid() AS v")
        with psycopg.connect(store_url.split("?")[0], autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        with pytest.raises(StoreError):
            s.stats()  # the statement in flight fails, clearly
        assert s.stats()["articles"] == 1  # and the next one reconnects


def test_read_only_open_of_an_old_schema_says_how_to_migrate(tmp_path):
    path = str(tmp_path / "old.db")
    with open_store(path) as s:
        with s._db() as db, db.transaction(write=True):
            db.execute(
                "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"
            )
    with pytest.raises(StoreError, match="migrate"):
        open_store(path, readonly=True)
    empty = tmp_path / "empty.db"
    import sqlite3

    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="not a saidwhat database"):
        open_store(str(empty), readonly=True)


def test_optimize_keeps_everything_findable(store_url):
    with open_store(store_url) as s:
        s.ingest(
            [make_article([POMPEO], url=f"https://o.example/{n}", lead=f"Report {n}. ") for n in range(5)],
            batch_size=2,
        )
        s.optimize()
        assert s.search("Iran").total == 5 and s.check() == []
    with open_store(store_url, readonly=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.optimize()


def _old_rows(db, article, speakers):
    """Store ``article`` as a schema-3 store did: a speaker per written name, its title
    or role as the role, no cleaning (rows written by hand, as the old writer wrote them)."""
    from saidwhat.store.writer import spans_json

    db.insert(
        "articles",
        ("id", "url", "content_hash", "title", "dateline", "published", "pub_date", "author", "site",
         "language", "body", "ingested_at", "text"),
        [(article.id, article.url, article.content_hash, article.title, None, article.published,
          article.published, None, article.site, "en", spans_json(article.body), "2020-01-01", article.text)],
    )  # fmt: skip
    for seq, a in enumerate(article.attributions):
        key = a.speaker.name.lower()
        if key not in speakers:
            speakers[key] = len(speakers) + 1
            db.insert(
                "speakers",
                ("id", "key", "name", "type", "surname", "statements", "first_date", "last_date"),
                [(speakers[key], key, a.speaker.name, a.speaker.type, key.split()[-1], 0, None, None)],
            )
        sid = speakers[key]
        db.execute("UPDATE speakers SET statements = statements + 1 WHERE id = ?", (sid,))
        db.execute(
            "INSERT INTO speaker_aliases (speaker_id, alias_key, alias, count) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (speaker_id, alias_key) DO UPDATE SET count = speaker_aliases.count + 1",
            (sid, key, a.speaker.name),
        )
        if a.speaker.role:
            db.execute(
                "INSERT INTO speaker_roles (speaker_id, role_key, role, first_seen, last_seen, count) "
                "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (speaker_id, role_key) DO NOTHING",
                (sid, a.speaker.role.lower(), a.speaker.role, article.published, article.published),
            )
        db.insert(
            "attributions",
            ("id", "article_id", "seq", "kind", "content", "content_spans", "speaker_id", "speaker_name",
             "speaker_role", "speaker_type", "role", "source", "source_spans", "cue", "cue_spans",
             "confidence", "date", "site"),
            [(int(db.scalar("SELECT coalesce(max(id), 0) + 1 AS v FROM attributions")), article.id, seq, a.kind,
              a.content.text, spans_json(a.content.spans), sid, a.speaker.name, a.speaker.role, a.speaker.type,
              a.speaker.role, a.source.text, spans_json(a.source.spans), a.cue.text, spans_json(a.cue.spans),
              a.confidence, article.published, article.site)],
        )  # fmt: skip


def test_a_store_from_before_speaker_identity_is_upgraded_in_place(store_url, monkeypatch):
    from saidwhat.store import migrate

    every = migrate.migrations
    monkeypatch.setattr(migrate, "migrations", lambda engine: [m for m in every(engine) if m[0] <= 3])
    old = [
        make_article(
            [Said("Iran will not talk under pressure", "Rival Hillary Clinton", "Mrs.")],
            url="https://m.example/1",
            published="2020-01-02",
            title="Talks",
        ),
        make_article(
            [
                Said("We are ready for talks", "Hillary Clinton", "Secretary of State"),
                Said("that the talks were a farce", "Hosting Cook", kind="indirect"),
            ],
            url="https://m.example/2",
            published="2020-01-05",
            title="Iran and the talks",
        ),
    ]
    with open_store(store_url) as s, s._db() as db, db.transaction(write=True):
        speakers: dict[str, int] = {}
        for article in old:
            _old_rows(db, article, speakers)
    monkeypatch.setattr(migrate, "migrations", every)
    with open_store(store_url) as s:  # migrations 0004 and 0005, then the speakers resolved again
        assert [(x.name, x.statements) for x in s.speakers()] == [("Hillary Clinton", 2)]
        detail = s.speaker("Hillary Clinton")
        assert [r.role for r in detail.roles] == ["Secretary of State"]  # "Mrs." is no role
        page = s.search("Iran")
        assert [(h.speaker, h.score) for h in page.results] == [
            ("Hillary Clinton", 1.0),  # the quote says it
            ("Hosting Cook", 0.5),  # the title does: the same day, the later statement first
            ("Hillary Clinton", 0.5),
        ]
        [farce] = s.search("farce").results
        assert farce.speaker_id is None and farce.speaker == "Hosting Cook"
        assert s.check() == []
        for article in old:
            assert s.article(article.id).article.to_json() == article.to_json()


def test_an_article_keeps_where_it_was_read(store_url):
    article = make_article([Said("We will build it", "Ana Ribeiro")], url="https://m.example/src")
    article.source = "crawl.warc.gz@1234"
    with open_store(store_url) as s:
        s.ingest([article])
        assert s.article(article.id).article.source == "crawl.warc.gz@1234"


def test_check_on_a_read_only_store_does_not_cry_wolf(tmp_path):
    path = str(tmp_path / "quotes.db")
    with open_store(path) as s:
        s.ingest([make_article([Said("We will build it", "Ana Ribeiro"), Said("Not yet", "Tomás Silva")])])
    with open_store(path, readonly=True) as s:
        assert s.check() == []
    with open_store(path) as s, s._db() as db, db.transaction(write=True):
        db.execute(
            "DELETE FROM attributions_fts_docsize WHERE id = (SELECT max(id) FROM attributions_fts_docsize)"
        )
    with open_store(path, readonly=True) as s:
        assert s.check() == ["full-text index out of step with attributions: 1 indexed, 2 stored"]
