"""Links: the machine's suggested same / supports / contradicts links between claims of a story."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.crossref.agents import claims_with_agents
from claims.crossref.candidates import story_claims_for_links
from claims.crossref.propositions import links_by_proposition
from claims.crossref.stories import lock_crossref
from claims.models import ClaimLink, Origin


@dataclass(frozen=True)
class LinkChanges:
    created: int
    updated: int
    deleted: int


def claim_links_suggest_for_article(*, article_id: int) -> LinkChanges:
    """Suggest same / supports / contradicts links within the stories of the article's claims (each
    story decided as a whole: claims.crossref.propositions). Only the machine's own suggestions are
    replaced."""
    with transaction.atomic():
        lock_crossref(article_id=article_id)
        wanted: dict[tuple[int, int, str], float] = {}
        considered: set[int] = set()
        for claims in claims_with_agents(story_claims_for_links(article_id=article_id)).values():
            considered.update(c.id for c in claims)
            for link in links_by_proposition(claims=claims):
                wanted[link.source_id, link.target_id, link.relation] = link.score

        # The links among the stories' claims (they are decided again as a whole), any link
        # touching the article, and any link from the stories' claims to a claim of another story
        # or of none (links are made within a story: one left from an earlier placement, before an
        # undated article or an aside moved, is no longer wanted).
        across = (
            ~Q(source__story_id=F("target__story_id")) | Q(source__story__isnull=True) | Q(target__story__isnull=True)
        )
        # Index lookups, united: as one OR over the joins PostgreSQL reads all claims (3 s at a million).
        touching = ClaimLink.objects.filter(
            pk__in=ClaimLink.objects.filter(source__article_id=article_id)
            .values("pk")
            .union(
                ClaimLink.objects.filter(target__article_id=article_id).values("pk"),
                ClaimLink.objects.filter(source_id__in=considered, target_id__in=considered).values("pk"),
                ClaimLink.objects.filter(Q(source_id__in=considered) & across).values("pk"),
                ClaimLink.objects.filter(Q(target_id__in=considered) & across).values("pk"),
            )
        ).values_list("pk", "source_id", "target_id", "relation", "origin", "status", "score", named=True)  # no models
        existing = {(lk.source_id, lk.target_id, lk.relation): lk for lk in touching}
        # A pair an editor already judged (any relation) gets no machine suggestion.
        judged = {
            frozenset((lk.source_id, lk.target_id))
            for lk in existing.values()
            if lk.origin == Origin.EDITOR or lk.status != ClaimLink.Status.SUGGESTED
        }
        stale = [
            lk.pk
            for key, lk in existing.items()
            if lk.origin == Origin.MACHINE and lk.status == ClaimLink.Status.SUGGESTED and key not in wanted
        ]
        deleted = ClaimLink.objects.filter(pk__in=stale).delete()[0] if stale else 0

        fresh, rescored = [], []
        now = timezone.now()
        for key, score in wanted.items():
            if frozenset(key[:2]) in judged and key not in existing:
                continue
            link = existing.get(key)
            if link is None:
                fresh.append(ClaimLink(source_id=key[0], target_id=key[1], relation=key[2], score=score))
            elif link.origin == Origin.MACHINE and link.status == ClaimLink.Status.SUGGESTED and link.score != score:
                rescored.append(ClaimLink(pk=link.pk, score=score, updated_at=now))
        if rescored:  # one statement, not one per link
            ClaimLink.objects.bulk_update(rescored, ["score", "updated_at"])
        ClaimLink.objects.bulk_create(fresh, ignore_conflicts=True)
        return LinkChanges(created=len(fresh), updated=len(rescored), deleted=deleted)
