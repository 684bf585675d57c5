"""Resident memory of a web process after it served the pages of bench/latency.py.

    python bench/memory.py [--rounds 3] [--database claims_bench]

Starts gunicorn as the image does (`gunicorn claims_tracker.wsgi`, here one worker) on a free
loopback port against the benchmark database, logs in with a session made for the benchmark
user, requests every page of bench/latency.py's rotation `--rounds` times, then reads the RSS and
USS (memory no other process shares) of the gunicorn master and its worker with psutil. The
worker's memory for Celery is measured by bench/end_to_end.py after it extracted articles.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_cookie(user: Any = None) -> str:
    """A logged-in session of `user` (the benchmark user by default), stored in the database the
    server reads."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from bench.latency import bench_user

    user = user or bench_user()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def fetch(base: str, path: str, cookie: str) -> int:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def memory_of(process: Any, role: str) -> dict[str, Any]:
    info = process.memory_full_info()
    return {"role": role, "rss_mb": info.rss / 2**20, "uss_mb": info.uss / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", default=harness.BENCH_DATABASE)
    args = parser.parse_args()

    import psutil

    from bench.latency import PAGES, open_corpus

    url, _, arguments, machine = open_corpus(args.database)
    cookie = session_cookie()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "claims_tracker.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=harness.ROOT,
        env=harness.bench_environment(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(base, "/healthz", "") == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.3)
        requests = 0
        statuses: dict[str, int] = {}
        for _ in range(args.rounds):
            for page in PAGES:
                for path in page.urls(arguments):
                    statuses[page.name] = fetch(base, path, cookie)
                    requests += 1
        master = psutil.Process(server.pid)
        processes = [memory_of(master, "gunicorn master")]
        processes += [memory_of(child, "gunicorn worker") for child in master.children()]
    finally:
        server.terminate()
        server.wait(timeout=30)
    for entry in processes:
        print(f"{entry['role']:<16} RSS {entry['rss_mb']:.0f} MB  USS {entry['uss_mb']:.0f} MB")
    print("page statuses:", ", ".join(f"{name} {status}" for name, status in statuses.items()))
    harness.save_result(
        "memory",
        {
            "server": "gunicorn claims_tracker.wsgi --workers 1",
            "database": args.database,
            "requests": requests,
            "statuses": statuses,
            "processes": processes,
            "machine": machine,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


if __name__ == "__main__":
    main()
