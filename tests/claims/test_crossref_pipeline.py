"""Cross-referencing behind the real extraction engine: queued on commit after an article is
processed, run by a real worker. Asserts only what any decent engine gives on these texts."""

import pytest

from articles.models import Article
from articles.services import article_ingest
from claims import tasks
from claims.models import Claim, ClaimLink, Origin, Story
from claims.pipeline import article_process
from tests.worker import wait_for

FOLLOW_UP = (
    "MOSCOW: The Kremlin said that Ukraine had tried to kill Vladimir Putin with two drones overnight. "
    "Ukraine said that it had nothing to do with the drone attack on the Kremlin."
)


def run_queued_crossref_in_process(monkeypatch) -> list[int]:
    ran: list[int] = []

    def run(article_id: int) -> None:
        ran.append(article_id)
        tasks.crossref_article.apply(args=[article_id])

    monkeypatch.setattr("claims.crossref.pipeline.crossref_task_send", run)
    return ran


def claims_sharing_a_story(article: Article) -> list[Claim]:
    return list(Claim.objects.filter(article=article, story__isnull=False))


@pytest.mark.django_db
def test_processing_an_article_queues_its_crossref_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    ran = run_queued_crossref_in_process(monkeypatch)
    article = article_ingest(text=FOLLOW_UP).article

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert article_process(article_id=article.pk, task_id="t1")

    assert len(callbacks) == 1
    assert ran == [article.pk]
    grouped = claims_sharing_a_story(article)
    assert len(grouped) >= 2, "the Kremlin's claim and Ukraine's reply tell one story"
    assert len({c.story_id for c in grouped}) == 1


@pytest.mark.django_db
def test_real_engine_output_is_cross_referenced_idempotently(
    monkeypatch, django_capture_on_commit_callbacks, seed_text
):
    run_queued_crossref_in_process(monkeypatch)
    for text in (seed_text, FOLLOW_UP):
        article = article_ingest(text=text).article
        with django_capture_on_commit_callbacks(execute=True):
            article_process(article_id=article.pk, task_id=f"t{article.pk}")

    def snapshot():
        return (
            sorted(Claim.objects.values_list("id", "story_id")),
            sorted(ClaimLink.objects.values_list("source_id", "target_id", "relation", "score")),
        )

    first = snapshot()
    for article_id in Article.objects.values_list("id", flat=True):
        tasks.crossref_article.apply(args=[article_id])
    assert snapshot() == first
    assert Story.objects.exists()
    assert not ClaimLink.objects.exclude(origin=Origin.MACHINE, status=ClaimLink.Status.SUGGESTED).exists()
    for story in Story.objects.all():
        assert story.claims.count() >= 2


@pytest.mark.worker
def test_a_real_worker_extracts_then_groups_the_claims(worker):
    article = article_ingest(text=FOLLOW_UP, title="Kremlin drones, follow-up").article

    wait_for(lambda: len(claims_sharing_a_story(article)) >= 2, what="extraction and cross-referencing")

    assert Article.objects.get(pk=article.pk).status == Article.Status.DONE
    assert len({c.story_id for c in claims_sharing_a_story(article)}) == 1
