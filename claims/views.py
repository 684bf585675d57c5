"""Analyst pages on claims, actors and stories; thin over claims.selectors."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from claims import selectors
from claims.models import Actor, Claim, Story
from claims.pagination import COUNT_CAP, CappedCountPaginator
from claims.selectors.editor import actor_autocomplete
from claims.streaming import claims_csv, claims_json
from claims_tracker.access import ui_export, ui_read, user_may_export

CLAIMS_PER_PAGE = 50
# The filters the claim list's form shows (besides search and sort): the box of filters opens when one is set.
SHOWN_FILTERS = (
    "speaker",
    "speaker_name",
    "story_title",
    "about",
    "stance",
    "kind",
    "review_status",
    "outlet",
    "story",
    "published_from",
    "published_to",
)
# Filters a link may carry that the form has no control for: kept as hidden fields so applying the form keeps them.
CARRIED_FILTERS = ("article", "origin", "date_from", "date_to", "published_after", "published_before", "updated_since")
ACTORS_PER_PAGE = 50
STORIES_PER_PAGE = 30


@ui_read
def dashboard(request: HttpRequest) -> HttpResponse:
    visible = Claim.objects.visible()
    return render(
        request,
        "claims/dashboard.html",
        {
            "summary": selectors.dashboard_summary(),
            "per_day": selectors.claims_per_day(claims=visible),
            "stances": selectors.stance_mix(claims=visible),
            "pairs": selectors.contradiction_pairs_overall(),
        },
    )


@ui_read
def claim_list(request: HttpRequest) -> HttpResponse:
    selection = selectors.claim_selection(params=request.GET)
    paginator = CappedCountPaginator(selection.queryset, CLAIMS_PER_PAGE, count=selection.count, rows=selection.rows)
    page = paginator.get_page(request.GET.get("page"))
    cleaned = selection.filterset.form.cleaned_data
    return render(
        request,
        "claims/claim_list.html",
        {
            "selection": selection,
            "count_cap": f"{COUNT_CAP:,}",
            "form": selection.filterset.form,
            "page": page,
            "sorts": [(key, label) for key, (label, _) in selectors.CLAIM_SORTS.items()],
            "speaker": cleaned.get("speaker"),
            "story": cleaned.get("story"),
            "outlets": selection.filterset.filters["outlet"].queryset.order_by("name"),
            "about": cleaned.get("about"),
            "stances": Claim.Stance.choices,
            "kinds": Claim.Kind.choices,
            "review_statuses": Claim.ReviewStatus.choices,
            "checked": {name: set(request.GET.getlist(name)) for name in ("stance", "kind", "review_status")},
            "export_query": _without_page(request),
            "may_export": user_may_export(request.user),
            "filtering": any(request.GET.get(name) for name in SHOWN_FILTERS),
            "carried": [(name, value) for name in CARRIED_FILTERS for value in request.GET.getlist(name) if value],
        },
    )


@ui_read
def speaker_suggestions(request: HttpRequest) -> JsonResponse:
    """Suggestions for the claim list's speaker field: {"results": [{"id", "name", "kind"}]}."""
    return JsonResponse({"results": actor_autocomplete(query=request.GET.get("q", "")[:200])})


@ui_read
def story_suggestions(request: HttpRequest) -> JsonResponse:
    """Suggestions for the claim list's story field: {"results": [{"id", "name"}]}."""
    return JsonResponse({"results": selectors.story_suggestions(query=request.GET.get("q", "")[:200])})


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _export(
    request: HttpRequest, rows: Callable[[QuerySet[Claim]], Iterator[str]], content_type: str, extension: str
) -> StreamingHttpResponse:
    selection = selectors.claim_selection(params=request.GET, headlines=False)
    response = StreamingHttpResponse(rows(selection.queryset), content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.{extension}"'
    return response


@ui_export
def claim_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _export(request, claims_csv, "text/csv; charset=utf-8", "csv")


@ui_export
def claim_export_json(request: HttpRequest) -> StreamingHttpResponse:
    return _export(request, claims_json, "application/json", "json")


@ui_read
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(selectors.claim_detail_queryset(), pk=pk)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "context": selectors.claim_in_context(claim=claim, text=claim.article.text),
            "relations": selectors.claim_relations(claim=claim, confirmed_only=_confirmed_only(request)),
            "confirmed_only": _confirmed_only(request),
            "siblings": selectors.claim_story_siblings(claim=claim),
            "revisions": selectors.claim_revisions(claim=claim),
        },
    )


