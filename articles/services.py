"""Writes on articles: ingesting (text, URLs, feeds), queueing, sweeping and retrying.

Turning an article into claims is the claims side's work (claims.pipeline); this app only queues it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.bulk import ImportRecord
from articles.dedup import (
    NEAR_DUPLICATE_THRESHOLD,
    canonical_url,
    estimated_similarity,
    minhash_signature,
    signature_bands,
)
from articles.errors import IngestError, RetryRefused
from articles.feeds import FeedItem, parse_feed
from articles.fetch import FEED_TYPES, HTML_TYPES, FetchedPage, check_url, fetch_url
from articles.html import decode_html, looks_like_html, parse_article_html
from articles.models import Article, Feed, FeedEntry, Outlet
from articles.text import InvalidText, clean_line, clean_text, text_fingerprint

log = logging.getLogger(__name__)


# An article whose worker died this many times is marked failed instead of being redelivered forever.
MAX_EXTRACTION_ATTEMPTS = 5
# A feed entry whose page could not be ingested is tried again on this many polls, then left alone.
FEED_ENTRY_MAX_ATTEMPTS = 3
# The Celery task that turns a stored article into claims (claims.tasks.extract_article).
EXTRACTION_TASK = "claims.tasks.extract_article"
# The Celery task that fetches a submitted URL's page (articles.tasks.fetch_article).
FETCH_TASK = "articles.tasks.fetch_article"
# A fetch whose worker died this many times is marked failed (the page may be what kills it).
MAX_FETCH_ATTEMPTS = 3
# Near-duplicate candidates compared per ingest (band collisions are rare for unrelated texts).
_NEAR_DUPLICATE_CANDIDATES = 200


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool

    @property
    def near_duplicate(self) -> bool:
        """Stored, but as a lightly edited copy of an earlier article: not extracted again."""
        return self.created and self.article.duplicate_of_id is not None


def outlet_get_or_create(*, name: str, domain: str | None = None) -> Outlet:
    domain = (domain or "").lower().removeprefix("www.") or None
    if domain:
        outlet, _ = Outlet.objects.get_or_create(domain=domain, defaults={"name": name or domain})
        return outlet
    named = Outlet.objects.filter(name__iexact=name).first()
    return named or Outlet.objects.create(name=name)


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
    """Store an article (once per text and per canonical URL) and queue its extraction after commit.

    A near-duplicate of a stored article (the same wire story lightly edited) is stored linked to
    it (duplicate_of) and done at once: its claims are the original's. Raises
    articles.text.InvalidText for text that cannot be an article.
    """
    size = len(text.encode("utf-8", errors="replace"))
    if size > settings.INGEST_MAX_BYTES:
        raise InvalidText(f"the text is too large ({size:,} bytes; the limit is {settings.INGEST_MAX_BYTES:,})")
    if looks_like_html(text):
        # A whole HTML document is reduced to its article text; any other text is stored as sent
        # (and always escaped when shown).
        text = parse_article_html(text).text
    text = clean_text(text)
    fingerprint = text_fingerprint(text)
    url = canonical_url(url) if url else None
    existing = _find_same_article(fingerprint, url)
    if existing:
        return IngestResult(existing, created=False)
    signature = minhash_signature(text)
    original = _find_near_duplicate(signature)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                text=text,
                text_hash=fingerprint,
                minhash=signature,
                minhash_bands=signature_bands(signature),
                duplicate_of=original,
                status=Article.Status.DONE if original else Article.Status.PENDING,
                processed_at=timezone.now() if original else None,
                title=clean_line(title, max_length=500),
                url=url,
                outlet=outlet,
                byline=clean_line(byline, max_length=300),
                dateline=clean_line(dateline, max_length=200),
                published_at=published_at,
                language=language,
            )
            if original is None:
                article_queue_extraction(article=article)
    except IntegrityError:
        # Another process stored the same text or URL between our check and insert.
        winner = _find_same_article(fingerprint, url)
        if winner is None:
            raise
        return IngestResult(winner, created=False)
    return IngestResult(article, created=True)


def _find_same_article(fingerprint: str, url: str | None, *, excluding: int | None = None) -> Article | None:
    same = Q(text_hash=fingerprint)
    if url:
        same |= Q(url=url)
    found = Article.objects.filter(same)
    if excluding is not None:
        found = found.exclude(pk=excluding)
    return found.first()


def _find_near_duplicate(signature: list[int]) -> Article | None:
    """The original of the most similar stored article, if it is similar enough."""
    if not signature:
        return None
    candidates = Article.objects.filter(minhash_bands__overlap=signature_bands(signature)).only(
        "pk", "minhash", "duplicate_of"
    )[:_NEAR_DUPLICATE_CANDIDATES]
    scored = [(estimated_similarity(signature, c.minhash), c) for c in candidates]
    scored = [(score, c) for score, c in scored if score >= NEAR_DUPLICATE_THRESHOLD]
    if not scored:
        return None
    best = max(scored, key=lambda pair: (pair[0], -pair[1].pk))[1]
    # Link to the first of the family, so a copy of a copy still points at the article with the claims.
    return Article.objects.get(pk=best.duplicate_of_id or best.pk)


def article_ingest_page(
    *,
    html: str,
    url: str | None = None,
    outlet: Outlet | None = None,
    title: str = "",
    byline: str = "",
    published_at: datetime | None = None,
) -> IngestResult:
    """Store the main text of an HTML page (scripts, navigation and markup stripped).

    The page's own title, author and date win; the given ones fill what the page lacks.
    """
    page = parse_article_html(html, url=url)
    return article_ingest(
        text=page.text,
        title=page.title or title,
        url=url,
        outlet=outlet,
        byline=page.author or byline,
        published_at=page.published_at or published_at,
    )


def article_ingest_url(
    *,
    url: str,
    outlet: Outlet | None = None,
    title: str = "",
    byline: str = "",
    published_at: datetime | None = None,
) -> IngestResult:
    """Fetch a page and store its article; a URL already stored is not fetched again.

    Raises IngestError (refused address, timeout, too large, wrong content type, no text, ...).
    """
    canonical = canonical_url(url)
    existing = Article.objects.filter(url=canonical).first()
    if existing:
        return IngestResult(existing, created=False)
    page = _fetch_article_page(url)
    final_url = canonical_url(page.url)
    if final_url != canonical and (existing := Article.objects.filter(url=final_url).first()):
        return IngestResult(existing, created=False)
    html = decode_html(page.content, charset=page.charset)
    if outlet is None:
        host = urlsplit(final_url).hostname or ""
        outlet = outlet_get_or_create(name=host.removeprefix("www."), domain=host)
    return article_ingest_page(
        html=html, url=final_url, outlet=outlet, title=title, byline=byline, published_at=published_at
    )


def _fetch_article_page(url: str) -> FetchedPage:
    return fetch_url(
        url,
        accept=HTML_TYPES,
        max_bytes=settings.INGEST_MAX_BYTES,
        timeout=settings.INGEST_TIMEOUT_SECONDS,
        allow_private=settings.INGEST_ALLOW_PRIVATE_URLS,
    )


def article_submit_url(
    *, url: str, outlet: Outlet | None = None, title: str = "", published_at: datetime | None = None
) -> IngestResult:
    """Store an article for a URL sent without text, `fetching`, and queue the fetch of its page
    (article_fetch, in a task): the request answers at once, whatever the site does.

    What can be refused without the network (not a web address, a private address literal) raises
    IngestError now; the rest (names, redirects, the page itself) is judged by the task and recorded
    on the article. A URL already stored is that article, as with text.
    """
    check_url(url, allow_private=settings.INGEST_ALLOW_PRIVATE_URLS)
    canonical = canonical_url(url)
    existing = Article.objects.filter(url=canonical).first()
    if existing:
        return IngestResult(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=canonical,
                text="",
                text_hash=None,
                status=Article.Status.FETCHING,
                title=clean_line(title, max_length=500),
                outlet=outlet,
                published_at=published_at,
            )
            article_queue_fetch(article=article)
    except IntegrityError:
        # The same URL submitted twice at once: one article.
        winner = Article.objects.filter(url=canonical).first()
        if winner is None:
            raise
        return IngestResult(winner, created=False)
    return IngestResult(article, created=True)


def _send_fetch_task(article_id: int) -> None:
    """By its registered name, as the extraction task (_send_extraction_task)."""
    current_app.signature(FETCH_TASK, args=[article_id]).apply_async()


def article_queue_fetch(*, article: Article) -> None:
    """Queue the fetch once the current transaction commits; a broker that is down leaves the
    article `fetching` for the sweeper (articles_sweep), never lost."""
    article_id = article.pk

    def send() -> None:
        try:
            _send_fetch_task(article_id)
        except Exception:  # any broker failure: the sweeper queues it later
            log.warning("could not queue the fetch of article %s; the sweeper will", article_id, exc_info=True)

    transaction.on_commit(send)


def article_fetch(*, article_id: int) -> None:
    """Fetch the page of an article submitted by URL, store its text and queue its extraction.

    Idempotent: only a `fetching` article is fetched, and it is filled by a conditional UPDATE, so
    a message delivered twice (a dead worker's, or the sweeper's) fetches or writes once. A page
    that cannot be used fails the article with the reason in `error`; a retry fetches again. The
    same page as a stored article (by final URL or by text) makes this one a pointer to it
    (duplicate_of, done, no claims of its own), like a near-duplicate.
    """
    taken = Article.objects.filter(
        pk=article_id, status=Article.Status.FETCHING, attempts__lt=MAX_FETCH_ATTEMPTS
    ).update(attempts=F("attempts") + 1, updated_at=timezone.now())
    if not taken:
        Article.objects.filter(pk=article_id, status=Article.Status.FETCHING, attempts__gte=MAX_FETCH_ATTEMPTS).update(
            status=Article.Status.FAILED,
            error=f"Gave up after {MAX_FETCH_ATTEMPTS} attempts: the worker stopped while fetching the page each time.",
            updated_at=timezone.now(),
        )
        return
    article = Article.objects.get(pk=article_id)
    try:
        page = _fetch_article_page(article.url or "")
        _article_fill_from_page(article, page)
    except IngestError as exc:
        article_mark_fetch_failed(article_id=article_id, error=f"Could not fetch the page: {exc}")
    except OperationalError:
        raise  # the database: the task retries (IDEMPOTENT_TASK) and the article stays `fetching`
    except Exception:
        # A fault of ours, not the page's: say so on the article (a retry may do), and log it.
        log.exception("fetching the page of article %s failed", article_id)
        article_mark_fetch_failed(
            article_id=article_id,
            error="Could not fetch the page: the tracker hit an error of its own while reading it (it is logged).",
        )


def article_mark_fetch_failed(*, article_id: int, error: str) -> None:
    """Record why the page could not be had; only on an article still `fetching` (not one filled)."""
    Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).update(
        status=Article.Status.FAILED, error=error[:5000], updated_at=timezone.now()
    )


def _article_fill_from_page(article: Article, page: FetchedPage) -> None:
    final_url = canonical_url(page.url)
    parsed = parse_article_html(decode_html(page.content, charset=page.charset), url=final_url)
    text = clean_text(parsed.text)
    size = len(text.encode("utf-8", errors="replace"))
    if size > settings.INGEST_MAX_BYTES:
        raise InvalidText(f"the text is too large ({size:,} bytes; the limit is {settings.INGEST_MAX_BYTES:,})")
    fingerprint = text_fingerprint(text)
    outlet = article.outlet
    if outlet is None and (host := urlsplit(final_url).hostname):
        outlet = outlet_get_or_create(name=host.removeprefix("www."), domain=host)
    fields: dict[str, object] = {
        "text": text,
        "title": clean_line(parsed.title or article.title, max_length=500),
        "byline": clean_line(parsed.author, max_length=300),
        "published_at": parsed.published_at or article.published_at,
        "outlet": outlet,
        "error": "",
        "attempts": 0,
        "updated_at": timezone.now(),
    }
    same = _find_same_article(fingerprint, final_url, excluding=article.pk)
    if same is None:
        signature = minhash_signature(text)
        original = _find_near_duplicate(signature)
        fields.update(text_hash=fingerprint, minhash=signature, minhash_bands=signature_bands(signature))
        try:
            with transaction.atomic():
                _fill(article.pk, fields, original=original)
            return
        except IntegrityError:
            # The same text stored by someone else since we looked: this page repeats it.
            same = _find_same_article(fingerprint, None, excluding=article.pk)
            if same is None:
                raise
    fields.update(text_hash=None, minhash=[], minhash_bands=[])
    _fill(article.pk, fields, original=Article.objects.get(pk=same.duplicate_of_id or same.pk))


def _fill(article_id: int, fields: dict[str, object], *, original: Article | None) -> None:
    """Write the fetched text on a `fetching` article: done at once as a repeat of `original`, else
    pending with its extraction queued."""
    if original is not None:
        fields.update(duplicate_of=original, status=Article.Status.DONE, processed_at=timezone.now())
    else:
        fields.update(status=Article.Status.PENDING)
    filled = Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).update(**fields)
    if filled and original is None:
        article_queue_extraction(article=Article(pk=article_id))


def article_ingest_record(*, record: ImportRecord, default_outlet: Outlet | None = None) -> IngestResult:
    """Store one bulk-import record: its text (or HTML, stripped to text), else the page at its URL."""
    if record.error:
        raise IngestError(record.error)
    outlet = default_outlet
    if record.outlet:
        outlet = outlet_get_or_create(name=record.outlet)
    elif record.url and (host := urlsplit(record.url).hostname):
        outlet = outlet_get_or_create(name=host.removeprefix("www."), domain=host)
    url = record.url or None
    if record.html:
        return article_ingest_page(
            html=record.html,
            url=url,
            outlet=outlet,
            title=record.title,
            byline=record.byline,
            published_at=record.published_at,
        )
    if record.text or not url:
        # article_ingest reduces HTML given as text to its text as well.
        return article_ingest(
            text=record.text,
            url=url,
            outlet=outlet,
            title=record.title,
            byline=record.byline,
            published_at=record.published_at,
        )
    return article_ingest_url(
        url=url, outlet=outlet, title=record.title, byline=record.byline, published_at=record.published_at
    )


@dataclass(frozen=True)
class FeedPollResult:
    ingested: int = 0
    already_seen: int = 0
    failed: int = 0
    error: str = ""


def feed_poll(*, feed: Feed) -> FeedPollResult:
    """Fetch the feed and ingest each entry not seen before; remember every entry so it is ingested once.

    A broken feed records its error on the feed; an entry whose page fails records it on the entry
    and is tried again on the next polls, up to FEED_ENTRY_MAX_ATTEMPTS.
    """
    try:
        page = fetch_url(
            feed.url,
            accept=FEED_TYPES,
            max_bytes=settings.INGEST_MAX_BYTES,
            timeout=settings.INGEST_TIMEOUT_SECONDS,
            allow_private=settings.INGEST_ALLOW_PRIVATE_URLS,
        )
        items = parse_feed(page.content, url=page.url)
    except IngestError as exc:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=timezone.now(), last_error=str(exc)[:5000])
        return FeedPollResult(error=str(exc))

    known = {entry.key: entry for entry in FeedEntry.objects.filter(feed=feed, key__in=[i.key for i in items])}
    ingested = already_seen = failed = 0
    for item in items:
        entry = known.get(item.key)
        if entry is not None and (entry.article_id or entry.attempts >= FEED_ENTRY_MAX_ATTEMPTS):
            already_seen += 1
            continue
        article, error = _ingest_feed_item(item, outlet=feed.outlet)
        _record_feed_entry(feed=feed, item=item, entry=entry, article=article, error=error)
        if error:
            failed += 1
        else:
            ingested += 1
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=timezone.now(), last_error="")
    return FeedPollResult(ingested=ingested, already_seen=already_seen, failed=failed)


def _ingest_feed_item(item: FeedItem, *, outlet: Outlet) -> tuple[Article | None, str]:
    try:
        result = article_ingest_url(
            url=item.link, outlet=outlet, title=item.title, byline=item.author, published_at=item.published_at
        )
    except IngestError as exc:
        log.info("feed entry %s not ingested: %s", item.link, exc)
        return None, str(exc)
    return result.article, ""


def _record_feed_entry(
    *, feed: Feed, item: FeedItem, entry: FeedEntry | None, article: Article | None, error: str
) -> None:
    if entry is not None:
        FeedEntry.objects.filter(pk=entry.pk).update(
            article=article, error=error[:5000], attempts=F("attempts") + 1, updated_at=timezone.now()
        )
        return
    try:
        with transaction.atomic():
            FeedEntry.objects.create(
                feed=feed, key=item.key, guid=item.guid[:5000], link=item.link, article=article, error=error, attempts=1
            )
    except IntegrityError:
        # A concurrent poll of the same feed recorded it first; the article itself is deduplicated.
        pass


def _send_extraction_task(article_id: int) -> None:
    """Hand the article to the extraction task, by its registered name: the task lives on the claims
    side (claims.tasks), which imports this app and never the other way round. A signature runs the
    registered task object where there is one, so eager mode (tests, evaluate_crossref) applies."""
    current_app.signature(EXTRACTION_TASK, args=[article_id]).apply_async()


def article_queue_extraction(*, article: Article) -> None:
    """Queue extraction once the current transaction commits, so the worker sees the row.

    If the broker is down the article simply stays pending; the sweeper queues it later.
    """
    article_id = article.pk

    def send() -> None:
        try:
            _send_extraction_task(article_id)
        except Exception:  # any broker failure leaves the article pending, never lost
            log.warning("could not queue article %s; it stays pending for the sweeper", article_id, exc_info=True)

    transaction.on_commit(send)


def _send_extractions(article_ids: Iterable[int]) -> int:
    """Queue extraction of each article now; stop at the first broker failure (the rest stay pending)."""
    sent = 0
    for article_id in article_ids:
        try:
            _send_extraction_task(article_id)
        except Exception:  # the broker is down: everything not sent stays pending for the sweeper
            log.warning("could not queue article %s; it stays pending for the sweeper", article_id, exc_info=True)
            break
        Article.objects.filter(pk=article_id, status=Article.Status.PENDING).update(updated_at=timezone.now())
        sent += 1
    return sent


def article_processing_stale_before() -> datetime:
    """A `processing` article whose heartbeat is older than this has lost its worker."""
    return timezone.now() - timedelta(minutes=settings.INGEST_PROCESSING_STALE_MINUTES)


def article_retry(*, article: Article) -> Article:
    """Put a failed, pending or stuck article back in the queue, with a fresh count of attempts.

    A `processing` article is taken back only when its worker's heartbeat has stopped (the worker
    died). Raises RetryRefused for one a live worker holds, or one already done; the check is the
    UPDATE's condition, so a worker taking the article meanwhile is never undercut.
    """
    if not article.text:
        return _article_retry_fetch(article=article)
    retryable = Q(status__in=Article.RETRYABLE_STATUSES) | Q(
        status=Article.Status.PROCESSING, updated_at__lt=article_processing_stale_before()
    )
    reset = (
        Article.objects.filter(retryable, pk=article.pk)
        .exclude(text="")
        .update(status=Article.Status.PENDING, error="", task_id="", attempts=0, updated_at=timezone.now())
    )
    article.refresh_from_db()
    if not reset:
        if article.status == Article.Status.PROCESSING:
            raise RetryRefused(
                "The article is processing: a worker is extracting it right now (its heartbeat is recent); "
                f"it is taken back only if that stops for {settings.INGEST_PROCESSING_STALE_MINUTES} minutes."
            )
        raise RetryRefused(f"The article is {article.status}; only a failed, pending or stuck article can be retried.")
    article_queue_extraction(article=article)
    return article


def article_fetch_stale_before() -> datetime:
    """A `fetching` article untouched since this has no live fetch: one ends within its task's limit."""
    return timezone.now() - timedelta(seconds=fetch_time_limit_seconds() + 30)  # a little slack


