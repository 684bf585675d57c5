"""The editing services: corrections with history, conflicts, reverts, links and actors."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models import F

from claims.editing import (
    Action,
    ClaimConflict,
    ClaimDraft,
    EditError,
    EditPermissionDenied,
    actor_alias_add,
    actor_alias_remove,
    actor_create,
    actor_merge,
    claim_add_note,
    claim_create,
    claim_reject,
    claim_revert,
    claim_update,
    claim_verify,
    link_confirm,
    link_create,
    link_dismiss,
)
from claims.editing import claims as claim_editing
from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimEntity, ClaimLink, ClaimRevision, Origin
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, UserFactory

TEXT = "The minister said that the budget would pass. Critics doubted it, the BBC reported."


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT)


@pytest.fixture
def claim(article):
    content_start, content_end = span(TEXT, "that the budget would pass")
    return ClaimFactory(
        article=article,
        speaker=ActorFactory(name="Finance Minister"),
        content=TEXT[content_start:content_end],
        content_start=content_start,
        content_end=content_end,
    )


@pytest.mark.django_db
def test_speaker_correction_is_recorded_with_before_and_after(claim, editor):
    old_speaker = claim.speaker
    new_speaker = ActorFactory(name="Prime Minister")

    updated = claim_update(claim=claim, user=editor, expected_version=1, changes={"speaker": new_speaker}, note="PM")

    assert updated.speaker == new_speaker
    assert updated.version == 2
    assert updated.editor_touched_at is not None
    assert updated.review_status == Claim.ReviewStatus.CORRECTED
    revision = ClaimRevision.objects.get(claim=claim)
    assert revision.user == editor
    assert revision.action == Action.UPDATE
    assert revision.note == "PM"
    assert revision.changes == {
        "speaker": [
            {"id": old_speaker.pk, "name": "Finance Minister"},
            {"id": new_speaker.pk, "name": "Prime Minister"},
        ],
        "review_status": ["unreviewed", "corrected"],
    }


@pytest.mark.django_db
def test_content_span_is_checked_against_the_text_and_the_content_recomputed(claim, editor):
    start, end = span(TEXT, "the budget would pass")

    # A selection that caught the space before the words is trimmed to them.
    updated = claim_update(
        claim=claim, user=editor, expected_version=1, changes={"content_start": start - 1, "content_end": end}
    )

    assert (updated.content_start, updated.content_end) == (start, end)
    assert updated.content == "the budget would pass"
    changes = ClaimRevision.objects.get(claim=claim).changes
    assert changes["content"] == ["that the budget would pass", "the budget would pass"]
    assert changes["content_start"] == [start - 5, start]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"content_start": 10, "content_end": 500}, "span_out_of_range"),
        ({"content_start": 30, "content_end": 20}, "span_out_of_range"),
        ({"content_start": "x", "content_end": 20}, "span_invalid"),
        ({"content_start": 17, "content_end": 18}, "span_empty"),
        ({"content_start": 18, "content_end": 44, "content": "something else entirely"}, "span_mismatch"),
        ({"content": "a claim text typed in"}, "span_mismatch"),
        ({"stance": "shouts"}, "choice_invalid"),
        ({"confidence": 1.0}, "field_not_editable"),
        ({"review_status": "rejected"}, "reason_required"),
    ],
)
def test_invalid_changes_are_refused_with_a_code_and_nothing_is_written(claim, editor, changes, code):
    with pytest.raises(EditError) as error:
        claim_update(claim=claim, user=editor, expected_version=1, changes=changes)

    assert error.value.code == code
    claim.refresh_from_db()
    assert claim.version == 1
    assert claim.editor_touched_at is None
    assert not ClaimRevision.objects.exists()


@pytest.mark.django_db
def test_speaker_span_sets_the_mention_from_the_text(claim, editor):
    start, end = span(TEXT, "minister")

    updated = claim_update(
        claim=claim, user=editor, expected_version=1, changes={"speaker_start": start, "speaker_end": end}
    )

    assert updated.speaker_mention == "minister"
    assert (updated.speaker_start, updated.speaker_end) == (start, end)


@pytest.mark.django_db
def test_a_stale_version_raises_a_conflict_carrying_the_current_claim(claim, editor):
    first = ActorFactory(name="First Editor's Choice")
    second = ActorFactory(name="Second Editor's Choice")
    claim_update(claim=claim, user=editor, expected_version=1, changes={"speaker": first})

    with pytest.raises(ClaimConflict) as conflict:
        claim_update(claim=claim, user=editor, expected_version=1, changes={"speaker": second})

    assert conflict.value.code == "conflict"
    assert conflict.value.http_status == 409
    assert conflict.value.current.version == 2
    assert conflict.value.current.speaker == first
    claim.refresh_from_db()
    assert claim.speaker == first
    assert ClaimRevision.objects.filter(claim=claim).count() == 1


@pytest.mark.django_db
def test_a_change_committed_between_read_and_write_is_caught_by_the_conditional_update(claim, editor):
    """The version check is the UPDATE's WHERE clause, not only the read before it."""
    real_resolve = claim_editing._resolved_values

    def resolve_then_let_another_editor_save(current, text, changes):
        Claim.objects.filter(pk=current.pk).update(version=F("version") + 1, stance=Claim.Stance.DENIES)
        return real_resolve(current, text, changes)

    with (
        mock.patch.object(claim_editing, "_resolved_values", resolve_then_let_another_editor_save),
        pytest.raises(ClaimConflict) as conflict,
    ):
        claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": Claim.Stance.DOUBTS})

    assert conflict.value.current.stance == Claim.Stance.DENIES
    assert not ClaimRevision.objects.exists()


