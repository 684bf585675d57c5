"""Reads on stories: the recent ones, and one story's speakers, claims and links."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Count, F, Func, Q, QuerySet
from django.utils import timezone

from claims.models import Actor, Claim, ClaimLink, Story
from claims.selectors.claim_lists import claims_in_story
from claims.selectors.links import links_shown
from claims.selectors.timeline import (
    DayChart,
    PairChart,
    ShareChart,
    contradiction_pairs_named,
    day_chart,
    stance_chart,
)


def stories_recent() -> QuerySet[Story]:
    """Stories, latest first, with how many claims and speakers each has."""
    return Story.objects.annotate(
        claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED), distinct=True),
        actor_count=Count("claims__speaker", distinct=True),
    ).order_by(F("last_seen_at").desc(nulls_last=True), "-id")


class StoryLink(NamedTuple):
    """A link among a story's claims as its page reads it: a row, not a model instance (a big story
    has hundreds of links, and building a ClaimLink costs ten times a tuple)."""

    pk: int
    source_id: int
    target_id: int
    relation: str
    status: str
    score: float | None


@dataclass(frozen=True)
class StoryNote:
    """One link of a story's claim as the page words it: "contradicts", "contradicted_by", "supports"
    or "same_as" the `other_id` claim, through `link` (its status says confirmed or suggested)."""

    kind: str
    other_id: int
    link: StoryLink
    settled_elsewhere: bool = False  # its Confirm and Dismiss are with its source, shown on the same page


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
    count: int = 0  # the speaker's claims in the story, shown or not

    @property
    def is_cut(self) -> bool:
        return self.count > len(self.claims)


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
    """One page of a story: every count and chart is over the whole story; the claims shown are a
    page of its propositions (largest first) and a page of its speakers (most claims first), each
    speaker with their latest claims."""

    story: Story
    claim_count: int
    links: list[StoryLink]  # every link shown among the story's claims
    actors: list[StoryActor]  # the page's speakers
    propositions: list[Proposition]  # the page's propositions
    speaker_page: Page[list[_Row]]  # each speaker's claims, latest first
    proposition_page: Page[list[int]]  # of claim ids
    contested: dict[str, int]  # claims in a confirmed contradiction, and in suggested ones only
    claims_by_id: dict[int, Claim]  # the claims shown and those on the other end of their links
    per_day: DayChart
    stances: ShareChart
    pairs: PairChart  # who contradicts whom
    speakers_deferred: bool = False  # a debated story's speakers' claims, left for when they are asked for

    @property
    def speaker_count(self) -> int:
        return self.speaker_page.paginator.count


STORY_SPEAKERS_PER_PAGE = 10
STORY_CLAIMS_PER_SPEAKER = 3
STORY_PROPOSITIONS_PER_PAGE = 5


class _Row(NamedTuple):
    """A story's claim as its page counts it, without its text (a tuple: a big story has thousands)."""

    id: int
    speaker_id: int | None
    label: str  # who said it, as the charts name them
    stance: str
    day: dt.date | None
    rank: int  # its place from the newest: dated claims newest first, then undated ones, newest id first

    @property
    def order(self) -> tuple[bool, int]:  # publication order (the oldest first), undated last
        return (self.day is None, -self.rank)


