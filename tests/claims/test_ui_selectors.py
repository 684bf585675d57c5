"""Reads behind the analyst pages that carry some logic of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.selectors import actor_timeline, dashboard_summary
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db


def claim_on(actor, day: dt.date):  # type: ignore[no-untyped-def]
    published = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    return ClaimFactory(speaker=actor, article=ArticleFactory(published_at=published))


def test_timeline_counts_claims_per_day_with_empty_days_between() -> None:
    actor = ActorFactory()
    for day in (dt.date(2023, 5, 1), dt.date(2023, 5, 1), dt.date(2023, 5, 4)):
        claim_on(actor, day)

    timeline = actor_timeline(actor=actor)
    assert timeline.by == "day"
    assert [(bar.label, bar.count) for bar in timeline.bars] == [
        ("2023-05-01", 2),
        ("2023-05-02", 0),
        ("2023-05-03", 0),
        ("2023-05-04", 1),
    ]
    assert timeline.peak == 2
    tallest, shorter = timeline.bars[0], timeline.bars[3]
    assert tallest.height == 2 * shorter.height
    assert tallest.y + tallest.height == timeline.baseline == shorter.y + shorter.height


def test_timeline_switches_to_months_over_a_long_span() -> None:
    actor = ActorFactory()
    for day in (dt.date(2022, 11, 20), dt.date(2023, 1, 3), dt.date(2023, 1, 28)):
        claim_on(actor, day)

    timeline = actor_timeline(actor=actor)
    assert timeline.by == "month"
    assert [(bar.label, bar.count) for bar in timeline.bars] == [("2022-11", 1), ("2022-12", 0), ("2023-01", 2)]


def test_timeline_of_an_actor_without_claims_is_empty() -> None:
    assert actor_timeline(actor=ActorFactory()).bars == []


def test_dashboard_leaves_out_dismissed_contradictions_and_counts_articles_by_status() -> None:
    shown = ClaimLinkFactory()
    ClaimLinkFactory(status="dismissed")
    ArticleFactory(status="failed")

    summary = dashboard_summary()
    assert [link.pk for link in summary.contradictions] == [shown.pk]
    assert summary.articles_by_status["failed"] == 1
    assert summary.articles_by_status["done"] == 4  # each link's two claims brought an article
    assert summary.articles_total == 5
