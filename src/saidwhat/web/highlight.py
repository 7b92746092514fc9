"""Article text -> highlighted segments, computed from attribution offsets.

The text is cut at every boundary of every span of every attribution (source, cue,
content pieces) and of every body region; each resulting segment knows which
(attribution, role) marks cover it. Overlapping and nested spans therefore need no
special case: a segment covered by two marks simply carries both. Templates render
the segments flat (never nested elements), escaping each segment's text, so the
concatenated text content of the rendered article equals ``Article.text`` exactly
and every highlighted element's ``data-start``/``data-end`` are offsets into it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ..model import Attribution, Offsets

# Display order of the roles in the legend; also the colour priority when marks
# overlap (later wins: a cue inside a quote shows as a cue).
ROLES = ("content", "source", "cue")
ROLE_LABELS = {"content": "What was said", "source": "Who said it", "cue": "Cue (said, told …)"}
# Attributions scored below this are shown as weak: a dashed outline, not a fill.
WEAK_CONFIDENCE = 0.5
_LINE_BREAKS = re.compile(r"(\s*[\n\r\u2028\u2029]\s*)")


@dataclass(frozen=True)
class Mark:
    """One attribution's role over a stretch of text."""

    attribution: int  # index into the article's attributions
    role: str  # one of ROLES


@dataclass(frozen=True)
class Segment:
    """A stretch of text between two consecutive boundaries."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = ()
    prose: bool = True  # inside a body region (False: page debris the pipeline skipped)
    anchors: tuple[int, ...] = ()  # attributions whose first mark begins here
    region: int = -1  # the body region (paragraph) it lies in; -1 outside them, or none given

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles covering this segment, in ROLES order."""
        present = {m.role for m in self.marks}
        return tuple(r for r in ROLES if r in present)

    @property
    def attributions(self) -> tuple[int, ...]:
        """Indexes of the attributions covering this segment, ascending."""
        return tuple(sorted({m.attribution for m in self.marks}))

    @property
    def data_marks(self) -> str:
        """``"0:content 2:source"``: the marks as one attribute value for tests and JS."""
        return " ".join(f"{m.attribution}:{m.role}" for m in self.marks)


def attribution_marks(attribution: Attribution) -> list[tuple[int, int, str]]:
    """``(start, end, role)`` for every piece of the attribution's source, cue and content."""
    marks: list[tuple[int, int, str]] = []
    for role in ROLES:
        span = getattr(attribution, role)
        if span is not None:
            marks.extend((s, e, role) for s, e in span.spans)
    return marks


def segment(
    text: str,
    attributions: Sequence[Attribution],
    body: Iterable[Offsets] | None = None,
) -> list[Segment]:
    """Cut ``text`` into segments at every span boundary.

    Args:
        text: the article text the offsets index.
        attributions: their source, cue and content spans are marked.
        body: the article's prose regions; text outside them is flagged
            ``prose=False``. Empty or None: all text is prose.

    Returns:
        Segments in text order, covering ``text`` exactly (their texts joined are
        ``text``). Offsets outside the text are clamped; empty spans are ignored.
    """
    n = len(text)
    spans: list[tuple[int, int, Mark]] = []
    for index, attribution in enumerate(attributions):
        for s, e, role in attribution_marks(attribution):
            s, e = max(0, min(s, n)), max(0, min(e, n))
            if e > s:
                spans.append((s, e, Mark(index, role)))
    regions = [(max(0, s), min(e, n)) for s, e in (body or ()) if e > s]

    cuts = {0, n}
    for s, e, _ in spans:
        cuts.update((s, e))
    for s, e in regions:
        cuts.update((s, e))
    bounds = sorted(cuts)

    first: dict[int, int] = {}  # attribution -> earliest start of any of its marks
    for s, _, mark in spans:
        first[mark.attribution] = min(s, first.get(mark.attribution, s))
    anchors_at: dict[int, list[int]] = {}
    for index, s in sorted(first.items()):
        anchors_at.setdefault(s, []).append(index)

    starts = [s for s, _ in regions]
    # Sweep: spans sorted by start enter the active set; those ending leave it.
    # Articles hold tens of spans, so a linear filter per segment is plenty fast.
    spans.sort(key=lambda t: (t[0], t[1]))
    segments: list[Segment] = []
    active: list[tuple[int, int, Mark]] = []
    k = 0
    for a, b in pairwise(bounds):
        active = [t for t in active if t[1] > a]
        while k < len(spans) and spans[k][0] <= a:
            if spans[k][1] > a:
                active.append(spans[k])
            k += 1
        marks = tuple(sorted({t[2] for t in active}, key=lambda m: (m.attribution, ROLES.index(m.role))))
        k_region = bisect_right(starts, a) - 1
        inside = k_region >= 0 and b <= regions[k_region][1]
        prose = not regions or inside
        region = k_region if inside else -1
        segments.append(Segment(a, b, text[a:b], marks, prose, tuple(anchors_at.get(a, ())), region))
    return segments


@dataclass(frozen=True)
class Block:
    """Consecutive segments shown as one block: a paragraph of prose (a body region),
    a line of page debris, or the whitespace between them (``gap``), so the page can
    lay out paragraphs itself whether the text separates them by one line break (an
    extracted web page) or a blank line (a text file)."""

    kind: str  # "paragraph", "debris" or "gap"
    segments: tuple[Segment, ...]


def blocks(segments: Sequence[Segment]) -> list[Block]:
    """``segments`` grouped into blocks; their texts joined are still the article's text."""
    out: list[tuple[str, int, list[Segment]]] = []
    for seg in segments:
        if seg.prose:
            pieces = [("paragraph", seg)]
        else:  # outside the prose: whitespace between lines, and the debris lines themselves
            pieces = []
            offset = seg.start
            for n, run in enumerate(r for r in _LINE_BREAKS.split(seg.text) if r):
                anchors = seg.anchors if n == 0 else ()
                part = replace(seg, start=offset, end=offset + len(run), text=run, anchors=anchors)
                pieces.append(("gap" if run.isspace() else "debris", part))
                offset += len(run)
        for kind, part in pieces:
            if out and out[-1][0] == kind and (kind != "paragraph" or out[-1][1] == part.region):
                out[-1][2].append(part)
            else:
                out.append((kind, part.region, [part]))
    return [Block(kind, tuple(parts)) for kind, _, parts in out]


def weak_indexes(attributions: Sequence[Attribution]) -> set[int]:
    """The attributions scored below WEAK_CONFIDENCE."""
    return {i for i, a in enumerate(attributions) if a.confidence < WEAK_CONFIDENCE}
