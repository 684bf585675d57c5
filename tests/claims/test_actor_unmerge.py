"""A recorded merge is reversible: what moved comes back, except what editors changed since."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from claims import editing
from claims.editing import EditError
from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimEntity
from claims.selectors import actor_list
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_undoing_a_merge_moves_back_claims_mentions_names_and_the_wikidata_id(editor) -> None:  # type: ignore[no-untyped-def]
    survivor = ActorFactory(name="Dmitry Peskov")
    duplicate = ActorFactory(name="Peskov spokesman", wikidata_id="Q123")
    said = ClaimFactory(speaker=duplicate)
    relayed = ClaimFactory(via=duplicate)
    kept = ClaimFactory(speaker=survivor)
    mention = ClaimEntity.objects.create(claim=kept, actor=duplicate, text="x", label="PER", start=0, end=1)
    merge = editing.actor_merge(source=duplicate, into=survivor, user=editor)
    survivor.refresh_from_db()
    assert survivor.wikidata_id == "Q123"

    # After the merge an editor gives one moved claim to somebody else: the undo leaves it there.
    other = ActorFactory(name="Someone Else")
    said.refresh_from_db()
    editing.claim_update(claim=said, user=editor, expected_version=said.version, changes={"speaker": other})

    restored = editing.actor_unmerge(merge=merge, user=editor)

    assert restored.pk == duplicate.pk and restored.merged_into_id is None and restored.wikidata_id == "Q123"
    survivor.refresh_from_db()
    assert survivor.wikidata_id is None
    relayed.refresh_from_db()
    said.refresh_from_db()
    assert relayed.via_id == duplicate.pk
    assert said.speaker_id == other.pk  # changed hands since the merge: left as the editor set it
    assert Claim.objects.get(pk=kept.pk).speaker_id == survivor.pk
    assert ClaimEntity.objects.get(pk=mention.pk).actor_id == duplicate.pk
    assert ActorAlias.objects.get(normalized="peskov spokesman").actor_id == duplicate.pk
    assert relayed.revisions.filter(action="unmerge").count() == 1
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == editor

    with pytest.raises(EditError) as again:
        editing.actor_unmerge(merge=merge, user=editor)
    assert again.value.code == "merge_not_undoable"


def test_a_merge_recorded_without_details_is_not_undone(editor) -> None:  # type: ignore[no-untyped-def]
    survivor, gone = ActorFactory(), ActorFactory()
    Actor.objects.filter(pk=gone.pk).update(merged_into=survivor)
    merge = ActorMerge.objects.create(into=survivor, merged_name=gone.name, merged_actor_id=gone.pk)
    with pytest.raises(EditError, match="cannot be undone"):
        editing.actor_unmerge(merge=merge, user=editor)


def test_analysts_cannot_undo_a_merge(editor, analyst) -> None:  # type: ignore[no-untyped-def]
    merge = editing.actor_merge(source=ActorFactory(), into=ActorFactory(), user=editor)
    with pytest.raises(PermissionDenied):
        editing.actor_unmerge(merge=merge, user=analyst)
    merge.refresh_from_db()
    assert merge.undone_at is None


def test_actor_search_puts_the_exact_name_first() -> None:
    exact = ActorFactory(name="White House")
    ClaimFactory.create_batch(1, speaker=exact)
    longer = ActorFactory(name="White House press secretary White House")
    ClaimFactory.create_batch(3, speaker=longer)
    assert [a.pk for a in actor_list(query="white house")][:2] == [exact.pk, longer.pk]
