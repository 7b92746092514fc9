"""Shared pieces of the Spark tests: one local SparkSession per test session, and
table-by-table comparison of two stores."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

from saidwhat.store import open_store
from saidwhat.store.bulk import ingest_order
from saidwhat.store.query import iso_date

# Every column of every table but when a row was stored.
TABLES = {
    "articles": "id, url, content_hash, title, dateline, published, pub_date, author, site, language, body, "
    "source, text",
    "attributions": "*",
    "speakers": "*",
    "speaker_links": "*",
    "link_aliases": "*",
    "link_roles": "*",
    "speaker_decisions": "*",
    "clusters": "*",
    "cluster_prints": "*",
}

_SESSION = None


def spark_or_skip():
    """The test session's local[2] SparkSession (started on first use). Without PySpark
    or Java the Spark tests are skipped, except under CI, where that is a failure."""
    global _SESSION
    if _SESSION is not None:
        return _SESSION
    missing = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing = "PySpark not installed (pip install 'saidwhat[spark]')"
    if missing is None and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        missing = "Java not installed (run scripts/install-system-deps)"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing + " — required under CI")
        pytest.skip(missing)
    from saidwhat.batch.spark import spark_session

    # few shuffle partitions: the inputs are tiny, and every partition is a task
    _SESSION = spark_session(
        "local[2]", conf={"spark.sql.shuffle.partitions": "4", "spark.ui.enabled": "false"}
    )
    _SESSION.sparkContext.setLogLevel("ERROR")
    return _SESSION


@pytest.fixture(scope="session")
def spark():
    session = spark_or_skip()
    yield session


def in_ingest_order(articles):
    """Articles sorted as 'saidwhat ingest DIR' stores them."""
    return sorted(articles, key=lambda a: ingest_order(iso_date(a.published), a.id))


def dump(store) -> dict[str, list[tuple]]:
    """Every row of every table of ``store``, sorted."""
    out = {}
    with store._db() as db:
        for table, columns in TABLES.items():
            rows = db.rows(f"SELECT {columns} FROM {table}")
            out[table] = sorted(tuple(r.values()) if hasattr(r, "values") else tuple(r) for r in rows)
    return out


def assert_same_store(loaded, reference) -> None:
    """Two stores hold the same rows, table by table (ids included)."""
    got, want = dump(loaded), dump(reference)
    for table in TABLES:
        assert len(got[table]) == len(want[table]), table
        assert got[table] == want[table], table


@contextmanager
def two_stores(backend: str, tmp_path):
    """Two new, empty stores on ``backend`` ("sqlite" or "postgres"): one to load, one to
    ingest into for reference."""
    from test_store_support import _postgres_schema

    urls = [str(tmp_path / "loaded.db"), str(tmp_path / "reference.db")]
    schemas = []
    if backend == "postgres":
        schemas = [_postgres_schema(), _postgres_schema()]
        urls = [next(s) for s in schemas]
    try:
        with open_store(urls[0]) as loaded, open_store(urls[1]) as reference:
            yield loaded, reference
    finally:
        for s in schemas:
            next(s, None)
