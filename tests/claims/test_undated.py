"""An article with no publication date is never dated by when it was loaded: its claims say "date
unknown" in claim lists and story pages, and the actor timeline counts them apart."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from claims.selectors import actor_timeline, claims_in_period
from tests.claims.test_views import said
from tests.factories import ActorFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_the_timeline_counts_undated_claims_apart_and_never_on_their_load_day() -> None:
    actor = ActorFactory(name="Kremlin")
    said(actor, "drones were downed", published=dt.date(2023, 5, 3))
    said(actor, "the attack was planned abroad")  # no date: loaded today

    timeline = actor_timeline(actor=actor)
    assert [(bar.label, bar.count) for bar in timeline.bars] == [("2023-05-03", 1)]
    assert timeline.undated == 1


def test_an_actor_with_only_undated_claims_has_no_bars_but_says_how_many() -> None:
    actor = ActorFactory(name="Kremlin")
    said(actor, "the attack was planned abroad")

    timeline = actor_timeline(actor=actor)
    assert (timeline.bars, timeline.undated) == ([], 1)


def test_undated_claims_belong_to_no_period() -> None:
    actor = ActorFactory(name="Kremlin")
    dated = said(actor, "drones were downed", published=dt.date(2023, 5, 3))
    said(actor, "the attack was planned abroad")
    today = dt.datetime.now(dt.UTC)

    in_may = claims_in_period(start=dt.datetime(2023, 5, 1, tzinfo=dt.UTC), end=dt.datetime(2023, 6, 1, tzinfo=dt.UTC))
    assert list(in_may) == [dated]
    assert not claims_in_period(start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=1)).exists()


def test_claim_list_story_page_and_actor_page_say_date_unknown(client: Client) -> None:
    story = StoryFactory()
    actor = ActorFactory(name="Kremlin")
    undated = said(actor, "the attack was planned abroad", story=story)
    said(actor, "drones were downed", published=dt.date(2023, 5, 3), story=story)

    listing = client.get(reverse("claim-list")).content.decode()
    row = listing.split(f'href="/claims/{undated.pk}/"', 1)[1].split("</li>", 1)[0]
    assert "date unknown" in row
    page = client.get(reverse("story-detail", args=[story.pk])).content.decode()
    story_row = page.split(f'href="/claims/{undated.pk}/"', 1)[1].split("</li>", 1)[0]
    assert "date unknown" in story_row
    assert "1 claim from articles with the date unknown" in page  # the claims-per-day chart counts it apart
    assert (
        "1 claim from articles with the date unknown"
        in client.get(reverse("actor-detail", args=[actor.pk])).content.decode()
    )