@pytest.mark.django_db
def test_unchanged_values_record_no_revision(claim, editor):
    same = claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": claim.stance})
    assert same.version == 1
    assert not ClaimRevision.objects.exists()


@pytest.mark.django_db
def test_a_rejected_claim_stays_rejected_when_corrected(claim, editor):
    rejected = claim_reject(claim=claim, user=editor, expected_version=1, reason="Not a claim: a headline.")
    assert rejected.review_status == Claim.ReviewStatus.REJECTED
    assert rejected.review_reason == "Not a claim: a headline."

    corrected = claim_update(claim=claim, user=editor, expected_version=2, changes={"stance": Claim.Stance.DOUBTS})

    assert corrected.review_status == Claim.ReviewStatus.REJECTED
    assert not Claim.objects.visible().filter(pk=claim.pk).exists()


@pytest.mark.django_db
def test_reject_needs_a_reason(claim, editor):
    with pytest.raises(EditError) as error:
        claim_reject(claim=claim, user=editor, expected_version=1, reason="  ")
    assert error.value.code == "reason_required"


@pytest.mark.django_db
def test_verify_marks_the_claim_verified_and_touched(claim, editor):
    verified = claim_verify(claim=claim, user=editor, expected_version=1)

    assert verified.review_status == Claim.ReviewStatus.VERIFIED
    assert verified.editor_touched_at is not None
    assert Claim.objects.verified().filter(pk=claim.pk).exists()
    assert ClaimRevision.objects.get(claim=claim).action == Action.VERIFY


@pytest.mark.django_db
def test_notes_are_kept_in_the_history_and_the_latest_shows_on_the_claim(claim, editor):
    claim_add_note(claim=claim, user=editor, note="Check the transcript.")
    claim_add_note(claim=claim, user=editor, note="Transcript checked.")

    claim.refresh_from_db()
    assert claim.note == "Transcript checked."
    assert claim.editor_touched_at is not None
    assert list(ClaimRevision.objects.filter(claim=claim).values_list("note", flat=True)) == [
        "Transcript checked.",
        "Check the transcript.",
    ]


@pytest.mark.django_db
def test_revert_restores_the_earlier_values_as_a_new_revision(claim, editor):
    original_speaker = claim.speaker
    claim_update(claim=claim, user=editor, expected_version=1, changes={"speaker": ActorFactory()})
    correction = ClaimRevision.objects.get(claim=claim)

    reverted = claim_revert(claim=claim, revision=correction, user=editor, expected_version=2)

    assert reverted.speaker == original_speaker
    assert reverted.review_status == Claim.ReviewStatus.UNREVIEWED
    assert reverted.version == 3
    latest = ClaimRevision.objects.filter(claim=claim).first()
    assert latest.action == Action.REVERT
    assert latest.reverts == correction
    assert latest.changes["speaker"][1] == {"id": original_speaker.pk, "name": original_speaker.name}


