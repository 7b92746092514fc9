"""Editing stored statements: what applying (and undoing) a correction does to the
quote database, inside the caller's write transaction.

Each edit returns the values it replaced, so undoing it is putting them back.
Whatever a statement's speaker or words, the counters the ingest writer keeps stay
true (``Store.check`` cross-checks them): a speaker's statements and first and last
dates, a quote cluster's variants, articles and earliest carrier, and the numbering
of an article's statements 0..n-1. The search indexes follow by themselves: the
full-text triggers of both engines re-index a statement when its row changes.

A speaker named by a correction is decided as at ingest: the statement goes on the
link of its clean name and the identity rules place it (``speakers.relink``); a
changed quote joins the cluster the ingest writer would put it in, else a new one.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from . import quotes, speakers
from .connection import Connection
from .desk import next_id
from .query import site_key
from .writer import BatchWriter, spans_json

log = logging.getLogger(__name__)

# Columns each kind of edit changes (and so restores when undone).
SPEAKER_COLUMNS = (
    "speaker_id",
    "speaker_name",
    "speaker_role",
    "speaker_type",
    "speaker_gender",
    "role",
    "corrected",
)
WORDS_COLUMNS = ("content", "content_spans", "quote_hash", "cluster_id", "corrected")
HUMAN_CONFIDENCE = 1.0  # a statement a moderator added or confirmed
DOUBLE_QUOTES = frozenset('"“”„«»')


def row(db: Connection, attribution_id: int) -> dict[str, Any] | None:
    """A statement's stored row, without engine-computed columns (PostgreSQL's search vectors)."""
    found = db.one("SELECT * FROM attributions WHERE id = ?", (int(attribution_id),))
    if found is None:
        return None
    return {k: v for k, v in dict(found).items() if not k.startswith("tsv")}


def infer_kind(content: str) -> str:
    """The kind of an added statement: direct when it opens with a quotation mark,
    mixed when it holds one, else indirect (reported speech)."""
    stripped = content.strip()
    if stripped[:1] in DOUBLE_QUOTES:
        return "direct"
    return "mixed" if any(ch in DOUBLE_QUOTES for ch in stripped) else "indirect"


# ---------------------------------------------------------------- counters


def recount_cluster(db: Connection, cluster_id: int | None) -> None:
    """A quote cluster's variants, articles and earliest carrier, from its statements.
    A cluster left without statements is kept (empty), as an undo may bring one back."""
    if cluster_id is None:
        return
    rows = db.rows(
        "SELECT a.id AS id, a.article_id AS article_id, ar.pub_date AS pub_date "
        "FROM attributions a JOIN articles ar ON ar.id = a.article_id WHERE a.cluster_id = ?",
        (int(cluster_id),),
    )
    if not rows:
        db.execute("UPDATE clusters SET variants = 0, articles = 0 WHERE id = ?", (int(cluster_id),))
        return
    first = min(rows, key=lambda r: (r["pub_date"] is None, r["pub_date"] or "", int(r["id"])))
    db.execute(
        "UPDATE clusters SET variants = ?, articles = ?, first_attribution_id = ?, first_article_id = ?, "
        "first_date = ? WHERE id = ?",
        (
            len(rows),
            len({r["article_id"] for r in rows}),
            int(first["id"]),
            first["article_id"],
            first["pub_date"],
            int(cluster_id),
        ),
    )


# ---------------------------------------------------------------- speakers and clusters


def _existing(db: Connection, table: str, value: Any) -> Any:
    """``value`` if ``table`` still has that id (a speaker may have been merged away since)."""
    if value is None or db.one(f"SELECT 1 AS v FROM {table} WHERE id = ?", (int(value),)) is None:
        return None
    return value


def cluster_for(
    db: Connection, kind: str, content: str, attribution_id: int, article_id: str
) -> tuple[str | None, int | None]:
    """``(quote_hash, cluster_id)`` for a quote, as the ingest writer would cluster it:
    the cluster of the same normal form, else a similar one sharing fingerprints, else
    a new cluster; ``(None, None)`` for what is not clustered (short or reported)."""
    normal = quotes.normalise(content)
    words = normal.split()
    if not quotes.clusterable(kind, words):
        return None, None
    digest, prints = quotes.quote_hash(normal), quotes.fingerprints(words)
    loaded = BatchWriter(db)._load_clusters([(words, digest, prints)])
    match = quotes.Clustering(*loaded, next_id=0).match(words, digest, prints)  # the writer's rule
    if match is not None:
        return digest, match.id
    cid = next_id(db, "clusters")
    pub_date = db.scalar("SELECT pub_date AS v FROM articles WHERE id = ?", (article_id,))
    db.execute(
        "INSERT INTO clusters (id, norm, first_attribution_id, first_article_id, first_date, variants, articles) "
        "VALUES (?, ?, ?, ?, ?, 0, 0)",
        (cid, normal, int(attribution_id), article_id, pub_date),
    )
    db.executemany(
        "INSERT INTO cluster_prints (print, cluster_id) VALUES (?, ?)", [(p, cid) for p in sorted(prints)]
    )
    return digest, cid


# ---------------------------------------------------------------- edits


def _restore(db: Connection, attribution_id: int, values: dict[str, Any]) -> None:
    columns = list(values)
    db.execute(
        f"UPDATE attributions SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
        [*(values[c] for c in columns), int(attribution_id)],
    )


def set_speaker(db: Connection, current: dict[str, Any], name: str, type_: str) -> dict[str, Any]:
    """Give a statement another speaker; returns the replaced values."""
    before = {c: current[c] for c in SPEAKER_COLUMNS}
    _restore(
        db,
        current["id"],
        {
            "speaker_name": name.strip(),
            "speaker_role": None,
            "speaker_type": type_,
            "speaker_gender": None,
            "corrected": "speaker",
        },
    )
    speakers.relink(db, [current["id"]])
    return {"columns": before}


def set_words(
    db: Connection, current: dict[str, Any], spans: list[tuple[int, int]], text: str
) -> dict[str, Any]:
    """Give a statement other words (spans into its article's text); returns the replaced values."""
    before = {c: current[c] for c in WORDS_COLUMNS}
    content = " ".join(text[s:e] for s, e in spans)
    digest, cid = cluster_for(db, current["kind"], content, current["id"], current["article_id"])
    _restore(
        db,
        current["id"],
        {
            "content": content,
            "content_spans": spans_json(spans),
            "quote_hash": digest,
            "cluster_id": cid,
            "corrected": "words",
        },
    )
    recount_cluster(db, current["cluster_id"])
    recount_cluster(db, cid)
    return {"columns": before}


def undo_columns(db: Connection, attribution_id: int, previous: dict[str, Any]) -> None:
    """Put back the values a speaker or words edit replaced."""
    now = row(db, attribution_id)
    if now is None:
        return
    values = {k: v for k, v in previous["columns"].items() if k != "speaker_id"}  # the rules place it
    if "cluster_id" in values:
        values["cluster_id"] = _existing(db, "clusters", values["cluster_id"])
    _restore(db, attribution_id, values)
    if "speaker_name" in values:
        speakers.relink(db, [attribution_id])
    if "cluster_id" in values:
        recount_cluster(db, now["cluster_id"])
        recount_cluster(db, values["cluster_id"])


def _shift(db: Connection, article_id: str, from_seq: int, step: int) -> None:
    """Renumber an article's statements from ``from_seq`` on by ``step`` (+1 or -1).
    In two passes through negative numbers: (article_id, seq) is unique at every row."""
    db.execute(
        "UPDATE attributions SET seq = -seq - 1 WHERE article_id = ? AND seq >= ?",
        (article_id, int(from_seq)),
    )
    db.execute(
        "UPDATE attributions SET seq = -seq - 1 + ? WHERE article_id = ? AND seq < 0", (step, article_id)
    )


def remove(db: Connection, current: dict[str, Any]) -> dict[str, Any]:
    """Delete a statement (not a statement after all); returns its whole row."""
    db.execute("DELETE FROM attributions WHERE id = ?", (int(current["id"]),))
    _shift(db, current["article_id"], int(current["seq"]) + 1, -1)
    speakers.relink(db, [], left=[current.get("speaker_link")])
    recount_cluster(db, current["cluster_id"])
    return {"row": current}


def put_back(db: Connection, previous: dict[str, Any]) -> None:
    """Insert a removed statement again, with its id and place in the article."""
    values = dict(previous["row"])
    columns = [c for c in values if c in _columns(db)]
    values["speaker_id"] = None  # placed again by the rules (relink), as any statement
    values["cluster_id"] = _existing(db, "clusters", values.get("cluster_id"))
    count = int(
        db.scalar("SELECT count(*) AS v FROM attributions WHERE article_id = ?", (values["article_id"],))
    )
    values["seq"] = min(int(values["seq"]), count)
    _shift(db, values["article_id"], values["seq"], +1)
    db.insert("attributions", columns, [[values[c] for c in columns]])
    speakers.relink(db, [values["id"]])
    recount_cluster(db, values["cluster_id"])


def _columns(db: Connection) -> set[str]:
    """The attributions table's columns (later migrations add some)."""
    sample = db.rows("SELECT * FROM attributions LIMIT 1")
    if sample:
        return set(dict(sample[0]))
    cursor = db.execute("SELECT * FROM attributions WHERE 1 = 0")
    return {d[0] for d in cursor.description}


def add(
    db: Connection, article_id: str, spans: list[tuple[int, int]], speaker: str, type_: str
) -> dict[str, Any]:
    """Add a statement the extractor missed; returns its id."""
    article = db.one("SELECT text, pub_date, site FROM articles WHERE id = ?", (article_id,))
    assert article is not None
    text = article["text"]
    content = " ".join(text[s:e] for s, e in spans)
    kind = infer_kind(content)
    aid = next_id(db, "attributions")
    seq = int(db.scalar("SELECT count(*) AS v FROM attributions WHERE article_id = ?", (article_id,)))
    digest, cid = cluster_for(db, kind, content, aid, article_id)
    values = {
        "id": aid,
        "article_id": article_id,
        "seq": seq,
        "kind": kind,
        "content": content,
        "content_spans": spans_json(spans),
        "speaker_name": speaker.strip(),
        "speaker_type": type_,
        "confidence": HUMAN_CONFIDENCE,
        "date": article["pub_date"],
        "site": site_key(article["site"]),
        "quote_hash": digest,
        "cluster_id": cid,
        "corrected": "added",
    }
    db.insert("attributions", list(values), [list(values.values())])
    speakers.relink(db, [aid])
    recount_cluster(db, cid)
    return {"added": aid}


def take_back(db: Connection, previous: dict[str, Any]) -> None:
    """Delete a statement a correction added."""
    current = row(db, previous["added"])
    if current is not None:
        remove(db, current)


def dumps(value: dict[str, Any]) -> str:
    """Replaced values as stored in ``corrections.previous`` and ``correction_log``."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
