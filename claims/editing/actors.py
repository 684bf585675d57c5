"""Editors' writes on actors: create, add or remove an alias, merge a duplicate."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from claims import services
from claims.editing.base import EditError, require_editor
from claims.extraction import normalize_name
from claims.models import Actor, ActorAlias, ActorMerge, Origin


def _alias_key(name: str) -> str:
    key = normalize_name(name)
    if not key:
        raise EditError("The name is empty.", code="name_required", field="name")
    if len(name.strip()) > 300:
        raise EditError("The name is longer than 300 characters.", code="name_too_long", field="name")
    return key


def _alias_taken(key: str, name: str, *, actor: Actor | None) -> ActorAlias | None:
    """The alias with this key; an error if it names another actor."""
    alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
    if alias is not None and (actor is None or alias.actor_id != actor.pk):
        raise EditError(
            f"“{name.strip()}” already names {alias.actor.name} (actor {alias.actor_id}); "
            "remove it there first, or merge the two actors.",
            code="alias_taken",
            field="name",
        )
    return alias


def actor_create(
    *, user: Any, name: str, kind: str = Actor.Kind.UNKNOWN, description: str = "", wikidata_id: str | None = None
) -> Actor:
    """A new actor with its name as an editor alias."""
    require_editor(user)
    key = _alias_key(name)
    if kind not in Actor.Kind.values:
        raise EditError(f"{kind!r} is not an actor kind.", code="choice_invalid", field="kind")
    _alias_taken(key, name, actor=None)
    try:
        with transaction.atomic():
            actor = Actor.objects.create(
                name=name.strip(), kind=kind, description=description.strip(), wikidata_id=wikidata_id or None
            )
            ActorAlias.objects.create(actor=actor, name=name.strip(), normalized=key, origin=Origin.EDITOR)
    except IntegrityError:
        _alias_taken(key, name, actor=None)
        raise EditError(
            f"Wikidata id {wikidata_id!r} is invalid or already used.", code="wikidata_taken", field="wikidata_id"
        ) from None
    return actor


def actor_alias_add(*, actor: Actor, name: str, user: Any) -> ActorAlias:
    """Another name of the actor, made by an editor (so the machine never moves it)."""
    require_editor(user)
    key = _alias_key(name)
    if actor.merged_into_id is not None:
        raise EditError(f"{actor.name} was merged into another actor.", code="actor_merged", field="actor")
    with transaction.atomic():
        existing = _alias_taken(key, name, actor=actor)
        if existing is not None:
            if existing.origin != Origin.EDITOR:
                existing.origin = Origin.EDITOR
                existing.save(update_fields=["origin", "updated_at"])
            return existing
        try:
            with transaction.atomic():
                return ActorAlias.objects.create(actor=actor, name=name.strip(), normalized=key, origin=Origin.EDITOR)
        except IntegrityError:
            _alias_taken(key, name, actor=actor)
            raise


def actor_alias_remove(*, alias: ActorAlias, user: Any) -> None:
    require_editor(user)
    if alias.normalized == normalize_name(alias.actor.name):
        raise EditError(
            "An actor's own name cannot be removed from its aliases; rename the actor instead.",
            code="alias_is_name",
            field="alias",
        )
    ActorAlias.objects.filter(pk=alias.pk).delete()


def actor_merge(*, source: Actor, into: Actor, user: Any) -> ActorMerge:
    """An editor folds a duplicate actor into the right one (claims.services.actor_fold_into does the work:
    claims, mentions and names move, each moved claim's history records it)."""
    require_editor(user)
    try:
        return services.actor_fold_into(source=source, into=into, user=user)
    except services.ActorMergeError as error:
        raise EditError(str(error), code=error.code, field=error.field) from None


def actor_unmerge(*, merge: ActorMerge, user: Any) -> Actor:
    """An editor undoes a recorded merge (claims.services.actor_unfold does the work)."""
    require_editor(user)
    try:
        return services.actor_unfold(merge=merge, user=user)
    except services.ActorMergeError as error:
        raise EditError(str(error), code=error.code, field=error.field) from None
