"""recrossref: today's rules applied to stored data through the worker, editors' decisions kept."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from claims.crossref import article_crossref, articles_queue_recrossref, articles_sweep_crossref
from claims.crossref import pipeline as crossref_pipeline
from claims.crossref.stories import stories_release_articles
from claims.models import Claim, ClaimLink, Origin, Story
from tests.claims.labelled_stories import load_labelled_set
from tests.factories import ArticleFactory, ClaimFactory
from tests.worker import wait_for


def by_event(gold: dict[int, str], event: str) -> list[Claim]:
    return list(Claim.objects.filter(id__in=[c for c, e in gold.items() if e == event]).order_by("id"))


def groupings_left_by_older_rules(gold: dict[int, str]) -> Story:
    """One machine story mixing three events, the articles marked cross-referenced; returns it."""
    drones, port, election = (by_event(gold, e) for e in ("kremlin-drones", "odesa-port", "valdoria-election"))
    Article.objects.update(crossref_at=timezone.now())
    old = Story.objects.create(title="Old rules: everything in May")
    Claim.objects.filter(id__in=[c.pk for c in drones[:2] + port[:2] + election[:1]]).update(story=old)
    return old


@pytest.mark.worker
def test_recrossref_regroups_stored_claims_and_keeps_every_editor_decision(worker, capsys):
    gold = load_labelled_set()
    drones, port, election = (
        by_event(gold, "kremlin-drones"),
        by_event(gold, "odesa-port"),
        by_event(gold, "valdoria-election"),
    )
    # What older rules left behind: one machine story mixing three events, a stray suggestion.
    old = groupings_left_by_older_rules(gold)
    stray = ClaimLink.objects.create(source=drones[0], target=election[0], relation="supports")
    # What editors decided: one election claim filed alone; a link dismissed; a link they made.
    chosen = Story.objects.create(title="Editor's file")
    Claim.objects.filter(pk=election[1].pk).update(story=chosen, story_origin=Origin.EDITOR)
    dismissed = ClaimLink.objects.create(
        source=drones[1], target=drones[2], relation="contradicts", status=ClaimLink.Status.DISMISSED
    )
    made = ClaimLink.objects.create(
        source=port[0], target=election[2], relation="supports", origin=Origin.EDITOR, status=ClaimLink.Status.CONFIRMED
    )

    queued_at = timezone.now()
    call_command("recrossref")
    assert "Queued cross-referencing of 11 articles" in capsys.readouterr().out

    # Wait for the run to finish (every article marked cross-referenced since), however slowly a
    # loaded machine gets there, then check what it did.
    wait_for(
        lambda: Article.objects.filter(crossref_at__gte=queued_at).count() == 11,
        timeout=300,
        what="the worker to cross-reference the stored articles again",
    )
    assert not Story.objects.filter(pk=old.pk).exists()
    placed = Claim.objects.filter(id__in=[c.pk for c in drones + port], story__isnull=False).count()
    assert placed == len(drones) + len(port)
    wait_for(lambda: not ClaimLink.objects.filter(pk=stray.pk).exists(), what="the stray suggestion to go")

    # Machine stories hold one event each now (counting the labelled claims).
    for story in Story.objects.exclude(pk=chosen.pk):
        placed = story.claims.filter(story_origin=Origin.MACHINE, id__in=list(gold)).values_list("id", flat=True)
        assert len({gold[c] for c in placed}) <= 1, story.title
    # The editors' decisions are as they left them.
    assert Claim.objects.get(pk=election[1].pk).story_id == chosen.pk
    dismissed.refresh_from_db()
    assert (dismissed.status, dismissed.relation) == (ClaimLink.Status.DISMISSED, "contradicts")
    made.refresh_from_db()
    assert (made.origin, made.status) == (Origin.EDITOR, ClaimLink.Status.CONFIRMED)
    assert not ClaimLink.objects.filter(source=drones[1], target=drones[2]).exclude(pk=dismissed.pk).exists()


@pytest.mark.django_db
def test_recrossref_groups_alike_whatever_order_the_worker_takes_the_articles_in(monkeypatch):
    """A broker need not keep the queue's order (the filesystem transport of `make run` does not
    for messages sent in one millisecond): the old mixed story must not steer the new grouping."""
    gold = load_labelled_set()
    old = groupings_left_by_older_rules(gold)
    sent: list[int] = []
    monkeypatch.setattr("claims.crossref.pipeline.crossref_task_send", sent.append)
    articles_queue_recrossref()
    assert not Story.objects.filter(pk=old.pk).exists()

    def groups() -> set[frozenset[int]]:
        placed = Claim.objects.filter(story__isnull=False).values_list("story_id", "id")
        by_story: dict[int, set[int]] = {}
        for story, claim in placed:
            by_story.setdefault(story, set()).add(claim)
        return {frozenset(claims) for claims in by_story.values()}

    # Each order from the same starting point: the queued state, saved and restored by a savepoint.
    seen = []
    for seed in (None, 1, 2, 5):
        order = list(sent)
        if seed is not None:
            random.Random(seed).shuffle(order)
        with transaction.atomic():
            for article_id in order:
                article_crossref(article_id=article_id)
            seen.append(groups())
            transaction.set_rollback(True)
    assert seen[0] and all(grouping == seen[0] for grouping in seen[1:])
    for grouping in seen[0]:
        assert len({gold[c] for c in grouping if c in gold}) == 1


@pytest.mark.django_db
def test_a_recrossref_stopped_between_batches_leaves_the_released_articles_to_the_sweep(monkeypatch):
    gold = load_labelled_set()
    groupings_left_by_older_rules(gold)
    Article.objects.update(processed_at=timezone.now() - timedelta(hours=1))
    Article.objects.update(crossref_at=timezone.now())
    monkeypatch.setattr(crossref_pipeline, "RELEASE_BATCH_ARTICLES", 4)
    batches: list[list[int]] = []

    def stopping_at_the_third_batch(*, article_ids: list[int]) -> list[int]:
        batches.append(list(article_ids))
        if len(batches) == 3:
            raise RuntimeError("the process stopped")
        return stories_release_articles(article_ids=article_ids)

    monkeypatch.setattr(crossref_pipeline, "stories_release_articles", stopping_at_the_third_batch)
    sent: list[int] = []
    monkeypatch.setattr(crossref_pipeline, "crossref_task_send", sent.append)
    with pytest.raises(RuntimeError):
        articles_queue_recrossref()

    # Two batches were released and marked due, each in its own transaction; the third kept its
    # stories and its mark; no task went out before every batch was free.
    released = batches[0] + batches[1]
    assert [len(batch) for batch in batches] == [4, 4, 3]
    assert sent == []
    assert set(Article.objects.crossref_due().values_list("id", flat=True)) == set(released)
    assert not Claim.objects.filter(article_id__in=released, story__isnull=False).exists()
    # The sweep finds the released articles and queues them.
    assert articles_sweep_crossref(lost_after=timedelta(minutes=10)) == len(released)
    assert sorted(sent) == sorted(released)


@pytest.mark.django_db
def test_releasing_many_stories_takes_the_statements_releasing_one_does():
    """A recrossref at a million claims releases thousands of stories: not a statement each."""

    def stories_of_two(count: int) -> tuple[list[int], list[Story]]:
        """`count` stories of two claims, one in an article to release; returns those articles."""
        released, stories = [], []
        for _ in range(count):
            story = Story.objects.create(title="Two claims")
            leaving = ClaimFactory(story=story)
            ClaimFactory(story=story)
            released.append(leaving.article_id)
            stories.append(story)
        return released, stories

    # A story of three keeps two claims and takes the span of those left.
    kept = Story.objects.create(title="Three claims")
    dates = [datetime(2024, 3, d, tzinfo=UTC) for d in (1, 2, 3)]
    three = [ClaimFactory(story=kept, article=ArticleFactory(published_at=when)) for when in dates]
    Story.objects.filter(pk=kept.pk).update(first_seen_at=dates[0], last_seen_at=dates[2])

    one, one_story = stories_of_two(1)
    with CaptureQueriesContext(connection) as releasing_one:
        assert stories_release_articles(article_ids=one) == [one_story[0].pk]
    many, many_stories = stories_of_two(12)
    with CaptureQueriesContext(connection) as releasing_many:
        dissolved = stories_release_articles(article_ids=[*many, three[0].article_id])
    assert len(releasing_many) == len(releasing_one) + 1  # the span of the story of three
    assert dissolved == sorted(story.pk for story in many_stories)
    assert not Story.objects.filter(pk__in=dissolved).exists()
    assert not Claim.objects.filter(story__isnull=False).exclude(story=kept).exists()
    kept.refresh_from_db()
    assert (kept.first_seen_at, kept.last_seen_at) == (dates[1], dates[2])
    assert kept.claims.count() == 2


@pytest.mark.django_db
def test_recrossref_since_a_date_takes_later_and_undated_articles(monkeypatch):
    load_labelled_set()
    Article.objects.filter(title__startswith="Heatwave").update(published_at=None)
    sent: list[int] = []
    monkeypatch.setattr("claims.crossref.pipeline.crossref_task_send", sent.append)

    queued = articles_queue_recrossref(since=datetime(2023, 5, 5, tzinfo=UTC))

    later = set(Article.objects.filter(published_at__gte=datetime(2023, 5, 5, tzinfo=UTC)).values_list("id", flat=True))
    undated = set(Article.objects.filter(published_at__isnull=True).values_list("id", flat=True))
    assert queued == len(sent) == len(later) + len(undated)
    assert set(sent) == later | undated
    dated = [Article.objects.get(pk=i).published_at for i in sent if i not in undated]
    assert dated == sorted(dated)  # oldest first


def test_recrossref_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError, match="not a date"):
        call_command("recrossref", "--since", "last tuesday")
