"""A URL submitted without text, end to end on a real Celery worker and a local web site: the request
answers at once, the worker fetches the page and extracts it; a failed fetch is recorded, shown and
fetched again on retry."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler

import pytest

from articles.models import Article
from claims.models import Claim
from tests.api.conftest import make_user, token_client
from tests.articles.conftest import Route, article_html
from tests.worker import celery_worker, wait_for

pytestmark = pytest.mark.worker


def status_of(article_id: int) -> str:
    return Article.objects.get(pk=article_id).status


def test_a_submitted_url_is_fetched_by_the_worker_not_the_request(transactional_db, web, monkeypatch, seed_text):
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_URLS", "1")  # the worker's settings: the site is on 127.0.0.1
    paragraphs = "\n\n".join(p for p in seed_text.split("\n") if p.strip())

    release = threading.Event()

    def held_page(handler: BaseHTTPRequestHandler) -> None:
        release.wait(60)  # the site answers only when the test lets it: a submission waiting for it would hang
        body = article_html(title="Drones over the Kremlin", body=paragraphs).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    web.routes["/kremlin"] = Route(held_page)
    missing = web.url("/gone")
    client = token_client(make_user("eddie", "editor"))

    with celery_worker():
        response = client.post("/api/v1/articles/", {"url": web.url("/kremlin")}, format="json")
        failing = client.post("/api/v1/articles/", {"url": missing}, format="json").json()

        assert response.status_code == 202 and response.json()["status"] == "fetching"
        article_id = response.json()["id"]
        wait_for(lambda: "/kremlin" in web.hits, timeout=60, what="the worker asking for the page")
        assert status_of(article_id) == "fetching"
        release.set()
        article_id = response.json()["id"]
        wait_for(lambda: status_of(article_id) in {"done", "failed"}, timeout=180, what="fetch and extraction")
        wait_for(lambda: status_of(failing["id"]) == "failed", timeout=60, what="the failed fetch")

        article = Article.objects.get(pk=article_id)
        assert article.status == Article.Status.DONE, article.error
        assert article.title == "Drones over the Kremlin" and "Kremlin" in article.text
        assert Claim.objects.filter(article=article).exists()
        error = client.get(f"/api/v1/articles/{failing['id']}/").json()["error"]
        assert error.startswith("Could not fetch the page:") and "HTTP 404" in error

        # The page appears: a retry fetches it again, on the worker.
        web.page(
            "/gone", article_html(title="Back again", body="The minister said the road would open.\n\nIt did not.")
        )
        assert client.post(f"/api/v1/articles/{failing['id']}/retry/").status_code == 202
        wait_for(lambda: status_of(failing["id"]) in {"done", "failed"}, timeout=120, what="the retried fetch")

    again = Article.objects.get(pk=failing["id"])
    assert again.status == Article.Status.DONE and again.title == "Back again", again.error
    assert web.hits.count("/kremlin") == 1  # fetched once
    assert Article.objects.count() == 2  # nothing lost, nothing doubled
