"""Editors' changes to stories: rename, merge two, split some claims off into a new one. Claims move
through claim_story_set, so each move is a versioned write with a revision, and cross-referencing
never moves a claim an editor placed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max, Min
from django.db.models.functions import Coalesce

from claims.editing.base import EditError, require_editor
from claims.editing.claims import claim_story_set
from claims.models import Claim, Story

TITLE_MAX = 500


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise EditError("Give the story a title.", code="title_empty", field="title")
    if len(title) > TITLE_MAX:
        raise EditError(f"A story title has at most {TITLE_MAX} characters.", code="title_too_long", field="title")
    return title


def _refresh_bounds(story: Story) -> None:
    """First and last seen follow the story's claims (their articles' dates, else when they came in)."""
    bounds = Claim.objects.filter(story=story).aggregate(
        first=Min(Coalesce("article__published_at", "article__created_at")),
        last=Max(Coalesce("article__published_at", "article__created_at")),
    )
    story.first_seen_at, story.last_seen_at = bounds["first"], bounds["last"]
    story.save(update_fields=["first_seen_at", "last_seen_at", "updated_at"])


def story_rename(*, story: Story, title: str, user: Any) -> Story:
    require_editor(user)
    story.title = _clean_title(title)
    story.save(update_fields=["title", "updated_at"])
    return story


def _move(claims: Iterable[Claim], into: Story, user: Any) -> int:
    moved = 0
    for claim in claims:
        claim_story_set(claim=claim, story=into, user=user, expected_version=claim.version)
        moved += 1
    return moved


def story_merge(*, source: Story, into: Story, user: Any) -> int:
    """Move every claim of `source` into `into` and delete the emptied story. Returns how many moved."""
    require_editor(user)
    if source.pk == into.pk:
        raise EditError("A story cannot be merged into itself.", code="merge_self", field="into")
    with transaction.atomic():
        moved = _move(Claim.objects.filter(story=source).select_for_update(of=("self",)), into, user)
        source.delete()
        _refresh_bounds(into)
    return moved


def story_split(*, story: Story, claim_ids: Iterable[int], title: str, user: Any) -> Story:
    """Move the given claims of `story` into a new story titled `title`."""
    require_editor(user)
    title = _clean_title(title)
    with transaction.atomic():
        claims = list(Claim.objects.filter(story=story, pk__in=list(claim_ids)).select_for_update(of=("self",)))
        if not claims:
            raise EditError("Tick the claims to split off into the new story.", code="split_empty", field="claims")
        if len(claims) == Claim.objects.filter(story=story).count():
            raise EditError("Leave at least one claim in the story (or rename it).", code="split_all", field="claims")
        new = Story.objects.create(title=title)
        _move(claims, new, user)
        _refresh_bounds(new)
        _refresh_bounds(story)
    return new
