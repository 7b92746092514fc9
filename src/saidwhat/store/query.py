"""What a user typed into a search box, made safe for either full-text engine.

A query is words, all of which must match, and "double-quoted phrases" whose words
must match in order. Nothing else has meaning: FTS5 syntax (``NEAR``, ``*``, ``:``,
``^``, ``OR``, parentheses), SQL fragments and stray quotes are plain text, split
into words the way both engines' tokenisers split them. Each backend then writes
the parsed words as its own syntax (an FTS5 string of quoted phrases, or
``phraseto_tsquery`` calls), always as bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import StoreError
from ..model import KINDS

MAX_TERMS = 64  # words in one query; beyond this it is not a search but a document
MAX_LIMIT = 1000
# Letters and digits, as FTS5's unicode61 and PostgreSQL's parser see words.
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"?|([^"\s]+)')


def parse(q: str) -> list[tuple[str, ...]]:
    """The phrases of a query, each a tuple of words (a lone word is a phrase of one).

    Raises:
        StoreError: the query has more than MAX_TERMS words.
    """
    phrases: list[tuple[str, ...]] = []
    count = 0
    for m in _PHRASE.finditer(q or ""):
        if m.group(1) is not None:
            words = tuple(_WORD.findall(m.group(1)))
            groups = [words] if words else []
        else:  # an unquoted token: "Soleimani's" is words of one phrase, "a+b" too
            words = tuple(_WORD.findall(m.group(2)))
            groups = [words] if words else []
        for g in groups:
            count += len(g)
            phrases.append(g)
    if count > MAX_TERMS:
        raise StoreError(f"search query too long: {count} words (at most {MAX_TERMS})")
    return phrases


def fts5_query(phrases: list[tuple[str, ...]]) -> str:
    """An FTS5 MATCH string: every phrase double-quoted (escape_fts), implicitly ANDed."""
    return " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in phrases)


def check_date(value: str | None, name: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a user's filter; a datetime is cut to its date.

    Raises:
        StoreError: not a date.
    """
    if value is None or value == "":
        return None
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise StoreError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD date of an ISO date or datetime, or None when it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """Validated search filters."""

    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    site: str | None = None

    @classmethod
    def of(
        cls,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        site: str | None = None,
    ) -> Filters:
        """Filters checked and normalised.

        Raises:
            StoreError: an unknown kind or a malformed date.
        """
        if kind is not None and kind not in KINDS:
            raise StoreError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        return cls(
            speaker=speaker.strip() if speaker and speaker.strip() else None,
            since=check_date(since, "since"),
            until=check_date(until, "until"),
            kind=kind,
            site=site.strip().lower() if site and site.strip() else None,
        )


def check_page(limit: int, offset: int) -> None:
    """Raises StoreError for a page size or offset out of range."""
    if not 1 <= int(limit) <= MAX_LIMIT:
        raise StoreError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if int(offset) < 0:
        raise StoreError(f"offset must not be negative, not {offset}")
