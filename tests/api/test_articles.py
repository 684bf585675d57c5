"""Submitting articles through the API and following them until their claims are found."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory
from tests.worker import wait_for

pytestmark = pytest.mark.django_db

TEXT = "The mayor said on Monday that the bridge would reopen in May."


def test_submitting_text_answers_202_with_the_address_and_status(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        response = editor_client.post(
            "/api/v1/articles/",
            {"text": TEXT, "title": "Bridge", "outlet": "City Paper", "url": "https://citypaper.example/bridge"},
            format="json",
        )
    assert response.status_code == 202, response.content
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert body["status"] == "pending"
    assert body["api_url"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert response["Location"] == body["api_url"]
    assert (article.title, article.url, article.outlet.name) == (
        "Bridge",
        "https://citypaper.example/bridge",
        "City Paper",
    )
    assert len(queued) == 1  # extraction queued once the article is committed


def test_the_same_text_again_answers_200_with_the_same_address(editor_client):
    first = editor_client.post("/api/v1/articles/", {"text": TEXT}, format="json")
    again = editor_client.post("/api/v1/articles/", {"text": "  " + TEXT.upper()}, format="json")
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["api_url"] == first.json()["api_url"]
    assert again["Location"] == first["Location"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [({"text": "   \n  "}, "text"), ({}, "text"), ({"text": TEXT, "url": "not a url"}, "url")],
    ids=["blank", "missing", "bad-url"],
)
def test_a_submission_without_usable_text_is_a_field_error(editor_client, body, field):
    response = editor_client.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Article.objects.exists()


def test_an_article_shows_its_status_and_its_claims_once_done(analyst_client):
    pending = ArticleFactory(status="pending")
    done = ArticleFactory(status="done")
    claims = ClaimFactory.create_batch(2, article=done)
    body = analyst_client.get(f"/api/v1/articles/{pending.pk}/").json()
    assert (body["status"], body["claims"]) == ("pending", [])
    body = analyst_client.get(f"/api/v1/articles/{done.pk}/").json()
    assert body["status"] == "done"
    assert body["text"] == done.text
    assert [c["id"] for c in body["claims"]] == [c.pk for c in claims]


def test_articles_list_filters_by_status_without_the_text(analyst_client):
    ArticleFactory(status="done")
    failed = ArticleFactory(status="failed", error="Extraction failed: boom")
    rows = analyst_client.get("/api/v1/articles/", {"status": "failed"}).json()["results"]
    assert [row["id"] for row in rows] == [failed.pk]
    assert rows[0]["error"] == "Extraction failed: boom"
    assert "text" not in rows[0]


def test_a_failed_article_is_retried(editor_client, django_capture_on_commit_callbacks):
    article = ArticleFactory(status="failed", error="Extraction failed: boom")
    with django_capture_on_commit_callbacks() as queued:
        response = editor_client.post(f"/api/v1/articles/{article.pk}/retry/")
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    article.refresh_from_db()
    assert (article.status, article.error) == ("pending", "")
    assert len(queued) == 1


def test_a_done_article_is_not_retried(editor_client):
    article = ArticleFactory(status="done")
    response = editor_client.post(f"/api/v1/articles/{article.pk}/retry/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


@pytest.mark.worker
def test_a_submitted_article_is_extracted_by_a_worker_and_its_claims_appear(worker, seed_text, editor):
    from tests.api.conftest import token_client

    client = token_client(editor)
    response = client.post("/api/v1/articles/", {"text": seed_text, "title": "Drone report"}, format="json")
    assert response.status_code == 202
    address = response["Location"]

    wait_for(lambda: client.get(address).json()["status"] in {"done", "failed"}, what="extraction")

    body = client.get(address).json()
    assert body["status"] == "done", body["error"]
    assert len(body["claims"]) >= 5
    for claim in body["claims"]:
        assert body["text"][claim["content_start"] : claim["content_end"]] == claim["content"]


def test_a_near_duplicate_is_answered_done_and_points_at_its_original(editor_client):
    data = Path(__file__).resolve().parent.parent / "articles" / "data"
    original = editor_client.post(
        "/api/v1/articles/", {"text": (data / "wire-story.txt").read_text()}, format="json"
    ).json()
    copy = editor_client.post(
        "/api/v1/articles/", {"text": (data / "wire-story-edited.txt").read_text()}, format="json"
    )
    assert copy.status_code == 202
    assert (copy.json()["status"], copy.json()["duplicate_of"]) == ("done", original["id"])


def test_a_stuck_article_whose_worker_died_is_retried_but_a_live_one_is_not(editor_client, settings):
    """Before: every processing article answered 409, even one stranded by a dead worker."""
    settings.INGEST_PROCESSING_STALE_MINUTES = 3
    stuck = ArticleFactory(status="processing", task_id="dead-task")
    live = ArticleFactory(status="processing", task_id="live-task")
    Article.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(minutes=4))

    response = editor_client.post(f"/api/v1/articles/{stuck.pk}/retry/")
    assert response.status_code == 202
    assert response.json()["status"] == "pending"

    response = editor_client.post(f"/api/v1/articles/{live.pk}/retry/")
    assert response.status_code == 409
    assert "heartbeat" in response.json()["error"]["message"]
    live.refresh_from_db()
    assert (live.status, live.task_id) == ("processing", "live-task")