class _AnyOf(Func):
    """`column = ANY(ARRAY(subquery))`: the subquery's rows become an array the column is looked up
    with, one index probe each (IN (subquery) is planned as a join)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()


def story_detail(
    *,
    story: Story | int,
    confirmed_only: bool = False,
    speakers_page: Any = 1,
    debate_page: Any = 1,
    debate: bool = True,
    defer_speakers: bool = False,
) -> StoryDetail:
    """A page of a story's claims, with their links (dismissed suggestions left out; suggestions too
    with `confirmed_only`), confirmed links first: the propositions of `debate_page`, the speakers
    of `speakers_page` with their latest STORY_CLAIMS_PER_SPEAKER claims, and the claims on the
    other end of their links; with the charts over the whole story.

    `debate=False` leaves the propositions out; `defer_speakers` leaves the speakers' claims out when
    the story has propositions to show first (its page then loads them only when a reader asks).

    Three queries whatever the story's size: its visible claims without their text (counts, charts,
    who is on which page), the links among them, and the claims shown."""
    story = story if isinstance(story, Story) else Story.objects.get(pk=story)
    tz = timezone.get_current_timezone()  # days as claims_per_day's TruncDate counts them
    days: dict[dt.datetime | None, dt.date | None] = {None: None}  # a date once per article, not per claim
    rows = {}
    by_speaker: dict[int | None, list[_Row]] = defaultdict(list)  # each speaker's claims, the latest first
    for rank, (pk, speaker_id, name, mention, stance, when) in enumerate(
        Claim.objects.visible()
        .in_story(story)
        .order_by(F("published_at").desc(nulls_last=True), "-id")
        .values_list("id", "speaker_id", "speaker__name", "speaker_mention", "stance", "published_at")
    ):
        if when is not None and when not in days:
            days[when] = when.astimezone(tz).date()
        row = rows[pk] = _Row(pk, speaker_id, name or mention or "Unknown", stance, days[when], rank)
        by_speaker[speaker_id].append(row)
    # "source = ANY(ARRAY(the story's claim ids))": PostgreSQL then looks each claim's links up in
    # the index on the source; given "IN (2,758 ids)" or a join it read every link (30 ms, not 2).
    story_links = ClaimLink.objects.filter(
        _AnyOf(F("source_id"), Claim.objects.in_story(story).order_by().values("id"))
    )
    links = [
        StoryLink(*row)
        for row in links_shown(story_links, confirmed_only=confirmed_only).values_list(
            "id", "source_id", "target_id", "relation", "status", "score"
        )
        if row[1] in rows and row[2] in rows
    ]
    speakers = sorted(
        by_speaker.values(), key=lambda claims: (-len(claims), claims[0].speaker_id is None, claims[0].label)
    )
    speaker_page = Paginator(speakers, STORY_SPEAKERS_PER_PAGE).get_page(speakers_page)
    proposition_page = Paginator(_linked_groups(links), STORY_PROPOSITIONS_PER_PAGE).get_page(debate_page)
    speakers_deferred = defer_speakers and proposition_page.paginator.count > 0

    shown: set[int] = set()
    if not speakers_deferred:
        shown |= {row.id for claims in speaker_page for row in claims[:STORY_CLAIMS_PER_SPEAKER]}
    if debate:
        shown |= {pk for group in proposition_page for pk in group}
    wanted = set(shown)
    for link in links:  # a shown claim's links name the claim on their other end
        if link.source_id in shown:
            wanted.add(link.target_id)
        if link.target_id in shown:
            wanted.add(link.source_id)
    loaded = {claim.pk: claim for claim in claims_in_story(story=story).filter(pk__in=wanted)}

    entries = {pk: StoryClaim(claim=claim) for pk, claim in loaded.items()}
    for link in links:
        source, target = entries.get(link.source_id), entries.get(link.target_id)
        if source is None or target is None:
            continue
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
        target.notes.append(StoryNote(kinds[1], link.source_id, link, settled_elsewhere=link.source_id in shown))

    actors = []
    for claims in [] if speakers_deferred else speaker_page:
        items = [entries[row.id] for row in sorted(claims[:STORY_CLAIMS_PER_SPEAKER], key=lambda row: row.order)]
        actors.append(StoryActor(actor=items[0].claim.speaker, claims=items, count=len(claims)))
    propositions = [
        _proposition([entries[pk] for pk in sorted(group, key=lambda pk: rows[pk].order)])
        for group in (proposition_page if debate else [])
    ]
    return StoryDetail(
        story=story,
        claim_count=len(rows),
        links=links,
        actors=actors,
        propositions=propositions,
        speaker_page=speaker_page,
        proposition_page=proposition_page,
        contested=_contested(links),
        claims_by_id=loaded,
        per_day=day_chart(rows=((row.day, 1) for row in rows.values())),
        stances=stance_chart(counts=Counter(row.stance for row in rows.values())),
        pairs=contradiction_pairs_named(links=links, speakers={pk: row.label for pk, row in rows.items()}),
        speakers_deferred=speakers_deferred,
    )


def _contested(links: list[StoryLink]) -> dict[str, int]:
    """How many claims a confirmed contradiction ties, and how many only suggested ones."""
    confirmed: set[int] = set()
    any_kind: set[int] = set()
    for link in links:
        if link.relation == ClaimLink.Relation.CONTRADICTS:
            any_kind |= {link.source_id, link.target_id}
            if link.status == ClaimLink.Status.CONFIRMED:
                confirmed |= {link.source_id, link.target_id}
    return {"confirmed": len(confirmed), "suggested": len(any_kind - confirmed)}


# Stance groups of a debate, in the order the page sets them side by side.
STANCE_SIDES = (
    ("assert", "Assert", {"asserts", "threatens", "demands"}),
    ("deny", "Deny or dispute", {"denies", "disputes"}),
    ("doubt", "Doubt", {"doubts"}),
)


def _linked_groups(links: list[StoryLink]) -> list[list[int]]:
    """Claims tied by links (any relation) form one proposition: union-find over the links, so an
    accusation, its denial and a doubt about it sit together. The groups' claim ids, largest first
    (then the one holding the oldest claim id)."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        parent.setdefault(pk, pk)
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for link in links:
        parent[root(link.source_id)] = root(link.target_id)
    groups: dict[int, list[int]] = defaultdict(list)
    for pk in sorted(parent):
        groups[root(pk)].append(pk)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _proposition(members: list[StoryClaim]) -> Proposition:
    """One proposition's claims (in publication order) set out by stance group and speaker."""
    sides = []
    for key, label, stances in STANCE_SIDES:
        by_speaker: dict[int | None, list[StoryClaim]] = defaultdict(list)
        for item in members:
            if item.claim.stance in stances:
                by_speaker[item.claim.speaker_id].append(item)
        speakers = [StoryActor(actor=claims[0].claim.speaker, claims=claims) for claims in by_speaker.values()]
        sides.append(DebateSide(label=label, key=key, speakers=speakers))
    lead = next((m for m in members if m.claim.stance in STANCE_SIDES[0][2]), members[0])
    return Proposition(lead=lead, sides=sides, size=len(members))
