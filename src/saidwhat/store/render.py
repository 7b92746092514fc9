"""Store records as text for the terminal: tables, CSV, JSON, side-by-side quotes.

The CLI's ``search``, ``speakers``, ``speaker`` and ``quote`` commands print these;
each function returns a string and never prints.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import fields
from typing import Any

from .diff import mark, word_diff
from .quotes import normalise
from .records import (
    Explanation,
    Hit,
    QuoteCluster,
    SearchPage,
    SpeakerDecision,
    SpeakerDetail,
    SpeakerLink,
    SpeakerSummary,
)


def to_json(value: Any) -> str:
    """Records (or lists of them) as indented JSON."""

    def plain(v: Any) -> Any:
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v.to_json() if hasattr(v, "to_json") else v

    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def hits_csv(page: SearchPage) -> str:
    """A search page as CSV, one hit per row, a header first."""
    out = io.StringIO()
    names = [f.name for f in fields(Hit)]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for hit in page.results:
        writer.writerow(hit.to_json())
    return out.getvalue()


def _hit(hit: Hit, n: int, width: int) -> list[str]:
    who = hit.speaker or "(unknown speaker)"
    if hit.role:
        who += f", {hit.role}"
    head = f"{n:>3}. {hit.date or '(undated)':<10}  {hit.kind:<8} {hit.act:<10} {hit.confidence:.2f}  {who}"
    lines = [head]
    lines += textwrap.wrap(hit.content, width=width - 7, initial_indent=" " * 7, subsequent_indent=" " * 7)
    where = " — ".join(x for x in (hit.site, hit.title) if x)
    meta = [f"#{hit.attribution_id}", f"article {hit.article_id}"]
    if hit.channel:
        meta.insert(0, f"via {hit.channel}")
    if hit.cluster_id is not None:
        meta.append(f"quote {hit.cluster_id}")
    lines.append(" " * 7 + (where + "  " if where else "") + "[" + ", ".join(meta) + "]")
    return lines


def hits_table(page: SearchPage, offset: int = 0, width: int = 100) -> str:
    """A search page as readable text, with "N-M of TOTAL" at the end."""
    if not page.results:
        return "no statements found"
    lines: list[str] = []
    for n, hit in enumerate(page.results, offset + 1):
        lines += _hit(hit, n, width)
    total = f"{page.total:,}" if page.total_exact else f"more than {page.total:,}"
    lines.append(f"\n{offset + 1}-{offset + len(page.results)} of {total}")
    return "\n".join(lines)


def speakers_table(speakers: list[SpeakerSummary]) -> str:
    """Speakers ranked by statements."""
    if not speakers:
        return "no speakers found"
    lines = [f"{'#':>4}  {'statements':>10}  {'id':>6}  {'type':<7}  name (roles, the latest first)"]
    for n, s in enumerate(speakers, 1):
        roles = f" ({'; '.join(s.roles)})" if s.roles else ""
        lines.append(f"{n:>4}  {s.statements:>10,}  {s.id:>6}  {s.type:<7}  {s.name}{roles}")
    return "\n".join(lines)


def speaker_text(
    detail: SpeakerDetail, page: SearchPage, others: list[SpeakerSummary], width: int = 100
) -> str:
    """A speaker's card (aliases, roles with dates) and a timeline of statements."""
    facts = [detail.type, f"speaker {detail.id}"]
    if detail.gender:
        facts.append({"m": "male", "f": "female"}.get(detail.gender, detail.gender))
    if detail.external_id:
        facts.append(detail.external_id)
    lines = [
        f"{detail.name}  [{', '.join(facts)}]",
        f"  {detail.statements:,} statements, {detail.first_date or '?'} to {detail.last_date or '?'}",
    ]
    if detail.aliases:
        lines.append("  also named: " + ", ".join(detail.aliases))
    if detail.roles:
        shown = detail.role_periods or detail.roles
        lines.append("  roles:")
        for r in shown:
            span = r.first_seen if r.first_seen == r.last_seen else f"{r.first_seen} to {r.last_seen}"
            lines.append(f"    {r.role} ({span or 'undated'}; {r.count}x)")
        described = [r.role for r in detail.roles if r not in shown]
        if described:
            lines.append("  also described as: " + "; ".join(described))
    if others:
        lines.append("  other speakers with this name: " + ", ".join(f"{o.name} (id {o.id})" for o in others))
    lines.append("")
    lines.append(hits_table(page, width=width) if page.results else "no statements")
    return "\n".join(lines)


