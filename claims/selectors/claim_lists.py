"""Lists of claims: by actor, about an actor, in a story or a period, searched, and the claim
list page's filters, sorts and choices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from articles.models import list_deferred
from claims.extraction import normalize_name
from claims.filters import ClaimFilter, phrase_words
from claims.models import Actor, ActorAlias, Claim, ClaimQuerySet, Story
from claims.pagination import COUNT_CAP, capped_count
from claims.selectors.headlines import MATCH_END, MATCH_START


def _claims() -> ClaimQuerySet:
    return (
        Claim.objects.visible()
        .select_related("speaker", "via", "article", "article__outlet", "story")
        .defer(*list_deferred("article__"), "search_vector")
    )


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
    """A story's claims in the order they were published (claims of undated articles last)."""
    return _claims().in_story(story).order_by(F("published_at").asc(nulls_last=True), "id")


def claims_in_period(*, start: datetime | None = None, end: datetime | None = None) -> QuerySet[Claim]:
    """Claims of articles published in [start, end); an article with no date is in no period (it is
    never dated by when it came in)."""
    claims = _claims().annotate(published=F("published_at"))
    if start is not None:
        claims = claims.filter(published__gte=start)
    if end is not None:
        claims = claims.filter(published__lt=end)
    return claims.order_by(F("published").desc(nulls_last=True), "-id")


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
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-search_rank", "-id")
    )


CLAIM_SORTS: dict[str, tuple[str, list[Any]]] = {
    # The claim's copy of its article's date (Claim.published_at): sorted without joining articles.
    "newest": ("Newest article first", [F("published_at").desc(nulls_last=True), "-id"]),
    "oldest": ("Oldest article first", [F("published_at").asc(nulls_last=True), "id"]),
    "found": ("Recently found", ["-created_at", "-id"]),
    "speaker": ("Speaker A–Z", [F("speaker__name").asc(nulls_last=True), "-id"]),
    "confidence": ("Highest confidence", ["-confidence", "-id"]),
    "relevance": ("Best match (with a search)", ["-rank", "-id"]),
}


DEFAULT_CLAIM_SORT = "newest"


def search_query(text: str) -> SearchQuery:
    return SearchQuery(text, config="english", search_type="websearch")


LIST_RELATED = ("speaker", "via", "story", "article__outlet")


def claim_list_base() -> QuerySet[Claim]:
    """Claims with what a list row shows, without the (long) article text."""
    return Claim.objects.select_related(*LIST_RELATED).defer(*list_deferred("article__"), "search_vector")


# Ranking reads every match (its rank is computed from its words): beyond this many matches a
# search is shown newest first, which an index answers, and says so.
RANKED_MATCHES_MAX = COUNT_CAP


@dataclass
class ClaimSelection:
    filterset: ClaimFilter
    queryset: QuerySet[Claim]
    search: str
    sort: str
    count: int | None = None  # the capped count (see CappedCountPaginator), when it was needed already
    unranked: bool = False  # a best-match search with too many matches to rank: shown newest first
    unnamed: str = ""  # a speaker or story named in the form that names none, or several
    # rows(offset, limit): a page of `queryset` by a cheaper query, for a phrase search (see
    # _phrase_pages); None: slice the queryset.
    rows: Callable[[int, int], QuerySet[Claim]] | None = None


# The claim list's form names its speaker and story in text fields (with suggestions as one types)
# instead of offering hundreds of options on every page. The text decides when the form sends it;
# the id (from a link, or set by the suggestions) picks among actors or stories of that name.
NAMED_FILTERS = {"speaker": "speaker_name", "story": "story_title"}


def _speakers_called(name: str) -> list[int]:
    """Actors going by this name: their name, or an alias of the same normalized spelling."""
    key = normalize_name(name)
    if not key:
        return []
    aliased = ActorAlias.objects.filter(normalized=key).values("actor_id")
    actors = Actor.objects.filter(Q(pk__in=aliased) | Q(name__iexact=name.strip()), merged_into__isnull=True)
    return list(actors.order_by("id").values_list("id", flat=True))


def _stories_called(title: str) -> list[int]:
    return list(
        Story.objects.filter(title__iexact=title.strip()).order_by("-last_seen_at", "-id").values_list("id", flat=True)
    )