@pytest.mark.django_db
def test_revert_of_a_span_change_recomputes_the_content(claim, editor):
    start, end = span(TEXT, "the budget")
    claim_update(claim=claim, user=editor, expected_version=1, changes={"content_start": start, "content_end": end})

    reverted = claim_revert(
        claim=claim, revision=ClaimRevision.objects.get(claim=claim), user=editor, expected_version=2
    )

    assert reverted.content == "that the budget would pass"


@pytest.mark.django_db
def test_revert_is_conflict_checked(claim, editor):
    claim_update(claim=claim, user=editor, expected_version=1, changes={"stance": Claim.Stance.DOUBTS})
    with pytest.raises(ClaimConflict):
        claim_revert(claim=claim, revision=ClaimRevision.objects.get(claim=claim), user=editor, expected_version=1)


@pytest.mark.django_db
def test_revert_to_a_merged_speaker_restores_the_actor_it_was_merged_into(claim, editor):
    original = claim.speaker
    claim_update(claim=claim, user=editor, expected_version=1, changes={"speaker": ActorFactory()})
    survivor = ActorFactory(name="Survivor")
    actor_merge(source=original, into=survivor, user=editor)

    reverted = claim_revert(
        claim=claim,
        revision=ClaimRevision.objects.get(claim=claim, action=Action.UPDATE),
        user=editor,
        expected_version=2,
    )

    assert reverted.speaker == survivor


@pytest.mark.django_db
def test_creations_notes_and_other_claims_revisions_cannot_be_reverted(claim, editor, article):
    other = ClaimFactory(article=article)
    claim_add_note(claim=other, user=editor, note="n")
    with pytest.raises(EditError) as error:
        claim_revert(claim=claim, revision=ClaimRevision.objects.get(claim=other), user=editor, expected_version=1)
    assert error.value.code == "revision_mismatch"
    with pytest.raises(EditError) as error:
        claim_revert(claim=other, revision=ClaimRevision.objects.get(claim=other), user=editor, expected_version=1)
    assert error.value.code == "revert_impossible"


@pytest.mark.django_db
def test_editor_created_claim_is_verified_and_owned_by_the_editor(article, editor):
    speaker = ActorFactory(name="Critics")
    content = (TEXT.index("doubted it") + 8, TEXT.index("doubted it") + 10)
    cue = span(TEXT, "doubted")
    mention = span(TEXT, "Critics")

    claim = claim_create(
        article=article,
        user=editor,
        draft=ClaimDraft(
            content_start=content[0],
            content_end=content[1],
            cue_start=cue[0],
            cue_end=cue[1],
            speaker=speaker,
            speaker_start=mention[0],
            speaker_end=mention[1],
            stance=Claim.Stance.DOUBTS,
        ),
    )

    assert claim.origin == Origin.EDITOR
    assert claim.review_status == Claim.ReviewStatus.VERIFIED
    assert (claim.content, claim.cue, claim.speaker_mention) == ("it", "doubted", "Critics")
    assert (claim.sentence_start, claim.sentence_end) == (mention[0], content[1])
    revision = ClaimRevision.objects.get(claim=claim)
    assert revision.action == Action.CREATE
    assert revision.changes["speaker"] == [None, {"id": speaker.pk, "name": "Critics"}]


@pytest.mark.django_db
def test_editor_created_claim_spans_are_validated(article, editor):
    with pytest.raises(EditError) as error:
        claim_create(
            article=article, user=editor, draft=ClaimDraft(content_start=5, content_end=999, cue_start=0, cue_end=3)
        )
    assert error.value.code == "span_out_of_range"
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_linking_confirms_a_machine_suggestion_for_the_same_pair(claim, article, editor):
    other = ClaimFactory(article=article)
    suggestion = ClaimLink.objects.create(source=other, target=claim, relation=ClaimLink.Relation.SAME, score=0.8)

    link = link_create(source=claim, target=other, relation=ClaimLink.Relation.SAME, user=editor)

    assert link.pk == suggestion.pk
    assert link.status == ClaimLink.Status.CONFIRMED
    assert link.origin == Origin.MACHINE
    assert ClaimLink.objects.count() == 1
    assert Claim.objects.filter(editor_touched_at__isnull=False).count() == 2
    assert ClaimRevision.objects.filter(action=Action.LINK_CONFIRM).count() == 2


