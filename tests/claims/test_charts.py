"""Charts drawn on the server: claims per day with undated articles counted apart, the stance mix,
who contradicts whom; and the detail pages that draw them run a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from claims.models import Claim, ClaimLink
from claims.selectors import claims_per_day, contradiction_pairs_overall, stance_mix
from tests.claims.test_views import said
from tests.factories import ActorFactory, ClaimLinkFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_claims_per_day_counts_undated_articles_apart_and_labels_both_axes() -> None:
    actor = ActorFactory()
    said(actor, "one", published=dt.date(2024, 5, 1))
    said(actor, "two", published=dt.date(2024, 5, 1))
    said(actor, "three", published=dt.date(2024, 5, 9))
    said(actor, "undated")
    chart = claims_per_day(claims=Claim.objects.filter(speaker=actor))
    assert (chart.dated, chart.undated, chart.by, chart.peak) == (3, 1, "day", 2)
    assert len(chart.bars) == 9  # the empty days between are there, as gaps
    assert [tick.value for tick in chart.ticks] == [0, 1, 2]
    assert [label.text for label in chart.x_labels] == ["1 May", "5 May", "9 May"]
    assert chart.bars[0].y + chart.bars[0].height == chart.baseline


def test_the_stance_mix_and_who_contradicts_whom() -> None:
    kremlin, kyiv = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    attack = said(kremlin, "Ukraine attacked")
    denial = said(kyiv, "no", stance=Claim.Stance.DENIES)
    other = said(kyiv, "never", stance=Claim.Stance.DENIES)
    ClaimLinkFactory(source=denial, target=attack, status=ClaimLink.Status.CONFIRMED)
    ClaimLinkFactory(source=other, target=attack)
    ClaimLinkFactory(source=attack, target=other, status=ClaimLink.Status.DISMISSED)

    mix = stance_mix(claims=Claim.objects.all())
    assert [(row.label, row.count) for row in mix.rows] == [("Denies", 2), ("Asserts", 1)]
    assert mix.rows[0].width > mix.rows[1].width
    pairs = contradiction_pairs_overall()
    assert [(row.label, row.confirmed, row.suggested) for row in pairs.rows] == [("Kyiv → Kremlin", 1, 1)]


@pytest.mark.parametrize("rows", [3, 30])
def test_actor_and_story_pages_run_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, rows: int
) -> None:  # type: ignore[no-untyped-def]
    story, actor = StoryFactory(), ActorFactory()
    claims = [said(actor, f"claim {n}", story=story, published=dt.date(2024, 5, 1 + n % 28)) for n in range(rows)]
    for source, target in pairwise(claims):
        ClaimLinkFactory(source=source, target=target)
    # actor, aliases, spokespeople, then from its summaries: stance mix (and claim count), per day,
    # said about, contradicted by; recent claims
    with django_assert_num_queries(8):
        assert client.get(reverse("actor-detail", args=[actor.pk])).status_code == 200
    # story, its claims without their text (counts and charts), their links, the claims shown; the
    # speakers' section, loaded when opened, the same
    with django_assert_num_queries(4):
        assert client.get(reverse("story-detail", args=[story.pk])).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(reverse("story-speakers", args=[story.pk]), headers={"HX-Request": "true"}).status_code == 200


@pytest.mark.parametrize("template", ["_day_chart", "_stance_chart", "_pair_chart"])
def test_charts_draw_machine_numbers_whatever_the_language(template: str) -> None:
    """A language with a decimal comma (German) must not reach the SVG's coordinates: "52,35"
    is no number to a browser."""
    kremlin, kyiv = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    claims = [said(kremlin, f"claim {n}", published=dt.date(2024, 5, 1 + n % 23)) for n in range(7)]
    claims.append(said(kyiv, "no", stance=Claim.Stance.DENIES))
    ClaimLinkFactory(source=claims[-1], target=claims[0], status=ClaimLink.Status.CONFIRMED)
    chart = {
        "_day_chart": lambda: claims_per_day(claims=Claim.objects.all()),
        "_stance_chart": lambda: stance_mix(claims=Claim.objects.all()),
        "_pair_chart": lambda: contradiction_pairs_overall(),
    }[template]()
    with translation.override("de"):
        html = render_to_string(f"claims/{template}.html", {"chart": chart, "chart_id": "c", "what": "Claims"})
    numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2|dy|width|height)="([^"]*)"', html)
    assert numbers and any("." in n for n in numbers)  # fractional coordinates are drawn
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers
