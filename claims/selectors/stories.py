"""Reads on stories: the recent ones, and one story's speakers, claims and links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from claims.models import Actor, Claim, ClaimLink, Story
from claims.selectors.claim_lists import claims_in_story


def stories_recent() -> QuerySet[Story]:
    """Stories, latest first, with how many claims and speakers each has."""
    return Story.objects.annotate(
        claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED), distinct=True),
        actor_count=Count("claims__speaker", distinct=True),
    ).order_by(F("last_seen_at").desc(nulls_last=True), "-id")


@dataclass
class StoryClaim:
    claim: Claim
    contradicts: list[int] = field(default_factory=list)  # ids of claims this one contradicts
    contradicted_by: list[int] = field(default_factory=list)
    supports: list[int] = field(default_factory=list)
    same_as: list[int] = field(default_factory=list)

    @property
    def is_contested(self) -> bool:
        return bool(self.contradicts or self.contradicted_by)


@dataclass
class StoryActor:
    actor: Actor | None  # None for claims whose speaker is unknown
    claims: list[StoryClaim]


@dataclass
class StoryDetail:
    story: Story
    actors: list[StoryActor]
    links: list[ClaimLink]


def story_detail(*, story: Story | int) -> StoryDetail:
    """A story's speakers, each with their claims, and the links among those claims (dismissed
    suggestions left out). Three queries."""
    story = story if isinstance(story, Story) else Story.objects.get(pk=story)
    claims = list(claims_in_story(story=story))
    ids = [c.pk for c in claims]
    links = list(
        ClaimLink.objects.filter(source_id__in=ids, target_id__in=ids)
        .exclude(status=ClaimLink.Status.DISMISSED)
        .order_by("-score", "id")
    )
    entries = {c.pk: StoryClaim(claim=c) for c in claims}
    for link in links:
        source, target = entries[link.source_id], entries[link.target_id]
        if link.relation == ClaimLink.Relation.CONTRADICTS:
            source.contradicts.append(link.target_id)
            target.contradicted_by.append(link.source_id)
        elif link.relation == ClaimLink.Relation.SUPPORTS:
            source.supports.append(link.target_id)
            target.supports.append(link.source_id)
        else:
            source.same_as.append(link.target_id)
            target.same_as.append(link.source_id)
    by_actor: dict[int | None, list[StoryClaim]] = defaultdict(list)
    for claim in claims:
        by_actor[claim.speaker_id].append(entries[claim.pk])
    actors = [StoryActor(actor=items[0].claim.speaker, claims=items) for items in by_actor.values()]
    actors.sort(key=lambda a: (-len(a.claims), a.actor.name if a.actor else "~"))
    return StoryDetail(story=story, actors=actors, links=links)
