"""Speakers in the database: links of statements to names, and names to speakers.

Every attributed statement whose speaker has a clean name (``names.clean_name``)
belongs to a *link* (``identity.Link``: the name, the gender the statement gave it,
and for a one-word name its role and year), stored in ``speaker_links`` with the
link's counts, aliases (``link_aliases``) and roles (``link_roles``). A link points
at a speaker with the rule and evidence that put it there. ``SpeakerBook`` loads
the links a change touches (every link sharing a surname with it), asks
``identity.resolve`` again, and writes back only what changed: links that moved
take their statements with them (``attributions.speaker_id``), and the speakers'
counts, dates, type and gender are summed again from their links. A statement
whose speaker is not a clean name keeps its written speaker but no speaker id.

Manual decisions (``speaker_decisions``) are a log: who decided what, when. They
are keyed by names, not ids, so they hold for every later article and survive
``rebuild``, which recomputes every link from the stored statements.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from . import identity, links
from .connection import Connection, Row
from .identity import Decision, Decisions, Link, Verdict
from .links import Mention, mention, mention_of

__all__ = ["Mention", "SpeakerBook", "mention", "mention_of", "rebuild", "record", "relink"]

log = logging.getLogger(__name__)

_LINK_COLUMNS = (
    "id, name_key, gender, role_key, period, short, surname, first, type, name, speaker_id, rule, "
    "statements, first_date, last_date, evidence"
)
_REBUILD_CHUNK = 20_000


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _link(r: Row) -> Link:
    return Link(
        id=int(r["id"]),
        name_key=r["name_key"],
        gender=r["gender"],
        role_key=r["role_key"],
        period=r["period"],
        short=bool(r["short"]),
        surname=r["surname"],
        first=r["first"],
        type=r["type"],
        name=r["name"],
        statements=int(r["statements"]),
        first_date=r["first_date"],
        last_date=r["last_date"],
    )


def decision(r: Row) -> Decision:
    return Decision(
        int(r["id"]), r["action"], r["name_key"], r["target_key"], r["value"], r["actor"], r["decided_at"]
    )


class SpeakerBook:
    """The links and speakers one change touches, resolved and written together.

    Used inside the caller's write transaction: ``add`` the statements of a batch,
    ``settle`` (links and speakers written; returns each link's speaker and type),
    insert the statements, then ``finish`` (statements of links that moved follow
    them, aliases and roles counted).
    """

    def __init__(self, db: Connection) -> None:
        self.db = db
        self.links: dict[tuple[str, str, str, str], Link] = {}
        self.current: dict[int, int | None] = {}  # stored link id -> its stored speaker id
        self.rules: dict[int, tuple[str, str]] = {}  # stored link id -> (rule, evidence)
        self.new: set[int] = set()
        self.changed: set[int] = set()  # links whose counts changed
        self.aliases: Counter[tuple[int, str]] = Counter()
        self.alias_text: dict[tuple[int, str], str] = {}
        self.roles: dict[tuple[int, str], list[Any]] = {}
        self.moved: dict[int, tuple[int | None, str | None]] = {}  # stored link -> new speaker, type
        self.retyped: dict[int, str] = {}  # speaker id -> its new type
        self.touched: set[int] = set()  # speakers whose counts must be summed again
        self._next = int(db.scalar("SELECT coalesce(max(id), 0) AS v FROM speaker_links")) + 1

    # ---------------------------------------------------------------- loading

    def _adopt(self, rows: Iterable[Row]) -> None:
        for r in rows:
            x = _link(r)
            group = (x.name_key, x.gender, x.role_key, x.period)
            if group in self.links:
                continue
            self.links[group] = x
            self.current[x.id] = None if r["speaker_id"] is None else int(r["speaker_id"])
            self.rules[x.id] = (r["rule"], r["evidence"])

    def load_keys(self, keys: Iterable[str]) -> None:
        """Load the stored links of these name keys."""
        self._adopt(
            self.db.rows_in(f"SELECT {_LINK_COLUMNS} FROM speaker_links WHERE name_key IN ({{in}})", keys)
        )

    def load_related(self) -> None:
        """Load every stored link that can change with the links loaded so far: those
        sharing a surname (and the full names a one-word name may be the first name of)."""
        surnames = {x.surname for x in self.links.values() if x.surname}
        firsts = {x.name_key for x in self.links.values() if x.short}
        self._adopt(
            self.db.rows_in(f"SELECT {_LINK_COLUMNS} FROM speaker_links WHERE surname IN ({{in}})", surnames)
        )
        self._adopt(
            self.db.rows_in(f"SELECT {_LINK_COLUMNS} FROM speaker_links WHERE first IN ({{in}})", firsts)
        )
        self.load_keys(surnames | firsts)  # one-word names are keyed by their surname

    def load_speakers(self, speaker_ids: Iterable[int]) -> None:
        """Load the stored links of these speakers."""
        self._adopt(
            self.db.rows_in(
                f"SELECT {_LINK_COLUMNS} FROM speaker_links WHERE speaker_id IN ({{in}})",
                speaker_ids,
            )
        )

    def load_all(self) -> None:
        self._adopt(self.db.rows(f"SELECT {_LINK_COLUMNS} FROM speaker_links"))

    # ---------------------------------------------------------------- statements

    def add(self, m: Mention, date: str | None, role_date: str | None) -> Link:
        """Count one statement on its link (made when new)."""
        group = m.group(date)
        x = self.links.get(group)
        if x is None:
            x = links.new_link(self._next, m, group)
            self._next += 1
            self.links[group] = x
            self.new.add(x.id)
        links.count(x, m, date, role_date, self.aliases, self.alias_text, self.roles)
        self.changed.add(x.id)
        return x

    # ---------------------------------------------------------------- resolving

    def _decisions(self) -> Decisions:
        keys: set[str] = set()
        for x in self.links.values():
            keys |= {x.name_key, x.gendered_key}
        log_rows: dict[int, Decision] = {}
        frontier = set(keys)
        while frontier:  # follow chains of joins to their end
            found = self.db.rows_in(
                "SELECT id, action, name_key, target_key, value, actor, decided_at FROM speaker_decisions "
                "WHERE name_key IN ({in})",
                frontier,
            ) + self.db.rows_in(
                "SELECT id, action, name_key, target_key, value, actor, decided_at FROM speaker_decisions "
                "WHERE target_key IN ({in})",
                frontier,
            )
            frontier = set()
            for r in found:
                d = decision(r)
                if d.id not in log_rows:
                    log_rows[d.id] = d
                    for k in (d.name_key, d.target_key):
                        if k and k not in keys:
                            keys.add(k)
                            frontier.add(k)
        return Decisions.of(list(log_rows.values()))

    def _role_keys(self) -> None:
        """The roles stored links were given (one-word names carry theirs in the link)."""
        by_id = {x.id: x for x in self.links.values() if x.id not in self.new and not x.short}
        for r in self.db.rows_in("SELECT link_id, role_key FROM link_roles WHERE link_id IN ({in})", by_id):
            by_id[int(r["link_id"])].roles.add(r["role_key"])

    def settle(self) -> dict[int, tuple[int | None, str | None]]:
        """Resolve the loaded links; write links and speakers. Returns link id ->
        (speaker id, speaker type) for every loaded link."""
        self._role_keys()
        decisions = self._decisions()
        verdicts = identity.resolve(list(self.links.values()), decisions)
        homes = {v.home for v in verdicts.values() if v.home}
        speakers = {
            r["key"]: int(r["id"])
            for r in self.db.rows_in("SELECT id, key FROM speakers WHERE key IN ({in})", homes)
        }
        self._create_speakers(homes - set(speakers), verdicts, decisions, speakers)
        self._name_speakers(decisions, speakers)
        link_rows_new, link_rows_changed = [], []
        assignment: dict[int, int | None] = {}
        for x in self.links.values():
            v = verdicts[x.id]
            sid = speakers[v.home] if v.home else None
            assignment[x.id] = sid
            evidence = links.evidence_json(v)
            row = (
                sid,
                v.rule,
                evidence,
                v.actor,
                v.decided_at,
                x.statements,
                x.first_date,
                x.last_date,
                x.type,
            )
            if x.id in self.new:
                link_rows_new.append(links.link_row(x, sid, v))
                if sid:
                    self.touched.add(sid)
                continue
            old = self.current[x.id]
            if old != sid:
                self.moved[x.id] = (sid, None)
                self.touched |= {s for s in (old, sid) if s}
            if old != sid or self.rules[x.id] != (v.rule, evidence) or x.id in self.changed:
                link_rows_changed.append((*row, x.id))
                if x.id in self.changed and sid:
                    self.touched.add(sid)
        self.db.insert("speaker_links", links.LINK_COLUMNS, link_rows_new)
        self.db.executemany(
            "UPDATE speaker_links SET speaker_id = ?, rule = ?, evidence = ?, actor = ?, decided_at = ?, "
            "statements = ?, first_date = ?, last_date = ?, type = ? WHERE id = ?",
            link_rows_changed,
        )
        types = self._sum_speakers(decisions)
        for link_id, (sid, _) in list(self.moved.items()):
            self.moved[link_id] = (sid, types.get(sid) if sid else None)
        return {lid: (sid, types.get(sid) if sid else None) for lid, sid in assignment.items()}

    def _create_speakers(
        self, missing: set[str], verdicts: dict[int, Verdict], decisions: Decisions, speakers: dict[str, int]
    ) -> None:
        if not missing:
            return

        best = links.shown(self.links.values(), verdicts, missing)
        next_id = int(self.db.scalar("SELECT coalesce(max(id), 0) AS v FROM speakers")) + 1
        rows = []
        for home in links.in_order(self.links.values(), verdicts, missing):
            x = best[home]
            named = decisions.names.get(home)
            name = named.value if named and named.value else x.name
            rows.append((next_id, home, name, x.type, x.surname, 0, None, None))
            speakers[home] = next_id
            next_id += 1
        self.db.insert(
            "speakers",
            ("id", "key", "name", "type", "surname", "statements", "first_date", "last_date"),
            rows,
        )

    def _name_speakers(self, decisions: Decisions, speakers: dict[str, int]) -> None:
        """Names and external ids decided by hand, on the speakers in play."""
        renames = [(d.value, speakers[h]) for h, d in decisions.names.items() if h in speakers and d.value]
        self.db.executemany("UPDATE speakers SET name = ? WHERE id = ?", renames)
        ids = [(d.value, speakers[h]) for h, d in decisions.external.items() if h in speakers]
        self.db.executemany("UPDATE speakers SET external_id = ? WHERE id = ?", ids)

    def _sum_speakers(self, decisions: Decisions) -> dict[int, str]:
        """Counts, dates, type and gender of the touched speakers, from their links;
        returns every touched speaker's type."""
        ids = [s for s in self.touched if s]
        parts: dict[int, list[Row]] = defaultdict(list)
        for r in self.db.rows_in(
            "SELECT speaker_id, type, gender, short, sum(statements) AS n, min(first_date) AS lo, "
            "max(last_date) AS hi FROM speaker_links WHERE speaker_id IN ({in}) "
            "GROUP BY speaker_id, type, gender, short",
            ids,
        ):
            parts[int(r["speaker_id"])].append(r)
        stored = {
            int(r["id"]): r
            for r in self.db.rows_in("SELECT id, key, type, gender FROM speakers WHERE id IN ({in})", ids)
        }
        rows, types = [], {}
        for sid in ids:
            if sid not in stored:
                continue
            kind, gender, statements, lo, hi = links.totals(
                stored[sid]["key"],
                (
                    (r["type"], r["gender"], bool(r["short"]), int(r["n"]), r["lo"], r["hi"])
                    for r in parts.get(sid, [])
                ),
            )
            rows.append((kind, gender, statements, lo, hi, sid))
            types[sid] = kind
            if stored[sid]["type"] != kind:
                self.retyped[sid] = kind
        self.db.executemany(
            "UPDATE speakers SET type = ?, gender = ?, statements = ?, first_date = ?, last_date = ? WHERE id = ?",
            rows,
        )
        return types

    # ---------------------------------------------------------------- after the statements

    def finish(self) -> None:
        """Move the statements of links that changed speaker, and count aliases and roles."""
        db = self.db
        db.executemany(
            "UPDATE attributions SET speaker_id = ?, resolved_type = ? WHERE speaker_link = ?",
            [(sid, kind, lid) for lid, (sid, kind) in self.moved.items()],
        )
        db.executemany(
            "UPDATE attributions SET resolved_type = ? WHERE speaker_id = ? AND coalesce(resolved_type, '') <> ?",
            [(kind, sid, kind) for sid, kind in self.retyped.items()],
        )
        db.executemany(
            "INSERT INTO link_aliases (link_id, alias_key, alias, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (link_id, alias_key) DO UPDATE SET count = link_aliases.count + excluded.count",
            [(lid, akey, self.alias_text[(lid, akey)], n) for (lid, akey), n in self.aliases.items()],
        )
        db.executemany(
            "INSERT INTO link_roles (link_id, role_key, role, first_seen, last_seen, count) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (link_id, role_key) DO UPDATE SET "
            "count = link_roles.count + excluded.count, "
            "role = CASE WHEN length(excluded.role) < length(link_roles.role) THEN excluded.role "
            "ELSE link_roles.role END, "
            "first_seen = CASE WHEN link_roles.first_seen IS NULL OR excluded.first_seen < "
            "link_roles.first_seen THEN excluded.first_seen ELSE link_roles.first_seen END, "
            "last_seen = CASE WHEN link_roles.last_seen IS NULL OR excluded.last_seen > "
            "link_roles.last_seen THEN excluded.last_seen ELSE link_roles.last_seen END",
            [(lid, rkey, v[0], v[1], v[2], v[3]) for (lid, rkey), v in self.roles.items()],
        )
        # A speaker left without statements (merged away, its statement corrected) keeps
        # its row and id: listings skip it, and its name brings the same id back.


def record(db: Connection, action: str, name_key: str, target_key: str, value: str | None, actor: str) -> int:
    """Append a manual decision to the log; returns its id."""
    did = int(db.scalar("SELECT coalesce(max(id), 0) AS v FROM speaker_decisions")) + 1
    db.execute(
        "INSERT INTO speaker_decisions (id, action, name_key, target_key, value, actor, decided_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (did, action, name_key, target_key, value, actor, now()),
    )
    return did


def rebuild(db: Connection) -> tuple[int, int]:
    """Recompute every link from the stored statements and resolve them all again
    (after an upgrade, or to apply changed rules); manual decisions hold.
    Returns (statements attributed to a speaker, statements moved)."""
    book = SpeakerBook(db)
    book.load_all()
    for x in book.links.values():
        x.statements, x.first_date, x.last_date = 0, None, None
        book.changed.add(x.id)
    db.execute("DELETE FROM link_aliases")
    db.execute("DELETE FROM link_roles")
    placed: dict[int, tuple[int | None, str | None]] = {}  # attribution -> link, role
    old: dict[int, tuple[Any, ...]] = {}
    last = 0
    while True:
        rows = db.rows(
            "SELECT a.id, a.speaker_name, a.speaker_role, a.speaker_type, a.speaker_gender, a.source, a.date, "
            "ar.pub_date, a.speaker_link, a.speaker_id, a.resolved_type, a.role FROM attributions a "
            "JOIN articles ar ON ar.id = a.article_id WHERE a.id > ? ORDER BY a.id LIMIT ?",
            (last, _REBUILD_CHUNK),
        )
        if not rows:
            break
        for r in rows:
            aid = int(r["id"])
            last = aid
            m = mention(
                r["speaker_name"], r["speaker_role"], r["speaker_type"], r["speaker_gender"], r["source"]
            )
            old[aid] = (r["speaker_link"], r["speaker_id"], r["resolved_type"], r["role"])
            if m is None:
                placed[aid] = (None, None)
                continue
            x = book.add(m, r["date"], r["pub_date"] or r["date"])
            placed[aid] = (x.id, m.role)
    empty = [x for x in book.links.values() if x.statements == 0]
    for x in empty:  # names no statement gives any more
        del book.links[(x.name_key, x.gender, x.role_key, x.period)]
    db.executemany("DELETE FROM speaker_links WHERE id = ?", [(x.id,) for x in empty])
    book.touched |= {s for s in book.current.values() if s}
    assignment = book.settle()
    book.moved.clear()  # every statement is rewritten below, where it changed
    updates = []
    for aid, (lid, role) in placed.items():
        sid, kind = assignment.get(lid, (None, None)) if lid is not None else (None, None)
        new = (lid, sid, kind, role)
        if tuple(old[aid]) != new:
            updates.append((*new, aid))
    db.executemany(
        "UPDATE attributions SET speaker_link = ?, speaker_id = ?, resolved_type = ?, role = ? WHERE id = ?",
        updates,
    )
    book.retyped.clear()
    book.finish()
    attributed = sum(1 for lid, _ in placed.values() if lid is not None)
    return attributed, len(updates)


def relink(db: Connection, attribution_ids: Iterable[int], left: Iterable[int | None] = ()) -> None:
    """Put these statements, as their rows now stand, on their links again, after an
    edit (a reader's correction applied or undone); ``left`` are links statements were
    deleted from. Links are recounted from their statements, and everything they touch
    is resolved again, as after an ingest. Alias and role counts only grow."""
    ids = sorted({int(i) for i in attribution_ids})
    rows = db.rows_in(
        "SELECT a.id, a.speaker_name, a.speaker_role, a.speaker_type, a.speaker_gender, a.source, a.date, "
        "ar.pub_date, a.speaker_link, a.speaker_id FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        "WHERE a.id IN ({in})",
        ids,
    )
    old = {int(x) for x in left if x is not None} | {
        int(r["speaker_link"]) for r in rows if r["speaker_link"]
    }
    book = SpeakerBook(db)
    said = {
        int(r["id"]): mention(
            r["speaker_name"], r["speaker_role"], r["speaker_type"], r["speaker_gender"], r["source"]
        )
        for r in rows
    }
    book.load_keys({m.clean.key for m in said.values() if m})
    book._adopt(db.rows_in(f"SELECT {_LINK_COLUMNS} FROM speaker_links WHERE id IN ({{in}})", old))
    placed: dict[int, tuple[int | None, str | None]] = {}
    for r in rows:
        m = said[int(r["id"])]
        x = book.add(m, r["date"], r["pub_date"] or r["date"]) if m else None
        placed[int(r["id"])] = (x.id if x else None, m.role if m else None)
    db.executemany(
        "UPDATE attributions SET speaker_link = ? WHERE id = ?",
        [(lid, aid) for aid, (lid, _) in placed.items()],
    )
    counts = {
        int(r["link"]): r
        for r in db.rows_in(
            "SELECT speaker_link AS link, count(*) AS n, min(date) AS lo, max(date) AS hi FROM attributions "
            "WHERE speaker_link IN ({in}) GROUP BY speaker_link",
            [x.id for x in book.links.values()],
        )
    }
    for group, x in list(book.links.items()):
        if x.id not in old and x.id not in book.new and x.id not in {lid for lid, _ in placed.values()}:
            continue  # loaded by name only: its counts stand
        got = counts.get(x.id)
        x.statements = int(got["n"]) if got else 0
        x.first_date, x.last_date = (got["lo"], got["hi"]) if got else (None, None)
        book.changed.add(x.id)
        if not x.statements:  # no statement gives this name any more
            del book.links[group]
            book.new.discard(x.id)
            for table in ("link_aliases", "link_roles"):
                db.execute(f"DELETE FROM {table} WHERE link_id = ?", (x.id,))
            db.execute("DELETE FROM speaker_links WHERE id = ?", (x.id,))
    book.aliases = Counter(
        {k: n for k, n in book.aliases.items() if k[0] in {x.id for x in book.links.values()}}
    )
    book.roles = {k: v for k, v in book.roles.items() if k[0] in {x.id for x in book.links.values()}}
    book.touched |= {s for s in book.current.values() if s} | {
        int(r["speaker_id"]) for r in rows if r["speaker_id"]
    }
    book.load_related()
    assignment = book.settle()
    db.executemany(
        "UPDATE attributions SET speaker_id = ?, resolved_type = ?, role = ? WHERE id = ?",
        [
            (*(assignment.get(lid, (None, None)) if lid else (None, None)), role, aid)
            for aid, (lid, role) in placed.items()
        ],
    )
    book.finish()
