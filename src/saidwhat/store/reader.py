"""Reading the store: search, speakers, articles and quote clusters as records.

Every function takes a ``Connection`` already inside a read transaction, so each
answer comes from one consistent snapshot. Searches find the page of ids first and
only then read those rows' details, so a query matching many rows ranks them
without touching article rows.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

from ..model import ACTS, Article, Attribution, Span, Speaker, When
from . import names, ranks
from .connection import Connection, Row, TextMatch
from .query import ACT_FILTERS, MOST_ACT, UNKNOWN_ACT, Filters, act_condition, plan_filters, row_id
from .records import (
    Hit,
    QuoteCluster,
    QuoteVariant,
    RoleSeen,
    SearchPage,
    SpeakerDetail,
    SpeakerSummary,
    StoredArticle,
)
from .roles import role_periods

RELEVANCE, NEWEST = "relevance", "newest"
# Relevance of each tier of TextMatch.tiers: the quote says the words; its speaker or title does.
TIER_SCORES = (1.0, 0.5)
FIRST_READ_SLACK = 10  # rows read beyond twice a page's need, so a small page rarely reads twice
TOP_ROLES = 3  # roles listed per speaker in summaries

_HIT_COLUMNS = """a.id AS attribution_id, a.article_id AS article_id, a.kind AS kind,
    a.content AS content, a.speaker_id AS speaker_id,
    coalesce(s.name, a.speaker_name) AS speaker, a.role AS role, a.cue AS cue,
    a.addressee AS addressee, a.when_text AS when_text, a.date AS date, ar.title AS title,
    ar.url AS url, ar.site AS site, ar.published AS published, a.cluster_id AS cluster_id,
    a.confidence AS confidence, a.corrected AS corrected, a.act AS act, a.channel AS channel"""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _keys(name: str) -> tuple[str, str]:
    """The keys a name typed by a user may be stored under: its clean key, its folded text."""
    clean = names.clean_name(name, "UNKNOWN")
    return (clean.key if clean else names.name_key(name, "PERSON")), names.fold(name)


def speaker_ids(db: Connection, name: str) -> list[int]:
    """Ids of the speakers called ``name``: by their key, a name their statements were
    given, or any alias; by surname only when nothing else matches."""
    key, plain = _keys(name)
    rows = db.rows(
        "SELECT id AS v FROM speakers WHERE key IN (?, ?) "
        "UNION SELECT speaker_id AS v FROM speaker_links WHERE name_key IN (?, ?) "
        "UNION SELECT x.speaker_id AS v FROM link_aliases l JOIN speaker_links x ON x.id = l.link_id "
        "WHERE l.alias_key IN (?, ?)",
        (key, plain, key, plain, key, plain),
    )
    if not any(r["v"] is not None for r in rows):
        rows = db.rows("SELECT id AS v FROM speakers WHERE surname = ?", (key,))
    return sorted({int(r["v"]) for r in rows if r["v"] is not None})


def search(
    db: Connection,
    phrases: list[tuple[str, ...]],
    filters: Filters,
    *,
    speakers: list[int] | None = None,
    limit: int = 20,
    offset: int = 0,
    order: str = RELEVANCE,
) -> SearchPage:
    """A page of attributions matching ``phrases`` (all of them; none = everything) and
    ``filters``: statements whose quote says the words first, then those matched by
    their speaker or article title, newest first within each; or newest first."""
    if speakers is None and filters.speaker:
        speakers = speaker_ids(db, filters.speaker)
    newest = f"a.date DESC{db.desc_nulls_last}, a.undated_rank DESC, a.id DESC"
    if not phrases:
        return _browse(db, filters, speakers, limit, offset, newest)
    # Filters travel inside the full-text query (index tokens, the date range as the
    # engine prefers), so the engine intersects them with the words.
    plan = plan_filters(filters, speakers)
    if plan.empty:
        return SearchPage([], 0)
    m = db.text_match(phrases, plan.groups, plan.since, plan.until, plan.acts)
    total, exact = _count(db, m)
    if not total:
        return SearchPage([], 0)
    if order == NEWEST:
        rows = db.rows(
            f"SELECT {m.row_id} AS id FROM {m.source} WHERE {m.where} ORDER BY {m.newest} LIMIT ? OFFSET ?",
            [*m.where_params, int(limit), int(offset)],
        )
        return SearchPage(hits(db, [int(r["id"]) for r in rows]), total, exact)
    # Relevance: tier by tier, confident statements before weak ones in each, newest first,
    # until the page is full.
    wanted = int(offset) + int(limit)
    ranked: list[tuple[int, float]] = []
    for tier, score in zip(m.tiers, TIER_SCORES, strict=True):
        ranked += [(i, score) for i in _tier(db, m, tier, wanted - len(ranked))]
        if len(ranked) >= wanted or (exact and len(ranked) >= total):
            break
    scores = dict(ranked[offset:wanted])
    return SearchPage(hits(db, list(scores), scores), total, exact)


def _tier(db: Connection, m: TextMatch, tier: tuple[str, list[Any]], need: int) -> list[int]:
    """The first ``need`` statements of one relevance tier: its confident ones newest
    first, then (when those run out) its weak ones newest first."""
    condition, params = tier

    def read(extra: str, limit: int) -> list[Row]:
        return db.rows(
            f"SELECT {m.row_id} AS id, {m.confidence} AS confidence FROM {m.ranked_source} "
            f"WHERE {condition}{extra} ORDER BY {m.newest} LIMIT ?",
            [*params, limit],
        )

    if m.confident:  # the engine filters as it reads: confident rows, then weak ones if needed
        ids = [int(r["id"]) for r in read(m.confident, need)]
        if len(ids) < need:
            ids += [int(r["id"]) for r in read(m.weak, need - len(ids))]
        return ids
    # Else the tier is read in its index order: at first twice the rows needed (enough
    # when half of them are confident, as a page of real news is), then four times as many
    # each time until enough are confident or the tier is exhausted.
    limit = 2 * need + FIRST_READ_SLACK
    while True:
        rows = read("", limit)
        confident = [int(r["id"]) for r in rows if ranks.confident(r["confidence"])]
        if len(confident) >= need:
            return confident[:need]
        if len(rows) < limit:  # the whole tier: its weak statements follow
            return (confident + [int(r["id"]) for r in rows if not ranks.confident(r["confidence"])])[:need]
        limit *= 4


def _count(db: Connection, m: TextMatch) -> tuple[int, bool]:
    """How many statements match, and whether that is exact (else "at least")."""
    if db.count_limit is None:
        return int(
            db.scalar(f"SELECT count(*) AS v FROM {m.source} WHERE {m.where}", m.where_params) or 0
        ), True
    n = int(
        db.scalar(
            f"SELECT count(*) AS v FROM (SELECT 1 FROM {m.source} WHERE {m.where} LIMIT ?) counted",
            [*m.where_params, db.count_limit + 1],
        )
        or 0
    )
    return min(n, db.count_limit), n <= db.count_limit


def _browse(
    db: Connection, filters: Filters, speakers: list[int] | None, limit: int, offset: int, newest: str
) -> SearchPage:
    """Attributions matching filters only, newest first (ordered B-tree indexes serve)."""
    where: list[str] = []
    params: list[Any] = []
    if speakers is not None:
        if not speakers:
            return SearchPage([], 0)
        where.append(f"a.speaker_id IN ({', '.join('?' * len(speakers))})")
        params.extend(speakers)
    for clause, value in (
        ("a.date >= ?", filters.since),
        ("a.date <= ?", filters.until),
        ("a.kind = ?", filters.kind),
        ("a.site = ?", filters.site),
        ("a.resolved_type = ?", filters.speaker_type),
    ):
        if value is not None:
            where.append(clause)
            params.append(value)
    base, base_params = list(where), list(params)
    if filters.acts is not None:
        clause, values = act_condition(filters.acts)
        where.append(clause)
        params.extend(values)
    condition = " AND ".join(where) or "1 = 1"
    rows = db.rows(
        f"SELECT a.id AS id FROM attributions a WHERE {condition} ORDER BY {newest} LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )
    if where and db.count_limit is not None:  # as a text search counts (the full listing stays exact)
        n = int(
            db.scalar(
                f"SELECT count(*) AS v FROM (SELECT 1 FROM attributions a WHERE {condition} LIMIT ?) counted",
                [*params, db.count_limit + 1],
            )
            or 0
        )
        return SearchPage(hits(db, [int(r["id"]) for r in rows]), min(n, db.count_limit), n <= db.count_limit)
    total = _exact_count(db, base, base_params, filters.acts)
    return SearchPage(hits(db, [int(r["id"]) for r in rows]), total)


def _exact_count(db: Connection, where: list[str], params: list[Any], acts: tuple[str, ...] | None) -> int:
    """How many statements match the conditions ``where`` and keep ``acts``.

    When the acts kept include speech, most statements are kept (news is mostly
    speech), so what is left out is counted and subtracted: with no other filter the
    act index counts the few left out (migration 0007), where counting the kept ones
    would read most of the table.
    """

    def count(conditions: list[str], values: list[Any]) -> int:
        condition = " AND ".join(conditions) or "1 = 1"
        return int(db.scalar(f"SELECT count(*) AS v FROM attributions a WHERE {condition}", values) or 0)

    if acts is None:
        return count(where, params)
    if MOST_ACT in acts:
        left_out, values = act_condition(tuple(a for a in ACT_FILTERS if a not in acts))
        return count(where, params) - count([*where, left_out], [*params, *values])
    kept, values = act_condition(acts)
    return count([*where, kept], [*params, *values])


def hits(db: Connection, ids: list[int], scores: dict[int, float] | None = None) -> list[Hit]:
    """Search hits for attribution ``ids``, in that order."""
    rows = db.rows_in(
        f"SELECT {_HIT_COLUMNS} FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        "LEFT JOIN speakers s ON s.id = a.speaker_id WHERE a.id IN ({in})",
        ids,
    )
    by_id = {int(r["attribution_id"]): r for r in rows}
    out = []
    for i in ids:
        r = by_id.get(i)
        if r is None:
            continue
        out.append(
            Hit(
                attribution_id=i,
                article_id=r["article_id"],
                kind=r["kind"],
                content=r["content"],
                speaker_id=r["speaker_id"],
                speaker=r["speaker"],
                role=r["role"],
                cue=r["cue"],
                addressee=r["addressee"],
                when=r["when_text"],
                date=r["date"],
                title=r["title"],
                url=r["url"],
                site=r["site"],
                published=r["published"],
                cluster_id=r["cluster_id"],
                confidence=float(r["confidence"]),
                score=(scores or {}).get(i, 0.0),
                corrected=r["corrected"],
                act=r["act"] or UNKNOWN_ACT,
                channel=r["channel"],
            )
        )
    return out


def speakers(db: Connection, top: int, q: str | None) -> list[SpeakerSummary]:
    """Speakers by number of statements, optionally those whose name or alias contains ``q``."""
    params: list[Any] = []
    where = "WHERE statements > 0"
    if q and q.strip():
        pattern = "%" + _escape_like(names.fold(q)) + "%"
        where += (
            " AND (key LIKE ? ESCAPE '\\' OR id IN (SELECT x.speaker_id FROM link_aliases l "
            "JOIN speaker_links x ON x.id = l.link_id WHERE l.alias_key LIKE ? ESCAPE '\\'))"
        )
        params = [pattern, pattern]
    rows = db.rows(
        f"SELECT id, name, type, gender, statements FROM speakers {where} ORDER BY statements DESC, id LIMIT ?",
        [*params, int(top)],
    )
    roles = _roles(db, [int(r["id"]) for r in rows])
    return [
        SpeakerSummary(
            int(r["id"]),
            r["name"],
            r["type"],
            int(r["statements"]),
            [x.role for x in reversed(role_periods(roles.get(int(r["id"]), [])))][:TOP_ROLES],
            r["gender"],
        )
        for r in rows
    ]


def _roles(db: Connection, ids: list[int]) -> dict[int, list[RoleSeen]]:
    """Each speaker's roles summed over its links: one per role key, written as most
    often, earliest first."""
    seen: dict[tuple[int, str], tuple[Counter[str], list[Any]]] = {}
    for r in db.rows_in(
        "SELECT x.speaker_id AS speaker_id, r.role_key AS role_key, r.role AS role, r.first_seen AS first_seen, "
        "r.last_seen AS last_seen, r.count AS count FROM link_roles r JOIN speaker_links x ON x.id = r.link_id "
        "WHERE x.speaker_id IN ({in})",
        ids,
    ):
        key = (int(r["speaker_id"]), r["role_key"])
        spellings, span = seen.setdefault(key, (Counter(), [None, None, 0]))
        spellings[r["role"]] += int(r["count"])
        span[0] = min(filter(None, (span[0], r["first_seen"])), default=None)
        span[1] = max(filter(None, (span[1], r["last_seen"])), default=None)
        span[2] += int(r["count"])
    out: dict[int, list[RoleSeen]] = {}
    for (sid, _), (spellings, (first, last, count)) in seen.items():
        role = min(spellings, key=lambda w: (-spellings[w], w))
        out.setdefault(sid, []).append(RoleSeen(role, first, last, count))
    for roles in out.values():
        roles.sort(key=lambda x: (x.first_seen is None, x.first_seen or "", x.role))
    return out


def speaker(db: Connection, key: int | str) -> SpeakerDetail | None:
    """One speaker by id, or by name or alias: a full name's own speaker first, else
    the speaker with most statements among those the name or alias fits."""
    sid: int | None = None
    if isinstance(key, int) or str(key).strip().isdecimal():
        sid = row_id(key)  # None for a number no row can have
    else:
        full, plain = _keys(str(key))
        rows = db.rows_in(  # by name, only speakers that have statements (not one merged away)
            "SELECT id, key, statements FROM speakers WHERE id IN ({in}) AND statements > 0",
            speaker_ids(db, str(key)),
        )
        if rows:
            multiword = len(full.split()) >= 2
            best = max(
                rows,
                key=lambda r: (
                    multiword and r["key"] in (full, plain),
                    int(r["statements"]),
                    -int(r["id"]),
                ),
            )
            sid = int(best["id"])
    if sid is None:
        return None
    r = db.one(
        "SELECT id, name, type, gender, external_id, statements, first_date, last_date FROM speakers WHERE id = ?",
        (sid,),
    )
    if r is None:
        return None
    counts: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for a in db.rows(
        "SELECT l.alias_key AS alias_key, l.alias AS alias, l.count AS count FROM link_aliases l "
        "JOIN speaker_links x ON x.id = l.link_id WHERE x.speaker_id = ?",
        (sid,),
    ):
        counts[a["alias_key"]] += int(a["count"])
        spelled.setdefault(a["alias_key"], Counter())[a["alias"]] += int(a["count"])
    aliases = [
        min(spelled[k], key=lambda w: (-spelled[k][w], w))
        for k in sorted(counts, key=lambda k: (-counts[k], k))
    ]
    roles = _roles(db, [sid]).get(sid, [])
    return SpeakerDetail(
        id=sid,
        name=r["name"],
        type=r["type"],
        aliases=aliases,
        roles=roles,
        statements=int(r["statements"]),
        first_date=r["first_date"],
        last_date=r["last_date"],
        gender=r["gender"],
        external_id=r["external_id"],
        role_periods=role_periods(roles),
    )


def weekly(db: Connection, speaker_id: int) -> list[tuple[str, int]]:
    """Statements per week (ISO date of its Monday), weeks without statements included."""
    counts: dict[date, int] = {}
    for r in db.rows(
        "SELECT date, count(*) AS n FROM attributions WHERE speaker_id = ? AND date IS NOT NULL GROUP BY date",
        (speaker_id,),
    ):
        day = date.fromisoformat(r["date"])
        monday = day - timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + int(r["n"])
    if not counts:
        return []
    out, week, last = [], min(counts), max(counts)
    while week <= last:
        out.append((week.isoformat(), counts.get(week, 0)))
        week += timedelta(days=7)
    return out


def _span(text: str | None, spans: str | None) -> Span | None:
    if text is None or spans is None:
        return None
    return Span(text, tuple((int(s), int(e)) for s, e in json.loads(spans)))


def _attribution(r: Row) -> Attribution:
    when = None
    if r["when_text"] is not None:
        when = When(
            r["when_text"],
            tuple((int(s), int(e)) for s, e in json.loads(r["when_spans"] or "[]")),
            r["when_date"],
        )
    addressee_span = None
    if r["addressee_start"] is not None:
        addressee_span = (int(r["addressee_start"]), int(r["addressee_end"]))
    return Attribution(
        kind=r["kind"],
        content=_span(r["content"], r["content_spans"]),  # type: ignore[arg-type]
        speaker=Speaker(
            r["speaker_name"], r["speaker_role"], r["speaker_type"] or "UNKNOWN", r["speaker_gender"]
        )
        if r["speaker_name"] is not None
        else None,
        source=_span(r["source"], r["source_spans"]),
        cue=_span(r["cue"], r["cue_spans"]),
        addressee=r["addressee"],
        addressee_span=addressee_span,
        when=when,
        confidence=float(r["confidence"]),
        act=r["act"],
        channel=_span(r["channel"], r["channel_spans"]),
    )


def article(db: Connection, article_id: str) -> StoredArticle | None:
    """An article as ingested, its attributions' offsets indexing its text."""
    r = db.one("SELECT * FROM articles WHERE id = ?", (article_id,))
    if r is None:
        return None
    rows = db.rows("SELECT * FROM attributions WHERE article_id = ? ORDER BY seq", (article_id,))
    rebuilt = Article(
        text=r["text"],
        id=r["id"],
        title=r["title"],
        dateline=r["dateline"],
        published=r["published"],
        url=r["url"],
        author=r["author"],
        site=r["site"],
        language=r["language"],
        body=[(int(s), int(e)) for s, e in json.loads(r["body"])],
        attributions=[_attribution(x) for x in rows],
        source=r["source"],
    )
    return StoredArticle(
        article=rebuilt,
        attribution_ids=[int(x["id"]) for x in rows],
        cluster_ids=[None if x["cluster_id"] is None else int(x["cluster_id"]) for x in rows],
        speaker_ids=[None if x["speaker_id"] is None else int(x["speaker_id"]) for x in rows],
        corrected=[x["corrected"] for x in rows],
    )


