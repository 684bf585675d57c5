from celery import shared_task
from django.db import OperationalError

from articles import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def extract_article(self, article_id: int) -> None:  # type: ignore[no-untyped-def]
    """Extract one article's claims; safe to run twice (see articles.services.article_process)."""
    services.article_process(article_id=article_id, task_id=self.request.id or "")
