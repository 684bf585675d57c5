"""The same article twice is one article; a lightly edited copy is linked, not extracted again."""

from __future__ import annotations

import pytest

from articles.dedup import (
    NEAR_DUPLICATE_THRESHOLD,
    canonical_url,
    estimated_similarity,
    exact_similarity,
    minhash_signature,
)
from articles.models import Article
from articles.services import article_ingest
from claims.models import Claim
from claims.pipeline import article_process


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story"),
        ("https://news.example.com/world/story/", "https://news.example.com/world/story"),
        ("https://news.example.com/world/story#comments", "https://news.example.com/world/story"),
        ("https://news.example.com:443/a", "https://news.example.com/a"),
        ("http://news.example.com:8080/a", "http://news.example.com:8080/a"),
        ("https://news.example.com", "https://news.example.com/"),
        (
            "https://news.example.com/a?utm_source=tw&utm_campaign=x&id=7&fbclid=F&gclid=G&page=2",
            "https://news.example.com/a?id=7&page=2",
        ),
        ("https://news.example.com/a?page=2&id=7", "https://news.example.com/a?id=7&page=2"),
        ("https://news.example.com/a?mc_cid=1&_ga=2&msclkid=3", "https://news.example.com/a"),
    ],
)
def test_canonical_url_folds_spellings_of_the_same_page(given, canonical):
    assert canonical_url(given) == canonical


def test_minhash_tells_a_lightly_edited_copy_from_a_different_story_on_the_same_topic(
    wire_story, wire_story_edited, same_topic_story
):
    original = minhash_signature(wire_story)
    edited = estimated_similarity(original, minhash_signature(wire_story_edited))
    other = estimated_similarity(original, minhash_signature(same_topic_story))

    # The estimate tracks the exact shingle overlap (128 hashes: within about +-0.1).
    assert abs(edited - exact_similarity(wire_story, wire_story_edited)) < 0.12
    assert edited >= NEAR_DUPLICATE_THRESHOLD + 0.1
    assert other <= 0.1
    assert minhash_signature(wire_story) == original  # stable: stored signatures stay comparable


@pytest.mark.django_db
def test_short_texts_differing_in_a_word_are_not_taken_for_near_duplicates():
    first = article_ingest(text="The minister said that the budget would pass on Monday.").article
    second = article_ingest(text="The minister said that the budget would fail on Monday.").article
    assert first.minhash == [] and second.duplicate_of is None
    assert second.status == Article.Status.PENDING


@pytest.mark.django_db
def test_the_same_url_spelled_differently_is_one_article(wire_story, same_topic_story):
    first = article_ingest(text=wire_story, url="https://news.example.com/flood?utm_source=rss")
    again = article_ingest(text=same_topic_story, url="HTTPS://NEWS.example.com/flood/#top")

    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert first.article.url == "https://news.example.com/flood"


@pytest.mark.django_db
def test_a_lightly_edited_wire_copy_is_linked_to_the_original_and_not_extracted_again(
    wire_story, wire_story_edited, same_topic_story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        original = article_ingest(text=wire_story, url="https://wire.example/flood").article
        copy = article_ingest(text=wire_story_edited, url="https://paper.example/local/flood")
        other = article_ingest(text=same_topic_story, url="https://paper.example/fishermen").article
        copy_of_copy = article_ingest(text=wire_story_edited + "\n\nReporting by Nora Jensen.").article

    assert copy.created and copy.near_duplicate
    assert copy.article.duplicate_of == original
    assert copy.article.status == Article.Status.DONE
    assert copy_of_copy.duplicate_of == original
    assert other.duplicate_of is None and other.status == Article.Status.PENDING
    assert len(queued) == 2  # the original and the different story; copies are not extracted

    article_process(article_id=original.pk, task_id="t1")
    assert Claim.objects.filter(article=original).exists()
    # Even if a copy is queued by hand, it is not extracted twice.
    Article.objects.filter(pk=copy.article.pk).update(status=Article.Status.PENDING)
    assert article_process(article_id=copy.article.pk, task_id="t2")
    assert not Claim.objects.filter(article=copy.article).exists()
    assert Article.objects.get(pk=copy.article.pk).status == Article.Status.DONE
