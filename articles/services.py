"""Writes on articles: ingesting, processing and retrying."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Article, Outlet
from articles.text import clean_text, text_fingerprint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def outlet_get_or_create(*, name: str, domain: str | None = None) -> Outlet:
    domain = (domain or "").lower().removeprefix("www.") or None
    if domain:
        outlet, _ = Outlet.objects.get_or_create(domain=domain, defaults={"name": name or domain})
        return outlet
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.create(name=name)


def article_ingest(
    *,
    text: str,
    title: str = "",
    url: str | None = None,
    outlet: Outlet | None = None,
    byline: str = "",
    dateline: str = "",
    published_at: datetime | None = None,
    language: str = "en",
) -> IngestResult:
    """Store an article (once per text and per URL) and queue its extraction after commit.

    Raises articles.text.InvalidText for text that cannot be an article.
    """
    text = clean_text(text)
    fingerprint = text_fingerprint(text)
    existing = _find_same_article(fingerprint, url)
    if existing:
        return IngestResult(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                text=text,
                text_hash=fingerprint,
                title=title[:500],
                url=url or None,
                outlet=outlet,
                byline=byline[:300],
                dateline=dateline[:200],
                published_at=published_at,
                language=language,
            )
            article_queue_extraction(article=article)
    except IntegrityError:
        # Another process stored the same text or URL between our check and insert.
        winner = _find_same_article(fingerprint, url)
        if winner is None:
            raise
        return IngestResult(winner, created=False)
    return IngestResult(article, created=True)


def _find_same_article(fingerprint: str, url: str | None) -> Article | None:
    same = Q(text_hash=fingerprint)
    if url:
        same |= Q(url=url)
    return Article.objects.filter(same).first()


def article_queue_extraction(*, article: Article) -> None:
    """Queue extraction once the current transaction commits, so the worker sees the row.

    If the broker is down the article simply stays pending; the sweeper queues it later.
    """
    from articles.tasks import extract_article

    article_id = article.pk

    def send() -> None:
        try:
            extract_article.delay(article_id)
        except Exception:  # any broker failure leaves the article pending, never lost
            log.warning("could not queue article %s; it stays pending for the sweeper", article_id, exc_info=True)

    transaction.on_commit(send)


def article_retry(*, article: Article) -> Article:
    """Put a failed (or stuck) article back in the queue."""
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PENDING, error="", task_id="", updated_at=timezone.now()
    )
    article.refresh_from_db()
    article_queue_extraction(article=article)
    return article


def article_claim_for_processing(*, article_id: int, task_id: str) -> bool:
    """Take the article for this task with a conditional UPDATE, so two workers never both run it.

    The same task id may take it again: that is a message redelivered after its worker died.
    """
    taken = Article.objects.filter(
        Q(status=Article.Status.PENDING) | Q(status=Article.Status.PROCESSING, task_id=task_id),
        pk=article_id,
    ).update(status=Article.Status.PROCESSING, task_id=task_id, attempts=F("attempts") + 1, updated_at=timezone.now())
    return taken == 1


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:5000], task_id="", updated_at=timezone.now()
    )


def article_process(*, article_id: int, task_id: str) -> bool:
    """Extract the article's claims and store them; returns False if another task holds it.

    Extraction errors mark the article failed with a readable message; database errors propagate
    so the task's retry policy can handle them.
    """
    from claims.extraction import EXTRACTOR_VERSION
    from claims.services import claims_extract, claims_replace_for_article

    if not article_claim_for_processing(article_id=article_id, task_id=task_id):
        log.info("article %s is not pending or is held by another task; skipping", article_id)
        return False
    article = Article.objects.get(pk=article_id)
    try:
        extracted = claims_extract(text=article.text)
    except Exception as exc:  # the engine's failure on bad input is recorded, not raised
        log.exception("extraction failed for article %s", article_id)
        article_mark_failed(article_id=article_id, error=f"Extraction failed: {type(exc).__name__}: {exc}")
        return True
    with transaction.atomic():
        claims_replace_for_article(article=article, extracted=extracted, extractor_version=EXTRACTOR_VERSION)
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.DONE,
            error="",
            task_id="",
            extractor_version=EXTRACTOR_VERSION,
            processed_at=timezone.now(),
            updated_at=timezone.now(),
        )
    return True


def article_submit(
    *, text: str, title: str = "", outlet_name: str = "", url: str | None = None, published_at: datetime | None = None
) -> IngestResult:
    """An article sent by a client: its outlet is found by the URL's domain or by name."""
    domain = urlsplit(url).hostname if url else None
    outlet = outlet_get_or_create(name=outlet_name or domain or "", domain=domain) if outlet_name or domain else None
    return article_ingest(text=text, title=title, url=url, outlet=outlet, published_at=published_at)
