"""Corrections: what readers propose with a reply, and moderators apply or undo.

Four kinds:

    speaker         the statement's speaker is someone else (named)
    not_statement   it is not a statement: the statement is removed
    words           its words are another span of the article text
    missing         a statement the extractor missed: a span and its speaker

A proposal is checked when it is made (spans inside the article text, a speaker
named); applying it changes the stored statement (``amend``), marks it
``corrected`` and records who, when and the replaced values, in the correction
and in ``correction_log``. Undoing puts the replaced values back. Corrections of
one statement stack: only the latest applied one can be undone, so an undo never
silently reverts a later correction's work.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from . import amend, names
from .connection import Connection
from .desk import Service, next_id
from .records import Record
from .users import User

log = logging.getLogger(__name__)

KINDS = ("speaker", "not_statement", "words", "missing")
STATUSES = ("proposed", "applied", "undone")
SPEAKER_TYPES = ("PERSON", "ORG", "GROUP")
MAX_NAME = 200
MAX_PIECES = 20
MAX_SPAN_CHARS = 5000


class NoSuchCorrection(InputError):
    """No correction has this id."""


class CorrectionConflict(InputError):
    """The correction cannot be applied or undone in the store's present state."""


@dataclass(frozen=True)
class Proposal:
    """A correction as a reader sends it, before it is checked.

    ``spans`` are offsets into the article text (set by selecting the words); ``words``
    is the same span typed or pasted, found in the text when no usable spans come with it.
    """

    kind: str
    speaker: str | None = None
    speaker_type: str = "PERSON"
    spans: tuple[tuple[int, int], ...] = ()
    words: str | None = None


@dataclass
class Correction(Record):
    """A correction, with what it changed once applied."""

    id: int
    kind: str
    status: str
    article_id: str
    attribution_id: int | None
    reply_id: int | None
    speaker: str | None
    speaker_type: str | None
    spans: list[list[int]] | None
    words: str | None  # the text of ``spans``
    created_at: str
    applied_at: str | None = None
    applied_by: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None
    before: dict[str, Any] | None = None  # speaker and words before it was applied
    history: list[dict[str, Any]] = field(default_factory=list)  # [{action, by, at}]


# ---------------------------------------------------------------- checking a proposal


def _clean_name(value: str | None) -> str:
    name = " ".join((value or "").split())
    if not name or any(unicodedata.category(c).startswith("C") for c in name):
        raise InputError("name the right speaker")
    if len(name) > MAX_NAME:
        raise InputError(f"the speaker's name is longer than {MAX_NAME} characters")
    return name


def _locate(words: str, text: str, near: int) -> tuple[int, int]:
    """Where typed words are in the text (any run of whitespace matching any other);
    the occurrence nearest ``near`` when there are several."""
    pieces = words.split()
    pattern = re.compile(r"\s+".join(re.escape(p) for p in pieces))
    found = [m.span() for m in pattern.finditer(text)]
    if not found:
        raise InputError("those words are not in the article: copy them exactly, or select them in the text")
    return min(found, key=lambda span: abs(span[0] - near))


def _check_spans(spans: Sequence[Sequence[int]], text: str) -> list[tuple[int, int]]:
    """Spans inside the text, in order, not overlapping, trimmed of surrounding spaces."""
    out: list[tuple[int, int]] = []
    if len(spans) > MAX_PIECES:
        raise InputError(f"select at most {MAX_PIECES} pieces of text")
    for piece in spans:
        try:
            start, end = int(piece[0]), int(piece[1])
        except (TypeError, ValueError, IndexError):
            raise InputError("a selected span is not a pair of offsets") from None
        if not 0 <= start < end <= len(text):
            raise InputError("the selected words are outside the article text")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if out and start < out[-1][1]:
            raise InputError("the selected pieces overlap or are out of order")
        out.append((start, end))
    if not out:
        raise InputError("select the right words in the article text")
    if sum(e - s for s, e in out) > MAX_SPAN_CHARS:
        raise InputError(f"select at most {MAX_SPAN_CHARS:,} characters")
    return out


