"""Reads on claims, actors and stories, for the UI and the API.

Each list selector returns a QuerySet with its related rows joined, so a page costs a fixed
number of queries whatever its length (locked in tests/claims/test_selectors.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.extraction import normalize_name
from claims.models import Actor, ActorAlias, Claim, ClaimLink, Story

# ts_headline marks matches with these; they cannot occur in article text (clean_text drops
# control characters), so the snippet can be escaped first and marked up after.
_MATCH_START, _MATCH_END = "\x02", "\x03"
ACTOR_SIMILARITY_MIN = 0.3


def _claims() -> QuerySet[Claim]:
    return Claim.objects.visible().select_related("speaker", "via", "article", "article__outlet", "story")


def claims_by_actor(*, actor: Actor | int) -> QuerySet[Claim]:
    """Everything an actor said, newest first."""
    return _claims().by_actor(actor).order_by("-created_at", "-id")


def claims_about(*, actor: Actor | int, speaker: Actor | int | None = None) -> QuerySet[Claim]:
    """Claims naming an actor in their content; with `speaker`, only what that speaker said about it."""
    claims = _claims().about(actor)
    if speaker is not None:
        claims = claims.by_actor(speaker)
    return claims.order_by("-created_at", "-id")


def claims_in_story(*, story: Story | int) -> QuerySet[Claim]:
    """A story's claims in the order they were published."""
    return _claims().in_story(story).order_by(Coalesce("article__published_at", "article__created_at"), "id")


def claims_in_period(*, start: datetime | None = None, end: datetime | None = None) -> QuerySet[Claim]:
    """Claims of articles published in [start, end) (articles without a date count from when they came in)."""
    claims = _claims().annotate(published=Coalesce("article__published_at", "article__created_at"))
    if start is not None:
        claims = claims.filter(published__gte=start)
    if end is not None:
        claims = claims.filter(published__lt=end)
    return claims.order_by("-published", "-id")


def claims_search(*, query: str) -> QuerySet[Claim]:
    """Claims matching a web-style query ("drone -moscow", "\"terrorist act\"", "kremlin or putin"),
    best first. Each claim carries `search_rank` and `search_headline` (see `headline_html`)."""
    search = SearchQuery(query, search_type="websearch", config="english")
    return (
        _claims()
        .filter(search_vector=search)
        .annotate(
            search_rank=SearchRank(F("search_vector"), search),
            search_headline=SearchHeadline(
                "content",
                search,
                config="english",
                start_sel=_MATCH_START,
                stop_sel=_MATCH_END,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-search_rank", "-id")
    )


def headline_html(headline: str) -> SafeString:
    """A search headline as HTML: the text escaped, the matches in <mark>."""
    # Safe: every character of the text was escaped before the marks went in.
    return mark_safe(escape(headline).replace(_MATCH_START, "<mark>").replace(_MATCH_END, "</mark>"))


@dataclass(frozen=True)
class ActorMatch:
    actor: Actor
    similarity: float


def actors_lookup(*, name: str, limit: int = 10) -> list[ActorMatch]:
    """Actors whose name or an alias resembles `name` (typos, accents, partial names), best first.

    Aliases are searched through their trigram index; actor names unaccented on the fly.
    """
    key = normalize_name(name)
    if not key:
        return []
    best_alias = (
        ActorAlias.objects.filter(actor=OuterRef("pk"))
        .annotate(similarity=Greatest(TrigramSimilarity("normalized", key), TrigramWordSimilarity(key, "normalized")))
        .order_by("-similarity")
        .values("similarity")[:1]
    )
    close_aliases = ActorAlias.objects.filter(
        Q(normalized__trigram_similar=key) | Q(normalized__trigram_word_similar=key)
    ).values("actor_id")
    actors = (
        Actor.objects.filter(merged_into__isnull=True)
        .annotate(
            name_similarity=TrigramWordSimilarity(key, Unaccent(Lower("name"))),
            alias_similarity=Coalesce(Subquery(best_alias, output_field=FloatField()), 0.0),
            similarity=Greatest("name_similarity", "alias_similarity"),
        )
        .filter(Q(pk__in=close_aliases) | Q(name_similarity__gte=ACTOR_SIMILARITY_MIN))
        .filter(similarity__gte=ACTOR_SIMILARITY_MIN)
        .order_by("-similarity", "name")[:limit]
    )
    return [ActorMatch(actor=actor, similarity=actor.similarity) for actor in actors]


def actors_contradicting(*, actor: Actor | int) -> QuerySet[Actor]:
    """Actors whose claims contradict this actor's claims (suggested or confirmed, not dismissed),
    with `contradictions` (how many links) and `confirmed` (how many an editor confirmed)."""
    return (
        Actor.objects.filter(
            claims__links_out__relation=ClaimLink.Relation.CONTRADICTS,
            claims__links_out__status__in=[ClaimLink.Status.SUGGESTED, ClaimLink.Status.CONFIRMED],
            claims__links_out__target__speaker=actor,
        )
        .exclude(pk=actor.pk if isinstance(actor, Actor) else actor)
        .annotate(
            contradictions=Count("claims__links_out", distinct=True),
            confirmed=Count(
                "claims__links_out",
                filter=Q(claims__links_out__status=ClaimLink.Status.CONFIRMED),
                distinct=True,
            ),
        )
        .order_by("-contradictions", "name")
    )


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
