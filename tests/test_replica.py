"""With a read replica, only the reads of safe web requests leave the primary."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.test import RequestFactory

from claims.models import Claim
from claims_tracker.replica import REPLICA, STICKY_COOKIE, ReplicaReadsMiddleware, ReplicaRouter

ROOT = Path(__file__).resolve().parent.parent
router = ReplicaRouter()


def read_database_seen_by_view(request) -> dict[str, object]:  # type: ignore[no-untyped-def]
    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen["db"] = router.db_for_read(Claim) or DEFAULT_DB_ALIAS
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(view)(request)
    seen["sticky"] = STICKY_COOKIE in response.cookies
    return seen


def test_reads_of_a_get_request_go_to_the_replica():
    assert read_database_seen_by_view(RequestFactory().get("/claims/")) == {"db": REPLICA, "sticky": False}


def test_a_post_reads_and_writes_on_the_primary_and_keeps_the_next_reads_there():
    assert read_database_seen_by_view(RequestFactory().post("/api/v1/articles/")) == {
        "db": DEFAULT_DB_ALIAS,
        "sticky": True,
    }
    after_write = RequestFactory().get("/claims/")
    after_write.COOKIES[STICKY_COOKIE] = "1"
    assert read_database_seen_by_view(after_write)["db"] == DEFAULT_DB_ALIAS


def test_outside_a_request_everything_uses_the_primary():
    assert router.db_for_read(Claim) is None
    assert router.db_for_write(Claim) is None
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "claims") and not router.allow_migrate(REPLICA, "claims")


def test_reads_inside_a_transaction_stay_on_the_primary(monkeypatch):
    monkeypatch.setattr(connections[DEFAULT_DB_ALIAS], "in_atomic_block", True)
    assert read_database_seen_by_view(RequestFactory().get("/claims/"))["db"] == DEFAULT_DB_ALIAS


@pytest.mark.parametrize(
    ("replica_url", "expected"), [("", "default"), ("postgresql://r@replica/claims", "default replica")]
)
def test_the_replica_is_configured_only_when_its_url_is_set(replica_url, expected):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    env.update(SECRET_KEY="s", ALLOWED_HOSTS="example.org", DEBUG="0", DJANGO_SETTINGS_MODULE="claims_tracker.settings")
    if replica_url:
        env["DATABASE_REPLICA_URL"] = replica_url
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(' '.join(s.DATABASES)); print(s.DATABASE_ROUTERS); "
        "print(s.MIDDLEWARE.index('claims_tracker.replica.ReplicaReadsMiddleware') "
        "< s.MIDDLEWARE.index('django.contrib.sessions.middleware.SessionMiddleware') "
        "if 'claims_tracker.replica.ReplicaReadsMiddleware' in s.MIDDLEWARE else None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    databases, routers, middleware_before_sessions = result.stdout.splitlines()
    assert databases == expected, result.stderr
    if replica_url:
        assert routers == "['claims_tracker.replica.ReplicaRouter']" and middleware_before_sessions == "True"
    else:
        assert routers == "[]" and middleware_before_sessions == "None"
