"""The records saidwhat produces and passes between its stages.

Plain dataclasses that turn into JSON and back. Every span is a pair of character
offsets ``(start, end)``, end exclusive, into ``Article.text``: the text an
attribution was found in, reported alongside it, so any output can be highlighted
and checked against its source.

The JSON shape (``Article.to_json``)::

    {"id": ..., "text": ...,
     "article": {"title", "dateline", "published", "url", "author", "site",
                 "language", "body", "source"},
     "attributions": [{"kind", "act", "speaker", "source", "cue", "content",
                       "addressee", "addressee_span", "channel", "when",
                       "confidence"}]}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, get_args

Offsets = tuple[int, int]

# How the words are reported: quoted, paraphrased, both, or a "Speaker: claim" headline.
Kind = Literal["direct", "indirect", "mixed", "headline"]
# What the statement's act is: spoken, written, a stance (believes, argues, wants),
# a plan (plans to, vows), a perception (saw, found).
Act = Literal["speech", "writing", "stance", "plan", "perception"]
SpeakerType = Literal["PERSON", "ORG", "GROUP", "UNKNOWN"]
Gender = Literal["m", "f"]

KINDS: tuple[Kind, ...] = get_args(Kind)
ACTS: tuple[Act, ...] = get_args(Act)
SPEAKER_TYPES: tuple[SpeakerType, ...] = get_args(SpeakerType)


@dataclass(frozen=True)
class Span:
    """A possibly discontinuous region of an article's text.

    ``text`` is the covered text, the pieces joined by a single space when there
    are several; ``spans`` holds the offsets of each piece in order.
    """

    text: str
    spans: tuple[Offsets, ...]

    @classmethod
    def of(cls, text: str, *spans: Offsets) -> Span:
        """The span covering ``spans`` of ``text`` (empty pieces are dropped)."""
        if len(spans) == 1:  # (most spans are one piece: built for every attribution)
            s, e = spans[0]
            return cls(text[s:e], ((s, e),)) if e > s else cls("", ())
        pieces = tuple((s, e) for s, e in spans if e > s)
        return cls(" ".join(text[s:e] for s, e in pieces), pieces)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(data["text"], tuple((int(s), int(e)) for s, e in data["spans"]))


@dataclass(frozen=True)
class Speaker:
    """Who made a statement, resolved to the fullest name the article gives."""

    name: str
    role: str | None = None
    type: SpeakerType = "UNKNOWN"
    # from a pronoun, an honorific or the first name: what keeps two people apart
    gender: Gender | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "type": self.type, "gender": self.gender}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Speaker:
        return cls(data["name"], data.get("role"), data.get("type", "UNKNOWN"), data.get("gender"))


@dataclass(frozen=True)
class When:
    """When a statement was made: the phrase as written, and its date if known."""

    text: str
    spans: tuple[Offsets, ...]
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> When:
        spans = tuple((int(s), int(e)) for s, e in data.get("spans", ()))
        return cls(data["text"], spans, data.get("date"))


@dataclass(frozen=True)
class Attribution:
    """One statement the article attributes to someone."""

    kind: Kind
    content: Span
    speaker: Speaker | None = None
    source: Span | None = None  # the mention of the speaker at the cue ("he", "Pompeo")
    cue: Span | None = None  # "said", "told", "according to"
    addressee: str | None = None  # "reporters", "CNN", "a news conference"
    addressee_span: Offsets | None = None
    when: When | None = None
    confidence: float = 0.5  # a probability: of statements scored p, about p are right
    act: Act | None = None
    # the document or intermediary it came through: "a statement", "a spokesperson"
    channel: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "act": self.act,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "source": self.source.to_json() if self.source else None,
            "cue": self.cue.to_json() if self.cue else None,
            "content": self.content.to_json(),
            "addressee": self.addressee,
            "addressee_span": list(self.addressee_span) if self.addressee_span else None,
            "channel": self.channel.to_json() if self.channel else None,
            "when": self.when.to_json() if self.when else None,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attribution:
        def opt(key: str, kind: Any) -> Any:
            value = data.get(key)
            return kind.from_json(value) if value else None

        span = data.get("addressee_span")
        return cls(
            kind=data["kind"],
            content=Span.from_json(data["content"]),
            speaker=opt("speaker", Speaker),
            source=opt("source", Span),
            cue=opt("cue", Span),
            addressee=data.get("addressee"),
            addressee_span=(int(span[0]), int(span[1])) if span else None,
            when=opt("when", When),
            confidence=float(data.get("confidence", 0.5)),
            act=data.get("act"),
            channel=opt("channel", Span),
        )


@dataclass
class Article:
    """A news article: its text, what is known about it, and its attributions.

    ``body`` lists the regions of ``text`` that are article prose (paragraphs);
    everything outside them (a repeated headline, a comment form, a captcha) was
    recognised as page debris and is never searched for attributions. An empty
    ``body`` means "not yet cleaned": the whole text is taken as prose.
    """

    text: str
    id: str = ""
    title: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    url: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None
    body: list[Offsets] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    # where it was read: a path below the input folder, or a WARC file and record offset
    source: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text, self.url)

    @cached_property
    def content_hash(self) -> str:  # read several times per stored article; the text never changes
        return content_hash(self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "article": {
                "title": self.title,
                "dateline": self.dateline,
                "published": self.published,
                "url": self.url,
                "author": self.author,
                "site": self.site,
                "language": self.language,
                "body": [list(r) for r in self.body],
                "source": self.source,
            },
            "attributions": [a.to_json() for a in self.attributions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        meta = data.get("article") or {}
        return cls(
            text=data["text"],
            id=data.get("id", ""),
            title=meta.get("title"),
            dateline=meta.get("dateline"),
            published=meta.get("published"),
            url=meta.get("url"),
            author=meta.get("author"),
            site=meta.get("site"),
            language=meta.get("language"),
            body=[(int(s), int(e)) for s, e in meta.get("body", ())],
            attributions=[Attribution.from_json(a) for a in data.get("attributions", ())],
            source=meta.get("source"),
        )


def content_hash(text: str) -> str:
    """A stable hash of an article's text (whitespace-insensitive)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def article_id(text: str, url: str | None = None) -> str:
    """A deterministic id: from the URL when known, else from the content."""
    key = url if url else content_hash(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed, and why (batch runs report and go on)."""

    id: str
    reason: str
    source: str | None = None  # where it came from: a path, a WARC record URI, a JSONL line

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "reason": self.reason, "source": self.source}
