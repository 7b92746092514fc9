"""Cues and what they attribute: the syntactic core of the extractor.

For every cue word in a parsed paragraph (a reporting verb, "according to", a
colon after a speaker) this finds its frame and the spans it governs:

    clause   Pompeo said [that Soleimani was not in Baghdad]     ccomp / inverted
    infinitive  Iran vowed [to retaliate]                          xcomp
    object   Pompeo accused [Iran of working to thwart ...]        dobj (+ prep)
    prep     Clinton spoke about [the shooting]                    prep + pobj
    colon    He said: [the plan will fail]
    quote    “[We know],” he added                                 a quotation nearby
    according  [Clinton leads], according to [the poll]
    noun     Trump's claim [that ...]                              poss + clause

(the span finders for each frame live in frames.py). Quotations are assigned to the nearest quote-capable cue of the sentences they
touch; a quotation with no cue of its own continues the paragraph's last speaker.
Everything here is offsets into the article text (``offset`` is the paragraph's
start), so the pipeline can stitch paragraphs back together.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Offsets
from .frames import (
    addressee,
    chars,
    clause,
    colon,
    cue_span,
    impersonal,
    infinitive,
    is_thing,
    noun_clause,
    object_span,
    prep_object,
    subject_of,
    trim_tokens,
)
from .lexicon import Lexicon
from .mentions import Mention, mention
from .quotes import Quote
from .when import find_when

MIN_QUOTE_WORDS = 4
# A cue is reported when its lexicon score reaches this (tuned on PolNeAR dev).
DEFAULT_THRESHOLD = 0.35


@dataclass
class Found:
    """A detected attribution in article coordinates, before speaker resolution."""

    kind: str
    content: list[Offsets]
    cue: list[Offsets] | None
    source: Mention | None
    frame: str
    score: float
    addressee: tuple[str, Offsets] | None = None
    when: tuple[str, Offsets] | None = None
    quotes: list[Quote] = field(default_factory=list)
    paragraph: int = 0
    continues: bool = False  # no cue of its own: continues the previous speaker

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)


@dataclass
class _Cue:
    tok: Token
    lemma: str
    subject: Token | None
    clause: tuple[int, int] | None
    infinitive: tuple[int, int] | None
    colon: tuple[int, int] | None
    quotes: list[Quote] = field(default_factory=list)
    noun: bool = False  # "Trump's claim that ...": a noun cue, its source a possessive


def detect(
    doc: Doc,
    offset: int,
    quotes: list[Quote],
    lexicon: Lexicon,
    threshold: float,
    paragraph: int = 0,
) -> list[Found]:
    """Attributions in one parsed paragraph ``doc`` starting at ``offset``.

    ``quotes`` are the article's quotations (article coordinates) that touch this
    paragraph. Returns Found records, quote continuations flagged ``continues``.
    """
    text = doc.text  # Doc.text joins every token: build it once
    text_len = len(text)
    starts = doc.to_array("IDX").tolist()
    in_quote = [False] * len(doc)
    local = []  # (quote, its pieces in doc coordinates, its token indices)
    for q in quotes:
        pieces = [(max(s - offset, 0), min(e - offset, text_len)) for s, e in q.pieces]
        pieces = [(s, e) for s, e in pieces if e > s]
        if not pieces:
            continue
        toks = [i for s, e in pieces for i in range(bisect_left(starts, s), bisect_left(starts, e))]
        for i in toks:
            in_quote[i] = True
        local.append((q, pieces, toks))

    sent_start = doc.to_array("SENT_START") == 1
    sent_start[0] = True
    sent_of = (numpy.cumsum(sent_start) - 1).tolist()
    bounds = numpy.flatnonzero(sent_start).tolist() + [len(doc)]
    sents = [doc[bounds[k] : bounds[k + 1]] for k in range(len(bounds) - 1)]
    # candidates in bulk: tokens whose form is in the lexicon (verbs, and "according")
    lower = doc.to_array("LOWER")
    ids = lexicon.form_ids(threshold)
    at = numpy.minimum(numpy.searchsorted(ids, lower), len(ids) - 1)
    candidates = numpy.flatnonzero(ids[at] == lower)
    cues: list[_Cue] = []
    found: list[Found] = []
    for i in candidates.tolist():
        if in_quote[i]:
            continue
        tok = doc[i]
        low = tok.lower_
        if low == "according":
            if i + 1 < len(doc) and doc[i + 1].lower_ == "to":
                f = _according(
                    doc, tok, sents[sent_of[i]], offset, in_quote, lexicon.score("according", "according")
                )
                if f:
                    f.paragraph = paragraph
                    found.append(f)
            continue
        if tok.tag_.startswith("VB"):
            lemma = lexicon.lemma(low)
            assert lemma is not None
            cues.append(
                _Cue(
                    tok,
                    lemma,
                    subject_of(tok, in_quote),
                    clause(tok, in_quote),
                    infinitive(tok),
                    colon(tok, sents[sent_of[i]]),
                )
            )
        elif tok.tag_ in ("NN", "NNS"):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and not in_quote[owner.i]:
                lemma = lexicon.lemma(low)
                assert lemma is not None
                cues.append(_Cue(tok, lemma, owner, noun_clause(tok), infinitive(tok), None, noun=True))
    # quotations go to the nearest quote-capable cue among the sentences they touch;
    # a cue's quote score and whether it sits inside another cue's report are its own
    quote_score = [lexicon.score(cue.lemma, "quote") for cue in cues]
    nested_in_report = [
        any(
            other.clause and other.clause[0] <= cue.tok.i < other.clause[1]
            for other in cues
            if other is not cue
        )
        for cue in cues
    ]
    claimed: set[int] = set()
    for q, pieces, q_tokens in local:
        if sum(len(text[s:e].split()) for s, e in pieces) < MIN_QUOTE_WORDS:
            continue
        if not q_tokens:
            continue
        sents = {sent_of[i] for i in q_tokens}
        # "“...,” he said." may be split off as its own sentence
        after = q_tokens[-1] + 1
        if after < len(doc):
            sents.add(sent_of[after])
        best, best_key = None, None
        for cue, score, nested in zip(cues, quote_score, nested_in_report, strict=True):
            if sent_of[cue.tok.i] not in sents or cue.subject is None and cue.colon is None:
                continue
            if score < threshold:
                continue
            if cue.subject is not None and q_tokens[0] <= cue.subject.i <= q_tokens[-1]:
                continue
            dist = min(abs(cue.tok.i - q_tokens[0]), abs(cue.tok.i - q_tokens[-1]))
            key = (
                # the quotation is (part of) what this cue reports
                not (cue.clause and cue.clause[0] <= q_tokens[0] < cue.clause[1]),
                nested,  # a cue inside another's report rarely owns the quote
                score < 0.5,  # a reporting verb beats a nearer weak cue
                cue.tok.dep_ in ("relcl", "acl", "advcl", "pcomp"),  # main clauses first
                dist,
            )
            if best_key is None or key < best_key:
                best, best_key = cue, key
        if best is not None:
            best.quotes.append(q)
            claimed.add(id(q))

    # "“...,” Bozell notes." where the tagger took the cue for a noun
    for q, _, q_tokens in local:
        if id(q) in claimed or not q_tokens or q.end > offset + text_len:
            continue
        f = _tail_cue(doc, q, q_tokens[-1] + 1, offset, lexicon, threshold)
        if f:
            f.paragraph = paragraph
            found.append(f)
            claimed.add(id(q))
    for cue in cues:
        f = _frame(cue, doc, offset, lexicon, threshold, in_quote, quotes)
        if f:
            f.paragraph = paragraph
            found.append(f)
    # remaining speech-like quotations continue the paragraph's previous speaker
    for q, pieces, _ in local:
        if id(q) in claimed or q.start < offset:
            continue
        if sum(len(text[s:e].split()) for s, e in pieces) < MIN_QUOTE_WORDS:
            continue
        found.append(
            Found(
                kind="direct",
                content=list(q.pieces),
                cue=None,
                source=None,
                frame="continuation",
                score=0.5,
                quotes=[q],
                paragraph=paragraph,
                continues=True,
            )
        )
    found.sort(key=lambda f: f.start)
    return _drop_nested(found)


# A nested cue survives only when it is much surer than the report holding it
# (tuned on PolNeAR dev and checked on a train sample: 0.6).
NESTED_MARGIN = 0.6


def _drop_nested(found: list[Found]) -> list[Found]:
    """A cue inside what a surer cue reports ("she said [he thinks ...]") is part
    of that report, not an attribution of its own. Of two reports that hold each
    other's cues (a confused parse) the surer stays."""

    def holds(g: Found, f: Found) -> bool:
        return bool(f.cue) and any(s <= f.cue[0][0] < e for s, e in g.content)  # type: ignore[index]

    def dropped(f: Found) -> bool:
        for g in found:
            if g is f or not holds(g, f) or g.score < NESTED_MARGIN * f.score:
                continue
            if not holds(f, g) or (g.score, -g.start) > (f.score, -f.start):
                return True
        return False

    return [f for f in found if not dropped(f)]


