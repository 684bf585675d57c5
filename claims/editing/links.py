"""Editors' writes on links between claims: create, confirm, dismiss (each recorded on both claims)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.editing.base import Action, EditError, require_editor
from claims.models import Claim, ClaimLink, ClaimRevision, Origin

SYMMETRIC_RELATIONS = (ClaimLink.Relation.SAME, ClaimLink.Relation.CONTRADICTS)


def _touch_claims(*claim_ids: int) -> None:
    """A decision about a claim's links must survive re-extraction, so the claims become editor-touched."""
    now = timezone.now()
    Claim.objects.filter(pk__in=claim_ids).update(
        editor_touched_at=Coalesce(F("editor_touched_at"), now), updated_at=now
    )


def _link_json(link: ClaimLink) -> dict[str, Any]:
    return {"id": link.pk, "source": link.source_id, "target": link.target_id, "relation": link.relation}


def _record_link(link: ClaimLink, user: Any, action: str, before: str | None, note: str = "") -> None:
    ClaimRevision.objects.bulk_create(
        [
            ClaimRevision(
                claim_id=claim_id,
                user=user,
                action=action,
                changes={"link": [before, _link_json(link) | {"status": link.status}]},
                note=note.strip(),
            )
            for claim_id in (link.source_id, link.target_id)
        ]
    )


def _set_link_status(link: ClaimLink, user: Any, status: str, action: str, note: str = "") -> ClaimLink:
    with transaction.atomic():
        link = ClaimLink.objects.select_for_update().get(pk=link.pk)
        if link.status == status:
            return link
        before = link.status
        link.status = status
        if link.created_by_id is None:
            link.created_by = user
        link.save(update_fields=["status", "created_by", "updated_at"])
        _touch_claims(link.source_id, link.target_id)
        _record_link(link, user, action, before, note)
    return link


def link_find(*, source: Claim, target: Claim, relation: str) -> ClaimLink | None:
    """The link of this relation between the two claims (either direction for symmetric ones)."""
    pair = Q(source=source, target=target)
    if relation in SYMMETRIC_RELATIONS:
        pair |= Q(source=target, target=source)
    return ClaimLink.objects.filter(pair, relation=relation).order_by("id").first()


def link_create(*, source: Claim, target: Claim, relation: str, user: Any, note: str = "") -> ClaimLink:
    """An editor links two claims. A link the machine suggested for the pair is confirmed instead of
    duplicated (either direction for symmetric relations)."""
    require_editor(user)
    if relation not in ClaimLink.Relation.values:
        raise EditError(f"{relation!r} is not a link relation.", code="choice_invalid", field="relation")
    if source.pk == target.pk:
        raise EditError("A claim cannot be linked to itself.", code="link_self", field="target")
    existing = link_find(source=source, target=target, relation=relation)
    if existing is not None:
        return _set_link_status(existing, user, ClaimLink.Status.CONFIRMED, Action.LINK_CONFIRM, note)
    try:
        with transaction.atomic():
            link = ClaimLink.objects.create(
                source=source,
                target=target,
                relation=relation,
                origin=Origin.EDITOR,
                status=ClaimLink.Status.CONFIRMED,
                created_by=user,
            )
            _touch_claims(source.pk, target.pk)
            _record_link(link, user, Action.LINK_CREATE, None, note)
    except IntegrityError:
        # Someone made the same link meanwhile: confirm theirs.
        existing = ClaimLink.objects.get(source=source, target=target, relation=relation)
        return _set_link_status(existing, user, ClaimLink.Status.CONFIRMED, Action.LINK_CONFIRM, note)
    return link


def link_confirm(*, link: ClaimLink, user: Any, note: str = "") -> ClaimLink:
    require_editor(user)
    return _set_link_status(link, user, ClaimLink.Status.CONFIRMED, Action.LINK_CONFIRM, note)


def link_dismiss(*, link: ClaimLink, user: Any, note: str = "") -> ClaimLink:
    """Dismissed links stay (as dismissed), so the machine does not suggest them again."""
    require_editor(user)
    return _set_link_status(link, user, ClaimLink.Status.DISMISSED, Action.LINK_DISMISS, note)
