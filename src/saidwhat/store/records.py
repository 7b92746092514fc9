"""What the store answers with: plain, JSON-able records.

These are the contract between the store (SQLite or PostgreSQL) and its readers
(the CLI and the web app). Fields may be added; none is renamed or removed
without changing every reader.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


class Record:
    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass
class Hit(Record):
    """One attribution found by a search, with its article's metadata."""

    attribution_id: int
    article_id: str
    kind: str
    content: str
    speaker_id: int | None
    speaker: str | None
    role: str | None
    cue: str | None
    addressee: str | None
    when: str | None  # the phrase as written
    date: str | None  # the statement's date if resolved, else the article's publication date
    title: str | None
    url: str | None
    site: str | None
    published: str | None
    cluster_id: int | None
    confidence: float
    score: float = 0.0  # relevance: 1.0 the quote says the words, 0.5 its speaker or title does


@dataclass
class SearchPage(Record):
    results: list[Hit]
    total: int
    total_exact: bool = True  # False: at least ``total`` match (PostgreSQL stops counting at 10,000)


@dataclass
class RoleSeen(Record):
    role: str
    first_seen: str | None  # earliest publication date it was given
    last_seen: str | None
    count: int


@dataclass
class SpeakerSummary(Record):
    id: int
    name: str
    type: str
    statements: int
    roles: list[str] = field(default_factory=list)


@dataclass
class SpeakerDetail(Record):
    id: int
    name: str
    type: str
    aliases: list[str]
    roles: list[RoleSeen]
    statements: int
    first_date: str | None
    last_date: str | None


@dataclass
class QuoteVariant(Record):
    attribution_id: int
    article_id: str
    text: str
    speaker: str | None
    title: str | None
    url: str | None
    site: str | None
    published: str | None


@dataclass
class QuoteCluster(Record):
    id: int
    canonical: str  # the earliest variant's text
    speaker: str | None
    first_article_id: str
    first_published: str | None
    variants: list[QuoteVariant]  # earliest first


@dataclass
class IngestStats(Record):
    articles_added: int = 0
    articles_skipped: int = 0  # already stored (same URL or content hash)
    attributions_added: int = 0
    failures: int = 0

    def add(self, other: IngestStats) -> None:
        """Add the counts of ``other`` (another run into the same store)."""
        self.articles_added += other.articles_added
        self.articles_skipped += other.articles_skipped
        self.attributions_added += other.attributions_added
        self.failures += other.failures


@dataclass
class StoredArticle:
    """An article as stored, its attributions' store ids and quote clusters aligned
    with ``article.attributions``."""

    article: Any  # saidwhat.model.Article
    attribution_ids: list[int]
    cluster_ids: list[int | None]
    speaker_ids: list[int | None]
