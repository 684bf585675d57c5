"""Every error has one JSON shape with per-field messages, and bad input is never a 500."""

from __future__ import annotations

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status
    assert error["code"] and error["message"]
    return error


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "eyJvIjoidXBkYXRlZF9hdCIsInYiOiJ4IiwiaSI6MX0"}, "cursor"),  # a date that is not one
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"published_after": "2026-13-45"}, "published_after"),
        ({"speaker": "abc"}, "speaker"),
        ({"speaker": "99999999999999999999999"}, "speaker"),
        ({"stance": "shouts"}, "stance"),
        ({"page_size": "1000000"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"ordering": "content"}, "ordering"),
    ],
)
def test_bad_query_parameters_are_400_with_the_field_named(analyst_client, params, field):
    ClaimFactory()
    error = error_of(analyst_client.get("/api/v1/claims/", params), 400)
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]
    assert error["fields"][field] and all(isinstance(message, str) for message in error["fields"][field])


def test_a_body_that_is_not_json_is_400(editor_client):
    claim = ClaimFactory()
    response = editor_client.generic(
        "PATCH", f"/api/v1/claims/{claim.pk}/", "{not json", content_type="application/json"
    )
    assert error_of(response, 400)["code"] == "parse_error"


def test_a_body_of_another_media_type_is_415(editor_client):
    response = editor_client.post("/api/v1/articles/", {"text": "x"}, format="multipart")
    assert error_of(response, 415)["code"] == "unsupported_media_type"


def test_a_json_body_of_the_wrong_shape_is_400(editor_client):
    response = editor_client.post("/api/v1/articles/", ["a", "list"], format="json")
    assert error_of(response, 400)["code"] == "invalid"


def test_unauthenticated_is_401(anonymous_client):
    assert error_of(anonymous_client.get("/api/v1/claims/"), 401)["code"] == "not_authenticated"


def test_forbidden_is_403(analyst_client):
    claim = ClaimFactory()
    response = analyst_client.post(f"/api/v1/claims/{claim.pk}/verify/", {"version": 1}, format="json")
    assert error_of(response, 403)["code"] == "permission_denied"


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/424242/", "/api/v1/claims/abc/", "/api/v1/claims/99999999999999999999/"]
)
def test_a_missing_or_malformed_id_is_404(analyst_client, url):
    assert error_of(analyst_client.get(url), 404)["code"] == "not_found"


def test_a_missing_claim_is_404_in_the_error_shape(analyst_client):
    assert error_of(analyst_client.get("/api/v1/claims/424242/"), 404)["code"] == "not_found"


def test_a_stale_version_is_409_with_the_current_claim(editor_client):
    claim = ClaimFactory(version=3)
    error = error_of(editor_client.post(f"/api/v1/claims/{claim.pk}/verify/", {"version": 2}, format="json"), 409)
    assert error["code"] == "conflict"
    assert error["current"]["id"] == claim.pk
    assert error["current"]["version"] == 3


def test_a_method_not_allowed_is_405(editor_client):
    claim = ClaimFactory()
    assert error_of(editor_client.delete(f"/api/v1/claims/{claim.pk}/"), 405)["code"] == "method_not_allowed"


def test_too_many_requests_from_one_token_is_429_and_other_tokens_are_not_affected(
    settings, analyst_client, editor_client, anonymous_client
):
    settings.API_THROTTLE_RATE = "3/minute"
    settings.API_ANONYMOUS_READ = True
    for _ in range(3):
        assert analyst_client.get("/api/v1/claims/").status_code == 200
    response = analyst_client.get("/api/v1/claims/")
    error = error_of(response, 429)
    assert error["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert error["retry_after"] == int(response["Retry-After"])
    # Each token and the anonymous readers have their own budget.
    assert editor_client.get("/api/v1/claims/").status_code == 200
    assert anonymous_client.get("/api/v1/claims/").status_code == 200


def test_a_body_far_larger_than_any_article_is_413_without_being_parsed(editor_client, settings):
    settings.INGEST_MAX_BYTES = 1000
    huge = '{"text": "' + "x" * 70_000 + '"}'
    response = editor_client.generic("POST", "/api/v1/articles/", huge, content_type="application/json")
    assert error_of(response, 413)["code"] == "too_large"


def test_a_text_over_the_ingest_limit_is_a_field_error(editor_client, settings):
    settings.INGEST_MAX_BYTES = 1000
    response = editor_client.post("/api/v1/articles/", {"text": "word " * 300}, format="json")
    assert "text" in error_of(response, 400)["fields"]


@pytest.mark.parametrize("name", ["updated_since", "speaker", "stance", "ordering", "page_size"])
def test_an_empty_typed_parameter_is_400_not_ignored(analyst_client, name):
    error = error_of(analyst_client.get("/api/v1/claims/", {name: ""}), 400)
    assert list(error["fields"]) == [name]


@pytest.mark.parametrize("name", ["search", "q", "cursor"])
def test_an_empty_search_or_cursor_means_none(analyst_client, name):
    claim = ClaimFactory()
    response = analyst_client.get("/api/v1/claims/", {name: ""})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [claim.pk]


def test_an_article_between_djangos_upload_limit_and_the_ingest_limit_is_accepted(editor_client, settings):
    """Before: Django's 2.5 MiB DATA_UPLOAD_MAX_MEMORY_SIZE answered an HTML 400 below INGEST_MAX_BYTES."""
    settings.INGEST_MAX_BYTES = 5_000_000
    paragraph = "The minister said that the harbour would reopen in the spring of next year.\n\n"
    text = paragraph * (3_000_000 // len(paragraph))
    response = editor_client.post("/api/v1/articles/", {"text": text}, format="json")
    assert response.status_code == 202, response.content[:300]


def test_a_body_over_the_limit_is_the_json_413_whatever_djangos_own_limit(editor_client, settings):
    settings.INGEST_MAX_BYTES = 5_000_000
    huge = '{"text": "' + "x" * 10_200_000 + '"}'
    response = editor_client.generic("POST", "/api/v1/articles/", huge, content_type="application/json")
    assert error_of(response, 413)["code"] == "too_large"
