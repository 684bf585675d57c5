"""Load test: gunicorn as the image runs it, at a million claims, under 10 and then 50 concurrent users.

    python bench/generate.py      # once: fill the claims_bench database
    python bench/load.py [--users 10 50] [--seconds 60] [--warmup 10] [--database claims_bench]

Starts gunicorn with the Dockerfile's command (its workers and access log; bound to 127.0.0.1 on a
free port) and production settings (DEBUG off, the database cache for throttling, as
harness.bench_environment sets them), then runs locust headless (bench/locustfile.py) once per
user count, each run bounded in time. Every simulated user is its own analyst and API client: a
logged-in session for the pages and a token for the API. The pages are those bench/latency.py
times, with the same rotation of arguments (heaviest first).

Throttling: the API's per-user budget (API_THROTTLE_RATE, 1000/hour in production) would turn a
client that requests without pause into 429s within minutes, as it should. The load test measures
the server, not the budget: it raises the rate (LOAD_THROTTLE_RATE below) while keeping the
throttle itself on, so every API request still counts in the shared database cache as in
production.

Besides locust's requests per second and percentiles (per page and in total), the CPU time of the
gunicorn processes and of the PostgreSQL server (backends, parallel workers, background processes)
over each run is recorded: per request, it is what a request costs whoever else shares the cores.
Everything the script starts is stopped at the end. Results: bench/results/load.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
# High enough that no simulated user runs out of budget during a run; the throttle still counts.
LOAD_THROTTLE_RATE = "1000000/hour"
# How often each page is requested, relative to the others: the lists and search most.
WEIGHTS = {"list": 3, "filtered": 2, "search": 3, "actor": 2, "story": 1}


def gunicorn_command(port: int) -> list[str]:
    """The Dockerfile's CMD, bound to 127.0.0.1 on `port` instead of 0.0.0.0:8000."""
    for line in (harness.ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("CMD "):
            command = json.loads(line[4:])
            break
    else:
        raise SystemExit("the Dockerfile has no CMD")
    if command[0] != "gunicorn" or "--bind" not in command:
        raise SystemExit(f"the Dockerfile's CMD is not a gunicorn with --bind: {command}")
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    return [sys.executable, "-m", *command]


def load_plan(arguments: Any, credentials: list[dict[str, str]]) -> dict[str, Any]:
    from bench.latency import PAGES

    pages = [
        {
            "name": page.name,
            "kind": page.kind,
            "api": page.name.startswith("API"),
            "weight": WEIGHTS[page.kind],
            "urls": page.urls(arguments),
        }
        for page in PAGES
    ]
    return {"pages": pages, "users": credentials}


def load_users(count: int) -> list[dict[str, str]]:
    """`count` readers, each with a fresh session and an API token (created once, kept)."""
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from bench.memory import session_cookie

    credentials = []
    for number in range(1, count + 1):
        user, created = get_user_model().objects.get_or_create(username=f"load-{number:03d}")
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        token, _ = Token.objects.get_or_create(user=user)
        credentials.append({"cookie": session_cookie(user), "token": token.key})
    return credentials


def cpu_seconds_of_tree(root: Any) -> float:
    """CPU time of a process, its live children and the children it has reaped (exited backends,
    parallel workers, restarted gunicorn workers)."""
    import psutil

    total = 0.0
    try:
        times = root.cpu_times()
        total += times.user + times.system + times.children_user + times.children_system
        for child in root.children(recursive=True):
            try:
                child_times = child.cpu_times()
                total += child_times.user + child_times.system
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("gunicorn did not start")
        time.sleep(0.3)


def _milliseconds(value: str) -> float | None:
    """A percentile of locust's CSV: "N/A" where the row has no response time (no request yet)."""
    return None if value == "N/A" else float(value)


def read_stats(prefix: Path) -> list[dict[str, Any]]:
    """Locust's per-page stats (and the `Aggregated` row) from its CSV output."""
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            rows.append(
                {
                    "name": row["Name"],
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 2),
                    "p50_ms": _milliseconds(row["50%"]),
                    "p95_ms": _milliseconds(row["95%"]),
                    "p99_ms": _milliseconds(row["99%"]),
                    "max_ms": round(float(row["Max Response Time"]), 1),
                }
            )
    return rows


def read_failures(prefix: Path) -> list[dict[str, Any]]:
    with open(f"{prefix}_failures.csv", newline="") as failures:
        return [
            {"name": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])}
            for row in csv.DictReader(failures)
        ]


