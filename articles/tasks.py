from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from articles import services
from articles.models import Feed
from claims_tracker.task_options import IDEMPOTENT_TASK


@shared_task(
    name=services.FETCH_TASK,
    # The fetch keeps its own deadline (INGEST_TIMEOUT_SECONDS, name lookups and redirects included);
    # these limits only bound what it cannot see. A hard kill leaves the article `fetching` for the
    # sweeper, and its attempts count (services.MAX_FETCH_ATTEMPTS).
    soft_time_limit=services.fetch_time_limit_seconds() - 10,
    time_limit=services.fetch_time_limit_seconds(),
    **IDEMPOTENT_TASK,
)
def fetch_article(article_id: int) -> None:
    """Fetch the page of an article submitted by URL, then queue its extraction; idempotent."""
    try:
        services.article_fetch(article_id=article_id)
    except SoftTimeLimitExceeded:
        services.article_mark_fetch_failed(
            article_id=article_id, error=f"Could not fetch the page within {settings.INGEST_TIMEOUT_SECONDS} s."
        )


@shared_task(**IDEMPOTENT_TASK)
def poll_feed(feed_id: int) -> None:
    """Ingest a feed's new entries; safe to run twice (entries are remembered, articles deduplicated)."""
    feed = Feed.objects.filter(pk=feed_id, active=True).select_related("outlet").first()
    if feed is not None:
        services.feed_poll(feed=feed)


@shared_task
def poll_feeds() -> None:
    """On the beat schedule: queue a poll of every active feed."""
    for feed_id in Feed.objects.filter(active=True).values_list("pk", flat=True):
        poll_feed.delay(feed_id)


@shared_task
def sweep_pending() -> None:
    """On the beat schedule: queue articles left pending and reclaim those stuck in processing."""
    services.articles_sweep(
        pending_older_than=timedelta(minutes=settings.INGEST_PENDING_AFTER_MINUTES),
        processing_older_than=timedelta(minutes=settings.INGEST_PROCESSING_STALE_MINUTES),
    )
