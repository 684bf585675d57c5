"""Editors' writes on claims and claim links.

Every write locks the claim, refuses a stale `version` (ClaimVersionConflict, carrying the claim as
it is now), records who changed what in a ClaimRevision, marks the claim editor-touched (so
re-extraction never replaces it) and bumps its version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Actor, Claim, ClaimLink, ClaimRevision, Origin

# What an editor may correct on a claim; content follows from its offsets into the article text.
CORRECTABLE_FIELDS = ("speaker", "stance", "kind", "via", "content_start", "content_end", "note")


class ClaimVersionConflict(Exception):
    """The editor's change was based on an older version of the claim."""

    def __init__(self, current: Claim) -> None:
        super().__init__(f"claim {current.pk} is at version {current.version}")
        self.current = current


def _lock_claim(claim_id: int, version: int | None) -> Claim:
    claim = Claim.objects.select_for_update().select_related("article").get(pk=claim_id)
    if version is not None and claim.version != version:
        raise ClaimVersionConflict(claim)
    return claim


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, Actor) else value


def _save_edit(
    *, claim: Claim, user: AbstractBaseUser | None, action: str, changes: dict[str, list[Any]], note: str
) -> Claim:
    now = timezone.now()
    if claim.editor_touched_at is None:
        claim.editor_touched_at = now
    claim.version += 1
    columns = {field.attname: field.name for field in Claim._meta.concrete_fields}
    changed = {columns[name] for name in changes if name in columns}
    claim.save(update_fields=sorted(changed | {"editor_touched_at", "version", "updated_at"}))
    ClaimRevision.objects.create(claim=claim, user=user, action=action, changes=changes, note=note)
    return claim


def _new_content(claim: Claim, start: int, end: int) -> str:
    text = claim.article.text
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            {"content_end": f"The span {start}:{end} must lie inside the article text (0 to {len(text)})."},
            code="span_outside_text",
        )
    content = text[start:end]
    if content != content.strip():
        raise ValidationError(
            {"content_start": "The span must not begin or end with white space."}, code="span_untrimmed"
        )
    return content


@transaction.atomic
def claim_correct(
    *,
    claim_id: int,
    user: AbstractBaseUser | None,
    version: int,
    changes: Mapping[str, Any],
    reason: str = "",
) -> Claim:
    """Apply an editor's corrections (any of CORRECTABLE_FIELDS) to a claim.

    A change of content is given as offsets into the article text, and the content is taken from
    there, so spans always match the text. Fields given with their current value are not changes.
    """
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable: {', '.join(sorted(unknown))}")
    claim = _lock_claim(claim_id, version)
    wanted = dict(changes)
    if "content_start" in wanted or "content_end" in wanted:
        start = wanted.get("content_start", claim.content_start)
        end = wanted.get("content_end", claim.content_end)
        wanted.update(content_start=start, content_end=end, content=_new_content(claim, start, end))

    diff: dict[str, list[Any]] = {}
    for field, value in wanted.items():
        attribute = f"{field}_id" if field in ("speaker", "via") else field
        before, after = getattr(claim, attribute), _comparable(value)
        if before != after:
            diff[attribute] = [before, after]
            setattr(claim, attribute, after)
    if not diff:
        return claim
    if set(diff) - {"note"}:
        diff["review_status"] = [claim.review_status, Claim.ReviewStatus.CORRECTED]
        claim.review_status = Claim.ReviewStatus.CORRECTED
        if reason and reason != claim.review_reason:
            diff["review_reason"] = [claim.review_reason, reason]
            claim.review_reason = reason
    return _save_edit(claim=claim, user=user, action="correct", changes=diff, note=reason)


@transaction.atomic
def claim_review(
    *, claim_id: int, user: AbstractBaseUser | None, version: int, verdict: str, reason: str = ""
) -> Claim:
    """Verify or reject a claim; a rejection needs a reason. Rejected claims never come back."""
    if verdict not in (Claim.ReviewStatus.VERIFIED, Claim.ReviewStatus.REJECTED):
        raise ValueError(f"unknown verdict {verdict!r}")
    if verdict == Claim.ReviewStatus.REJECTED and not reason.strip():
        raise ValidationError({"reason": "Say why the claim is rejected."}, code="reason_required")
    claim = _lock_claim(claim_id, version)
    diff: dict[str, list[Any]] = {}
    if claim.review_status != verdict:
        diff["review_status"] = [claim.review_status, verdict]
        claim.review_status = verdict
    if reason and reason != claim.review_reason:
        diff["review_reason"] = [claim.review_reason, reason]
        claim.review_reason = reason
    if not diff:
        return claim
    action = "verify" if verdict == Claim.ReviewStatus.VERIFIED else "reject"
    return _save_edit(claim=claim, user=user, action=action, changes=diff, note=reason)


def _touch_linked_claims(
    *, link: ClaimLink, user: AbstractBaseUser | None, action: str, change: list[Any], note: str = ""
) -> None:
    """A link an editor made or judged protects both claims from re-extraction (which would
    delete the link with them) and shows in both claims' history and sync feed."""
    for claim_id in sorted((link.source_id, link.target_id)):  # lock in one order: no deadlock
        claim = _lock_claim(claim_id, version=None)
        _save_edit(claim=claim, user=user, action=action, changes={f"link {link.pk}": change}, note=note)


@transaction.atomic
def claim_link_create(
    *, source: Claim, target: Claim, relation: str, user: AbstractBaseUser | None, note: str = ""
) -> tuple[ClaimLink, bool]:
    """An editor links two claims; the link is confirmed at once. An existing link is confirmed."""
    if source.pk == target.pk:
        raise ValidationError({"target": "A claim cannot be linked to itself."}, code="self_link")
    link, created = ClaimLink.objects.select_for_update().get_or_create(
        source=source,
        target=target,
        relation=relation,
        defaults={"origin": Origin.EDITOR, "status": ClaimLink.Status.CONFIRMED, "created_by": user},
    )
    if created:
        change: list[Any] = [None, f"{relation} {source.pk}->{target.pk} confirmed"]
        _touch_linked_claims(link=link, user=user, action="link_create", change=change, note=note)
        return link, True
    return claim_link_judge(link_id=link.pk, user=user, status=ClaimLink.Status.CONFIRMED, note=note), False


@transaction.atomic
def claim_link_judge(*, link_id: int, user: AbstractBaseUser | None, status: str, note: str = "") -> ClaimLink:
    """Confirm or dismiss a (usually machine-suggested) link between two claims."""
    if status not in (ClaimLink.Status.CONFIRMED, ClaimLink.Status.DISMISSED):
        raise ValueError(f"unknown link status {status!r}")
    link = ClaimLink.objects.select_for_update().get(pk=link_id)
    if link.status == status:
        return link
    before = link.status
    link.status = status
    link.save(update_fields=["status", "updated_at"])
    action = "link_confirm" if status == ClaimLink.Status.CONFIRMED else "link_dismiss"
    _touch_linked_claims(link=link, user=user, action=action, change=[before, status], note=note)
    return link
