"""The editors' review queue pages: the queue with bulk verify/reject, one claim at a time with next
and previous (and keyboard shortcuts, static/claims/review.js), and an editor's own edits.
Thin over claims.selectors.review and claims.review."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import selectors
from claims.editing import EditError
from claims.editor_forms import RejectForm
from claims.editor_views import _require_editor, editor_page
from claims.models import Claim
from claims.pagination import CappedCountPaginator
from claims.review import claims_review_bulk
from claims.selectors import review as queue_selectors
from claims.selectors.review import QUEUE_FILTERS, REVIEW_ORDERS

QUEUE_PAGE = 50
MY_EDITS_PAGE = 50


def _queue_query(params: QueryDict) -> str:
    """The queue's own parameters (filters and order), carried from page to page."""
    kept = QueryDict(mutable=True)
    for name in (*QUEUE_FILTERS, "order"):
        for value in params.getlist(name):
            if value:
                kept.appendlist(name, value)
    return kept.urlencode()


def _review_url(pk: int | None, query: str) -> str | None:
    if pk is None:
        return None
    return reverse("review-claim", args=[pk]) + (f"?{query}" if query else "")


@editor_page
def review_queue(request: HttpRequest) -> HttpResponse:
    queue = queue_selectors.review_queue(params=request.GET)
    page = CappedCountPaginator(queue.queryset, QUEUE_PAGE).get_page(request.GET.get("page"))
    query = _queue_query(request.GET)
    first = page.object_list[0].pk if page.object_list else None
    return render(
        request,
        "claims/review/queue.html",
        {
            "queue": queue,
            "page": page,
            "query": query,
            "orders": [(key, label) for key, (label, _) in REVIEW_ORDERS.items()],
            "stories": selectors.story_choices(selected=queue.filterset.form.cleaned_data.get("story")),
            "start_url": _review_url(first, query),
        },
    )


@editor_page
def review_one(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        claim = queue_selectors.review_claim(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    queue = queue_selectors.review_queue(params=request.GET)
    previous, following = queue_selectors.review_neighbours(queue=queue, claim=claim)
    query = _queue_query(request.GET)
    here = request.get_full_path()
    following_url = _review_url(following, query)
    return render(
        request,
        "claims/review/claim.html",
        {
            "claim": claim,
            "context": selectors.claim_in_context(claim=claim, text=claim.article.text),
            "previous_url": _review_url(previous, query),
            "next_url": following_url,
            # After a verdict the editor moves on; at the end of the queue, back to the queue.
            "after_verdict": following_url or reverse("review-queue") + (f"?{query}" if query else ""),
            "queue_url": reverse("review-queue") + (f"?{query}" if query else ""),
            "edit_url": reverse("claim-edit", args=[claim.pk]) + "?" + urlencode({"next": here}),
            "reject_form": RejectForm(initial={"version": claim.version}),
            "remaining": queue.queryset.order_by()[:10_001].count(),
        },
    )


@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    """Verify or reject the claims ticked in the queue; each at the version the list showed."""
    _require_editor(request)
    back = reverse("review-queue") + (f"?{q}" if (q := _queue_query(request.POST)) else "")
    versions: dict[int, int] = {}
    for ticked in request.POST.getlist("claim"):
        pk, _, version = ticked.partition(":")
        if pk.isdigit() and version.isdigit():
            versions[int(pk)] = int(version)
    if not versions:
        messages.error(request, "Tick the claims to review first.")
        return redirect(back)
    try:
        result = claims_review_bulk(
            user=request.user,
            versions=versions,
            verdict=request.POST.get("verdict", ""),
            reason=request.POST.get("reason", ""),
        )
    except EditError as error:
        messages.error(request, error.message)
        return redirect(back)
    verb = "verified" if request.POST.get("verdict") == "verify" else "rejected"
    messages.success(request, f"{len(result.done)} claim{'s' if len(result.done) != 1 else ''} {verb}.")
    if result.conflicts:
        listed = ", ".join(str(pk) for pk in result.conflicts)
        messages.error(request, f"Not changed, because someone else changed them meanwhile: claims {listed}.")
    for refused_pk, why in result.refused.items():
        messages.error(request, f"Claim {refused_pk}: {why}")
    return redirect(back)


@editor_page
def my_edits(request: HttpRequest) -> HttpResponse:
    page = Paginator(queue_selectors.revisions_by_user(user=request.user), MY_EDITS_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "claims/review/my_edits.html", {"page": page})
