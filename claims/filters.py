"""The claim filters shared by the analyst UI and the REST API, so both filter alike."""

from __future__ import annotations

import re
from decimal import Decimal

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles.models import Outlet
from claims.extraction import normalize_name
from claims.models import Actor, ActorAlias, Claim, ClaimLink, Story
from claims_tracker.filters import RejectEmptyValues, UtcDateTimeFilter


class ClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    speaker = django_filters.ModelChoiceFilter(queryset=Actor.objects.all(), label="Speaker")
    about = django_filters.ModelChoiceFilter(
        queryset=Actor.objects.all(), method="filter_about", label="About (an actor named in the content)"
    )
    stance = django_filters.MultipleChoiceFilter(choices=Claim.Stance.choices, distinct=False)
    kind = django_filters.MultipleChoiceFilter(choices=Claim.Kind.choices, distinct=False)
    # Whole days, both ends included: what a date picker means.
    published_from = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label="Published from"
    )
    published_to = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label="Published until"
    )
    review_status = django_filters.MultipleChoiceFilter(choices=Claim.ReviewStatus.choices, distinct=False)
    origin = django_filters.ChoiceFilter(choices=Claim.origin.field.choices)
    outlet = django_filters.ModelChoiceFilter(field_name="article__outlet", queryset=Outlet.objects.all())
    article = django_filters.NumberFilter(field_name="article_id")
    story = django_filters.ModelChoiceFilter(queryset=Story.objects.all())
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")
    date_from = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label="Found from")
    date_to = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label="Found until")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Claim
        fields: list[str] = []

    # Set while `filter_loosened` applies the filters: quoted phrases are then matched as words.
    _loosen = False

    def filter_search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        """Claims whose words match the query, and claims whose speaker (or relay) goes by a name that
        contains the query's words ("Peskov" finds what Dmitry Peskov said); those rank first."""
        if not value.strip():
            return queryset
        if self._loosen:
            loose = phrase_words(value)
            if loose is not None:
                return queryset.filter(search_vector=SearchQuery(loose, config="english", search_type="websearch"))
        query = SearchQuery(value, config="english", search_type="websearch")
        words = SearchRank(F("search_vector"), query)
        speakers = speakers_named(value)
        if not speakers:
            return queryset.filter(search_vector=query).annotate(rank=words)
        by_speaker = Q(speaker_id__in=speakers) | Q(via_id__in=speakers)
        return queryset.filter(Q(search_vector=query) | by_speaker).annotate(
            rank=words + Case(When(by_speaker, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        )

    def filter_loosened(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        """The bound filters applied again (no query: the form is validated already), a search's
        quoted phrases matched as their words, in any order: a superset of `qs` that the full-text
        index answers without reading each row's word positions (see `phrase_words`)."""
        self._loosen = True
        try:
            return self.filter_queryset(queryset)
        finally:
            self._loosen = False

    @extend_schema_field(OpenApiTypes.INT)
    def filter_about(self, queryset: QuerySet[Claim], name: str, value: Actor) -> QuerySet[Claim]:
        return queryset.filter(entities__actor=value).distinct()


# A query of plain words (no quotes, no -exclusions, no "or"): the only kind matched against names.
_PLAIN_WORDS = re.compile(r"[\w .,'’&-]+")


def speakers_named(query: str) -> list[int]:
    """Ids of the actors with a name or alias containing the query's words as whole words; none for
    a query that is not plain words (web-search syntax searches the words only). One query.

    The ids are read first, not joined as a subquery: "words match OR speaker in (ids)" is then a
    union of index scans, where "OR speaker in (subquery)" reads every claim."""
    key = normalize_name(query)
    if not key or not _PLAIN_WORDS.fullmatch(query) or query.strip().startswith("-") or " or " in f" {key} ":
        return []
    pattern = r"\m" + r"\s+".join(re.escape(word) for word in key.split()) + r"\M"
    # The LIKE narrows through the aliases' trigram index; the regex then asks for whole words.
    aliases = ActorAlias.objects.filter(normalized__contains=key, normalized__regex=pattern)
    return sorted(set(aliases.values_list("actor_id", flat=True)))


# Quoted phrases and plain words only: no -exclusion (a loosened phrase under a "not" would match
# fewer claims, not more) and no "or".
_PHRASE_SEARCH = re.compile(r"[^-]*\"[^-]*")


def phrase_words(query: str) -> str | None:
    """The query with its quotes dropped, for a query of quoted phrases and plain words; else None.

    Every claim matching the query matches the result (a phrase's words, each anywhere), which the
    full-text index answers alone; a phrase is checked against each candidate's word positions in
    the table (about 4 µs a claim), which a page can then do for the rows it shows only."""
    if not _PHRASE_SEARCH.fullmatch(query) or " or " in f" {query.lower()} ":
        return None
    return query.replace('"', " ")


class ClaimApiFilter(RejectEmptyValues, ClaimFilter):
    """The UI's claim filters, with full-text search also under the API's usual name, `search`."""

    search = django_filters.CharFilter(method="filter_search", label="Search (full text, web-search syntax)")


class ActorFilter(RejectEmptyValues):
    search = django_filters.CharFilter(method="filter_name", label="Name or alias contains")
    kind = django_filters.MultipleChoiceFilter(choices=Actor.Kind.choices, distinct=False)
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(aliases__name__icontains=value)).distinct()


class StoryFilter(RejectEmptyValues):
    search = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Story
        fields: list[str] = []


class ClaimLinkFilter(RejectEmptyValues):
    claim = django_filters.NumberFilter(method="filter_claim", label="Links from or to this claim")
    relation = django_filters.MultipleChoiceFilter(choices=ClaimLink.Relation.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(choices=ClaimLink.Status.choices, distinct=False)
    origin = django_filters.ChoiceFilter(choices=ClaimLink.origin.field.choices)
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = ClaimLink
        fields: list[str] = []

    def filter_claim(self, queryset: QuerySet[ClaimLink], name: str, value: Decimal) -> QuerySet[ClaimLink]:
        return queryset.filter(Q(source_id=value) | Q(target_id=value))
