"""Re-extraction replaces machine claims only: editors' corrections and rejections stay."""

from __future__ import annotations

import pytest

from articles.models import Article
from articles.services import article_ingest
from claims.editing import claim_reject, claim_update
from claims.extraction import ExtractedClaim
from claims.models import Claim
from claims.pipeline import article_process
from claims.services import claims_replace_for_article
from tests.factories import ActorFactory, ArticleFactory

TEXT = "The minister said that the budget would pass. Critics claimed that it would fail."


def machine_claims(text: str) -> list[ExtractedClaim]:
    def extracted(speaker: str, cue: str, content: str) -> ExtractedClaim:
        speaker_start, cue_start, content_start = text.index(speaker), text.index(cue), text.index(content)
        return ExtractedClaim(
            speaker=speaker,
            speaker_mention=speaker,
            speaker_start=speaker_start,
            speaker_end=speaker_start + len(speaker),
            cue=cue,
            cue_start=cue_start,
            cue_end=cue_start + len(cue),
            content=content,
            content_start=content_start,
            content_end=content_start + len(content),
            sentence_start=speaker_start,
            sentence_end=content_start + len(content) + 1,
        )

    return [
        extracted("The minister", "said", "that the budget would pass"),
        extracted("Critics", "claimed", "that it would fail"),
    ]


def reextract(article: Article) -> None:
    claims_replace_for_article(article=article, extracted=machine_claims(article.text), extractor_version="test-2")


@pytest.fixture
def article() -> Article:
    article = ArticleFactory(text=TEXT)
    claims_replace_for_article(article=article, extracted=machine_claims(TEXT), extractor_version="test-1")
    return article


@pytest.mark.django_db
def test_editor_correction_survives_reextraction(article, editor):
    budget_claim = Claim.objects.get(article=article, content__contains="budget")
    treasury = ActorFactory(name="Treasury")
    claim_update(claim=budget_claim, user=editor, expected_version=1, changes={"speaker": treasury})

    reextract(article)

    claims = list(Claim.objects.filter(article=article).order_by("content_start"))
    assert len(claims) == 2
    corrected, fresh = claims
    assert corrected.pk == budget_claim.pk
    assert corrected.speaker == treasury
    assert corrected.review_status == Claim.ReviewStatus.CORRECTED
    assert corrected.extractor_version == "test-1"
    # The untouched claim was replaced by the new run.
    assert fresh.extractor_version == "test-2"


@pytest.mark.django_db
def test_rejected_claim_does_not_come_back_after_reextraction(article, editor):
    fail_claim = Claim.objects.get(article=article, content__contains="fail")
    claim_reject(claim=fail_claim, user=editor, expected_version=1, reason="Opinion, not a claim.")

    reextract(article)

    assert list(Claim.objects.filter(article=article, content__contains="fail")) == [fail_claim]
    assert Claim.objects.get(pk=fail_claim.pk).review_status == Claim.ReviewStatus.REJECTED
    assert not Claim.objects.visible().filter(article=article, content__contains="fail").exists()


@pytest.mark.django_db
def test_real_engine_reprocessing_keeps_corrections_and_rejections(seed_text, editor):
    article = article_ingest(text=seed_text).article
    assert article_process(article_id=article.pk, task_id="first")
    corrected, rejected = Claim.objects.filter(article=article).order_by("content_start")[:2]
    editor_pick = ActorFactory(name="An Editor's Pick")
    claim_update(claim=corrected, user=editor, expected_version=1, changes={"speaker": editor_pick})
    claim_reject(claim=rejected, user=editor, expected_version=1, reason="Not attributed.")

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING)
    assert article_process(article_id=article.pk, task_id="second")

    assert Claim.objects.get(pk=corrected.pk).speaker == editor_pick
    assert Claim.objects.get(pk=rejected.pk).review_status == Claim.ReviewStatus.REJECTED
    overlapping_rejected = Claim.objects.filter(
        article=article, content_start__lt=rejected.content_end, content_end__gt=rejected.content_start
    )
    assert list(overlapping_rejected) == [rejected]
    assert Claim.objects.filter(article=article, speaker=editor_pick).count() == 1
