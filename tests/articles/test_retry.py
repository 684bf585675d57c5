"""The one retry rule, the same from the service, the UI, the API and the admin: a failed or pending
article is queued again with a fresh count of attempts; one a worker holds, or one done, is left alone."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.errors import RetryRefused
from articles.models import Article
from articles.services import article_retry
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    sent: list[int] = []
    monkeypatch.setattr("articles.services._send_extraction_task", sent.append)
    return sent


@pytest.mark.parametrize("status", [Article.Status.FAILED, Article.Status.PENDING])
def test_a_failed_or_pending_article_is_queued_again_with_fresh_attempts(
    status, queued, django_capture_on_commit_callbacks
):
    article = ArticleFactory(status=status, error="Extraction failed: boom", attempts=3, task_id="gone")
    with django_capture_on_commit_callbacks(execute=True):
        article_retry(article=article)
    article.refresh_from_db()
    assert (article.status, article.error, article.attempts, article.task_id) == ("pending", "", 0, "")
    assert queued == [article.pk]


@pytest.mark.parametrize("status", [Article.Status.PROCESSING, Article.Status.DONE])
def test_an_article_a_worker_holds_or_one_done_is_not_retried(status, queued, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=status, attempts=2, task_id="live-worker" if status == "processing" else "")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RetryRefused, match=f"is {status}"):
        article_retry(article=article)
    article.refresh_from_db()
    assert (article.status, article.attempts) == (status, 2)
    assert queued == []


def test_the_ui_refuses_a_done_article_with_the_rule_as_message(client, editor, queued):
    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DONE)
    response = client.post(reverse("article-retry", args=[article.pk]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The article is done; only a failed, pending or stuck article can be retried."
    ]
    assert Article.objects.get(pk=article.pk).status == Article.Status.DONE


def test_the_admin_action_retries_only_failed_or_pending_articles(client, queued, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    failed = ArticleFactory(status=Article.Status.FAILED)
    done = ArticleFactory(status=Article.Status.DONE)
    busy = ArticleFactory(status=Article.Status.PROCESSING, task_id="live-worker")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "retry", "_selected_action": [failed.pk, done.pk, busy.pk]},
            follow=True,
        )
    messages = [str(m) for m in response.context["messages"]]
    assert "Queued 1 article(s) for extraction." in messages
    assert any("Left 2 article(s) alone" in m for m in messages)
    assert queued == [failed.pk]
    assert Article.objects.get(pk=busy.pk).task_id == "live-worker"
    assert Article.objects.get(pk=done.pk).status == Article.Status.DONE
