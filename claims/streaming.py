"""The analyst UI's exports of a claim selection: CSV for spreadsheets and one JSON array.

Rows come from claims.export (the API's columns, a server-side cursor read chunk by chunk, so memory
stays constant), in the order the analyst chose for the list.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from claims.export import EXPORT_COLUMNS, claim_export_rows
from claims.models import Claim

# A spreadsheet runs a cell starting with these as a formula; a leading apostrophe keeps it text.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _spreadsheet_safe(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


class _Line:
    """A file-like object for csv.writer that hands back what it was given."""

    def write(self, value: str) -> str:
        return value


def claims_csv(claims: QuerySet[Claim]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(list(EXPORT_COLUMNS))  # the BOM makes spreadsheets read UTF-8
    for row in claim_export_rows(claims, keep_order=True):
        yield writer.writerow([_spreadsheet_safe(value) for value in row.values()])


def claims_json(claims: QuerySet[Claim]) -> Iterator[str]:
    """A JSON array written one element at a time."""
    yield "["
    separator = "\n"
    for row in claim_export_rows(claims, keep_order=True):
        yield separator + json.dumps({name: _plain(value) for name, value in row.items()}, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"
