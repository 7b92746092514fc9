"""Writing one batch of articles, inside the caller's write transaction.

A batch is read in a few set-wise queries (which articles, speakers, quote hashes
and fingerprints are already stored), decided in memory in input order, then
written with one ``executemany`` per table, so ingest costs a constant number of
round trips per batch on either engine. The write transaction holds the store's
single-writer lock, which is what makes allocating ids as ``max(id) + 1`` and
read-modify-write of counters safe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..model import Article, Attribution, Span, article_id
from . import quotes, ranks
from .connection import Connection
from .query import iso_date, site_key
from .speakers import Mention, SpeakerBook, mention_of

log = logging.getLogger(__name__)


def spans_json(spans: Any) -> str:
    """Offsets as compact JSON ``[[start, end], ...]``."""
    return "[" + ",".join(f"[{int(s)},{int(e)}]" for s, e in spans) + "]"


def already_stored(url: str | None, content_hash: str, urls: set[str], hashes: set[str]) -> bool:
    """Whether an article is a copy of one stored: the same URL, or the same text."""
    return bool(url and url in urls) or content_hash in hashes


def another_id(article: Article, taken: Callable[[str], bool]) -> str:
    """The id an article is stored under when its own is another article's: its id
    from its URL or text (``model.article_id``), else its own with its text's hash."""
    new_id = article_id(article.text, article.url)
    return f"{article.id}-{article.content_hash[:12]}" if taken(new_id) else new_id


def _bad_offsets(article: Article) -> str | None:
    """Why an article's offsets do not index its text, or None when they all do."""
    n = len(article.text)

    def ok(spans: Any) -> bool:
        return all(0 <= s <= e <= n for s, e in spans)

    if not ok(article.body):
        return "body regions outside the text"
    for k, a in enumerate(article.attributions):
        spans = (
            ("content", a.content),
            ("source", a.source),
            ("cue", a.cue),
            ("when", a.when),
            ("channel", a.channel),
        )
        for what, span in spans:
            if span is not None and not ok(span.spans):
                return f"attribution {k}: {what} offsets outside the text"
        if a.addressee_span and not ok([a.addressee_span]):
            return f"attribution {k}: addressee offsets outside the text"
    return None


@dataclass
class BatchResult:
    added: int = 0
    skipped: int = 0
    attributions: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (article id, why)


