"""The article pages that write or poll: submitting, retrying, the status badge."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_editor(client: Client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return editor


def test_failed_article_shows_its_error_and_a_retry_button_to_an_editor(client: Client, signed_in_editor) -> None:  # type: ignore[no-untyped-def]
    article = ArticleFactory(status=Article.Status.FAILED, error="Extraction failed: ValueError: <bad>")
    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    assert "Extraction failed: ValueError: &lt;bad&gt;" in html
    assert reverse("article-retry", args=[article.pk]) in html

    with mock.patch("articles.services.article_queue_extraction") as queue:
        response = client.post(reverse("article-retry", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING and article.error == ""
    queue.assert_called_once()


def test_retry_is_refused_to_anonymous_users_and_to_get(client: Client) -> None:
    article = ArticleFactory(status=Article.Status.FAILED, error="boom")
    assert "Retry extraction" not in client.get(reverse("article-detail", args=[article.pk])).content.decode()
    response = client.post(reverse("article-retry", args=[article.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("article-retry", args=[article.pk])).status_code == 405
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED


def test_submitting_an_article_stores_it_and_shows_its_page(client: Client, signed_in_editor) -> None:  # type: ignore[no-untyped-def]
    form = {
        "title": "Drones",
        "outlet": "BBC News",
        "published": "2023-05-03",
        "text": "Kyiv said that it was not involved.",
    }
    response = client.post(reverse("article-new"), form)
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("article-detail", args=[article.pk])
    assert (article.title, article.outlet.name, article.published_at.date().isoformat()) == (
        "Drones",
        "BBC News",
        "2023-05-03",
    )

    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page  # pending: the page polls its status

    again = client.post(reverse("article-new"), form, follow=True)
    assert Article.objects.count() == 1
    assert "already in the tracker" in again.content.decode()


def test_submitting_needs_an_editor_and_text_or_a_url(client: Client, analyst, editor) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("article-new"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(analyst)
    assert client.post(reverse("article-new"), {"text": "Kyiv said that it was not involved."}).status_code == 403
    failed = ArticleFactory(status=Article.Status.FAILED)
    assert client.post(reverse("article-retry", args=[failed.pk])).status_code == 403
    client.force_login(editor)
    response = client.post(reverse("article-new"), {"title": "x", "text": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert list(Article.objects.all()) == [failed]


@pytest.mark.parametrize(
    ("status", "refresh"), [("pending", False), ("processing", False), ("done", True), ("failed", True)]
)
def test_status_fragment_asks_the_page_to_reload_once_the_article_settles(
    client: Client, status: str, refresh: bool
) -> None:
    article = ArticleFactory(status=status)
    response = client.get(reverse("article-status", args=[article.pk]))
    assert (response.get("HX-Refresh") == "true") is refresh
    assert ('hx-trigger="every 2s"' in response.content.decode()) is not refresh


@pytest.mark.parametrize(("status", "refresh"), [("fetching", False), ("pending", True), ("failed", True)])
def test_a_page_shown_while_fetching_reloads_once_the_text_is_in(client: Client, status: str, refresh: bool) -> None:
    article = ArticleFactory(status=status, text="" if status != "pending" else "The mayor said so.")
    response = client.get(reverse("article-status", args=[article.pk]), {"fetching": "1"})
    assert (response.get("HX-Refresh") == "true") is refresh
    if status == "fetching":
        assert "?fetching=1" in response.content.decode() and "fetching the page" in response.content.decode()
