"""Reading claims with the UI's filters, and editors' corrections through the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimRevision
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_a_claim_reads_with_its_speaker_spans_and_version(analyst_client):
    claim = ClaimFactory(stance="denies")
    body = analyst_client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["speaker"] == {"id": claim.speaker_id, "name": claim.speaker.name}
    assert body["content"] == claim.article.text[body["content_start"] : body["content_end"]]
    assert body["stance"] == "denies"
    assert body["version"] == 1
    assert body["article"] == claim.article_id


def test_claims_filter_by_stance_speaker_article_and_review_status(analyst_client):
    denial = ClaimFactory(stance="denies")
    assertion = ClaimFactory(stance="asserts", review_status="verified")
    assert ids(analyst_client.get("/api/v1/claims/", {"stance": "denies"})) == [denial.pk]
    assert ids(analyst_client.get("/api/v1/claims/", {"speaker": assertion.speaker_id})) == [assertion.pk]
    assert ids(analyst_client.get("/api/v1/claims/", {"article": denial.article_id})) == [denial.pk]
    assert ids(analyst_client.get("/api/v1/claims/", {"review_status": "verified"})) == [assertion.pk]


def test_search_is_full_text_over_the_content(analyst_client):
    budget = ClaimFactory(article=ArticleFactory(text="The minister said that the budgets would pass."))
    ClaimFactory(article=ArticleFactory(text="The minister said that the bridge would fall."))
    # Full text: "budget" finds "budgets" (stemming); q is the UI's name for the same filter.
    assert ids(analyst_client.get("/api/v1/claims/", {"search": "budget"})) == [budget.pk]
    assert ids(analyst_client.get("/api/v1/claims/", {"q": "budget"})) == [budget.pk]


def test_updated_since_returns_only_claims_changed_from_then(analyst_client):
    old, recent = ClaimFactory.create_batch(2)
    since = timezone.now() - timedelta(minutes=5)
    Claim.objects.filter(pk=old.pk).update(updated_at=since - timedelta(hours=1))
    assert ids(analyst_client.get("/api/v1/claims/", {"updated_since": since.isoformat()})) == [recent.pk]


def test_ordering_is_chosen_by_the_client(analyst_client):
    first, second, third = ClaimFactory.create_batch(3)
    assert ids(analyst_client.get("/api/v1/claims/", {"ordering": "-id"})) == [third.pk, second.pk, first.pk]
    assert ids(analyst_client.get("/api/v1/claims/")) == [first.pk, second.pk, third.pk]  # updated_at, id


def test_an_editor_corrects_stance_kind_speaker_and_via(editor_client, editor):
    claim = ClaimFactory(stance="asserts", kind="indirect")
    speaker, via = ActorFactory(), ActorFactory()
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"version": 1, "stance": "denies", "kind": "direct", "speaker": speaker.pk, "via": via.pk, "reason": "Misread"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["stance"], body["kind"], body["speaker"]["id"], body["via"]["id"]) == (
        "denies",
        "direct",
        speaker.pk,
        via.pk,
    )
    assert body["version"] == 2
    assert body["review_status"] == "corrected"
    assert body["editor_touched_at"] is not None

    revision = ClaimRevision.objects.get(claim=claim)
    assert (revision.user, revision.action, revision.note) == (editor, "update", "Misread")
    assert revision.changes["stance"] == ["asserts", "denies"]
    assert revision.changes["speaker"] == [
        {"id": claim.speaker_id, "name": claim.speaker.name},
        {"id": speaker.pk, "name": speaker.name},
    ]
    assert revision.changes["via"] == [None, {"id": via.pk, "name": via.name}]


def test_a_content_span_correction_takes_the_content_from_the_article_text(editor_client):
    claim = ClaimFactory()  # "The minister said that the budget N would pass."
    text = claim.article.text
    start = text.index("the budget")
    end = text.index(" would")
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "content_start": start, "content_end": end}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["content"] == text[start:end]
    claim.refresh_from_db()
    assert (claim.content, claim.content_start, claim.content_end) == (text[start:end], start, end)


@pytest.mark.parametrize(
    ("span", "field"),
    [((5, 10_000), "content_start"), ((10, 10), "content_start"), ((12, 13), "content_start")],
    ids=["outside-the-text", "empty", "only-a-space"],
)
def test_a_content_span_that_does_not_fit_the_text_is_refused(editor_client, span, field):
    claim = ClaimFactory()
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "content_start": span[0], "content_end": span[1]}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    claim.refresh_from_db()
    assert claim.version == 1 and not claim.revisions.exists()


def test_white_space_at_the_edges_of_a_content_span_is_dropped(editor_client):
    claim = ClaimFactory()
    text = claim.article.text
    start, end = text.index(" the budget"), text.index(" would") + 1  # a space at each end
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "content_start": start, "content_end": end}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["content_start"], body["content_end"]) == (start + 1, end - 1)
    assert body["content"] == text[start + 1 : end - 1]


def test_a_stale_version_is_refused_with_409_and_the_current_claim(editor_client):
    claim = ClaimFactory(stance="asserts")
    first = editor_client.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "stance": "denies"}, format="json")
    assert first.status_code == 200
    stale = editor_client.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "stance": "doubts"}, format="json")
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    assert error["current"]["version"] == 2
    assert error["current"]["stance"] == "denies"
    claim.refresh_from_db()
    assert claim.stance == "denies"
    assert claim.revisions.count() == 1


def test_a_correction_without_version_is_refused(editor_client):
    claim = ClaimFactory()
    response = editor_client.patch(f"/api/v1/claims/{claim.pk}/", {"stance": "denies"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]


def test_an_editor_verifies_a_claim(editor_client, editor):
    claim = ClaimFactory()
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/verify/", {"version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["review_status"] == "verified"
    assert response.json()["version"] == 2
    revision = claim.revisions.get()
    assert (revision.action, revision.user, revision.changes) == (
        "verify",
        editor,
        {"review_status": ["unreviewed", "verified"]},
    )


def test_rejecting_needs_a_reason_and_keeps_it(editor_client):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/reject/"
    missing = editor_client.post(url, {"version": 1}, format="json")
    assert missing.status_code == 400
    assert "reason" in missing.json()["error"]["fields"]

    response = editor_client.post(url, {"version": 1, "reason": "The speaker is quoting a rumour."}, format="json")
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.review_status == "rejected"
    assert claim.review_reason == "The speaker is quoting a rumour."
    assert claim.editor_touched_at is not None
    assert claim in Claim.objects.editor_touched()


def test_a_note_goes_into_the_history_without_correcting_the_claim(editor_client, editor):
    claim = ClaimFactory()
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "note": "Check with the desk."}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["note"], body["review_status"], body["version"]) == ("Check with the desk.", "unreviewed", 1)
    assert body["editor_touched_at"] is not None
    assert body["updated_at"] > body["created_at"]  # incremental sync still sees it
    revision = claim.revisions.get()
    assert (revision.action, revision.user, revision.note) == ("note", editor, "Check with the desk.")


def test_a_blank_note_is_refused_before_anything_is_written(editor_client):
    claim = ClaimFactory(stance="asserts")
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "stance": "denies", "note": "   "}, format="json"
    )
    assert response.status_code == 400
    assert "note" in response.json()["error"]["fields"]
    claim.refresh_from_db()
    assert (claim.stance, claim.version) == ("asserts", 1)
