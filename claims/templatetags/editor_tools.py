"""Template hooks of the editor workflow: the claim and actor pages call these to show editors' tools."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField, Form
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.editing import Action, revision_is_revertible
from claims.editor_forms import LinkForm, RejectForm
from claims.models import Actor, Claim, ClaimRevision
from claims.selectors.editor import claim_links
from claims_tracker.roles import can_edit

register = template.Library()


@register.filter
def user_can_edit(user: Any) -> bool:
    return can_edit(user)


@register.filter
def notes_of(revisions: Any) -> list[ClaimRevision]:
    """The editors' notes among a claim's revisions (already loaded for its history), oldest first."""
    return [revision for revision in reversed(list(revisions)) if revision.action == Action.NOTE and revision.note]


@register.filter
def revertible(revision: ClaimRevision) -> bool:
    return revision_is_revertible(revision)


@register.filter
def revision_value(value: Any) -> str:
    """A before/after value of a revision as people read it: actors by name, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


@register.filter
def span_fields(form: Form) -> list[tuple[BoundField, BoundField, str, str]]:
    return [
        (form["speaker_start"], form["speaker_end"], "Speaker mention", "speaker"),
        (form["cue_start"], form["cue_end"], "Cue", "cue"),
        (form["content_start"], form["content_end"], "Content", "content"),
    ]


@register.simple_tag
def span_words(text: str, start: Any, end: Any) -> str:
    """The words a span's offsets cover, shown beside the offsets ("" when they do not make a span)."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return ""
    if not 0 <= start < end <= len(text):
        return ""
    return text[start:end]


@register.simple_tag
def actor_input(name_field: BoundField, id_field: BoundField) -> SafeString:
    """A text input that suggests actors as the editor types (the `data-suggest` fields of
    static/app/app.js) and keeps the chosen actor's id in a hidden input; without JavaScript the typed
    name is looked up on the server."""
    list_id = f"{name_field.auto_id}-options"
    return format_html(
        '<input type="text" name="{}" id="{}" value="{}" maxlength="300" list="{}" autocomplete="off"'
        ' data-suggest="{}" data-id-input="{}">'
        '<datalist id="{}"></datalist>{}',
        name_field.html_name,
        name_field.auto_id,
        name_field.value() or "",
        list_id,
        reverse("actor-lookup"),
        id_field.auto_id,
        list_id,
        id_field,
    )


@register.inclusion_tag("claims/editor/_claim_tools.html", takes_context=True)
def claim_editor_tools(context: template.Context, claim: Claim) -> dict[str, Any]:
    """Editors' panel on the claim page: review and links (the page's history gets revert buttons)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can_edit(user):
        return {"show": False}
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "claim": claim,
        "next": request.get_full_path() if request is not None else "",
        "reject_form": RejectForm(initial={"version": claim.version}),
        "link_form": LinkForm(),
        "links": claim_links(claim=claim),
        "user": user,
    }


@register.inclusion_tag("claims/editor/_actor_tools.html", takes_context=True)
def actor_editor_tools(context: template.Context, actor: Actor) -> dict[str, Any]:
    request = context.get("request")
    return {"show": can_edit(getattr(request, "user", None)), "actor": actor}
