"""When a statement was made: find the time phrase at a cue, resolve it to a date.

"on Tuesday" is resolved against the article's publication date (the latest
Tuesday on or before it), as are "yesterday", "today", "Dec. 27" and "last
Friday". Vague phrases ("last week", "earlier this month") keep their text and no
date, rather than a guessed one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Token

from ..model import Offsets

if TYPE_CHECKING:  # (for the annotation only)
    from .records import Cue

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan", "jan."),
            ("february", "feb", "feb."),
            ("march", "mar", "mar."),
            ("april", "apr", "apr."),
            ("may",),
            ("june", "jun", "jun."),
            ("july", "jul", "jul."),
            ("august", "aug", "aug."),
            ("september", "sep", "sep.", "sept", "sept."),
            ("october", "oct", "oct."),
            ("november", "nov", "nov."),
            ("december", "dec", "dec."),
        ]
    )
    for name in names
}
DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1}
_TIME_HEADS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(DEICTIC)
    | {
        "week",
        "month",
        "year",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
        "day",
        "earlier",
        "later",
    }
)
_ADVERBIALS = frozenset(get_string_id(d) for d in ("npadvmod", "tmod", "advmod", "obl"))
_PREP = get_string_id("prep")
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")


def _is_time_word(tok: Token) -> bool:
    return tok.lower_ in _TIME_HEADS


def is_time_phrase(head: Token) -> bool:
    """ "Tuesday", "last week", "Dec. 27": a phrase that says when, not what."""
    return head.lower_ in _TIME_HEADS or head.lower_ in MONTHS


def find_when(cue: Cue) -> tuple[str, Offsets] | None:
    """The time phrase attached to ``cue``'s word (or to the clause it heads), if any."""
    for child in cue.children:
        span = None
        dep = child.dep  # (the label's id: most children are neither)
        if dep in _ADVERBIALS and _is_time_word(child):
            span = (child.left_edge.i, child.right_edge.i + 1)
        elif dep == _PREP and child.lower_ in ("on", "in", "during", "at", "earlier", "last"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            # the phrase's own head first: it rules out nearly every phrase without reading its subtree
            if pobj is not None and (pobj.lower_ in _TIME_HEADS or pobj.lower_ in MONTHS or pobj.like_num):
                if _is_time_word(pobj) or any(_is_time_word(t) for t in pobj.subtree):
                    span = (child.i, child.right_edge.i + 1)
        if span:
            doc = cue.tok.doc
            i, j = span
            while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
                j -= 1
            if j > i:
                return doc[i:j].text, (doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))
    return None


def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def resolve_date(phrase: str, published: str | None) -> str | None:
    """The ISO date ``phrase`` denotes relative to ``published``, or None if vague."""
    base = _parse_published(published)
    if base is None:
        return None
    words = re.findall(r"[a-z]+\.?|\d+", phrase.lower())
    for w in words:
        if w in DEICTIC:
            return (base + dt.timedelta(days=DEICTIC[w])).isoformat()
    if any(w in ("week", "month", "year", "weekend") for w in words):
        return None
    for w in words:
        if w in WEEKDAYS:
            back = (base.weekday() - WEEKDAYS.index(w)) % 7
            if "last" in words and back == 0:
                back = 7
            return (base - dt.timedelta(days=back)).isoformat()
    for k, w in enumerate(words):
        month = MONTHS.get(w)
        if month and k + 1 < len(words) and _DAY_NUMBER.match(words[k + 1]):
            day = int(_DAY_NUMBER.match(words[k + 1]).group(1))  # type: ignore[union-attr]
            year = base.year
            for w2 in words[k + 2 :]:
                if w2.isdigit() and len(w2) == 4:
                    year = int(w2)
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None
            if date > base and not any(w2.isdigit() and len(w2) == 4 for w2 in words[k + 2 :]):
                date = date.replace(year=year - 1)
            return date.isoformat()
    return None