def quote_cluster(db: Connection, cluster_id: int) -> QuoteCluster | None:
    """A quote cluster with its variants, earliest article first."""
    rows = db.rows(
        "SELECT a.id AS id, a.article_id AS article_id, a.content AS content, "
        "coalesce(s.name, a.speaker_name) AS speaker, ar.title AS title, ar.url AS url, "
        "ar.site AS site, ar.published AS published, ar.pub_date AS pub_date, a.corrected AS corrected, "
        "a.act AS act, a.confidence AS confidence "
        "FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        "LEFT JOIN speakers s ON s.id = a.speaker_id WHERE a.cluster_id = ?",
        (int(cluster_id),),
    )
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: (r["pub_date"] is None, r["pub_date"] or "", int(r["id"])))
    variants = [
        QuoteVariant(
            int(r["id"]),
            r["article_id"],
            r["content"],
            r["speaker"],
            r["title"],
            r["url"],
            r["site"],
            r["published"],
            r["corrected"],
            r["act"] or UNKNOWN_ACT,
            float(r["confidence"]),
        )
        for r in rows
    ]
    first = variants[0]
    speaker_name = first.speaker or next((v.speaker for v in variants if v.speaker), None)
    return QuoteCluster(
        int(cluster_id), first.text, speaker_name, first.article_id, first.published, variants
    )


