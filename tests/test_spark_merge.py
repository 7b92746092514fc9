"""The cross-article steps on Spark give the store's own result, and loading a Spark
output directory gives the same database as ingesting its articles (no model: the
articles are built by hand)."""

from __future__ import annotations

import copy

import pytest

from saidwhat.batch.spark import write_articles
from saidwhat.batch.spark_merge import merge
from saidwhat.store import open_store
from saidwhat.store.bulk import is_spark_output
from spark_support import assert_same_store, in_ingest_order, spark, two_stores
from test_store_support import BACKENDS, Said, make_article

QUOTE = "We are not going to stand by while our people are threatened and we will respond"


def pompeo(url):
    """The same article (the same text) under ``url``."""
    return make_article(
        [
            Said(QUOTE, "Mike Pompeo", "Secretary of State", source="Pompeo"),
            Said("the embassy would stay open", "Mike Pompeo", kind="indirect", when="2020-01-03"),
        ],
        url=url,
        published="2020-01-03",
        site="One.example",
    )


def corpus():
    """Two inputs' worth of articles that exercise every cross-article rule."""
    first = [
        pompeo("https://one.example/a"),
        make_article(
            [
                # the same quote reworded: joins the cluster
                Said(QUOTE.replace("We are", "We're"), "Secretary of State Mike Pompeo"),
                Said("Nobody here wants a war with anyone in the region at all", "John Smith", "analyst"),
            ],
            url="https://two.example/b",
            published="2020-01-04",
        ),
        make_article(  # earlier than the first: becomes the cluster's first version
            [Said(QUOTE + " quickly", "M. Pompeo", source="he")],
            url="https://three.example/c",
            published="2020-01-02",
        ),
        make_article(  # undated: last in order
            [Said("Nobody here wants a war with anyone in the region", "Jane Smith", type="UNKNOWN")],
            url="https://four.example/d",
            published=None,
        ),
        make_article(  # a text file's id, which another input's file has too
            [Said("The harbour will reopen to ferries in the spring", "Ann Lee")],
            id="2020-01/brief",
            published="2020-01-05",
        ),
    ]
    second = [
        # the same URL as an article of the first input: not stored twice
        make_article([Said("a different text under a known address", "Smith")], url="https://one.example/a"),
        # the same text as an article of the first input under another URL (syndication)
        pompeo("https://syndicated.example/a"),
        make_article(  # another article under that id: stored under another, as the store does
            [Said("Ferries will not run again before the summer", "Bo Chan")],
            id="2020-01/brief",
            published="2020-01-06",
        ),
        make_article(
            [
                Said(
                    "Officials are reviewing every option that remains on the table",
                    "State Department",
                    type="ORG",
                )
            ],
            url="https://five.example/e",
            published="2020-02-10",
        ),
    ]
    return first, second


@pytest.fixture(scope="module")
def output(spark, tmp_path_factory):
    first, second = corpus()
    directory = str(tmp_path_factory.mktemp("spark-out"))
    write_articles(first, directory, "first")
    write_articles(second, directory, "second")
    summary = merge(spark, directory)
    return directory, summary, first + second


def test_duplicates_by_url_and_text_are_left_out(output):
    directory, summary, articles = output
    assert is_spark_output(directory)
    assert summary.articles == len(articles) - 2 and summary.duplicates == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_loading_the_output_equals_ingesting_its_articles(output, backend, tmp_path):
    directory, _, articles = output
    with two_stores(backend, tmp_path) as (loaded, reference):
        stats = loaded.ingest_directory(directory)
        ingested = in_ingest_order(copy.deepcopy(articles))  # the store writes new ids back
        reference.ingest(ingested, batch_size=2)
        assert stats.articles_added == 7 and stats.articles_skipped == 2
        (moved,) = [a for a in ingested if "Ferries will not run" in a.text]
        assert moved.id != "2020-01/brief" and "Ferries" in loaded.article(moved.id).article.text
        assert_same_store(loaded, reference)
        assert loaded.check() == []
        pompeo = loaded.speaker("Pompeo")
        assert pompeo is not None and pompeo.name == "Mike Pompeo"
        cluster = loaded.quote_cluster(loaded.search("stand by", kind="direct").results[0].cluster_id)
        assert len(cluster.variants) == 3 and cluster.variants[0].published == "2020-01-02"
        # into a store that holds articles: through the ordinary ingest, nothing twice
        again = loaded.ingest_directory(directory)
        assert again.articles_added == 0
        assert_same_store(loaded, reference)


def read(directory, name):
    import pyarrow.dataset as ds

    return ds.dataset(f"{directory}/{name}", format="parquet", partitioning="hive").to_table().to_pylist()


def test_the_jobs_speakers_and_links_are_the_stores(output, tmp_path):
    """The speakers and links datasets hold what the loaded store holds: the job
    settled the links with the store's rules (no decisions in either)."""
    from saidwhat.store.links import LINK_COLUMNS, SPEAKER_COLUMNS

    directory, summary, _ = output
    with open_store(str(tmp_path / "q.db")) as store:
        store.ingest_directory(directory)
        with store._db() as db:
            speakers = [tuple(r) for r in db.rows(f"SELECT {', '.join(SPEAKER_COLUMNS)} FROM speakers")]
            links = [tuple(r) for r in db.rows(f"SELECT {', '.join(LINK_COLUMNS)} FROM speaker_links")]
    assert sorted(tuple(r[c] for c in SPEAKER_COLUMNS) for r in read(directory, "speakers")) == sorted(
        speakers
    )
    got = sorted(
        tuple(int(r[c]) if c == "short" else r[c] for c in LINK_COLUMNS) for r in read(directory, "links")
    )
    assert got == sorted(links) and len(links) == summary.links
    statements = {(r["article_id"], r["seq"]): r for r in read(directory, "statements")}
    assert {r["speaker_id"] for r in statements.values()} - {None} == {s[0] for s in speakers}
    assert all(r["resolved_type"] for r in statements.values() if r["speaker_id"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_decision_stored_before_the_load_holds(output, backend, tmp_path):
    """Who is who is settled again at load time with the store's manual decisions: an
    alias file imported into an empty store, then a Spark directory loaded, gives
    what ingesting the articles after the same import gives."""
    directory, _, articles = output
    with two_stores(backend, tmp_path) as (loaded, reference):
        for store in (loaded, reference):
            store.import_aliases([("M. Pompeo", "Mike Pompeo", "Q123")], actor="a test")
            with store._db() as db, db.transaction(write=True):  # one time for both logs
                db.execute("UPDATE speaker_decisions SET decided_at = '2024-05-01T00:00:00+00:00'")
        loaded.ingest_directory(directory)
        reference.ingest(in_ingest_order(copy.deepcopy(articles)), batch_size=2)
        assert_same_store(loaded, reference)
        pompeo = loaded.speaker("Mike Pompeo")
        assert pompeo is not None and pompeo.statements == 4 and pompeo.external_id == "Q123"


def test_merging_again_gives_the_same_output(spark, output):
    directory, _, _ = output
    names = ("statements", "links", "speakers", "clusters", "duplicates", "renamed")
    before = {name: sorted(map(repr, read(directory, name))) for name in names}
    merge(spark, directory)
    assert {name: sorted(map(repr, read(directory, name))) for name in names} == before
