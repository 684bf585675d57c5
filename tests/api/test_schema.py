"""The OpenAPI schema and its interactive docs, served without any CDN."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from tests.api.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_with_every_endpoint_and_the_sync_guide(anonymous_client):
    response = anonymous_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/articles/",
        "/api/v1/articles/{id}/retry/",
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/verify/",
        "/api/v1/claims/{id}/reject/",
        "/api/v1/claims/export.csv",
        "/api/v1/claims/export.jsonl",
        "/api/v1/actors/",
        "/api/v1/stories/",
        "/api/v1/links/",
        "/api/v1/links/{id}/confirm/",
    } <= set(schema["paths"])
    assert "updated_since" in schema["info"]["description"]
    claim_filters = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert {
        "search",
        "q",
        "speaker",
        "about",
        "stance",
        "kind",
        "review_status",
        "updated_since",
        "cursor",
    } <= claim_filters
    assert schema["paths"]["/api/v1/claims/{id}/"]["patch"]["responses"]["409"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_load_their_assets_from_this_server(anonymous_client, url):
    response = anonymous_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_api_token_prints_the_same_token_every_time(capsys):
    user = make_user("robot", "analyst")
    call_command("api_token", "robot")
    first = capsys.readouterr().out.strip()
    call_command("api_token", "robot")
    assert capsys.readouterr().out.strip() == first == Token.objects.get(user=user).key


def test_api_token_for_an_unknown_user_fails_with_a_message():
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("api_token", "ghost")


def test_tokens_are_managed_in_the_admin(admin_client):
    make_user("robot", "analyst")
    call_command("api_token", "robot")
    response = admin_client.get("/admin/authtoken/tokenproxy/")
    assert response.status_code == 200
    assert "robot" in response.content.decode()


def test_the_schema_documents_a_url_submission_as_fetching(anonymous_client):
    schema = anonymous_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    create = schema["paths"]["/api/v1/articles/"]["post"]
    assert "`fetching`" in create["description"] and "Could not fetch" not in create["description"]
    statuses = schema["components"]["schemas"]["ArticleStatusEnum"]["enum"]
    assert "fetching" in statuses