def fetch_time_limit_seconds() -> int:
    """The fetch task's hard limit: the fetch's own deadline, and time to parse and store the page."""
    return settings.INGEST_TIMEOUT_SECONDS + 30


def _article_retry_fetch(*, article: Article) -> Article:
    """Fetch again the page of an article that has no text: one whose fetch failed, or one whose
    fetch was lost (`fetching`, untouched for longer than a fetch can last)."""
    retryable = Q(status=Article.Status.FAILED) | Q(
        status=Article.Status.FETCHING, updated_at__lt=article_fetch_stale_before()
    )
    reset = Article.objects.filter(retryable, pk=article.pk, text="").update(
        status=Article.Status.FETCHING, error="", task_id="", attempts=0, updated_at=timezone.now()
    )
    article.refresh_from_db()
    if not reset:
        if article.status == Article.Status.FETCHING:
            raise RetryRefused("The article's page is being fetched right now; wait for the result.")
        raise RetryRefused(f"The article is {article.status}; only a failed or lost fetch can be retried.")
    article_queue_fetch(article=article)
    return article


@contextmanager
def article_heartbeat(*, article_ids: Sequence[int], task_id: str, every: float) -> Iterator[None]:
    """While the block runs, touch the articles' updated_at every `every` seconds, those this task
    still holds: the sweeper takes back only articles whose heartbeat stopped (the worker died),
    so it can do so within minutes without ever taking an article from a live, slow worker."""
    stop = threading.Event()
    ids = list(article_ids)

    def beat() -> None:
        try:
            while not stop.wait(every):
                Article.objects.filter(pk__in=ids, status=Article.Status.PROCESSING, task_id=task_id).update(
                    updated_at=timezone.now()
                )
        except Exception:  # a missed beat only makes the articles look stale sooner
            log.warning("heartbeat of articles %s stopped", ids, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"article-heartbeat-{ids[0] if ids else ''}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def articles_retry_failed() -> int:
    """Put every failed article back in the queue: extracted again, or fetched again when it has no
    text (its page could not be fetched); returns how many were reset."""
    with transaction.atomic():
        failed = list(Article.objects.failed().select_for_update().values_list("pk", "text_hash"))
        to_extract = [pk for pk, fingerprint in failed if fingerprint]
        to_fetch = [pk for pk, fingerprint in failed if not fingerprint]
        reset = {"error": "", "task_id": "", "attempts": 0, "updated_at": timezone.now()}
        Article.objects.filter(pk__in=to_extract).update(status=Article.Status.PENDING, **reset)
        Article.objects.filter(pk__in=to_fetch).update(status=Article.Status.FETCHING, **reset)
        transaction.on_commit(lambda: _send_extractions(to_extract))
        transaction.on_commit(lambda: _send_lost_fetches(ids=to_fetch))
    return len(failed)


@dataclass(frozen=True)
class SweepResult:
    reclaimed: int  # stale `processing` articles put back to pending
    waiting: int  # pending articles old enough to queue
    queued: int  # of those, how many the broker took
    fetches: int = 0  # `fetching` articles whose fetch was queued again (lost message, dead worker)


def articles_sweep(
    *, pending_older_than: timedelta, processing_older_than: timedelta | None, limit: int = 1000
) -> SweepResult:
    """Queue articles left pending (the broker was down, a message was lost) and reclaim stale ones.

    An article `processing` for longer than processing_older_than lost its worker together with
    its message; it goes back to pending. If its worker was merely slow, the final step of
    claims.pipeline.article_process notices it no longer holds the article and writes nothing. A queued article's
    updated_at is bumped, so the next sweep leaves it alone for another pending_older_than.
    """
    now = timezone.now()
    reclaimed = 0
    if processing_older_than is not None:
        reclaimed = (
            Article.objects.processing()
            .untouched_since(now - processing_older_than)
            .update(status=Article.Status.PENDING, task_id="")
        )
        if reclaimed:
            log.warning("reclaimed %s article(s) stuck in processing", reclaimed)
    waiting = list(
        Article.objects.pending()
        .untouched_since(now - pending_older_than)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:limit]
    )
    queued = _send_extractions(waiting)
    # Never sooner than a fetch can last, whatever pending_older_than says.
    lost_after = max(pending_older_than, timedelta(seconds=fetch_time_limit_seconds() + 30))
    fetches = _send_lost_fetches(untouched_since=now - lost_after)
    return SweepResult(reclaimed=reclaimed, waiting=len(waiting), queued=queued, fetches=fetches)


