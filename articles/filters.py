"""Article filters for the REST API."""

from __future__ import annotations

import django_filters

from articles.models import Article, Outlet
from claims_tracker.filters import RejectEmptyValues, UtcDateTimeFilter


class ArticleFilter(RejectEmptyValues):
    status = django_filters.MultipleChoiceFilter(choices=Article.Status.choices, distinct=False)
    outlet = django_filters.ModelChoiceFilter(queryset=Outlet.objects.all())
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Article
        fields: list[str] = []
