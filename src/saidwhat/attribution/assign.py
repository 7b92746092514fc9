"""Quote assignment: which cue each quotation of a paragraph belongs to.

A quotation goes to the best quote-capable cue of the sentences it touches (and
the sentence right after it: "“...,” he said." is often split off). The best is,
in order: a cue whose reported clause holds the quotation; a cue that does not sit
inside another cue's report; a sure reporting word over a nearer weak one; a main
clause over a subordinate one; the nearest.

Bounded work: cues are indexed by sentence, and a quotation weighs at most
``NEAREST`` cues on either side of it, so a paragraph of thousands of quotations
and cues costs time in proportion to its length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .frames import colon
from .lexicon import Lexicon
from .paragraph import LocalQuote, Paragraph
from .records import Cue
from .syntax import right_children

# Cues weighed on each side of a quotation (a sentence rarely has more).
NEAREST = 6
# How many tokens after a short quotation its cue may be ("," "”" "the" "mayor" "said").
SHORT_QUOTE_REACH = 5
# Dependency labels of subordinate clauses: a cue there rarely owns the quotation.
SUBORDINATE = ("relcl", "acl", "advcl", "pcomp")


def nested_flags(cues: list[Cue]) -> list[bool]:
    """For each cue, whether it sits inside another cue's reported clause.

    The clauses covering a token are those that start at it or before, less those
    that end there or before (two bisections of the sorted starts and ends, not a
    count over every token of the paragraph), less the cue's own clause when that
    covers it.
    """
    if len(cues) < 2 or not any(cue.clause for cue in cues):
        return [False] * len(cues)  # only another cue's clause can hold a cue
    starts = sorted(cue.clause[0] for cue in cues if cue.clause)
    ends = sorted(cue.clause[1] for cue in cues if cue.clause)
    flags = []
    for cue in cues:
        i = cue.tok.i
        own = 1 if cue.clause and cue.clause[0] <= i < cue.clause[1] else 0
        flags.append(bisect_right(starts, i) - bisect_right(ends, i) - own > 0)
    return flags


def assign_quotes(
    para: Paragraph,
    cues: list[Cue],
    lexicon: Lexicon,
    threshold: float,
    taken: set[int] | None = None,
    nested: list[bool] | None = None,
) -> set[int]:
    """Append each quotation to its cue's ``quotes`` (those in ``taken``, ids of
    quotations already credited, excepted); returns the ids of the quotations assigned.
    ``nested``: the cues' ``nested_flags``, when the caller has them."""
    if not para.quotes:
        return set()  # (and no cue's subject is looked for)
    capable = []  # (token index, cue, its quote score, nested in a report)
    if nested is None:
        nested = nested_flags(cues)
    near = _quote_sentences(para)
    for cue, inside in zip(cues, nested, strict=True):
        if para.sent_of[cue.tok.i] not in near:
            continue  # (never a quotation's: see _quote_sentences; its subject is not looked for)
        score = lexicon.score(cue.lemma, "quote")
        if score < threshold:
            continue  # (before the subject, which is found only when asked for)
        if cue.subject is None and colon(cue, para) is None:
            continue
        capable.append((cue.tok.i, cue, score, inside))
    positions = [c[0] for c in capable]
    claimed: set[int] = set()
    for q in para.quotes:
        if taken and id(q) in taken:
            continue
        best = _best_cue(para, q, capable, positions)
        if best is not None:
            best.quotes.append(q)
            claimed.add(id(q))
    return claimed


def _quote_sentences(para: Paragraph) -> set[int]:
    """The sentences a quotation's cue can be in: from the quotation's first sentence
    to the one after its last (``_best_cue`` takes a cue only from those). A cue
    elsewhere is no quotation's, and leaving it out of the capable cues changes no
    choice: before a quotation it is farther than every cue of the quotation's own
    sentences, after it likewise, so it can only take a place in the window after all
    of theirs."""
    near: set[int] = set()
    for q in para.quotes:
        near.update(range(para.sent_of[q.first], para.sent_of[q.last] + 2))
    return near


def _best_cue(
    para: Paragraph, q: LocalQuote, capable: list[tuple[int, Cue, float, bool]], positions: list[int]
) -> Cue | None:
    sents = {para.sent_of[q.first], para.sent_of[q.last]}
    if q.last + 1 < para.hi and _opens_sentence(para, q):
        # "“...,” he said." is often split off; but in "Japan branded it “an outlaw
        # nation.” Russia insisted ..." the next sentence's cue is not the quotation's
        sents.add(para.sent_of[q.last + 1])
    lo = bisect_left(positions, q.first)
    hi = bisect_left(positions, q.last + 1)
    window = capable[max(0, lo - NEAREST) : lo] + capable[hi : hi + NEAREST]
    if not q.speech:
        # a few quoted words are someone's only when a comma hands them to a cue that
        # follows at once: "“We need change,” the businessman said" (not "called it
        # “a disgrace” and left"), and not to one that reports a clause of its own after
        # it (blamed it on a “bad earpiece,” claiming he had ...)
        s, e = q.pieces[-1]
        handed = para.text[max(s, e - 3) : e].rstrip("”\"’' ")[-1:] in (",", "!", "?")
        window = [
            c
            for c in window
            if handed and q.last < c[0] <= q.last + SHORT_QUOTE_REACH and not _reports_after(para, c[1])
        ]
    best, best_key = None, None
    for i, cue, score, inside in window:
        if para.sent_of[i] not in sents:
            continue
        if cue.subject is not None and q.first <= cue.subject.i <= q.last:
            continue
        key = (
            not (cue.clause and cue.clause[0] <= q.first < cue.clause[1] or _in_infinitive(cue, q.first)),
            inside,
            score < 0.5,
            cue.tok.dep_ in SUBORDINATE,
            min(abs(i - q.first), abs(i - q.last)),
        )
        if best_key is None or key < best_key:
            best, best_key = cue, key
    return best


def _reports_after(para: Paragraph, cue: Cue) -> bool:
    """Whether ``cue`` reports an unquoted clause or infinitive that follows it
    ("claiming he had ...", "pledged to remain civil"; not the second half of
    "“Hopefully,” he said, “this museum ...”")."""
    # "pledged [to remain civil]" (its right children from those find_cues read)
    starts = [c.left_edge.i for c in right_children(cue.tok, cue.children) if c.dep_ == "xcomp"]
    if cue.clause:
        starts.append(cue.clause[0])
    return any(
        start > cue.tok.i and not any(para.in_quote[start : min(start + 2, para.hi)]) for start in starts
    )


def _in_infinitive(cue: Cue, i: int) -> bool:
    """Whether token ``i`` is in what ``cue`` reports as an infinitive ("called on police
    [to release the videos “as a matter of ...”]")."""
    return any(
        c.dep_ == "xcomp" and c.left_edge.i <= i <= c.right_edge.i
        for c in right_children(cue.tok, cue.children)
    )


def _opens_sentence(para: Paragraph, q: LocalQuote) -> bool:
    """Whether the quotation opens its sentence (nothing but punctuation before it)."""
    start = para.sentence(q.first)[0]
    # a few marks at most: bounded work on a run of punctuation
    return q.first - start <= 3 and all(t.is_punct or t.is_space for t in para.doc[start : q.first])
