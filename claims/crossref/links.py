"""Links: the machine's suggested same / supports / contradicts links between claims of a story."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.crossref.candidates import pair_evidence
from claims.crossref.scoring import link_for
from claims.crossref.stories import lock_crossref
from claims.models import ClaimLink, Origin


@dataclass(frozen=True)
class LinkChanges:
    created: int
    updated: int
    deleted: int


def claim_links_suggest_for_article(*, article_id: int) -> LinkChanges:
    """Suggest same / supports / contradicts links between the article's claims and the other
    claims of their stories. Only the machine's own suggestions are replaced."""
    with transaction.atomic():
        lock_crossref()
        wanted: dict[tuple[int, int, str], float] = {}
        for pair in pair_evidence(article_id=article_id, within_stories=True):
            link = link_for(pair)
            if link is not None:
                wanted[link.source_id, link.target_id, link.relation] = link.score

        touching = ClaimLink.objects.filter(Q(source__article_id=article_id) | Q(target__article_id=article_id))
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

        fresh, updated = [], 0
        for key, score in wanted.items():
            if frozenset(key[:2]) in judged and key not in existing:
                continue
            link = existing.get(key)
            if link is None:
                fresh.append(ClaimLink(source_id=key[0], target_id=key[1], relation=key[2], score=score))
            elif link.origin == Origin.MACHINE and link.status == ClaimLink.Status.SUGGESTED and link.score != score:
                ClaimLink.objects.filter(pk=link.pk).update(score=score, updated_at=timezone.now())
                updated += 1
        ClaimLink.objects.bulk_create(fresh, ignore_conflicts=True)
        return LinkChanges(created=len(fresh), updated=updated, deleted=deleted)
