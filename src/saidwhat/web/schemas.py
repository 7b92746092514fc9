"""Pydantic models of the JSON API, for validation of requests and the OpenAPI
description. They mirror ``saidwhat.model`` (the core JSON) and
``saidwhat.store.records`` (what the store answers); extra fields the store adds
later pass through rather than being dropped."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """Every error answer of the API."""

    status: int = Field(description="the HTTP status code")
    error: str = Field(description="the status in words")
    message: str = Field(description="what went wrong, for people")


# ------------------------------------------------------------ core JSON (model.py)


class SpanJSON(BaseModel):
    text: str
    spans: list[list[int]] = Field(description="[start, end) character offsets into the article text")


class SpeakerJSON(BaseModel):
    name: str
    role: str | None = None
    type: str = "UNKNOWN"
    gender: str | None = Field(
        None, description="m or f (people only), from pronouns, honorifics or first names"
    )


class WhenJSON(BaseModel):
    text: str
    date: str | None = None
    spans: list[list[int]] = []


ACT_DESCRIPTION = (
    "what act it reports: speech (said, told), writing (wrote, a statement), stance (believes, "
    "argues), plan (plans to, vows) or perception (saw, found)"
)
CONFIDENCE_DESCRIPTION = "a calibrated probability: of the statements scored about p, about p are right"


class AttributionJSON(_Open):
    kind: str = Field(description="direct, indirect, mixed or headline")
    act: str | None = Field(
        None, description=ACT_DESCRIPTION + "; null: not recorded (stored before acts were)"
    )
    speaker: SpeakerJSON | None = None
    source: SpanJSON | None = None
    cue: SpanJSON | None = None
    content: SpanJSON
    addressee: str | None = None
    addressee_span: list[int] | None = None
    channel: SpanJSON | None = Field(
        None, description="the document or intermediary: a statement, a spokesperson"
    )
    when: WhenJSON | None = None
    confidence: float = Field(description=CONFIDENCE_DESCRIPTION)


class StoredAttributionJSON(AttributionJSON):
    id: int = Field(description="the attribution's id in the store")
    speaker_id: int | None = None
    cluster_id: int | None = Field(None, description="its quote cluster (see /api/quotes/{id})")
    corrected: str | None = Field(
        None, description="the last correction a moderator applied: speaker, words or added"
    )


class ArticleMeta(_Open):
    title: str | None = None
    dateline: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None
    body: list[list[int]] = Field([], description="regions of the text read as article prose")
    source: str | None = Field(
        None, description="where it was read: a file's path, FILE@OFFSET of a WARC record, FILE:LINE of JSONL"
    )


class ArticleJSON(_Open):
    """The JSON of the core (``saidwhat extract --format json``)."""

    id: str
    text: str
    article: ArticleMeta
    attributions: list[AttributionJSON]


class StoredArticleJSON(ArticleJSON):
    attributions: list[StoredAttributionJSON]  # type: ignore[assignment]


class ExtractRequest(BaseModel):
    """Text or HTML to extract from (JSON body of POST /api/extract)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the plain text of one article")
    html: str | None = Field(None, description="an HTML page; its main text is read")
    published: str | None = Field(None, description="publication date, YYYY-MM-DD")
    title: str | None = None
    url: str | None = None


# ------------------------------------------------------------ store records


class Hit(_Open):
    attribution_id: int
    article_id: str
    kind: str
    content: str
    speaker_id: int | None = None
    speaker: str | None = None
    role: str | None = None
    cue: str | None = None
    addressee: str | None = None
    when: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None
    cluster_id: int | None = None
    confidence: float = Field(description=CONFIDENCE_DESCRIPTION)
    score: float = Field(
        0.0, description="relevance tier: 1.0 the quote says the words, 0.5 its speaker or title"
    )
    corrected: str | None = Field(None, description="speaker, words or added: corrected by a moderator")
    act: str = Field("unknown", description=ACT_DESCRIPTION + "; unknown: stored before acts were recorded")
    channel: str | None = Field(None, description="the document or intermediary: a statement, a spokesperson")


class SearchResults(BaseModel):
    results: list[Hit]
    total: int = Field(description="matches in all, beyond this page")
    total_exact: bool = Field(
        True, description="false when at least `total` match (PostgreSQL counts up to 10,000)"
    )
    acts: list[str] = Field(
        [], description="the acts kept (by default speech, writing and unknown; `act=all`: every act)"
    )


class SpeakerSummary(_Open):
    id: int
    name: str
    type: str
    statements: int
    roles: list[str] = Field([], description="one role per period, the latest first")
    gender: str | None = None


class SpeakerList(BaseModel):
    speakers: list[SpeakerSummary]


class RoleSeen(_Open):
    role: str
    first_seen: str | None = None
    last_seen: str | None = None
    count: int


class SpeakerDetail(_Open):
    id: int
    name: str
    type: str
    aliases: list[str] = []
    roles: list[RoleSeen] = []
    statements: int
    first_date: str | None = None
    last_date: str | None = None
    gender: str | None = Field(None, description="m or f, settled from the statements and the first name")
    external_id: str | None = Field(None, description="an identifier from an alias file, e.g. a Wikidata QID")
    role_periods: list[RoleSeen] = Field([], description="one role per period, earliest first")


class Week(BaseModel):
    week: str = Field(description="the week's Monday, YYYY-MM-DD")
    count: int


class SpeakerRecord(BaseModel):
    speaker: SpeakerDetail
    weekly: list[Week]
    statements: SearchResults = Field(description="newest first; filter with q, page with limit/offset")


class QuoteVariant(_Open):
    attribution_id: int
    article_id: str
    text: str
    speaker: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None
    corrected: str | None = None
    act: str = Field("unknown", description=ACT_DESCRIPTION + "; unknown: stored before acts were recorded")
    confidence: float | None = Field(None, description=CONFIDENCE_DESCRIPTION)


class QuoteCluster(_Open):
    id: int
    canonical: str = Field(description="the earliest version's text")
    speaker: str | None = None
    first_article_id: str
    first_published: str | None = None
    variants: list[QuoteVariant] = Field(description="every article that carried it, earliest first")
