"""From detected cues to finished attributions for one article.

Takes the paragraphs' detections and name mentions (article coordinates), and
decides what the article attributes to whom: drops quotations claimed twice,
folds a cue-less quotation into the attribution it continues, resolves every
source to a speaker in reading order, reads the headline, and dates statements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..model import Attribution, Offsets, Span, Speaker, When
from .cues import Found
from .mentions import Mention
from .quotes import Quote
from .speakers import SpeakerResolver
from .when import resolve_date

# "Pompeo: Soleimani not in Baghdad", "Poll: Clinton leads" (speaker up to 6 words)
_HEADLINE = re.compile(r"^(?P<source>[^:\n]{2,60}?)\s*(?P<cue>:)\s+(?P<content>\S.{8,})$")


def _dedupe(found: list[Found]) -> list[Found]:
    """Drop repeated contents, and cue-less quotations that another attribution
    already claims or reports in part (a mixed quote's quoted words)."""
    claimed = {q.start for f in found if not f.continues for q in f.quotes}
    reported = [span for f in found if not f.continues for span in f.content]
    out: list[Found] = []
    seen: set[tuple[Offsets, ...]] = set()
    for f in sorted(found, key=lambda f: (f.start, -f.score)):
        if (
            f.continues
            and f.quotes
            and (
                f.quotes[0].start in claimed
                or any(s < f.quotes[0].end and f.quotes[0].start < e for s, e in reported)
            )
        ):
            continue
        key = tuple(f.content)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# Which attributions a cue-less quotation in the same or the next paragraph joins.
# (indirect too was tried on PolNeAR: no better, and a little worse on speakers)
FOLD_KINDS = ("direct", "mixed")


def _fold_continuations(found: list[Found]) -> list[Found]:
    """A cue-less quotation joins the attribution just before it, in the same or
    the next paragraph: one statement in several quoted pieces, as annotators
    read it ("...,” she said. “And more.”). With none before it, it is dropped."""
    out: list[Found] = []
    for f in found:
        if not f.continues:
            out.append(f)
            continue
        prev = out[-1] if out else None
        if prev is None or f.paragraph - prev.paragraph > 1 or prev.kind not in FOLD_KINDS:
            continue
        prev.content = sorted(prev.content + f.content)
        prev.quotes = prev.quotes + f.quotes
        prev.paragraph = f.paragraph  # a run of quoted paragraphs stays one statement
    return out


def assemble(
    text: str,
    found: Sequence[Found],
    names: Sequence[Mention],
    *,
    quotes: Sequence[Quote] = (),
    title_span: Offsets | None = None,
    published: str | None = None,
    min_confidence: float = 0.0,
) -> list[Attribution]:
    """Finished attributions, in text order."""
    items = _fold_continuations(_dedupe(list(found)))
    resolver = SpeakerResolver()
    events: list[tuple[int, int, object]] = [(m.start, 0, m) for m in names]
    for f in items:
        pos = f.source.start if f.source else (f.cue[0][0] if f.cue else f.start)
        if title_span is not None and title_span[0] <= pos < title_span[1]:
            # a headline names its speaker before the article does: resolve it last
            pos = len(text)
        events.append((pos, 1, f))
    events.sort(key=lambda e: (e[0], e[1]))
    pieces = sorted(p for q in quotes for p in q.pieces)
    quote_starts = [s for s, _ in pieces]
    quote_ends = [e for _, e in pieces]
    result: list[Attribution] = []
    previous = None
    for _, _, item in events:
        if isinstance(item, Mention):
            k = bisect_right(quote_starts, item.start) - 1
            resolver.observe(item, quoted=k >= 0 and item.start < quote_ends[k])
            continue
        assert isinstance(item, Found)
        f = item
        if f.continues:
            speaker = previous.speaker if previous is not None else None
        else:
            speaker = resolver.resolve(f.source, f.paragraph)
        confidence = f.score
        if f.source is not None and f.source.pronoun and speaker is None:
            confidence *= 0.7
        if confidence < min_confidence:
            continue
        when = None
        if f.when:
            phrase, span = f.when
            when = When(phrase, (span,), resolve_date(phrase, published))
        elif f.continues and previous is not None:
            when = previous.when
        attribution = Attribution(
            kind=f.kind,
            content=Span.of(text, *f.content),
            speaker=speaker,
            source=Span.of(text, f.source.span) if f.source else None,
            cue=Span.of(text, *f.cue) if f.cue else None,
            addressee=f.addressee[0] if f.addressee else None,
            addressee_span=f.addressee[1] if f.addressee else None,
            when=when,
            confidence=min(1.0, confidence),
        )
        result.append(attribution)
        previous = attribution
    if title_span is not None:
        headline = _headline(text, title_span, resolver)
        if headline is not None:
            result = [a for a in result if not _inside(a, title_span)]
            result.insert(0, headline)
    result.sort(key=lambda a: a.content.start)
    return result


def _inside(a: Attribution, region: Offsets) -> bool:
    return region[0] <= a.content.start and a.content.end <= region[1]


def _headline(text: str, title_span: Offsets, resolver: SpeakerResolver) -> Attribution | None:
    """ "Speaker: claim" headlines; the speaker is looked up among the article's names."""
    s0, e0 = title_span
    m = _HEADLINE.match(text[s0:e0])
    if not m:
        return None
    source = m.group("source").strip()
    words = source.split()
    if len(words) > 6 or not words[0][:1].isupper():
        return None
    speaker = resolver.lookup(source)
    if speaker is None:
        speaker = Speaker(source, None, "UNKNOWN")
    return Attribution(
        kind="headline",
        content=Span.of(text, (s0 + m.start("content"), s0 + m.end("content"))),
        speaker=speaker,
        source=Span.of(text, (s0 + m.start("source"), s0 + m.start("source") + len(source))),
        cue=Span.of(text, (s0 + m.start("cue"), s0 + m.end("cue"))),
        confidence=0.8 if speaker.type != "UNKNOWN" else 0.6,
    )
