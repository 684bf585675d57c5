"""Facts the database itself enforces, and the offsets check of the claim-writing service."""

import dataclasses

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from articles.text import InvalidText, clean_text, decode_bytes
from claims.extraction import ExtractedClaim
from claims.models import Claim, ClaimLink
from claims.services import ClaimOffsetsError, claims_replace_for_article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_duplicate_text_hash_is_refused_by_the_database():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text=article.text, text_hash=article.text_hash)


def test_duplicate_url_is_refused_by_the_database():
    ArticleFactory(url="https://example.com/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://example.com/a")


def test_empty_article_text_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="", text_hash="x")


def test_claim_span_must_be_forward():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(content_end=claim.content_start)


def test_claim_confidence_must_be_a_probability():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(confidence=1.5)


def test_a_claim_cannot_link_to_itself_or_twice():
    claim, other = ClaimFactory(), ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(source=claim, target=claim, relation="same")
    ClaimLink.objects.create(source=claim, target=other, relation="contradicts")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(source=claim, target=other, relation="contradicts")


def _extracted(text: str, start: int, end: int) -> ExtractedClaim:
    return ExtractedClaim(
        speaker="The minister",
        speaker_mention="The minister",
        speaker_start=0,
        speaker_end=12,
        cue="said",
        cue_start=13,
        cue_end=17,
        content=text[start:end],
        content_start=start,
        content_end=end,
        sentence_start=0,
        sentence_end=len(text),
    )


def test_service_refuses_offsets_outside_the_text():
    article = ArticleFactory()
    claim = dataclasses.replace(_extracted(article.text, 18, 30), content_end=len(article.text) + 5)
    with pytest.raises(ClaimOffsetsError, match="outside the article"):
        claims_replace_for_article(article=article, extracted=[claim], extractor_version="test")
    assert not Claim.objects.exists()


def test_service_refuses_content_that_differs_from_the_text_at_its_offsets():
    article = ArticleFactory()
    claim = dataclasses.replace(_extracted(article.text, 18, 30), content="something else")
    with pytest.raises(ClaimOffsetsError, match="does not match"):
        claims_replace_for_article(article=article, extracted=[claim], extractor_version="test")


def test_replacing_keeps_editor_claims_and_drops_machine_claims_over_them():
    article = ArticleFactory()
    edited = ClaimFactory(article=article, review_status="rejected")
    Claim.objects.filter(pk=edited.pk).update(editor_touched_at=edited.created_at)
    machine = ClaimFactory(article=article)
    created = claims_replace_for_article(
        article=article, extracted=[_extracted(article.text, 18, 30)], extractor_version="test"
    )
    assert created == []  # overlaps the rejected claim, so it does not come back
    assert list(article.claims.values_list("pk", flat=True)) == [edited.pk]
    assert not Claim.objects.filter(pk=machine.pk).exists()


def test_text_is_cleaned_and_bad_bytes_are_refused():
    assert clean_text(" a\r\nb \n\n\n\nc ") == "a\nb\n\nc"
    with pytest.raises(InvalidText, match="no text"):
        clean_text(" \n ")
    with pytest.raises(InvalidText, match="binary"):
        decode_bytes(b"\x89PNG\x00\x00")
    with pytest.raises(InvalidText, match="not valid UTF-8"):
        decode_bytes("café".encode("latin-1"))
