"""The REST API's shared policy: who may do what, how errors look, how lists are paged, the URLs.

Views live in each app's `apis.py`; everything they have in common is decided here once.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, InterfaceError, OperationalError
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.utils.dateparse import parse_datetime
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import BasePagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.utils.urls import replace_query_param

from articles.errors import IngestError
from claims.editing import ClaimConflict
from claims_tracker.roles import can_edit

if TYPE_CHECKING:
    from rest_framework.views import APIView

# Nothing here may import rest_framework.views at module level: DRF imports this module while
# loading its own settings (DEFAULT_PERMISSION_CLASSES and friends), and that would be a cycle.

# --- Permissions -----------------------------------------------------------------------------


class ReadOrEditorWrite(BasePermission):
    """Any signed-in user (or token) reads, anonymous readers only if API_ANONYMOUS_READ; editors write
    (claims_tracker.roles.can_edit: the editor or admin group, staff, superusers)."""

    message = "Only editors may change data."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated) or settings.API_ANONYMOUS_READ
        return can_edit(request.user)


# --- Throttling ------------------------------------------------------------------------------
# The rate is read per request (not frozen at import as DRF's default does) so one setting,
# API_THROTTLE_RATE, governs both buckets: one per user (hence per token), one per anonymous address.


class PerUserThrottle(UserRateThrottle):
    scope = "user"
    cache = caches["shared"]  # counted once for every web process (settings.CACHES)

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE


class AnonymousThrottle(AnonRateThrottle):
    scope = "anon"
    cache = caches["shared"]

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE


# --- Errors ----------------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable for the moment; try again shortly."
    default_code = "database_unavailable"
    retry_after_seconds = 30


def _database_unreachable(exc: DatabaseError) -> bool:
    """True when the error is the database being away (connection refused, lost, shut down, a
    statement cancelled), not a query of ours that is wrong: those stay 500s, to be fixed."""
    if isinstance(exc, InterfaceError):
        return True
    cause = exc.__cause__
    code = getattr(cause, "pgcode", None)
    # No SQLSTATE: the connection itself failed. Class 08 (connection exception), 57 (operator
    # intervention: admin shutdown, cannot connect now, query canceled), 53 (insufficient resources).
    return code is None or code[:2] in {"08", "57", "53"}


def _flatten_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as {"field": ["message", ...]}, nested fields joined with dots."""
    if isinstance(detail, Mapping):
        fields: dict[str, list[str]] = {}
        for key, value in detail.items():
            fields.update(_flatten_fields(value, f"{prefix}.{key}" if prefix else str(key)))
        return fields
    if isinstance(detail, Sequence) and not isinstance(detail, str):
        if all(not isinstance(item, Mapping | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        fields = {}
        for index, item in enumerate(detail):
            if item:
                fields.update(_flatten_fields(item, f"{prefix}.{index}" if prefix else str(index)))
        return fields
    return {prefix or "non_field_errors": [str(detail)]}


def _error_code(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The one place where errors become responses, all in one JSON shape:

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"field": ["..."]}}}
    A stale write (409) also carries "current", the resource as it is now.
    """
    current = None
    if isinstance(exc, ClaimConflict):
        view = context.get("view")
        represent = getattr(view, "represent_conflict", None)
        current = represent(exc.current) if represent is not None else None
        exc = Conflict(
            f"The claim was changed by someone else (version {exc.current.version}); "
            "reload it and apply your change again."
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, IngestError):  # bad text, an unfetchable URL, a broken feed
        exc = exceptions.ValidationError({"text": [str(exc)]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, OperationalError | InterfaceError) and _database_unreachable(exc):
        exc = DatabaseUnavailable()
    elif isinstance(exc, RequestDataTooBig):  # Django's own body limit (DATA_UPLOAD_MAX_MEMORY_SIZE)
        exc = PayloadTooLarge(f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response

    body: dict[str, Any] = {"status": response.status_code, "code": _error_code(exc)}
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten_fields(exc.detail)
        general = fields.pop("non_field_errors", [])
        body["message"] = " ".join(general) or "The request has invalid fields."
        body["fields"] = fields
    else:
        body["message"] = str(exc.detail)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait)
    if isinstance(exc, DatabaseUnavailable):
        body["retry_after"] = exc.retry_after_seconds
        response["Retry-After"] = str(exc.retry_after_seconds)
    if current is not None:
        body["current"] = current
    response.data = {"error": body}
    return response


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class LimitedJSONParser(JSONParser):
    """JSON bodies up to twice the largest article (room for escapes) plus 64 KiB: a client cannot
    make the server parse an arbitrarily large document."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        limit = 2 * settings.INGEST_MAX_BYTES + 65536
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        return super().parse(io.BytesIO(data), media_type, parser_context)


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """For file downloads: whatever the client accepts, errors are rendered as JSON."""

    def select_parser(self, request: Request, parsers: Sequence[Any]) -> Any:
        return parsers[0]

    def select_renderer(self, request: Request, renderers: Sequence[Any], format_suffix: str | None = None) -> Any:
        return (renderers[0], renderers[0].media_type)


def api_page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for URLs no view matched: the API's error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        body = {"error": {"status": 404, "code": "not_found", "message": "No such address in the API."}}
        return JsonResponse(body, status=404)
    return page_not_found(request, exception)


