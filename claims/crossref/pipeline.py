"""The whole cross-referencing step for one article, and queueing it on the worker."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q

from claims.crossref.links import LinkChanges, claim_links_suggest_for_article
from claims.crossref.stories import StoryAssignment, stories_assign_for_article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrossrefResult:
    stories: StoryAssignment
    links: LinkChanges


def article_crossref(*, article_id: int) -> CrossrefResult:
    """Stories, then links, for one article's claims (one transaction).

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
    return CrossrefResult(stories=stories, links=links)


def article_queue_crossref(*, article_id: int) -> None:
    """Queue cross-referencing once the current transaction commits (the claims must be visible
    to the worker). A broker failure is logged: the article keeps its claims, only unlinked."""
    from claims.tasks import crossref_article

    def send() -> None:
        try:
            crossref_article.delay(article_id)
        except Exception:  # a broker outage must not fail the extraction that just committed
            log.warning("could not queue cross-referencing of article %s", article_id, exc_info=True)

    transaction.on_commit(send)


def articles_queue_recrossref(*, since: datetime | None = None) -> int:
    """Queue cross-referencing of every processed article (published since `since`, or undated and
    stored since then) on the worker, oldest first, to apply the current rules to stored data.
    Editors' decisions stay: the tasks move only machine-placed claims and replace only the
    machine's own suggested links. Returns how many were queued; a broker failure propagates."""
    from articles.models import Article
    from claims.tasks import crossref_article

    articles = Article.objects.filter(status=Article.Status.DONE, duplicate_of__isnull=True)
    if since is not None:
        articles = articles.filter(Q(published_at__gte=since) | Q(published_at__isnull=True, created_at__gte=since))
    queued = 0
    for article_id in articles.order_by(F("published_at").asc(nulls_last=True), "id").values_list("id", flat=True):
        crossref_article.delay(article_id)
        queued += 1
    return queued