_TAIL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})


def _tail_cue(
    doc: Doc, quote: Quote, k: int, offset: int, lexicon: Lexicon, threshold: float
) -> Found | None:
    """A cue right after a quotation, read from the words when the parse missed
    it: "“...,” Bozell notes." / "“...,” says Bozell." (speaker of one to four
    capitalised words or a pronoun; the cue a reporting word)."""
    n = len(doc)
    while k < n and doc[k].is_punct and not doc[k].is_quote:
        k += 1

    def speaker_end(i: int) -> int:
        if i < n and doc[i].lower_ in _TAIL_PRONOUNS:
            return i + 1
        j = i
        while j < n and j - i < 4 and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        return j

    def is_cue(i: int) -> str | None:
        if i >= n or not doc[i].is_lower:
            return None
        lemma = lexicon.lemma(doc[i].lower_)
        if lemma is None or lexicon.score(lemma, "quote") < max(threshold, 0.5):
            return None
        after = doc[i + 1] if i + 1 < n else None
        return lemma if after is None or after.is_punct or after.dep_ == "prep" else None

    end = speaker_end(k)
    if end > k and is_cue(end):  # "Bozell notes"
        cue_i, subject = end, doc[end - 1]
    elif is_cue(k) and speaker_end(k + 1) > k + 1:  # "says Bozell"
        cue_i, subject = k, doc[speaker_end(k + 1) - 1]
    else:
        return None
    cue_tok = doc[cue_i]
    lemma = lexicon.lemma(cue_tok.lower_) or ""
    return Found(
        kind="direct",
        content=list(quote.pieces),
        cue=[(cue_tok.idx + offset, cue_tok.idx + len(cue_tok.text) + offset)],
        source=mention(subject, offset),
        frame="quote",
        score=lexicon.score(lemma, "quote") * 0.9,
        quotes=[quote],
    )


