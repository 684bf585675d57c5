"""Claim links through the API: editors create, confirm and dismiss them."""

from __future__ import annotations

import pytest

from claims.models import ClaimLink
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_links_list_filters_by_claim_relation_and_status(analyst_client):
    a, b, c = ClaimFactory.create_batch(3)
    same = ClaimLink.objects.create(source=a, target=b, relation="same")
    contra = ClaimLink.objects.create(source=b, target=c, relation="contradicts", status="confirmed")
    rows = analyst_client.get("/api/v1/links/", {"claim": b.pk}).json()["results"]
    assert [row["id"] for row in rows] == [same.pk, contra.pk]
    assert [r["id"] for r in analyst_client.get("/api/v1/links/", {"relation": "contradicts"}).json()["results"]] == [
        contra.pk
    ]
    assert [r["id"] for r in analyst_client.get("/api/v1/links/", {"status": "suggested"}).json()["results"]] == [
        same.pk
    ]


def test_an_editor_links_two_claims_and_both_remember_it(editor_client, editor):
    source, target = ClaimFactory.create_batch(2)
    response = editor_client.post(
        "/api/v1/links/", {"source": source.pk, "target": target.pk, "relation": "contradicts"}, format="json"
    )
    assert response.status_code == 201, response.content
    link = ClaimLink.objects.get(pk=response.json()["id"])
    assert (link.origin, link.status, link.created_by) == ("editor", "confirmed", editor)
    for claim in (source, target):
        claim.refresh_from_db()
        assert claim.editor_touched_at is not None  # re-extraction must not delete the link with the claim
        revision = claim.revisions.get()
        assert (revision.action, revision.user) == ("link_create", editor)
        assert revision.changes["link"][0] is None
        assert revision.changes["link"][1]["relation"] == "contradicts"

    again = editor_client.post(
        "/api/v1/links/", {"source": source.pk, "target": target.pk, "relation": "contradicts"}, format="json"
    )
    assert again.status_code == 200
    assert again.json()["id"] == link.pk


def test_a_claim_cannot_be_linked_to_itself(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        "/api/v1/links/", {"source": claim.pk, "target": claim.pk, "relation": "same"}, format="json"
    )
    assert response.status_code == 400
    assert "target" in response.json()["error"]["fields"]


def test_a_link_to_a_missing_claim_is_a_field_error(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        "/api/v1/links/", {"source": claim.pk, "target": 999_999, "relation": "same"}, format="json"
    )
    assert response.status_code == 400
    assert "target" in response.json()["error"]["fields"]


@pytest.mark.parametrize(("action", "status"), [("confirm", "confirmed"), ("dismiss", "dismissed")])
def test_an_editor_judges_a_suggested_link(editor_client, editor, action, status):
    source, target = ClaimFactory.create_batch(2)
    link = ClaimLink.objects.create(source=source, target=target, relation="same", score=0.8)
    response = editor_client.post(f"/api/v1/links/{link.pk}/{action}/", {"note": "Read both."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == status
    for claim in (source, target):
        revision = claim.revisions.get()
        assert (revision.action, revision.user, revision.note) == (f"link_{action}", editor, "Read both.")
        before, after = revision.changes["link"]
        assert (before, after["id"], after["status"]) == ("suggested", link.pk, status)
