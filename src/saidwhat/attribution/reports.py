"""Reading a paragraph: from cues and frames to reports.

The stages, in order (each its own module):

    candidates   the cue words of the paragraph, with subject and reported clause
    assign       each quotation to its cue
    frames       each cue's content: the first frame of FRAMES that finds some
    early_cut    a report the scorer is certain to drop: not built
    (here)       the report: kind (direct, indirect, mixed), source, score, cue span,
                 addressee, channel, time; a cue closing its paragraph on a colon
    frameless    reports no frame finds: "according to X", "In a new poll, ...", a
                 reporting word read after a quotation the parse left alone, a dash
                 credit, cue-less quotations
    nesting      reports inside surer reports dropped

Everything is in the paragraph's Doc's characters; ``read_paragraph`` shifts the
result into article characters once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Act, Kind, Offsets
from .addressee import addressee, channel
from .assign import assign_quotes, nested_flags
from .candidates import candidate_tokens, find_cues
from .early_cut import EarlyCut, cut_for, most_logit
from .fragments import repair
from .frameless import EVIDENCE_FORMS, according, continuations, dash_credit, evidence, tail_cue
from .frames import Frame
from .lexicon import Lexicon
from .mentions import Mention, mention
from .nesting import drop_nested
from .paragraph import LocalQuote, Paragraph
from .records import Cue, Match, Report
from .scoring import Scorer, features
from .syntax import chars, cue_span, impersonal, is_thing, trim_tokens
from .tokens import span_text
from .vocabulary import DOCUMENTS, is_outlet
from .when import find_when

_ACCORDING = get_string_id("according")
_COLON = get_string_id(":")

# A cue is reported when its lexicon score reaches this (tuned on PolNeAR dev).
DEFAULT_THRESHOLD = 0.35
# A quotation needs a cue this sure (tuned on PolNeAR dev: speaker of direct quotes
# 0.943 -> 0.952 at equal F1; on a train sample 0.935 -> 0.937).
QUOTE_MIN_SCORE = 0.45
# Only a sure speech verb gives a quotation to a subject that is not a speaker.
STRONG_QUOTE_CUE = 0.8


def read_paragraph(
    para: Paragraph,
    lexicon: Lexicon,
    threshold: float = DEFAULT_THRESHOLD,
    scorer: Scorer | None = None,
    *,
    collect: bool = False,
) -> list[Report]:
    """The reports of one paragraph, in article characters, in text order.

    With a ``scorer``, every candidate whose lexicon score reaches ``threshold`` is
    scored, and those below the scorer's decision threshold are dropped; ``collect``
    returns every scored candidate instead (in Doc characters, for learning).
    """
    cues = find_cues(para, lexicon, threshold)
    # whether the paragraph names a poll or study, and has a colon: asked once here, not
    # for every cue (most paragraphs have neither)
    polled = not EVIDENCE_FORMS.isdisjoint(para.forms)
    colon = _COLON in para.forms
    # (a report of a poll's cue is read by evidence() even if the scorer drops it)
    cut = cut_for(scorer, lexicon) if scorer is not None and not collect and not polled else None
    # a quotation credited with a dash and a name ("” ― Ana Ruiz") is hers, whatever cue is near
    credited = [(q, r) for q in para.quotes if (r := dash_credit(para, q)) is not None]
    taken = {id(q) for q, _ in credited}
    flags = nested_flags(cues)  # (read once: quote assignment and the scorer weigh it)
    claimed = assign_quotes(para, cues, lexicon, threshold, taken, flags) | taken
    nested = dict(zip((c.tok.i for c in cues), flags, strict=True))
    reports: list[Report] = [r for _, r in credited]
    # (the candidates are looked up again only when the paragraph has the word)
    for i in candidate_tokens(para, lexicon, threshold) if _ACCORDING in para.forms else ():
        if para.lower[i] == _ACCORDING:
            found = according(para, para.doc[i], lexicon.score("according", "according"))
            if found:
                reports.append(found)
    for q in para.quotes:
        if id(q) not in claimed and q.quote.end <= para.offset + para.end:
            found = tail_cue(para, q, lexicon, threshold)
            if found:
                reports.append(found)
                claimed.add(id(q))
    framed: list[Report] = []  # reports of a frame, whose addressee and time are read if kept
    for cue in cues:
        found = report(para, cue, lexicon, threshold, cut, nested[cue.tok.i])
        if found is DROPPED:
            continue  # found, and certain to be dropped: not built
        if found:
            framed.append(found)
        elif colon:
            found = pending_colon(para, cue, lexicon, threshold)
        if found:
            reports.append(found)
    reports = _without_claimed_clauses(para, reports)
    if polled:
        reports.extend(evidence(para, {r.token for r in reports}, lexicon.score("according", "according")))
    reports = [j for r in reports if (j := _judged(r, para, lexicon, scorer, nested, collect)) is not None]
    if collect:
        _fill(framed, cues)
        return [r for r in reports if not r.pending]
    if scorer is not None:
        reports = [r for r in reports if r.pending or r.score >= scorer.decision]
    if not reports and not para.quotes:
        return []  # nothing left to weigh, fill or continue (a third of all paragraphs)
    reports = _without_raising_over_cues(para, reports)
    inner = _quotes_inside_others(reports)
    if inner:
        # the cue of a quotation that is part of another report may report words of its
        # own after it ("rejected the ruling as “a gift ...” and said talks would resume")
        by_token = {c.tok.i: c for c in cues}
        dropped = [r for r in reports if id(r) in inner and r.token in by_token]
        reports = [r for r in reports if id(r) not in inner]
        for r in dropped:
            again = _without_quotes(para, by_token[r.token], lexicon, threshold, scorer, nested, cut)  # type: ignore[index]
            if again is not None and again.start >= max(e for _, e in r.content):
                reports.append(again)
                framed.append(again)
    kept = {id(r) for r in reports}
    _fill([r for r in framed if id(r) in kept], cues)
    reports.extend(continuations(para, claimed))
    reports = _credit_outlets(para, reports)
    reports.sort(key=lambda r: r.start)
    return [r.shifted(para.offset) for r in drop_nested(reports)]


def _fill(reports: list[Report], cues: list[Cue]) -> None:
    """Give each report of a frame (of one of ``cues``) the one it was said to and
    when: read only for the reports the scorer keeps (neither is a feature)."""
    if not reports:
        return
    at = {c.tok.i: c for c in cues}
    for r in reports:
        assert r.token is not None
        cue = at[r.token]  # (its Token and children as find_cues read them)
        r.addressee = addressee(cue)
        r.when = find_when(cue)


def _without_claimed_clauses(para: Paragraph, reports: list[Report]) -> list[Report]:
    """Without the clause reports whose clause opens with a quotation another cue
    has: in "the spot ends with footage of Trump saying, “That makes me smart,” when
    ..." the parser made the quotation the clause of "ends"; it is Trump's."""
    nearest: dict[int, int] = {}  # a quotation's start -> the nearest cue that took it
    for r in reports:
        if r.frame == "clause" or r.token is None:
            continue
        at = para.starts[r.token]  # (its start from the column: no Token built)
        for q in r.quotes:
            start = q.start - para.offset
            if start not in nearest or abs(at - start) < abs(nearest[start] - start):
                nearest[start] = at

    def claimed(r: Report) -> bool:
        if r.frame != "clause" or not r.content or r.token is None or r.content[0][0] not in nearest:
            return False
        start = r.content[0][0]
        return abs(nearest[start] - start) < abs(para.starts[r.token] - start)

    return [r for r in reports if not claimed(r)]


