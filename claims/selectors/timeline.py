"""An actor's claims over time, as the bar geometry (in pixels) the actor page draws in SVG."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate

from claims.models import Actor

TIMELINE_AXIS = 16  # pixels under the bars for the date labels


TIMELINE_TOP = 14  # pixels over the tallest bar for its count


@dataclass(frozen=True)
class TimelineBar:
    label: str
    start: dt.date
    count: int
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class Timeline:
    bars: list[TimelineBar]
    by: str  # "day" or "month"
    peak: int
    width: int
    height: int
    bar_width: float
    undated: int = 0  # claims of articles with no publication date: not drawn

    @property
    def baseline(self) -> int:
        return self.height - TIMELINE_AXIS

    @property
    def peak_y(self) -> int:
        return TIMELINE_TOP

    @property
    def first_label(self) -> str:
        return self.bars[0].label if self.bars else ""

    @property
    def last_label(self) -> str:
        return self.bars[-1].label if self.bars else ""


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def actor_timeline(*, actor: Actor, width: int = 640, height: int = 120, max_days: int = 62) -> Timeline:
    """Claims per day (or per month for a long span), dated by their article's publication; claims of
    undated articles are counted apart (`undated`), never placed at the day they were loaded."""
    per_day = dict(
        actor.claims.visible()
        .annotate(day=TruncDate("article__published_at"))
        .values("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    undated = per_day.pop(None, 0)
    if not per_day:
        return Timeline([], "day", 0, width, height, 0, undated)
    first, last = min(per_day), max(per_day)
    if (last - first).days < max_days:
        by = "day"
        starts = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        counts = per_day
    else:
        by = "month"
        starts = _months_between(first, last)
        monthly: Counter[dt.date] = Counter()
        for day, count in per_day.items():
            monthly[day.replace(day=1)] += count
        counts = dict(monthly)
    peak = max(counts.values())
    bar_width = min(width / len(starts), 48)
    tallest = height - TIMELINE_AXIS - TIMELINE_TOP
    bars = []
    for index, start in enumerate(starts):
        bar_height = round(tallest * counts.get(start, 0) / peak, 2)
        bars.append(
            TimelineBar(
                label=start.strftime("%Y-%m-%d" if by == "day" else "%Y-%m"),
                start=start,
                count=counts.get(start, 0),
                x=round(index * bar_width, 2),
                y=round(height - TIMELINE_AXIS - bar_height, 2),
                height=bar_height,
            )
        )
    return Timeline(bars, by, peak, width, height, round(max(bar_width - 1, 1), 2), undated)
