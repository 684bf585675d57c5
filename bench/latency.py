"""Server time of the pages analysts and API clients use most, at a million claims.

    python bench/generate.py          # once: fill the claims_bench database
    python bench/latency.py [--requests 50] [--warmup 5] [--database claims_bench]

Each page is requested through Django's test client in this process (URL routing, middleware,
the view, its queries and rendering; no network, no web server), logged in as a staff user, with
DEBUG off. Besides the wall-clock time, the CPU time the request cost (this process, its
PostgreSQL backend and any parallel query workers, read from /proc) is recorded: on a shared
machine it is about what the page would take with the cores to itself. It needs the database on
this machine; elsewhere it reads as the web side's CPU only.

A page rotates through several arguments of different weight (the most quoted actor and a rarely
quoted one, the biggest story and a small one, a common search word and a rare one), so the p95
includes the heavy cases. Only the request is timed, after warm-up requests.

One more request per page runs with its queries captured: their count, their share of the time,
and `EXPLAIN (ANALYZE, BUFFERS)` of each, saved to bench/results/explain.md with the indexes used.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness

EXPLAIN_FILE = harness.RESULTS / "explain.md"
# Sessions, users and permissions are the same on every page; their plans say nothing about scale.
BOOKKEEPING = re.compile(r'FROM "(django_session|auth_user|auth_permission|auth_group|authtoken_token)"')
INDEX_USED = re.compile(r"(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)")
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


@dataclass
class Arguments:
    """Ids and terms picked from the data, heaviest first."""

    actors: list[int]
    speaker_stances: list[tuple[int, str]]
    stories: list[int]
    searches: list[str]


@dataclass(frozen=True)
class Page:
    name: str
    kind: str  # which target applies: list, filtered, search, actor, story
    urls: Callable[[Arguments], list[str]]


def _claims(prefix: str) -> Callable[[Arguments], list[str]]:
    return lambda a: [prefix]


def _filtered(prefix: str) -> Callable[[Arguments], list[str]]:
    return lambda a: [f"{prefix}?{urlencode({'speaker': s, 'stance': st})}" for s, st in a.speaker_stances]


def _search(prefix: str) -> Callable[[Arguments], list[str]]:
    return lambda a: [f"{prefix}?{urlencode({'q': q})}" for q in a.searches]


PAGES = [
    Page("API claims list", "list", _claims("/api/v1/claims/")),
    Page("API claims by speaker + stance", "filtered", _filtered("/api/v1/claims/")),
    Page("API full-text search", "search", _search("/api/v1/claims/")),
    Page("API actor", "actor", lambda a: [f"/api/v1/actors/{pk}/" for pk in a.actors]),
    Page("API story", "story", lambda a: [f"/api/v1/stories/{pk}/" for pk in a.stories]),
    Page("UI claims list", "list", _claims("/claims/")),
    Page("UI claims by speaker + stance", "filtered", _filtered("/claims/")),
    Page("UI full-text search", "search", _search("/claims/")),
    Page("UI actor page", "actor", lambda a: [f"/actors/{pk}/" for pk in a.actors]),
    Page("UI story page", "story", lambda a: [f"/stories/{pk}/" for pk in a.stories]),
]

# Ranks by number of claims: the heaviest first, then down to the long tail.
RANKS = (1, 2, 5, 10, 30, 100, 300, 1000, 2000, 4000)
SEARCHES = (
    "drone",  # the commonest noun: about one claim in ten
    "sanctions against the border",  # several words, all needed
    "pipeline explosion",  # two words that rarely meet
    "referendum",  # a rare word
    '"power plant"',  # a phrase
    "hospital -vaccine",  # a word without another
    "Kovalenko",  # a surname
)


def pick_arguments(cursor: Any) -> Arguments:
    cursor.execute("SELECT speaker_id FROM claims_claim WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC")
    speakers = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT story_id FROM claims_claim WHERE story_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC")
    stories = [row[0] for row in cursor.fetchall()]

    def ranked(ids: list[int]) -> list[int]:
        return [ids[rank - 1] for rank in RANKS if rank <= len(ids)]

    stances = ("denies", "asserts", "demands", "asserts", "threatens", "asserts", "doubts", "asserts")
    top = ranked(speakers)
    return Arguments(
        actors=top,
        speaker_stances=list(zip(top, stances, strict=False)),
        stories=ranked(stories),
        searches=list(SEARCHES),
    )


def open_corpus(database: str) -> tuple[str, int, Arguments, dict[str, Any]]:
    """Django on the generated corpus, migrated: its URL, its claim count, the pages' arguments and
    the machine; every script that measures pages starts here."""
    url = harness.server_url(database)
    harness.django_setup(url)
    harness.migrate()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claim")
        claims = cursor.fetchone()[0]
        if claims == 0:
            raise SystemExit(f"{database} holds no claims: run bench/generate.py first")
        return url, claims, pick_arguments(cursor), harness.machine(cursor)


def bench_user() -> Any:
    """The staff user the benchmarks browse as (no password: it can only be logged in by code)."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def staff_client() -> Any:
    from django.test import Client

    client = Client()
    client.force_login(bench_user())
    return client


