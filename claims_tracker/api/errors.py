"""How errors look: the one exception handler, and the API's own error types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

from claims_tracker.errors import InvalidInput, StaleWrite, StateConflict


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable for the moment; try again shortly."
    default_code = "database_unavailable"
    retry_after_seconds = 30


def _database_unreachable(exc: Exception) -> bool:
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
    elif isinstance(exc, OperationalError | InterfaceError) and _database_unreachable(exc):
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