# Other reports' pieces weighed for each quotation, nearest start first (a quotation
# rarely sits inside more than one or two).
AROUND_QUOTE = 4


def _quotes_inside_others(reports: list[Report]) -> set[int]:
    """The ids of the direct reports whose quotation lies inside more of what another
    report says: in "in what is being criticized as a “use it or lose it” approach"
    the quotation is part of the criticism, not something a nearer cue ("seeking to
    confirm") said. (On the first 300 PolNeAR train articles, of 15 such pairs the outer
    report was right 14 times and the direct one once.) A report that holds the direct one's cue as well
    is a matter for the nesting rule instead."""
    pieces = sorted((s, e) for r in reports if r.kind != "direct" for s, e in r.content)
    if not pieces:
        return set()
    starts = [s for s, _ in pieces]

    def inside(r: Report) -> bool:
        if r.kind != "direct" or not r.content:
            return False
        s, e = min(s for s, _ in r.content), max(e for _, e in r.content)
        cue = r.cue_start
        k = bisect_right(starts, s)  # the pieces that start at the quotation or before it
        for ps, pe in reversed(pieces[max(0, k - AROUND_QUOTE) : k]):
            if pe >= e and (ps, pe) != (s, e) and not (cue is not None and ps <= cue < pe):
                return True
        return False

    return {id(r) for r in reports if inside(r)}


