"""Claim exports (CSV, JSON Lines) produced row by row, for streaming responses.

Rows come from a server-side cursor in chunks, so memory stays constant whatever the number of
claims; the API and the analyst UI stream the same generators.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
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


def claim_export_rows(claims: QuerySet[Claim], *, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """One dict per claim, in id order, fetched `chunk_size` rows at a time."""
    names = list(EXPORT_COLUMNS)
    values = claims.order_by("id").values_list(*EXPORT_COLUMNS.values())
    for row in values.iterator(chunk_size=chunk_size):
        yield dict(zip(names, row, strict=True))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def claim_csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Iterable[Any]) -> str:
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(EXPORT_COLUMNS)
    for row in rows:
        yield line(_plain(value) for value in row.values())


def claim_jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps({name: _plain(value) for name, value in row.items()}, ensure_ascii=False) + "\n"
