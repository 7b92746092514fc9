"""Crash consistency: an ingest killed at any point leaves whole batches only, and
the next run completes it without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from saidwhat.store import open_store
from test_store_support import store_url  # noqa: F401

ARTICLES = 120
BATCH = 7


def crash_articles(pause: float = 0.0):
    """The articles of the crash test; each one's number is printed as it is handed
    to the store, and ``pause`` lets a kill land anywhere in a batch."""
    import time

    from test_store_support import Said, make_article

    for n in range(ARTICLES):
        said = [
            Said(f"statement {k} of article {n} on the port strike and the unions", f"Person {n % 9} Silva")
            for k in range(n % 3 + 1)
        ]
        if pause:
            print(n, flush=True)
            time.sleep(pause)
        yield make_article(said, url=f"https://crash.example/{n}", published=f"2021-03-{1 + n % 28:02d}")


CHILD = textwrap.dedent(f"""
    import sys
    sys.path.insert(0, {str(Path(__file__).parent)!r})
    from test_store_crash import BATCH, crash_articles
    from saidwhat.store import open_store

    with open_store(sys.argv[1]) as store:
        store.ingest(crash_articles(pause=0.003), batch_size=BATCH)
    print("done", flush=True)
""")


def expected_attributions(article_url: str) -> int:
    n = int(article_url.rsplit("/", 1)[1])
    return n % 3 + 1


def run_child(url: str, kill_after: int | None) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    try:
        for line in child.stdout:
            if kill_after is not None and line.strip().isdigit() and int(line) >= kill_after:
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    if kill_after is None:
        assert child.returncode == 0


def verify(url: str) -> int:
    """The store is consistent: whole batches, whole articles, counters right."""
    with open_store(url) as store:
        assert store.check() == []
        stats = store.stats()
        ids = store.known_ids()
        total = 0
        for article_id in ids:
            stored = store.article(article_id)
            assert len(stored.article.attributions) == expected_attributions(stored.article.url)
            total += len(stored.article.attributions)
        assert stats["articles"] == len(ids)
        assert stats["attributions"] == total
        assert store.search("strike").total == total
        return stats["articles"]


@pytest.mark.slow
def test_killed_ingest_leaves_whole_batches_and_the_next_run_completes(store_url):
    run_child(store_url, kill_after=5 * BATCH + 3)  # mid-batch
    stored = verify(store_url)
    assert stored % BATCH == 0 and 0 < stored < ARTICLES
    run_child(store_url, None)
    assert verify(store_url) == ARTICLES
    with open_store(store_url) as store:  # a further complete run adds nothing
        stats = store.ingest(crash_articles(), batch_size=BATCH)
    assert (stats.articles_added, stats.articles_skipped) == (0, ARTICLES)
    assert verify(store_url) == ARTICLES
