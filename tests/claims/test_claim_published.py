"""Claim.published_at is a copy of its article's publication date (claims/published_sql.py): it stays
equal to the article's whatever writes claims or articles, and the lists it sorts are those the
article's date gives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict

from articles.models import Article
from bench.generate import ARTICLE_COLUMNS, CLAIM_COLUMNS, Corpus
from claims.models import Claim
from claims.published_sql import BACKFILL
from claims.selectors import claim_selection, claims_in_story
from claims.services import claims_replace_for_article
from tests.bench.test_generate import TINY
from tests.claims.test_reextraction_respects_editors import TEXT, machine_claims
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, StoryFactory

pytestmark = pytest.mark.django_db

MAY = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)


def assert_copies_exact() -> None:
    stored = list(Claim.objects.order_by("id").values_list("id", "published_at"))
    articles = list(Claim.objects.order_by("id").values_list("id", "article__published_at"))
    assert stored == articles


def test_stored_extractions_take_their_articles_date():
    article = ArticleFactory(text=TEXT, published_at=MAY)
    claims_replace_for_article(article=article, extracted=machine_claims(TEXT), extractor_version="1")
    assert set(Claim.objects.values_list("published_at", flat=True)) == {MAY}
    undated = ArticleFactory(text=TEXT, text_hash="undated", published_at=None)
    claims_replace_for_article(article=undated, extracted=machine_claims(TEXT), extractor_version="1")
    assert set(Claim.objects.filter(article=undated).values_list("published_at", flat=True)) == {None}
    assert_copies_exact()


def test_a_writer_cannot_store_another_date_than_the_articles():
    claim = ClaimFactory(article=ArticleFactory(published_at=MAY), published_at=MAY - dt.timedelta(days=9))
    assert Claim.objects.get(pk=claim.pk).published_at == MAY
    Claim.objects.bulk_create([ClaimFactory.build(article=claim.article, speaker=claim.speaker, published_at=None)])
    Claim.objects.filter(pk=claim.pk).update(published_at=None)
    # A model instance created without the database's value saves it back exactly too.
    claim.save()
    assert_copies_exact()
    assert Claim.objects.filter(published_at=MAY).count() == 2


def test_an_articles_new_date_reaches_its_claims_and_only_its_claims():
    edited, other = ArticleFactory(published_at=None), ArticleFactory(published_at=MAY)
    ClaimFactory.create_batch(3, article=edited)
    ClaimFactory(article=other)
    # Undated to dated, as an editor or the admin saves the article.
    edited.published_at = MAY + dt.timedelta(days=3)
    edited.save()
    assert set(Claim.objects.filter(article=edited).values_list("published_at", flat=True)) == {edited.published_at}
    # Redated by a bulk update, then undated again.
    Article.objects.filter(pk=edited.pk).update(published_at=MAY - dt.timedelta(hours=1))
    assert_copies_exact()
    Article.objects.filter(pk=edited.pk).update(published_at=None)
    assert_copies_exact()
    assert Claim.objects.get(article=other).published_at == MAY


def test_a_claim_moved_to_another_article_takes_its_date():
    claim = ClaimFactory(article=ArticleFactory(published_at=MAY))
    later = ArticleFactory(published_at=MAY + dt.timedelta(days=30))
    Claim.objects.filter(pk=claim.pk).update(article=later)
    assert Claim.objects.get(pk=claim.pk).published_at == later.published_at


def test_the_migrations_backfill_copies_every_dated_articles_date():
    ClaimFactory.create_batch(2, article=ArticleFactory(published_at=MAY))
    ClaimFactory(article=ArticleFactory(published_at=None))
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks: ALTER may run
        cursor.execute("ALTER TABLE claims_claim DISABLE TRIGGER claims_claim_take_published")
        cursor.execute("UPDATE claims_claim SET published_at = NULL")
        cursor.execute("ALTER TABLE claims_claim ENABLE TRIGGER claims_claim_take_published")
        assert Claim.objects.filter(published_at__isnull=False).count() == 0
        cursor.execute(BACKFILL)
    assert_copies_exact()
    assert Claim.objects.filter(published_at=MAY).count() == 2


def test_the_benchmarks_fast_load_writes_each_claims_article_date():
    """The fast load skips triggers: its rows carry the date themselves."""
    batches = Corpus(TINY, seed=7).article_batches(10)
    batch = next(batches)
    dates = {row[0]: row[ARTICLE_COLUMNS.index("published_at")] for row in batch["articles"]}
    column = CLAIM_COLUMNS.index("published_at")
    assert batch["claims"]
    assert all(row[column] == dates[row[CLAIM_COLUMNS.index("article_id")]] for row in batch["claims"])


def test_lists_sorted_by_the_copy_are_sorted_by_the_articles_date():
    speaker, story = ActorFactory(), StoryFactory()
    dates = [MAY + dt.timedelta(days=d) for d in (5, 1, 5, 9)] + [None, None]
    for day in dates:
        ClaimFactory.create_batch(2, article=ArticleFactory(published_at=day), speaker=speaker, story=story)
    # An undated article dated later, after its claims were stored.
    first_undated = Article.objects.filter(published_at=None).order_by("id").first()
    Article.objects.filter(pk=first_undated.pk).update(published_at=MAY + dt.timedelta(days=2))
    claims = Claim.objects.all()

    def by_article(descending: bool) -> list[int]:
        def key(c: Claim) -> tuple:
            published = c.article.published_at
            if descending:
                return (published is None, -(published.timestamp() if published else 0), -c.pk)
            return (published is None, published.timestamp() if published else 0, c.pk)

        return [c.pk for c in sorted(claims.select_related("article"), key=key)]

    for sort, descending in (("newest", True), ("oldest", False)):
        params = QueryDict(f"speaker={speaker.pk}&sort={sort}")
        assert [c.pk for c in claim_selection(params=params).queryset] == by_article(descending)
    assert [c.pk for c in claims_in_story(story=story)] == by_article(False)
