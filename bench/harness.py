"""What every benchmark script shares: its database, Django set-up, the machine it ran on, results.

The benchmarks never touch the development data. They run on their own databases on the same
embedded PostgreSQL server the checkout uses (`claims_bench` for the million claims, a scratch
database for the end-to-end run), or on the server named by BENCH_DATABASE_URL.

Each script stores its figures in bench/results/<name>.json and rewrites the figures section of
docs/benchmarks.md from every result present, so the document always shows the last run of each.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
BENCH_DATABASE = "claims_bench"
DEV_DATABASE = "claims_tracker"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def server_url(database: str) -> str:
    """A DATABASE_URL for `database` on the benchmark server, created if it is missing.

    BENCH_DATABASE_URL names a server (its database part is replaced); without it the embedded
    server of this checkout is started and used through its Unix socket.
    """
    given = os.environ.get("BENCH_DATABASE_URL")
    if given:
        parts = urlsplit(given)
        url = urlunsplit(parts._replace(path="/" + database))
        _create_database(url, database)
        return url
    from claims_tracker.embedded import ensure_database, ensure_server

    socket_dir = ensure_server(str(ROOT / "var" / "pgdata"))
    ensure_database(socket_dir, database, "postgres")
    return f"postgresql://postgres@{quote(socket_dir, safe='')}/{database}"


def _create_database(url: str, database: str) -> None:
    import psycopg2
    from psycopg2 import sql

    admin = psycopg2.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    admin.close()


def spacy_model_name() -> str:
    """The model the engine loads: the engine's own rule (claims.extraction.engine.load_pipeline)."""
    from claims.extraction.engine import DEFAULT_MODEL

    return os.environ.get("SPACY_MODEL") or DEFAULT_MODEL


def bench_environment(database_url: str) -> dict[str, str]:
    """The environment a benchmark process (this one, a worker, a web server) runs with.

    DEBUG is off, as in production: with DEBUG on Django records every query, which costs time
    and memory that no deployment pays.
    """
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key"),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver"),
        "SECURE_HTTPS": "0",  # the benchmark servers speak plain http
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }


def django_setup(database_url: str) -> None:
    """Point this process at `database_url` and start Django."""
    os.environ.update(bench_environment(database_url))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_tracker.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # the API's throttling counts in the database cache


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (p95 of 50 requests is the 48th fastest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


def pipeline_ratio(run: dict[str, Any]) -> float:
    """Bare spaCy's CPU per article over the workers' and PostgreSQL's, in one end-to-end run."""
    spent = run["worker_cpu_ms_per_article"] + (run.get("database_cpu_ms_per_article") or 0.0)
    return float(run["bare"]["cpu_ms_per_article"]) / spent


def pipeline_ratios(runs: Sequence[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Per worker count, in the order first run: the ratio of each of its runs and their median."""
    ratios: dict[int, list[float]] = {}
    for run in runs:
        ratios.setdefault(run["workers"], []).append(pipeline_ratio(run))
    return {workers: {"runs": each, "median": statistics.median(each)} for workers, each in ratios.items()}


def python_loop_ms() -> float:
    """CPU milliseconds of a fixed pure-Python loop (the best of three): how fast this host runs
    Python, so that figures from hosts of one name but different speeds can be told apart (on
    2026-12-03 the hosts ran the same code at speeds a factor of 2 to 3 apart)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        total = 0
        for number in range(1_000_000):
            total += number
        best = min(best, time.process_time() - start)
    return round(best * 1000, 1)


def machine(cursor: Any | None = None) -> dict[str, Any]:
    """The machine a figure was measured on: CPU, cores, memory, PostgreSQL, Python, spaCy, model."""
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info: dict[str, Any] = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "python_loop_ms": python_loop_ms(),
    }
    if cursor is not None:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]
    try:
        import spacy

        info["spacy"] = spacy.__version__
        model_version = spacy.util.get_package_version(spacy_model_name()) or "?"
        info["model"] = f"{spacy_model_name()} {model_version}"
    except (ImportError, OSError) as exc:  # the figures stand without it; say why it is missing
        info["spacy"] = f"unknown ({type(exc).__name__})"
    return info


def save_result(name: str, result: dict[str, Any]) -> Path:
    """Store a script's figures and refresh docs/benchmarks.md from every stored result."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    from bench import report

    report.write_docs()
    return path


def load_results() -> dict[str, dict[str, Any]]:
    if not RESULTS.exists():
        return {}
    return {path.stem: json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))}
