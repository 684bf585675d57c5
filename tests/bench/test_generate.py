"""The benchmark corpus must be data the application could have made: exact spans, right counts."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles.models import Article, Outlet
from bench.generate import Corpus, Size, generate
from claims.models import Actor, ActorAlias, Claim, ClaimEntity, ClaimLink, Story

# Enough stories that most days have one running, as in the full corpus.
TINY = Size(articles=40, claims=320, actors=60, outlets=5, stories=300)


@pytest.fixture
def corpus_counts(db: None) -> dict[str, int]:
    connection.ensure_connection()
    # Without `fast` every constraint, foreign keys included, is checked as the rows arrive.
    return generate(connection.connection, size=TINY, seed=7, fast=False)


def test_generated_counts_match_the_requested_size(corpus_counts):
    assert Article.objects.count() == corpus_counts["articles_article"] == TINY.articles
    assert Claim.objects.count() == corpus_counts["claims_claim"] == TINY.claims
    assert Actor.objects.count() == corpus_counts["claims_actor"] == TINY.actors
    assert Outlet.objects.count() == TINY.outlets
    assert ClaimEntity.objects.count() == corpus_counts["claims_claimentity"] > TINY.claims // 2
    assert 0 < Story.objects.count() == corpus_counts["claims_story"] <= TINY.stories
    assert ClaimLink.objects.count() == corpus_counts["claims_claimlink"] > 0
    assert not Article.objects.filter(claims__isnull=True).exists(), "every article holds at least one claim"
    assert not Story.objects.filter(claims__isnull=True).exists(), "stories without claims are dropped"
    assert ActorAlias.objects.values("actor").distinct().count() == TINY.actors


def test_every_span_points_at_its_text_in_the_article(corpus_counts):
    claims = Claim.objects.select_related("article").prefetch_related("entities")
    for claim in claims:
        text = claim.article.text
        assert text[claim.content_start : claim.content_end] == claim.content
        assert text[claim.cue_start : claim.cue_end] == claim.cue
        assert claim.sentence_start <= claim.content_start < claim.content_end <= claim.sentence_end
        if claim.speaker_id is None:
            assert claim.speaker_start is None and claim.speaker_mention == ""
        else:
            assert text[claim.speaker_start : claim.speaker_end] == claim.speaker_mention
        for entity in claim.entities.all():
            assert text[entity.start : entity.end] == entity.text
            assert claim.content_start <= entity.start < entity.end <= claim.content_end


def test_stories_and_links_are_consistent(corpus_counts):
    for link in ClaimLink.objects.select_related("source", "target"):
        assert link.source_id != link.target_id
        assert link.source.story_id == link.target.story_id is not None
    for story in Story.objects.all():
        published = story.claims.values_list("article__published_at", flat=True)
        assert story.first_seen_at == min(published) and story.last_seen_at == max(published)


def test_full_text_search_finds_exactly_the_claims_that_use_a_word(corpus_counts):
    word_in_content = set(Claim.objects.filter(content__iregex=r"\mdrones?\M").values_list("id", flat=True))
    found = set(Claim.objects.filter(search_vector=SearchQuery("drone", config="english")).values_list("id", flat=True))
    assert word_in_content, "the commonest noun appears in the corpus"
    assert found == word_in_content


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    def first_batch(seed: int) -> list[tuple]:
        return next(Corpus(TINY, seed).article_batches(10))["claims"]

    assert first_batch(3) == first_batch(3)
    assert first_batch(3) != first_batch(4)


def test_a_few_speakers_make_most_claims():
    size = Size(articles=400, claims=4000, actors=500, stories=80)
    speakers = Counter(
        row[4] for batch in Corpus(size, seed=1).article_batches(100) for row in batch["claims"] if row[4]
    )
    counts = sorted(speakers.values(), reverse=True)
    assert counts[0] > 0.05 * size.claims, "the top speaker is quoted far more than others"
    assert sum(counts[:50]) > 0.5 * sum(counts), "ten per cent of the actors speak most"
    assert counts[len(counts) // 2] < 10, "the median speaker is rare"


def test_the_per_actor_summaries_count_the_loaded_claims(corpus_counts):
    """COPY fires the summaries' triggers (claims/summary_sql.py) like any insert."""
    from tests.claims.test_actor_summaries import counted, truth

    assert counted() == truth()
    assert sum(counted()[0].values()) > 0 and counted()[1] and counted()[2]


def test_the_claims_words_are_those_of_the_loaded_claims(corpus_counts):
    """COPY fires the words' triggers too (claims/words_sql.py), and FILL gives the same rows."""
    from django.db import connection

    from claims import words_sql
    from tests.claims.test_crossref_candidates import words_out_of_step

    assert words_out_of_step() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claimword")
        loaded = cursor.fetchone()[0]
        cursor.execute("TRUNCATE claims_claimword")
        cursor.execute(words_sql.FILL)
        assert cursor.rowcount == loaded > corpus_counts["claims_claim"]
    assert words_out_of_step() == 0
