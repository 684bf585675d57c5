"""Several articles per extraction task, through one nlp.pipe: the same claims as one by one, each
article failed or done on its own, and a task that runs again after a crash gives its batch back."""

from __future__ import annotations

import os
import signal

import pytest
from django.db import transaction

from articles.models import Article
from articles.services import article_ingest, article_queue_extraction
from bench.end_to_end import synthetic_articles
from claims import services
from claims.models import Actor, Claim
from claims.pipeline import article_process
from tests.poison_extraction import ENGINE_POISON, STORE_POISON
from tests.worker import celery_worker, wait_for


def texts(count: int) -> list[str]:
    return [text for _, text in synthetic_articles(count, seed=5)]


def stored() -> dict[str, object]:
    """Everything extraction stores, keyed by article text: claims with speakers, relays and
    entities, and the actors."""
    claims = {}
    for article in Article.objects.order_by("pk"):
        claims[article.text] = sorted(
            (
                c.content_start,
                c.content_end,
                c.cue,
                c.speaker.name if c.speaker else None,
                c.speaker_mention,
                c.via.name if c.via else None,
                c.stance,
                c.kind,
                tuple(sorted((e.start, e.end, e.actor.name if e.actor else None) for e in c.entities.all())),
            )
            for c in Claim.objects.filter(article=article).select_related("speaker", "via")
        )
    return {"claims": claims, "actors": sorted(Actor.objects.values_list("name", "kind", "speaks_for__name"))}


def queue_together(articles: list[Article]) -> None:
    """Queue them in one transaction: every row is committed before the first task runs."""
    with transaction.atomic():
        for article in articles:
            article_queue_extraction(article=article)


def all_finished() -> bool:
    return not Article.objects.filter(status__in=["pending", "processing"]).exists()


