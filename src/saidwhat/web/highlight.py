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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import Attribution, Offsets

# Display order of the roles in the legend; also the colour priority when marks
# overlap (later wins: a cue inside a quote shows as a cue).
ROLES = ("content", "source", "cue")
ROLE_LABELS = {"content": "What was said", "source": "Who said it", "cue": "Cue (said, told …)"}


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
        prose = not regions or any(s <= a and b <= e for s, e in regions)
        segments.append(Segment(a, b, text[a:b], marks, prose, tuple(anchors_at.get(a, ()))))
    return segments
