"""List endpoints cost the same number of queries for 5 rows as for 50."""

from __future__ import annotations

from itertools import pairwise

import pytest
from django.conf import settings

from claims.models import ActorAlias, ClaimEntity, ClaimLink, Story
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

# The throttle reads and writes its counter in the shared cache: with the default database cache
# that is 6 queries per request (read; count, savepoint, read, write, release), none with Redis.
THROTTLE_QUERIES = 6 if settings.CACHES["shared"]["BACKEND"].endswith("DatabaseCache") else 0


def make_rows(count: int) -> None:
    story = Story.objects.create(title="Drone strikes")
    claims = ClaimFactory.create_batch(count, story=story)
    for claim in claims:
        ClaimEntity.objects.create(claim=claim, actor=claim.speaker, text="budget", label="ORG", start=27, end=33)
        ActorAlias.objects.create(
            actor=claim.speaker, name=f"{claim.speaker.name} alias", normalized=f"alias {claim.pk}"
        )
        Story.objects.create(title=f"Story {claim.pk}")
    for source, target in pairwise(claims):
        ClaimLink.objects.create(source=source, target=target, relation="same")
    ArticleFactory.create_batch(count)


# The fixed cost of each page: authentication (token + user), then the rows and their prefetches.
EXPECTED_QUERIES = {
    "/api/v1/claims/": 3,  # token, claims with speaker and via, entities
    "/api/v1/actors/": 3,  # token, actors, aliases
    "/api/v1/stories/": 2,  # token, stories with claim counts
    "/api/v1/links/": 2,  # token, links
    "/api/v1/articles/": 2,  # token, articles with outlet and claim counts
}


@pytest.mark.parametrize("url", list(EXPECTED_QUERIES))
@pytest.mark.parametrize("rows", [5, 50])
def test_list_pages_cost_a_fixed_number_of_queries(analyst_client, django_assert_num_queries, url, rows):
    make_rows(rows)
    with django_assert_num_queries(EXPECTED_QUERIES[url] + THROTTLE_QUERIES):
        response = analyst_client.get(url, {"page_size": 100})
    assert len(response.json()["results"]) >= rows - 1  # n claims make n - 1 links


@pytest.mark.parametrize("rows", [5, 50])
def test_an_article_with_its_claims_costs_a_fixed_number_of_queries(analyst_client, django_assert_num_queries, rows):
    article = ArticleFactory()
    for claim in ClaimFactory.create_batch(rows, article=article):
        ClaimEntity.objects.create(claim=claim, actor=claim.speaker, text="budget", label="ORG", start=27, end=33)
    with django_assert_num_queries(4 + THROTTLE_QUERIES):  # token, article, claims with speakers, entities
        response = analyst_client.get(f"/api/v1/articles/{article.pk}/")
    assert len(response.json()["claims"]) == rows
