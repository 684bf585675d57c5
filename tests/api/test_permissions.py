"""Who may read and who may write, through tokens and browser sessions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from claims.models import ClaimLink
from tests.api.conftest import make_user, token_client
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

READ_URLS = [
    "/api/v1/articles/",
    "/api/v1/claims/",
    "/api/v1/actors/",
    "/api/v1/stories/",
    "/api/v1/links/",
    "/api/v1/claims/export.csv",
    "/api/v1/claims/export.jsonl",
]


@pytest.fixture
def writes() -> list[tuple[str, str, dict]]:
    """One request per write endpoint, each valid for an editor."""
    claim, verified, rejected, other = ClaimFactory.create_batch(4)
    link = ClaimLink.objects.create(source=claim, target=other, relation=ClaimLink.Relation.SAME)
    failed = ArticleFactory(status="failed")
    return [
        ("post", "/api/v1/articles/", {"text": "The mayor said the bridge would reopen in May."}),
        ("post", f"/api/v1/articles/{failed.pk}/retry/", {}),
        ("patch", f"/api/v1/claims/{claim.pk}/", {"version": 1, "stance": "denies"}),
        ("post", f"/api/v1/claims/{verified.pk}/verify/", {"version": 1}),
        ("post", f"/api/v1/claims/{rejected.pk}/reject/", {"version": 1, "reason": "Not a claim."}),
        ("post", "/api/v1/links/", {"source": claim.pk, "target": other.pk, "relation": "contradicts"}),
        ("post", f"/api/v1/links/{link.pk}/confirm/", {}),
        ("post", f"/api/v1/links/{link.pk}/dismiss/", {}),
    ]


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_reading_is_refused_by_default(anonymous_client, url):
    response = anonymous_client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_reading_when_the_setting_allows_it(anonymous_client, settings, url):
    settings.API_ANONYMOUS_READ = True
    assert anonymous_client.get(url).status_code == 200


def test_anonymous_reading_never_allows_anonymous_writing(anonymous_client, settings, writes):
    settings.API_ANONYMOUS_READ = True
    for method, url, body in writes:
        response = getattr(anonymous_client, method)(url, body, format="json")
        assert response.status_code == 401, (method, url)


@pytest.mark.parametrize("url", READ_URLS)
def test_an_analyst_reads(analyst_client, url):
    assert analyst_client.get(url).status_code == 200


def test_an_analyst_may_not_write_anything(analyst_client, writes):
    for method, url, body in writes:
        response = getattr(analyst_client, method)(url, body, format="json")
        assert response.status_code == 403, (method, url, response.content)
        assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("role", ["editor", "admin", "staff", "superuser"])
def test_editors_admins_staff_and_superusers_may_write_everything(writes, role):
    """The rule is claims_tracker.roles.can_edit, the one place roles are read."""
    if role == "superuser":
        user = User.objects.create_superuser(username="root", password="pw-root")
    elif role == "staff":
        user = make_user("clerk", staff=True)
    else:
        user = make_user("writer", role)
    client = token_client(user)
    for method, url, body in writes:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code in (200, 201, 202), (method, url, response.content)


def test_an_inactive_editors_token_is_refused(editor):
    client = token_client(editor)
    editor.is_active = False
    editor.save()
    assert client.get("/api/v1/claims/").status_code == 401


def test_a_wrong_token_is_refused(anonymous_client):
    anonymous_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anonymous_client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_a_signed_in_browser_session_reads(analyst):
    client = APIClient()
    client.force_login(analyst)
    assert client.get("/api/v1/claims/").status_code == 200


def test_a_session_write_needs_the_csrf_token(editor):
    claim = ClaimFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="eddie", password="pw-eddie")
    url = f"/api/v1/claims/{claim.pk}/verify/"

    refused = client.post(url, {"version": 1}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]

    client.get("/admin/login/")  # any page that sets the CSRF cookie
    accepted = client.post(url, {"version": 1}, format="json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert accepted.status_code == 200, accepted.content