def _frame(
    cue: _Cue,
    doc: Doc,
    offset: int,
    lexicon: Lexicon,
    threshold: float,
    in_quote: list[bool],
    all_quotes: list[Quote],
) -> Found | None:
    tok = cue.tok
    candidates: list[tuple[str, tuple[int, int] | None]] = []
    if cue.noun:
        span = cue.clause or cue.infinitive
        if span is None:
            return None
        candidates.append(("noun", span))
    elif cue.quotes:
        candidates.append(("quote", None))
    if cue.clause:
        candidates.append(("clause", cue.clause))
    if cue.colon:
        candidates.append(("colon", cue.colon))
    if cue.infinitive:
        candidates.append(("infinitive", cue.infinitive))
    obj = object_span(tok) if not cue.noun else None
    if obj:
        candidates.append(("object", obj))
    prep = prep_object(tok) if not candidates and not cue.noun else None
    if prep:
        candidates.append(("prep", prep[1]))
    if not candidates:
        return None
    frame, span = candidates[0]
    score = lexicon.score(cue.lemma, frame)
    if score < threshold:
        return None
    quotes = sorted(cue.quotes, key=lambda q: q.start)
    content: list[Offsets]
    if frame == "quote":
        content = [p for q in quotes for p in q.pieces]
        kind = "direct"
        if cue.clause:
            i, j = trim_tokens(doc, *cue.clause)
            if j > i:
                s, e = chars(doc, i, j)
                s, e = s + offset, e + offset
                unquoted = sum(1 for t in doc[i:j] if not in_quote[t.i] and not t.is_punct)
                overlaps = any(q.start < e and s < q.end for q in quotes)
                if overlaps and unquoted >= 3:
                    kind = "mixed"
                    s = min(s, *(q.start for q in quotes if q.start < e and s < q.end))
                    e = max(e, *(q.end for q in quotes if q.start < e and s < q.end))
                    rest = [p for q in quotes if not (q.start < e and s < q.end) for p in q.pieces]
                    content = sorted([(s, e), *rest])
    else:
        assert span is not None
        i, j = trim_tokens(doc, *span)
        if j <= i:
            return None
        s, e = chars(doc, i, j)
        content = [(s + offset, e + offset)]
        kind = "mixed" if any(in_quote[t.i] for t in doc[i:j]) else "indirect"
    content = [_extend_over_quotes(piece, all_quotes) for piece in content]
    cue_spans = [(s + offset, e + offset) for s, e in cue_span(tok)]
    if frame == "prep":
        assert prep is not None  # "called for": the preposition is part of the cue
        end = prep[0].idx + len(prep[0].text) + offset
        if prep[0].i == tok.i + 1:
            cue_spans = [(cue_spans[0][0], end)]
        else:
            cue_spans.append((prep[0].idx + offset, end))
    source = mention(cue.subject, offset) if cue.subject is not None else None
    if source is not None and any(s <= source.start < e for s, e in content):
        source = None
    if source is None and not impersonal(tok):
        # a cue whose source the parse lost is far more often wrong than right
        return None
    if kind != "indirect" and score < QUOTE_MIN_SCORE:
        return None
    if kind != "indirect" and is_thing(cue.subject) and lexicon.score(cue.lemma, "quote") < STRONG_QUOTE_CUE:
        # "the choice going after “...”": a quotation a thing cannot have said
        return None
    return Found(
        kind=kind,
        content=content,
        cue=cue_spans,
        source=source,
        frame=frame,
        score=score,
        addressee=_shift(addressee(tok, cue.lemma), offset),
        when=_shift(find_when(tok), offset),
        quotes=quotes,
    )


