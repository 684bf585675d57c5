"""Editors' writes on one claim: corrections, reviews, story, notes, reverts, new claims. Each is a
conditional UPDATE on the version the editor read, recorded as one ClaimRevision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article
from claims.editing.base import Action, ClaimConflict, EditError, require_editor
from claims.models import Actor, Claim, ClaimRevision, Origin, Story

# Fields claim_update accepts. Text fields derived from spans (content, cue, speaker_mention with a
# span) are recomputed from the article text, never taken on trust.
ACTOR_FIELDS = ("speaker", "via")


SPAN_FIELDS = {
    "content": ("content_start", "content_end"),
    "cue": ("cue_start", "cue_end"),
    "speaker_mention": ("speaker_start", "speaker_end"),
}


CHOICE_FIELDS = {
    "kind": Claim.Kind.values,
    "stance": Claim.Stance.values,
    "review_status": Claim.ReviewStatus.values,
}


EDITABLE_FIELDS = frozenset(
    (
        *ACTOR_FIELDS,
        *(field for pair in SPAN_FIELDS.values() for field in pair),
        "speaker_mention",
        *CHOICE_FIELDS,
        "review_reason",
    )
)


# Changing any of these is a correction of what the machine attributed.
ATTRIBUTION_FIELDS = frozenset(
    (*ACTOR_FIELDS, *(f for pair in SPAN_FIELDS.values() for f in pair), *SPAN_FIELDS, "kind", "stance")
)


# What a revert can restore: the editable fields (derived texts follow their spans).
REVERTIBLE_FIELDS = EDITABLE_FIELDS - {"content", "cue"}


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    """How an actor appears in a revision: id for machines, name for people (it survives a rename)."""
    return None if actor is None else {"id": actor.pk, "name": actor.name}


def _json_value(claim: Claim, field: str) -> Any:
    if field in ACTOR_FIELDS:
        return actor_json(getattr(claim, field))
    return getattr(claim, field)


def _trimmed_span(
    text: str, start: Any, end: Any, *, what: str, field: str, allow_empty: bool = False
) -> tuple[int, int]:
    """Offsets checked against the text, with white space at the edges of a selection dropped."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise EditError(f"The {what} span needs two whole-number offsets.", code="span_invalid", field=field) from None
    if not (0 <= start <= end <= len(text)):
        raise EditError(
            f"The {what} span {start}:{end} falls outside the article (length {len(text)}).",
            code="span_out_of_range",
            field=field,
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end and not allow_empty:
        raise EditError(f"The {what} span is empty.", code="span_empty", field=field)
    return start, end


def _resolved_values(claim: Claim, text: str, changes: dict[str, Any]) -> dict[str, Any]:
    """The full new values implied by `changes`: spans validated and their texts recomputed."""
    unknown = set(changes) - EDITABLE_FIELDS - set(SPAN_FIELDS)
    if unknown:
        raise EditError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.", code="field_not_editable")
    values: dict[str, Any] = {}

    for field in ACTOR_FIELDS:
        if field in changes:
            actor = changes[field]
            if actor is not None and not isinstance(actor, Actor):
                raise EditError(f"{field} must be an actor.", code="actor_invalid", field=field)
            if actor is not None and actor.merged_into_id is not None:
                raise EditError(
                    f"{actor.name} was merged into another actor; choose that one.", code="actor_merged", field=field
                )
            values[field] = actor

    for field, allowed in CHOICE_FIELDS.items():
        if field in changes:
            if changes[field] not in allowed:
                raise EditError(f"{changes[field]!r} is not a valid {field}.", code="choice_invalid", field=field)
            values[field] = changes[field]
    if "review_reason" in changes:
        values["review_reason"] = str(changes["review_reason"] or "").strip()

    for text_field, (start_field, end_field) in SPAN_FIELDS.items():
        if start_field not in changes and end_field not in changes:
            if text_field in changes and text_field == "speaker_mention" and claim.speaker_start is None:
                # A mention the text never spells out ("implicit"): free text, no span.
                values["speaker_mention"] = str(changes["speaker_mention"] or "").strip()[:300]
            elif text_field in changes and changes[text_field] != getattr(claim, text_field):
                raise EditError(
                    f"The {text_field} comes from the article text; change its span instead.",
                    code="span_mismatch",
                    field=text_field,
                )
            continue
        start = changes.get(start_field, getattr(claim, start_field))
        end = changes.get(end_field, getattr(claim, end_field))
        what = text_field.replace("_", " ")
        unchanged = (start, end) == (getattr(claim, start_field), getattr(claim, end_field))
        if unchanged and changes.get(text_field) in (None, getattr(claim, text_field)):
            continue  # a form sends every span; one left as it was changes nothing (not even its edges)
        if text_field == "speaker_mention" and start is None and end is None:
            values.update(speaker_start=None, speaker_end=None)
            values["speaker_mention"] = str(changes.get("speaker_mention") or "").strip()[:300]
            continue
        start, end = _trimmed_span(text, start, end, what=what, field=start_field, allow_empty=(text_field == "cue"))
        spanned = text[start:end]
        given = changes.get(text_field)
        if given is not None and given.strip() != spanned:
            raise EditError(
                f"The {what} {given[:40]!r} does not match the article text at {start}:{end}.",
                code="span_mismatch",
                field=text_field,
            )
        limit = {"content": None, "cue": 200, "speaker_mention": 300}[text_field]
        if limit is not None and len(spanned) > limit:
            raise EditError(f"The {what} is longer than {limit} characters.", code="span_too_long", field=start_field)
        if text_field != "cue":
            _refuse_span_cutting_another_claim(claim, start, end, what=what, field=start_field)
        values.update({start_field: start, end_field: end, text_field: spanned})
    return values


def _refuse_span_cutting_another_claim(claim: Claim, start: int, end: int, *, what: str, field: str) -> None:
    """A speaker or content span may hold a whole claim (nested reporting: "X said police reported Y"),
    but not cut through one: taking in another claim's cue without all of that claim means the span
    ran past where this claim ends (the usual slip of a drag)."""
    crossed = (
        Claim.objects.visible()
        .filter(article_id=claim.article_id, cue_start__lt=end, cue_end__gt=start)
        .exclude(pk=claim.pk)
        .order_by("cue_start")
    )
    for other in crossed:
        spans = [(other.cue_start, other.cue_end), (other.content_start, other.content_end)]
        if other.speaker_start is not None and other.speaker_end is not None:
            spans.append((other.speaker_start, other.speaker_end))
        if start <= min(s for s, _ in spans) and max(e for _, e in spans) <= end:
            continue
        raise EditError(
            f"The {what} would take in “{other.cue}”, the cue of claim {other.pk} (“{other.content[:60]}”), "
            "and cut that claim in two. End the span before that claim starts, or correct that claim first.",
            code="span_crosses_claim",
            field=field,
        )


def _diff(claim: Claim, values: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for field, new in values.items():
        if field in ACTOR_FIELDS:
            before, after = actor_json(getattr(claim, field)), actor_json(new)
            if getattr(claim, f"{field}_id") != (new.pk if new is not None else None):
                changes[field] = [before, after]
        elif getattr(claim, field) != new:
            changes[field] = [getattr(claim, field), new]
    return changes


def _widened_sentence(claim: Claim, values: dict[str, Any]) -> dict[str, int]:
    """Keep the sentence span covering every span of the claim after the change."""

    def current(field: str) -> Any:
        return values.get(field, getattr(claim, field))

    starts = [current("content_start"), current("cue_start"), current("speaker_start"), claim.sentence_start]
    ends = [current("content_end"), current("cue_end"), current("speaker_end"), claim.sentence_end]
    bounds = {
        "sentence_start": min(s for s in starts if s is not None),
        "sentence_end": max(e for e in ends if e is not None),
    }
    return {k: v for k, v in bounds.items() if v != getattr(claim, k)}


def _fresh(claim: Claim | int) -> Claim:
    """The claim as stored now (the caller's instance may be stale)."""
    pk = claim.pk if isinstance(claim, Claim) else claim
    return Claim.objects.select_related("article", "speaker", "via").get(pk=pk)


def _write_claim(
    *,
    claim: Claim | int,
    user: Any,
    expected_version: int,
    changes: dict[str, Any],
    action: str,
    note: str = "",
    reverts: ClaimRevision | None = None,
    record_unchanged: bool = False,
) -> Claim:
    """Apply `changes` if the claim is still at `expected_version`; record one revision."""
    require_editor(user)
    with transaction.atomic():
        current = _read_at_version(claim, expected_version)
        values = _resolved_values(current, current.article.text, changes)
        diff = _diff(current, values)
        corrects = diff.keys() & ATTRIBUTION_FIELDS and "review_status" not in changes
        if corrects and current.review_status != Claim.ReviewStatus.REJECTED:
            values["review_status"] = Claim.ReviewStatus.CORRECTED
            diff = _diff(current, values)
        status = values.get("review_status", current.review_status)
        reason = values.get("review_reason", current.review_reason)
        if status == Claim.ReviewStatus.REJECTED and not reason:
            raise EditError("Say why the claim is rejected.", code="reason_required", field="review_reason")
        if not diff and not record_unchanged:
            return current
        to_write = {field: values[field] for field in diff}
        to_write.update(_widened_sentence(current, values))
        return _versioned_write(
            current=current,
            expected_version=expected_version,
            to_write=to_write,
            user=user,
            action=action,
            changes=diff,
            note=note,
            reverts=reverts,
        )


def _read_at_version(claim: Claim | int, expected_version: int) -> Claim:
    """The claim, if it is still at the version the editor read."""
    current = _fresh(claim)
    if current.version != expected_version:
        raise ClaimConflict(current=current)
    return current


def _versioned_write(
    *,
    current: Claim,
    expected_version: int,
    to_write: dict[str, Any],
    user: Any,
    action: str,
    changes: dict[str, list[Any]],
    note: str = "",
    reverts: ClaimRevision | None = None,
) -> Claim:
    """The one way an editor's change reaches a claim: a conditional UPDATE on the version read
    (a concurrent edit raises ClaimConflict), the claim marked editor-touched, one revision."""
    now = timezone.now()
    updated = Claim.objects.filter(pk=current.pk, version=expected_version).update(
        **to_write,
        version=F("version") + 1,
        editor_touched_at=Coalesce(F("editor_touched_at"), now),
        updated_at=now,
    )
    if updated == 0:
        raise ClaimConflict(current=_fresh(current))
    ClaimRevision.objects.create(
        claim=current, user=user, action=action, changes=changes, note=note.strip(), reverts=reverts
    )
    return _fresh(current)


def claim_update(
    *, claim: Claim | int, user: Any, expected_version: int, changes: dict[str, Any], note: str = ""
) -> Claim:
    """Correct a claim: speaker (an Actor or None), speaker mention and span, content and cue spans
    (texts recomputed from the article), stance, kind, via, review status and reason.

    An attribution change marks the claim `corrected` unless it is rejected or the change sets a status.
    """
    return _write_claim(
        claim=claim, user=user, expected_version=expected_version, changes=changes, action=Action.UPDATE, note=note
    )


def claim_verify(*, claim: Claim | int, user: Any, expected_version: int, note: str = "") -> Claim:
    """An editor confirms the claim is right as it stands."""
    return _write_claim(
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"review_status": Claim.ReviewStatus.VERIFIED, "review_reason": ""},
        action=Action.VERIFY,
        note=note,
    )


def claim_reject(*, claim: Claim | int, user: Any, expected_version: int, reason: str) -> Claim:
    """An editor says this is not a claim (or not this one); it disappears from analysts' lists and
    re-extraction will not bring it back."""
    if not reason.strip():
        raise EditError("Say why the claim is rejected.", code="reason_required", field="reason")
    return _write_claim(
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"review_status": Claim.ReviewStatus.REJECTED, "review_reason": reason},
        action=Action.REJECT,
    )


