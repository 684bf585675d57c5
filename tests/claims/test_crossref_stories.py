"""Stories: the same whatever order articles arrive in; an undated article placed by its content."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from articles.models import Article
from claims.crossref import article_crossref, article_mark_crossref_done
from claims.models import Claim, Story
from tests.claims.labelled_stories import ARTICLES, load_labelled_set


def crossref_in(order: list[int]) -> None:
    for article_id in order:
        article_crossref(article_id=article_id)


def partition() -> set[frozenset[int]]:
    """The stories as sets of claim ids (story ids themselves depend on the order)."""
    groups: dict[int, set[int]] = {}
    for claim_id, story_id in Claim.objects.filter(story__isnull=False).values_list("id", "story_id"):
        groups.setdefault(story_id, set()).add(claim_id)
    return {frozenset(group) for group in groups.values()}


def forget_stories() -> None:
    Claim.objects.update(story=None)
    Story.objects.all().delete()


@pytest.mark.django_db
def test_stories_do_not_depend_on_arrival_order():
    gold = load_labelled_set()
    by_date = list(Article.objects.order_by("published_at", "id").values_list("id", flat=True))

    crossref_in(by_date)
    forward = partition()
    forget_stories()
    crossref_in(list(reversed(by_date)))

    assert partition() == forward
    assert all(len({gold[claim] for claim in group}) == 1 for group in forward)


def _undated(title_starts: str) -> list:
    return [replace(a, published=None) if a.title.startswith(title_starts) else a for a in ARTICLES]


@pytest.mark.django_db
@pytest.mark.parametrize("undated_first", [True, False])
def test_an_undated_article_joins_its_event_by_content_and_is_never_dated_by_load_time(undated_first):
    # "Kyiv rejects Kremlin drone accusation" loses its date; the drone story is told by two dated
    # reports; the same days have a port strike and an election sharing actors and words.
    gold = load_labelled_set(_undated("Kyiv rejects"))
    undated = Article.objects.get(published_at__isnull=True)
    dated = list(
        Article.objects.filter(published_at__isnull=False).order_by("published_at", "id").values_list("id", flat=True)
    )
    crossref_in([undated.pk, *dated] if undated_first else [*dated, undated.pk])

    drone_claims = [claim for claim, event in gold.items() if event == "kremlin-drones"]
    stories = set(Claim.objects.filter(id__in=drone_claims).values_list("story_id", flat=True))
    undated_stories = set(Claim.objects.filter(article=undated).values_list("story_id", flat=True))
    # The drone story (the port report's one aside about the drones may sit elsewhere).
    main = Claim.objects.filter(id__in=drone_claims, article__title__startswith="Drones downed").values_list(
        "story_id", flat=True
    )[0]
    assert undated_stories == {main}, stories
    story = Story.objects.get(pk=main)
    first_dated = Article.objects.filter(claims__story=story, published_at__isnull=False).order_by("published_at")[0]
    assert story.first_seen_at == first_dated.published_at  # not the undated article's load time
    assert {gold[c] for c in Claim.objects.filter(story=story).values_list("id", flat=True)} == {"kremlin-drones"}


@pytest.mark.django_db
@pytest.mark.parametrize("cross_referenced_before", [False, True])
def test_an_article_still_due_is_placed_in_its_own_run_not_again_in_anothers(cross_referenced_before):
    # The undated "Kyiv rejects" report tells the drone story. Cross-referenced before, it is placed
    # again when a drone report arrives; still due (a backlog), it is left to its own run, which then
    # has the drone report in its evidence.
    load_labelled_set(_undated("Kyiv rejects"))
    undated = Article.objects.get(published_at__isnull=True)
    if cross_referenced_before:
        Article.objects.filter(pk=undated.pk).update(crossref_at=timezone.now())
    drones = Article.objects.get(title__startswith="Drones downed")

    article_crossref(article_id=drones.pk)
    assert Article.objects.get(pk=drones.pk).crossref_at is not None  # marked in the run's transaction
    assert Claim.objects.filter(article=undated, story__isnull=False).exists() == cross_referenced_before

    article_crossref(article_id=undated.pk)
    drone_story = Claim.objects.filter(article=drones).values_list("story_id", flat=True)[0]
    assert set(Claim.objects.filter(article=undated).values_list("story_id", flat=True)) == {drone_story}


@pytest.mark.django_db
def test_an_article_already_in_the_story_it_is_offered_is_not_placed_again(monkeypatch):
    # Concurrent events told by several outlets, cross-referenced in publication order. An article
    # with a claim matching a newcomer's is placed again only when that claim is not already in
    # the story of the claim it matches: the same stories as placing every such article again.
    from bench.crossref import build_corpus
    from claims.crossref import stories

    build_corpus(articles=60, events=5, seed=11, start=datetime(2024, 1, 1, tzinfo=UTC))
    order = list(Article.objects.order_by("published_at", "id").values_list("id", flat=True))
    placed = stories._article_place
    placed_again: list[int] = []

    def spy(*, article_id: int, found=None):
        if found is not None:
            placed_again.append(article_id)
        return placed(article_id=article_id, found=found)

    monkeypatch.setattr(stories, "_article_place", spy)

    def run() -> tuple[set[frozenset[int]], int]:
        forget_stories()
        Article.objects.update(crossref_at=None)
        placed_again.clear()
        for article_id in order:
            stories.stories_assign_for_article(article_id=article_id)
            article_mark_crossref_done(article_id=article_id)
        return partition(), len(placed_again)

    offered, fewer = run()
    with monkeypatch.context() as every:
        every.setattr(stories, "_offered_a_place", lambda pairs, story_of: {p.other_article_id for p in pairs})
        matched, all_of_them = run()

    assert offered == matched
    assert fewer < all_of_them, (fewer, all_of_them)