# Only a sure speech verb gives a quotation to a subject that is not a speaker.
STRONG_QUOTE_CUE = 0.8
# A quotation needs a cue this sure (tuned on PolNeAR dev: speaker of direct quotes
# 0.943 -> 0.952 at equal F1; on a train sample 0.935 -> 0.937).
QUOTE_MIN_SCORE = 0.45


def _extend_over_quotes(piece: Offsets, quotes: list[Quote]) -> Offsets:
    """A quotation that a clause cuts off ends where its marks end."""
    s, e = piece
    for q in quotes:
        if q.closed and len(q.pieces) == 1 and q.start < e and s < q.end:
            s, e = min(s, q.start), max(e, q.end)
    return s, e


def _shift(item: tuple[str, Offsets] | None, offset: int) -> tuple[str, Offsets] | None:
    if item is None:
        return None
    text, (s, e) = item
    return text, (s + offset, e + offset)


def _according(
    doc: Doc, tok: Token, sent: SpacySpan, offset: int, in_quote: list[bool], score: float
) -> Found | None:
    """ "[content], according to [source]" and "According to [source], [content]"."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # the phrase "according to X" as a token range
    p_start = tok.i
    p_end = max(pobj.right_edge.i, to.i) + 1
    before = trim_tokens(doc, sent.start, p_start)
    after = trim_tokens(doc, p_end, sent.end)
    pieces = [r for r in (before, after) if r[1] - r[0] >= 3]
    if not pieces:
        return None
    content = [(s + offset, e + offset) for s, e in (chars(doc, i, j) for i, j in pieces)]
    kind = "mixed" if any(in_quote[t.i] for i, j in pieces for t in doc[i:j]) else "indirect"
    return Found(
        kind=kind,
        content=content,
        cue=[(tok.idx + offset, to.idx + len(to.text) + offset)],
        source=mention(pobj, offset),
        frame="according",
        score=score,
    )
