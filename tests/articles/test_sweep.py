"""The sweeper and `retry_articles`: pending articles are queued, stuck ones reclaimed, failed ones retried."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.services import MAX_EXTRACTION_ATTEMPTS, article_claim_for_processing, article_ingest, articles_sweep
from claims.models import Claim
from claims.pipeline import article_process
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    """Article ids handed to the broker (recorded instead of sent)."""
    sent: list[int] = []
    monkeypatch.setattr("articles.services._send_extraction_task", sent.append)
    return sent


def broker_refuses(article_id: int) -> None:
    raise ConnectionRefusedError("the broker is down")


def aged(minutes: int, **fields) -> Article:
    article = ArticleFactory(**fields)
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes))
    return article


def test_the_sweeper_queues_articles_pending_too_long_once_per_wait(queued):
    waiting = aged(30, status=Article.Status.PENDING)
    aged(2, status=Article.Status.PENDING)  # queued moments ago, its message is probably still on its way
    aged(30, status=Article.Status.DONE)
    aged(30, status=Article.Status.FAILED, error="boom")

    first = articles_sweep(pending_older_than=timedelta(minutes=10), processing_older_than=timedelta(minutes=60))
    again = articles_sweep(pending_older_than=timedelta(minutes=10), processing_older_than=timedelta(minutes=60))

    assert queued == [waiting.pk]
    assert (first.waiting, first.queued, again.waiting) == (1, 1, 0)


def test_the_sweeper_reclaims_articles_stuck_in_processing_but_not_busy_ones(queued):
    stuck = aged(120, status=Article.Status.PROCESSING, task_id="dead-worker")
    busy = aged(5, status=Article.Status.PROCESSING, task_id="live-worker")

    result = articles_sweep(pending_older_than=timedelta(minutes=10), processing_older_than=timedelta(minutes=60))

    assert result.reclaimed == 1 and queued == [stuck.pk]
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.status, stuck.task_id) == (Article.Status.PENDING, "")
    assert (busy.status, busy.task_id) == (Article.Status.PROCESSING, "live-worker")


def test_the_sweeper_stops_at_a_broker_failure_and_leaves_the_rest_pending(monkeypatch):
    first, second = aged(30, status=Article.Status.PENDING), aged(31, status=Article.Status.PENDING)

    monkeypatch.setattr("articles.services._send_extraction_task", broker_refuses)
    result = articles_sweep(pending_older_than=timedelta(minutes=10), processing_older_than=None)

    assert (result.waiting, result.queued) == (2, 0)
    assert set(Article.objects.pending().untouched_since(timezone.now() - timedelta(minutes=10))) == {first, second}


def test_a_slow_task_whose_article_was_reclaimed_stores_nothing_and_claims_exist_once(monkeypatch, seed_text, queued):
    article = article_ingest(text=seed_text).article
    from claims import services as claim_services

    real_extract = claim_services.claims_extract_many
    calls = {"n": 0}

    def extract_while_the_sweeper_gives_the_article_to_another_task(*, texts):
        calls["n"] += 1
        if calls["n"] == 1:  # task "slow": while it extracts, it is presumed dead and "fresh" runs
            articles_sweep(pending_older_than=timedelta(0), processing_older_than=timedelta(0))
            assert article_process(article_id=article.pk, task_id="fresh")
        return real_extract(texts=texts)

    monkeypatch.setattr(
        claim_services, "claims_extract_many", extract_while_the_sweeper_gives_the_article_to_another_task
    )
    assert not article_process(article_id=article.pk, task_id="slow")

    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    spans = list(Claim.objects.filter(article=article).values_list("content_start", "content_end"))
    assert spans and len(spans) == len(set(spans))


def test_an_article_whose_workers_keep_dying_is_failed_with_a_reason_instead_of_looping():
    article = ArticleFactory(status=Article.Status.PROCESSING, task_id="t", attempts=MAX_EXTRACTION_ATTEMPTS)

    with CaptureQueriesContext(connection) as captured:
        assert not article_claim_for_processing(article_id=article.pk, task_id="t")

    assert len(captured) == 1  # the UPDATE that takes an article fails it instead
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert f"Gave up after {MAX_EXTRACTION_ATTEMPTS} attempts" in article.error
    assert (article.task_id, article.attempts) == ("", MAX_EXTRACTION_ATTEMPTS)


def test_claiming_an_article_takes_and_reads_it_in_one_statement_and_only_once():
    article = ArticleFactory(status=Article.Status.PENDING, attempts=0)

    with CaptureQueriesContext(connection) as captured:
        taken = article_claim_for_processing(article_id=article.pk, task_id="t")

    assert len(captured) == 1
    assert taken is not None and taken.pk == article.pk and taken.text == article.text
    assert (taken.status, taken.task_id, taken.attempts) == (Article.Status.PROCESSING, "t", 1)
    assert article_claim_for_processing(article_id=article.pk, task_id="t").attempts == 2  # redelivered
    assert article_claim_for_processing(article_id=article.pk, task_id="another") is None
    article.refresh_from_db()
    assert (article.status, article.task_id, article.attempts) == (Article.Status.PROCESSING, "t", 2)


def test_retry_articles_failed_requeues_failed_articles_with_their_error_cleared(
    queued, django_capture_on_commit_callbacks
):
    broken = ArticleFactory(status=Article.Status.FAILED, error="Extraction failed: boom", attempts=5)
    done = ArticleFactory(status=Article.Status.DONE)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("retry_articles", "--failed", stdout=out)

    assert "Failed articles queued again: 1" in out.getvalue()
    broken.refresh_from_db()
    assert (broken.status, broken.error, broken.attempts) == (Article.Status.PENDING, "", 0)
    assert queued == [broken.pk]
    assert Article.objects.get(pk=done.pk).status == Article.Status.DONE


def test_retry_articles_pending_queues_waiting_articles_and_says_when_the_broker_refuses(queued, monkeypatch):
    waiting = aged(1, status=Article.Status.PENDING)
    out = io.StringIO()
    call_command("retry_articles", "--pending", stdout=out)
    assert queued == [waiting.pk]
    assert "pending: 1; queued: 1" in out.getvalue()

    monkeypatch.setattr("articles.services._send_extraction_task", broker_refuses)
    with pytest.raises(CommandError, match="the broker refused some articles"):
        call_command("retry_articles", "--pending", stdout=io.StringIO())


def test_retry_articles_needs_to_be_told_what_to_retry():
    with pytest.raises(CommandError, match="--failed, --pending or both"):
        call_command("retry_articles")


def test_retry_articles_pending_honours_older_than_for_stuck_articles(settings, queued):
    """Before: --older-than applied to pending articles only; stuck ones waited INGEST_PROCESSING_STALE_MINUTES."""
    settings.INGEST_PROCESSING_STALE_MINUTES = 60
    article = article_ingest(text="The mayor said the bridge would reopen in May.").article
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PROCESSING, task_id="gone", updated_at=timezone.now() - timedelta(minutes=6)
    )

    call_command("retry_articles", "--pending", "--older-than", "10", stdout=io.StringIO())
    assert Article.objects.get(pk=article.pk).status == Article.Status.PROCESSING  # 6 minutes < 10

    out = io.StringIO()
    call_command("retry_articles", "--pending", "--older-than", "5", stdout=out)
    assert "Reclaimed from processing: 1" in out.getvalue()
    assert Article.objects.get(pk=article.pk).status in (Article.Status.PENDING, Article.Status.PROCESSING)
    assert Article.objects.get(pk=article.pk).task_id != "gone"
