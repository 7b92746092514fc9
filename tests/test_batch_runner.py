"""batch.runner: results in input order on one or two processes, skips, duplicates, failures."""

from __future__ import annotations

import json
import shutil

import pytest

from batch_support import FIXTURES, make_corpus, story
from saidwhat.batch import extract_documents, process
from saidwhat.batch.runner import _pipe
from saidwhat.ingest import Document, Skipped
from saidwhat.model import Article, Failure
from saidwhat.settings import load_settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), articles=12)


def summary(results):
    return [
        (r.id, type(r).__name__, len(r.attributions) if isinstance(r, Article) else r.reason) for r in results
    ]


def test_results_come_in_input_order_with_failures_in_place(pipeline, corpus):
    results = list(process([str(corpus)], settings=load_settings(), jobs=1))
    ids = [r.id for r in results]
    assert ids[:4] == ["dump-1", "dump.jsonl:2", ids[2], "empty"]  # the root's files first
    assert isinstance(results[1], Failure) and "invalid JSON" in results[1].reason
    assert isinstance(results[3], Failure) and "empty" in results[3].reason
    assert ids[4:16] == [f"2024-0{1 + n % 3}/story-{n:03d}" for n in sorted(range(12), key=lambda n: n % 3)]
    ferry, index = results[16:]
    assert ferry.url == "https://courier.example.com/news/2024/03/harbour-ferry-fares" and ferry.attributions
    assert isinstance(index, Failure) and "no article" in index.reason
    assert all(r.attributions for r in results if isinstance(r, Article))


def test_two_workers_give_the_same_results_in_the_same_order(pipeline, corpus):
    settings = load_settings().replace(batch_size=3)  # several chunks, so both workers get work
    one = list(process([str(corpus)], settings=settings, jobs=1))
    two = list(process([str(corpus)], settings=settings, jobs=2))
    assert summary(two) == summary(one)
    assert [r.to_json() for r in two if isinstance(r, Article)] == [
        r.to_json() for r in one if isinstance(r, Article)
    ]


def test_skip_ids_are_neither_processed_nor_yielded(pipeline, corpus):
    done = {"dump-1", "2024-01/story-000", "empty"}
    results = list(process([str(corpus)], settings=load_settings(), jobs=1, skip_ids=done))
    assert not done & {r.id for r in results}
    ferry_id = next(r.id for r in results if isinstance(r, Article) and r.url and "ferry" in r.url)
    # an id only known after extraction (a page's canonical URL) is skipped too
    again = list(process([str(corpus / "pages")], settings=load_settings(), jobs=1, skip_ids={ferry_id}))
    assert [r.id for r in again if isinstance(r, Article)] == []


def test_duplicates_in_one_run_are_skipped_and_said_so(pipeline, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(FIXTURES / "article.html", tmp_path / "a" / "ferry.html")
    shutil.copy(FIXTURES / "article.html", tmp_path / "b" / "ferry-copy.html")
    line = json.dumps({"url": "https://e.example/x", "text": story(3)})
    (tmp_path / "dump.jsonl").write_text(line + "\n" + line + "\n", encoding="utf-8")
    results = list(process([str(tmp_path)], settings=load_settings(), jobs=1))
    kinds = [r.kind if isinstance(r, Skipped) else type(r).__name__ for r in results]
    assert kinds == ["Article", "duplicate", "Article", "duplicate"]
    assert "duplicate of an article already processed" in results[1].reason


def test_extract_documents_is_a_pure_function_of_the_documents(pipeline):
    docs = [Document(source=f"s{n}", format="text", data=story(n), id=f"s{n}") for n in range(3)]
    first = [r.to_json() for r in extract_documents(docs, load_settings())]
    second = [r.to_json() for r in extract_documents(list(reversed(docs)), load_settings())]
    assert first == list(reversed(second))


class _Breaks:
    """A pipeline whose batch fails on one article: the others must still come through."""

    def pipe(self, articles):
        if any("boom" in a.text for a in articles):
            raise KeyError("‘")
        yield from articles


def test_a_bug_hitting_one_article_costs_only_that_article():
    articles = [Article(text=t, id=str(n)) for n, t in enumerate(["fine one", "boom", "fine two"])]
    results = _pipe(_Breaks(), articles)
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    assert results[1].id == "1" and "internal error" in results[1].reason and "KeyError" in results[1].reason
