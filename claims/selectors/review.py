"""The editors' review queue: unreviewed claims in a chosen order, a claim's neighbours in it, and an
editor's own edits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce

from claims.filters import ClaimFilter
from claims.models import Claim, ClaimRevision
from claims.selectors.claim_lists import claim_list_base

# Each order is a keyset: (field, descending) pairs ending in the id, so "next" and "previous" are one
# indexed query each wherever the claim sits in a queue of millions.
REVIEW_ORDERS: dict[str, tuple[str, tuple[tuple[str, bool], ...]]] = {
    "newest": ("Newest article first", (("published", True), ("id", False))),
    "confidence": ("Lowest confidence first", (("confidence", False), ("id", False))),
    "oldest": ("Oldest article first (a story's debate in order)", (("published", False), ("id", False))),
}
DEFAULT_REVIEW_ORDER = "newest"
# Filters of the claim list that narrow the queue (the review status is always "unreviewed").
QUEUE_FILTERS = ("q", "speaker", "about", "stance", "kind", "outlet", "story", "published_from", "published_to")


@dataclass
class ReviewQueue:
    filterset: ClaimFilter
    queryset: QuerySet[Claim]  # unreviewed claims, in `order`
    order: str

    @property
    def keys(self) -> tuple[tuple[str, bool], ...]:
        return REVIEW_ORDERS[self.order][1]


def review_queue(*, params: Any) -> ReviewQueue:
    """Unreviewed claims selected by the claim list's filters (in `params`), in the order `params["order"]`."""
    data = params.copy()
    for name in list(data.keys()):
        if name not in QUEUE_FILTERS:
            del data[name]
    filterset = ClaimFilter(data, queryset=claim_list_base())
    order = params.get("order") if params.get("order") in REVIEW_ORDERS else DEFAULT_REVIEW_ORDER
    queryset = (
        filterset.qs.filter(review_status=Claim.ReviewStatus.UNREVIEWED)
        .annotate(published=Coalesce("article__published_at", "article__created_at"))
        .defer("article__text", "search_vector")
    )
    ordering = [F(name).desc() if descending else F(name).asc() for name, descending in REVIEW_ORDERS[order][1]]
    return ReviewQueue(filterset, queryset.order_by(*ordering), order)


def _claim_keys(claim: Claim) -> dict[str, Any]:
    return {
        "published": claim.article.published_at or claim.article.created_at,
        "confidence": claim.confidence,
        "id": claim.pk,
    }


def _after(keys: tuple[tuple[str, bool], ...], values: dict[str, Any], *, forward: bool) -> Q:
    """Rows strictly after (forward) or before the given key values, in the keyset's order."""
    (first, first_desc), (second, second_desc) = keys
    first_lookup = "lt" if first_desc == forward else "gt"
    second_lookup = "lt" if second_desc == forward else "gt"
    return Q(**{f"{first}__{first_lookup}": values[first]}) | Q(
        **{first: values[first], f"{second}__{second_lookup}": values[second]}
    )


def review_neighbours(*, queue: ReviewQueue, claim: Claim) -> tuple[int | None, int | None]:
    """The ids of the queue's claims just before and just after `claim` (which may have left the
    queue, reviewed a moment ago: its place is still known from its keys). Two queries."""
    values = _claim_keys(claim)
    forward = queue.queryset.filter(_after(queue.keys, values, forward=True))
    backward = queue.queryset.filter(_after(queue.keys, values, forward=False)).reverse()
    following = forward.values_list("id", flat=True).first()
    previous = backward.values_list("id", flat=True).first()
    return previous, following


def review_claim(*, pk: int) -> Claim:
    return Claim.objects.select_related("speaker", "via", "story", "article", "article__outlet").get(pk=pk)


def revisions_by_user(*, user: Any) -> QuerySet[ClaimRevision]:
    """An editor's own edits, newest first, each with its claim and speaker."""
    return (
        ClaimRevision.objects.filter(user=user)
        .select_related("claim__speaker")
        .defer("claim__search_vector")
        .order_by("-created_at", "-id")
    )
