"""Cross-referencing never undoes an editor: story placements and judged links stay as they are."""

import pytest
from django.contrib.auth.models import Group

from articles.models import Article
from claims.crossref import article_crossref
from claims.editing import claim_story_set
from claims.models import Claim, ClaimLink, Origin, Story
from tests.claims.labelled_stories import load_labelled_set


def crossref_all() -> None:
    for article_id in Article.objects.order_by("published_at", "id").values_list("id", flat=True):
        article_crossref(article_id=article_id)


def claim_with(text: str) -> Claim:
    return Claim.objects.get(content__contains=text)


@pytest.mark.django_db
def test_a_claim_an_editor_placed_or_removed_stays_where_the_editor_left_it(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    editor.groups.add(Group.objects.get(name="editor"))
    load_labelled_set()
    crossref_all()
    lagarde = claim_with("inflation in the euro area")
    denial = claim_with("that Ukraine attacked the Kremlin")
    kremlin_story = denial.story
    # The editor files Lagarde's claim under the drone story and takes the denial out of it.
    claim_story_set(claim=lagarde, story=kremlin_story, user=editor, expected_version=lagarde.version)
    claim_story_set(claim=denial, story=None, user=editor, expected_version=denial.version)

    crossref_all()

    assert Claim.objects.get(pk=lagarde.pk).story == kremlin_story
    assert Claim.objects.get(pk=denial.pk).story is None
    assert Story.objects.filter(pk=kremlin_story.pk).exists()


@pytest.mark.django_db
def test_links_an_editor_made_confirmed_or_dismissed_are_never_changed_by_the_machine(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    load_labelled_set()
    crossref_all()
    suggested = ClaimLink.objects.filter(origin=Origin.MACHINE, status=ClaimLink.Status.SUGGESTED)
    confirmed, dismissed = suggested.order_by("id")[:2]
    ClaimLink.objects.filter(pk=confirmed.pk).update(status=ClaimLink.Status.CONFIRMED, score=0.01)
    ClaimLink.objects.filter(pk=dismissed.pk).update(status=ClaimLink.Status.DISMISSED)
    # An editor's own link between claims the machine would never relate.
    own = ClaimLink.objects.create(
        source=claim_with("inflation in the euro area"),
        target=claim_with("temperatures in Seville"),
        relation=ClaimLink.Relation.SUPPORTS,
        origin=Origin.EDITOR,
        status=ClaimLink.Status.CONFIRMED,
        created_by=editor,
    )
    before = {
        pk: (row.relation, row.status, row.score, row.updated_at)
        for pk, row in ClaimLink.objects.in_bulk([confirmed.pk, dismissed.pk, own.pk]).items()
    }

    crossref_all()

    after = {
        pk: (row.relation, row.status, row.score, row.updated_at)
        for pk, row in ClaimLink.objects.in_bulk([confirmed.pk, dismissed.pk, own.pk]).items()
    }
    assert after == before
    # The dismissed suggestion is not made again under another relation either.
    pair = {dismissed.source_id, dismissed.target_id}
    assert ClaimLink.objects.filter(source_id__in=pair, target_id__in=pair).count() == 1


@pytest.mark.django_db
def test_a_machine_story_that_loses_its_claims_is_dissolved():
    load_labelled_set()
    crossref_all()
    runoff_story = claim_with("the presidential runoff would be fair").story
    assert runoff_story is not None
    Claim.objects.filter(content__contains="the presidential runoff would be fair").update(
        review_status=Claim.ReviewStatus.REJECTED
    )

    crossref_all()

    assert not Story.objects.filter(pk=runoff_story.pk).exists()
    assert claim_with("no candidate won more than half").story is None
