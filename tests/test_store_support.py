"""Shared fixtures of the store tests: each store test runs on SQLite and PostgreSQL.

The PostgreSQL server is a throwaway one (``saidwhat.store.pgserver``), started
once per session from the Debian server binaries, as the ``postgres`` user under
root, on 127.0.0.1 and a free port; each test gets its own schema. Without the
binaries the PostgreSQL variants are skipped, except under CI (``CI=true``), where
that is a failure.

Test modules import the fixtures they use from here. Articles are built from
small texts written for these tests (``make_article``), with exact offsets.
"""

from __future__ import annotations

import atexit
import os
import uuid
from dataclasses import dataclass

import pytest

from saidwhat.model import Article, Attribution, Span, Speaker, When
from saidwhat.store import open_store
from saidwhat.store.pgserver import TempPostgres, find_bindir

_SERVER: TempPostgres | None = None


def postgres_server() -> TempPostgres:
    """The session's PostgreSQL server (started on first use)."""
    global _SERVER
    if _SERVER is None:
        if find_bindir() is None:
            reason = "PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin; run scripts/install-system-deps)"
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(reason + " — required under CI")
            pytest.skip(reason)
        _SERVER = TempPostgres().start()
        atexit.register(_SERVER.stop)
    return _SERVER


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _postgres_schema():
    import psycopg

    server = postgres_server()
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield server.url(schema=schema)
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A URL for a new, empty store on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "quotes.db")
        return
    yield from _postgres_schema()


@pytest.fixture
def postgres_url():
    """A URL for a new, empty store in PostgreSQL (for PostgreSQL-only tests)."""
    yield from _postgres_schema()


@pytest.fixture
def store(store_url):
    """A new, empty store on each backend."""
    with open_store(store_url) as s:
        yield s


# ---------------------------------------------------------------- articles


@dataclass
class Said:
    """One statement to write into a test article."""

    content: str
    speaker: str | None = None
    role: str | None = None
    kind: str = "direct"
    source: str | None = None  # how the article names the speaker at the cue
    type: str = "PERSON"
    when: str | None = None  # ISO date of the statement
    gender: str | None = None  # the extractor's Speaker.gender
    confidence: float = 0.8
    act: str | None = None  # speech, writing, stance, plan, perception (None: not recorded)
    channel: str | None = None  # written after the cue: "X said in a statement, ..."


def make_article(
    said: list[Said],
    *,
    url: str | None = None,
    published: str | None = "2020-01-06",
    site: str | None = "wire.example",
    title: str | None = "Tensions rise in the Gulf",
    lead: str = "",
    id: str = "",
) -> Article:
    """An extracted article whose text holds each statement as a sentence, offsets exact."""
    parts = [f"{title}\n\n" if title else "", lead]
    offset = sum(len(p) for p in parts)
    attributions = []
    for s in said:
        who = s.source or s.speaker or "someone"
        quoted = s.kind in ("direct", "mixed")
        via = f" in {s.channel}" if s.channel else ""
        opening = f"{who} said{via}, “" if quoted else f"{who} said{via} that "
        when_text = " on Monday" if s.when else ""
        sentence = opening + s.content + ("”" if quoted else "") + when_text + ". "
        c_start = offset + len(opening)
        cue_start = offset + len(who) + 1
        attributions.append(
            Attribution(
                kind=s.kind,
                content=Span(s.content, ((c_start, c_start + len(s.content)),)),
                speaker=Speaker(s.speaker, s.role, s.type, s.gender) if s.speaker else None,
                source=Span(who, ((offset, offset + len(who)),)),
                cue=Span("said", ((cue_start, cue_start + 4),)),
                when=When(
                    "on Monday",
                    (
                        (
                            c_start + len(s.content) + (2 if quoted else 1),
                            c_start + len(s.content) + (2 if quoted else 1) + 9,
                        ),
                    ),
                    s.when,
                )
                if s.when
                else None,
                confidence=s.confidence,
                act=s.act,  # type: ignore[arg-type]
                channel=Span(s.channel, ((cue_start + 8, cue_start + 8 + len(s.channel)),))
                if s.channel
                else None,
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts)
    return Article(
        text=text,
        id=id,
        title=title,
        published=published,
        url=url,
        site=site,
        language="en",
        body=[(0, len(text))],
        attributions=attributions,
    )


def assert_offsets(article: Article) -> None:
    """Every span of every attribution indexes the article's text exactly."""
    for a in article.attributions:
        for span in (a.content, a.source, a.cue, a.channel):
            if span is not None:
                assert " ".join(article.text[s:e] for s, e in span.spans) == span.text
        if a.when is not None:
            assert " ".join(article.text[s:e] for s, e in a.when.spans) == a.when.text
