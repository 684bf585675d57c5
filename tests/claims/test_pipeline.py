"""From ingest to stored claims: the service, the task and a real worker process."""

import pytest

from articles.models import Article
from articles.services import EXTRACTION_TASK, article_ingest, article_retry
from claims.models import Claim, Origin
from claims.pipeline import article_process
from claims_tracker.celery import app as celery_app
from tests.worker import wait_for


@pytest.mark.worker
def test_seed_article_is_extracted_by_a_real_worker(worker, seed_text):
    article = article_ingest(text=seed_text, title="Kremlin drone report").article
    assert article.status == Article.Status.PENDING

    wait_for(lambda: Article.objects.get(pk=article.pk).status in {"done", "failed"}, what="extraction")

    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.extractor_version
    claims = list(Claim.objects.filter(article=article))
    assert len(claims) >= 5
    for claim in claims:
        assert article.text[claim.content_start : claim.content_end] == claim.content
        assert claim.origin == Origin.MACHINE
        assert claim.extractor_version == article.extractor_version
    assert any("said that it is treating" in article.text[c.cue_start : c.content_end] for c in claims)


@pytest.mark.django_db
def test_ingest_stores_the_article_before_queueing_and_queues_on_commit(django_capture_on_commit_callbacks, seed_text):
    with django_capture_on_commit_callbacks() as callbacks:
        result = article_ingest(text=seed_text)
    assert result.created
    assert Article.objects.filter(pk=result.article.pk).exists()
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_the_same_text_twice_is_one_article(seed_text):
    first = article_ingest(text=seed_text)
    again = article_ingest(text="  " + seed_text.replace("\n", "\r\n").upper() + "\n")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_processing_twice_gives_the_same_claims(seed_text):
    article = article_ingest(text=seed_text).article
    assert article_process(article_id=article.pk, task_id="t1")
    first = sorted(Claim.objects.filter(article=article).values_list("content_start", "content_end", "speaker__name"))

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING)
    assert article_process(article_id=article.pk, task_id="t2")
    second = sorted(Claim.objects.filter(article=article).values_list("content_start", "content_end", "speaker__name"))
    assert first == second
    assert first


@pytest.mark.django_db
def test_an_article_held_by_another_task_is_not_processed_twice(seed_text):
    article = article_ingest(text=seed_text).article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PROCESSING, task_id="other")
    assert not article_process(article_id=article.pk, task_id="mine")
    assert not Claim.objects.filter(article=article).exists()
    # The same message delivered again (its worker died) may resume it.
    assert article_process(article_id=article.pk, task_id="other")
    assert Article.objects.get(pk=article.pk).status == Article.Status.DONE


@pytest.mark.django_db
def test_extraction_failure_is_kept_with_a_readable_error_and_can_be_retried(monkeypatch, seed_text):
    article = article_ingest(text=seed_text).article

    def broken(doc, resolver):
        raise ValueError("the parser choked on this text")

    monkeypatch.setattr("claims.services.doc_claims", broken)
    article_process(article_id=article.pk, task_id="t1")
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "the parser choked on this text" in article.error
    assert article.text == seed_text.strip()

    monkeypatch.undo()
    article_retry(article=article)
    assert article.status == Article.Status.PENDING and article.error == ""
    article_process(article_id=article.pk, task_id="t2")
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.claims.exists()


def test_the_task_articles_queue_by_name_is_the_claims_pipeline():
    # articles/ queues extraction by task name, never importing claims/: the name must be registered.
    celery_app.loader.import_default_modules()
    task = celery_app.tasks[EXTRACTION_TASK]
    assert task.__module__ == "claims.tasks" and task.name == EXTRACTION_TASK
