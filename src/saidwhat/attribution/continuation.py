"""Cue-less quotations: one statement in several quoted pieces.

A quotation no cue claimed continues the statement just before it, in the same or
the next paragraph ("...,” she said. “And more.”), and joins it as another content
span, as annotators read it. Before that, repeats are dropped: a report whose
content another already gave, and a cue-less quotation that another report claims
or quotes in part (a mixed quote's quoted words).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..model import Offsets
from .records import Report

# Which reports a cue-less quotation in the same or the next paragraph joins.
# (indirect too was tried on PolNeAR: no better, and a little worse on speakers)
FOLD_KINDS = ("direct", "mixed")
# How much surer than not a quotation is its introducing report's ("X said he would ...
# [new paragraph] “...”").
INTRODUCED = 0.9


def _union(spans: list[Offsets]) -> tuple[list[int], list[int]]:
    """Sorted, merged intervals as (starts, ends), for overlap tests by bisection."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _overlaps(union: tuple[list[int], list[int]], s: int, e: int) -> bool:
    starts, ends = union
    k = bisect_right(starts, e - 1) - 1  # the last interval starting before e
    return k >= 0 and ends[k] > s


def dedupe(reports: list[Report]) -> list[Report]:
    """Drop repeated contents, and cue-less quotations that another report already
    claims or reports in part."""
    claimed = {q.start for r in reports if not r.continues for q in r.quotes}
    reported = _union([span for r in reports if not r.continues for span in r.content])
    out: list[Report] = []
    seen: set[tuple[Offsets, ...]] = set()
    for r in sorted(reports, key=lambda r: (r.start, -r.score)):
        if r.pending:
            out.append(r)
            continue
        if r.continues and r.quotes:
            q = r.quotes[0]
            if q.start in claimed or _overlaps(reported, q.start, q.end):
                continue
        key = tuple(r.content)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def fold(reports: list[Report]) -> list[Report]:
    """Each cue-less quotation continues the report just before it, in the same or
    the previous paragraph:

    - a report closing on a colon ("Caddell continued:") takes it as its words;
    - a direct or mixed report takes it as another content span;
    - an indirect report that closed the paragraph before ("X said Monday he would
      seek justice.") gives its cue and source to the quotation opening this one;

    otherwise it is dropped, and so is a colon report that no quotation followed."""
    out: list[Report] = []
    for r in reports:
        if not r.continues:
            out.append(r)
            continue
        prev = out[-1] if out else None
        if prev is None or r.paragraph - prev.paragraph > 1:
            continue
        if prev.pending:
            if r.paragraph == prev.paragraph + 1 and r.opens_paragraph:
                prev.content, prev.quotes, prev.pending = list(r.content), list(r.quotes), False
                prev.paragraph = r.paragraph
            continue
        if prev.kind in FOLD_KINDS:
            prev.content = sorted(prev.content + r.content)
            prev.quotes = prev.quotes + r.quotes
            prev.paragraph = r.paragraph  # a run of quoted paragraphs stays one statement
        elif prev.kind == "indirect" and r.opens_paragraph and r.paragraph == prev.paragraph + 1 and prev.cue:
            out.append(
                replace(
                    r,
                    kind="direct",
                    cue=prev.cue,
                    source=prev.source,
                    when=prev.when,
                    continues=False,
                    score=prev.score * INTRODUCED,
                    act=prev.act,
                    frame="continuation",
                )
            )
    return [r for r in out if not r.pending]
