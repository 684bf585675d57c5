from datetime import timedelta

from celery import shared_task
from django.conf import settings

from articles.services import EXTRACTION_TASK
from claims import crossref, pipeline
from claims_tracker.task_options import IDEMPOTENT_TASK


@shared_task(name=EXTRACTION_TASK, bind=True, **IDEMPOTENT_TASK)
def extract_article(self, article_id: int) -> None:
    """Extract one article's claims; safe to run twice (see claims.pipeline.article_process)."""
    pipeline.article_process(article_id=article_id, task_id=self.request.id or "")


@shared_task(bind=True, **IDEMPOTENT_TASK)
def crossref_article(self, article_id: int) -> None:
    """Group one article's claims into stories and suggest links; idempotent (claims.crossref)."""
    crossref.article_crossref(article_id=article_id)
    pipeline.article_mark_crossref_done(article_id=article_id)


@shared_task
def sweep_crossref() -> None:
    """On the beat schedule: queue cross-referencing lost with its message (claims.pipeline)."""
    pipeline.articles_sweep_crossref(lost_after=timedelta(minutes=settings.CROSSREF_LOST_AFTER_MINUTES))
