"""The review queue's pages and bulk review: who may use them, what they cost, and that a bulk
verdict never overwrites a claim changed since the list was shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from claims import editing
from claims.models import Claim, ClaimRevision
from claims.selectors.review import review_neighbours, review_queue
from tests.factories import ArticleFactory, ClaimFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def claim_on(day: int, confidence: float = 0.5, **fields: object) -> Claim:
    article = ArticleFactory(published_at=dt.datetime(2024, 5, day, tzinfo=dt.UTC))
    return ClaimFactory(article=article, confidence=confidence, **fields)


def test_the_queue_holds_unreviewed_claims_in_the_chosen_order_and_knows_each_ones_neighbours() -> None:
    early, late, unsure = claim_on(1, 0.7), claim_on(3, 0.9), claim_on(2, 0.2)
    claim_on(4, review_status=Claim.ReviewStatus.VERIFIED)
    by_date = review_queue(params=_q(order="newest"))
    assert [c.pk for c in by_date.queryset] == [late.pk, unsure.pk, early.pk]
    assert [c.pk for c in review_queue(params=_q(order="confidence")).queryset] == [unsure.pk, early.pk, late.pk]
    assert review_neighbours(queue=review_queue(params=_q()), claim=unsure) == (late.pk, early.pk)

    # A claim just reviewed has left the queue but still knows what came after it.
    Claim.objects.filter(pk=unsure.pk).update(review_status=Claim.ReviewStatus.VERIFIED)
    assert review_neighbours(queue=review_queue(params=_q()), claim=unsure) == (late.pk, early.pk)


def test_the_queue_narrows_to_a_story() -> None:
    story = StoryFactory()
    inside = claim_on(1, story=story)
    claim_on(2)
    assert [c.pk for c in review_queue(params=_q(story=str(story.pk))).queryset] == [inside.pk]


def _q(**params: str):  # type: ignore[no-untyped-def]
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.update(params)
    return query


def test_analysts_cannot_open_the_queue_or_review_in_bulk(client: Client, analyst) -> None:  # type: ignore[no-untyped-def]
    claim = claim_on(1)
    client.force_login(analyst)
    assert client.get(reverse("review-queue")).status_code == 403
    assert client.get(reverse("review-claim", args=[claim.pk])).status_code == 403
    response = client.post(reverse("review-bulk"), {"claim": f"{claim.pk}:1", "verdict": "verify"})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.UNREVIEWED


def test_bulk_review_reports_a_claim_changed_meanwhile_and_reviews_the_others(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    stale, fresh = claim_on(1), claim_on(2)
    editing.claim_update(claim=stale, user=UserFactory(role="editor"), expected_version=1, changes={"stance": "doubts"})
    client.force_login(editor)

    response = client.post(
        reverse("review-bulk"),
        {
            "claim": [f"{stale.pk}:1", f"{fresh.pk}:1"],
            "verdict": "reject",
            "reason": "Headline only",
            "order": "newest",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "1 claim rejected." in page
    assert f"someone else changed them meanwhile: claims {stale.pk}" in page
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.review_status, stale.stance) == ("corrected", "doubts")
    assert (fresh.review_status, fresh.review_reason) == ("rejected", "Headline only")
    assert response.redirect_chain[-1][0] == reverse("review-queue") + "?order=newest"


def test_bulk_reject_needs_a_reason(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    claim = claim_on(1)
    client.force_login(editor)
    response = client.post(reverse("review-bulk"), {"claim": f"{claim.pk}:1", "verdict": "reject"}, follow=True)
    assert "Say why the claims are rejected." in response.content.decode()
    assert not ClaimRevision.objects.exists()


@pytest.mark.parametrize("rows", [1, 12])
def test_review_pages_cost_a_fixed_number_of_queries(
    client: Client, editor, django_assert_num_queries, rows: int
) -> None:  # type: ignore[no-untyped-def]
    claims = [claim_on(1 + n % 27, story=StoryFactory()) for n in range(rows)]
    for claim in claims:
        editing.claim_add_note(claim=claim, user=editor, note="seen")
    client.force_login(editor)
    client.get(reverse("review-queue"))  # warm the session and the story choices' cache
    # session, user, the user's role, count, page of claims, story choices
    with django_assert_num_queries(6):
        assert client.get(reverse("review-queue")).status_code == 200
    # session, user, role, the claim, previous, next, remaining count
    with django_assert_num_queries(7):
        assert client.get(reverse("review-claim", args=[claims[0].pk])).status_code == 200
    # session, user, role, count, page of revisions
    with django_assert_num_queries(5):
        assert client.get(reverse("review-mine")).status_code == 200
