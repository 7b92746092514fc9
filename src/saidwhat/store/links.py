"""Statements into links, and links into speakers, as plain data.

The part of speaker identity that needs no database (``speakers.py`` has the part
that reads and writes it): what a statement says about its speaker (``Mention``),
the link it is counted on (``new_link``, ``count``), the name a new speaker shows
(``shown``) and a speaker's type, gender and counts summed from its links
(``totals``). ``SpeakerBook`` calls these batch by batch as the store ingests;
``settle_new`` applies them to a whole set of links at once, as ``SpeakerBook``
settles the links of one transaction into a store without speakers, which is what
the Spark job (``batch/spark_merge.py``) and the bulk loader (``bulk.py``) do
with a corpus's link table. The rules exist once.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Attribution
from . import identity, names
from .identity import Decisions, Link, Verdict
from .roles import clean_role, role_key

__all__ = [
    "ALIAS_COLUMNS",
    "LINK_COLUMNS",
    "ROLE_COLUMNS",
    "SPEAKER_COLUMNS",
    "Mention",
    "Settled",
    "count",
    "evidence_json",
    "in_order",
    "link_row",
    "mention",
    "mention_of",
    "new_link",
    "settle_new",
    "shown",
    "totals",
]

Group = tuple[str, str, str, str]  # (name key, gender, role key, period): one link


@dataclass(frozen=True)
class Mention:
    """What one statement says about its speaker, cleaned."""

    clean: names.CleanName
    gender: str  # "m", "f" or ""
    role: str | None  # a clean role, from the role given or a title in the name
    alias: str | None  # a shorter form at the cue ("Pompeo" for Mike Pompeo)

    def group(self, date: str | None) -> Group:
        """The link this statement belongs to: (name key, gender, role key, period)."""
        if not self.clean.short:
            return (self.clean.key, self.gender, "", "")
        return (self.clean.key, self.gender, role_key(self.role) if self.role else "", (date or "")[:4])


def mention(
    name: str | None, role: str | None, type_: str | None, gender: str | None, source: str | None
) -> Mention | None:
    """The cleaned speaker of a statement, or None when it has no speaker whose name is a name."""
    if not name or not name.strip():
        return None
    clean = names.clean_name(name, type_ or "UNKNOWN")
    if clean is None:
        return None
    person = clean.type in identity.PERSONS
    said = names.mention_gender(gender, name, source) if person else None
    # a role is a person's title or position; "House" beside "Republicans" is not one
    found = (clean_role(role) or (clean_role(clean.title) if clean.title else None)) if person else None
    alias = names.is_alias(source, clean.key) if source and person and not clean.short else None
    return Mention(clean, said or clean.gender or "", found, alias)


def mention_of(a: Attribution) -> Mention | None:
    """The cleaned speaker of ``a`` (see ``mention``)."""
    sp = a.speaker
    if sp is None:
        return None
    return mention(sp.name, sp.role, sp.type, sp.gender, a.source.text if a.source else None)


# ---------------------------------------------------------------- statements into links


def new_link(link_id: int, m: Mention, group: Group) -> Link:
    """A link first given by statement ``m`` (no statement counted yet)."""
    c = m.clean
    return Link(link_id, c.key, group[1], group[2], group[3], c.short, c.surname, c.first, c.type, c.name)


def count(
    x: Link,
    m: Mention,
    date: str | None,
    role_date: str | None,
    aliases: Counter[tuple[int, str]],
    alias_text: dict[tuple[int, str], str],
    roles: dict[tuple[int, str], list[Any]],
) -> None:
    """Count statement ``m`` (dated ``date``, its role dated ``role_date``) on link ``x``;
    the link's aliases and roles go to ``aliases``/``alias_text`` (alias -> statements,
    first form seen) and ``roles`` ([role, first seen, last seen, statements]), keyed
    (link id, key)."""
    x.statements += 1
    if date:
        x.first_date = min(x.first_date or date, date)
        x.last_date = max(x.last_date or date, date)
    if x.type == "UNKNOWN" and m.clean.type != "UNKNOWN":
        x.type = m.clean.type
    for alias in filter(None, (m.clean.name, m.alias)):
        akey = (x.id, names.name_key(alias, m.clean.type))
        aliases[akey] += 1
        alias_text.setdefault(akey, alias)
    if m.role:
        key = (x.id, role_key(m.role) or m.role.lower())
        x.roles.add(key[1])
        seen = roles.get(key)
        if seen is None:
            roles[key] = [m.role, role_date, role_date, 1]
        else:
            seen[3] += 1
            if len(m.role) < len(seen[0]):  # the plainest spelling: "Secretary of State", not "US ..."
                seen[0] = m.role
            if role_date:
                seen[1] = min(seen[1] or role_date, role_date)
                seen[2] = max(seen[2] or role_date, role_date)


# ---------------------------------------------------------------- links into speakers


def evidence_json(v: Verdict) -> str:
    """A verdict's evidence as stored (``speaker_links.evidence``)."""
    return json.dumps(v.evidence, sort_keys=True, ensure_ascii=False)


def shown(links: Iterable[Link], verdicts: dict[int, Verdict], homes: set[str]) -> dict[str, Link]:
    """For each of ``homes`` (new speakers), the link whose name it shows: its own
    link's (most quoted, full names first), else a joined one's."""

    def rank(x: Link, home: str) -> tuple[bool, bool, int, int]:
        own = x.name_key == home or x.fallback_home == home
        return (own, not x.short, x.statements, -x.id)

    best: dict[str, Link] = {}
    for x in links:
        home = verdicts[x.id].home or ""
        if home in homes and (home not in best or rank(x, home) > rank(best[home], home)):
            best[home] = x
    return best


