"""Editor pages and writes: thin over claims.editing.

Every write is a POST (CSRF-checked by the middleware) to a view derived from `EditorWrite`, which
checks `can_edit` on the server and is the one place where EditErrors become responses: a message
and a redirect back, or for the correction form a re-rendered page. A stale version (ClaimConflict)
shows the claim as it is now, with what the editor tried to change, so nothing is overwritten silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_GET

from claims import editing
from claims.editing import ClaimConflict, EditError
from claims.editor_forms import (
    ActorCreateForm,
    AliasForm,
    ClaimCorrectionForm,
    LinkForm,
    MergeForm,
    NoteForm,
    RejectForm,
    VersionedForm,
)
from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimLink, ClaimRevision, Story
from claims.selectors import claim_revisions
from claims.selectors.editor import (
    actor_autocomplete,
    claim_for_editing,
    claim_links,
    text_segments,
)
from claims_tracker.roles import can_edit


def _require_editor(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied("Only editors can do this.")


def editor_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For editor pages (GET): anonymous visitors are sent to log in, others without the role get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_editor(request)
        return view(request, *args, **kwargs)

    return wrapper


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _claim_or_404(pk: int) -> Claim:
    try:
        return claim_for_editing(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None


# --- the claim's edit page ------------------------------------------------------------------------------


def _edit_page(
    request: HttpRequest,
    claim: Claim,
    *,
    form: ClaimCorrectionForm | None = None,
    attempted: dict[str, list[Any]] | None = None,
    kept_reason: str = "",
    status: int = 200,
) -> HttpResponse:
    spans = {
        "speaker": (claim.speaker_start, claim.speaker_end),
        "cue": (claim.cue_start, claim.cue_end),
        "content": (claim.content_start, claim.content_end),
    }
    context = {
        "claim": claim,
        "segments": text_segments(text=claim.article.text, spans=spans),
        "form": form or ClaimCorrectionForm(initial=ClaimCorrectionForm.initial_for(claim)),
        "attempted": attempted,
        "kept_reason": kept_reason,
        "reject_form": RejectForm(initial={"version": claim.version}),
        "note_form": NoteForm(),
        "link_form": LinkForm(),
        "actor_form": ActorCreateForm(),
        "links": claim_links(claim=claim),
        "revisions": claim_revisions(claim=claim),
    }
    return render(request, "claims/editor/claim_edit.html", context, status=status)


def _attempted_changes(form: ClaimCorrectionForm, current: Claim) -> dict[str, list[Any]]:
    """What the editor tried to set that differs from the claim as it is now: shown after a conflict."""
    now = ClaimCorrectionForm.initial_for(current)
    tried = {**form.cleaned_data}
    shown = {}
    for field in ("speaker_name", "speaker_start", "speaker_end", "cue_start", "cue_end", "content_start",
                  "content_end", "stance", "kind", "via_name"):  # fmt: skip
        if tried.get(field) != now.get(field) and not (tried.get(field) in ("", None) and now.get(field) in ("", None)):
            shown[field.removesuffix("_name")] = [now.get(field), tried.get(field)]
    return shown


class ClaimEdit(View):
    """GET: the editor page of a claim. POST: a correction (speaker, spans, stance, kind, via)."""

    http_method_names = ["get", "post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "GET" and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_editor(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _edit_page(request, _claim_or_404(pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        claim = _claim_or_404(pk)
        form = ClaimCorrectionForm(request.POST)
        if not form.is_valid():
            return _edit_page(request, claim, form=form, status=400)
        try:
            editing.claim_update(
                claim=claim,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
                note=form.cleaned_data["note"],
            )
        except ClaimConflict as conflict:
            messages.error(request, conflict.message)
            attempted = _attempted_changes(form, conflict.current)
            # The form keeps what the editor typed, now against the current version: saving it again is
            # a deliberate choice made with the current values in view (the table beside it).
            typed = request.POST.copy()
            typed["version"] = str(conflict.current.version)
            return _edit_page(
                request, conflict.current, form=ClaimCorrectionForm(typed), attempted=attempted, status=409
            )
        except EditError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return _edit_page(request, claim, form=form, status=400)
        messages.success(request, "Claim corrected.")
        return redirect(_safe_next(request, reverse("claim-edit", args=[pk])))


# --- single-purpose writes --------------------------------------------------------------------------------


class EditorWrite(View):
    """A POST-only editor write. Subclasses implement `write` and `back_url`; refusals are handled here."""

    http_method_names = ["post"]
    success_message = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        _require_editor(request)
        back = _safe_next(request, self.back_url(**kwargs))
        try:
            response = super().dispatch(request, *args, **kwargs)
        except ClaimConflict as conflict:
            messages.error(request, conflict.message)
            return redirect(reverse("claim-edit", args=[conflict.current.pk]))
        except EditError as error:
            messages.error(request, error.message)
            return redirect(back)
        if self.success_message:
            messages.success(request, self.success_message)
        return response or redirect(back)

    def back_url(self, **kwargs: Any) -> str:
        raise NotImplementedError

    def form_or_refuse(self, form_class: type[Any]) -> Any:
        form = form_class(self.request.POST)
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0]
            raise EditError(first, code="invalid")
        return form.cleaned_data


class ClaimWrite(EditorWrite):
    def back_url(self, **kwargs: Any) -> str:
        return reverse("claim-edit", args=[kwargs["pk"]])


class ClaimVerify(ClaimWrite):
    success_message = "Claim verified."

    def post(self, request: HttpRequest, pk: int) -> None:
        data = self.form_or_refuse(VersionedForm)
        editing.claim_verify(claim=_claim_or_404(pk), user=request.user, expected_version=data["version"])


class ClaimReject(ClaimWrite):
    success_message = "Claim rejected: analysts no longer see it, and re-extraction will not bring it back."

    def post(self, request: HttpRequest, pk: int) -> HttpResponse | None:
        data = self.form_or_refuse(RejectForm)
        try:
            editing.claim_reject(
                claim=_claim_or_404(pk), user=request.user, expected_version=data["version"], reason=data["reason"]
            )
        except ClaimConflict as conflict:
            # The typed reason stays in the reject form, beside the claim as it is now.
            messages.error(request, f"{conflict.message} Your reason is kept below.")
            self.success_message = ""
            return _edit_page(request, conflict.current, kept_reason=data["reason"], status=409)
        return None


class ClaimNote(ClaimWrite):
    success_message = "Note added."

    def post(self, request: HttpRequest, pk: int) -> None:
        data = self.form_or_refuse(NoteForm)
        editing.claim_add_note(claim=_claim_or_404(pk), user=request.user, note=data["note"])


class ClaimRevert(ClaimWrite):
    success_message = "Change reverted (the revert is in the history too)."

    def post(self, request: HttpRequest, pk: int, revision_pk: int) -> None:
        data = self.form_or_refuse(VersionedForm)
        revision = get_object_or_404(ClaimRevision, pk=revision_pk, claim_id=pk)
        editing.claim_revert(claim=pk, revision=revision, user=request.user, expected_version=data["version"])


class LinkCreate(ClaimWrite):
    success_message = "Claims linked."

    def post(self, request: HttpRequest, pk: int) -> None:
        data = self.form_or_refuse(LinkForm)
        editing.link_create(
            source=_claim_or_404(pk), target=data["target"], relation=data["relation"], user=request.user
        )


class LinkConfirm(ClaimWrite):
    success_message = "Link confirmed."

    def post(self, request: HttpRequest, pk: int, link_pk: int) -> None:
        link = get_object_or_404(
            ClaimLink.objects.filter(source_id=pk) | ClaimLink.objects.filter(target_id=pk), pk=link_pk
        )
        editing.link_confirm(link=link, user=request.user)


class LinkDismiss(ClaimWrite):
    success_message = "Link dismissed."

    def post(self, request: HttpRequest, pk: int, link_pk: int) -> None:
        link = get_object_or_404(
            ClaimLink.objects.filter(source_id=pk) | ClaimLink.objects.filter(target_id=pk), pk=link_pk
        )
        editing.link_dismiss(link=link, user=request.user)


class ActorCreate(EditorWrite):
    def back_url(self, **kwargs: Any) -> str:
        return reverse("actor-edit-new")

    def post(self, request: HttpRequest) -> None:
        data = self.form_or_refuse(ActorCreateForm)
        actor = editing.actor_create(user=request.user, name=data["name"], kind=data["kind"])
        messages.success(request, f"Actor “{actor.name}” created (number {actor.pk}).")


class ActorWrite(EditorWrite):
    def back_url(self, **kwargs: Any) -> str:
        return reverse("actor-edit", args=[kwargs["pk"]])


class AliasAdd(ActorWrite):
    success_message = "Name added."

    def post(self, request: HttpRequest, pk: int) -> None:
        data = self.form_or_refuse(AliasForm)
        editing.actor_alias_add(actor=get_object_or_404(Actor, pk=pk), name=data["name"], user=request.user)


class AliasRemove(ActorWrite):
    success_message = "Name removed."

    def post(self, request: HttpRequest, pk: int, alias_pk: int) -> None:
        alias = get_object_or_404(ActorAlias.objects.select_related("actor"), pk=alias_pk, actor_id=pk)
        editing.actor_alias_remove(alias=alias, user=request.user)


class ActorMergeInto(ActorWrite):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        data = self.form_or_refuse(MergeForm)
        merge = editing.actor_merge(source=get_object_or_404(Actor, pk=pk), into=data["into_actor"], user=request.user)
        messages.success(
            request,
            f"{merge.merged_name} merged into {merge.into.name}: {merge.moved_claims} claims "
            f"and {merge.moved_aliases} names moved.",
        )
        return redirect(reverse("actor-edit", args=[merge.into_id]))


class ActorUnmerge(ActorWrite):
    def post(self, request: HttpRequest, pk: int, merge_pk: int) -> HttpResponse:
        merge = get_object_or_404(ActorMerge, pk=merge_pk, into_id=pk)
        restored = editing.actor_unmerge(merge=merge, user=request.user)
        messages.success(request, f"Merge undone: {restored.name} is an actor of its own again.")
        return redirect(reverse("actor-edit", args=[restored.pk]))


def _story_from(text: str) -> Story:
    """A story given by its number or its address (…/stories/12/)."""
    match = re.search(r"(\d+)/?\s*$", text or "")
    story = Story.objects.filter(pk=int(match.group(1))).first() if match else None
    if story is None:
        raise EditError("No such story: give its number or its address.", code="story_unknown", field="into")
    return story


class StoryWrite(EditorWrite):
    def back_url(self, **kwargs: Any) -> str:
        return reverse("story-detail", args=[kwargs["pk"]])


class StoryRename(StoryWrite):
    success_message = "Story renamed."

    def post(self, request: HttpRequest, pk: int) -> None:
        editing.story_rename(
            story=get_object_or_404(Story, pk=pk), title=request.POST.get("title", ""), user=request.user
        )


class StoryMerge(StoryWrite):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        into = _story_from(request.POST.get("into", ""))
        moved = editing.story_merge(source=get_object_or_404(Story, pk=pk), into=into, user=request.user)
        messages.success(request, f"Story merged: {moved} claim{'s' if moved != 1 else ''} moved here.")
        return redirect(reverse("story-detail", args=[into.pk]))


class StorySplit(StoryWrite):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        ids = [int(v) for v in request.POST.getlist("claim") if v.isdigit()]
        new = editing.story_split(
            story=get_object_or_404(Story, pk=pk), claim_ids=ids, title=request.POST.get("title", ""), user=request.user
        )
        messages.success(request, "New story made from the ticked claims.")
        return redirect(reverse("story-detail", args=[new.pk]))


class ClaimMoveStory(ClaimWrite):
    success_message = "Claim moved."

    def post(self, request: HttpRequest, pk: int) -> None:
        data = self.form_or_refuse(VersionedForm)
        target = request.POST.get("into", "").strip()
        story = _story_from(target) if target else None
        editing.claim_story_set(
            claim=_claim_or_404(pk), story=story, user=request.user, expected_version=data["version"]
        )


# --- pages and lookups -------------------------------------------------------------------------------------


@editor_page
def actor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An actor's names and the merge form."""
    actor = get_object_or_404(Actor.objects.select_related("merged_into"), pk=pk)
    return render(
        request,
        "claims/editor/actor_edit.html",
        {
            "actor": actor,
            "aliases": actor.aliases.order_by("name"),
            "alias_form": AliasForm(),
            "merge_form": MergeForm(),
            "merges": actor.merges.select_related("user", "undone_by").order_by("-created_at"),
            "claim_count": actor.claims.count(),
        },
    )


@editor_page
def actor_new(request: HttpRequest) -> HttpResponse:
    return render(request, "claims/editor/actor_new.html", {"actor_form": ActorCreateForm()})


@require_GET
def actor_lookup(request: HttpRequest) -> JsonResponse:
    """Autocomplete for the speaker, via and merge fields: {"results": [{"id", "name", "kind"}]}."""
    _require_editor(request)
    return JsonResponse({"results": actor_autocomplete(query=request.GET.get("q", "")[:200])})
