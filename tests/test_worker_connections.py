"""A worker keeps its database connection from one task to the next (claims_tracker.celery)."""

from __future__ import annotations

import pytest
from django.db import connection

from articles.models import Article
from articles.services import article_ingest
from bench.end_to_end import synthetic_articles
from tests.worker import celery_worker, wait_for


def other_backends() -> set[int]:
    """The server processes connected to the test database, other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid for (pid,) in cursor.fetchall()}


def extracted(article: Article) -> bool:
    return Article.objects.get(pk=article.pk).status in {"done", "failed"}


@pytest.mark.worker
def test_a_worker_keeps_its_database_connection_across_tasks(transactional_db, monkeypatch):
    # Celery's Django fixup used to close it after every task: a new PostgreSQL backend per article.
    monkeypatch.setenv("EXTRACTION_BATCH_ARTICLES", "1")
    one, two = (text for _, text in synthetic_articles(2, seed=3))
    with celery_worker(extra_args=["-Q", "celery"]):
        first = article_ingest(text=one).article
        wait_for(lambda: extracted(first), what="the first extraction")
        after_first = other_backends()
        assert after_first, "the worker closed its connection after the task"

        second = article_ingest(text=two).article
        wait_for(lambda: extracted(second), what="the second extraction")
        assert Article.objects.get(pk=second.pk).duplicate_of_id is None  # it was extracted, by a second task
        assert after_first <= other_backends()  # the same backend served the second task
