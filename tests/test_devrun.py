"""`make run` stops its worker and web server when only make is told to stop (claims_tracker.devrun)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import psutil

from tests.worker import ROOT, wait_for
from tests.worker import test_database_url as database_url_for_subprocess


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_the_worker_and_web_server_stop_when_their_parent_is_terminated(transactional_db):
    """Before: SIGTERM to make left `celery worker` and `runserver` running."""
    port = free_port()
    # sh stands in for make: it runs the supervisor as a child and is the only one signalled.
    make = subprocess.Popen(
        ["sh", "-c", f"{sys.executable} -m claims_tracker.devrun --port {port}; echo finished"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": database_url_for_subprocess()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tree: list[psutil.Process] = []
    try:
        wait_for(lambda: answers(port), timeout=90, what="the web server")
        tree = psutil.Process(make.pid).children(recursive=True)
        commands = [" ".join(p.cmdline()) for p in tree if p.is_running()]
        assert any("celery" in c and "worker" in c for c in commands), commands
        assert any("runserver" in c for c in commands), commands

        os.kill(make.pid, signal.SIGTERM)
        make.wait(timeout=10)

        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and any(p.is_running() and p.status() != "zombie" for p in tree):
            time.sleep(0.5)
        left = [" ".join(p.cmdline()) for p in tree if p.is_running() and p.status() != "zombie"]
        assert left == []
        assert not answers(port)
    finally:
        for process in tree:
            if process.is_running():
                process.kill()
        make.kill()
