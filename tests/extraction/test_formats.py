from claims.extraction import ExtractedClaim
from claims.extraction.formats import RECORD_FIELDS, claim_to_record


def test_record_has_the_format_fields_first():
    claim = ExtractedClaim(
        speaker="Kremlin",
        speaker_mention="it",
        speaker_start=0,
        speaker_end=2,
        cue="said",
        cue_start=3,
        cue_end=7,
        content="that x",
        content_start=8,
        content_end=14,
        sentence_start=0,
        sentence_end=15,
    )
    record = claim_to_record(claim, "a.txt")
    assert tuple(record)[: len(RECORD_FIELDS)] == RECORD_FIELDS
    assert record["document"] == "a.txt"
    assert record["speaker_aliases"] == []
