"""How errors look: the one exception handler, and the API's own error types."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

from claims_tracker.errors import (
    DATABASE_RETRY_AFTER_SECONDS,
    InvalidInput,
    StaleWrite,
    StateConflict,
    database_unreachable,
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable for the moment; try again shortly."
    default_code = "database_unavailable"
    retry_after_seconds = DATABASE_RETRY_AFTER_SECONDS


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
    if isinstance(exc, StateConflict):  # e.g. claims.editing.ClaimConflict, articles.errors.RetryRefused
        if isinstance(exc, StaleWrite):
            view = context.get("view")
            represent = getattr(view, "represent_conflict", None)
            current = represent(exc.current) if represent is not None else None
        exc = Conflict(exc.conflict_message)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, InvalidInput):  # e.g. articles.errors.IngestError: bad text, an unfetchable URL
        exc = exceptions.ValidationError({exc.field: [str(exc)]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, OperationalError | InterfaceError) and database_unreachable(exc):
        exc = DatabaseUnavailable()
    elif isinstance(exc, RequestDataTooBig):  # Django's own body limit (DATA_UPLOAD_MAX_MEMORY_SIZE)
        exc = PayloadTooLarge(f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    # Imported here, not at the top: DRF imports this module while loading its own settings
    # (EXCEPTION_HANDLER), and rest_framework.views reads those settings when imported.
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
    wait = getattr(exc, "wait", None) if isinstance(exc, exceptions.Throttled) else None  # not in the stubs
    if wait is not None:
        body["retry_after"] = int(wait)
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


def api_page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for URLs no view matched: the API's error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        body = {"error": {"status": 404, "code": "not_found", "message": "No such address in the API."}}
        return JsonResponse(body, status=404)
    return page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 for an error no view handled, or 503 with `Retry-After` when it is the database being
    away: the API's error shape under /api/, the site's pages elsewhere. Django calls this inside
    its `except` block, so the exception is the one being handled."""
    exc = sys.exc_info()[1]
    away = exc is not None and database_unreachable(exc)
    status_code = 503 if away else 500
    if request.path.startswith("/api/"):
        code, message = (
            ("database_unavailable", DatabaseUnavailable.default_detail)
            if away
            else ("server_error", "The server hit an error; it has been logged.")
        )
        error: dict[str, Any] = {"status": status_code, "code": code, "message": message}
        if away:
            error["retry_after"] = DATABASE_RETRY_AFTER_SECONDS
        response: HttpResponse = JsonResponse({"error": error}, status=status_code)
    else:
        # Rendered without the request, as Django's own server_error: the session, the user and the
        # messages all need the database.
        page = loader.get_template(f"{status_code}.html").render()
        response = HttpResponse(page, status=status_code)
    if away:
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response