@pytest.mark.django_db
def test_linking_makes_a_confirmed_editor_link(claim, article, editor):
    other = ClaimFactory(article=article)

    link = link_create(source=claim, target=other, relation=ClaimLink.Relation.SUPPORTS, user=editor)

    assert (link.origin, link.status, link.created_by) == (Origin.EDITOR, ClaimLink.Status.CONFIRMED, editor)
    with pytest.raises(EditError) as error:
        link_create(source=claim, target=claim, relation=ClaimLink.Relation.SAME, user=editor)
    assert error.value.code == "link_self"


@pytest.mark.django_db
def test_dismissed_and_confirmed_suggestions(claim, article, editor):
    first = ClaimLink.objects.create(source=claim, target=ClaimFactory(article=article), relation="contradicts")
    second = ClaimLink.objects.create(source=claim, target=ClaimFactory(article=article), relation="same")

    assert link_dismiss(link=first, user=editor).status == ClaimLink.Status.DISMISSED
    assert link_confirm(link=second, user=editor).status == ClaimLink.Status.CONFIRMED
    assert ClaimLink.objects.get(pk=first.pk).status == ClaimLink.Status.DISMISSED


@pytest.mark.django_db
def test_actor_create_refuses_a_name_that_belongs_to_another_actor(editor):
    existing = ActorFactory(name="Dmitry Peskov")

    with pytest.raises(EditError) as error:
        actor_create(user=editor, name="dmitry  peskov", kind=Actor.Kind.PERSON)

    assert error.value.code == "alias_taken"
    assert "Dmitry Peskov" in error.value.message and str(existing.pk) in error.value.message
    created = actor_create(user=editor, name="Maria Zakharova", kind=Actor.Kind.PERSON)
    assert created.aliases.get().origin == Origin.EDITOR


@pytest.mark.django_db
def test_alias_add_refuses_another_actors_name_and_adopts_a_machine_alias(editor):
    kremlin = ActorFactory(name="Kremlin")
    peskov = ActorFactory(name="Dmitry Peskov")
    machine_alias = ActorAlias.objects.create(actor=kremlin, name="Moscow", normalized="moscow")

    with pytest.raises(EditError) as error:
        actor_alias_add(actor=kremlin, name="dmitry peskov's", user=editor)
    assert error.value.code == "alias_taken"
    assert peskov.aliases.count() == 1

    assert actor_alias_add(actor=kremlin, name="moscow", user=editor).pk == machine_alias.pk
    machine_alias.refresh_from_db()
    assert machine_alias.origin == Origin.EDITOR
    added = actor_alias_add(actor=kremlin, name="the Russian presidency", user=editor)
    assert (added.normalized, added.origin) == ("russian presidency", Origin.EDITOR)

    actor_alias_remove(alias=added, user=editor)
    assert not ActorAlias.objects.filter(pk=added.pk).exists()
    with pytest.raises(EditError) as error:
        actor_alias_remove(alias=kremlin.aliases.get(normalized="kremlin"), user=editor)
    assert error.value.code == "alias_is_name"


