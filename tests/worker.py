"""Start a real Celery worker process against the test database and broker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    """A DATABASE_URL for the database the tests run on, so a subprocess can reach it."""
    params = connection.get_connection_params()
    host = params.get("host") or "127.0.0.1"
    port = params.get("port")
    netloc = quote(host, safe="") + (f":{port}" if port else "")
    user = quote(params.get("user") or "postgres", safe="")
    password = params.get("password")
    auth = f"{user}:{quote(password, safe='')}" if password else user
    return f"postgresql://{auth}@{netloc}/{params['dbname']}"


@contextmanager
def celery_worker(
    *, concurrency: int = 1, log_path: Path | None = None, extra_args: Sequence[str] = ()
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `celery worker` until the block ends; yields once the worker is ready for tasks."""
    connection.ensure_connection()
    if settings.BROKER_DIR is not None:
        # kombu's filesystem transport expects its folders; a fresh test run has none yet.
        for folder in ("queue", "processed", "control"):
            (settings.BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": test_database_url(), "PYTHONUNBUFFERED": "1"}
    log_path = log_path or Path(os.environ.get("TMPDIR", "/tmp")) / f"claims-tracker-worker-{os.getpid()}.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed when the block ends
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "claims_tracker",
            "worker",
            "--loglevel",
            "info",
            "--concurrency",
            str(concurrency),
            "--without-gossip",
            "--without-mingle",
            "--purge",
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while b"ready." not in log_path.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_for(predicate, *, timeout: float = 90, interval: float = 0.25, what: str = "condition") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def run_django_elsewhere(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh Python process with Django set up on the test database: a second web
    process, for behaviour that must hold across processes (shared caches). `env` adds settings."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "claims_tracker.settings",
            "DEBUG": "1",
            "DATABASE_URL": test_database_url(),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