def _without_quotes(
    para: Paragraph,
    cue: Cue,
    lexicon: Lexicon,
    threshold: float,
    scorer: Scorer | None,
    nested: dict[int, bool],
    cut: EarlyCut | None,
) -> Report | None:
    """What ``cue`` reports once its quotations are left to the report they are part
    of: another frame of it, judged as every report is (repaired, then scored)."""
    cue.quotes = []
    found = report(para, cue, lexicon, threshold, cut, nested.get(cue.tok.i, False))
    if found is None or found is DROPPED:
        return None
    found = _judged(found, para, lexicon, scorer, nested)
    if found is None or scorer is None:
        return found
    return found if found.score >= scorer.decision else None


def _judged(
    r: Report,
    para: Paragraph,
    lexicon: Lexicon,
    scorer: Scorer | None,
    nested: dict[int, bool],
    collect: bool = False,
) -> Report | None:
    """``r`` with its act, repaired (None when it is no statement) and scored;
    ``collect`` keeps its features, for learning."""
    r.act = _act(r, lexicon)
    found = repair(r, para)
    if found is None or found.pending or not (scorer is not None or collect):
        return found
    feats = features(found, para, lexicon, found.token is not None and nested.get(found.token, False))
    if collect:
        found.features = feats
    if scorer is not None:
        found.score = scorer.probability(feats)
    return found


def _without_raising_over_cues(para: Paragraph, reports: list[Report]) -> list[Report]:
    """Without the raising reports whose infinitive is a kept report of its own: "he
    appeared to suggest that ..." is his suggestion, not an appearance of "he to
    suggest ..." (PolNeAR marks it so: cue "appeared to suggest", source "he"). "She
    seems to lead" has no cue inside and stays as it was."""
    raising = [r for r in reports if r.frame == "raising" and r.token is not None]
    if not raising:
        return reports
    spoken = {
        r.token for r in reports if r.token is not None and r.frame != "raising" and r.source is not None
    }
    inner = {
        id(r)
        for r in raising
        if any(c.dep_ == "xcomp" and c.i in spoken for c in para.doc[r.token].children)  # type: ignore[index]
    }
    return [r for r in reports if id(r) not in inner]


def _act(r: Report, lexicon: Lexicon) -> Act:
    """What act the report reports: a document or channel makes speech writing."""
    act = lexicon.act(r.lemma, r.frame)
    if act == "speech" and (r.channel or r.source is not None and r.source.head in DOCUMENTS):
        return "writing"
    return act


def _quote_pieces(para: Paragraph, quotes: list[LocalQuote]) -> list[Offsets]:
    return [para.local(p) for q in quotes for p in q.quote.pieces]


def _first_match(para: Paragraph, cue: Cue, frames: tuple[Frame, ...]) -> tuple[str, Match] | None:
    deps = None  # the cue's children's labels, read once, only if a frame needs one
    for frame in frames:
        if frame.needs:
            if deps is None:
                deps = cue.deps
            if frame.needs.isdisjoint(deps):
                continue
        found = frame.find(cue, para)
        if found is not None:
            return frame.name, found
    return None


# What ``report`` gives for a report the scorer is certain to drop: found, not built.
DROPPED = Report(kind="direct", content=[], cue=None, source=None, frame="clause", score=0.0)


