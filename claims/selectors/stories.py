"""Reads on stories: the recent ones, and one story's speakers, claims and links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from claims.models import Actor, Claim, ClaimLink, Story
from claims.selectors.claim_lists import claims_in_story
from claims.selectors.links import links_shown


def stories_recent() -> QuerySet[Story]:
    """Stories, latest first, with how many claims and speakers each has."""
    return Story.objects.annotate(
        claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED), distinct=True),
        actor_count=Count("claims__speaker", distinct=True),
    ).order_by(F("last_seen_at").desc(nulls_last=True), "-id")


@dataclass(frozen=True)
class StoryNote:
    """One link of a story's claim as the page words it: "contradicts", "contradicted_by", "supports"
    or "same_as" the `other_id` claim, through `link` (its status says confirmed or suggested)."""

    kind: str
    other_id: int
    link: ClaimLink


@dataclass
class StoryClaim:
    claim: Claim
    contradicts: list[int] = field(default_factory=list)  # ids of claims this one contradicts
    contradicted_by: list[int] = field(default_factory=list)
    supports: list[int] = field(default_factory=list)
    same_as: list[int] = field(default_factory=list)
    notes: list[StoryNote] = field(default_factory=list)  # confirmed links first

    @property
    def is_contested(self) -> bool:
        return bool(self.contradicts or self.contradicted_by)

    @property
    def is_contested_confirmed(self) -> bool:
        return any(n.link.status == ClaimLink.Status.CONFIRMED for n in self.notes if n.kind.startswith("contradict"))


@dataclass
class StoryActor:
    actor: Actor | None  # None for claims whose speaker is unknown
    claims: list[StoryClaim]


@dataclass
class DebateSide:
    """The claims of one proposition with one stance group, by speaker."""

    label: str  # "Assert", "Deny or dispute", "Doubt"
    key: str
    speakers: list[StoryActor]


@dataclass
class Proposition:
    """Claims linked to each other (same, supports, contradicts): one thing claimed, and who says
    what about it. `lead` is the first claim asserting it (or the first claim), its wording the title."""

    lead: StoryClaim
    sides: list[DebateSide]
    size: int


@dataclass
class StoryDetail:
    story: Story
    actors: list[StoryActor]
    links: list[ClaimLink]
    propositions: list[Proposition] = field(default_factory=list)  # debated ones, most claims first
    unlinked: list[StoryClaim] = field(default_factory=list)  # claims no link ties to another


def story_detail(*, story: Story | int, confirmed_only: bool = False) -> StoryDetail:
    """A story's speakers, each with their claims, and the links among those claims (dismissed
    suggestions left out; suggestions too with `confirmed_only`), confirmed links first. Three queries."""
    story = story if isinstance(story, Story) else Story.objects.get(pk=story)
    claims = list(claims_in_story(story=story))
    ids = [c.pk for c in claims]
    links = list(
        links_shown(ClaimLink.objects.filter(source_id__in=ids, target_id__in=ids), confirmed_only=confirmed_only)
    )
    entries = {c.pk: StoryClaim(claim=c) for c in claims}
    for link in links:
        source, target = entries[link.source_id], entries[link.target_id]
        if link.relation == ClaimLink.Relation.CONTRADICTS:
            source.contradicts.append(link.target_id)
            target.contradicted_by.append(link.source_id)
            kinds = ("contradicts", "contradicted_by")
        elif link.relation == ClaimLink.Relation.SUPPORTS:
            source.supports.append(link.target_id)
            target.supports.append(link.source_id)
            kinds = ("supports", "supports")
        else:
            source.same_as.append(link.target_id)
            target.same_as.append(link.source_id)
            kinds = ("same_as", "same_as")
        source.notes.append(StoryNote(kinds[0], link.target_id, link))
        target.notes.append(StoryNote(kinds[1], link.source_id, link))
    by_actor: dict[int | None, list[StoryClaim]] = defaultdict(list)
    for claim in claims:
        by_actor[claim.speaker_id].append(entries[claim.pk])
    actors = [StoryActor(actor=items[0].claim.speaker, claims=items) for items in by_actor.values()]
    actors.sort(key=lambda a: (-len(a.claims), a.actor.name if a.actor else "~"))
    propositions, unlinked = _propositions([entries[c.pk] for c in claims], links)
    return StoryDetail(story=story, actors=actors, links=links, propositions=propositions, unlinked=unlinked)


# Stance groups of a debate, in the order the page sets them side by side.
STANCE_SIDES = (
    ("assert", "Assert", {"asserts", "threatens", "demands"}),
    ("deny", "Deny or dispute", {"denies", "disputes"}),
    ("doubt", "Doubt", {"doubts"}),
)


def _propositions(items: list[StoryClaim], links: list[ClaimLink]) -> tuple[list[Proposition], list[StoryClaim]]:
    """Claims tied by links (any relation) form one proposition: union-find over the links, so an
    accusation, its denial and a doubt about it sit together; untied claims are returned apart."""
    parent = {item.claim.pk: item.claim.pk for item in items}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for link in links:
        parent[root(link.source_id)] = root(link.target_id)
    groups: dict[int, list[StoryClaim]] = defaultdict(list)
    for item in items:  # items come in publication order, so each group does too
        groups[root(item.claim.pk)].append(item)
    propositions, unlinked = [], []
    for members in groups.values():
        if len(members) == 1:
            unlinked.extend(members)
            continue
        sides = []
        for key, label, stances in STANCE_SIDES:
            by_speaker: dict[int | None, list[StoryClaim]] = defaultdict(list)
            for item in members:
                if item.claim.stance in stances:
                    by_speaker[item.claim.speaker_id].append(item)
            speakers = [StoryActor(actor=claims[0].claim.speaker, claims=claims) for claims in by_speaker.values()]
            sides.append(DebateSide(label=label, key=key, speakers=speakers))
        lead = next((m for m in members if m.claim.stance in STANCE_SIDES[0][2]), members[0])
        propositions.append(Proposition(lead=lead, sides=sides, size=len(members)))
    propositions.sort(key=lambda p: -p.size)
    return propositions, unlinked
