"""Reads shaped for the REST API: each returns a queryset whose rows serialize in a fixed number of
queries, whatever the page size."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from claims.models import Actor, ActorAlias, Claim, ClaimEntity, ClaimLink, Story


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("speaker", "via").prefetch_related(
        Prefetch("entities", queryset=ClaimEntity.objects.order_by("start", "id"))
    )


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.select_related("speaks_for").prefetch_related(
        Prefetch("aliases", queryset=ActorAlias.objects.order_by("name", "id"))
    )


def story_list() -> QuerySet[Story]:
    return Story.objects.annotate(claim_count=Count("claims"))


def claim_link_list() -> QuerySet[ClaimLink]:
    return ClaimLink.objects.all()
