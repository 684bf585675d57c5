"""The dashboard's counts and short lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from articles.models import Article, list_deferred
from claims.models import Actor, Claim, ClaimLink, Story


@dataclass
class Dashboard:
    articles_by_status: dict[str, int]
    articles_total: int
    claims: int
    actors: int
    stories: int
    recent_articles: list[Article]
    top_actors: list[Actor]
    contradictions: list[ClaimLink]


def dashboard_summary(*, recent: int = 8, top: int = 10) -> Dashboard:
    by_status = Article.objects.aggregate(
        **{status: Count("id", filter=Q(status=status)) for status in Article.Status.values}
    )
    claims = Claim.objects.visible().count()
    actors = Actor.objects.filter(merged_into__isnull=True).count()
    stories = Story.objects.count()
    recent_articles = list(
        Article.objects.select_related("outlet")
        .defer(*list_deferred())
        .annotate(claim_count=Count("claims"))
        .order_by("-created_at", "-id")[:recent]
    )
    top_actors: list[Actor] = list(
        Actor.objects.filter(merged_into__isnull=True)
        .annotate(claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED)))
        .filter(claim_count__gt=0)
        .order_by("-claim_count", "name")[:top]
    )
    contradictions = list(
        ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS)
        .exclude(status=ClaimLink.Status.DISMISSED)
        .select_related("source__speaker", "target__speaker")
        .defer("source__search_vector", "target__search_vector")
        .order_by("-created_at", "-id")[:recent]
    )
    return Dashboard(
        articles_by_status=by_status,
        articles_total=sum(by_status.values()),
        claims=claims,
        actors=actors,
        stories=stories,
        recent_articles=recent_articles,
        top_actors=top_actors,
        contradictions=contradictions,
    )
