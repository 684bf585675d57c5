"""The tasks that write share one retry policy: redelivered when their worker dies, retried on
database errors with backoff."""

import pytest
from django.db import OperationalError

from claims_tracker.celery import app as celery_app


@pytest.mark.parametrize(
    "name", ["claims.tasks.extract_article", "claims.tasks.crossref_article", "articles.tasks.poll_feed"]
)
def test_every_writing_task_is_redelivered_and_retried_alike(name):
    celery_app.loader.import_default_modules()
    task = celery_app.tasks[name]
    assert task.acks_late and task.reject_on_worker_lost
    assert task.autoretry_for == (OperationalError,) and task.retry_backoff and task.max_retries == 5
