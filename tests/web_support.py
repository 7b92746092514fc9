"""Fixture articles and a test store for the web app's tests (and its load test).

The articles in ``tests/fixtures/web`` are short news stories written for these
tests, each a small header (url, site, published), a ``---`` line, and the text.
One of them is hostile: markup and event handlers inside quotes and metadata.
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "web"


def read_fixture(path: Path) -> dict[str, str]:
    """``{"url", "site", "published", "text"}`` of one fixture file."""
    raw = path.read_text(encoding="utf-8")
    head, _, text = raw.partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return {**meta, "text": text}


def fixture_articles(pipeline):
    """The fixture articles, extracted with the real pipeline, in file order."""
    from saidwhat.ingest.text import from_text

    articles = []
    for path in sorted(FIXTURES.glob("*.txt")):
        data = read_fixture(path)
        article = from_text(data["text"], id=path.stem, url=data.get("url"), published=data.get("published"))
        article.site = data.get("site")
        articles.append(pipeline.extract(article))
    return articles


def build_database(url, pipeline) -> str:
    """A quote database at ``url`` (a SQLite path or a PostgreSQL URL) holding the
    extracted fixture articles."""
    from saidwhat.store import open_store

    with open_store(str(url)) as store:
        stats = store.ingest(fixture_articles(pipeline))
    assert stats.articles_added == len(list(FIXTURES.glob("*.txt"))), stats
    return str(url)
