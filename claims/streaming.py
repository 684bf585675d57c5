"""A claim selection streamed as CSV or JSON rows, in constant memory (server-side cursor, one row at a time)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from claims.models import Claim

EXPORT_COLUMNS = [
    "id",
    "speaker_id",
    "speaker",
    "speaker_mention",
    "cue",
    "content",
    "stance",
    "kind",
    "via",
    "confidence",
    "review_status",
    "origin",
    "story_id",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published_at",
    "content_start",
    "content_end",
    "created_at",
    "updated_at",
]
# A spreadsheet runs a cell starting with these as a formula; a leading apostrophe keeps it text.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 1000


def claim_export_row(claim: Claim) -> dict[str, Any]:
    article = claim.article
    return {
        "id": claim.pk,
        "speaker_id": claim.speaker_id,
        "speaker": claim.speaker.name if claim.speaker else None,
        "speaker_mention": claim.speaker_mention,
        "cue": claim.cue,
        "content": claim.content,
        "stance": claim.stance,
        "kind": claim.kind,
        "via": claim.via.name if claim.via else None,
        "confidence": claim.confidence,
        "review_status": claim.review_status,
        "origin": claim.origin,
        "story_id": claim.story_id,
        "article_id": claim.article_id,
        "article_title": article.title,
        "article_url": article.url,
        "outlet": article.outlet.name if article.outlet else None,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "content_start": claim.content_start,
        "content_end": claim.content_end,
        "created_at": claim.created_at.isoformat(),
        "updated_at": claim.updated_at.isoformat(),
    }


def _rows(claims: QuerySet[Claim]) -> Iterator[dict[str, Any]]:
    # Any headline or rank annotation is only for the page; the export has the full content.
    for claim in claims.iterator(chunk_size=CHUNK_SIZE):
        yield claim_export_row(claim)


class _Line:
    """A file-like object for csv.writer that hands back what it was given."""

    def write(self, value: str) -> str:
        return value


def _spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def claims_csv(claims: QuerySet[Claim]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)  # the BOM makes spreadsheets read UTF-8
    for row in _rows(claims):
        yield writer.writerow([_spreadsheet_safe(row[column]) for column in EXPORT_COLUMNS])


def claims_json(claims: QuerySet[Claim]) -> Iterator[str]:
    """A JSON array written one element at a time."""
    yield "["
    separator = "\n"
    for row in _rows(claims):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"