def claim_story_set(*, claim: Claim | int, story: Story | None, user: Any, expected_version: int) -> Claim:
    """An editor files the claim under a story, or takes it out of its story (None).

    The placement is the editor's from then on (`story_origin`): cross-referencing never moves the claim.
    """
    require_editor(user)
    with transaction.atomic():
        current = _read_at_version(claim, expected_version)
        return _versioned_write(
            current=current,
            expected_version=expected_version,
            to_write={"story": story, "story_origin": Origin.EDITOR},
            user=user,
            action=Action.STORY,
            changes={"story": [current.story_id, story.pk if story else None]},
        )


def claim_add_note(*, claim: Claim | int, user: Any, note: str) -> ClaimRevision:
    """Attach an editor's note. A note doesn't change the claim's fields, so it needs no version check;
    the claim's `note` shows the latest one, the history keeps them all."""
    require_editor(user)
    note = note.strip()
    if not note:
        raise EditError("The note is empty.", code="note_empty", field="note")
    with transaction.atomic():
        current = _fresh(claim)
        now = timezone.now()
        Claim.objects.filter(pk=current.pk).update(
            note=note, editor_touched_at=Coalesce(F("editor_touched_at"), now), updated_at=now
        )
        return ClaimRevision.objects.create(claim=current, user=user, action=Action.NOTE, note=note)


