"""Cross-referencing whose message was lost is queued again by the sweeper and run by a real worker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from articles.models import Article
from articles.services import article_ingest
from claims.crossref import articles_sweep_crossref
from claims.pipeline import article_process
from tests.factories import ArticleFactory
from tests.worker import celery_worker, wait_for

LOST_AFTER = timedelta(minutes=30)


def lose_the_crossref_message(monkeypatch) -> None:
    def broker_down(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError("the broker is down")

    monkeypatch.setattr("claims.crossref.pipeline.crossref_task_send", broker_down)


@pytest.mark.worker
def test_lost_crossref_is_queued_again_and_done_once(transactional_db, monkeypatch, seed_text):
    """Before: a cross-referencing message lost at queueing time was never retried."""
    caches["shared"].clear()
    article = article_ingest(text=seed_text).article
    with monkeypatch.context() as patch:
        lose_the_crossref_message(patch)
        assert article_process(article_id=article.pk, task_id="t1")
    article.refresh_from_db()
    assert article.status == Article.Status.DONE and article.crossref_at is None

    assert articles_sweep_crossref(lost_after=LOST_AFTER) == 0  # just extracted: maybe only queued
    Article.objects.filter(pk=article.pk).update(processed_at=timezone.now() - LOST_AFTER - timedelta(minutes=1))

    with celery_worker():
        assert articles_sweep_crossref(lost_after=LOST_AFTER) == 1
        assert articles_sweep_crossref(lost_after=LOST_AFTER) == 0  # queued once per LOST_AFTER
        wait_for(lambda: Article.objects.get(pk=article.pk).crossref_at is not None, what="cross-referencing")

    article.refresh_from_db()
    assert article.crossref_at >= article.processed_at
    caches["shared"].clear()
    assert articles_sweep_crossref(lost_after=LOST_AFTER) == 0  # done: never queued again


@pytest.mark.django_db
def test_an_article_extracted_again_after_its_crossref_is_due_again(monkeypatch):
    caches["shared"].clear()
    sent: list[int] = []
    monkeypatch.setattr("claims.crossref.pipeline.crossref_task_send", sent.append)
    long_ago = timezone.now() - timedelta(hours=2)
    done = ArticleFactory(status="done", processed_at=long_ago, crossref_at=long_ago + timedelta(seconds=5))
    stale = ArticleFactory(status="done", processed_at=long_ago, crossref_at=long_ago - timedelta(hours=1))
    ArticleFactory(status="pending", processed_at=None)
    assert articles_sweep_crossref(lost_after=LOST_AFTER) == 1
    assert sent == [stale.pk] and done.pk not in sent