def in_order(links: Iterable[Link], verdicts: dict[int, Verdict], homes: set[str]) -> list[str]:
    """``homes`` (new speakers) in the order they are numbered: by their earliest link,
    that is by their first statement (links are numbered by theirs), so a speaker's id
    does not depend on how the articles were split into transactions."""
    first: dict[str, int] = {}
    for x in links:
        home = verdicts[x.id].home
        if home in homes and x.id < first.get(home, x.id + 1):
            first[home] = x.id
    return sorted(homes, key=lambda home: (first[home], home))


def totals(
    key: str, parts: Iterable[tuple[str, str, bool, int, str | None, str | None]]
) -> tuple[str, str | None, int, str | None, str | None]:
    """A speaker's (type, gender, statements, first date, last date) from its links,
    given as (type, gender, short, statements, first date, last date) sums; ``key``
    is the speaker's home key.

    Its type is the one most of its statements give (ties: the first by name); its
    gender is settled by its full names' statements, else its first name, else a
    one-word name's speaker has the gender of its key."""
    by_type: Counter[str] = Counter()
    male = female = statements = 0
    lo = hi = None
    for type_, said, short, n, first, last in parts:
        by_type[type_] += n
        statements += n
        if not short:
            male += n if said == "m" else 0
            female += n if said == "f" else 0
        lo = min(filter(None, (lo, first)), default=None)
        hi = max(filter(None, (hi, last)), default=None)
    known = sorted((t for t in by_type if t != "UNKNOWN"), key=lambda t: (-by_type[t], t))
    kind = known[0] if known else "UNKNOWN"
    words = key.split("|")[0].split()
    prior = names.first_name_gender(words[0]) if len(words) >= 2 and kind in identity.PERSONS else None
    gender = identity.settle_gender(male, female, prior) if kind in identity.PERSONS else None
    if gender is None and "|" in key:
        gender = key.split("|")[1]  # a one-word name's speaker of one gender
    return kind, gender, statements, lo, hi


@dataclass
class Settled:
    """A set of new links settled into new speakers (see ``settle_new``).

    Attributes:
        speakers: rows of SPEAKER_COLUMNS, by id.
        links: rows of LINK_COLUMNS, by id.
        speaker_of: link id -> (speaker id, its settled type), or (None, None) when the
            link is unresolved (what ``SpeakerBook.settle`` returns).
    """

    speakers: list[tuple[Any, ...]] = field(default_factory=list)
    links: list[tuple[Any, ...]] = field(default_factory=list)
    speaker_of: dict[int, tuple[int | None, str | None]] = field(default_factory=dict)


LINK_COLUMNS = (
    "id",
    "name_key",
    "gender",
    "role_key",
    "period",
    "short",
    "surname",
    "first",
    "name",
    "speaker_id",
    "rule",
    "evidence",
    "actor",
    "decided_at",
    "statements",
    "first_date",
    "last_date",
    "type",
)
ALIAS_COLUMNS = ("link_id", "alias_key", "alias", "count")
ROLE_COLUMNS = ("link_id", "role_key", "role", "first_seen", "last_seen", "count")
SPEAKER_COLUMNS = (
    "id",
    "key",
    "name",
    "type",
    "gender",
    "external_id",
    "surname",
    "statements",
    "first_date",
    "last_date",
)


def link_row(x: Link, speaker_id: int | None, v: Verdict) -> tuple[Any, ...]:
    """The ``speaker_links`` row (LINK_COLUMNS) of a new link ``x``, put at ``speaker_id`` by ``v``."""
    return (
        x.id,
        x.name_key,
        x.gender,
        x.role_key,
        x.period,
        int(x.short),
        x.surname,
        x.first,
        x.name,
        speaker_id,
        v.rule,
        evidence_json(v),
        v.actor,
        v.decided_at,
        x.statements,
        x.first_date,
        x.last_date,
        x.type,
    )


def settle_new(links: list[Link], decisions: Decisions | None = None, first_id: int = 1) -> Settled:
    """Settle ``links`` (with their statements counted and role keys) into speakers,
    as ``SpeakerBook.settle`` does when every link is new and no speaker is stored:
    resolved together (``identity.resolve``), one speaker per home key, numbered
    from ``first_id`` by ``in_order``, named by ``shown`` or a manual decision, with
    type, gender and counts from ``totals``."""
    decisions = decisions or Decisions()
    ordered = sorted(links, key=lambda x: x.id)
    verdicts = identity.resolve(ordered, decisions)
    homes = {v.home for v in verdicts.values() if v.home}
    best = shown(ordered, verdicts, homes)
    ids = {home: first_id + n for n, home in enumerate(in_order(ordered, verdicts, homes))}
    out = Settled()
    parts: dict[int, list[tuple[str, str, bool, int, str | None, str | None]]] = defaultdict(list)
    for x in ordered:
        v = verdicts[x.id]
        sid = ids[v.home] if v.home else None
        out.links.append(link_row(x, sid, v))
        if sid is not None:
            parts[sid].append((x.type, x.gender, x.short, x.statements, x.first_date, x.last_date))
    types: dict[int, str] = {}
    for home, sid in ids.items():
        x = best[home]
        named = decisions.names.get(home)
        external = decisions.external.get(home)
        kind, gender, statements, lo, hi = totals(home, parts[sid])
        name = named.value if named and named.value else x.name
        out.speakers.append(
            (
                sid,
                home,
                name,
                kind,
                gender,
                external.value if external else None,
                x.surname,
                statements,
                lo,
                hi,
            )
        )
        types[sid] = kind
    for row in out.links:
        sid = row[9]
        out.speaker_of[row[0]] = (sid, types[sid]) if sid is not None else (None, None)
    return out
