from celery import shared_task
from django.db import OperationalError

from claims import crossref


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
