"""Links: the machine's suggested same / supports / contradicts links between claims of a story."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from claims.bulk import rows_insert
from claims.crossref.agents import claims_with_agents
from claims.crossref.candidates import story_claims_for_links
from claims.crossref.propositions import LinkMemory, links_by_proposition
from claims.crossref.stories import lock_crossref
from claims.models import ClaimLink, Origin


@dataclass(frozen=True)
class LinkChanges:
    created: int
    updated: int
    deleted: int


# Index lookups, united: as one OR over the joins PostgreSQL reads all claims (3 s at a million).
# The stories' claims as one array, each looked up on the link's index (as a list of literals the
# planner read the whole link table, in parallel, for the target side, and took 15 ms to plan).
_TOUCHING = """
WITH considered AS (SELECT unnest(%(considered)s::bigint[]) AS id)
SELECT l.id, l.source_id, l.target_id, l.relation, l.origin, l.status, l.score
FROM claims_claim c JOIN claims_claimlink l ON l.source_id = c.id WHERE c.article_id = %(article_id)s
UNION
SELECT l.id, l.source_id, l.target_id, l.relation, l.origin, l.status, l.score
FROM claims_claim c JOIN claims_claimlink l ON l.target_id = c.id WHERE c.article_id = %(article_id)s
UNION
SELECT l.id, l.source_id, l.target_id, l.relation, l.origin, l.status, l.score
FROM considered JOIN claims_claimlink l ON l.source_id = considered.id
JOIN claims_claim s ON s.id = l.source_id JOIN claims_claim t ON t.id = l.target_id
WHERE l.target_id = ANY(%(considered)s::bigint[])
   OR s.story_id <> t.story_id OR s.story_id IS NULL OR t.story_id IS NULL
UNION
SELECT l.id, l.source_id, l.target_id, l.relation, l.origin, l.status, l.score
FROM considered JOIN claims_claimlink l ON l.target_id = considered.id
JOIN claims_claim s ON s.id = l.source_id JOIN claims_claim t ON t.id = l.target_id
WHERE l.source_id = ANY(%(considered)s::bigint[])
   OR s.story_id <> t.story_id OR s.story_id IS NULL OR t.story_id IS NULL
"""


# The pair decisions of the stories this process linked last: an article arriving in a story has
# only its own claims' pairs decided (claims.crossref.propositions.LinkMemory). Under 1 MB for a
# 230-claim story of the benchmark, 6 MB for a dense 500-claim one (the most linking considers).
LINK_MEMORY = LinkMemory(stories=16)


class _Link(NamedTuple):
    pk: int
    source_id: int
    target_id: int
    relation: str
    origin: str
    status: str
    score: float | None


def links_touching(*, article_id: int, considered: set[int]) -> list[_Link]:
    """The links a run decides again: those among the stories' claims (`considered`: each story is
    decided as a whole), any link touching the article, and any link from or to the stories' claims
    whose other end is in another story or in none (links are made within a story: one left from an
    earlier placement, before an undated article or an aside moved, is no longer wanted)."""
    with connection.cursor() as cursor:
        cursor.execute(_TOUCHING, {"article_id": article_id, "considered": sorted(considered)})
        return [_Link(*row) for row in cursor.fetchall()]


def claim_links_suggest_for_article(*, article_id: int) -> LinkChanges:
    """Suggest same / supports / contradicts links within the stories of the article's claims (each
    story decided as a whole: claims.crossref.propositions). Only the machine's own suggestions are
    replaced."""
    with transaction.atomic():
        lock_crossref(article_id=article_id)
        wanted: dict[tuple[int, int, str], float] = {}
        considered: set[int] = set()
        for story_id, claims in claims_with_agents(story_claims_for_links(article_id=article_id)).items():
            considered.update(c.id for c in claims)
            for link in links_by_proposition(claims=claims, memory=LINK_MEMORY, story_id=story_id):
                wanted[link.source_id, link.target_id, link.relation] = link.score

        touching = links_touching(article_id=article_id, considered=considered)
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
        rows_insert(fresh, ignore_conflicts=True)  # a concurrent run's link stays
        return LinkChanges(created=len(fresh), updated=len(rescored), deleted=deleted)