def resolve_spans(proposal: Proposal, text: str, near: int = 0) -> list[tuple[int, int]]:
    """The proposal's spans: the selected ones when they say what ``words`` says (or no
    words were typed), else where the typed words are in the text.

    Raises:
        InputError: nothing selected or typed, offsets outside the text, words not found.
    """
    typed = " ".join((proposal.words or "").split())
    if proposal.spans:
        spans = _check_spans(proposal.spans, text)
        if not typed or " ".join(" ".join(text[s:e] for s, e in spans).split()) == typed:
            return spans
    if not typed:
        raise InputError("select the right words in the article text (or type them exactly)")
    return _check_spans([_locate(typed, text, near)], text)


def check_proposal(
    proposal: Proposal, text: str, statement: dict[str, Any] | None
) -> tuple[Proposal, list[tuple[int, int]]]:
    """A proposal checked against the article ``text`` and the ``statement`` it corrects
    (its stored row; None for a missing statement proposed on the article).

    Returns:
        The proposal with its name cleaned, and its spans (empty for speaker and
        not_statement).

    Raises:
        InputError: an unknown kind, no speaker named, spans that do not fit, or a
            correction that changes nothing.
    """
    if proposal.kind not in KINDS:
        raise InputError(f"unknown kind of correction {proposal.kind!r}; one of {', '.join(KINDS)}")
    if proposal.kind != "missing" and statement is None:
        raise InputError("this kind of correction needs a statement to correct")
    speaker, spans = None, []
    if proposal.kind in ("speaker", "missing"):
        speaker = _clean_name(proposal.speaker)
        if proposal.speaker_type not in SPEAKER_TYPES:
            raise InputError(f"the speaker's type is one of {', '.join(SPEAKER_TYPES)}")
    if proposal.kind == "speaker" and statement is not None and statement["speaker_name"]:
        same = names.name_key(statement["speaker_name"], proposal.speaker_type)
        if same == names.name_key(speaker or "", proposal.speaker_type):
            raise InputError(f"{statement['speaker_name']} is already its speaker")
    if proposal.kind in ("words", "missing"):
        near = json.loads(statement["content_spans"])[0][0] if statement else 0
        spans = resolve_spans(proposal, text, near)
        if statement is not None and proposal.kind == "words":
            if [list(s) for s in spans] == json.loads(statement["content_spans"]):
                raise InputError("those are already the statement's words")
    cleaned = Proposal(proposal.kind, speaker, proposal.speaker_type, tuple(spans), None)
    return cleaned, spans


def insert_proposal(
    db: Connection,
    *,
    reply_id: int | None,
    article_id: str,
    attribution_id: int | None,
    proposal: Proposal,
    now: str,
) -> int:
    """Store a checked proposal; returns its id."""
    cid = next_id(db, "corrections")
    db.execute(
        "INSERT INTO corrections (id, reply_id, article_id, attribution_id, kind, speaker, speaker_type, "
        "spans, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?)",
        (
            cid,
            reply_id,
            article_id,
            None if proposal.kind == "missing" else attribution_id,
            proposal.kind,
            proposal.speaker,
            proposal.speaker_type if proposal.speaker else None,
            json.dumps([list(s) for s in proposal.spans]) if proposal.spans else None,
            now,
        ),
    )
    return cid


# ---------------------------------------------------------------- reading


_COLUMNS = """c.id AS id, c.kind AS kind, c.status AS status, c.article_id AS article_id,
    c.attribution_id AS attribution_id, c.reply_id AS reply_id, c.speaker AS speaker,
    c.speaker_type AS speaker_type, c.spans AS spans, c.created_at AS created_at,
    c.applied_at AS applied_at, ua.name AS applied_by, c.undone_at AS undone_at,
    uu.name AS undone_by, c.previous AS previous, ar.text AS text"""
_FROM = """corrections c JOIN articles ar ON ar.id = c.article_id
    LEFT JOIN users ua ON ua.id = c.applied_by LEFT JOIN users uu ON uu.id = c.undone_by"""


