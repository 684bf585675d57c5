"""A claim selection streamed as CSV, JSON or JSON Lines, in constant memory (a server-side cursor, chunk by chunk).

The columns are those of the API's exports, so a file from the UI and one from the API read alike;
the UI keeps the order the analyst chose for the list.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from claims.models import Claim

# Column name -> the value's path from a claim.
EXPORT_COLUMNS: dict[str, str] = {
    "id": "id",
    "article_id": "article_id",
    "article_title": "article__title",
    "article_url": "article__url",
    "outlet": "article__outlet__name",
    "published_at": "article__published_at",
    "speaker_id": "speaker_id",
    "speaker": "speaker__name",
    "speaker_mention": "speaker_mention",
    "cue": "cue",
    "content": "content",
    "content_start": "content_start",
    "content_end": "content_end",
    "kind": "kind",
    "stance": "stance",
    "via_id": "via_id",
    "via": "via__name",
    "confidence": "confidence",
    "origin": "origin",
    "review_status": "review_status",
    "review_reason": "review_reason",
    "note": "note",
    "story_id": "story_id",
    "version": "version",
    "created_at": "created_at",
    "updated_at": "updated_at",
}
# A spreadsheet runs a cell starting with these as a formula; a leading apostrophe keeps it text.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def claim_export_rows(claims: QuerySet[Claim]) -> Iterator[dict[str, Any]]:
    """One dict per claim, in the queryset's order, fetched CHUNK_SIZE rows at a time."""
    names = list(EXPORT_COLUMNS)
    for row in claims.values_list(*EXPORT_COLUMNS.values()).iterator(chunk_size=CHUNK_SIZE):
        yield {name: _plain(value) for name, value in zip(names, row, strict=True)}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


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
    yield "\ufeff" + writer.writerow(list(EXPORT_COLUMNS))  # the BOM makes spreadsheets read UTF-8
    for row in claim_export_rows(claims):
        yield writer.writerow([_spreadsheet_safe(value) for value in row.values()])


def claims_json(claims: QuerySet[Claim]) -> Iterator[str]:
    """A JSON array written one element at a time."""
    yield "["
    separator = "\n"
    for row in claim_export_rows(claims):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def claims_jsonl(claims: QuerySet[Claim]) -> Iterator[str]:
    """JSON Lines: one object per claim and line, exact values (the API's machine-readable export)."""
    for row in claim_export_rows(claims):
        yield json.dumps(row, ensure_ascii=False) + "\n"
