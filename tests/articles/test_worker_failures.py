"""Nothing lost, nothing doubled: real workers killed mid-extraction, and a broker that is down."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import KombuError

from articles.models import Article
from articles.services import article_ingest, articles_sweep
from claims.models import Claim
from claims.services import claims_extract
from claims_tracker.celery import app as celery_app
from tests.worker import celery_worker, wait_for


def claim_spans(article: Article) -> list[tuple[int, int]]:
    return sorted(Claim.objects.filter(article=article).values_list("content_start", "content_end"))


def status_of(article: Article) -> str:
    return Article.objects.get(pk=article.pk).status


@pytest.fixture
def stall_marker(tmp_path, monkeypatch) -> Path:
    marker = tmp_path / "stalled.pid"
    monkeypatch.setenv("STALL_EXTRACTION_MARKER", str(marker))
    return marker


def wait_for_stall(marker: Path) -> int:
    """The pid of the pool process stalled with its claims written but not committed."""
    wait_for(lambda: marker.exists() and marker.read_text().strip(), timeout=120, what="the stalled extraction")
    return int(marker.read_text())


@pytest.mark.worker
def test_a_pool_process_killed_inside_an_extraction_leaves_no_claims_and_the_article_is_done_once(
    transactional_db, stall_marker, seed_text
):
    with celery_worker(extra_args=["--include", "tests.stall_extraction"]):
        article = article_ingest(text=seed_text).article
        child = wait_for_stall(stall_marker)
        assert status_of(article) == Article.Status.PROCESSING
        assert claim_spans(article) == []  # written inside the open transaction: invisible

        os.kill(child, signal.SIGKILL)
        # The worker puts the message back (late ack, reject_on_worker_lost) and a new pool
        # process takes it: the same task id resumes the article.
        wait_for(lambda: status_of(article) in {"done", "failed"}, what="extraction after the kill")

    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.attempts == 2
    expected = sorted((c.content_start, c.content_end) for c in claims_extract(text=article.text))
    assert expected and claim_spans(article) == expected


@pytest.mark.worker
def test_a_whole_worker_killed_mid_extraction_is_recovered_by_the_sweeper_after_restart(
    transactional_db, stall_marker, seed_text, settings
):
    with celery_worker(extra_args=["--include", "tests.stall_extraction"]) as worker:
        article = article_ingest(text=seed_text).article
        child = wait_for_stall(stall_marker)
        os.kill(worker.pid, signal.SIGKILL)  # the main process first, so nobody puts the message back
        os.kill(child, signal.SIGKILL)
        worker.wait(timeout=10)
    # With the filesystem broker the message went down with the worker; the row says processing.
    wait_for(lambda: not _alive(child), timeout=10, what="the pool process to die")
    assert status_of(article) == Article.Status.PROCESSING
    assert claim_spans(article) == []

    settings.INGEST_PROCESSING_STALE_MINUTES = 0
    with celery_worker():
        call_command("retry_articles", "--pending")
        wait_for(lambda: status_of(article) in {"done", "failed"}, what="extraction after the sweep")

    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    expected = sorted((c.content_start, c.content_end) for c in claims_extract(text=article.text))
    assert expected and claim_spans(article) == expected


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def broker_down() -> Iterator[None]:
    """Make the filesystem broker unwritable: its queue folder becomes a plain file for a while."""
    celery_app.loader.import_default_modules()  # configured (and its folders made) while the broker is up
    queue = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_out"])
    aside = queue.with_name(queue.name + "-aside")
    queue.mkdir(parents=True, exist_ok=True)
    queue.rename(aside)
    queue.write_text("the broker is down")
    try:
        yield
    finally:
        queue.unlink()
        aside.rename(queue)


@pytest.mark.worker
def test_an_article_ingested_while_the_broker_is_down_waits_and_is_processed_once_it_is_back(
    transactional_db, seed_text
):
    if settings.BROKER_DIR is None:
        pytest.skip("this test stops the filesystem broker")
    with broker_down():
        result = article_ingest(text=seed_text)  # the queueing fails after commit; the row stays
    article = result.article
    assert result.created and status_of(article) == Article.Status.PENDING
    queue = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_out"])
    assert not list(queue.glob("*.msg"))

    with celery_worker():
        time.sleep(2)
        assert status_of(article) == Article.Status.PENDING  # no message exists: only the sweeper can help
        # Pending longer than the sweeper waits; the periodic task runs on the worker.
        Article.objects.filter(pk=article.pk).update(
            updated_at=timezone.now() - timedelta(minutes=settings.INGEST_PENDING_AFTER_MINUTES + 1)
        )
        from articles.tasks import sweep_pending

        sweep_pending.delay()
        wait_for(lambda: status_of(article) in {"done", "failed"}, what="extraction after the sweep")

    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.attempts == 1
    assert Claim.objects.filter(article=article).exists()


def test_broker_down_helper_really_blocks_publishing():
    """Guards the test above: with the folder replaced, publishing raises instead of queueing."""
    if settings.BROKER_DIR is None:
        pytest.skip("this test stops the filesystem broker")
    from articles.tasks import sweep_pending

    with broker_down(), pytest.raises((KombuError, OSError), match=r"Cannot add file|Not a directory"):
        sweep_pending.apply_async(retry=False)


@pytest.mark.worker
def test_the_sweeper_takes_back_an_article_within_seconds_of_its_worker_dying_never_from_a_live_one(
    transactional_db, seed_text, tmp_path, monkeypatch
):
    """Before: a processing article was taken back only after an hour (INGEST_PROCESSING_STALE_MINUTES=60),
    the same for a dead worker as for a slow one. Now the worker's heartbeat tells them apart."""
    marker = tmp_path / "slow.pid"
    monkeypatch.setenv("SLOW_EXTRACTION_MARKER", str(marker))
    monkeypatch.setenv("SLOW_EXTRACTION_SECONDS", "60")
    monkeypatch.setenv("INGEST_HEARTBEAT_SECONDS", "1")
    stale = timedelta(seconds=4)

    def sweep() -> int:
        return articles_sweep(pending_older_than=timedelta(hours=1), processing_older_than=stale).reclaimed

    with celery_worker(extra_args=["--include", "tests.slow_extraction"]) as worker:
        article = article_ingest(text=seed_text).article
        wait_for(lambda: marker.exists() and marker.read_text().strip(), timeout=120, what="the slow extraction")
        child = int(marker.read_text())
        time.sleep(stale.total_seconds() + 2)
        assert sweep() == 0  # slow, but its heartbeat is fresh: left alone
        assert status_of(article) == Article.Status.PROCESSING

        os.kill(worker.pid, signal.SIGKILL)  # the main process first, so nobody puts the message back
        os.kill(child, signal.SIGKILL)
        worker.wait(timeout=10)
    killed_at = time.monotonic()
    wait_for(lambda: sweep() == 1, timeout=30, interval=0.5, what="the sweeper to take the article back")
    assert time.monotonic() - killed_at < stale.total_seconds() + 3
    assert status_of(article) == Article.Status.PENDING

    with celery_worker():
        articles_sweep(pending_older_than=timedelta(0), processing_older_than=stale)
        wait_for(lambda: status_of(article) in {"done", "failed"}, what="extraction after the sweep")
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    expected = sorted((c.content_start, c.content_end) for c in claims_extract(text=article.text))
    assert expected and claim_spans(article) == expected