def revision_is_revertible(revision: ClaimRevision) -> bool:
    """Field changes can be undone; creations, merges, notes and link decisions cannot."""
    if revision.action in (Action.CREATE, Action.MERGE) or not revision.changes:
        return False
    return set(revision.changes) <= REVERTIBLE_FIELDS | {"content", "cue"}


def _actor_for_revert(value: dict[str, Any] | None, field: str) -> Actor | None:
    if value is None:
        return None
    actor_id = value.get("id")
    actor = Actor.objects.filter(pk=actor_id).first() if actor_id is not None else None
    seen = set()
    # The actor may since have been merged: restore the actor it lives on as.
    while actor is not None and actor.merged_into_id is not None and actor.pk not in seen:
        seen.add(actor.pk)
        actor = Actor.objects.filter(pk=actor.merged_into_id).first()
    if actor is None:
        raise EditError(
            f"The earlier {field} {value.get('name')!r} no longer exists.", code="revert_impossible", field=field
        )
    return actor


def claim_revert(*, claim: Claim | int, revision: ClaimRevision, user: Any, expected_version: int) -> Claim:
    """Restore the values a revision replaced, as a new revision that `reverts` it."""
    claim_pk = claim.pk if isinstance(claim, Claim) else claim
    if revision.claim_id != claim_pk:
        raise EditError("That revision belongs to another claim.", code="revision_mismatch")
    if not revision_is_revertible(revision):
        raise EditError(f"A {revision.action!r} revision cannot be reverted.", code="revert_impossible")
    changes: dict[str, Any] = {}
    for field, (before, _after) in revision.changes.items():
        if field in ("content", "cue"):
            continue  # recomputed from the restored span
        if field == "speaker_mention" and "speaker_start" in revision.changes:
            continue
        changes[field] = _actor_for_revert(before, field) if field in ACTOR_FIELDS else before
    return _write_claim(
        claim=claim_pk,
        user=user,
        expected_version=expected_version,
        changes=changes,
        action=Action.REVERT,
        note=f"Reverts revision {revision.pk} ({revision.action}).",
        reverts=revision,
    )


