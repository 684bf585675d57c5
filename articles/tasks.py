from datetime import timedelta

from celery import shared_task
from django.conf import settings

from articles import services
from articles.models import Feed
from claims_tracker.task_options import IDEMPOTENT_TASK


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
