"""The Celery application; tasks live in each app's tasks.py."""

import logging
import os
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_tracker.settings")

app = Celery("claims_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def create_filesystem_broker_folders(sender: Celery, source: Any, **kwargs: object) -> None:
    # kombu's filesystem transport does not create its folders: a fresh checkout's first worker
    # would stop with FileNotFoundError, and the first publish would fail.
    if not str(source.broker_url or "").startswith("filesystem://"):
        return
    options = source.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        if options.get(key):
            try:
                Path(options[key]).mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # publishing and consuming will fail with the same error, loudly
                logging.getLogger(__name__).warning("cannot create the broker folder %s: %s", options[key], exc)


@task_prerun.connect
@task_postrun.connect
def keep_database_connections(task: Any = None, **kwargs: object) -> None:
    """Keep a worker's database connection across tasks, as the web processes keep theirs.

    Celery's Django fixup closes every connection before and after each task unless
    CELERY_DB_REUSE_MAX is set (settings.py sets it): a new PostgreSQL backend per task cost more
    CPU than many a task's own statements. Django's own rule applies instead: a connection older
    than CONN_MAX_AGE, or one that has failed and does not answer, is closed and opened again.
    """
    if task is None or getattr(task.request, "is_eager", False):
        return  # an eager task runs inside the caller's transaction (tests, evaluate_crossref)
    close_old_connections()