def _columns(left: str, right: str, width: int) -> list[str]:
    col = max(20, (width - 3) // 2)
    a = textwrap.wrap(left, col) or [""]
    b = textwrap.wrap(right, col) or [""]
    a += [""] * (len(b) - len(a))
    b += [""] * (len(a) - len(b))
    return [f"{x:<{col}} | {y}" for x, y in zip(a, b, strict=True)]


_QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless it already opens or closes with one."""
    if text[:1] in _QUOTE_MARKS or text[-1:] in _QUOTE_MARKS:
        return text
    return f"“{text}”"


def quote_text(cluster: QuoteCluster, width: int = 100, *, strict: bool = False) -> str:
    """A quote cluster: the earliest version, then each other version beside it with
    its differences marked ([-only in the earliest-] {+only in this one+}); ``strict``
    marks every changed character, as the quote page's strict view does."""
    first = cluster.variants[0]
    articles = len({v.article_id for v in cluster.variants})
    lines = [
        f"quote {cluster.id}: {cluster.speaker or '(unknown speaker)'} — "
        f"{plural(len(cluster.variants), 'version')} in {plural(articles, 'article')}",
        f"first carried by {first.site or first.url or first.article_id}, {first.published or 'undated'}"
        + (f" — {first.title}" if first.title else ""),
        "",
    ]
    lines += textwrap.wrap(quoted(cluster.canonical), width)
    base = normalise(cluster.canonical)
    for n, v in enumerate(cluster.variants[1:], 2):
        where = f"{v.site or v.url or v.article_id}, {v.published or 'undated'}"
        lines += ["", f"{n}. {where}" + (f" — {v.title}" if v.title else "") + f"  [article {v.article_id}]"]
        if v.text == cluster.canonical:
            lines.append("   identical to the first version")
            continue
        pieces = word_diff(cluster.canonical, v.text, strict=strict)
        note = (
            "the same words once case, punctuation and contractions are set aside"
            if normalise(v.text) == base
            else None
        )
        lines += _columns(f"FIRST: {mark(pieces, 'a')}", f"THIS: {mark(pieces, 'b')}", width)
        if note:
            lines.append(f"   ({note})")
    return "\n".join(lines)


def quote_json(cluster: QuoteCluster, *, strict: bool = False) -> str:
    """A quote cluster as JSON, each variant with its word differences from the first."""
    data = cluster.to_json()
    for v, raw in zip(data["variants"], cluster.variants, strict=True):
        v["diff"] = [p._asdict() for p in word_diff(cluster.canonical, raw.text, strict=strict)]
    return json.dumps(data, ensure_ascii=False, indent=2)


def plural(n: int, word: str) -> str:
    """``1 version``, ``2 versions``."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _link_line(x: SpeakerLink) -> str:
    what = [x.name]
    if x.gender:
        what.append({"m": "male", "f": "female"}.get(x.gender, x.gender))
    if x.role:
        what.append(f"as {x.role}")
    if x.period:
        what.append(x.period)
    who = f"speaker {x.speaker_id} {x.speaker}" if x.speaker_id else "no speaker"
    why = x.rule + (f" by {x.actor} at {x.decided_at}" if x.actor else "")
    line = f"  {', '.join(what)} ({x.statements:,} statements) -> {who}: {why}"
    evidence = {k: v for k, v in x.evidence.items() if v not in (None, [], {}, "")}
    if evidence:
        line += "\n      " + json.dumps(evidence, ensure_ascii=False, sort_keys=True)
    return line


def explanation_text(e: Explanation) -> str:
    """Why two names are one speaker or two: each name's links, rules and evidence."""
    verdict = "one speaker" if e.same else "not one speaker"
    lines = [f"{e.a!r} and {e.b!r}: {verdict}"]
    for name, links in ((e.a, e.links_a), (e.b, e.links_b)):
        lines += ["", f"{name}:"] + ([_link_line(x) for x in links] or ["  (no statements under this name)"])
    if e.decisions:
        lines += ["", "decisions:"] + [_decision_line(d) for d in e.decisions]
    return "\n".join(lines)


def _decision_line(d: SpeakerDecision) -> str:
    what = {
        "merge": f"merged {d.name} into {d.speaker}",
        "alias-file": f"alias {d.name} -> {d.speaker}" + (f" ({d.value})" if d.value else ""),
        "split": f"split {d.name} from {d.speaker}",
        "rename": f"renamed {d.speaker} to {d.value}",
        "external-id": f"{d.speaker} is {d.value}" if d.value else f"{d.speaker} has no external id",
    }.get(d.action, f"{d.action} {d.name} {d.speaker} {d.value or ''}".strip())
    return f"  #{d.id} {d.decided_at} {d.actor}: {what}"


def decisions_table(decisions: list[SpeakerDecision]) -> str:
    """The log of manual decisions, as given (newest first)."""
    if not decisions:
        return "no decisions yet"
    return "\n".join(_decision_line(d).strip() for d in decisions)
