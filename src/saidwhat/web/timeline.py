"""A speaker's statements per week as bar geometry for an inline SVG chart.

Computed on the server so the chart needs no JavaScript; weeks without
statements are filled in as zero so the gaps show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 160
MAX_WEEKS = 1040  # twenty years; a longer record keeps its most recent weeks


@dataclass(frozen=True)
class Bar:
    week: str  # the week's Monday, ISO date
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    peak: int  # the highest weekly count
    total: int
    first: str
    last: str
    busy: list[tuple[str, int]]  # the weeks with statements, for the table view

    @property
    def summary(self) -> str:
        """One sentence describing the chart, for screen readers."""
        weeks = len(self.bars)
        return (
            f"{self.total} statement{'s' if self.total != 1 else ''} over {weeks} "
            f"week{'s' if weeks != 1 else ''} from {self.first} to {self.last}; "
            f"at most {self.peak} in one week."
        )


def _monday(day: str) -> dt.date:
    date = dt.date.fromisoformat(day[:10])
    return date - dt.timedelta(days=date.weekday())


def weekly_chart(weekly: Sequence[tuple[str, int]], width: int = WIDTH, height: int = HEIGHT) -> Chart | None:
    """Bars for ``weekly`` ((Monday ISO date, count) pairs); None when there is no data.

    Entries with unreadable dates are skipped rather than failing the page.
    """
    counts: dict[dt.date, int] = {}
    for day, count in weekly:
        try:
            week = _monday(day)
        except (TypeError, ValueError):
            continue
        counts[week] = counts.get(week, 0) + int(count)
    if not counts:
        return None
    last = max(counts)
    first = max(min(counts), last - dt.timedelta(weeks=MAX_WEEKS - 1))
    weeks = [first + dt.timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    peak = max(counts.get(w, 0) for w in weeks) or 1
    slot = width / len(weeks)
    gap = slot * 0.15 if slot > 4 else 0.0  # thin bars touch rather than vanish
    bars = []
    for k, week in enumerate(weeks):
        count = counts.get(week, 0)
        h = (height - 4) * count / peak
        bars.append(
            Bar(
                week.isoformat(),
                count,
                round(k * slot + gap / 2, 2),
                round(height - h, 2),
                round(max(slot - gap, 0.5), 2),
                round(h, 2),
            )
        )
    busy = [(b.week, b.count) for b in bars if b.count]
    return Chart(
        bars, width, height, peak, sum(c for _, c in busy), weeks[0].isoformat(), weeks[-1].isoformat(), busy
    )
