"""Reads on articles for the REST API and the UI."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from articles.models import Article
from claims.api_selectors import claim_list


def article_list() -> QuerySet[Article]:
    """Articles without their text (lists stay light), with the number of claims found."""
    return Article.objects.select_related("outlet").defer("text").annotate(claim_count=Count("claims"))


def article_detail_list() -> QuerySet[Article]:
    """Articles with their text and their claims, in text order."""
    claims = claim_list().order_by("content_start", "id")
    return (
        Article.objects.select_related("outlet")
        .annotate(claim_count=Count("claims"))
        .prefetch_related(Prefetch("claims", queryset=claims))
    )
