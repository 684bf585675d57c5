"""The pipeline from stored articles to their claims: claim the rows, extract, replace the machine
claims, queue cross-referencing. It sits on the claims side because it uses both apps; articles/
only queues it (articles.services.article_queue_extraction, by task name).

A task extracts its own article and, when more are waiting in the queue, a few of them with it
(`batch_size`): their texts go through one nlp.pipe, which parses several texts for much less than
one at a time, and the task's own costs are shared. Everything else stays per article: each row is
claimed with a conditional UPDATE, stored in its own transaction only if this task still holds it,
and marked done or failed on its own, so one bad article never costs the others their claims.

The messages of the articles a batch took still come, one each. In the process that stored them
they end before any database call (`_served_in_batch`): their articles are done, and a done article
goes back to no queue (a retry takes failed and pending ones), so the database would answer
"nothing to do" too. Elsewhere (another worker, a restarted process) they cost a conditional UPDATE.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from enum import Enum

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from articles.models import Article
from articles.services import (
    article_claim_for_processing,
    article_heartbeat,
    article_mark_failed,
    articles_claim_waiting,
    articles_release,
)
from claims import crossref, services
from claims.bounds import readable_length
from claims.extraction import EXTRACTOR_VERSION

log = logging.getLogger(__name__)

# Articles this process stored as done in another article's batch, by id, with when: their own
# messages, when they come here, end at once. Bounded in number and in age: an entry nobody's
# message came for (another worker took it) is forgotten, and past the sweeper's horizon the
# database decides again, as it does for every message that finds no entry.
_SERVED_IN_BATCH: OrderedDict[int, float] = OrderedDict()
SERVED_IN_BATCH_MAX = 10_000


def _served_in_batch(article_id: int) -> bool:
    """Whether this process stored the article as done in a batch, recently (and forget it)."""
    finished_at = _SERVED_IN_BATCH.pop(article_id, None)
    return finished_at is not None and time.monotonic() - finished_at < settings.INGEST_PENDING_AFTER_MINUTES * 60


def _remember_served(article_ids: Sequence[int]) -> None:
    now = time.monotonic()
    for article_id in article_ids:
        _SERVED_IN_BATCH[article_id] = now
    while len(_SERVED_IN_BATCH) > SERVED_IN_BATCH_MAX:
        _SERVED_IN_BATCH.popitem(last=False)


def article_process(*, article_id: int, task_id: str, batch_size: int = 1, skip_served: bool = False) -> bool:
    """Extract the article's claims and store them, and up to batch_size - 1 other waiting articles'
    with it; returns False if another task holds the article (at the start: nothing is done; or
    when its claims were to be stored: the sweeper gave it to another task, which stores them).

    Only a first attempt takes others: a task running again (its worker died, a database call
    failed) gives back the articles it took besides its own, to be extracted one by one. Extraction
    and storing errors mark their article failed with a readable message; database connection
    errors propagate so the task's retry policy can handle them.

    skip_served: a worker's task (not an eager one, whose ids may belong to another test's rows):
    the message of an article this process stored in a batch ends without a database call.
    """
    if skip_served and _served_in_batch(article_id):
        log.debug("article %s was extracted in an earlier batch of this process; skipping", article_id)
        return False
    article = article_claim_for_processing(article_id=article_id, task_id=task_id)
    if article is None:
        log.info("article %s is not pending or is held by another task; skipping", article_id)
        return False
    if article.duplicate_of_id is not None:
        # A near-duplicate's claims are its original's: nothing to extract.
        Article.objects.filter(pk=article_id, task_id=task_id).update(
            status=Article.Status.DONE, task_id="", processed_at=timezone.now(), updated_at=timezone.now()
        )
        return True
    batch = [article]
    if article.attempts > 1:
        articles_release(task_id=task_id, keep=article_id)
    elif batch_size > 1:
        batch += articles_claim_waiting(task_id=task_id, limit=batch_size - 1, exclude=article_id)
        # Stored oldest first, whichever message came first (a broker need not keep their order):
        # a new actor takes its kind from the first article that names it, as one by one.
        batch.sort(key=lambda each: each.pk)
        if len(batch) > 1:
            log.info("task %s extracts articles %s in one batch", task_id, [a.pk for a in batch])
    outcomes = dict(zip((each.pk for each in batch), _extract_and_store(batch, task_id=task_id), strict=True))
    if skip_served:
        _remember_served([pk for pk, outcome in outcomes.items() if pk != article_id and outcome is Outcome.DONE])
    return outcomes[article_id] is not Outcome.TAKEN


class Outcome(Enum):
    DONE = "done"  # this task stored its claims
    FAILED = "failed"  # this task marked it failed
    TAKEN = "taken"  # the sweeper gave it to another task, which stores it


def _extract_and_store(batch: Sequence[Article], *, task_id: str) -> list[Outcome]:
    """What became of each article."""
    finished = []
    chars_read = [readable_length(article.text, max_chars=settings.EXTRACTION_MAX_CHARS) for article in batch]
    texts = [article.text[:chars] for article, chars in zip(batch, chars_read, strict=True)]
    with article_heartbeat(
        article_ids=[article.pk for article in batch], task_id=task_id, every=settings.INGEST_HEARTBEAT_SECONDS
    ):
        # Each article's names are resolved when its turn comes, after the articles before it are
        # stored: what one-by-one extraction would give.
        extractions = services.claims_extract_many(texts=texts)
        for article, chars, extracted in zip(batch, chars_read, extractions, strict=True):
            if isinstance(extracted, Exception):  # the engine's failure on bad input is recorded, not raised
                log.error("extraction failed for article %s", article.pk, exc_info=extracted)
                article_mark_failed(
                    article_id=article.pk, error=f"Extraction failed: {type(extracted).__name__}: {extracted}"
                )
                finished.append(Outcome.FAILED)
                continue
            finished.append(_store(article, extracted, chars_read=chars, task_id=task_id))
    return finished


def _store(article: Article, extracted: services.ResolvedClaims, *, chars_read: int, task_id: str) -> Outcome:
    """Replace the article's machine claims and mark it done, in one transaction, if this task
    still holds it; a failure of this article's own marks it failed and leaves the others be."""
    try:
        with transaction.atomic():
            # Mark it done first, only if this task still owns it, and write its claims in the same
            # transaction (the row stays locked until the commit): after the sweeper reclaimed it
            # from a task it thought dead, two tasks must not both write claims.
            owned = Article.objects.filter(pk=article.pk, status=Article.Status.PROCESSING, task_id=task_id).update(
                status=Article.Status.DONE,
                error="",
                task_id="",
                extractor_version=EXTRACTOR_VERSION,
                extracted_chars=chars_read,
                processed_at=timezone.now(),
                updated_at=timezone.now(),
            )
            if not owned:
                log.warning("article %s was taken from task %s while it extracted; not storing", article.pk, task_id)
                return Outcome.TAKEN
            services.claims_replace_for_article(
                article=article,
                extracted=extracted,
                extractor_version=EXTRACTOR_VERSION,
                known_names=extracted.known,  # found a moment ago, in this task: not looked up again
            )
            crossref.article_queue_crossref(article_id=article.pk)
    except services.ClaimOffsetsError as exc:  # the transaction is rolled back: still processing, ours
        article_mark_failed(article_id=article.pk, error=f"Extraction gave inconsistent offsets: {exc}")
        return Outcome.FAILED
    except (OperationalError, InterfaceError):
        raise  # the database, not the article: the task retries, and what is stored stays stored
    except Exception as exc:
        log.exception("storing the claims of article %s failed", article.pk)
        article_mark_failed(article_id=article.pk, error=f"Storing the claims failed: {type(exc).__name__}: {exc}")
        return Outcome.FAILED
    return Outcome.DONE
