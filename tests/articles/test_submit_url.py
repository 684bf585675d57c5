"""Submitting an article by its URL, through the API and the web form: the request answers at once
with the article `fetching`; a task (articles.services.article_fetch) fetches the page. Here the task
is run in the test's process; tests/articles/test_fetch_worker.py runs it on a real worker."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import article_fetch, article_ingest, articles_retry_failed, articles_sweep
from tests.api.conftest import make_user, token_client
from tests.articles.conftest import article_html

pytestmark = pytest.mark.django_db

BODY = "The mayor said that the bridge would reopen in June.\n\nCritics disputed that the repairs were finished."


@pytest.fixture
def queues():
    """The fetch and extraction tasks as queued (after commit), instead of sent to a broker."""
    with (
        mock.patch("articles.services._send_fetch_task") as fetch,
        mock.patch("articles.services.article_queue_extraction") as extraction,
    ):
        yield mock.Mock(fetch=fetch, extraction=extraction)


def test_the_api_answers_at_once_and_a_task_fetches_the_page(web, queues, django_capture_on_commit_callbacks):
    url = web.page("/bridge", article_html(title="Bridge to reopen", body=BODY, author="Ann Lee"))
    client = token_client(make_user("eddie", "editor"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/articles/", {"url": url}, format="json")

    assert response.status_code == 202, response.content
    assert response.json()["status"] == "fetching"
    assert web.hits == []  # nothing fetched inside the request
    article = Article.objects.get()
    queues.fetch.assert_called_once_with(article.pk)
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["status"] == "fetching"

    article_fetch(article_id=article.pk)

    article.refresh_from_db()
    assert web.hits == ["/bridge"]
    assert article.status == Article.Status.PENDING and article.error == ""
    assert article.title == "Bridge to reopen" and article.byline == "Ann Lee"
    assert "the bridge would reopen in June" in article.text and article.text_hash
    assert article.url == url and article.outlet.domain == "127.0.0.1"
    queues.extraction.assert_called_once()
    # The same URL again (tracking parameters aside) is the same article, fetched once.
    again = client.post("/api/v1/articles/", {"url": url + "?utm_source=feed"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == article.pk
    # A second delivery of the fetch message changes nothing.
    article_fetch(article_id=article.pk)
    assert web.hits == ["/bridge"] and queues.extraction.call_count == 1


def test_the_same_url_submitted_while_it_is_fetched_is_one_article(web, queues):
    url = web.page("/bridge", article_html(title="Bridge", body=BODY))
    client = token_client(make_user("eddie", "editor"))
    first = client.post("/api/v1/articles/", {"url": url}, format="json").json()
    second = client.post("/api/v1/articles/", {"url": url}, format="json")
    assert second.status_code == 200 and second.json()["id"] == first["id"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/secret", "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/", "ftp://x.example/a"],
)
def test_the_api_refuses_at_once_a_url_it_may_never_fetch_with_a_400(settings, queues, url):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    client = token_client(make_user("eddie", "editor"))
    response = client.post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]
    assert not Article.objects.exists()
    queues.fetch.assert_not_called()


def test_a_name_leading_to_a_private_address_fails_the_article_with_the_reason(settings, queues):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    client = token_client(make_user("eddie", "editor"))
    created = client.post("/api/v1/articles/", {"url": "http://localhost:9/secret"}, format="json").json()

    article_fetch(article_id=created["id"])

    body = client.get(f"/api/v1/articles/{created['id']}/").json()
    assert body["status"] == "failed"
    assert body["error"].startswith("Could not fetch the page: localhost leads to a private or local network")
    queues.extraction.assert_not_called()


def test_a_failed_fetch_is_shown_and_a_retry_fetches_again(web, queues, client, editor):
    url = web.page("/story", b"{}", content_type="application/json")
    api = token_client(make_user("eddie", "editor"))
    created = api.post("/api/v1/articles/", {"url": url}, format="json").json()

    article_fetch(article_id=created["id"])

    failed = api.get(f"/api/v1/articles/{created['id']}/").json()
    assert failed["status"] == "failed"
    assert "is application/json, not one of" in failed["error"]
    client.force_login(editor)
    page = client.get(reverse("article-detail", args=[created["id"]])).content.decode()
    assert "The page could not be fetched" in page and "is application/json" in page
    assert "Fetch the page again" in page

    web.page("/story", article_html(title="Story", body=BODY))  # the site is fixed
    retried = api.post(f"/api/v1/articles/{created['id']}/retry/")
    assert retried.status_code == 202 and retried.json()["status"] == "fetching"
    article_fetch(article_id=created["id"])

    article = Article.objects.get(pk=created["id"])
    assert article.status == Article.Status.PENDING and "bridge would reopen" in article.text
    queues.extraction.assert_called_once()


def test_a_page_repeating_a_stored_article_points_at_it_and_is_not_extracted_again(web, queues):
    original = article_ingest(text=BODY, title="Bridge").article
    url = web.page("/copy", article_html(title="Bridge (copy)", body=BODY))
    client = token_client(make_user("eddie", "editor"))
    created = client.post("/api/v1/articles/", {"url": url}, format="json").json()
    queues.extraction.reset_mock()

    article_fetch(article_id=created["id"])

    copy = Article.objects.get(pk=created["id"])
    assert copy.status == Article.Status.DONE and copy.duplicate_of == original
    assert copy.text_hash is None  # the original holds the text's fingerprint
    queues.extraction.assert_not_called()
    assert Article.objects.filter(duplicate_of__isnull=True).count() == 1


def test_a_url_redirecting_to_a_stored_article_points_at_it(web, queues):
    target = web.page("/bridge", article_html(title="Bridge", body=BODY))
    stored = article_ingest(text="Another text entirely, said the mayor.", url=target).article
    short = web.redirect("/s/1", target)
    client = token_client(make_user("eddie", "editor"))
    created = client.post("/api/v1/articles/", {"url": short}, format="json").json()

    article_fetch(article_id=created["id"])

    assert Article.objects.get(pk=created["id"]).duplicate_of == stored


def test_the_api_needs_text_or_a_url():
    client = token_client(make_user("eddie", "editor"))
    response = client.post("/api/v1/articles/", {"title": "Nothing"}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]


def test_the_form_redirects_at_once_to_the_article_page_showing_the_fetch(client, editor, web, queues):
    url = web.page("/bridge", article_html(title="Bridge to reopen", body=BODY))
    client.force_login(editor)

    response = client.post(reverse("article-new"), {"url": url, "text": ""}, follow=True)

    article = Article.objects.get()
    assert response.redirect_chain == [(reverse("article-detail", args=[article.pk]), 302)]
    assert web.hits == [] and article.status == Article.Status.FETCHING
    page = response.content.decode()
    assert "fetching the page" in page and "The page is being fetched" in page
    article_fetch(article_id=article.pk)
    assert "the bridge would reopen in June" in Article.objects.get().text


def test_the_form_refuses_at_once_a_url_it_may_never_fetch(client, editor, settings, queues):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    client.force_login(editor)
    response = client.post(reverse("article-new"), {"url": "http://10.0.0.1/admin", "text": ""})
    assert response.status_code == 200
    assert "private or local network" in response.context["form"].errors["url"][0]
    assert not Article.objects.exists()


def test_a_lost_fetch_is_queued_again_by_the_sweeper_and_can_be_retried(web, queues):
    url = web.page("/bridge", article_html(title="Bridge", body=BODY))
    client = token_client(make_user("eddie", "editor"))
    created = client.post("/api/v1/articles/", {"url": url}, format="json").json()
    # Its message was lost (the broker was down at submission, or the worker died with it).
    fresh = articles_sweep(pending_older_than=timedelta(minutes=10), processing_older_than=None)
    assert fresh.fetches == 0  # a fetch in the queue is left alone
    assert client.post(f"/api/v1/articles/{created['id']}/retry/").status_code == 409
    Article.objects.filter(pk=created["id"]).update(updated_at=timezone.now() - timedelta(minutes=11))

    swept = articles_sweep(pending_older_than=timedelta(minutes=10), processing_older_than=None)

    assert swept.fetches == 1
    queues.fetch.assert_called_once_with(created["id"])
    Article.objects.filter(pk=created["id"]).update(updated_at=timezone.now() - timedelta(minutes=11))
    assert client.post(f"/api/v1/articles/{created['id']}/retry/").status_code == 202


def test_retrying_every_failed_article_fetches_again_those_without_text(
    web, queues, django_capture_on_commit_callbacks
):
    extraction_failed = article_ingest(text=BODY).article
    Article.objects.filter(pk=extraction_failed.pk).update(status=Article.Status.FAILED, error="spaCy broke")
    url = web.page("/story", b"{}", content_type="application/json")
    created = token_client(make_user("eddie", "editor")).post("/api/v1/articles/", {"url": url}, format="json").json()
    article_fetch(article_id=created["id"])
    queues.fetch.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        assert articles_retry_failed() == 2

    assert Article.objects.get(pk=created["id"]).status == Article.Status.FETCHING
    assert Article.objects.get(pk=extraction_failed.pk).status == Article.Status.PENDING
    queues.fetch.assert_called_once_with(created["id"])


def test_a_fault_of_ours_while_reading_the_page_fails_the_article_saying_so(web, queues):
    url = web.page("/bridge", article_html(title="Bridge", body=BODY))
    created = token_client(make_user("eddie", "editor")).post("/api/v1/articles/", {"url": url}, format="json").json()

    with mock.patch("articles.services.parse_article_html", side_effect=KeyError("a bug")):
        article_fetch(article_id=created["id"])

    article = Article.objects.get(pk=created["id"])
    assert article.status == Article.Status.FAILED
    assert "error of its own" in article.error and "a bug" not in article.error


def test_the_same_text_stored_by_someone_else_during_the_fetch_makes_the_page_a_repeat(web, queues, client, editor):
    url = web.page("/bridge", article_html(title="Bridge", body=BODY))
    created = token_client(make_user("eddie", "editor")).post("/api/v1/articles/", {"url": url}, format="json").json()
    raced: list[Article] = []

    def someone_stores_the_same_text(signature):  # between the fetch's check and its write
        if not raced:  # (the other ingest asks this too: it finds nothing)
            raced.append(Article(pk=0))
            raced[0] = article_ingest(text=BODY, title="Pasted").article

    with mock.patch("articles.services._find_near_duplicate", side_effect=someone_stores_the_same_text):
        article_fetch(article_id=created["id"])

    fetched = Article.objects.get(pk=created["id"])
    assert fetched.status == Article.Status.DONE and fetched.duplicate_of == raced[0]
    assert Article.objects.filter(text_hash__isnull=False).count() == 1
    client.force_login(editor)
    page = client.get(reverse("article-detail", args=[fetched.pk])).content.decode()
    assert "a repeat of" in page and "its claims are shown there" in page
