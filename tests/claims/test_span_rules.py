"""A corrected span may hold a whole other claim (nested reporting) but never cut through one."""

from __future__ import annotations

import pytest

from claims import editing
from claims.editing import EditError
from claims.models import Claim
from tests.factories import ArticleFactory, UserFactory, claim_at

TEXT = "The minister said that police reported a theft. The mayor replied that it was false."


def span(words: str) -> tuple[int, int]:
    return TEXT.index(words), TEXT.index(words) + len(words)


@pytest.fixture
def claims(db: None) -> dict[str, Claim]:
    article = ArticleFactory(text=TEXT)
    return {
        "minister": claim_at(
            article,
            speaker=None,
            speaker_span=span("The minister"),
            cue_span=span("said"),
            content_span=span("that police"),
        ),
        "police": claim_at(
            article, speaker=None, speaker_span=span("police"), cue_span=span("reported"), content_span=span("a theft")
        ),
        "mayor": claim_at(
            article,
            speaker=None,
            speaker_span=span("The mayor"),
            cue_span=span("replied"),
            content_span=span("that it was false"),
        ),
    }


def correct_content(claim: Claim, words: str) -> Claim:
    start, end = span(words)
    return editing.claim_update(
        claim=claim,
        user=UserFactory(role="editor"),
        expected_version=claim.version,
        changes={"content_start": start, "content_end": end},
    )


def test_a_content_span_holding_a_whole_nested_claim_is_accepted(claims: dict[str, Claim]) -> None:
    corrected = correct_content(claims["minister"], "that police reported a theft")
    assert corrected.content == "that police reported a theft"


def test_a_content_span_cutting_through_another_claim_is_refused_and_names_it(claims: dict[str, Claim]) -> None:
    with pytest.raises(EditError) as refused:
        correct_content(claims["minister"], "that police reported a theft. The mayor replied")
    assert refused.value.code == "span_crosses_claim"
    assert "“replied”" in refused.value.message and f"claim {claims['mayor'].pk}" in refused.value.message
    claims["minister"].refresh_from_db()
    assert claims["minister"].version == 1


def test_a_rejected_claim_does_not_block_a_span(claims: dict[str, Claim]) -> None:
    Claim.objects.filter(pk=claims["mayor"].pk).update(review_status=Claim.ReviewStatus.REJECTED)
    corrected = correct_content(claims["minister"], "that police reported a theft. The mayor replied")
    assert corrected.content.endswith("mayor replied")