@dataclass(frozen=True)
class ClaimDraft:
    """What an editor types for a new claim (offsets into the article text)."""

    content_start: int
    content_end: int
    cue_start: int
    cue_end: int
    speaker: Actor | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_mention: str = ""
    kind: str = Claim.Kind.INDIRECT
    stance: str = Claim.Stance.ASSERTS
    via: Actor | None = None
    note: str = ""


def claim_create(*, article: Article, user: Any, draft: ClaimDraft) -> Claim:
    """A claim the machine missed, made by an editor: verified, and never replaced by re-extraction."""
    require_editor(user)
    text = article.text
    # Nothing set yet: every span of the draft is new, so every one is checked.
    placeholder = Claim(article=article)
    changes: dict[str, Any] = {
        "content_start": draft.content_start,
        "content_end": draft.content_end,
        "cue_start": draft.cue_start,
        "cue_end": draft.cue_end,
        "speaker": draft.speaker,
        "via": draft.via,
        "kind": draft.kind,
        "stance": draft.stance,
    }
    if draft.speaker_start is not None or draft.speaker_end is not None:
        changes.update(speaker_start=draft.speaker_start, speaker_end=draft.speaker_end)
    elif draft.speaker_mention:
        changes["speaker_mention"] = draft.speaker_mention
    values = _resolved_values(placeholder, text, changes)
    spans = [(values["content_start"], values["content_end"]), (values["cue_start"], values["cue_end"])]
    if values.get("speaker_start") is not None:
        spans.append((values["speaker_start"], values["speaker_end"]))
    now = timezone.now()
    with transaction.atomic():
        claim = Claim.objects.create(
            article=article,
            **values,
            sentence_start=min(s for s, _ in spans),
            sentence_end=max(e for _, e in spans),
            confidence=1.0,
            origin=Origin.EDITOR,
            review_status=Claim.ReviewStatus.VERIFIED,
            note=draft.note.strip(),
            editor_touched_at=now,
        )
        ClaimRevision.objects.create(
            claim=claim,
            user=user,
            action=Action.CREATE,
            changes={field: [None, _json_value(claim, field)] for field in sorted(values)},
            note=draft.note.strip(),
        )
    return _fresh(claim)
