"""Charts the pages draw in SVG on the server: claims per day (or month), the stance mix, and who
contradicts whom. Selectors return the geometry in the units of a small fixed viewBox (CHART_WIDTH
wide), so the browser scales a chart to its column and the labels stay readable on a phone (about
12 px at 375 px wide). Articles without a publication date are counted apart, never at their load date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate

from claims.models import Actor, ActorDay, Claim, ClaimLink

CHART_WIDTH = 340
CHART_HEIGHT = 190
PLOT_LEFT = 34  # room for the y-axis labels
PLOT_RIGHT = 8
PLOT_TOP = 12
PLOT_BOTTOM = 30  # room for the x-axis labels
MAX_DAYS = 62  # a longer span is drawn per month
ROW_HEIGHT = 26  # horizontal bar charts: one row per stance or per pair
PAIR_LABEL_MAX = 22


@dataclass(frozen=True)
class TimeBar:
    label: str
    start: dt.date
    count: int
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class AxisLabel:
    text: str
    x: float
    anchor: str  # SVG text-anchor


@dataclass(frozen=True)
class DayChart:
    bars: list[TimeBar]
    by: str  # "day" or "month"
    peak: int
    undated: int  # claims of articles with no publication date: counted, not drawn
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[AxisLabel] = field(default_factory=list)
    bar_width: float = 0.0
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT

    @property
    def baseline(self) -> int:
        return self.height - PLOT_BOTTOM

    @property
    def plot_left(self) -> int:
        return PLOT_LEFT

    @property
    def plot_right(self) -> int:
        return self.width - PLOT_RIGHT

    @property
    def dated(self) -> int:
        return sum(bar.count for bar in self.bars)

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


def _axis_top(peak: int) -> int:
    """A round number at or above the peak for the y-axis: 1, 2, 5, 10, 20, 50, …"""
    if peak <= 2:
        return max(peak, 1)
    magnitude = 10 ** int(math.log10(peak))
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= peak)


def claims_per_day(*, claims: QuerySet[Claim], max_days: int = MAX_DAYS) -> DayChart:
    """Claims per day of their article's publication (per month over a long span), with empty days
    drawn as gaps; claims of undated articles are counted in `undated`. One query."""
    rows = (
        claims.order_by()
        .annotate(day=TruncDate("article__published_at"))
        .values("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    return day_chart(rows=rows, max_days=max_days)


def day_chart(*, rows: Iterable[tuple[dt.date | None, int]], max_days: int = MAX_DAYS) -> DayChart:
    """The chart of (day, claims) rows, a day None for undated articles; a day may come more than once."""
    per_day: Counter[dt.date] = Counter()
    undated = 0
    for day, count in rows:
        if day is None:
            undated += count
        else:
            per_day[day] += count
    if not per_day:
        return DayChart([], "day", 0, undated)
    first, last = min(per_day), max(per_day)
    if (last - first).days < max_days:
        counts: dict[dt.date, int] = dict(per_day)
        by, starts = "day", [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    else:
        by, starts = "month", _months_between(first, last)
        monthly: Counter[dt.date] = Counter()
        for day, count in per_day.items():
            monthly[day.replace(day=1)] += count
        counts = dict(monthly)
    peak = max(counts.values())
    top = _axis_top(peak)
    plot_width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    slot = plot_width / len(starts)
    bar_width = round(max(min(slot * 0.8, 40), 1), 2)
    baseline = CHART_HEIGHT - PLOT_BOTTOM
    bars = []
    for index, start in enumerate(starts):
        count = counts.get(start, 0)
        bar_height = round(plot_height * count / top, 2)
        bars.append(
            TimeBar(
                label=start.strftime("%Y-%m-%d" if by == "day" else "%Y-%m"),
                start=start,
                count=count,
                x=round(PLOT_LEFT + index * slot + (slot - bar_width) / 2, 2),
                y=round(baseline - bar_height, 2),
                height=bar_height,
            )
        )
    ticks = [Tick(value, round(baseline - plot_height * value / top, 2)) for value in sorted({0, top // 2, top})]
    shown = "%-d %b" if by == "day" else "%b %Y"
    ends = [AxisLabel(starts[0].strftime(shown), PLOT_LEFT, "start")]
    if len(starts) > 1:
        ends.append(AxisLabel(starts[-1].strftime(shown), CHART_WIDTH - PLOT_RIGHT, "end"))
    if len(starts) > 4:
        middle = starts[len(starts) // 2]
        ends.insert(1, AxisLabel(middle.strftime(shown), round(PLOT_LEFT + plot_width / 2, 2), "middle"))
    return DayChart(bars, by, peak, undated, ticks, ends, bar_width)


def actor_timeline(*, actor: Actor) -> DayChart:
    """An actor's claims per day, from its summary (claims.models.ActorDay). One query."""
    rows = ActorDay.objects.filter(actor=actor, claims__gt=0).values("day").annotate(n=Sum("claims"))
    return day_chart(rows=rows.values_list("day", "n"))


@dataclass(frozen=True)
class ShareRow:
    label: str
    key: str
    count: int
    y: float
    width: float  # of the bar, in viewBox units
    text_x: float  # where the count is written, after the bar


@dataclass(frozen=True)
class ShareChart:
    rows: list[ShareRow]
    total: int
    width: int = CHART_WIDTH
    label_width: int = 118

    @property
    def height(self) -> int:
        return max(len(self.rows), 1) * ROW_HEIGHT + 4

    @property
    def bar_left(self) -> int:
        return self.label_width


def _share_rows(items: list[tuple[str, str, int]], label_width: int) -> list[ShareRow]:
    peak = max((count for _, _, count in items), default=0) or 1
    room = CHART_WIDTH - label_width - 34  # the count is written after the bar
    return [
        ShareRow(label, key, count, index * ROW_HEIGHT + 2, width, round(label_width + width + 5, 2))
        for index, (label, key, count) in enumerate(items)
        for width in [round(room * count / peak, 2)]
    ]


