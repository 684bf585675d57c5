"""The OpenAPI schema documents what the server enforces, and the server enforces what it documents."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def request_schema(schema: dict, path: str, method: str) -> dict:
    ref = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_patch_documents_version_as_required_as_the_server_requires_it(schema, editor_client):
    """Before: the PATCH body's schema had every field optional; the server answered 400 without version."""
    assert "version" in request_schema(schema, "/api/v1/claims/{id}/", "patch")["required"]
    claim = ClaimFactory()
    response = editor_client.patch(f"/api/v1/claims/{claim.pk}/", {"stance": "denies"}, format="json")
    assert response.status_code == 400 and "version" in response.json()["error"]["fields"]


def test_reject_documents_reason_as_required_and_verify_does_not(schema, editor_client):
    assert set(request_schema(schema, "/api/v1/claims/{id}/reject/", "post")["required"]) == {"version", "reason"}
    assert request_schema(schema, "/api/v1/claims/{id}/verify/", "post")["required"] == ["version"]
    claim = ClaimFactory()
    for body in ({"version": claim.version}, {"version": claim.version, "reason": ""}):
        response = editor_client.post(f"/api/v1/claims/{claim.pk}/reject/", body, format="json")
        assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/articles/", {"text": 12345}),
        ("/api/v1/articles/", {"text": "The mayor said it would rain.", "title": 7}),
        ("/api/v1/articles/", {"text": "The mayor said it would rain.", "outlet": True}),
    ],
)
def test_string_fields_refuse_numbers_and_booleans(editor_client, url, body):
    """Before: 12345 was stored as the text "12345" although the schema says string."""
    response = editor_client.post(url, body, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {key for key, value in body.items() if not isinstance(value, str)}


def test_a_claim_note_that_is_a_number_is_refused(editor_client):
    claim = ClaimFactory()
    response = editor_client.patch(f"/api/v1/claims/{claim.pk}/", {"version": claim.version, "note": 5}, format="json")
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["note"]


@pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/stories/", "/api/v1/links/", "/api/v1/articles/"])
def test_an_empty_updated_since_is_400_on_every_list(analyst_client, url, schema):
    """Before: 200 on one list and 400 on another."""
    response = analyst_client.get(url, {"updated_since": ""})
    assert response.status_code == 400, (url, response.status_code)
    assert list(response.json()["error"]["fields"]) == ["updated_since"]