def _send_lost_fetches(
    *, untouched_since: datetime | None = None, ids: list[int] | None = None, limit: int = 1000
) -> int:
    """Queue again the fetches of `fetching` articles untouched since then (the broker was down at
    submission, the message was lost, the worker died), or of those `ids`: the task fetches only a
    `fetching` article and fills it once, so a fetch that was merely slow in the queue is not done twice."""
    lost = Article.objects.fetching()
    if untouched_since is not None:
        lost = lost.untouched_since(untouched_since)
    if ids is not None:
        lost = lost.filter(pk__in=ids)
    sent = 0
    for article_id in lost.values_list("pk", flat=True)[:limit]:
        try:
            _send_fetch_task(article_id)
        except Exception:  # the broker is still down: the next sweep tries again
            log.warning("could not queue the fetch of article %s", article_id, exc_info=True)
            break
        Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).update(updated_at=timezone.now())
        sent += 1
    return sent


def article_claim_for_processing(*, article_id: int, task_id: str) -> Article | None:
    """Take the article for this task with a conditional UPDATE, so two workers never both run it;
    returns the article as taken (None when it is not this task's to run).

    The same task id may take it again: that is a message redelivered after its worker died. An
    article that has used up its attempts (its workers keep dying on it) is marked failed instead,
    by the same statement: one UPDATE ... RETURNING takes it, or fails it, and reads it.
    """
    quote = connection.ops.quote_name
    taken = list(
        Article.objects.raw(
            f"UPDATE {quote(Article._meta.db_table)} SET "
            "status = CASE WHEN attempts < %(max)s THEN %(processing)s ELSE %(failed)s END, "
            "task_id = CASE WHEN attempts < %(max)s THEN %(task)s ELSE '' END, "
            "attempts = CASE WHEN attempts < %(max)s THEN attempts + 1 ELSE attempts END, "
            "error = CASE WHEN attempts < %(max)s THEN error ELSE %(gave_up)s END, "
            "updated_at = %(now)s "
            "WHERE id = %(id)s AND (status = %(pending)s OR (status = %(processing)s AND task_id = %(task)s)) "
            "RETURNING *",
            {
                "id": article_id,
                "task": task_id,
                "max": MAX_EXTRACTION_ATTEMPTS,
                "pending": Article.Status.PENDING.value,
                "processing": Article.Status.PROCESSING.value,
                "failed": Article.Status.FAILED.value,
                "gave_up": f"Gave up after {MAX_EXTRACTION_ATTEMPTS} attempts: "
                "the worker stopped while extracting each time.",
                "now": timezone.now(),
            },
        )
    )
    return taken[0] if taken and taken[0].status == Article.Status.PROCESSING else None