def locust_command(*, base: str, users: int, seconds: int, prefix: Path) -> list[str]:
    """Locust headless, all users at once, stopped after `seconds`, its figures in `prefix`_*.csv."""
    return [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", base,
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "10",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip


def run_locust(*, base: str, plan_file: Path, users: int, seconds: int, workdir: Path, env: dict[str, str]) -> Path:
    """One bounded headless run; returns the prefix of its CSV files."""
    prefix = workdir / f"users{users}"
    command = locust_command(base=base, users=users, seconds=seconds, prefix=prefix)
    process = subprocess.Popen(
        command, env={**env, "LOAD_PLAN": str(plan_file)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        # Generous: the run, the stop timeout, locust's start-up on a busy machine.
        _, stderr = process.communicate(timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise SystemExit("locust did not finish in time") from None
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit(f"locust wrote no stats: {stderr.decode(errors='replace')[-2000:]}")
    return prefix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--seconds", type=int, default=60, help="length of each measured run")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before the first run, not measured")
    parser.add_argument("--database", default=harness.BENCH_DATABASE)
    args = parser.parse_args()

    import psutil

    from bench.latency import open_corpus
    from bench.memory import free_port

    url, claims, arguments, machine = open_corpus(args.database)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        postmaster = psutil.Process(psutil.Process(cursor.fetchone()[0]).ppid())
    plan = load_plan(arguments, load_users(max(args.users)))
    connection.close()  # the server's connections only, while measuring

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**harness.bench_environment(url), "API_THROTTLE_RATE": LOAD_THROTTLE_RATE}
    command = gunicorn_command(port)
    runs = []
    with tempfile.TemporaryDirectory(prefix="claims-load-") as scratch:
        workdir = Path(scratch)
        plan_file = workdir / "plan.json"
        plan_file.write_text(json.dumps(plan))
        server = psutil.Popen(command, cwd=harness.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(base, server)
            if args.warmup:
                run_locust(base=base, plan_file=plan_file, users=min(args.users), seconds=args.warmup, workdir=workdir,
                           env=env)  # fmt: skip
            for users in args.users:
                load_before = os.getloadavg()[0]
                web_before, database_before = cpu_seconds_of_tree(server), cpu_seconds_of_tree(postmaster)
                locust_before = _children_cpu()
                started = time.perf_counter()
                prefix = run_locust(
                    base=base, plan_file=plan_file, users=users, seconds=args.seconds, workdir=workdir, env=env
                )
                wall = time.perf_counter() - started
                web = cpu_seconds_of_tree(server) - web_before
                database = cpu_seconds_of_tree(postmaster) - database_before
                stats = read_stats(prefix)
                total = next(row for row in stats if row["name"] == "Aggregated")
                run = {
                    "users": users,
                    "seconds": args.seconds,
                    "pages": [row for row in stats if row["name"] != "Aggregated"],
                    "total": total,
                    "failures": read_failures(prefix),
                    "web_cpu_ms_per_request": round(web * 1000 / max(1, total["requests"]), 1),
                    "database_cpu_ms_per_request": round(database * 1000 / max(1, total["requests"]), 1),
                    "locust_cpu_s": round(_children_cpu() - locust_before, 1),
                    "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                    "wall_s": round(wall, 1),
                }
                runs.append(run)
                print(
                    f"{users:>3} users: {total['rps']:.1f} requests/s, p50 {total['p50_ms']:.0f} ms, "
                    f"p95 {total['p95_ms']:.0f} ms, {total['errors']} errors of {total['requests']}; CPU per "
                    f"request: web {run['web_cpu_ms_per_request']} ms, PostgreSQL "
                    f"{run['database_cpu_ms_per_request']} ms",
                    flush=True,
                )
                for failure in run["failures"]:
                    print(f"     {failure['count']} x {failure['name']}: {failure['error']}", flush=True)
        finally:
            stop(server)
    _drop_sessions(plan["users"])
    harness.save_result(
        "load",
        {
            "database": args.database,
            "claims": claims,
            "server": " ".join(gunicorn_command(8000)[2:]),  # the port of the run is any free one
            "throttle_rate": LOAD_THROTTLE_RATE,
            "warmup_s": args.warmup,
            "runs": runs,
            "machine": machine,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


def _children_cpu() -> float:
    """CPU seconds of this script's exited children (the locust runs)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _drop_sessions(credentials: list[dict[str, str]]) -> None:
    """The sessions made for the load users: they log nobody in after the run."""
    from django.contrib.sessions.models import Session

    keys = [entry["cookie"].split("=", 1)[1] for entry in credentials]
    Session.objects.filter(session_key__in=keys).delete()


def stop(server: Any) -> None:
    """Stop gunicorn (graceful, then by force) and wait for its workers."""
    import psutil

    children = server.children(recursive=True)
    try:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    except psutil.TimeoutExpired:
        server.kill()
        server.wait()
    except psutil.NoSuchProcess:
        pass
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        child.kill()


if __name__ == "__main__":
    main()
