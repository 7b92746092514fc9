"""People deciding who is who: merge, split, rename, alias files, and why.

Each correction is appended to the decision log (``speaker_decisions``: what,
who, when), keyed by names rather than ids, then the links it touches are resolved
again (``speakers.SpeakerBook``), so the statements move at once and every later
article, and a ``rebuild``, honour it. Functions take a connection inside the
caller's write (or, for ``explain``, read) transaction.

A correction that cannot be made as asked raises ``DecisionRefused`` (a
``StoreError``, so the CLI says it in one line); the web app answers it 422,
``DecisionConflict`` 409 and ``NoSuchSpeaker`` 404.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import StoreError
from . import names
from .connection import Connection, Row
from .speakers import SpeakerBook, record

MAX_NAME = 200
MAX_ACTOR = 200
MAX_EXTERNAL_ID = 100
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# An identifier in another catalogue ("Q76", "viaf:52010985"): printable, no spaces.
EXTERNAL_ID = re.compile(rf"^[^\s\x00-\x1f\x7f-\x9f]{{1,{MAX_EXTERNAL_ID}}}$")


class NoSuchSpeaker(StoreError):
    """No stored speaker has this id, name or alias."""


class DecisionRefused(StoreError):
    """A correction that cannot be made as asked (a name the speaker does not have,
    an empty name, a malformed alias file); nothing was changed."""


class DecisionConflict(DecisionRefused):
    """A correction at odds with the store as it is (two speakers that are already
    one, an external id another speaker has); nothing was changed."""


def _actor(actor: str) -> str:
    actor = (actor or "").strip()
    if not actor or len(actor) > MAX_ACTOR:
        raise DecisionRefused("a correction needs who made it (actor), at most 200 characters")
    return actor


def name_key(name: str) -> str:
    """The key a written name is stored under (its clean form when it has one)."""
    clean = names.clean_name(name, "UNKNOWN")
    return clean.key if clean else names.fold(name)


def find_speaker(db: Connection, who: int | str) -> Row:
    """The stored speaker with this id, or the one a name or alias names.

    Raises:
        NoSuchSpeaker: no such speaker.
    """
    from .reader import speaker as read_speaker

    detail = read_speaker(db, who)
    row = db.one("SELECT id, key, name, type FROM speakers WHERE id = ?", (detail.id,)) if detail else None
    if row is None:
        if isinstance(who, int):
            raise NoSuchSpeaker(f"there is no speaker with id {who}")
        raise NoSuchSpeaker(f"no speaker called {who!r} (try 'saidwhat speakers --name ...')")
    return row


def resettle(db: Connection, speaker_ids: Iterable[int] = (), keys: Iterable[str] = ()) -> None:
    """Resolve again the links of these speakers and names, and everything sharing a surname."""
    ids = set(speaker_ids)
    book = SpeakerBook(db)
    book.load_speakers(ids)
    book.load_keys(set(keys))
    book.load_related()
    book.touched |= ids
    book.settle()
    book.finish()


def merge(db: Connection, a: int | str, b: int | str, actor: str) -> int:
    """Speaker ``a`` becomes part of speaker ``b`` (which keeps its name); returns b's id.

    Raises:
        NoSuchSpeaker: either is unknown.
        DecisionConflict: they already are one speaker, or ``a`` has no statements left.
    """
    who = _actor(actor)
    sa, sb = find_speaker(db, a), find_speaker(db, b)
    if sa["id"] == sb["id"]:
        raise DecisionConflict(f"{sa['name']!r} and {sb['name']!r} are already one speaker (id {sa['id']})")
    if db.one("SELECT id FROM speaker_links WHERE speaker_id = ? LIMIT 1", (int(sa["id"]),)) is None:
        raise DecisionConflict(
            f"{sa['name']!r} (speaker {sa['id']}) has no statements left to merge "
            "(merged into another speaker, or corrected away)"
        )
    record(db, "merge", sa["key"], sb["key"], None, who)
    resettle(db, [int(sa["id"]), int(sb["id"])], [sa["key"], sb["key"]])
    return int(find_speaker(db, int(sb["id"]))["id"])


def split(db: Connection, speaker: int | str, name: str, actor: str) -> int | None:
    """Take ``name`` (one of the speaker's names) away from the speaker, for good;
    returns the id of the speaker its statements now belong to (None: unresolved).

    Raises:
        NoSuchSpeaker: unknown speaker.
        DecisionRefused: the name is not one of its names, or is its own.
    """
    who = _actor(actor)
    sp = find_speaker(db, speaker)
    key = name_key(name)
    links = db.rows(
        "SELECT id, name_key, gender FROM speaker_links WHERE speaker_id = ? AND name_key IN (?, ?)",
        (int(sp["id"]), key, names.fold(name)),
    )
    if not links:
        known = [
            r["name"]
            for r in db.rows("SELECT DISTINCT name FROM speaker_links WHERE speaker_id = ?", (sp["id"],))
        ]
        raise DecisionRefused(
            f"{sp['name']!r} has no name {name!r}; its names: {', '.join(sorted(known)) or 'none'}"
        )
    key = links[0]["name_key"]
    if key == sp["key"].split("|")[0]:
        raise DecisionRefused(
            f"{name!r} is the speaker's own name; split the other names off it, or rename it"
        )
    record(db, "split", key, sp["key"], None, who)
    resettle(db, [int(sp["id"])], [key])
    moved = db.one("SELECT speaker_id FROM speaker_links WHERE id = ?", (int(links[0]["id"]),))
    return None if moved is None or moved["speaker_id"] is None else int(moved["speaker_id"])


def rename(db: Connection, speaker: int | str, new_name: str, actor: str) -> int:
    """Show the speaker under ``new_name`` from now on; returns its id.

    Raises:
        NoSuchSpeaker: unknown speaker.
        DecisionRefused: an empty or over-long name.
    """
    who = _actor(actor)
    new_name = " ".join((new_name or "").split())
    if not new_name or len(new_name) > MAX_NAME:
        raise DecisionRefused(f"a speaker's name must have 1 to {MAX_NAME} characters")
    if CONTROL.search(new_name):
        raise DecisionRefused("a speaker's name cannot hold control characters")
    sp = find_speaker(db, speaker)
    record(db, "rename", "", sp["key"], new_name, who)
    db.execute("UPDATE speakers SET name = ? WHERE id = ?", (new_name, int(sp["id"])))
    return int(sp["id"])


def set_external_id(db: Connection, speaker: int | str, value: str | None, actor: str) -> int:
    """Give the speaker an identifier in another catalogue (a Wikidata QID, say), or
    none (``value`` empty); returns its id. Later ingests and rebuilds keep it.

    Raises:
        NoSuchSpeaker: unknown speaker.
        DecisionRefused: an id with spaces or control characters, or over 100 characters.
        DecisionConflict: another speaker with statements has this id (merge them instead).
    """
    who = _actor(actor)
    value = (value or "").strip() or None
    if value is not None and not EXTERNAL_ID.match(value):
        raise DecisionRefused(
            f"an external id has 1 to {MAX_EXTERNAL_ID} characters, without spaces (e.g. a Wikidata QID: Q76)"
        )
    sp = find_speaker(db, speaker)
    if value is not None:
        other = db.one(
            "SELECT id, name FROM speakers WHERE external_id = ? AND id <> ? AND statements > 0",
            (value, int(sp["id"])),
        )
        if other is not None:
            raise DecisionConflict(
                f"{value} is already the id of {other['name']!r} (speaker {other['id']}); "
                "if they are one person, merge the two speakers"
            )
    record(db, "external-id", "", sp["key"], value, who)
    db.execute("UPDATE speakers SET external_id = ? WHERE id = ?", (value, int(sp["id"])))
    return int(sp["id"])


def alias_problems(rows: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """What keeps alias rows from being imported, row by row (empty: they can be)."""
    problems = []
    for n, row in enumerate(rows, 1):
        name, canonical = (x.strip() if x else "" for x in row[:2])
        if not name or not canonical:
            problems.append(f"row {n}: a name and a canonical name are needed")
        elif len(name) > MAX_NAME or len(canonical) > MAX_NAME:
            problems.append(f"row {n}: a name longer than {MAX_NAME} characters")
        elif CONTROL.search(name + canonical):
            problems.append(f"row {n}: a name with control characters")
        elif names.clean_name(canonical, "UNKNOWN") is None:
            problems.append(f"row {n}: {canonical!r} does not look like a name")
        elif len(row) > 2 and row[2] and not EXTERNAL_ID.match(row[2].strip()):
            problems.append(
                f"row {n}: the external id {row[2]!r} has spaces or is over {MAX_EXTERNAL_ID} characters"
            )
    return problems


def import_aliases(db: Connection, rows: Sequence[tuple[str, str, str | None]], actor: str) -> dict[str, int]:
    """Apply an alias file: each (name, canonical name, external id or None) joins the
    name to the canonical name's speaker, shown under the canonical name, with the
    external id. Checked whole before anything is written.

    Returns counts: rows, names joined, external ids set.

    Raises:
        DecisionRefused: a row is malformed (its number and why; nothing is imported).
    """
    who = _actor(actor)
    problems = alias_problems(rows)
    if problems:
        raise DecisionRefused(
            "alias file not imported: " + "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        )
    latest = {  # the id each speaker has now: a later decision clears or replaces an earlier one
        r["target_key"]: r["value"]
        for r in db.rows(
            "SELECT value, target_key FROM speaker_decisions WHERE action = 'external-id' ORDER BY id"
        )
    }
    external = {value: target for target, value in latest.items() if value}
    keys: set[str] = set()
    joined = ids = 0
    for name, canonical, qid in rows:
        target = name_key(canonical.strip())
        qid = (qid or "").strip() or None
        if qid and external.get(qid, target) != target:  # the same person under another canonical name
            record(db, "alias-file", target, external[qid], None, who)
            keys.add(external[qid])
        record(db, "alias-file", name_key(name.strip()), target, " ".join(canonical.split()), who)
        joined += 1
        if qid:
            record(db, "external-id", "", target, qid, who)
            external.setdefault(qid, target)
            ids += 1
        keys |= {name_key(name.strip()), target}
    resettle(db, keys=keys)
    return {"rows": len(rows), "joined": joined, "external_ids": ids}


def _links(db: Connection, where: str, params: Sequence[Any]) -> list[Any]:
    from .records import SpeakerLink

    out = []
    for r in db.rows(
        "SELECT x.name, x.name_key, x.gender, x.role_key, x.period, x.statements, x.speaker_id, "
        "s.name AS speaker, s.key AS speaker_key, x.rule, x.evidence, x.actor, x.decided_at "
        "FROM speaker_links x "
        f"LEFT JOIN speakers s ON s.id = x.speaker_id WHERE {where} ORDER BY x.statements DESC, x.id",
        params,
    ):
        out.append(
            SpeakerLink(
                r["name"],
                r["gender"] or None,
                r["role_key"] or None,
                r["period"] or None,
                int(r["statements"]),
                None if r["speaker_id"] is None else int(r["speaker_id"]),
                r["speaker"],
                r["rule"],
                json.loads(r["evidence"] or "{}"),
                r["actor"],
                r["decided_at"],
                own=bool(r["speaker_key"]) and r["name_key"] == r["speaker_key"].split("|")[0],
            )
        )
    return out


def _decisions(db: Connection, rows: Sequence[Row]) -> list[Any]:
    """Logged decisions as records, each with the speaker its key names now (if any)."""
    from .records import SpeakerDecision

    speakers = {
        r["key"]: r
        for r in db.rows_in(
            "SELECT id, key, name FROM speakers WHERE key IN ({in})", [r["target_key"] for r in rows]
        )
    }
    out = []
    for r in rows:
        sp = speakers.get(r["target_key"])
        out.append(
            SpeakerDecision(
                int(r["id"]),
                r["action"],
                r["name_key"],
                r["target_key"],
                r["value"],
                r["actor"],
                r["decided_at"],
                speaker_id=None if sp is None else int(sp["id"]),
                speaker_name=None if sp is None else sp["name"],
            )
        )
    return out


def logged(db: Connection, limit: int, offset: int = 0) -> list[Any]:
    """The latest manual decisions, newest first (``limit`` of them after ``offset``)."""
    rows = db.rows(
        "SELECT * FROM speaker_decisions ORDER BY id DESC LIMIT ? OFFSET ?", (int(limit), int(offset))
    )
    return _decisions(db, rows)


def explain(db: Connection, a: int | str, b: int | str) -> Any:
    """Why ``a`` and ``b`` (names, aliases or speaker ids) are one speaker or two.

    Raises:
        NoSuchSpeaker: a name no statement was given and no speaker has, an unknown id.
    """
    from .records import Explanation

    sides = []
    keys: set[str] = set()
    for who in (a, b):
        text = str(who).strip()
        if text.isdigit():
            sp = find_speaker(db, int(text))
            links = _links(db, "x.speaker_id = ?", (int(sp["id"]),))
            keys.add(sp["key"])
        else:
            key = name_key(text)
            links = _links(db, "x.name_key IN (?, ?)", (key, names.fold(text)))
            if not links:
                sp = find_speaker(db, text)
                links = _links(db, "x.speaker_id = ?", (int(sp["id"]),))
                keys.add(sp["key"])
            keys.add(key)
        sides.append(links)
    speakers_a = {x.speaker_id for x in sides[0] if x.speaker_id}
    speakers_b = {x.speaker_id for x in sides[1] if x.speaker_id}
    for r in db.rows_in("SELECT key FROM speakers WHERE id IN ({in})", speakers_a | speakers_b):
        keys.add(r["key"])
    found: dict[int, Row] = {}
    for column in ("name_key", "target_key"):
        for r in db.rows_in(f"SELECT * FROM speaker_decisions WHERE {column} IN ({{in}})", keys):
            found[int(r["id"])] = r
    about = _decisions(db, [r for _, r in sorted(found.items())])
    return Explanation(str(a), str(b), bool(speakers_a & speakers_b), sides[0], sides[1], about)