def report(
    para: Paragraph,
    cue: Cue,
    lexicon: Lexicon,
    threshold: float,
    cut: EarlyCut | None = None,
    nested: bool = False,
) -> Report | None:
    """The report ``cue`` makes, or None when it has no frame, too low a score, or
    no source where one is needed.

    With a ``cut`` (the scorer's, for a paragraph where no other stage reads the
    reports it drops), a cue without quotations whose report the scorer is certain to
    drop gives ``DROPPED`` instead, as soon as that is certain; ``nested``: whether the
    cue is inside another report (a feature)."""
    first = _first_match(para, cue, lexicon.frames_to_try(cue.lemma, cue.kind, threshold))
    if first is None:
        return None
    frame, match = first
    score = lexicon.score(cue.lemma, frame)
    if score < threshold:
        return None
    doc, tok = para.doc, cue.tok
    quotes = sorted(cue.quotes, key=lambda q: q.first)
    kind: Kind
    if frame == "quote":
        content, kind = _quoted_content(para, cue, quotes)
    else:
        ranges = [trim_tokens(doc, *_before_lone_dash(doc, *r)) for r in match.content]
        ranges = [(i, j) for i, j in ranges if j > i]
        if not ranges:
            return None
        content = [chars(doc, i, j) for i, j in ranges]
        kind = "mixed" if any(any(para.in_quote[i:j]) for i, j in ranges) else "indirect"
    if para.quotes:  # (most paragraphs have none to extend a piece over)
        content = [_extend_over_quotes(para, piece) for piece in content]
    most, syntax = None, None
    if cut is not None and not quotes:
        most = most_logit(para, cut, cue, frame, kind, content, nested)
        if most is not None:
            syntax = most[1]
            # (not yet when the cue closes its paragraph on a colon: with no report,
            # pending_colon would read it)
            if most[0] + cut.source_most < cut.logit and (cue.noun or not _closes_on_colon(para, tok)):
                return DROPPED
    source = mention(cue.subject) if cue.subject is not None and not match.no_source else None
    if source is not None and any(s <= source.start < e for s, e in content):
        source = None
    if source is None and not match.no_source and not impersonal(tok):
        return None  # a cue whose source the parse lost is far more often wrong than right
    if kind != "indirect" and score < QUOTE_MIN_SCORE and not (quotes and _introduces(para, tok, quotes[0])):
        return None
    if kind != "indirect" and is_thing(cue.subject) and lexicon.score(cue.lemma, "quote") < STRONG_QUOTE_CUE:
        return None  # "the choice going after “...”": a quotation a thing cannot have said
    if most is not None and cut is not None and most[0] + cut.source(source) < cut.logit:
        return DROPPED
    return Report(
        kind=kind,
        content=content,
        cue=_cue_spans(tok, match),  # (read once the report is sure to be built)
        source=source,
        frame=frame,  # type: ignore[arg-type]
        score=score,
        # (addressee and time are read once the report is kept: _fill)
        channel=channel(cue),
        quotes=[q.quote for q in quotes],
        paragraph=para.index,
        lemma=cue.lemma,
        token=tok.i,
        lexical=score,
        syntax=syntax,
    )


def _cue_spans(tok: Token, match: Match) -> list[Offsets]:
    """The cue's spans: its word (and particle), with the verb before it or the
    preposition after it that the frame made part of it."""
    spans = cue_span(tok)
    if match.cue_from is not None:  # "made the claim": the verb before is part of the cue
        spans = [(match.cue_from.idx, spans[0][1]), *spans[1:]]
    if match.cue_extra is not None:  # "called for": the preposition is part of the cue
        prep = match.cue_extra
        end = prep.idx + len(prep.text)
        spans = [(spans[0][0], end)] if prep.i == tok.i + 1 else [*spans, (prep.idx, end)]
    return spans


def _introduces(para: Paragraph, tok: Token, q: LocalQuote) -> bool:
    """ "Christie gloated: “...”", "As Ridge put it: “...”": a colon right after the cue
    (a word or two at most) and the quotation right after the colon make any verb a
    cue of it, however rare."""
    doc = para.doc
    for k in range(tok.i + 1, min(tok.i + 4, q.first)):
        if doc[k].text == ":":
            return q.first == k + 1
        if doc[k].is_punct:
            return False
    return False