def stats(db: Connection) -> dict[str, int]:
    """How much the store holds."""
    out = {}
    for name, sql in (
        ("articles", "SELECT count(*) AS v FROM articles"),
        ("attributions", "SELECT count(*) AS v FROM attributions"),
        ("speakers", "SELECT count(*) AS v FROM speakers WHERE statements > 0"),
        ("clusters", "SELECT count(*) AS v FROM clusters"),
        ("shared_clusters", "SELECT count(*) AS v FROM clusters WHERE articles > 1"),
    ):
        out[name] = int(db.scalar(sql) or 0)
    return out


def check(db: Connection) -> list[str]:
    """Problems found by cross-checking the store's tables (empty when consistent)."""
    problems = []
    for what, sql in (
        (
            "speakers whose statement count is wrong",
            "SELECT count(*) AS v FROM speakers s WHERE statements <> "
            "(SELECT count(*) FROM attributions a WHERE a.speaker_id = s.id)",
        ),
        (
            "clusters whose variant count is wrong",
            "SELECT count(*) AS v FROM clusters c WHERE variants <> "
            "(SELECT count(*) FROM attributions a WHERE a.cluster_id = c.id)",
        ),
        (
            "clusters whose article count is wrong",
            "SELECT count(*) AS v FROM clusters c WHERE articles <> "
            "(SELECT count(DISTINCT article_id) FROM attributions a WHERE a.cluster_id = c.id)",
        ),
        (
            "clusters without fingerprints",
            "SELECT count(*) AS v FROM clusters c WHERE NOT EXISTS "
            "(SELECT 1 FROM cluster_prints p WHERE p.cluster_id = c.id)",
        ),
        (
            "speaker links whose statement count is wrong",
            "SELECT count(*) AS v FROM speaker_links x WHERE statements <> "
            "(SELECT count(*) FROM attributions a WHERE a.speaker_link = x.id)",
        ),
        (
            "attributions whose speaker is not their link's",
            "SELECT count(*) AS v FROM attributions a JOIN speaker_links x ON x.id = a.speaker_link "
            "WHERE coalesce(a.speaker_id, -1) <> coalesce(x.speaker_id, -1)",
        ),
        (
            "speakers with statements but no link",
            "SELECT count(*) AS v FROM speakers s WHERE statements > 0 AND NOT EXISTS "
            "(SELECT 1 FROM speaker_links x WHERE x.speaker_id = s.id)",
        ),
        (
            "attributions whose act is no act",
            "SELECT count(*) AS v FROM attributions WHERE act IS NOT NULL AND act NOT IN ("
            + ", ".join(f"'{act}'" for act in ACTS)
            + ")",
        ),
        (
            "attributions of missing articles",
            "SELECT count(*) AS v FROM attributions a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles ar WHERE ar.id = a.article_id)",
        ),
        (
            "articles whose attributions are not numbered 0..n-1",
            "SELECT count(*) AS v FROM (SELECT article_id FROM attributions GROUP BY article_id "
            "HAVING max(seq) + 1 <> count(*)) x",
        ),
    ):
        n = int(db.scalar(sql) or 0)
        if n:
            problems.append(f"{n} {what}")
    return problems