def _before(kind: str, previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a reader needs of the replaced values: the old speaker and words."""
    if not previous:
        return None
    old = previous.get("columns") or previous.get("row") or {}
    out = {k: old[k] for k in ("speaker_name", "content", "kind") if k in old}
    if "speaker_name" in out:
        out["speaker"] = out.pop("speaker_name")
    return out or None


def read(db: Connection, where: str, params: Sequence[Any], tail: str = "") -> list[Correction]:
    """Corrections matching ``where`` (over ``c``), with their history."""
    rows = db.rows(f"SELECT {_COLUMNS} FROM {_FROM} WHERE {where} {tail}", params)
    history: dict[int, list[dict[str, Any]]] = {}
    for r in db.rows_in(
        "SELECT l.correction_id AS cid, l.action AS action, l.acted_at AS acted_at, u.name AS name "
        "FROM correction_log l LEFT JOIN users u ON u.id = l.user_id WHERE l.correction_id IN ({in}) "
        "ORDER BY l.id",
        [int(r["id"]) for r in rows],
    ):
        history.setdefault(int(r["cid"]), []).append(
            {"action": r["action"], "by": r["name"], "at": r["acted_at"]}
        )
    out = []
    for r in rows:
        spans = json.loads(r["spans"]) if r["spans"] else None
        out.append(
            Correction(
                id=int(r["id"]),
                kind=r["kind"],
                status=r["status"],
                article_id=r["article_id"],
                attribution_id=None if r["attribution_id"] is None else int(r["attribution_id"]),
                reply_id=None if r["reply_id"] is None else int(r["reply_id"]),
                speaker=r["speaker"],
                speaker_type=r["speaker_type"],
                spans=spans,
                words=" ".join(r["text"][s:e] for s, e in spans) if spans else None,
                created_at=r["created_at"],
                applied_at=r["applied_at"],
                applied_by=r["applied_by"],
                undone_at=r["undone_at"],
                undone_by=r["undone_by"],
                before=_before(r["kind"], json.loads(r["previous"]) if r["previous"] else None),
                history=history.get(int(r["id"]), []),
            )
        )
    return out


# ---------------------------------------------------------------- the service


class Corrections(Service):
    """Apply and undo corrections; list them."""

    def get(self, correction_id: int) -> Correction | None:
        """One correction, or None."""
        with self.reading() as db:
            found = read(db, "c.id = ?", (int(correction_id),))
        return found[0] if found else None

    def of_attributions(self, ids: Sequence[int]) -> dict[int, list[Correction]]:
        """Applied and undone corrections of these statements, oldest first, by statement."""
        out: dict[int, list[Correction]] = {}
        ids = [int(i) for i in ids]
        if not ids:
            return out
        with self.reading() as db:
            marks = ", ".join("?" * len(ids))
            for c in read(
                db, f"c.attribution_id IN ({marks}) AND c.status <> 'proposed'", ids, "ORDER BY c.id"
            ):
                out.setdefault(int(c.attribution_id or 0), []).append(c)
        return out

    def of_article(self, article_id: str) -> list[Correction]:
        """Applied and undone corrections of an article, oldest first."""
        with self.reading() as db:
            return read(db, "c.article_id = ? AND c.status <> 'proposed'", (article_id,), "ORDER BY c.id")

    def listing(
        self, status: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[list[Correction], int]:
        """Corrections (with ``status`` when given), newest first, and how many there are."""
        if status is not None and status not in STATUSES:
            raise InputError(f"status is one of {', '.join(STATUSES)}")
        where, params = ("c.status = ?", [status]) if status else ("1 = 1", [])
        with self.reading() as db:
            total = int(db.scalar(f"SELECT count(*) AS v FROM corrections c WHERE {where}", params) or 0)
            found = read(db, where, params, f"ORDER BY c.id DESC LIMIT {int(limit)} OFFSET {int(offset)}")
        return found, total

    def corrected_articles(self) -> list[str]:
        """Ids of the articles with at least one applied correction, in id order."""
        with self.reading() as db:
            return [
                r["article_id"]
                for r in db.rows(
                    "SELECT DISTINCT article_id FROM corrections WHERE status = 'applied' ORDER BY article_id"
                )
            ]

    # ---------------------------------------------------------------- apply / undo

    def apply(self, correction_id: int, user: User) -> Correction:
        """Apply a proposed (or undone) correction to the stored statement.

        Raises:
            InputError: unknown correction.
            CorrectionConflict: already applied, or its statement was removed since.
        """
        with self.writing() as db:
            c = self._load(db, correction_id)
            if c["status"] == "applied":
                raise CorrectionConflict(f"correction {correction_id} is already applied")
            text = db.scalar("SELECT text AS v FROM articles WHERE id = ?", (c["article_id"],))
            spans = [tuple(s) for s in json.loads(c["spans"])] if c["spans"] else []
            if c["kind"] == "missing":
                previous = amend.add(db, c["article_id"], spans, c["speaker"], c["speaker_type"] or "PERSON")
                target = previous["added"]
            else:
                current = amend.row(db, c["attribution_id"])
                if current is None:
                    raise CorrectionConflict(
                        f"correction {correction_id}: its statement has been removed (by another correction)"
                    )
                target = current["id"]
                if c["kind"] == "speaker":
                    previous = amend.set_speaker(db, current, c["speaker"], c["speaker_type"] or "PERSON")
                elif c["kind"] == "words":
                    previous = amend.set_words(db, current, spans, text)
                else:
                    previous = amend.remove(db, current)
            now = self.now()
            db.execute(
                "UPDATE corrections SET status = 'applied', attribution_id = ?, applied_at = ?, applied_by = ?, "
                "previous = ?, undone_at = NULL, undone_by = NULL WHERE id = ?",
                (target, now, user.id, amend.dumps(previous), int(correction_id)),
            )
            self._log(db, correction_id, "applied", user, now, previous)
        log.info("correction %d (%s) applied by %s", correction_id, c["kind"], user.name)
        return self._got(correction_id)

    def undo(self, correction_id: int, user: User) -> Correction:
        """Put back what an applied correction replaced.

        Raises:
            InputError: unknown correction.
            CorrectionConflict: not applied, or a later applied correction of the same
                statement must be undone first.
        """
        with self.writing() as db:
            c = self._load(db, correction_id)
            if c["status"] != "applied":
                raise CorrectionConflict(f"correction {correction_id} is not applied")
            later = db.scalar(
                "SELECT max(l.id) AS v FROM correction_log l JOIN corrections c ON c.id = l.correction_id "
                "WHERE c.attribution_id = ? AND c.status = 'applied' AND c.id <> ? AND l.action = 'applied' "
                "AND l.id > (SELECT max(id) FROM correction_log WHERE correction_id = ? AND action = 'applied')",
                (c["attribution_id"], int(correction_id), int(correction_id)),
            )
            if later is not None:
                raise CorrectionConflict(
                    f"correction {correction_id}: a later correction of the same statement is applied; undo it first"
                )
            previous = json.loads(c["previous"])
            if c["kind"] == "missing":
                amend.take_back(db, previous)
            elif c["kind"] == "not_statement":
                amend.put_back(db, previous)
            else:
                amend.undo_columns(db, c["attribution_id"], previous)
            now = self.now()
            db.execute(
                "UPDATE corrections SET status = 'undone', undone_at = ?, undone_by = ? WHERE id = ?",
                (now, user.id, int(correction_id)),
            )
            self._log(db, correction_id, "undone", user, now, None)
        log.info("correction %d (%s) undone by %s", correction_id, c["kind"], user.name)
        return self._got(correction_id)

    @staticmethod
    def _load(db: Connection, correction_id: int) -> Any:
        c = db.one("SELECT * FROM corrections WHERE id = ?", (int(correction_id),))
        if c is None:
            raise NoSuchCorrection(f"there is no correction {correction_id}")
        return c

    @staticmethod
    def _log(
        db: Connection, correction_id: int, action: str, user: User, now: str, previous: dict[str, Any] | None
    ) -> None:
        db.execute(
            "INSERT INTO correction_log (id, correction_id, action, user_id, acted_at, previous) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                next_id(db, "correction_log"),
                int(correction_id),
                action,
                user.id,
                now,
                amend.dumps(previous) if previous else None,
            ),
        )

    def _got(self, correction_id: int) -> Correction:
        found = self.get(correction_id)
        assert found is not None
        return found
