"""A dated article's candidates are found in its time window at once: the same evidence, row for
row, as the search claim by claim (one index search per claim) that it replaces; several articles
searched together find what each finds alone, and evidence found earlier in a run is made current."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from articles.models import Article
from bench.crossref import build_corpus
from claims.crossref.candidates import (
    CANDIDATES_PER_CLAIM,
    evidence_rows,
    evidence_stories_now,
    pair_evidence,
    pair_evidence_in_windows,
)
from claims.models import Claim, Origin, Story

START = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def corpus(db: None) -> list[int]:
    """Concurrent events over three months, with the cases the window must keep: an undated
    article (a candidate for every window), a rejected claim, and articles far apart in time."""
    build_corpus(articles=60, events=5, seed=11, start=START)
    articles = list(Article.objects.order_by("id").values_list("id", flat=True))
    Article.objects.filter(id=articles[0]).update(published_at=None)
    Article.objects.filter(id=articles[1]).update(published_at=START + timedelta(days=300))
    Claim.objects.filter(id=Claim.objects.filter(article_id=articles[2]).values("id")[:1]).update(
        review_status=Claim.ReviewStatus.REJECTED
    )
    return articles


def test_the_window_search_finds_the_same_evidence_as_the_search_claim_by_claim(corpus):
    compared = 0
    per_claim: Counter[int] = Counter()
    for article_id in corpus:
        at_once = evidence_rows(article_id=article_id)
        one_by_one = evidence_rows(article_id=article_id, claim_by_claim=True)
        assert at_once == one_by_one, f"article {article_id}"
        compared += len(at_once)
        per_claim.update(row[0] for row in at_once if not row[9])  # other articles' claims only
    assert compared > 1000
    # The caps bind (each claim brings at most 30 by words and 30 by actors): ties and order matter.
    assert max(per_claim.values()) > CANDIDATES_PER_CLAIM


_WORDS_DIFFERENCE = """
    SELECT count(*) FROM (
        (SELECT claim_id, word, published_at FROM claims_claimword
         EXCEPT SELECT c.id, w, coalesce(c.published_at, '-infinity')
                FROM claims_claim c, unnest(tsvector_to_array(c.search_vector)) w)
        UNION ALL
        (SELECT c.id, w, coalesce(c.published_at, '-infinity')
         FROM claims_claim c, unnest(tsvector_to_array(c.search_vector)) w
         EXCEPT SELECT claim_id, word, published_at FROM claims_claimword)
    ) difference
"""


def words_out_of_step() -> int:
    """Rows of ClaimWord that are not the claims' words and dates, and words of claims it lacks."""
    with connection.cursor() as cursor:
        cursor.execute(_WORDS_DIFFERENCE)
        return cursor.fetchone()[0]


def test_claim_words_follow_edits_dates_and_deletions_and_an_edited_claim_is_found(corpus):
    assert words_out_of_step() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE published_at = '-infinity') FROM claims_claimword")
        words, undated = cursor.fetchone()
    assert words > 1000 and undated > 0, "every claim's words are there, the undated article's too"

    # Placing claims in a story (cross-referencing's most common write) leaves their words alone.
    moved = list(Claim.objects.order_by("id").values_list("id", flat=True)[:20])
    stored = "SELECT array_agg(ctid ORDER BY ctid) FROM claims_claimword WHERE claim_id = ANY(%s)"
    with connection.cursor() as cursor:
        cursor.execute(stored, [moved])
        before = cursor.fetchone()[0]
        Claim.objects.filter(id__in=moved).update(story=Story.objects.create(title="moved"))
        cursor.execute(stored, [moved])
        assert cursor.fetchone()[0] == before

    # An edited claim of the next article in time now says what a claim of this one says.
    dated = list(Article.objects.filter(published_at__isnull=False).order_by("published_at", "id"))
    article, neighbour = dated[10], dated[11]
    source = Claim.objects.filter(article=article).order_by("id").first()
    edited = Claim.objects.filter(article=neighbour).order_by("id").first()
    Claim.objects.filter(pk=edited.pk).update(content=source.content)
    assert words_out_of_step() == 0, "an edit rewrites the claim's words"
    rows = evidence_rows(article_id=article.pk)
    assert rows == evidence_rows(article_id=article.pk, claim_by_claim=True)
    assert (source.pk, edited.pk) in {(row[0], row[1]) for row in rows}

    # Moved out of the window by its article's new date, then deleted: found no more.
    Article.objects.filter(pk=neighbour.pk).update(published_at=neighbour.published_at + timedelta(days=200))
    assert words_out_of_step() == 0, "a new date moves the article's claims' words"
    assert (source.pk, edited.pk) not in {(row[0], row[1]) for row in evidence_rows(article_id=article.pk)}
    Article.objects.filter(pk=neighbour.pk).update(published_at=neighbour.published_at)
    assert (source.pk, edited.pk) in {(row[0], row[1]) for row in evidence_rows(article_id=article.pk)}
    Claim.objects.filter(pk=source.pk).update(article=dated[40])
    assert words_out_of_step() == 0, "a claim given to another article takes its date"
    Claim.objects.filter(pk=source.pk).update(article=article)
    Claim.objects.filter(pk=edited.pk).delete()
    assert words_out_of_step() == 0, "a deleted claim's words go with it"
    rows = evidence_rows(article_id=article.pk)
    assert edited.pk not in {row[1] for row in rows}
    assert rows == evidence_rows(article_id=article.pk, claim_by_claim=True)


def test_an_undated_article_finds_candidates_across_all_time(corpus):
    undated = corpus[0]
    days = {row[16] for row in evidence_rows(article_id=undated)}
    assert days == {None}, "an undated article has no distance in days to anyone"
    assert evidence_rows(article_id=undated), "it is compared with the whole corpus"


def test_articles_searched_together_find_what_each_finds_alone(corpus):
    # Neighbours in time (windows that overlap but differ) and one far off (a window of its own).
    dated = list(
        Article.objects.filter(published_at__isnull=False).order_by("published_at").values_list("id", flat=True)
    )
    together = [*dated[20:30], corpus[1]]
    found = pair_evidence_in_windows(article_ids=[corpus[0], *together])
    assert corpus[0] not in found, "an undated article has no window: it is searched alone"
    assert set(found) == set(together)
    for article_id in together:
        assert found[article_id] == pair_evidence(article_id=article_id), f"article {article_id}"
    assert sum(len(pairs) for pairs in found.values()) > 500


def test_evidence_found_earlier_is_made_current_after_claims_move(corpus):
    article_id = corpus[10]
    earlier = pair_evidence_in_windows(article_ids=[article_id])[article_id]
    story = Story.objects.create(title="moved")
    others = [p.other_id for p in earlier if not p.same_article][:5]
    own = [p.other_id for p in earlier if p.same_article][:2]
    Claim.objects.filter(id__in=others + own).update(story=story)
    Claim.objects.filter(id__in=own[:1]).update(story_origin=Origin.EDITOR)
    now = pair_evidence(article_id=article_id)
    assert evidence_stories_now(earlier) == now
    assert earlier != now, "the move shows in the evidence"
    assert any(p.other_story_by_editor and p.same_article for p in now), "an editor's placement counts"
