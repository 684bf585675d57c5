"""The whole cross-referencing step for one article, and queueing it on the worker."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from claims.crossref.links import LinkChanges, claim_links_suggest_for_article
from claims.crossref.stories import StoryAssignment, stories_assign_for_article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrossrefResult:
    stories: StoryAssignment
    links: LinkChanges


def article_crossref(*, article_id: int) -> CrossrefResult:
    """Stories, then links, for one article's claims (one transaction)."""
    with transaction.atomic():
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