@ui_read
def actor_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(selectors.actor_list(query=query), ACTORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "claims/actor_list.html", {"page": page, "query": query})


# The actors in contradiction with one that an actor page lists, those with the most links first.
CONTRADICTORS_SHOWN = 30


@ui_read
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("merged_into", "speaks_for"), pk=pk)
    if actor.merged_into is not None:
        # A merged actor has no claims of its own any more: lead to the one it lives on as.
        messages.info(request, f"{actor.name} was merged into {actor.merged_into.name}; here is that actor.")
        return redirect("actor-detail", pk=actor.merged_into_id)
    recent = selectors.claims_by_actor(actor=actor)
    stances = selectors.actor_stance_mix(actor=actor)
    # One more than shown: whether the page says the list is cut.
    contradictors = selectors.actor_contradicted_by(actor=actor, limit=CONTRADICTORS_SHOWN + 1)
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor,
            "aliases": actor.aliases.exclude(name=actor.name).order_by("name"),
            "spokespeople": actor.spokespeople.filter(merged_into__isnull=True).order_by("name"),
            "claim_count": stances.total,
            "timeline": selectors.actor_timeline(actor=actor),
            "stances": stances,
            "said_about": selectors.actor_said_about(actor=actor),
            "contradictors": contradictors[:CONTRADICTORS_SHOWN],
            "more_contradictors": len(contradictors) > CONTRADICTORS_SHOWN,
            "recent_claims": recent[:20],
        },
    )


@ui_read
def story_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.stories_recent(), STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "claims/story_list.html", {"page": page})


@ui_read
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    confirmed_only = _confirmed_only(request)
    # A debated story opens on its debate; its speakers' section is loaded when opened, unless a
    # page of it is asked for (`?speakers=`).
    detail = selectors.story_detail(
        story=story,
        confirmed_only=confirmed_only,
        speakers_page=request.GET.get("speakers"),
        debate_page=request.GET.get("debate"),
        defer_speakers="speakers" not in request.GET,
    )
    return render(
        request,
        "claims/story_detail.html",
        {
            "story": story,
            "detail": detail,
            "confirmed_only": confirmed_only,
            "claims_by_id": detail.claims_by_id,
            "per_day": detail.per_day,
            "stances": detail.stances,
            "pairs": detail.pairs,
            "contested": detail.contested,
        },
    )


@ui_read
def story_speakers(request: HttpRequest, pk: int) -> HttpResponse:
    """The story page's section "Every claim, by speaker", alone: what the page loads when a
    reader opens it. Visited directly (not by htmx), it is the story page with the section open."""
    story = get_object_or_404(Story, pk=pk)
    if request.headers.get("HX-Request") != "true":
        query = request.GET.copy()
        query.setdefault("speakers", "1")
        return redirect(f"{reverse('story-detail', args=[story.pk])}?{query.urlencode()}#speakers")
    detail = selectors.story_detail(
        story=story, confirmed_only=_confirmed_only(request), speakers_page=request.GET.get("speakers"), debate=False
    )
    return render(
        request,
        "claims/_story_speakers.html",
        {"story": story, "detail": detail, "claims_by_id": detail.claims_by_id},
    )


def _confirmed_only(request: HttpRequest) -> bool:
    """`?links=confirmed`: leave the machine's unchecked suggestions out of a page."""
    return request.GET.get("links") == "confirmed"
