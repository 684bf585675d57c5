import logging
import os
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_process_init
from django.conf import settings

from articles.services import EXTRACTION_TASK
from claims import crossref, pipeline
from claims.extraction import load_pipeline
from claims_tracker.task_options import IDEMPOTENT_TASK

log = logging.getLogger(__name__)


@worker_process_init.connect
def load_spacy_at_start(**kwargs: object) -> None:
    """Load the spaCy pipeline when a worker process starts, not in its first task: the first
    article is not a second or two late, and a missing model shows in the worker's log at once."""
    try:
        load_pipeline()
        log.info("spaCy pipeline loaded in process %s", os.getpid())
    except Exception:  # the first task reports it on its article; the worker stays up
        log.exception("could not load the spaCy pipeline at worker start")


@shared_task(name=EXTRACTION_TASK, bind=True, **IDEMPOTENT_TASK)
def extract_article(self, article_id: int) -> None:
    """Extract the article's claims, with those of up to EXTRACTION_BATCH_ARTICLES - 1 articles
    waiting in the queue; safe to run twice (see claims.pipeline.article_process)."""
    pipeline.article_process(
        article_id=article_id,
        task_id=self.request.id or "",
        batch_size=settings.EXTRACTION_BATCH_ARTICLES,
        skip_served=not self.request.is_eager,
    )


@shared_task(name=crossref.CROSSREF_TASK, bind=True, **IDEMPOTENT_TASK)
def crossref_article(self, article_id: int) -> None:
    """Group one article's claims into stories and suggest links; idempotent (claims.crossref)."""
    crossref.article_crossref(article_id=article_id)


@shared_task
def sweep_crossref() -> None:
    """On the beat schedule: queue cross-referencing lost with its message (claims.crossref.pipeline)."""
    crossref.articles_sweep_crossref(lost_after=timedelta(minutes=settings.CROSSREF_LOST_AFTER_MINUTES))