def resolve_named_filters(params: QueryDict) -> tuple[QueryDict, str]:
    """The form's speaker name and story title turned into the ids the filters take, and what did
    not name exactly one (the selection is then empty: a filter is never quietly dropped).
    One query per name sent; none for links, which carry ids."""
    resolved = params.copy()
    problems = []
    for field, text_field in NAMED_FILTERS.items():
        if text_field not in params:
            continue
        text = resolved.pop(text_field)[-1].strip()
        chosen = params.get(field, "")
        if not text:
            resolved.pop(field, None)
            continue
        matches = _speakers_called(text) if field == "speaker" else _stories_called(text)
        if chosen.isdigit() and int(chosen) in matches:
            continue
        if len(matches) == 1 or (field == "story" and matches):  # the latest story of that title
            resolved[field] = str(matches[0])
        else:
            resolved.pop(field, None)
            label = "speaker named" if field == "speaker" else "story titled"
            problems.append(
                f"No {label} “{text}”."
                if not matches
                else f"Several actors are named “{text}”: pick one from the suggestions."
            )
    return resolved, " ".join(problems)


def claim_selection(*, params: Any, headlines: bool = True) -> ClaimSelection:
    """The claims a filter form (a QueryDict) selects, sorted, with search headlines when searching
    (exports, which carry the whole content, skip them).

    Rejected claims are left out unless the review-status filter asks for them. A search sorted by
    best match with more than RANKED_MATCHES_MAX matches is sorted newest first instead (`unranked`).
    """
    params, unnamed = resolve_named_filters(params)
    filterset = ClaimFilter(params, queryset=claim_list_base())
    queryset = filterset.qs
    if unnamed:
        queryset = queryset.none()
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    if not cleaned.get("review_status"):
        queryset = queryset.visible()
    search = (cleaned.get("q") or "").strip()
    sort = params.get("sort") or ("relevance" if search else DEFAULT_CLAIM_SORT)
    if sort not in CLAIM_SORTS or (sort == "relevance" and not search):
        sort = DEFAULT_CLAIM_SORT
    count, unranked = None, False
    if sort == "relevance":
        count = capped_count(queryset)
        if count > RANKED_MATCHES_MAX:
            sort, unranked = DEFAULT_CLAIM_SORT, True
    ordering = CLAIM_SORTS[sort][1]
    rows = None
    if search and sort != "relevance" and not unnamed and phrase_words(search) is not None:
        walk = filterset.filter_loosened(claim_list_base())
        if not cleaned.get("review_status"):
            walk = cast(ClaimQuerySet, walk).visible()
        rows = _phrase_pages(walk.order_by(*ordering), _with_headlines(claim_list_base(), search, headlines), search)
    queryset = _with_headlines(queryset, search, headlines)
    return ClaimSelection(filterset, queryset.order_by(*ordering), search, sort, count, unranked, unnamed, rows)


def _with_headlines(queryset: QuerySet[Claim], search: str, headlines: bool) -> QuerySet[Claim]:
    if not (search and headlines):
        return queryset
    return queryset.annotate(
        headline=SearchHeadline(
            "content",
            search_query(search),
            config="english",
            start_sel=MATCH_START,
            stop_sel=MATCH_END,
            highlight_all=True,
        )
    )


def _phrase_pages(walk: QuerySet[Claim], shown: QuerySet[Claim], search: str) -> Callable[[int, int], QuerySet[Claim]]:
    """Pages of a phrase search that check the phrase on the rows walked for the page only.

    PostgreSQL checks a phrase against every candidate's word positions before sorting (17,959
    claims for the newest 50 of "power plant"). `walk` (the same filters, phrases loosened to their
    words: a superset the index answers exactly) is sorted in the page's order, and the phrase is
    checked on its rows in that order until the page is full: the same rows, in the same order. The
    sort carries only ids and words; the page's 50 claims are then read with what a row shows."""
    sql, params = walk.values_list("pk", "search_vector").query.sql_with_params()

    def rows(offset: int, limit: int) -> QuerySet[Claim]:
        # OFFSET 0 keeps PostgreSQL from moving the phrase's check below the sort.
        ids = RawSQL(
            f"SELECT walked.pk FROM ({sql} OFFSET 0) walked"
            " WHERE walked.search_vector @@ websearch_to_tsquery('english'::regconfig, %s)"
            f" LIMIT {int(limit)} OFFSET {int(offset)}",
            (*params, search),
        )
        return shown.filter(pk__in=ids).order_by(*walk.query.order_by)

    return rows


def story_choices(*, selected: Story | None = None, limit: int = 200) -> list[tuple[int, str]]:
    recent = list(Story.objects.order_by("-last_seen_at", "-id").values_list("id", "title")[:limit])
    if selected is not None and selected.pk not in {pk for pk, _ in recent}:
        recent.append((selected.pk, selected.title))
    return recent


SUGGESTIONS = 12


def story_suggestions(*, query: str) -> list[dict[str, object]]:
    """Stories whose title contains the typed words, most recently active first."""
    query = query.strip()
    if len(query) < 2:
        return []
    stories = Story.objects.filter(title__icontains=query).order_by("-last_seen_at", "-id")
    return [{"id": pk, "name": title} for pk, title in stories.values_list("id", "title")[:SUGGESTIONS]]