class BatchWriter:
    """Writes batches of extracted articles through one connection."""

    def __init__(self, db: Connection) -> None:
        self.db = db

    # ---------------------------------------------------------------- articles

    def _new_articles(self, batch: list[Article], result: BatchResult) -> list[Article]:
        """The articles of ``batch`` not stored yet (by URL or content hash), ids made unique."""
        ids = [a.id for a in batch]
        urls = [a.url for a in batch if a.url]
        hashes = [a.content_hash for a in batch]
        seen_ids: set[str] = set()
        seen_urls: set[str] = set()
        seen_hashes: set[str] = set()
        for column, values in (("id", ids), ("url", urls), ("content_hash", hashes)):
            for row in self.db.rows_in(
                f"SELECT id, url, content_hash FROM articles WHERE {column} IN ({{in}})", values
            ):
                seen_ids.add(row["id"])
                if row["url"]:
                    seen_urls.add(row["url"])
                seen_hashes.add(row["content_hash"])
        fresh = []
        for article in batch:
            digest = article.content_hash
            if already_stored(article.url, digest, seen_urls, seen_hashes):
                result.skipped += 1
                continue
            why = _bad_offsets(article)
            if why:
                log.warning("refusing article %s: %s", article.id, why)
                result.refused.append((article.id, why))
                continue
            if article.id in seen_ids:  # another article under the same id: keep both
                new_id = another_id(
                    article,
                    lambda i: (
                        i in seen_ids
                        or self.db.one("SELECT 1 AS v FROM articles WHERE id = ?", (i,)) is not None
                    ),
                )
                log.warning("article id %s is taken by another article; storing as %s", article.id, new_id)
                article.id = new_id
            seen_ids.add(article.id)
            if article.url:
                seen_urls.add(article.url)
            seen_hashes.add(digest)
            fresh.append(article)
        return fresh

    # ---------------------------------------------------------------- write

    def write(self, batch: list[Article]) -> BatchResult:
        """Store the new articles of ``batch`` with their attributions, speakers and clusters."""
        result = BatchResult()
        articles = self._new_articles(batch, result)
        if not articles:
            return result
        db = self.db
        next_attr = int(db.scalar("SELECT coalesce(max(id), 0) AS v FROM attributions")) + 1
        next_cluster = int(db.scalar("SELECT coalesce(max(id), 0) AS v FROM clusters")) + 1

        # What is already stored about this batch's quotes; the speakers' links.
        prepared: dict[int, tuple[list[str], str, set[int]]] = {}  # id(attribution) -> words, hash, prints
        book = SpeakerBook(db)
        said: dict[int, Mention] = {}
        for article in articles:
            for a in article.attributions:
                m = mention_of(a)
                if m is not None:
                    said[id(a)] = m
                quote = quotes.prepare(a.kind, a.content.text)
                if quote:
                    prepared[id(a)] = quote
        book.load_keys({m.clean.key for m in said.values()})
        links: dict[int, int] = {}  # id(attribution) -> its link
        for article in articles:
            pub_date = iso_date(article.published)
            for a in article.attributions:
                if id(a) in said:
                    date = (iso_date(a.when.date) if a.when else None) or pub_date
                    links[id(a)] = book.add(said[id(a)], date, pub_date or date).id
        book.load_related()
        speaker_of = book.settle()  # link -> speaker id, type
        clustering = quotes.Clustering(*self._load_clusters(prepared.values()), next_id=next_cluster)

        article_rows, attribution_rows = [], []
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for article in articles:
            pub_date = iso_date(article.published)
            site = site_key(article.site)
            article_rows.append(article_row(article, now))
            in_article: set[int] = set()  # clusters this article already counts in
            for seq, a in enumerate(article.attributions):
                aid = next_attr
                next_attr += 1
                when_date = iso_date(a.when.date) if a.when else None
                date = when_date or pub_date
                link = links.get(id(a))
                speaker_id, speaker_type = speaker_of[link] if link is not None else (None, None)
                role = said[id(a)].role if id(a) in said else None
                cluster_id, quote_hash = None, None
                if id(a) in prepared:
                    words, quote_hash, prints = prepared[id(a)]
                    cluster_id = clustering.add(
                        words, quote_hash, prints, aid, article.id, pub_date, in_article
                    ).id
                attribution_rows.append(
                    attribution_row(
                        aid,
                        article.id,
                        seq,
                        a,
                        (speaker_id, link, speaker_type, role),
                        date,
                        site,
                        quote_hash,
                        cluster_id,
                    )
                )
            result.added += 1
            result.attributions += len(article.attributions)

        self._flush(article_rows, attribution_rows, clustering.clusters)
        book.finish()
        return result

    # ---------------------------------------------------------------- clusters

    def _load_clusters(
        self, prepared: Any
    ) -> tuple[dict[str, int], dict[int, set[int]], dict[int, quotes.Cluster]]:
        prepared = list(prepared)
        by_hash: dict[str, int] = {}
        for r in self.db.rows_in(
            "SELECT quote_hash, min(cluster_id) AS cluster_id FROM attributions "
            "WHERE quote_hash IN ({in}) AND cluster_id IS NOT NULL GROUP BY quote_hash",
            (h for _, h, _ in prepared),
        ):
            by_hash[r["quote_hash"]] = int(r["cluster_id"])
        by_print: dict[int, set[int]] = {}
        for r in self.db.rows_in(
            "SELECT print, cluster_id FROM cluster_prints WHERE print IN ({in})",
            (p for _, _, prints in prepared for p in prints),
        ):
            by_print.setdefault(int(r["print"]), set()).add(int(r["cluster_id"]))
        ids = set(by_hash.values()) | {c for s in by_print.values() for c in s}
        clusters = {
            int(r["id"]): quotes.Cluster(
                int(r["id"]),
                r["norm"].split(),
                int(r["first_attribution_id"]),
                r["first_article_id"],
                r["first_date"],
                int(r["variants"]),
                int(r["articles"]),
            )
            for r in self.db.rows_in(
                "SELECT id, norm, first_attribution_id, first_article_id, first_date, variants, articles "
                "FROM clusters WHERE id IN ({in})",
                ids,
            )
        }
        return by_hash, by_print, clusters

    # ---------------------------------------------------------------- flush

    def _flush(
        self, article_rows: list[Any], attribution_rows: list[Any], clusters: dict[int, quotes.Cluster]
    ) -> None:
        db = self.db
        db.insert("articles", ARTICLE_COLUMNS, article_rows)
        db.insert("clusters", CLUSTER_COLUMNS, [cluster_row(c) for c in clusters.values() if c.new])
        db.executemany(
            "UPDATE clusters SET first_attribution_id = ?, first_article_id = ?, first_date = ?, "
            "variants = ?, articles = ? WHERE id = ?",
            [
                (c.first_attribution_id, c.first_article_id, c.first_date, c.variants, c.articles, c.id)
                for c in clusters.values()
                if c.dirty and not c.new
            ],
        )
        # article by article: PostgreSQL's search trigger parses a title once per run
        # of one article's statements (migration 0004)
        db.insert("attributions", ATTRIBUTION_COLUMNS, attribution_rows)
        db.insert(
            "cluster_prints",
            ("print", "cluster_id"),
            [(p, c.id) for c in clusters.values() if c.new for p in sorted(c.prints)],
        )