_DASH_TOKENS = frozenset(("--", "—", "–"))
_DASH_TEXT = re.compile("|".join(_DASH_TOKENS))


def _before_lone_dash(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Tokens [i, j) up to a single dash in them: "called on Obama [to retaliate ...]
    -- meddling the congressman said ..." adds a remark of the writer's; a pair of
    dashes ("the plan -- which critics hate -- would pass") sets off an aside and stays."""
    words = span_text(doc, i, j)  # (sliced once, and searched once for any dash)
    if _DASH_TEXT.search(words) is None:
        return i, j  # no dash: no token read (this runs on every content)
    dashes = [k for k in range(i, j) if doc[k].text in _DASH_TOKENS]
    if len(dashes) != 1:
        return i, j
    # only after the phrase's head: in "WASHINGTON ― Trump's obsession is ..." the
    # dash comes before it
    dash = dashes[0]
    head = next((k for k in range(i, j) if not i <= doc[k].head.i < j or doc[k].head.i == k), None)
    if head is None or head > dash:
        return i, j
    # a clause of its own follows ("-- meddling [the congressman] said ..."), not an
    # elaboration of what came before ("problems facing families — the high cost of ...")
    clause = any(
        doc[k].dep_ in ("nsubj", "nsubjpass") and dash < doc[k].head.i < j for k in range(dash + 1, j)
    )
    return (i, dash) if clause else (i, j)


def _quoted_content(para: Paragraph, cue: Cue, quotes: list[LocalQuote]) -> tuple[list[Offsets], Kind]:
    """The content of a cue with quotations: the quotations, or a mixed report when
    the cue's clause holds one of them and three words of its own."""
    doc = para.doc
    content = _quote_pieces(para, quotes)
    if len(quotes) == 1 and (start := lead_in(cue, para, quotes[0])) is not None:
        s, e = para.local((quotes[0].quote.start, quotes[0].quote.end))
        return [(doc[start].idx, e), *content[1:]], "mixed"
    if not cue.clause:
        return content, "direct"
    i, j = trim_tokens(doc, *cue.clause)
    if j <= i:
        return content, "direct"
    s, e = chars(doc, i, j)
    inside = [
        q for q in quotes if para.local((q.quote.start, q.quote.end))[0] < e and s < q.quote.end - para.offset
    ]
    if not inside or not _words_unquoted(para, i, j, 3):
        return content, "direct"
    s = min(s, *(q.quote.start - para.offset for q in inside))
    e = max(e, *(q.quote.end - para.offset for q in inside))
    rest = [
        para.local(p)
        for q in quotes
        if not (q.quote.start - para.offset < e and s < q.quote.end - para.offset)
        for p in q.quote.pieces
    ]
    return sorted([(s, e), *rest]), "mixed"


def _words_unquoted(para: Paragraph, i: int, j: int, least: int) -> bool:
    """Whether tokens [i, j) hold ``least`` tokens outside quotations that are no
    punctuation (counted up to that many, not over the whole clause)."""
    doc, in_quote, found = para.doc, para.in_quote, 0
    for k in range(i, j):
        if not in_quote[k] and not doc[k].is_punct:
            found += 1
            if found == least:
                return True
    return False


# The most tokens a partly quoted clause may have before its quotation.
MAX_LEAD = 25


def lead_in(cue: Cue, para: Paragraph, q: LocalQuote) -> int | None:
    """Where a clause that a quotation before its cue ends begins, when it begins
    before the quotation: "Using the tax ''is a misguided approach,'' said Burman"
    reports the whole clause, partly quoted. None when the quotation is the whole
    clause, or follows its cue ("Burman said “...”": the clause frames that)."""
    doc = para.doc
    first, last = q.first, q.last
    if cue.tok.i < first or len(q.quote.pieces) > 1:
        return None
    root = next((doc[k] for k in range(first, last + 1) if not first <= doc[k].head.i <= last), None)
    if root is None or root.is_punct:
        return None
    # the clause begins with its subject ("[Not paying taxes] ''makes me smart''"); a
    # phrase before a quoted title ("In his book, ''Make Your Kid a Millionaire''") is
    # none of the quotation's clause
    subjects = [
        c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass") and c.i < first
    ]
    if not subjects:
        return None
    start = min(c.left_edge.i for c in subjects)
    if start >= first or first - start > MAX_LEAD or para.sent_of[start] != para.sent_of[first]:
        return None
    lead = doc[start:first]
    if any(t.text == ":" or t.dep_ in ("ccomp", "parataxis") for t in lead):
        return None  # "McCaskill scolded him: “...”" is a report of its own, not the clause's words
    words = sum(1 for t in lead if not (t.is_punct or t.is_space))
    return start if words >= 2 else None


def _extend_over_quotes(para: Paragraph, piece: Offsets) -> Offsets:
    """A quotation that a clause cuts off ends where its marks end."""
    s, e = piece
    starts = [q.pieces[0][0] for q in para.quotes]
    k = max(0, bisect_left(starts, s) - 1)
    for q in para.quotes[k:]:
        qs, qe = para.local((q.quote.start, q.quote.end))
        if qs >= e:
            break
        if q.quote.closed and len(q.quote.pieces) == 1 and s < qe:
            s, e = min(s, qs), max(e, qe)
    return s, e


def _credit_outlets(para: Paragraph, reports: list[Report]) -> list[Report]:
    """ "X said ..., according to Reuters": the outlet reported X's words, so it is the
    addressee of X's report, not a speaker of its own."""
    credits = [
        r
        for r in reports
        if r.frame == "according" and r.source and r.source.name and is_outlet(r.source.name)
    ]
    if not credits:
        return reports
    dropped = set()
    for credit in credits:
        for r in reports:
            c = r.cue_start
            if r is credit or c is None or r.addressee or not any(s <= c < e for s, e in credit.content):
                continue
            assert credit.source is not None and credit.cue is not None
            # "X said ..., according to Reuters": the words end where the credit begins;
            # "According to Reuters, X said ...": they stand after it as they are
            cut = credit.cue[0][0]
            content = [(s, _trim_end(para.text, s, min(e, cut))) if s < cut else (s, e) for s, e in r.content]
            r.content = [(s, e) for s, e in content if e > s] or r.content
            r.addressee = (credit.source.text, credit.source.span)
            dropped.add(id(credit))
            break
    return [r for r in reports if id(r) not in dropped]


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
        e -= 1
    return e


def pending_colon(para: Paragraph, cue: Cue, lexicon: Lexicon, threshold: float) -> Report | None:
    """ "Caddell continued:" closing its paragraph: a report whose words are the
    quotation opening the next paragraph (filled in by continuation.fold)."""
    tok = cue.tok
    if cue.noun or not _closes_on_colon(para, tok) or cue.subject is None:
        return None
    score = lexicon.score(cue.lemma, "quote")
    if score < max(threshold, QUOTE_MIN_SCORE):
        return None
    return Report(
        kind="direct",
        content=[],
        cue=cue_span(tok),
        source=mention(cue.subject),
        frame="colon",
        score=score,
        when=find_when(cue),
        paragraph=para.index,
        pending=True,
        lemma=cue.lemma,
        token=tok.i,
        lexical=score,
    )


def _closes_on_colon(para: Paragraph, tok: Token) -> bool:
    """Whether a colon a few words after ``tok`` closes its paragraph ("Caddell continued:")."""
    doc = para.doc
    if _COLON not in para.forms:
        return False  # no colon of its own in the paragraph (most have none): no token read
    k, hi = tok.i + 1, para.hi
    while k < hi and k - tok.i < 6 and doc[k].text != ":":
        if doc[k].is_punct:
            return False
        k += 1
    return k < hi and doc[k].text == ":" and all(t.is_space for t in doc[k + 1 : hi])


__all__ = ["DEFAULT_THRESHOLD", "Mention", "read_paragraph", "report"]
