"""The pipeline from a stored article to its claims: claim the row, extract, replace the machine
claims, queue cross-referencing. It sits on the claims side because it uses both apps; articles/
only queues it (articles.services.article_queue_extraction, by task name)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
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
