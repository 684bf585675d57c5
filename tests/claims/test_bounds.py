"""The bound on work per article: long texts are read in paragraph chunks and capped (claims.bounds)."""

import pytest

from articles.models import Article
from articles.services import article_ingest
from claims.bounds import paragraph_chunks, readable_length, shift_claim
from claims.models import Claim
from claims.pipeline import article_process
from claims.services import claims_extract

PARAGRAPHS = [
    '"The bridge will reopen in May," the mayor of Lyon said on Tuesday.',
    "The transport minister said that the repairs had cost far more than planned.",
    "Residents, according to the local newspaper, doubt that the work will finish on time.",
    '"We have heard these promises before," said Marie Dubois, who runs a bakery near the river.',
]


def test_chunks_join_back_into_the_text_and_end_at_paragraph_breaks():
    text = "\n\n".join(PARAGRAPHS * 5)
    chunks = paragraph_chunks(text, max_chars=300)

    assert len(chunks) > 3
    assert "".join(chunk.text for chunk in chunks) == text
    for chunk in chunks:
        assert len(chunk.text) <= 300
        assert text[chunk.start : chunk.start + len(chunk.text)] == chunk.text
    for chunk in chunks[:-1]:
        assert chunk.text.endswith("\n\n")


def test_a_paragraph_longer_than_a_chunk_is_cut_at_a_sentence_end():
    text = " ".join(["The mayor said the bridge will reopen."] * 40)
    chunks = paragraph_chunks(text, max_chars=200)
    assert "".join(chunk.text for chunk in chunks) == text
    assert all(len(chunk.text) <= 200 and chunk.text.endswith("reopen. ") for chunk in chunks[:-1])


def test_readable_length_is_the_whole_text_or_a_clean_cut_below_the_limit():
    text = "\n\n".join(PARAGRAPHS)
    assert readable_length(text, max_chars=10_000) == len(text)
    cut = readable_length(text, max_chars=len(PARAGRAPHS[0]) + len(PARAGRAPHS[1]) + 10)
    assert text[:cut] == PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1] + "\n\n"


@pytest.mark.django_db
def test_claims_of_later_chunks_carry_offsets_into_the_whole_text():
    text = "\n\n".join(PARAGRAPHS * 3)
    whole = claims_extract(text=text)
    chunked = claims_extract(text=text, chunk_chars=250)

    assert len(chunked) >= 9
    assert max(c.content_start for c in chunked) > 250 * 3
    for claim in chunked:
        assert text[claim.content_start : claim.content_end] == claim.content
        assert text[claim.cue_start : claim.cue_end] == claim.cue
        if claim.speaker_mention is not None:
            assert text[claim.speaker_start : claim.speaker_end] == claim.speaker_mention
        for entity in claim.about:
            assert text[entity.start : entity.end] == entity.text
    # Each paragraph stands alone, so reading it in chunks finds what one pass finds.
    assert [(c.content_start, c.content_end, c.speaker) for c in chunked] == [
        (c.content_start, c.content_end, c.speaker) for c in whole
    ]


def test_shift_claim_moves_every_offset():
    from claims.extraction import ExtractedClaim
    from claims.extraction.types import Entity

    claim = ExtractedClaim(
        speaker="Mayor",
        speaker_mention="the mayor",
        speaker_start=1,
        speaker_end=10,
        cue="said",
        cue_start=11,
        cue_end=15,
        content="it rains",
        content_start=16,
        content_end=24,
        sentence_start=0,
        sentence_end=25,
        about=(Entity(text="Lyon", label="GPE", start=20, end=24),),
    )
    moved = shift_claim(claim, 100)
    assert (moved.speaker_start, moved.speaker_end, moved.cue_start, moved.cue_end) == (101, 110, 111, 115)
    assert (moved.content_start, moved.content_end, moved.sentence_start, moved.sentence_end) == (116, 124, 100, 125)
    assert (moved.about[0].start, moved.about[0].end) == (120, 124)


@pytest.mark.django_db
def test_a_text_over_spacys_length_limit_is_extracted_up_to_the_documented_cap(settings):
    """Before: spaCy's E088 failed every article over 1,000,000 characters."""
    settings.EXTRACTION_MAX_CHARS = 3000
    text = "\n\n".join(PARAGRAPHS * 3500)
    assert len(text) > 1_000_000
    article = article_ingest(text=text, title="A very long text").article

    assert article_process(article_id=article.pk, task_id="t-long")

    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert 1500 < article.extracted_chars <= 3000
    assert article.text[: article.extracted_chars].endswith("\n\n")
    assert article.extraction_truncated
    claims = list(Claim.objects.filter(article=article))
    assert len(claims) >= 10
    assert all(c.content_end <= article.extracted_chars for c in claims)
    assert all(article.text[c.content_start : c.content_end] == c.content for c in claims)


@pytest.mark.django_db
def test_a_news_length_article_is_read_whole(seed_text):
    article = article_ingest(text=seed_text).article
    assert article_process(article_id=article.pk, task_id="t-short")
    article.refresh_from_db()
    assert article.extracted_chars == len(article.text)
    assert not article.extraction_truncated
