"""The pipeline from a stored article to its claims: claim the row, extract, replace the machine
claims, queue cross-referencing. It sits on the claims side because it uses both apps; articles/
only queues it (articles.services.article_queue_extraction, by task name)."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Article
from articles.services import article_claim_for_processing, article_heartbeat, article_mark_failed
from claims import crossref, services
from claims.extraction import EXTRACTOR_VERSION

log = logging.getLogger(__name__)


def article_process(*, article_id: int, task_id: str) -> bool:
    """Extract the article's claims and store them; returns False if another task holds it.

    Extraction errors mark the article failed with a readable message; database errors propagate
    so the task's retry policy can handle them.
    """
    if not article_claim_for_processing(article_id=article_id, task_id=task_id):
        log.info("article %s is not pending or is held by another task; skipping", article_id)
        return False
    article = Article.objects.get(pk=article_id)
    if article.duplicate_of_id is not None:
        # A near-duplicate's claims are its original's: nothing to extract.
        Article.objects.filter(pk=article_id, task_id=task_id).update(
            status=Article.Status.DONE, task_id="", processed_at=timezone.now(), updated_at=timezone.now()
        )
        return True
    try:
        with article_heartbeat(article_id=article_id, task_id=task_id, every=settings.INGEST_HEARTBEAT_SECONDS):
            extraction = services.claims_extract_bounded(text=article.text, max_chars=settings.EXTRACTION_MAX_CHARS)
    except Exception as exc:  # the engine's failure on bad input is recorded, not raised
        log.exception("extraction failed for article %s", article_id)
        article_mark_failed(article_id=article_id, error=f"Extraction failed: {type(exc).__name__}: {exc}")
        return True
    with transaction.atomic():
        # Hold the row while writing, and only if this task still owns the article: after the sweeper
        # reclaimed it from a task it thought dead, two tasks must not both write claims.
        if (
            not Article.objects.select_for_update()
            .filter(pk=article_id, status=Article.Status.PROCESSING, task_id=task_id)
            .exists()
        ):
            log.warning("article %s was taken from task %s while it extracted; not storing", article_id, task_id)
            return False
        try:
            services.claims_replace_for_article(
                article=article, extracted=extraction.claims, extractor_version=EXTRACTOR_VERSION
            )
        except services.ClaimOffsetsError as exc:  # raised before any write, or inside its own savepoint
            article_mark_failed(article_id=article_id, error=f"Extraction gave inconsistent offsets: {exc}")
            return True
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.DONE,
            error="",
            task_id="",
            extractor_version=EXTRACTOR_VERSION,
            extracted_chars=extraction.chars_read,
            processed_at=timezone.now(),
            updated_at=timezone.now(),
        )
        crossref.article_queue_crossref(article_id=article_id)
    return True


def article_mark_crossref_done(*, article_id: int) -> None:
    Article.objects.filter(pk=article_id).update(crossref_at=timezone.now())


# The task by its registered name: claims.tasks imports this module, not the other way round.
CROSSREF_TASK = "claims.tasks.crossref_article"


def _send_crossref_task(article_id: int) -> None:
    current_app.signature(CROSSREF_TASK, args=[article_id]).apply_async()


def articles_sweep_crossref(*, lost_after: timedelta, limit: int = 1000) -> int:
    """Queue cross-referencing again for articles extracted more than lost_after ago whose
    cross-referencing never finished (its message was lost: a broker outage at queueing time, a
    worker killed with it). Each article is queued at most once per lost_after (a mark in the
    shared cache), so a long queue is not flooded; the step is idempotent. Returns how many."""
    now = timezone.now()
    due = list(
        Article.objects.filter(status=Article.Status.DONE, duplicate_of__isnull=True, processed_at__lt=now - lost_after)
        .filter(Q(crossref_at__isnull=True) | Q(crossref_at__lt=F("processed_at")))
        .order_by("processed_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for article_id in due:
        if not caches["shared"].add(f"crossref-requeued:{article_id}", 1, timeout=int(lost_after.total_seconds())):
            continue
        try:
            _send_crossref_task(article_id)
        except Exception:  # the broker is down: the next sweep tries again
            caches["shared"].delete(f"crossref-requeued:{article_id}")
            log.warning("could not queue cross-referencing of article %s", article_id, exc_info=True)
            break
        queued += 1
    if queued:
        log.warning("queued cross-referencing again for %s article(s) whose message was lost", queued)
    return queued
