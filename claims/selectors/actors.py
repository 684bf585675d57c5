"""Reads on actors: fuzzy lookup by name, the actor list, whom an actor names and contradicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import Count, Exists, FloatField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest, Lower

from claims.extraction import normalize_name
from claims.models import Actor, ActorAlias, ActorContradiction, ActorMention, Claim, ClaimLink

ACTOR_SIMILARITY_MIN = 0.3


@dataclass(frozen=True)
class ActorMatch:
    actor: Actor
    similarity: float


def actors_lookup(*, name: str, limit: int = 10) -> list[ActorMatch]:
    """Actors whose name or an alias resembles `name` (typos, accents, partial names), best first."""
    key = normalize_name(name)
    if not key:
        return []
    actors = _resembling(Actor.objects.filter(merged_into__isnull=True), key).order_by("-similarity", "name")[:limit]
    return [ActorMatch(actor=actor, similarity=actor.similarity) for actor in actors]  # type: ignore[attr-defined]


def _resembling(actors: QuerySet[Actor], key: str) -> QuerySet[Actor]:
    """The actors whose name or an alias resembles the normalized name `key`, with their `similarity`.

    Aliases are searched through their trigram index; actor names unaccented on the fly.
    """
    best_alias = (
        ActorAlias.objects.filter(actor=OuterRef("pk"))
        .annotate(similarity=Greatest(TrigramSimilarity("normalized", key), TrigramWordSimilarity(key, "normalized")))
        .order_by("-similarity")
        .values("similarity")[:1]
    )
    close_aliases = ActorAlias.objects.filter(
        Q(normalized__trigram_similar=key) | Q(normalized__trigram_word_similar=key)
    ).values("actor_id")
    return (
        actors.annotate(
            name_similarity=TrigramWordSimilarity(key, Unaccent(Lower("name"))),
            alias_similarity=Coalesce(Subquery(best_alias, output_field=FloatField()), 0.0),
            similarity=Greatest("name_similarity", "alias_similarity"),
        )
        .filter(Q(pk__in=close_aliases) | Q(name_similarity__gte=ACTOR_SIMILARITY_MIN))
        .filter(similarity__gte=ACTOR_SIMILARITY_MIN)
    )


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


def actor_list(*, query: str = "") -> QuerySet[Actor]:
    """Actors (merged ones left out) with their claim counts, most quoted first; a query keeps the
    actors whose name or an alias resembles it (see actors_lookup), best match first."""
    actors = (
        Actor.objects.filter(merged_into__isnull=True)
        .annotate(claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED)))
        .prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("name")))
    )
    key = normalize_name(query)
    if not key:
        return actors.order_by("-claim_count", "name")
    # A name or alias equal to the query comes first, however well a longer name scores on trigrams.
    exact = Exists(ActorAlias.objects.filter(actor=OuterRef("pk"), normalized=key))
    return _resembling(actors, key).annotate(exact=exact).order_by("-exact", "-similarity", "-claim_count", "name")


def actor_said_about(*, actor: Actor, limit: int = 30) -> list[dict[str, Any]]:
    """Whom the actor's visible claims name, with how many claims name each, from its summary
    (claims.models.ActorMention). One query."""
    rows = (
        ActorMention.objects.filter(actor=actor, claims__gt=0)
        .exclude(named=actor)
        .order_by("-claims", "named__name")
        .values_list("named_id", "named__name", "claims")[:limit]
    )
    return [{"actor_id": pk, "actor__name": name, "claims": claims} for pk, name, claims in rows]


def actor_contradicted_by(*, actor: Actor, limit: int = 30) -> list[dict[str, Any]]:
    """Other speakers in contradiction with the actor, counting links in either direction (dismissed
    ones left out): unlike actors_contradicting, a later claim of this actor that contradicts an
    earlier claim of theirs counts too. Each row counts `confirmed` and `suggested` links apart
    (`count` is both); rows with confirmed contradictions come first, the first `limit` of them (a
    much-quoted actor of a large corpus is in contradiction with over a thousand). From the actor's
    summary (claims.models.ActorContradiction): one query."""
    rows = (
        ActorContradiction.objects.filter(actor=actor, links__gt=0)
        .values("other_id", "other__name")
        .annotate(
            confirmed=Sum("links", filter=Q(status=ClaimLink.Status.CONFIRMED), default=0),
            suggested=Sum("links", filter=Q(status=ClaimLink.Status.SUGGESTED), default=0),
        )
        .order_by("-confirmed", "-suggested", "other__name")[:limit]
    )
    return [
        {
            "actor_id": row["other_id"],
            "name": row["other__name"],
            "confirmed": row["confirmed"],
            "suggested": row["suggested"],
            "count": row["confirmed"] + row["suggested"],
        }
        for row in rows
    ]