def is_postgres(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().startswith("postgres")
    except OSError:
        return False


def parent_pid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def cpu_seconds(pid: int) -> float:
    """CPU time a process has run so far, in nanosecond resolution (Linux /proc/<pid>/schedstat).

    On a machine shared with other work the wall-clock time includes waiting for a core; the CPU
    time of the web process plus its PostgreSQL backend is what the request itself costs.
    """
    if not pid:
        return 0.0
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return float("nan")


def reaped_children_cpu_seconds(pid: int) -> float:
    """CPU time of a process's children that have exited (/proc/<pid>/stat cutime + cstime).

    PostgreSQL's parallel workers live for one query: their CPU shows up here, on the postmaster.
    """
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def request_cpu_seconds(backend: int, postmaster: int) -> float:
    return cpu_seconds(os.getpid()) + cpu_seconds(backend) + reaped_children_cpu_seconds(postmaster)


def explain(cursor: Any, sql: str) -> str:
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
    return "\n".join(row[0] for row in cursor.fetchall())


def measure_page(client: Any, page: Page, arguments: Arguments, *, requests: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = page.urls(arguments)
    first = client.get(urls[0])
    row: dict[str, Any] = {"name": page.name, "kind": page.kind, "url": urls[0], "status": first.status_code}
    if first.status_code != 200:
        return row
    for index in range(warmup):
        client.get(urls[index % len(urls)])
    timings = []
    cpu = []
    by_url: dict[str, list[float]] = {url: [] for url in urls}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    if not is_postgres(backend):  # a server on another machine: only this process's CPU can be read
        backend = 0
    postmaster = parent_pid(backend) if backend else 0
    for index in range(requests):
        url = urls[index % len(urls)]
        cpu_before = request_cpu_seconds(backend, postmaster)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        cpu.append(request_cpu_seconds(backend, postmaster) - cpu_before)
        timings.append(elapsed)
        by_url[url].append(elapsed)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code} during the timed run")
    row.update(harness.summary_ms(timings))
    cpu_summary = harness.summary_ms(cpu)
    row["cpu_p50_ms"], row["cpu_p95_ms"] = cpu_summary["p50_ms"], cpu_summary["p95_ms"]
    row["by_url_p50_ms"] = {url: round(statistics.median(t) * 1000, 1) for url, t in by_url.items() if t}
    # The slowest argument once more, with its queries captured and explained.
    slowest = max(row["by_url_p50_ms"], key=row["by_url_p50_ms"].get)
    row["url"] = slowest
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        client.get(slowest)
        total = time.perf_counter() - started
    queries = list(captured.captured_queries)
    row["queries"] = len(queries)
    row["heaviest_ms"] = round(total * 1000, 1)
    row["heaviest_db_ms"] = round(sum(float(q["time"]) for q in queries) * 1000, 1)
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            if BOOKKEEPING.search(query["sql"]) or not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            plans.append(
                {
                    "sql": query["sql"],
                    "ms": round(float(query["time"]) * 1000, 1),
                    "plan": explain(cursor, query["sql"]),
                }
            )
    row["indexes"] = sorted({name for plan in plans for name in INDEX_USED.findall(plan["plan"])})
    row["seq_scans"] = sorted({name for plan in plans for name in SEQ_SCAN.findall(plan["plan"])})
    row["plans"] = plans
    return row


def write_explain(rows: list[dict[str, Any]], claims: int) -> None:
    lines = [
        f"# Query plans at {claims:,} claims",
        "",
        "Generated by `bench/latency.py`: every query of each page's heaviest request (sessions and users left out),",
        "with `EXPLAIN (ANALYZE, BUFFERS)` run right after the timed requests.",
        "",
    ]
    for row in rows:
        if row.get("status") != 200:
            continue
        lines += [
            f"## {row['name']}: `{row['url']}`",
            "",
            f"The slowest of the rotation. {row['queries']} queries, {row['heaviest_db_ms']} ms of "
            f"{row['heaviest_ms']} ms in the database. "
            f"Indexes used: {', '.join(row['indexes']) or 'none'}. "
            f"Sequential scans: {', '.join(row['seq_scans']) or 'none'}.",
            "",
            "Median per argument: " + ", ".join(f"`{u}` {ms} ms" for u, ms in row["by_url_p50_ms"].items()),
            "",
        ]
        for plan in row["plans"]:
            lines += ["```sql", plan["sql"], "```", "", "```", plan["plan"], "```", ""]
    EXPLAIN_FILE.parent.mkdir(parents=True, exist_ok=True)
    EXPLAIN_FILE.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--database", default=harness.BENCH_DATABASE)
    parser.add_argument(
        "--only",
        help="measure only the pages whose name contains this text; printed, not stored (a part of the "
        "rotation must not replace the whole one's figures)",
    )
    args = parser.parse_args()

    # Every API request still passes the per-user throttle (its counter is part of the cost measured),
    # but the benchmark's few hundred requests an hour, run after run, must not be refused.
    os.environ.setdefault("API_THROTTLE_RATE", "1000000/hour")
    _, claims, arguments, machine = open_corpus(args.database)
    client = staff_client()
    rows = []
    for page in PAGES:
        if args.only and args.only.lower() not in page.name.lower():
            continue
        row = measure_page(client, page, arguments, requests=args.requests, warmup=args.warmup)
        rows.append(row)
        if row["status"] == 200:
            print(
                f"{page.name:<32} p50 {row['p50_ms']:>8.1f} ms  p95 {row['p95_ms']:>8.1f} ms  "
                f"cpu p50 {row['cpu_p50_ms']:>7.1f} p95 {row['cpu_p95_ms']:>7.1f} ms  "
                f"{row['queries']:>2} queries  db {row['heaviest_db_ms']:.0f}/{row['heaviest_ms']:.0f} ms  "
                f"seq scans: {', '.join(row['seq_scans']) or '-'}",
                flush=True,
            )
        else:
            print(f"{page.name:<32} {row['url']} answered {row['status']}: not measured", flush=True)
    if args.only:
        print("--only: figures printed, bench/results and docs/benchmarks.md left as they were")
        return
    write_explain(rows, claims)
    harness.save_result(
        "latency",
        {
            "database": args.database,
            "claims": claims,
            "requests": args.requests,
            "warmup": args.warmup,
            "pages": [{k: v for k, v in row.items() if k != "plans"} for row in rows],
            "explain_file": str(EXPLAIN_FILE.relative_to(harness.ROOT)),
            "machine": machine,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


if __name__ == "__main__":
    main()
