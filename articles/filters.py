"""Article filters for the REST API."""

from __future__ import annotations

import django_filters

from articles.models import Article, Outlet


class ArticleFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Article.Status.choices, distinct=False)
    outlet = django_filters.ModelChoiceFilter(queryset=Outlet.objects.all())
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Article
        fields: list[str] = []
