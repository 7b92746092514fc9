"""Readers' replies and their moderation.

A reply is a comment on one statement (or, to report a missing statement, on an
article), by a name and an email, optionally with a correction (``corrections``).
Where it goes is decided when it is posted, by the site's moderation mode and the
automatic holds (``holds``).

Queues: pending, approved, rejected, and reported (approved replies that readers
reported since a moderator last looked). Moderators approve, reject, dismiss
reports and answer. The email is kept for moderation only: it is read by these
rules and by ``purge``, and by nothing that shows or exports anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from . import amend, names
from .connection import Connection
from .corrections import Correction, Proposal, check_proposal, insert_proposal, read
from .desk import Clock, Service, next_id, utcnow
from .holds import Holds, Rules
from .query import site_key
from .records import Record
from .users import User

log = logging.getLogger(__name__)

QUEUES = ("pending", "approved", "rejected", "reported")
MAX_NAME = 80
MAX_EMAIL = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


class NoSuchReply(InputError):
    """No reply has this id (or none that can be acted on so)."""


@dataclass(frozen=True)
class Draft:
    """A reply as submitted."""

    name: str
    email: str
    body: str
    article_id: str
    attribution_id: int | None = None
    proposal: Proposal | None = None
    network: str | None = None  # the poster's network, as guard.network gives it


@dataclass
class Reply(Record):
    """A reply as shown: never with an email. ``network``, ``held`` and ``reports``
    are for moderators (``to_json(private=True)``)."""

    id: int
    article_id: str
    attribution_id: int | None
    parent_id: int | None
    name: str
    body: str
    status: str
    created_at: str
    moderator: bool  # written by a moderator
    moderated_at: str | None = None
    moderated_by: str | None = None
    correction: Correction | None = None
    answers: list[Reply] = field(default_factory=list)  # moderators' approved answers
    held: list[str] = field(default_factory=list)
    reports: int = 0
    network: str | None = None
    statement: dict[str, Any] | None = None  # speaker, content, kind, article title: context for moderators

    def to_json(self, private: bool = False) -> dict[str, Any]:  # type: ignore[override]
        data = super().to_json()
        data["answers"] = [a.to_json(private) for a in self.answers]
        if not private:
            for key in ("held", "reports", "network"):
                data.pop(key)
        return data


def normal_email(email: str) -> str:
    """An email as stored and compared: trimmed, lower case.

    Raises:
        InputError: not an address (the message never repeats it).
    """
    value = (email or "").strip().lower()
    if len(value) > MAX_EMAIL or not _EMAIL.match(value) or any(ord(c) < 32 for c in value):
        raise InputError("email: that is not an email address")
    return value


def _clean_text(value: str, what: str, limit: int, multiline: bool) -> str:
    text = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n").replace("\r", "\n"))
    keep = "\n\t" if multiline else ""
    text = "".join(c for c in text if c in keep or not unicodedata.category(c).startswith("C"))
    text = text.strip() if multiline else " ".join(text.split())
    if not text:
        raise InputError(f"{what}: write something")
    if len(text) > limit:
        raise InputError(f"{what}: at most {limit:,} characters ({len(text):,} given)")
    return text


def body_hash(body: str) -> str:
    """What makes two replies the same words: case and spacing aside."""
    return hashlib.sha256(" ".join(names.fold(body).split()).encode("utf-8")).hexdigest()


_REPLY = """r.id AS id, r.article_id AS article_id, r.attribution_id AS attribution_id,
    r.parent_id AS parent_id, r.name AS name, r.body AS body, r.status AS status,
    r.created_at AS created_at, r.user_id AS user_id, r.moderated_at AS moderated_at,
    m.name AS moderated_by, r.held AS held, r.reports AS reports, r.ip_net AS ip_net"""
_REPLY_FROM = "replies r LEFT JOIN users m ON m.id = r.moderated_by"


def _reply(r: Any) -> Reply:
    return Reply(
        id=int(r["id"]),
        article_id=r["article_id"],
        attribution_id=None if r["attribution_id"] is None else int(r["attribution_id"]),
        parent_id=None if r["parent_id"] is None else int(r["parent_id"]),
        name=r["name"],
        body=r["body"],
        status=r["status"],
        created_at=r["created_at"],
        moderator=r["user_id"] is not None,
        moderated_at=r["moderated_at"],
        moderated_by=r["moderated_by"],
        held=json.loads(r["held"]) if r["held"] else [],
        reports=int(r["reports"]),
        network=r["ip_net"],
    )


class Replies(Service):
    """Post, moderate, list and purge replies."""

    def __init__(self, store: Any, *, rules: Rules | None = None, clock: Clock = utcnow) -> None:
        super().__init__(store, clock=clock)
        self.rules = rules or Rules()
        self.holds = Holds(store, rules=self.rules, clock=clock)

    # ---------------------------------------------------------------- posting

    def post(self, draft: Draft) -> Reply:
        """Check and store a reply (and its correction proposal); decide whether it waits.

        Raises:
            InputError: a bad name, email, text or correction, or an unknown statement.
            StoreError: the store is read-only or failed.
        """
        name = _clean_text(draft.name, "name", MAX_NAME, multiline=False)
        email = normal_email(draft.email)
        body = _clean_text(draft.body, "reply", self.rules.max_chars, multiline=True)
        digest = body_hash(body)
        with self.writing() as db:
            article = db.one("SELECT id, site, text FROM articles WHERE id = ?", (draft.article_id,))
            if article is None:
                raise NoSuchReply(f"there is no article with id {draft.article_id!r}")
            statement = None
            if draft.attribution_id is not None:
                statement = amend.row(db, draft.attribution_id)
                if statement is None or statement["article_id"] != article["id"]:
                    raise NoSuchReply(f"there is no statement {draft.attribution_id} in this article")
            proposal = None
            if draft.proposal is not None:
                proposal, _ = check_proposal(draft.proposal, article["text"], statement)
            now = self.now()
            poster = self._poster(db, email, now)
            held = self.holds.reasons(
                db, body, digest, poster, draft.network, site_key(article["site"]) or ""
            )
            rid = next_id(db, "replies")
            db.execute(
                "INSERT INTO replies (id, article_id, attribution_id, poster_id, name, body, body_hash, status, "
                "held, ip_net, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rid,
                    article["id"],
                    draft.attribution_id,
                    poster,
                    name,
                    body,
                    digest,
                    "pending" if held else "approved",
                    json.dumps(held) if held else None,
                    draft.network,
                    now,
                ),
            )
            if proposal is not None:
                insert_proposal(
                    db,
                    reply_id=rid,
                    article_id=article["id"],
                    attribution_id=draft.attribution_id,
                    proposal=proposal,
                    now=now,
                )
        log.info(
            "reply %d on %s: %s", rid, draft.article_id, "held: " + "; ".join(held) if held else "published"
        )
        found = self.get(rid)
        assert found is not None
        return found

    @staticmethod
    def _poster(db: Connection, email: str, now: str) -> int:
        found = db.scalar("SELECT id AS v FROM posters WHERE email = ?", (email,))
        if found is not None:
            return int(found)
        pid = next_id(db, "posters")
        db.execute("INSERT INTO posters (id, email, created_at) VALUES (?, ?, ?)", (pid, email, now))
        return pid

    # ---------------------------------------------------------------- reading

    def get(self, reply_id: int) -> Reply | None:
        """One reply, with its correction, or None."""
        with self.reading() as db:
            found = self._read(db, "r.id = ?", (int(reply_id),))
        return found[0] if found else None

    def _read(self, db: Connection, where: str, params: Any, tail: str = "ORDER BY r.id") -> list[Reply]:
        replies = [
            _reply(r) for r in db.rows(f"SELECT {_REPLY} FROM {_REPLY_FROM} WHERE {where} {tail}", params)
        ]
        ids = [r.id for r in replies]
        if ids:
            marks = ", ".join("?" * len(ids))
            by_reply = {c.reply_id: c for c in read(db, f"c.reply_id IN ({marks})", ids)}
            for r in replies:
                r.correction = by_reply.get(r.id)
        return replies

    def published(self, attribution_id: int | None = None, article_id: str | None = None) -> list[Reply]:
        """Approved replies on a statement (or, with ``article_id``, on the article
        itself), oldest first, each with the moderators' answers to it."""
        params: list[Any]
        if attribution_id is not None:
            where, params = "r.attribution_id = ? AND r.status = 'approved'", [int(attribution_id)]
        else:
            where, params = (
                "r.article_id = ? AND r.attribution_id IS NULL AND r.status = 'approved'",
                [article_id],
            )
        with self.reading() as db:
            found = self._read(db, where, params)
        by_id = {r.id: r for r in found}
        top = []
        for r in found:
            if r.parent_id is not None and r.parent_id in by_id:
                by_id[r.parent_id].answers.append(r)
            elif r.parent_id is None:
                top.append(r)
        return top

    def article_of(self, attribution_id: int) -> str | None:
        """The article of a statement, also of one a correction has removed since."""
        with self.reading() as db:
            found = db.scalar("SELECT article_id AS v FROM attributions WHERE id = ?", (int(attribution_id),))
            if found is None:
                found = db.scalar(
                    "SELECT article_id AS v FROM corrections WHERE attribution_id = ? UNION "
                    "SELECT article_id AS v FROM replies WHERE attribution_id = ?",
                    (int(attribution_id), int(attribution_id)),
                )
        return found  # type: ignore[no-any-return]

    def counts(self, attribution_ids: list[int]) -> dict[int, int]:
        """Approved replies per statement (statements without any left out)."""
        ids = [int(i) for i in attribution_ids]
        if not ids:
            return {}
        with self.reading() as db:
            rows = db.rows_in(
                "SELECT attribution_id, count(*) AS n FROM replies WHERE status = 'approved' "
                "AND attribution_id IN ({in}) GROUP BY attribution_id",
                ids,
            )
        return {int(r["attribution_id"]): int(r["n"]) for r in rows}

    def queue(self, name: str, limit: int = 20, offset: int = 0) -> tuple[list[Reply], int]:
        """A moderation queue, oldest first (reported: most reported first), and its size.

        Raises:
            InputError: an unknown queue.
        """
        if name not in QUEUES:
            raise InputError(f"queue is one of {', '.join(QUEUES)}")
        if name == "reported":
            where, order = "r.status = 'approved' AND r.reports > 0", "ORDER BY r.reports DESC, r.id"
        else:
            where, order = f"r.status = '{name}' AND r.user_id IS NULL", "ORDER BY r.id"
            if name != "pending":
                order = "ORDER BY r.moderated_at DESC, r.id DESC"
        with self.reading() as db:
            total = int(db.scalar(f"SELECT count(*) AS v FROM replies r WHERE {where}") or 0)
            found = self._read(db, where, (), f"{order} LIMIT {int(limit)} OFFSET {int(offset)}")
            self._context(db, found)
        return found, total

    def queue_sizes(self) -> dict[str, int]:
        """How many replies wait in each queue."""
        with self.reading() as db:
            sizes = {
                r["status"]: int(r["n"])
                for r in db.rows(
                    "SELECT status, count(*) AS n FROM replies WHERE user_id IS NULL GROUP BY status"
                )
            }
            sizes["reported"] = int(
                db.scalar("SELECT count(*) AS v FROM replies WHERE status = 'approved' AND reports > 0") or 0
            )
        return {q: sizes.get(q, 0) for q in QUEUES}

    @staticmethod
    def _context(db: Connection, replies: list[Reply]) -> None:
        """Attach each reply's statement (or article) for moderators to judge it by."""
        ids = [r.attribution_id for r in replies if r.attribution_id is not None]
        statements = {
            int(r["id"]): r
            for r in db.rows_in(
                "SELECT a.id AS id, coalesce(s.name, a.speaker_name) AS speaker, a.content AS content, "
                "a.kind AS kind FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker_id "
                "WHERE a.id IN ({in})",
                ids,
            )
        }
        titles = {
            r["id"]: r["title"]
            for r in db.rows_in(
                "SELECT id, title FROM articles WHERE id IN ({in})", [r.article_id for r in replies]
            )
        }
        for r in replies:
            s = statements.get(r.attribution_id or -1)
            r.statement = {
                "speaker": s["speaker"] if s else None,
                "content": s["content"] if s else None,
                "kind": s["kind"] if s else None,
                "removed": r.attribution_id is not None and s is None,
                "article_title": titles.get(r.article_id),
            }

    # ---------------------------------------------------------------- moderating

    def moderate(self, reply_id: int, status: str, user: User) -> Reply:
        """Approve or reject a reply (either clears its reports).

        Raises:
            InputError: an unknown reply or status.
        """
        if status not in ("approved", "rejected"):
            raise InputError("a reply is approved or rejected")
        with self.writing() as db:
            self._exists(db, reply_id)
            db.execute(
                "UPDATE replies SET status = ?, moderated_at = ?, moderated_by = ?, reports = 0 WHERE id = ?",
                (status, self.now(), user.id, int(reply_id)),
            )
        log.info("reply %d %s by %s", reply_id, status, user.name)
        return self._got(reply_id)

    def dismiss_reports(self, reply_id: int, user: User) -> Reply:
        """Keep a reported reply published: its reports are set aside."""
        with self.writing() as db:
            self._exists(db, reply_id)
            db.execute(
                "UPDATE replies SET reports = 0, moderated_at = ?, moderated_by = ? WHERE id = ?",
                (self.now(), user.id, int(reply_id)),
            )
        return self._got(reply_id)

    def answer(self, reply_id: int, body: str, user: User) -> Reply:
        """A moderator's answer to a reply, published at once; a pending reply answered
        is approved with it.

        Raises:
            InputError: an unknown or rejected reply, or an empty or overlong answer.
        """
        text = _clean_text(body, "answer", self.rules.max_chars, multiline=True)
        with self.writing() as db:
            parent = self._exists(db, reply_id)
            if parent["status"] == "rejected":
                raise InputError(f"reply {reply_id} is rejected; approve it before answering it")
            now = self.now()
            if parent["status"] == "pending":
                db.execute(
                    "UPDATE replies SET status = 'approved', moderated_at = ?, moderated_by = ? WHERE id = ?",
                    (now, user.id, int(reply_id)),
                )
            rid = next_id(db, "replies")
            db.execute(
                "INSERT INTO replies (id, article_id, attribution_id, parent_id, user_id, name, body, body_hash, "
                "status, created_at, moderated_at, moderated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)",
                (
                    rid,
                    parent["article_id"],
                    parent["attribution_id"],
                    int(reply_id),
                    user.id,
                    user.name,
                    text,
                    body_hash(text),
                    now,
                    now,
                    user.id,
                ),
            )
        return self._got(rid)

    def report(self, reply_id: int, network: str) -> bool:
        """A reader reports a published reply; once per network. Returns whether it counted.

        Raises:
            InputError: no published reply has this id.
        """
        with self.writing() as db:
            row = db.one("SELECT status FROM replies WHERE id = ?", (int(reply_id),))
            if row is None or row["status"] != "approved":
                raise NoSuchReply(f"there is no published reply {reply_id}")
            if db.one(
                "SELECT 1 AS v FROM reply_reports WHERE reply_id = ? AND ip_net = ?", (int(reply_id), network)
            ):
                return False
            db.execute(
                "INSERT INTO reply_reports (reply_id, ip_net, created_at) VALUES (?, ?, ?)",
                (int(reply_id), network, self.now()),
            )
            db.execute("UPDATE replies SET reports = reports + 1 WHERE id = ?", (int(reply_id),))
        return True

    @staticmethod
    def _exists(db: Connection, reply_id: int) -> Any:
        row = db.one("SELECT * FROM replies WHERE id = ?", (int(reply_id),))
        if row is None:
            raise NoSuchReply(f"there is no reply {reply_id}")
        return row

    def _got(self, reply_id: int) -> Reply:
        found = self.get(reply_id)
        assert found is not None
        return found

    # ---------------------------------------------------------------- purge

    def purge(self, email: str) -> dict[str, int]:
        """Delete everything kept about one email: its replies, the moderators' answers to
        them, their reports, their corrections not applied, and the email itself. Applied
        corrections stay applied (they are the newsroom's record now), without their link.

        Returns:
            Counts: replies, answers, corrections, posters (0 or 1).

        Raises:
            InputError: not an email address.
        """
        address = normal_email(email)
        out = {"replies": 0, "answers": 0, "corrections": 0, "posters": 0}
        with self.writing() as db:
            poster = db.scalar("SELECT id AS v FROM posters WHERE email = ?", (address,))
            if poster is None:
                return out
            ids = [
                int(r["id"]) for r in db.rows("SELECT id FROM replies WHERE poster_id = ?", (int(poster),))
            ]
            answers = [
                int(r["id"]) for r in db.rows_in("SELECT id FROM replies WHERE parent_id IN ({in})", ids)
            ]
            doomed = ids + answers
            for chunk in range(0, len(doomed), 500):
                part = doomed[chunk : chunk + 500]
                marks = ", ".join("?" * len(part))
                gone = db.execute(
                    f"DELETE FROM corrections WHERE reply_id IN ({marks}) AND status = 'proposed'", part
                ).rowcount
                out["corrections"] += max(0, int(gone or 0))
                # the log of a correction never applied is empty; applied ones keep theirs
                db.execute(f"UPDATE corrections SET reply_id = NULL WHERE reply_id IN ({marks})", part)
                db.execute(f"DELETE FROM reply_reports WHERE reply_id IN ({marks})", part)
            for chunk in range(0, len(answers), 500):
                part = answers[chunk : chunk + 500]
                db.execute(f"DELETE FROM replies WHERE id IN ({', '.join('?' * len(part))})", part)
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                db.execute(f"DELETE FROM replies WHERE id IN ({', '.join('?' * len(part))})", part)
            db.execute("DELETE FROM posters WHERE id = ?", (int(poster),))
            out.update(replies=len(ids), answers=len(answers), posters=1)
        log.info(
            "purged one poster: %d replies, %d answers, %d corrections",
            out["replies"],
            out["answers"],
            out["corrections"],
        )
        return out
