"""Pipeline.pipe: every article through one spaCy stream, results in input order, as
soon as they are done, and the same as extracting each article alone."""

from __future__ import annotations

import pytest

from saidwhat import Article
from saidwhat.attribution.pipeline import REGION_CHARS
from saidwhat.model import Failure

pytestmark = pytest.mark.model

FIXTURES = ("council-budget.txt", "harbor-dispute.txt", "styles.txt", "trade-week.txt", "unbalanced.txt")
# cannot be processed: empty, binary-looking, and not English
BAD = (
    "   \n  ",
    "\x00\x01\x02\x03 binary \x04\x05\x06\x07" * 10,
    "Der Bürgermeister sagte am Dienstag, " * 12,
)


def _mixed(fixture_text) -> list[Article]:
    """Fixture articles with bad ones between them, each id saying which it is."""
    articles = []
    for n, name in enumerate(FIXTURES):
        articles.append(Article(text=fixture_text(name), id=f"good-{name}", published="2024-10-10"))
        articles.append(Article(text=BAD[n % len(BAD)], id=f"bad-{n}"))
    return articles


def test_results_come_in_input_order_with_failures_in_their_place(pipeline, fixture_text):
    articles = _mixed(fixture_text)
    results = list(pipeline.pipe(articles))
    assert [r.id for r in results] == [a.id for a in articles]
    for result in results:
        assert isinstance(result, Failure) == result.id.startswith("bad-"), result.id


def test_one_stream_gives_what_each_article_alone_gives(pipeline, fixture_text):
    together = list(pipeline.pipe(_mixed(fixture_text) * 2))
    alone = [r for a in _mixed(fixture_text) * 2 for r in pipeline.pipe([Article(**_fields(a))])]
    assert [_json(r) for r in together] == [_json(r) for r in alone]
    assert sum(len(r.attributions) for r in together if isinstance(r, Article)) > 10


def test_an_article_is_yielded_long_before_the_input_ends(pipeline, fixture_text):
    pulled = []

    def articles():
        for n in range(60):
            pulled.append(n)
            yield Article(text=fixture_text(FIXTURES[n % len(FIXTURES)]), id=str(n))

    stream = pipeline.pipe(articles())
    first = next(stream)
    assert first.id == "0"
    # spaCy reads a few batches ahead; memory never holds the whole input
    assert len(pulled) <= 20
    assert [r.id for r in stream] == [str(n) for n in range(1, 60)]


def test_a_long_article_with_nothing_to_parse_is_finished_in_its_turn(pipeline, fixture_text):
    # longer than one Doc, and all page furniture: no body, so no region to parse
    furniture = Article(text="Share this\nTweet\nAdvertisement\n" * (REGION_CHARS // 20), id="furniture")
    results = list(pipeline.pipe([Article(text=fixture_text("styles.txt"), id="before"), furniture]))
    assert [r.id for r in results] == ["before", "furniture"]
    assert isinstance(results[1], Article) and results[1].attributions == []


def _fields(article: Article) -> dict:
    return {"text": article.text, "id": article.id, "published": article.published}


def _json(result: Article | Failure) -> str:
    return result.to_json() if isinstance(result, Article) else repr(result)
