"""From the paragraphs' reports to an article's attributions.

Drops repeats, folds cue-less quotations into the statement they continue
(continuation.py), then reads the article in order: every name mention is
registered with the speaker resolver as it comes, and every report's source is
resolved to a speaker at its place in the text. The headline is read last, dates
are resolved against the publication date, and weak attributions are dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import itemgetter

from ..model import Attribution, Offsets, Span, Speaker, When
from .continuation import dedupe, fold
from .embeds import posts
from .headline import headline
from .lexicon import Lexicon, load_lexicon
from .mentions import SPOKESPEOPLE, Mention
from .quotes import Quote
from .records import Report
from .speakers import SpeakerResolver
from .transcript import turns
from .vocabulary import DOCUMENTS
from .when import resolve_date

# An unresolved pronoun source is a weaker statement.
UNRESOLVED_PRONOUN = 0.7


def assemble(
    text: str,
    reports: Sequence[Report],
    names: Sequence[Mention],
    *,
    quotes: Sequence[Quote] = (),
    title_span: Offsets | None = None,
    published: str | None = None,
    min_confidence: float = 0.0,
    lexicon: Lexicon | None = None,
    body: Sequence[Offsets] = (),
) -> list[Attribution]:
    """Finished attributions, in text order (all spans in article characters)."""
    items = fold(dedupe(list(reports)))
    resolver = SpeakerResolver()
    events: list[tuple[int, int, Mention | Report]] = [(m.span[0], 0, m) for m in names]
    for r in items:
        pos = r.source.start if r.source else (r.cue[0][0] if r.cue else r.start)
        if title_span is not None and title_span[0] <= pos < title_span[1]:
            pos = len(text)  # a headline names its speaker before the article does: resolve it last
        events.append((pos, 1, r))
    events.sort(key=itemgetter(0, 1))
    pieces = sorted(p for q in quotes for p in q.pieces)
    quote_starts = [s for s, _ in pieces]
    quote_ends = [e for _, e in pieces]
    result: list[Attribution] = []
    previous: Attribution | None = None
    for start, _, item in events:
        if isinstance(item, Mention):
            k = bisect_right(quote_starts, start) - 1
            resolver.observe(item, quoted=k >= 0 and start < quote_ends[k])
            continue
        r = item
        if r.continues:
            speaker = previous.speaker if previous is not None else None
        else:
            speaker = resolver.resolve(r.source, r.paragraph)
        channel = r.channel
        if channel is None and r.source is not None and _through(r.source, speaker):
            channel = (r.source.text, r.source.span)  # "a spokesperson for X said": X speaks through them
        if channel is not None:
            document = channel[0].split()[-1].lower().rstrip("s")
            if document in DOCUMENTS:
                resolver.issued(document, resolver.entity_of(speaker))
        if not any(e > s for s, e in r.content):
            continue  # nothing left of its words (never expected: a guard, not a rule)
        confidence = r.score
        if r.source is not None and r.source.pronoun and speaker is None:
            confidence *= UNRESOLVED_PRONOUN
        if confidence < min_confidence:
            continue
        when = None
        if r.when:
            phrase, span = r.when
            when = When(phrase, (span,), resolve_date(phrase, published))
        elif r.continues and previous is not None:
            when = previous.when
        attribution = Attribution(
            kind=r.kind,
            content=Span.of(text, *r.content),
            speaker=speaker,
            source=Span.of(text, r.source.span) if r.source else None,
            cue=Span.of(text, *r.cue) if r.cue else None,
            addressee=r.addressee[0] if r.addressee else None,
            addressee_span=r.addressee[1] if r.addressee else None,
            when=when,
            confidence=min(1.0, confidence),
            act=r.spoken_act if r.spoken_act and speaker and speaker.type != "UNKNOWN" else r.act,
            channel=Span.of(text, channel[1]) if channel else None,
        )
        result.append(attribution)
        previous = attribution
    if title_span is not None:
        head = headline(text, title_span, resolver, lexicon or load_lexicon())
        if head is not None:
            result = [a for a in result if not _inside(a, title_span)]
            result.insert(0, head)
    found = [t for t in turns(text, body, resolver) if t.confidence >= min_confidence]
    if found:
        # a quotation that swallowed a turn's label ("“PENCE: Well, ...") is that turn
        labels = sorted(t.source.start for t in found if t.source is not None)
        result = [
            a for a in result if bisect_left(labels, a.content.start) == bisect_left(labels, a.content.end)
        ]
        result.extend(found)
    embedded = [p for p in posts(text, body, resolver) if p.confidence >= min_confidence]
    if embedded:
        # what was read inside an embedded post is the post's
        inside = sorted((p.content.start, p.content.end) for p in embedded)
        starts = [s for s, _ in inside]
        result = [a for a in result if not _within(a.content.start, inside, starts)]
        result.extend(embedded)
    result.sort(key=lambda a: a.content.start)
    return result


def _through(source: Mention, speaker: Speaker | None) -> bool:
    """Whether ``source`` is an intermediary of the speaker: a spokesperson or a
    document speaking for someone else."""
    if source.behalf is not None:
        return True
    return speaker is not None and speaker.type == "ORG" and source.head in SPOKESPEOPLE


def _within(position: int, regions: list[Offsets], starts: list[int]) -> bool:
    k = bisect_right(starts, position) - 1
    return k >= 0 and position < regions[k][1]


def _inside(a: Attribution, region: Offsets) -> bool:
    return region[0] <= a.content.start and a.content.end <= region[1]