# The rows of each table, as the writer builds them (the bulk loader builds the same).
ARTICLE_COLUMNS = (
    "id",
    "url",
    "content_hash",
    "title",
    "dateline",
    "published",
    "pub_date",
    "author",
    "site",
    "language",
    "body",
    "ingested_at",
    "source",
    "text",
)
CLUSTER_COLUMNS = (
    "id",
    "norm",
    "first_attribution_id",
    "first_article_id",
    "first_date",
    "variants",
    "articles",
)
ATTRIBUTION_COLUMNS = (
    "id",
    "article_id",
    "seq",
    "kind",
    "content",
    "content_spans",
    "speaker_id",
    "speaker_name",
    "speaker_role",
    "speaker_type",
    "role",
    "source",
    "source_spans",
    "cue",
    "cue_spans",
    "addressee",
    "addressee_start",
    "addressee_end",
    "when_text",
    "when_spans",
    "when_date",
    "confidence",
    "date",
    "site",
    "quote_hash",
    "cluster_id",
    "speaker_link",
    "speaker_gender",
    "resolved_type",
    "undated_rank",
    "act",
    "channel",
    "channel_spans",
)


def article_row(article: Article, ingested_at: str) -> tuple[Any, ...]:
    """The ``articles`` row of ``article`` (ARTICLE_COLUMNS)."""
    return (
        article.id,
        article.url,
        article.content_hash,
        article.title,
        article.dateline,
        article.published,
        iso_date(article.published),
        article.author,
        article.site,
        article.language,
        spans_json(article.body),
        ingested_at,
        article.source,
        article.text,
    )


def cluster_row(c: quotes.Cluster) -> tuple[Any, ...]:
    """The ``clusters`` row (CLUSTER_COLUMNS) of ``c``."""
    return (
        c.id,
        " ".join(c.words),
        c.first_attribution_id,
        c.first_article_id,
        c.first_date,
        c.variants,
        c.articles,
    )


def attribution_row(
    aid: int,
    article_id: str,
    seq: int,
    a: Attribution,
    speaker: tuple[int | None, int | None, str | None, str | None],
    date: str | None,
    site: str | None,
    quote_hash: str | None,
    cluster_id: int | None,
) -> tuple[Any, ...]:
    """The ``attributions`` row of ``a`` (ATTRIBUTION_COLUMNS), given what the store
    decided: ``speaker`` is (speaker id, link id, the speaker's settled type, role)."""

    def text(span: Span | None) -> str | None:
        return span.text if span is not None else None

    def offsets(span: Any) -> str | None:
        return spans_json(span.spans) if span is not None else None

    sp = a.speaker
    speaker_id, link, speaker_type, role = speaker
    return (
        aid,
        article_id,
        seq,
        a.kind,
        a.content.text,
        spans_json(a.content.spans),
        speaker_id,
        sp.name if sp else None,
        sp.role if sp else None,
        sp.type if sp else None,
        role,
        text(a.source),
        offsets(a.source),
        text(a.cue),
        offsets(a.cue),
        a.addressee,
        a.addressee_span[0] if a.addressee_span else None,
        a.addressee_span[1] if a.addressee_span else None,
        a.when.text if a.when else None,
        offsets(a.when),
        a.when.date if a.when else None,
        float(a.confidence),
        date,
        site,
        quote_hash,
        cluster_id,
        link,
        sp.gender if sp else None,
        speaker_type,
        ranks.undated_rank(date, a.confidence),
        a.act,
        text(a.channel),
        offsets(a.channel),
    )