def articles_claim_waiting(*, task_id: str, limit: int, exclude: int) -> list[Article]:
    """Take up to `limit` more pending articles for this task, oldest first, to extract in one batch.

    Only articles never tried before (attempts 0): one whose worker died, or that was taken back by
    the sweeper, runs in a task of its own, so an article that kills its worker fails alone and
    never uses up the attempts of others. Rows another task is taking are skipped, not waited for
    (one UPDATE of the rows its subquery locks, returning them). Their own messages, when they
    come, find them taken and do nothing.
    """
    if limit <= 0:
        return []
    waiting = (
        Article.objects.pending()
        .filter(attempts=0, duplicate_of__isnull=True)
        .exclude(pk=exclude)
        .order_by("pk")
        .values("pk")[:limit]
    )
    select, params = waiting.query.sql_with_params()
    quote = connection.ops.quote_name
    articles = Article.objects.raw(
        f"UPDATE {quote(Article._meta.db_table)} SET status = %s, task_id = %s, attempts = attempts + 1, "
        f"updated_at = %s WHERE id IN ({select} FOR UPDATE SKIP LOCKED) RETURNING *",
        [Article.Status.PROCESSING.value, task_id, timezone.now(), *params],
    )
    return sorted(articles, key=lambda article: article.pk)