@pytest.mark.django_db
def test_actor_merge_moves_claims_mentions_and_aliases(article, editor):
    duplicate = ActorFactory(name="V. Zelensky")
    survivor = ActorFactory(name="Volodymyr Zelensky")
    spoken = ClaimFactory(article=article, speaker=duplicate)
    relayed = ClaimFactory(article=article, via=duplicate)
    mention = ClaimEntity.objects.create(
        claim=relayed, actor=duplicate, text="Zelensky", label="PERSON", start=0, end=1
    )
    earlier = ActorFactory(name="Zelenskyy", merged_into=duplicate)

    merge = actor_merge(source=duplicate, into=survivor, user=editor)

    assert (merge.moved_claims, merge.moved_aliases, merge.merged_name) == (2, 1, "V. Zelensky")
    assert ActorMerge.objects.get().user == editor
    spoken.refresh_from_db()
    relayed.refresh_from_db()
    assert spoken.speaker == survivor and relayed.via == survivor
    assert spoken.version == 2
    assert ClaimRevision.objects.get(claim=spoken, action=Action.MERGE).changes["speaker"][1]["id"] == survivor.pk
    mention.refresh_from_db()
    assert mention.actor == survivor
    assert set(survivor.aliases.values_list("normalized", flat=True)) == {"v zelensky", "volodymyr zelensky"}
    duplicate.refresh_from_db()
    earlier.refresh_from_db()
    assert duplicate.merged_into == survivor and earlier.merged_into == survivor

    with pytest.raises(EditError) as error:
        actor_merge(source=duplicate, into=survivor, user=editor)
    assert error.value.code == "actor_merged"
    with pytest.raises(EditError) as error:
        claim_update(claim=spoken, user=editor, expected_version=2, changes={"speaker": duplicate})
    assert error.value.code == "actor_merged"


def _every_write(claim: Claim, other: Claim, actor: Actor, user) -> list:
    link = ClaimLink.objects.create(source=claim, target=other, relation="same")
    spare_alias = ActorAlias.objects.create(actor=actor, name="Spare Name", normalized="spare name")
    return [
        lambda: claim_update(claim=claim, user=user, expected_version=1, changes={"stance": "denies"}),
        lambda: claim_verify(claim=claim, user=user, expected_version=1),
        lambda: claim_reject(claim=claim, user=user, expected_version=1, reason="no"),
        lambda: claim_add_note(claim=claim, user=user, note="n"),
        lambda: claim_create(
            article=claim.article,
            user=user,
            draft=ClaimDraft(content_start=18, content_end=44, cue_start=13, cue_end=17),
        ),
        lambda: link_create(source=claim, target=other, relation="supports", user=user),
        lambda: link_confirm(link=link, user=user),
        lambda: link_dismiss(link=link, user=user),
        lambda: actor_create(user=user, name="Somebody New"),
        lambda: actor_alias_add(actor=actor, name="Another Name", user=user),
        lambda: actor_alias_remove(alias=spare_alias, user=user),
        lambda: actor_merge(source=actor, into=claim.speaker, user=user),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "active"), [("analyst", True), (None, True), ("editor", False)])
def test_only_active_editors_can_write(claim, article, role, active):
    user = UserFactory(role=role, is_active=active)
    writes = _every_write(claim, ClaimFactory(article=article), ActorFactory(), user)
    revisions_before = ClaimRevision.objects.count()

    for write in writes:
        with pytest.raises(EditPermissionDenied):
            write()

    assert ClaimRevision.objects.count() == revisions_before
    claim.refresh_from_db()
    assert claim.version == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_can_make_every_write(claim, article, role):
    user = UserFactory(role=role)
    writes = _every_write(claim, ClaimFactory(article=article), ActorFactory(), user)
    # Each write is independent; a fresh claim version per claim_* write keeps them from conflicting.
    for write in writes:
        Claim.objects.filter(pk=claim.pk).update(version=1, review_status="unreviewed")
        write()


@pytest.mark.django_db
def test_resubmitting_every_field_unchanged_changes_nothing(article, editor):
    """A form sends all fields: spans left as they were (an implicit mention, untrimmed edges) stay as they are."""
    start = TEXT.index(" that the budget")
    claim = ClaimFactory(
        article=article,
        speaker_mention="he",
        speaker_start=None,
        speaker_end=None,
        content=TEXT[start : start + 27],
        content_start=start,
        content_end=start + 27,
    )
    every_field = {
        "speaker": claim.speaker,
        "via": None,
        "speaker_start": None,
        "speaker_end": None,
        "cue_start": claim.cue_start,
        "cue_end": claim.cue_end,
        "content_start": claim.content_start,
        "content_end": claim.content_end,
        "stance": claim.stance,
        "kind": claim.kind,
    }

    same = claim_update(claim=claim, user=editor, expected_version=1, changes=every_field)

    assert (same.version, same.speaker_mention, same.content_start) == (1, "he", start)
    assert not ClaimRevision.objects.exists()
