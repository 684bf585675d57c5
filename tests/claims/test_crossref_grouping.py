"""Story grouping measured on a labelled set: the thresholds in claims.crossref are chosen here."""

from collections import Counter

import factory
import pytest

from articles.models import Article
from claims.crossref import STORY_THRESHOLD, article_crossref, common_lexemes, pair_evidence, story_score
from claims.models import Claim
from tests.claims.labelled_stories import load_labelled_set, pairwise_scores
from tests.factories import ArticleFactory, ClaimFactory


def crossref_all_in_publication_order() -> None:
    for article_id in Article.objects.order_by("published_at", "id").values_list("id", flat=True):
        article_crossref(article_id=article_id)


@pytest.mark.django_db
def test_grouping_of_the_labelled_set_is_precise_and_complete(capsys):
    gold = load_labelled_set()
    crossref_all_in_publication_order()

    predicted = dict(Claim.objects.values_list("id", "story_id"))
    scores = pairwise_scores(gold, predicted)
    with capsys.disabled():
        print(
            f"\nstory grouping on {len(gold)} labelled claims: precision {scores.precision:.2f}, "
            f"recall {scores.recall:.2f} ({scores.predicted_pairs} predicted pairs, {scores.true_pairs} true)"
        )
    assert scores.precision >= 0.95
    assert scores.recall >= 0.8


@pytest.mark.django_db
def test_unrelated_events_never_share_a_story():
    gold = load_labelled_set()
    crossref_all_in_publication_order()

    events_by_story: dict[int, set[str]] = {}
    for claim_id, story_id in Claim.objects.filter(story__isnull=False).values_list("id", "story_id"):
        events_by_story.setdefault(story_id, set()).add(gold[claim_id])
    assert events_by_story, "no story was formed at all"
    assert all(len(events) == 1 for events in events_by_story.values()), events_by_story
    # Each event with claims in several articles is told as one story.
    stories_per_event = Counter(next(iter(events)) for events in events_by_story.values())
    assert stories_per_event["kremlin-drones"] == 1
    assert stories_per_event["odesa-port"] == 1
    assert stories_per_event["valdoria-election"] == 1


@pytest.mark.django_db
def test_no_pair_of_claims_about_different_events_comes_near_the_threshold(capsys):
    gold = load_labelled_set()
    scores: dict[bool, list[float]] = {True: [], False: []}
    for article_id in Article.objects.values_list("id", flat=True):
        for pair in pair_evidence(article_id=article_id):
            scores[gold[pair.claim_id] == gold[pair.other_id]].append(story_score(pair))
    closest_stranger = max(scores[False])
    with capsys.disabled():
        print(
            f"\nstory scores: different events at most {closest_stranger:.2f}; threshold {STORY_THRESHOLD}; "
            f"same event {sum(s >= STORY_THRESHOLD for s in scores[True])} of {len(scores[True])} pairs above it"
        )
    assert closest_stranger < STORY_THRESHOLD - 0.05


@pytest.mark.django_db
def test_words_in_many_claims_are_left_out_of_matching():
    articles = ArticleFactory.create_batch(
        60, text=factory.Iterator([f"The minister said that the budget would pass with plan {n}." for n in range(60)])
    )
    for article in articles:
        ClaimFactory(article=article)

    common = common_lexemes(refresh=True)

    assert {"budget", "pass"} <= set(common)
    assert not any(word.isdigit() for word in common)  # each number is in one claim only