def stance_mix(*, claims: QuerySet[Claim]) -> ShareChart:
    """How many claims assert, deny, doubt…, most frequent first. One query."""
    counts = dict(claims.order_by().values("stance").annotate(count=Count("id")).values_list("stance", "count"))
    return stance_chart(counts=counts)


def actor_stance_mix(*, actor: Actor) -> ShareChart:
    """How an actor's claims assert, deny, doubt…, from its summary (claims.models.ActorDay). One query."""
    rows = ActorDay.objects.filter(actor=actor).values("stance").annotate(n=Sum("claims")).values_list("stance", "n")
    return stance_chart(counts=dict(rows))


def stance_chart(*, counts: dict[str, int]) -> ShareChart:
    """The chart of claims per stance."""
    labels = dict(Claim.Stance.choices)
    items = sorted(((labels.get(stance, stance), stance, n) for stance, n in counts.items() if n), key=lambda r: -r[2])
    return ShareChart(_share_rows(items, 118), sum(counts.values()))


@dataclass(frozen=True)
class PairRow:
    label: str  # "Kyiv → Kremlin"
    confirmed: int
    suggested: int
    y: float
    confirmed_width: float
    suggested_width: float

    @property
    def suggested_x(self) -> float:
        return round(PairChart.label_width + self.confirmed_width, 2)

    @property
    def text_x(self) -> float:
        return round(PairChart.label_width + self.confirmed_width + self.suggested_width + 5, 2)


@dataclass(frozen=True)
class PairChart:
    rows: list[PairRow]
    width: int = CHART_WIDTH
    label_width: int = 172  # room for PAIR_LABEL_MAX characters at the chart's text size

    @property
    def height(self) -> int:
        return max(len(self.rows), 1) * ROW_HEIGHT + 4

    @property
    def bar_left(self) -> int:
        return self.label_width


def _speaker_label(claim: Claim) -> str:
    return claim.speaker.name if claim.speaker_id and claim.speaker else claim.speaker_mention or "Unknown"


def contradiction_pairs(*, links: list[ClaimLink], claims_by_id: dict[int, Claim] | None = None) -> PairChart:
    """Who contradicts whom among the given links: speaker pairs (the contradicting one first), confirmed
    and suggested links counted apart. Claims come from `claims_by_id` when given (no query), else
    from the links' loaded source and target."""
    confirmed: Counter[str] = Counter()
    suggested: Counter[str] = Counter()
    for link in links:
        if link.relation != ClaimLink.Relation.CONTRADICTS or link.status == ClaimLink.Status.DISMISSED:
            continue
        source = claims_by_id[link.source_id] if claims_by_id else link.source
        target = claims_by_id[link.target_id] if claims_by_id else link.target
        label = f"{_speaker_label(source)} → {_speaker_label(target)}"
        (confirmed if link.status == ClaimLink.Status.CONFIRMED else suggested)[label] += 1
    return _pair_chart(confirmed, suggested)


class LinkEnds(Protocol):
    """What the pair chart reads of a link: a ClaimLink, or a row of its values."""

    @property
    def source_id(self) -> int: ...
    @property
    def target_id(self) -> int: ...
    @property
    def relation(self) -> str: ...
    @property
    def status(self) -> str: ...


def contradiction_pairs_named(*, links: Iterable[LinkEnds], speakers: dict[int, str]) -> PairChart:
    """contradiction_pairs, with each claim's speaker given by name (`speakers`: claim id -> name)."""
    confirmed: Counter[str] = Counter()
    suggested: Counter[str] = Counter()
    for link in links:
        if link.relation != ClaimLink.Relation.CONTRADICTS or link.status == ClaimLink.Status.DISMISSED:
            continue
        label = f"{speakers[link.source_id]} → {speakers[link.target_id]}"
        (confirmed if link.status == ClaimLink.Status.CONFIRMED else suggested)[label] += 1
    return _pair_chart(confirmed, suggested)


def contradiction_pairs_overall(*, limit: int = 8) -> PairChart:
    """Who contradicts whom across the tracker (dismissed links left out). One query."""
    confirmed: Counter[str] = Counter()
    suggested: Counter[str] = Counter()
    rows = (
        ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS, source__speaker__isnull=False)
        .filter(target__speaker__isnull=False)
        .exclude(status=ClaimLink.Status.DISMISSED)
        .values_list("source__speaker__name", "target__speaker__name", "status")
        .annotate(count=Count("id"))
        .order_by()
    )
    for source, target, status, count in rows:
        (confirmed if status == ClaimLink.Status.CONFIRMED else suggested)[f"{source} → {target}"] += count
    return _pair_chart(confirmed, suggested, limit=limit)


def _pair_chart(confirmed: Counter[str], suggested: Counter[str], *, limit: int = 8) -> PairChart:
    labels = sorted(confirmed.keys() | suggested.keys(), key=lambda k: (-confirmed[k] - suggested[k], k))[:limit]
    peak = max((confirmed[k] + suggested[k] for k in labels), default=0) or 1
    room = CHART_WIDTH - PairChart.label_width - 52  # and room for "2 + 3?" after the bar
    rows = [
        PairRow(
            label if len(label) <= PAIR_LABEL_MAX else label[: PAIR_LABEL_MAX - 1] + "…",
            confirmed[label],
            suggested[label],
            index * ROW_HEIGHT + 2,
            round(room * confirmed[label] / peak, 2),
            round(room * suggested[label] / peak, 2),
        )
        for index, label in enumerate(labels)
    ]
    return PairChart(rows)