# --- Pagination ------------------------------------------------------------------------------


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

    def _orderings(self, view: APIView) -> Sequence[str]:
        return getattr(view, "keyset_orderings", self.default_orderings)

    def _read_ordering(self, request: Request, view: APIView) -> str:
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


# --- Schema ----------------------------------------------------------------------------------

API_DESCRIPTION = """
Attributed claims extracted from news articles: who claimed what, where (character offsets into
the article text), with editors' corrections.

## Authentication
Send `Authorization: Token <key>` (an editor or admin creates keys in the admin, or runs
`python manage.py api_token USERNAME`), or use the browser session of a signed-in user (writes
then need the CSRF token). Reading needs a signed-in user unless the server allows anonymous
reading (`API_ANONYMOUS_READ`). Writing needs a member of the `editor` or `admin` group, staff or a
superuser. Each user (token) and each anonymous address has its own request budget;
past it the answer is 429 with `Retry-After`.

## Errors
Every error has one shape: `{"error": {"status": 400, "code": "invalid", "message": "...",
"fields": {"field": ["..."]}}}`. A write carrying a stale `version` answers 409 and includes
`current`, the claim as it is now.

## Pages
Lists are cursor-paged: follow `next` until it is null. `page_size` (1-500) and `ordering` are
kept in the `next` link. Cursors stay valid while rows are added or changed.

## Keeping a copy in sync (incremental sync)
1. First run: `GET /api/v1/claims/?ordering=updated_at` and follow `next` to the end. Store each
   row by `id` (upsert); remember the largest `updated_at` you saw.
2. Later runs: `GET /api/v1/claims/?ordering=updated_at&updated_since=<that value>` and follow
   `next` to the end. `updated_since` is inclusive, so rows at the boundary come again; upsert by
   `id` and keep the row with the higher `version`. To be safe against writes that were still
   being committed when you last synced, start a few seconds before the remembered value.
3. A row changed while you page moves to the end of the order and comes again, changed, later
   in the same run; nothing is skipped and nothing is repeated unchanged.
4. Re-extracting an article replaces its machine-made claims (editors' claims stay). Sync
   `/api/v1/articles/?updated_since=...` the same way; for each article whose `processed_at`
   changed, replace your copy of its claims with `GET /api/v1/claims/?article=<id>`.

The same applies to `articles/`, `actors/`, `stories/` and `links/`.

## Exports
`/api/v1/claims/export.csv` and `/api/v1/claims/export.jsonl` stream every claim matching the
same filters as the list, in one response, in id order. The CSV is the analyst UI's file (UTF-8
with a byte-order mark; a cell starting with `=`, `+`, `-` or `@` gets a leading `'` so
spreadsheets do not run it); JSON Lines carries the exact values.
"""

_ERROR_STATUSES = {
    "400": "Invalid input: see `error.fields`.",
    "401": "Not signed in, or the token is wrong.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such resource.",
    "429": "Too many requests; wait `Retry-After` seconds.",
}
_WRITE_STATUSES = {"409": "Conflict: the resource changed meanwhile (see `error.current`) or cannot do this now."}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                "retry_after": {"type": "integer"},
                "current": {"type": "object", "additionalProperties": True},
            },
        }
    },
}


def postprocess_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Document the sync procedure, which query values may be empty, and the shared error responses."""
    result["info"]["description"] = API_DESCRIPTION.strip()
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                free_text = schema.get("type") == "string" and not schema.keys() & {"format", "enum"}
                if parameter.get("in") == "query" and free_text:
                    # `?search=` and `?cursor=` mean no search and the first page; an empty typed
                    # value (`?updated_since=`) is a mistake and answers 400.
                    parameter["allowEmptyValue"] = True
            statuses = dict(_ERROR_STATUSES)
            if method.upper() not in SAFE_METHODS:
                statuses.update(_WRITE_STATUSES)
            for code, description in statuses.items():
                operation["responses"].setdefault(code, {"description": description, "content": reference})
    return result


# --- URLs ------------------------------------------------------------------------------------


def api_urlpatterns() -> list[Any]:
    from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
    from rest_framework.routers import DefaultRouter

    from claims.apis import (
        ActorViewSet,
        ClaimCsvExportApi,
        ClaimJsonLinesExportApi,
        ClaimLinkViewSet,
        ClaimViewSet,
        StoryViewSet,
    )
    from claims.article_apis import ArticleViewSet

    router = DefaultRouter()
    router.include_format_suffixes = False
    router.register("articles", ArticleViewSet, basename="article")
    router.register("claims", ClaimViewSet, basename="claim")
    router.register("actors", ActorViewSet, basename="actor")
    router.register("stories", StoryViewSet, basename="story")
    router.register("links", ClaimLinkViewSet, basename="claimlink")
    return [
        path("v1/claims/export.csv", ClaimCsvExportApi.as_view(), name="claim-export-csv"),
        path("v1/claims/export.jsonl", ClaimJsonLinesExportApi.as_view(), name="claim-export-jsonl"),
        path("v1/", include(router.urls)),
        path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
        # The split view serves Swagger UI's set-up as a script file: the Content-Security-Policy
        # allows no inline script.
        path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:api-schema"), name="api-docs"),
        path(
            "redoc/",
            SpectacularRedocView.as_view(url_name="api:api-schema", template_name="claims_tracker/redoc.html"),
            name="api-redoc",
        ),
    ]
