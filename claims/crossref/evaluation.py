"""Run a cross-referencing gold set through the real pipeline, in this process, and dump the result
as the API shows it (what ../shared/eval/run_crossref.py collects from a running app).

Each article goes in as POST /api/v1/articles/ sends it (articles.services.article_submit); the
Celery tasks it queues (extraction, then cross-referencing) run in this process, in arrival order,
on the database the caller chose: an empty one, since stories depend on what is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from celery import current_app

from claims.models import Claim, ClaimLink
from claims.serializers import ClaimLinkSerializer, ClaimSerializer


@contextmanager
def tasks_in_process() -> Iterator[None]:
    """Run queued Celery tasks at once, here, instead of sending them to the broker."""
    conf = current_app.conf
    saved = conf.task_always_eager, conf.task_eager_propagates
    conf.task_always_eager, conf.task_eager_propagates = True, True
    # Celery logs every task that succeeds; here that is two lines an article of noise.
    trace_log = logging.getLogger("celery.app.trace")
    saved_level = trace_log.level
    trace_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        conf.task_always_eager, conf.task_eager_propagates = saved
        trace_log.setLevel(saved_level)


def _published_at(value: str | None) -> datetime | None:
    """A gold date (YYYY-MM-DD) at noon UTC, as run_crossref.py sends it; None stays undated."""
    if not value:
        return None
    if "T" in value:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return datetime.fromisoformat(value).replace(hour=12, tzinfo=UTC)


def gold_articles_run(*, articles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Submit the articles in the order given, process them, and return
    {"articles": {gold id: article id}, "claims": [...], "links": [...]} as the API serializes them."""
    from articles.services import article_submit

    mapping: dict[str, int] = {}
    with tasks_in_process():
        for article in articles:
            result = article_submit(
                text=article["text"],
                title=article.get("title") or "",
                outlet_name=article.get("outlet") or "",
                url=article.get("url") or None,
                published_at=_published_at(article.get("published_at")),
            )
            mapping[article["id"]] = result.article.duplicate_of_id or result.article.pk
    claims = (
        Claim.objects.filter(article_id__in=mapping.values())
        .select_related("speaker", "via")
        .prefetch_related("entities")
        .order_by("id")
    )
    claim_ids = [c.pk for c in claims]
    links = ClaimLink.objects.filter(source_id__in=claim_ids, target_id__in=claim_ids).order_by("id")
    return {
        "articles": mapping,
        "claims": ClaimSerializer(claims, many=True).data,
        "links": ClaimLinkSerializer(links, many=True).data,
    }
