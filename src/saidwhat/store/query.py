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
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..errors import StoreError
from ..model import ACTS, KINDS, SPEAKER_TYPES

MAX_TERMS = 64  # words in one query; beyond this it is not a search but a document
MAX_LIMIT = 1000
# Deeper than this, paging is not reading but scanning; the engines' OFFSET is 64-bit.
MAX_OFFSET = 1_000_000
# Row ids are 64-bit signed integers on both engines; a larger number names no row.
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")


def row_id(value: int | str) -> int | None:
    """``value`` as a row id (a positive integer that fits 64 bits), or None."""
    if isinstance(value, str):
        value = value.strip()
        if not _ID.fullmatch(value):
            return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


# Letters and digits, as FTS5's unicode61 and PostgreSQL's parser see words.
WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"?|([^"\s]+)')
# PostgreSQL's English stop words (snowball english.stop): its parser drops them, so
# both engines drop them from queries, where a lone one would match nearly anything.
STOPWORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he
    him his himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had having
    do does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on off
    over under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don should
    now""".split()
)
# Letters that do not decompose into a base letter and an accent.
_LETTERS = str.maketrans("ØøŁłĐđĦħı", "OoLlDdHhi")


def fold_accents(word: str) -> str:
    """A word without the accents of its Latin letters ("Zürich" -> "Zurich"), as
    FTS5's ``remove_diacritics`` and the PostgreSQL schema's ``saidwhat_fold`` fold
    indexed text."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_LETTERS))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def parse(q: str) -> list[tuple[str, ...]]:
    """The phrases of a query, each a tuple of words (a lone word is a phrase of one).

    A quoted phrase keeps its words in order; an unquoted token is a phrase too
    ("Soleimani's" is soleimani-then-s). Lone stop words are dropped (STOPWORDS).

    Raises:
        StoreError: the query has more than MAX_TERMS words.
    """
    phrases: list[tuple[str, ...]] = []
    count = 0
    for m in _PHRASE.finditer(q or ""):
        words = tuple(WORD.findall(m.group(1) if m.group(1) is not None else m.group(2)))
        count += len(words)
        content = [w for w in words if w.lower() not in STOPWORDS]
        if len(words) == 1 and not content:
            continue
        if content:
            phrases.append(words)
    if count > MAX_TERMS:
        raise StoreError(f"search query too long: {count} words (at most {MAX_TERMS})")
    return phrases


def fts5_query(phrases: list[tuple[str, ...]]) -> str:
    """An FTS5 MATCH string: every phrase double-quoted (escape_fts), implicitly ANDed."""
    return " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in phrases)


# The act of a statement stored before acts were recorded (schema 7): its act is NULL.
UNKNOWN_ACT = "unknown"
# What an act filter may name: every act, and "unknown"; "all" means no filter.
ACT_FILTERS: tuple[str, ...] = (*ACTS, UNKNOWN_ACT)
ALL_ACTS = "all"
# The act of most statements (69% of the extractor's on PolNeAR dev): a filter keeping it
# keeps most rows, which decides how a count is best made (reader._exact_count).
MOST_ACT = "speech"


def check_acts(values: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """The acts a filter keeps, in ``ACT_FILTERS`` order, from a user's values (one act
    or several, any case; "all" or every value: None, no filter; none given: None).

    Raises:
        StoreError: a value that is no act.
    """
    if values is None:
        return None
    given = [values] if isinstance(values, str) else list(values)
    wanted: set[str] = set()
    for value in given:
        for part in str(value).split(","):  # "speech,writing" as well as one value a flag
            name = part.strip().lower()
            if not name:
                continue
            if name == ALL_ACTS:
                return None
            if name not in ACT_FILTERS:
                raise StoreError(
                    f"unknown act {part.strip()[:40]!r}; expected one of {', '.join(ACT_FILTERS)} or all"
                )
            wanted.add(name)
    if not wanted or wanted == set(ACT_FILTERS):
        return None
    return tuple(a for a in ACT_FILTERS if a in wanted)


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
    speaker_type: str | None = None  # PERSON, ORG, GROUP or UNKNOWN: the speaker's settled type
    acts: tuple[str, ...] | None = None  # the acts kept (ACT_FILTERS order); None: every act

    @classmethod
    def of(
        cls,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        site: str | None = None,
        speaker_type: str | None = None,
        act: str | Iterable[str] | None = None,
    ) -> Filters:
        """Filters checked and normalised.

        Raises:
            StoreError: an unknown kind, act or speaker type, or a malformed date.
        """
        if kind is not None and kind not in KINDS:
            raise StoreError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        wanted = speaker_type.strip().upper() if speaker_type and speaker_type.strip() else None
        if wanted is not None and wanted not in SPEAKER_TYPES:
            raise StoreError(
                f"unknown speaker type {speaker_type!r}; expected one of {', '.join(SPEAKER_TYPES)}"
            )
        return cls(
            speaker=speaker.strip() if speaker and speaker.strip() else None,
            since=check_date(since, "since"),
            until=check_date(until, "until"),
            kind=kind,
            site=site_key(site),
            speaker_type=wanted,
            acts=check_acts(act),
        )


def site_key(site: str | None) -> str | None:
    """A site as stored and filtered on: trimmed, lower case, NUL-free, at most 200
    characters; None when empty."""
    return site.replace("\x00", "").strip().lower()[:200] or None if site else None


def check_page(limit: int, offset: int) -> None:
    """Raises StoreError for a page size or offset out of range."""
    if not 1 <= int(limit) <= MAX_LIMIT:
        raise StoreError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if not 0 <= int(offset) <= MAX_OFFSET:
        raise StoreError(f"offset must be between 0 and {MAX_OFFSET:,}, not {offset}")


@dataclass
class FilterPlan:
    """How a text search applies its filters: speaker, kind and site as index tokens
    (any token of each group, every group; migration 0002), so the full-text engine
    intersects them with the words and ranks only what is left; the date range as
    the engine prefers (a row-key range in SQLite, conditions in PostgreSQL).
    ``empty``: nothing can match."""

    groups: list[list[str]] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    empty: bool = False
    acts: tuple[str, ...] | None = None  # as Filters.acts: each engine applies them its way


def plan_filters(filters: Filters, speakers: list[int] | None) -> FilterPlan:
    """The index tokens and date range of ``filters`` (speakers already resolved to ids)."""
    if speakers is not None and not speakers:
        return FilterPlan(empty=True)
    if filters.since and filters.until and filters.since > filters.until:
        return FilterPlan(empty=True)
    groups = []
    if speakers is not None:
        groups.append([f"s{int(i)}" for i in speakers])
    if filters.kind:
        groups.append([f"k{filters.kind}"])
    if filters.site:
        groups.append(["h" + filters.site.encode("utf-8").hex()])
    if filters.speaker_type:
        groups.append([f"t{filters.speaker_type.lower()}"])
    return FilterPlan(groups, filters.since, filters.until, acts=filters.acts)


def act_condition(acts: tuple[str, ...], column: str = "a.act") -> tuple[str, list[str]]:
    """An SQL condition keeping ``acts`` on ``column`` ("unknown": NULL), and its parameters."""
    known = [a for a in acts if a != UNKNOWN_ACT]
    parts = [f"{column} IN ({', '.join('?' * len(known))})"] if known else []
    if UNKNOWN_ACT in acts:
        parts.append(f"{column} IS NULL")
    return "(" + " OR ".join(parts) + ")", known
