"""Cursor pages keyed on (ordering field, id), stable while rows change: what incremental sync needs."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q, QuerySet
from django.utils.dateparse import parse_datetime
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

if TYPE_CHECKING:
    from rest_framework.views import APIView


class KeysetCursorPagination(BasePagination):
    """Cursor pages keyed on (ordering field, id): stable while rows are added or changed.

    A page ends at a row; the next page starts strictly after that row's (value, id). Rows
    inserted or updated meanwhile sort by their own values, so a client never sees a row twice in
    the same state nor skips one that existed when it started. Views declare `keyset_orderings`
    (non-null fields only, so the comparison is total) and the first one is the default.
    """

    page_size = 50
    max_page_size = 500
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    ordering_query_param = "ordering"
    default_orderings = ("updated_at", "-updated_at", "created_at", "-created_at", "id", "-id")

    def _orderings(self, view: APIView | None) -> Sequence[str]:
        return getattr(view, "keyset_orderings", self.default_orderings)

    def _read_ordering(self, request: Request, view: APIView | None) -> str:
        allowed = self._orderings(view)
        ordering = request.query_params.get(self.ordering_query_param, allowed[0])
        if ordering not in allowed:
            raise exceptions.ValidationError({self.ordering_query_param: [f"Choose one of: {', '.join(allowed)}."]})
        return ordering

    def _read_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return size

    def _read_cursor(self, request: Request, ordering: str) -> tuple[Any, int] | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        invalid = exceptions.ValidationError({self.cursor_query_param: ["Invalid cursor."]})
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii") + b"=" * (-len(raw) % 4)))
            position, row_id = data["v"], int(data["i"])
            made_for = data["o"]
        except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
            raise invalid from None
        if made_for != ordering:
            raise exceptions.ValidationError(
                {self.cursor_query_param: ["This cursor belongs to another ordering; start again without it."]}
            )
        field = ordering.lstrip("-")
        if field.endswith("_at"):
            position = parse_datetime(position) if isinstance(position, str) else None
        elif field == "id":
            position = row_id
        elif not isinstance(position, int | float) or isinstance(position, bool):
            position = None
        if position is None or not -(2**63) < row_id < 2**63:
            raise invalid
        return position, row_id

    @staticmethod
    def _encode_cursor(ordering: str, row: Model) -> str:
        field = ordering.lstrip("-")
        value = getattr(row, field)
        if isinstance(value, datetime):
            value = value.isoformat()
        payload = json.dumps({"o": ordering, "v": value, "i": row.pk}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode("ascii").rstrip("=")

    def paginate_queryset(self, queryset: QuerySet[Any], request: Request, view: APIView | None = None) -> list[Any]:
        ordering = self._read_ordering(request, view)
        size = self._read_page_size(request)
        cursor = self._read_cursor(request, ordering)
        field = ordering.lstrip("-")
        descending = ordering.startswith("-")
        sign = "-" if descending else ""
        queryset = queryset.order_by(f"{sign}{field}", f"{sign}id") if field != "id" else queryset.order_by(ordering)
        if cursor is not None:
            position, row_id = cursor
            beyond = "lt" if descending else "gt"
            after = Q(**{f"id__{beyond}": row_id})
            if field != "id":
                after = Q(**{f"{field}__{beyond}": position}) | (Q(**{field: position}) & after)
            queryset = queryset.filter(after)
        rows = list(queryset[: size + 1])
        self.request = request
        self.next_cursor = self._encode_cursor(ordering, rows[size - 1]) if len(rows) > size else None
        return rows[:size]

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, self.next_cursor)

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, or null on the last page. Keep every other parameter.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Opaque position from the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Rows per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
            {
                "name": self.ordering_query_param,
                "in": "query",
                "required": False,
                "description": "Sort order; `id` breaks ties. Default: the first value.",
                "schema": {"type": "string", "enum": list(self._orderings(view))},
            },
        ]
