"""A quotation the cue interrupts stays one claim, whether the cue ends a sentence or not.

The convention is PolNeAR's: '“A,” she said. “B.”' is one attribution whose span runs from the
first mark to the last. The cross-referencing set counts each quoted sentence as a claim of its
own; splitting there was measured (claims recall 0.733 -> 0.764, crossref score 0.706 -> 0.705)
and cost PolNeAR dev attribution F1 0.780 -> 0.724, so the span convention stays.
"""

from claims.extraction.engine import extract


def test_quotes_on_both_sides_of_a_sentence_ending_cue_are_one_claim():
    text = (
        "“The dam was blown up from inside,” Minister Anna Kovalenko said on Tuesday. "
        "“Our engineers saw the damage themselves.”"
    )
    claims = extract(text)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.speaker == "Anna Kovalenko"
    assert claim.kind == "direct"
    assert claim.content.startswith("“The dam was blown up")
    assert claim.content.endswith("saw the damage themselves.”")


def test_a_quote_the_cue_interrupts_mid_sentence_is_one_claim_with_its_stance():
    text = "“We firmly reject these accusations,” Kovalenko said, “and we will prove it in court.”"
    claims = extract(text)
    assert [(c.speaker, c.content_start, c.content_end) for c in claims] == [("Kovalenko", 0, len(text))]
    assert claims[0].stance == "denies"
