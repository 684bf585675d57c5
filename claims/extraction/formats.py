"""Serialisation of claims: the JSON Lines record of ../shared/eval/FORMAT.md."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .types import ExtractedClaim

RECORD_FIELDS = (
    "document",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
    "content",
    "content_start",
    "content_end",
    "kind",
    "stance",
    "via",
    "confidence",
)


def claim_to_record(claim: ExtractedClaim, document: str) -> dict[str, Any]:
    """The FORMAT.md fields first, then the engine's extras (sentence, aliases, about)."""
    data = asdict(claim)
    record: dict[str, Any] = {"document": document}
    for name in RECORD_FIELDS[1:]:
        record[name] = data.pop(name)
    record["confidence"] = round(float(record["confidence"]), 3)
    record["speaker_kind"] = data.pop("speaker_kind")
    record["speaker_aliases"] = list(data.pop("speaker_aliases"))
    record["sentence_start"] = data.pop("sentence_start")
    record["sentence_end"] = data.pop("sentence_end")
    record["about"] = data.pop("about")
    record.update(data)  # fields added to ExtractedClaim later still travel
    return record
