"""Quote clusters: one quote carried by several articles, with its wording changes."""

from __future__ import annotations

import pytest

from saidwhat.store.diff import mark, word_diff
from saidwhat.store.quotes import fingerprints, normalise, similar
from test_store_support import Said, make_article, store, store_url  # noqa: F401

QUOTE = (
    "We are not going to stand by while Iran threatens American lives, and we will "
    "respond decisively to any further attack on our people"
)
VARIANTS = {
    "exact": QUOTE,
    "punctuation": QUOTE.replace(",", " —") + ".",
    "curly and case": "WE ARE NOT going to stand by while Iran threatens American lives, and we will "
    "respond decisively to any further attack on our people!",
    "contraction": QUOTE.replace("We are", "We're"),
    "ellipsis": "We are not going to stand by while Iran threatens American lives … we will respond "
    "decisively to any further attack on our people",
    "dropped clause": "We are not going to stand by while Iran threatens American lives",
    "one word changed": QUOTE.replace("decisively", "forcefully"),
}


def test_normal_form_ignores_what_does_not_change_words():
    assert normalise("“We’re here…” she said.") == normalise('"We are here ..." she said')
    assert normalise("It won't happen, we can't allow it") == "it will not happen we can not allow it"
    assert normalise(VARIANTS["contraction"]) == normalise(QUOTE)
    assert normalise(VARIANTS["curly and case"]) == normalise(QUOTE)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variants_are_similar_and_share_fingerprints(name):
    a, b = normalise(QUOTE).split(), normalise(VARIANTS[name]).split()
    assert similar(a, b)
    assert fingerprints(a) & fingerprints(b)


def test_different_quotes_are_not_similar():
    a = normalise(QUOTE).split()
    b = normalise("The economy is strong and unemployment is at a record low across the country").split()
    c = normalise("We are not going to stand by").split()  # a short excerpt of a long quote
    assert not similar(a, b) and not similar(a, c)


def test_variants_from_several_articles_form_one_cluster(store):
    articles = [
        make_article(
            [Said(text, "Mike Pompeo")],
            url=f"https://{n}.example/story",
            site=f"site{n}.example",
            published=f"2020-01-{10 + n:02d}",
        )
        for n, text in enumerate(VARIANTS.values())
    ]
    store.ingest(articles[:3])
    store.ingest(articles[3:])  # later batches find the clusters of earlier ones
    clusters = {store.article(a.id).cluster_ids[0] for a in articles}
    assert len(clusters) == 1
    [cid] = clusters
    cluster = store.quote_cluster(cid)
    assert cluster.canonical == QUOTE and cluster.first_article_id == articles[0].id
    assert cluster.first_published == "2020-01-10" and cluster.speaker == "Mike Pompeo"
    assert [v.article_id for v in cluster.variants] == [a.id for a in articles]
    assert {v.text for v in cluster.variants} == set(VARIANTS.values())
    assert store.stats()["shared_clusters"] == 1
    assert store.search("", kind="direct").results[0].cluster_id == cid
    assert store.check() == []


def test_the_earliest_article_is_found_whatever_the_ingest_order(store):
    late = make_article([Said(QUOTE, "Mike Pompeo")], url="https://late.example/1", published="2020-01-09")
    early = make_article(
        [Said(VARIANTS["contraction"], "Mike Pompeo")], url="https://early.example/1", published="2020-01-03"
    )
    undated = make_article(
        [Said(VARIANTS["ellipsis"], "Mike Pompeo")], url="https://undated.example/1", published=None
    )
    store.ingest([late])
    store.ingest([undated])
    store.ingest([early])
    cid = store.article(late.id).cluster_ids[0]
    cluster = store.quote_cluster(cid)
    assert cluster.first_article_id == early.id and cluster.canonical == VARIANTS["contraction"]
    assert [v.article_id for v in cluster.variants] == [early.id, late.id, undated.id]


def test_what_does_not_cluster(store):
    store.ingest(
        [
            make_article(
                [
                    Said(QUOTE, "Mike Pompeo"),
                    Said("No comment at all", "Mike Pompeo"),  # too short
                    Said(QUOTE, "Mike Pompeo", kind="indirect"),
                ],
                url="https://a.example/1",
            ),
            make_article(
                [
                    Said(
                        "The economy is strong and unemployment is at a record low across the country",
                        "Larry Kudlow",
                    ),
                    Said("No comment at all", "Mike Pompeo"),
                ],
                url="https://b.example/1",
            ),
        ]
    )
    first = store.article(make_article([], url="https://a.example/1").id)
    assert first.cluster_ids[0] is not None and first.cluster_ids[1] is None and first.cluster_ids[2] is None
    assert store.stats()["clusters"] == 2 and store.stats()["shared_clusters"] == 0
    assert store.quote_cluster(12345) is None


def test_a_quote_repeated_in_one_article_counts_that_article_once(store):
    store.ingest(
        [make_article([Said(QUOTE, "Mike Pompeo"), Said(QUOTE, "Mike Pompeo")], url="https://a.example/1")]
    )
    store.ingest([make_article([Said(QUOTE, "Mike Pompeo")], url="https://b.example/1")])
    with store._read() as db:
        row = db.one("SELECT variants, articles FROM clusters")
    assert (row["variants"], row["articles"]) == (3, 2)
    assert store.check() == []


def test_differences_are_marked_word_by_word():
    pieces = word_diff(QUOTE, VARIANTS["contraction"])
    changed = [p for p in pieces if p.op != "equal"]
    assert changed == [type(changed[0])("replace", "We are", "We're")]
    assert mark(pieces, "a").startswith("[-We are-] not going")
    assert mark(pieces, "b").startswith("{+We're+} not going")
    dropped = word_diff(QUOTE, VARIANTS["dropped clause"])
    assert [p.op for p in dropped] == ["equal", "delete"]
    assert all(p.op == "equal" for p in word_diff(QUOTE, VARIANTS["curly and case"].replace("!", "")))
    ellipsis = word_diff(QUOTE, VARIANTS["ellipsis"])
    assert any(p.b == "…" or "…" in p.b for p in ellipsis if p.op != "equal")


def test_quote_text_counts_versions_and_does_not_double_quotation_marks():
    from saidwhat.store.records import QuoteCluster, QuoteVariant
    from saidwhat.store.render import quote_text

    one = QuoteVariant(
        1, "a1", "“We will win,” she said", "Ana Ribeiro", "T", None, "x.example", "2024-01-02"
    )
    text = quote_text(QuoteCluster(1, one.text, "Ana Ribeiro", "a1", "2024-01-02", [one]))
    assert "— 1 version in 1 article" in text
    assert "““" not in text and "“We will win,” she said" in text
    plain = QuoteVariant(2, "a2", "We will win", "Ana Ribeiro", "T", None, "y.example", "2024-01-03")
    text = quote_text(QuoteCluster(1, plain.text, "Ana Ribeiro", "a2", "2024-01-03", [plain, plain]))
    assert "— 2 versions in 1 article" in text and "“We will win”" in text


def test_strict_quote_diffs_mark_every_character():
    pieces = word_diff("We will win.", "we will win", strict=True)
    assert [p.op for p in pieces if p.op != "equal"] == ["replace", "delete"]
    assert all(p.op == "equal" for p in word_diff("We will win.", "we will win"))
