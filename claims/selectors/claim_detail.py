"""One claim's page: the claim, the claims linked to it, its story's other claims, its history."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from articles.models import list_deferred
from claims.models import Claim, ClaimLink, ClaimRevision
from claims.selectors.claim_lists import LIST_RELATED, claims_in_story
from claims.selectors.links import links_shown


def claim_detail_queryset() -> QuerySet[Claim]:
    return Claim.objects.select_related("speaker", "via", "story", "article", "article__outlet").defer(
        *list_deferred("article__", keep_text=True), "search_vector"
    )


@dataclass(frozen=True)
class LinkedClaim:
    link: ClaimLink
    other: Claim
    outgoing: bool  # this claim is the link's source


@dataclass
class ClaimRelations:
    contradicting: list[LinkedClaim] = field(default_factory=list)
    supporting: list[LinkedClaim] = field(default_factory=list)
    same: list[LinkedClaim] = field(default_factory=list)

    @staticmethod
    def _count(linked: list[LinkedClaim], status: str) -> int:
        return sum(item.link.status == status for item in linked)

    @property
    def contradicting_counts(self) -> dict[str, int]:
        """How many contradicting links are confirmed and how many only suggested."""
        return {status: self._count(self.contradicting, status) for status in ("confirmed", "suggested")}

    @property
    def supporting_counts(self) -> dict[str, int]:
        both = self.supporting + self.same
        return {status: self._count(both, status) for status in ("confirmed", "suggested")}


def claim_relations(*, claim: Claim, confirmed_only: bool = False) -> ClaimRelations:
    """The claims linked to this one in either direction, dismissed suggestions left out (and the
    other suggestions too with `confirmed_only`): confirmed links first, then suggestions best first."""
    links = (
        links_shown(ClaimLink.objects.filter(Q(source=claim) | Q(target=claim)), confirmed_only=confirmed_only)
        .select_related(*(f"{side}__{field}" for side in ("source", "target") for field in LIST_RELATED))
        .defer(*list_deferred("source__article__"), *list_deferred("target__article__"))
        .defer("source__search_vector", "target__search_vector")
    )
    relations = ClaimRelations()
    buckets: dict[str, list[LinkedClaim]] = {
        ClaimLink.Relation.CONTRADICTS: relations.contradicting,
        ClaimLink.Relation.SUPPORTS: relations.supporting,
        ClaimLink.Relation.SAME: relations.same,
    }
    for link in links:
        outgoing = link.source_id == claim.pk
        buckets[link.relation].append(LinkedClaim(link, link.target if outgoing else link.source, outgoing))
    return relations


def claim_story_siblings(*, claim: Claim, limit: int = 50) -> list[Claim]:
    """The other claims of the claim's story, in the order they were published."""
    if claim.story_id is None:
        return []
    return list(claims_in_story(story=claim.story_id).exclude(pk=claim.pk)[:limit])


def claim_revisions(*, claim: Claim) -> QuerySet[ClaimRevision]:
    return claim.revisions.select_related("user").order_by("-created_at", "-id")
