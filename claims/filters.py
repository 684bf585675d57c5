"""The claim filters shared by the analyst UI and the REST API, so both filter alike."""

from __future__ import annotations

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet

from articles.models import Outlet
from claims.models import Actor, Claim, Story


class ClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    speaker = django_filters.ModelChoiceFilter(queryset=Actor.objects.all(), label="Speaker")
    about = django_filters.ModelChoiceFilter(
        queryset=Actor.objects.all(), method="filter_about", label="About (an actor named in the content)"
    )
    stance = django_filters.MultipleChoiceFilter(choices=Claim.Stance.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices, distinct=False)
    review_status = django_filters.MultipleChoiceFilter(choices=Claim.ReviewStatus.choices, distinct=False)
    origin = django_filters.ChoiceFilter(choices=Claim.origin.field.choices)
    outlet = django_filters.ModelChoiceFilter(field_name="article__outlet", queryset=Outlet.objects.all())
    article = django_filters.NumberFilter(field_name="article_id")
    story = django_filters.ModelChoiceFilter(queryset=Story.objects.all())
    published_after = django_filters.IsoDateTimeFilter(field_name="article__published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="article__published_at", lookup_expr="lt")
    date_from = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label="Found from")
    date_to = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label="Found until")
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        if not value.strip():
            return queryset
        query = SearchQuery(value, config="english", search_type="websearch")
        return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))

    def filter_about(self, queryset: QuerySet[Claim], name: str, value: Actor) -> QuerySet[Claim]:
        return queryset.filter(entities__actor=value).distinct()
