"""The whole cross-referencing step for one article, and queueing it on the worker."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Article
from claims.crossref.links import LinkChanges, claim_links_suggest_for_article
from claims.crossref.stories import StoryAssignment, stories_assign_for_article, stories_release_articles

log = logging.getLogger(__name__)

RELEASE_BATCH_ARTICLES = 1000


@dataclass(frozen=True)
class CrossrefResult:
    stories: StoryAssignment
    links: LinkChanges


def article_crossref(*, article_id: int) -> CrossrefResult:
    """Stories, then links, for one article's claims, and the article marked cross-referenced (one
    transaction).

    Each statement and each wait for a lock is cut off (CROSSREF_STATEMENT_TIMEOUT_SECONDS,
    CROSSREF_LOCK_TIMEOUT_SECONDS): the error rolls the run back and the task retries later, so
    one pathological article cannot hold the others for minutes."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            # SET LOCAL lasts until the transaction ends; set_config(..., true) is its function form.
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true), set_config('lock_timeout', %s, true)",
                [
                    f"{settings.CROSSREF_STATEMENT_TIMEOUT_SECONDS * 1000}",
                    f"{settings.CROSSREF_LOCK_TIMEOUT_SECONDS * 1000}",
                ],
            )
        stories = stories_assign_for_article(article_id=article_id)
        links = claim_links_suggest_for_article(article_id=article_id)
        # In the same transaction: a later run that sees this one's stories sees the article done, and
        # places it again where it bears on that run's article.
        article_mark_crossref_done(article_id=article_id)
    return CrossrefResult(stories=stories, links=links)


# The task by its registered name: claims.tasks imports this package, never the other way round.
CROSSREF_TASK = "claims.tasks.crossref_article"


def crossref_task_send(article_id: int) -> None:
    """Send the task now. A signature runs the registered task object where there is one, so eager
    mode (evaluate_crossref) applies; elsewhere it is sent by name."""
    current_app.signature(CROSSREF_TASK, args=[article_id]).apply_async()


def article_queue_crossref(*, article_id: int) -> None:
    """Queue cross-referencing once the current transaction commits (the claims must be visible
    to the worker). A broker failure is logged: the article keeps its claims, only unlinked."""

    def send() -> None:
        try:
            crossref_task_send(article_id)
        except Exception:  # a broker outage must not fail the extraction that just committed
            log.warning("could not queue cross-referencing of article %s", article_id, exc_info=True)

    transaction.on_commit(send)


def articles_queue_recrossref(*, since: datetime | None = None) -> int:
    """Queue cross-referencing of every processed article (published since `since`, or undated and
    stored since then) on the worker, oldest first, to apply the current rules to stored data.
    Editors' decisions stay: the tasks move only machine-placed claims and replace only the
    machine's own suggested links. The articles' machine-placed claims leave their stories first, so
    the old groupings do not steer the new ones (`stories_release_articles`), and the articles are
    marked due until their task runs. Returns how many were queued; a broker failure propagates
    (the sweep queues the rest later)."""
    articles = Article.objects.filter(status=Article.Status.DONE, duplicate_of__isnull=True)
    if since is not None:
        articles = articles.filter(Q(published_at__gte=since) | Q(published_at__isnull=True, created_at__gte=since))
    article_ids = list(articles.order_by(F("published_at").asc(nulls_last=True), "id").values_list("id", flat=True))
    # A transaction per batch, not one for all: at a million claims that one held 450,000 rows for
    # minutes against editors and workers. Each batch is released and marked due together, so an
    # article whose task was never sent (the process stopped between batches) is left to the sweep.
    # The tasks go out only once every batch is free: placed earlier, an article could be drawn
    # into an old story of a batch not yet released.
    for start in range(0, len(article_ids), RELEASE_BATCH_ARTICLES):
        batch = article_ids[start : start + RELEASE_BATCH_ARTICLES]
        with transaction.atomic():
            stories_release_articles(article_ids=batch)
            Article.objects.filter(pk__in=batch).update(crossref_at=None)
    for article_id in article_ids:
        crossref_task_send(article_id)
    return len(article_ids)


def article_mark_crossref_done(*, article_id: int) -> None:
    Article.objects.filter(pk=article_id).update(crossref_at=timezone.now())


def articles_sweep_crossref(*, lost_after: timedelta, limit: int = 1000) -> int:
    """Queue cross-referencing again for articles extracted more than lost_after ago whose
    cross-referencing never finished (its message was lost: a broker outage at queueing time, a
    worker killed with it). Each article is queued at most once per lost_after (a mark in the
    shared cache), so a long queue is not flooded; the step is idempotent. Returns how many."""
    now = timezone.now()
    due = list(
        Article.objects.crossref_due()
        .filter(duplicate_of__isnull=True, processed_at__lt=now - lost_after)
        .order_by("processed_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = 0
    for article_id in due:
        if not caches["shared"].add(f"crossref-requeued:{article_id}", 1, timeout=int(lost_after.total_seconds())):
            continue
        try:
            crossref_task_send(article_id)
        except Exception:  # the broker is down: the next sweep tries again
            caches["shared"].delete(f"crossref-requeued:{article_id}")
            log.warning("could not queue cross-referencing of article %s", article_id, exc_info=True)
            break
        queued += 1
    if queued:
        log.warning("queued cross-referencing again for %s article(s) whose message was lost", queued)
    return queued
