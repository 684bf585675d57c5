"""Reads of safe web requests from a read replica, when DATABASE_REPLICA_URL names one.

Only GET, HEAD and OPTIONS requests read from the replica, and only outside transactions. Workers,
management commands, writes and every read inside `transaction.atomic` use the primary, so a
service that reads then writes never acts on a lagging copy. After a request that may have
written (POST, PUT, PATCH, DELETE), the browser gets a short-lived cookie that keeps its reads on
the primary, so an editor sees their own change at once (REPLICA_STICKY_SECONDS).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
STICKY_COOKIE = "read_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


class ReplicaRouter:
    """Sends reads to the replica while a safe request is being served; everything else to the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if model._meta.app_label == "django_cache":  # type: ignore[attr-defined]
            return None  # throttle and login counters must be read where they are written
        if _replica_reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return None

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Lets the router use the replica for the reads of safe requests (placed before sessions)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            response.set_cookie(
                STICKY_COOKIE, "1", max_age=settings.REPLICA_STICKY_SECONDS, httponly=True, samesite="Lax"
            )
            return response
        if STICKY_COOKIE in request.COOKIES:
            return self.get_response(request)
        token = _replica_reads.set(True)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
