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
    corrected: str | None = None  # the last correction applied: speaker, words or added
    # speech, writing, stance, plan or perception; "unknown" when stored before acts were recorded
    act: str = "unknown"
    channel: str | None = None  # the document or intermediary: "a statement", "a spokesperson"


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
    roles: list[str] = field(default_factory=list)  # one per period, the latest first
    gender: str | None = None


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
    gender: str | None = None  # m / f, settled from the statements and the first name
    external_id: str | None = None  # e.g. a Wikidata QID, from an alias file
    role_periods: list[RoleSeen] = field(default_factory=list)  # one role per period, earliest first


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
    corrected: str | None = None
    act: str = "unknown"  # as Hit.act
    confidence: float | None = None  # the calibrated probability the statement was stored with


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
    corrected: list[str | None] = field(default_factory=list)  # the last correction applied to each


@dataclass
class SpeakerLink(Record):
    """One name a speaker's statements were given, and why it belongs to the speaker."""

    name: str  # the clean name as first written
    gender: str | None  # the gender its statements gave (None: no evidence)
    role: str | None  # one-word names: the role they were given
    period: str | None  # one-word names: the year
    statements: int
    speaker_id: int | None  # None: unresolved
    speaker: str | None
    rule: str  # same-name, same-first-and-last-name, same-role, only-one-in-window, ...
    evidence: dict[str, Any]
    actor: str | None  # who decided, for a manual decision
    decided_at: str | None
    own: bool = False  # the speaker's own name (it cannot be split off; rename instead)


@dataclass
class SpeakerDecision(Record):
    """A manual decision about speakers, as logged."""

    id: int
    action: str  # merge, alias-file, split, rename, external-id
    name: str  # the name key decided about ("" for rename and external-id)
    speaker: str  # the speaker's key
    value: str | None
    actor: str
    decided_at: str
    speaker_id: int | None = None  # the speaker with that key now (None: no longer one)
    speaker_name: str | None = None


@dataclass
class Explanation(Record):
    """Why two names are one speaker, or not: every link of each name, with its rule
    and evidence, and the manual decisions about them."""

    a: str
    b: str
    same: bool
    links_a: list[SpeakerLink]
    links_b: list[SpeakerLink]
    decisions: list[SpeakerDecision]
