"""Submitting an article by its URL, through the API and the web form: the page is fetched."""

from unittest import mock

import pytest
from django.urls import reverse

from articles.models import Article
from tests.api.conftest import make_user, token_client
from tests.articles.conftest import article_html

pytestmark = pytest.mark.django_db

BODY = "The mayor said that the bridge would reopen in June.\n\nCritics disputed that the repairs were finished."


@pytest.fixture
def no_queue():
    with mock.patch("articles.services.article_queue_extraction") as queue:
        yield queue


def test_the_api_fetches_a_url_sent_without_text(web, no_queue):
    url = web.page("/bridge", article_html(title="Bridge to reopen", body=BODY, author="Ann Lee"))
    client = token_client(make_user("eddie", "editor"))

    response = client.post("/api/v1/articles/", {"url": url}, format="json")

    assert response.status_code == 202, response.content
    article = Article.objects.get()
    assert article.title == "Bridge to reopen"
    assert "the bridge would reopen in June" in article.text
    assert article.url == url
    no_queue.assert_called_once()
    again = client.post("/api/v1/articles/", {"url": url + "?utm_source=feed"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == article.pk


def test_the_api_refuses_a_url_it_may_not_fetch_with_a_400(settings, no_queue):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    client = token_client(make_user("eddie", "editor"))
    response = client.post("/api/v1/articles/", {"url": "http://127.0.0.1:9/secret"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]
    assert not Article.objects.exists()


def test_the_api_needs_text_or_a_url():
    client = token_client(make_user("eddie", "editor"))
    response = client.post("/api/v1/articles/", {"title": "Nothing"}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]


def test_the_form_fetches_a_url_given_without_text(client, editor, web, no_queue):
    url = web.page("/bridge", article_html(title="Bridge to reopen", body=BODY))
    client.force_login(editor)
    response = client.post(reverse("article-new"), {"url": url, "text": ""})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("article-detail", args=[article.pk])
    assert "the bridge would reopen in June" in article.text


def test_the_form_shows_why_a_url_could_not_be_fetched(client, editor, web):
    url = web.page("/feed.json", b"{}", content_type="application/json")
    client.force_login(editor)
    response = client.post(reverse("article-new"), {"url": url, "text": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["url"]
    assert not Article.objects.exists()