def articles_release(*, task_id: str, keep: int) -> int:
    """Give back the articles a task took besides its own and queue each again on its own.

    For a task that runs again after its worker died (or its database call failed) in the middle of
    a batch: which article was at fault is not known, so each of the others is extracted alone.
    """
    with transaction.atomic():
        ids = list(
            Article.objects.processing()
            .filter(task_id=task_id)
            .exclude(pk=keep)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Article.objects.filter(pk__in=ids).update(status=Article.Status.PENDING, task_id="", updated_at=timezone.now())
        if ids:
            log.warning("task %s runs again: articles %s go back to the queue one by one", task_id, ids)
            transaction.on_commit(lambda: _send_extractions(ids))
    return len(ids)


def article_mark_failed(*, article_id: int, error: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=error[:5000], task_id="", updated_at=timezone.now()
    )


def article_submit(
    *,
    text: str = "",
    title: str = "",
    outlet_name: str = "",
    url: str | None = None,
    published_at: datetime | None = None,
) -> IngestResult:
    """An article sent by a person or a client: pasted text, or a URL whose page a task fetches
    when there is no text (the article is `fetching` until then).

    Its outlet is found by name, else by the URL's domain. Raises IngestError for bad text or a URL
    that is refused without fetching it.
    """
    domain = urlsplit(url).hostname if url else None
    outlet = outlet_get_or_create(name=outlet_name or domain or "", domain=domain) if outlet_name or domain else None
    if not text.strip() and url:
        return article_submit_url(url=url, outlet=outlet, title=title, published_at=published_at)
    return article_ingest(text=text, title=title, url=url, outlet=outlet, published_at=published_at)
