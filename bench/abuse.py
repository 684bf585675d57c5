"""An abuse run: gunicorn with production settings, Redis (broker and shared cache) and a real
Celery worker, while articles are submitted concurrently and the worker is killed.

    python bench/abuse.py [--articles 60]   (the documented run: --articles 100)

Submitted through the API by 8 threads: N texts, a fifth of them sent twice (the second must be the
same article), 10 URLs of a local web site (some redirecting, some missing), one URL twice. While
they are processed the worker's pool process is SIGKILLed once, later the whole worker (main
process first, so nothing puts its message back), and a new worker is started; this script plays
Celery beat, calling both sweepers (articles, cross-referencing) every few seconds with short
thresholds, until every article is settled and cross-referenced. At the end every
submission is accounted for: articles lost (a submission with no article, or an article neither
done nor failed with a reason), duplicates (two articles for one text or URL, or a claim stored
twice), and the statuses. The result goes to bench/results/abuse.json.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness
from bench.end_to_end import synthetic_articles

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def local_site(pages: dict[str, str]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/moved/"):
                self.send_response(301)
                self.send_header("Location", self.path.replace("/moved/", "/page/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_html(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    head = f"<!doctype html><html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    worker = start(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "claims_tracker",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "info",
            "--without-gossip",
            "--without-mingle",
        ],
        env,
        log,
    )
    deadline = time.monotonic() + 120
    while b"ready." not in log.read_bytes():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    return worker


def pool_children(pid: int) -> list[int]:
    import psutil

    return [child.pid for child in psutil.Process(pid).children(recursive=True)]


def run(articles: int) -> dict[str, Any]:
    database = f"claims_bench_abuse_{int(time.time())}"
    url = harness.server_url(database)
    redis_port = free_port()
    logs = Path(tempfile.mkdtemp(prefix="claims-abuse-"))
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
        stdout=(logs / "redis.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    os.environ.update(
        {
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",
            "INGEST_ALLOW_PRIVATE_URLS": "1",
            "INGEST_HEARTBEAT_SECONDS": "5",
            "INGEST_PROCESSING_STALE_MINUTES": "1",
            "API_THROTTLE_RATE": "100000/minute",
        }
    )
    harness.django_setup(url)
    harness.migrate()
    env = harness.bench_environment(url)
    processes: list[subprocess.Popen[bytes]] = [redis]
    try:
        return _abuse(articles, env, logs, processes)
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        _drop_database(database)


def _drop_database(database: str) -> None:
    """The run's scratch database goes when the run ends: its figures are in the result file."""
    import psycopg2
    from django.db import connection
    from psycopg2 import sql

    connection.close()
    params = connection.get_connection_params()
    admin = psycopg2.connect(
        dbname="postgres", host=params.get("host"), port=params.get("port"), user=params.get("user")
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
    admin.close()


def _abuse(count: int, env: dict[str, str], logs: Path, processes: list[subprocess.Popen[bytes]]) -> dict[str, Any]:
    import httpx
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.db.models import Count, F, Q
    from rest_framework.authtoken.models import Token

    from articles.models import Article
    from articles.services import articles_sweep
    from claims.crossref import articles_sweep_crossref
    from claims.models import Claim

    editor = User.objects.create_user("abuse-editor")
    editor.groups.add(Group.objects.get_or_create(name="editor")[0])
    token = Token.objects.create(user=editor).key

    texts = synthetic_articles(count + 10)
    pages = {f"/page/{n}": page_html(title, text) for n, (title, text) in enumerate(texts[count:])}
    site = local_site(pages)
    base = f"http://127.0.0.1:{site.server_address[1]}"

    port = free_port()
    processes.append(
        start(
            [sys.executable, "-m", "gunicorn", "claims_tracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
            env,
            logs / "gunicorn.log",
        )
    )
    worker = start_worker(env, logs / "worker-1.log")
    processes.append(worker)
    api = f"http://127.0.0.1:{port}/api/v1/articles/"
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except httpx.HTTPError:
            time.sleep(0.3)

    submissions: list[tuple[str, dict[str, Any]]] = []  # (key of what was sent, body)
    for title, text in texts[:count]:
        submissions.append((f"text:{title}", {"title": title, "text": text}))
    for title, text in texts[: count // 5]:
        submissions.append((f"text:{title}", {"title": title, "text": text}))  # the same text again
    for n in range(10):
        path = f"/moved/{n}" if n % 3 == 0 else f"/page/{n}"
        submissions.append((f"url:{n}", {"url": base + path}))
    submissions += [("url:missing-1", {"url": base + "/missing/1"}), ("url:missing-2", {"url": base + "/missing/2"})]
    submissions.append(("url:1", {"url": base + "/page/1"}))  # the same URL again

    answers: list[tuple[str, int, int | None]] = []
    lock = threading.Lock()

    def send(item: tuple[str, dict[str, Any]]) -> None:
        key, body = item
        with httpx.Client(headers={"Authorization": f"Token {token}"}, timeout=60) as client:
            response = client.post(api, json=body)
        with lock:
            answers.append((key, response.status_code, response.json().get("id") if response.is_success else None))

    faults: list[str] = []
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(send, submissions))
    submitted_in = time.monotonic() - started

    def settled() -> int:
        return Article.objects.filter(status__in=["done", "failed"]).count()

    total = Article.objects.count()

    # Fault 1: the pool process, once a third is done.
    def processing() -> int:
        return Article.objects.filter(status="processing").count()

    # Each kill lands while an article is being extracted (a little later if the worker is between
    # articles, or cross-referencing).
    while settled() < total // 3 or (not processing() and settled() < total):
        time.sleep(0.1)
    in_flight = processing()
    for child in pool_children(worker.pid):
        os.kill(child, signal.SIGKILL)
    faults.append(f"pool process SIGKILLed ({in_flight} article(s) processing)")
    # Fault 2: the whole worker, main process first, once two thirds are done.
    while settled() < 2 * total // 3 or (not processing() and settled() < total):
        time.sleep(0.1)
    children = pool_children(worker.pid)
    in_flight = processing()
    os.kill(worker.pid, signal.SIGKILL)
    for child in children:
        os.kill(child, signal.SIGKILL)
    worker.wait(timeout=10)
    faults.append(f"whole worker SIGKILLed ({in_flight} article(s) processing)")
    processes.append(start_worker(env, logs / "worker-2.log"))

    from datetime import timedelta

    def crossref_due() -> int:
        done = Article.objects.filter(status="done", duplicate_of__isnull=True)
        return done.filter(Q(crossref_at__isnull=True) | Q(crossref_at__lt=F("processed_at"))).count()

    deadline = time.monotonic() + 900
    while (settled() < total or crossref_due()) and time.monotonic() < deadline:
        # This script is Celery beat: both sweepers, with the run's short thresholds.
        articles_sweep(pending_older_than=timedelta(seconds=30), processing_older_than=timedelta(minutes=1))
        articles_sweep_crossref(lost_after=timedelta(seconds=45))
        connection.close()
        time.sleep(5)
    elapsed = time.monotonic() - started

    statuses = {row["status"]: row["n"] for row in Article.objects.values("status").annotate(n=Count("id"))}
    ids_by_key: dict[str, set[int]] = {}
    for key, _status, article_id in answers:
        if article_id is not None:
            ids_by_key.setdefault(key, set()).add(article_id)
    refused = [(key, status) for key, status, article_id in answers if article_id is None]
    lost = [key for key, _ in submissions if key not in ids_by_key]
    unsettled = list(Article.objects.exclude(status__in=["done", "failed"]).values_list("pk", "status"))
    failed_without_reason = Article.objects.filter(status="failed", error="").count()
    doubled_submissions = {key: ids for key, ids in ids_by_key.items() if len(ids) > 1}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT article_id, content_start, content_end FROM claims_claim "
            "GROUP BY 1, 2, 3 HAVING count(*) > 1) doubled"
        )
        doubled_claims = cursor.fetchone()[0]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": harness.machine(),
        "submissions": len(submissions),
        "distinct_texts_and_urls": len({key for key, _ in submissions}),
        "articles": Article.objects.count(),
        "statuses": statuses,
        "answers": {
            str(code): sum(1 for _, status, _ in answers if status == code)
            for code in sorted({s for _, s, _ in answers})
        },
        "refused": refused,
        "faults": faults,
        "failed_errors": list(Article.objects.filter(status="failed").values_list("error", flat=True)),
        "articles_lost": len(lost) + len(unsettled) + failed_without_reason,
        "lost_detail": {"no_article": lost, "unsettled": unsettled, "failed_without_reason": failed_without_reason},
        "duplicates": len(doubled_submissions) + doubled_claims,
        "duplicate_detail": {"submissions": doubled_submissions, "claims": doubled_claims},
        "claims": Claim.objects.count(),
        "crossref_due_at_end": crossref_due(),
        "articles_with_more_than_one_attempt": Article.objects.filter(attempts__gt=1).count(),
        "submitted_in_seconds": round(submitted_in, 1),
        "seconds_to_settle": round(elapsed, 1),
        "logs": str(logs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    result = run(args.articles)
    print(harness.save_result("abuse", result))
    import json

    print(json.dumps({k: v for k, v in result.items() if k != "machine"}, indent=2))


if __name__ == "__main__":
    main()
