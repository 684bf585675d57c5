"""Cross-referencing cannot stall the pipeline: a lock scope that lets unrelated articles go on,
a statement and lock timeout, and bounded work per article."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import override_settings

from articles.models import Article
from claims.crossref import article_crossref, pair_evidence
from claims.crossref.candidates import CLAIMS_PER_ARTICLE
from claims.crossref.stories import lock_crossref
from claims.models import Claim
from claims.services import actor_resolve
from tests.claims.labelled_stories import C, LabelledArticle, load_labelled_set
from tests.factories import ArticleFactory, claim_at

MAY = datetime(2023, 5, 3, 9, tzinfo=UTC)

ARTICLES = [
    LabelledArticle(
        "Kremlin on drones",
        "Moscow Wire",
        MAY,
        (
            C(
                "drones",
                "Dmitry Peskov",
                "Peskov",
                "said",
                "two drones were downed over the Kremlin",
                about=("Kremlin",),
            ),
        ),
    ),
    LabelledArticle(
        "Valdoria counts",
        "Valdoria Today",
        MAY,
        (C("vote", "Valdorian electoral commission", "The commission", "said", "turnout reached a record high"),),
    ),
    LabelledArticle(
        "Kremlin again",
        "Eastern Monitor",
        MAY,
        (C("drones", "Dmitry Peskov", "Peskov", "said", "the drone attack was a terrorist act"),),
    ),
]


@pytest.mark.django_db(transaction=True)
def test_an_article_naming_other_actors_goes_on_while_one_is_being_cross_referenced():
    load_labelled_set(ARTICLES)
    kremlin, valdoria, kremlin_again = (
        Article.objects.get(title=t) for t in ("Kremlin on drones", "Valdoria counts", "Kremlin again")
    )
    holding, release = threading.Event(), threading.Event()

    def hold_the_kremlin_article() -> None:
        try:
            with transaction.atomic():
                lock_crossref(article_id=kremlin.pk)
                holding.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_kremlin_article)
    holder.start()
    try:
        assert holding.wait(10)
        with override_settings(CROSSREF_LOCK_TIMEOUT_SECONDS=1):
            article_crossref(article_id=valdoria.pk)  # names nobody the held article names: no wait
            with pytest.raises(OperationalError):  # names Peskov too: waits, then gives up (the task retries)
                article_crossref(article_id=kremlin_again.pk)
    finally:
        release.set()
        holder.join()
    article_crossref(article_id=kremlin_again.pk)  # once the other run is over, it goes through


@pytest.mark.django_db
def test_a_run_has_a_statement_and_lock_timeout():
    load_labelled_set(ARTICLES)
    with override_settings(CROSSREF_STATEMENT_TIMEOUT_SECONDS=7, CROSSREF_LOCK_TIMEOUT_SECONDS=3), transaction.atomic():
        article_crossref(article_id=Article.objects.get(title="Valdoria counts").pk)
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")
            assert cursor.fetchone() == ("7s", "3s")


def _report(numbers: list[int]) -> tuple[Article, list[Claim]]:
    sentence = "Officials said the harbour crane number {n} was repaired. "
    article = ArticleFactory(text="".join(sentence.format(n=n) for n in numbers), published_at=MAY)
    officials = actor_resolve(name="Harbour officials")
    offset, claims = 0, []
    for n in numbers:
        piece = sentence.format(n=n)
        start = offset + piece.index("the harbour")
        claims.append(
            claim_at(
                article,
                speaker=officials,
                cue_span=(offset + 10, offset + 14),
                content_span=(start, offset + len(piece) - 2),
            )
        )
        offset += len(piece)
    return article, claims


@pytest.mark.django_db
def test_a_very_long_article_is_placed_by_a_bounded_number_of_its_claims():
    long_one, claims = _report(list(range(CLAIMS_PER_ARTICLE + 50)))
    _report([1, CLAIMS_PER_ARTICLE + 10])  # matches one claim within the bound and one beyond it

    sources = {pair.claim_id for pair in pair_evidence(article_id=long_one.pk)}
    assert claims[1].pk in sources
    assert claims[CLAIMS_PER_ARTICLE + 10].pk not in sources  # never asked for: work stays bounded
    article_crossref(article_id=long_one.pk)
    # The claims beyond the bound follow their article into its story.
    assert long_one.claims.values("story").distinct().count() == 1
    assert long_one.claims.filter(story__isnull=True).count() == 0
