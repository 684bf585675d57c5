"""`make run`'s process supervisor: a Celery worker (with beat) and the development web server,
stopped together, whichever way the run ends.

make does not pass a SIGTERM on to its recipe, so this also watches its parent: when make (or
whatever started it) goes away, the worker and the server are stopped too. Each child runs in its
own process group, so the server's autoreloader child and the worker's pool go with them.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    args = parser.parse_args(argv)

    stop_requested = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stop_requested
        stop_requested = True

    for signum in STOP_SIGNALS:
        signal.signal(signum, request_stop)

    parent = os.getppid()
    celery = [sys.executable, "-m", "celery", "-A", "claims_tracker", "worker", "--beat"]
    children = [
        subprocess.Popen(
            [
                *celery,
                "-Q",
                "celery,crossref",
                "--schedule",
                "var/celerybeat-schedule",
                "--loglevel",
                "info",
                "--concurrency",
                "1",
            ],
            cwd=ROOT,
            start_new_session=True,
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"{args.host}:{args.port}"], cwd=ROOT, start_new_session=True
        ),
    ]
    try:
        while not stop_requested and os.getppid() == parent and all(c.poll() is None for c in children):
            time.sleep(0.5)
    finally:
        for child in children:
            _stop_group(child)
    return 0


def _stop_group(child: subprocess.Popen[bytes]) -> None:
    """SIGTERM the child's whole process group, then SIGKILL what is left after 20 s."""
    for signum, grace in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(child.pid, signum)
        except ProcessLookupError:
            return
        try:
            child.wait(timeout=grace)
            os.killpg(child.pid, 0)  # anything left in the group (a reloader's child, a pool)?
            time.sleep(0.5)
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return


if __name__ == "__main__":
    sys.exit(main())