@pytest.mark.worker
def test_a_batch_stores_what_one_by_one_extraction_stores(transactional_db, tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTION_BATCH_ARTICLES", "8")
    articles = [article_ingest(text=text).article for text in texts(7)]
    for article in articles:
        assert article_process(article_id=article.pk, task_id=f"alone-{article.pk}")
    one_by_one = stored()
    assert sum(len(claims) for claims in one_by_one["claims"].values()) > 30

    Claim.objects.all().delete()
    Actor.objects.all().delete()
    Article.objects.update(status=Article.Status.PENDING, attempts=0, task_id="", extractor_version="")
    log = tmp_path / "worker.log"
    with celery_worker(log_path=log, extra_args=["-Q", "celery"]):
        queue_together(articles)
        wait_for(all_finished, what="the batch")
    assert "in one batch" in log.read_text()  # it was a batch, not seven tasks
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    assert stored() == one_by_one


@pytest.mark.worker
def test_one_bad_article_in_a_batch_fails_alone(transactional_db, tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTION_BATCH_ARTICLES", "8")
    bodies = texts(5)
    bodies[1] += f"\n\n{ENGINE_POISON}"
    bodies[3] += f"\n\n{STORE_POISON}"
    articles = [article_ingest(text=text).article for text in bodies]
    log = tmp_path / "worker.log"
    with celery_worker(log_path=log, extra_args=["-Q", "celery", "--include", "tests.poison_extraction"]):
        queue_together(articles)
        wait_for(all_finished, what="the batch")
    assert "in one batch" in log.read_text()

    for article in articles:
        article.refresh_from_db()
    assert articles[1].status == "failed"
    assert articles[1].error == "Extraction failed: ValueError: the rules choked on this text"
    assert articles[3].status == "failed"
    assert articles[3].error == "Storing the claims failed: ValueError: storing choked on this article"
    assert not articles[3].claims.exists()  # its writes were rolled back with it
    for article in (articles[0], articles[2], articles[4]):
        assert article.status == "done", article.error
        assert article.claims.count() >= 3


@pytest.mark.django_db
def test_a_text_that_breaks_the_parse_of_its_batch_fails_alone(monkeypatch):
    good, other = texts(2)
    bad = "This text breaks the parser."
    real = services.load_pipeline()

    class Breaks:
        def pipe(self, chunks, batch_size):  # type: ignore[no-untyped-def]
            chunks = list(chunks)
            if bad in chunks:
                raise RuntimeError("the parser broke")
            return real.pipe(chunks, batch_size=batch_size)

    expected = [services.claims_extract(text=good), services.claims_extract(text=other)]
    monkeypatch.setattr(services, "load_pipeline", Breaks)
    first, broken, second = services.claims_extract_many(texts=[good, bad, other])
    assert isinstance(broken, RuntimeError)
    assert [first, second] == expected and first and second


@pytest.fixture
def queued(monkeypatch) -> list[int]:
    sent: list[int] = []
    monkeypatch.setattr("articles.services._send_extraction_task", sent.append)
    return sent


@pytest.mark.django_db
def test_a_batch_takes_only_waiting_articles_never_tried(queued):
    first, fresh, tried, done = (article_ingest(text=text).article for text in texts(4))
    Article.objects.filter(pk=tried.pk).update(attempts=1)  # taken back from a dead worker by the sweeper
    Article.objects.filter(pk=done.pk).update(status=Article.Status.DONE)

    assert article_process(article_id=first.pk, task_id="T", batch_size=8)

    statuses = dict(Article.objects.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[fresh.pk], statuses[tried.pk]) == ("done", "done", "pending")
    assert not Article.objects.get(pk=done.pk).claims.exists()
    # The taken article's own message, when it comes, finds it done and does nothing.
    assert not article_process(article_id=fresh.pk, task_id="U", batch_size=8)


@pytest.mark.django_db
def test_a_batch_is_stored_oldest_first_whichever_message_came_first(queued):
    """A broker need not keep the order of messages sent together: the newest article's message
    may come first. What is stored must not depend on it (an actor's kind comes from the first
    article that names it)."""
    articles = [article_ingest(text=text).article for text in texts(7)]
    for article in articles:
        assert article_process(article_id=article.pk, task_id=f"alone-{article.pk}")
    one_by_one = stored()

    Claim.objects.all().delete()
    Actor.objects.all().delete()
    Article.objects.update(status=Article.Status.PENDING, attempts=0, task_id="", extractor_version="")
    assert article_process(article_id=articles[-1].pk, task_id="T", batch_size=8)

    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    assert stored() == one_by_one


@pytest.mark.django_db
def test_a_task_running_again_gives_back_its_batch_to_run_one_by_one(queued, django_capture_on_commit_callbacks):
    own, mate, other_mate = (article_ingest(text=text).article for text in texts(3))
    queued.clear()
    # What a worker that died in the middle of a batch leaves behind.
    Article.objects.update(status=Article.Status.PROCESSING, task_id="T", attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert article_process(article_id=own.pk, task_id="T", batch_size=8)

    assert Article.objects.get(pk=own.pk).status == "done"
    assert sorted(queued) == sorted([mate.pk, other_mate.pk])
    assert set(Article.objects.filter(pk__in=queued).values_list("status", "task_id")) == {("pending", "")}
    # Each runs alone now: which one killed the worker is not known.
    assert article_process(article_id=mate.pk, task_id="U", batch_size=8)
    assert Article.objects.get(pk=mate.pk).status == "done"
    assert Article.objects.get(pk=other_mate.pk).status == "pending"


@pytest.mark.worker
def test_a_pool_process_killed_in_the_middle_of_a_batch_loses_and_doubles_nothing(
    transactional_db, tmp_path, monkeypatch
):
    marker = tmp_path / "stalled.pid"
    monkeypatch.setenv("STALL_EXTRACTION_MARKER", str(marker))
    monkeypatch.setenv("EXTRACTION_BATCH_ARTICLES", "8")
    articles = [article_ingest(text=text).article for text in texts(4)]
    log = tmp_path / "worker.log"
    with celery_worker(log_path=log, extra_args=["-Q", "celery", "--include", "tests.stall_extraction"]):
        queue_together(articles)
        wait_for(lambda: marker.exists() and marker.read_text().strip(), timeout=120, what="the stalled batch")
        assert "in one batch" in log.read_text()
        os.kill(int(marker.read_text()), signal.SIGKILL)
        wait_for(all_finished, what="extraction after the kill")

    for article in articles:
        article.refresh_from_db()
        assert article.status == "done", article.error
        assert article.attempts == 2  # the batch, then alone
        spans = list(article.claims.values_list("content_start", "content_end"))
        assert spans and len(spans) == len(set(spans))


@pytest.mark.django_db
def test_storing_takes_extractions_lookups_and_stores_what_looking_the_names_up_again_stores(queued):
    """Storing right after extraction reuses the actors extraction found for each name (and the
    aliases it saw stored) instead of asking the database again: the same claims, actors and
    aliases, in fewer alias queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.models import ActorAlias

    def store_all(*, handed_over: bool) -> tuple[dict[str, object], list[str], int]:
        with CaptureQueriesContext(connection) as captured:
            for text in texts(6):
                article = article_ingest(text=text).article
                (extracted,) = services.claims_extract_many(texts=[text])
                assert not isinstance(extracted, Exception)
                services.claims_replace_for_article(
                    article=article,
                    extracted=extracted,
                    extractor_version="t",
                    known_names=extracted.known if handed_over else None,
                )
        aliases = sorted(ActorAlias.objects.values_list("normalized", "actor__name"))
        lookups = sum('FROM "claims_actoralias"' in q["sql"] for q in captured.captured_queries)
        return stored(), aliases, lookups

    with transaction.atomic():
        looked_up_again = store_all(handed_over=False)
        transaction.set_rollback(True)
    handed_over = store_all(handed_over=True)
    assert handed_over[0] == looked_up_again[0] and handed_over[0]["actors"]
    assert handed_over[1] == looked_up_again[1]
    assert handed_over[2] < looked_up_again[2]


@pytest.fixture
def worker_process():
    """A worker process's memory of what its batches stored, fresh for the test."""
    from claims import pipeline

    pipeline._SERVED_IN_BATCH.clear()
    yield
    pipeline._SERVED_IN_BATCH.clear()


@pytest.mark.django_db
def test_in_a_worker_the_message_of_an_article_its_batch_stored_ends_without_a_query(
    queued, worker_process, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.services import article_retry

    own, mate, bad = (article_ingest(text=text).article for text in texts(3))
    real_store = services.claims_replace_for_article

    def store_fails_on_bad(**kwargs):  # type: ignore[no-untyped-def]
        if kwargs["article"].pk == bad.pk:
            raise ValueError("storing choked")
        return real_store(**kwargs)

    monkeypatch.setattr(services, "claims_replace_for_article", store_fails_on_bad)
    assert article_process(article_id=own.pk, task_id="T", batch_size=8, skip_served=True)
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert (statuses[own.pk], statuses[mate.pk], statuses[bad.pk]) == ("done", "done", "failed")

    with CaptureQueriesContext(connection) as captured:
        assert not article_process(article_id=mate.pk, task_id="U", batch_size=8, skip_served=True)
    assert captured.captured_queries == []
    # Remembered once: another message for it (the sweeper's) asks the database, which says done.
    with CaptureQueriesContext(connection) as captured:
        assert not article_process(article_id=mate.pk, task_id="V", batch_size=8, skip_served=True)
    assert captured.captured_queries
    assert Article.objects.get(pk=mate.pk).claims.count() >= 3

    # A failed article is not remembered: retried, its new message extracts it.
    monkeypatch.setattr(services, "claims_replace_for_article", real_store)
    article_retry(article=Article.objects.get(pk=bad.pk))
    assert article_process(article_id=bad.pk, task_id="W", batch_size=8, skip_served=True)
    assert Article.objects.get(pk=bad.pk).status == "done"
