from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from articles.services import EXTRACTION_TASK
from claims import crossref, pipeline


@shared_task(
    name=EXTRACTION_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def extract_article(self, article_id: int) -> None:  # type: ignore[no-untyped-def]
    """Extract one article's claims; safe to run twice (see claims.pipeline.article_process)."""
    pipeline.article_process(article_id=article_id, task_id=self.request.id or "")


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def crossref_article(self, article_id: int) -> None:  # type: ignore[no-untyped-def]
    """Group one article's claims into stories and suggest links; idempotent (claims.crossref)."""
    crossref.article_crossref(article_id=article_id)
    pipeline.article_mark_crossref_done(article_id=article_id)


@shared_task
def sweep_crossref() -> None:
    """On the beat schedule: queue cross-referencing lost with its message (claims.pipeline)."""
    pipeline.articles_sweep_crossref(lost_after=timedelta(minutes=settings.CROSSREF_LOST_AFTER_MINUTES))
