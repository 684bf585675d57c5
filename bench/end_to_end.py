"""Articles per second from submission to stored claims, against bare spaCy on the same texts.

    python bench/end_to_end.py [--articles 200] [--workers 1 2] [--rounds 3] [--broker filesystem|redis]

N synthetic news articles (made like bench/generate.py's: datelines, quotes, said-that clauses,
according-to attributions, denials) are posted to POST /api/v1/articles/ through Django's test
client (or stored with `article_ingest` where the API is missing: the result says which), and real
Celery worker processes (`celery -A claims_tracker worker --concurrency 1`, one per worker, started
here) extract them into a scratch database until every article is done. The workers are started and
have loaded spaCy first; they are then paused (SIGSTOP) while every article is submitted, and the
clock runs from their release to the last article done. On two cores this benchmark's own client,
submitting beside two workers, made three busy processes on two cores and inflated the workers' CPU
time by up to a sixth (2026-12-04: 0.73 to 0.83 of bare spaCy with it, 0.84 and 0.85 without); the
workers' CPU is the pipeline's, and PostgreSQL's still counts the ingest.

Bare spaCy is `spacy.load(model).pipe(texts)` over the same texts in this process, timed just before
and just after each worker run (the shared machine's speed drifts within minutes); the mean of the two
beside a run is the limit one worker process could reach then. The workers' CPU is counted once
every worker's pool process has loaded spaCy (its CPU time has settled), so the load is not counted.
The ratio per worker is (articles/s of the run / workers) / (bare articles/s). With more workers than free cores the
workers share them, and the ratio per worker falls accordingly. Every worker count runs in each of
--rounds rounds (1, 2, 1, 2, 1, 2 with the defaults), and its figure is the median of its runs: a
burst of other work on a shared host can fall on one run and miss the bare parses beside it.

The resident memory (RSS, and USS: the pages no other process shares) of each worker's processes
is read with psutil after the run. So is the CPU time the workers and the PostgreSQL server spent
per article: on a machine shared with other work the wall clock includes waiting for a core, and
CPU per article compared with bare spaCy's is the ratio the pipeline would reach alone. PostgreSQL's
CPU is the whole embedded server's (the checkout's own: its backends, those that exited during the
run included, and its background processes). On another server (BENCH_DATABASE_URL), which serves
other databases too, it is the CPU of the backends serving the benchmark's database, sampled while
the run lasts (a backend that lives less than a sample is missed: workers keep theirs).

After the runs, the same articles go through the pipeline's stages in this process (as one worker
does them: batches of EXTRACTION_BATCH_ARTICLES through one nlp.pipe, each article resolved and
stored in turn), timed in CPU per stage: that is the breakdown (`--breakdown` alone runs only it).

    python bench/end_to_end.py --scaling

runs 1, 2 and 4 workers against a PostgreSQL server and a Redis broker of the machine
(BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/; BENCH_REDIS_URL), as more
machines would share them, and stores its figures as `scaling` (docs/benchmarks.md, "Growing past
one machine").
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness

SCRATCH_DATABASE = "claims_bench_e2e"
SCALING_DATABASE = "claims_bench_scaling"  # on a server other checkouts may share: a name of its own
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def synthetic_articles(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(title, text) of `count` news articles, about 2,300 characters and 10 attributions each."""
    from bench.generate import Corpus, Size

    corpus = Corpus(Size(articles=count, claims=count * 10, actors=2_000, stories=max(1, count // 5)), seed)
    articles = []
    for batch in corpus.article_batches(count):
        articles += [(row[5], row[9]) for row in batch["articles"]]
    return articles


def bare_spacy_rate(texts: list[str]) -> tuple[float, float]:
    """Articles per second of the bare model over the texts (one process, spaCy's default batching),
    and the CPU seconds it spent per article."""
    import spacy

    nlp = spacy.load(harness.spacy_model_name())
    for _ in nlp.pipe(texts[:10]):  # warm caches and lazy set-up
        pass
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts):
        pass
    return len(texts) / (time.perf_counter() - started), (time.process_time() - cpu_started) / len(texts)


def own_cpu_seconds(pid: int) -> float:
    """CPU time of the process alone (a worker's parent: Celery's consumer, the broker, the pool's
    supervision), without its children."""
    import psutil

    try:
        times = psutil.Process(pid).cpu_times()
        return times.user + times.system
    except psutil.NoSuchProcess:
        return 0.0


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process, its live children and the children it has reaped."""
    import psutil

    try:
        root = psutil.Process(pid)
        times = root.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in root.children(recursive=True):
            try:
                child_times = child.cpu_times()
                total += child_times.user + child_times.system
            except psutil.NoSuchProcess:
                pass
        return total
    except psutil.NoSuchProcess:
        return 0.0


class DatabaseCpu:
    """CPU seconds PostgreSQL spends on the benchmark's database while a run lasts.

    The backends serving that database are found by their process title ("postgres: user
    database ..."), sampled whenever `sample()` is called: a backend that exits between two samples
    loses only what it spent since the last one. `background` adds the server's processes that
    serve no one database (WAL writer, checkpointer, autovacuum), for a server of our own.
    """

    def __init__(self, database: str, *, background_of: int = 0) -> None:
        self.database = database
        self.background_of = background_of
        self.started: dict[int, float] = {}
        self.latest: dict[int, float] = {}
        self.sample(start=True)

    def _processes(self) -> dict[int, float]:
        import psutil

        found = {}
        for process in psutil.process_iter(["cmdline", "ppid"]):
            title = " ".join(process.info["cmdline"] or [])
            if not title.startswith("postgres: "):
                continue
            ours = f" {self.database} " in f"{title} "
            background = process.info["ppid"] == self.background_of and _is_background(title)
            if not (ours or background):
                continue
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            found[process.pid] = times.user + times.system
        return found

    def sample(self, *, start: bool = False) -> None:
        for pid, seconds in self._processes().items():
            if start:
                self.started[pid] = seconds
            self.latest[pid] = seconds

    def seconds(self) -> float:
        self.sample()
        return sum(seconds - self.started.get(pid, 0.0) for pid, seconds in self.latest.items())


def _is_background(title: str) -> bool:
    """A server process serving no client ("postgres: walwriter"): a client's backend names its
    address, "[local]" or "host(port)"."""
    return "[local]" not in title and "(" not in title


def database_server_pid() -> int:
    """The postmaster of the embedded server (0 for a server elsewhere: its background is not ours)."""
    pid_file = harness.ROOT / "var" / "pgdata" / "postmaster.pid"
    if os.environ.get("BENCH_DATABASE_URL") or not pid_file.exists():
        return 0
    return int(pid_file.read_text().split()[0])


def redis_reachable(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def reset_scratch_tables() -> None:
    from django.apps import apps
    from django.db import connection

    tables = [m._meta.db_table for name in ("articles", "claims") for m in apps.get_app_config(name).get_models()]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")


def start_workers(count: int, env: dict[str, str], logs: Path) -> list[subprocess.Popen[bytes]]:
    workers = []
    for number in range(count):
        log_path = logs / f"worker-{number}.log"
        workers.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "claims_tracker", "worker", "--loglevel", "info",
                    "--concurrency", "1", "--without-gossip", "--without-mingle", "--without-heartbeat",
                    "-n", f"bench{number}@%h",
                    # Extraction only: cross-referencing has its own queue and workers (and its own
                    # figures, bench/crossref.py); left in, it would run interleaved, unevenly.
                    "-Q", "celery",
                ],
                cwd=harness.ROOT,
                env=env,
                stdout=log_path.open("wb"),
                stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
    deadline = time.monotonic() + 180
    for number, worker in enumerate(workers):
        log_path = logs / f"worker-{number}.log"
        while b"ready." not in log_path.read_bytes():
            if worker.poll() is not None or time.monotonic() > deadline:
                stop_workers(workers)
                raise SystemExit(f"worker {number} did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
    wait_until_loaded(workers)
    return workers


def wait_until_loaded(workers: list[subprocess.Popen[bytes]], *, timeout: float = 180) -> None:
    """Until every worker's pool process has loaded spaCy (claims.tasks loads it when the process
    starts, after the worker says ready): its CPU time stops growing."""
    import psutil

    deadline = time.monotonic() + timeout
    previous = -1.0
    while time.monotonic() < deadline:
        pools = [child for worker in workers for child in psutil.Process(worker.pid).children()]
        spent = sum(child.cpu_times().user + child.cpu_times().system for child in pools)
        if len(pools) == len(workers) and spent - previous < 0.02:
            return
        previous = spent
        time.sleep(0.5)
    raise SystemExit("the workers' pool processes did not settle after loading spaCy")


@contextlib.contextmanager
def paused(workers: list[subprocess.Popen[bytes]]) -> Iterator[None]:
    """The workers and their pool processes stopped (SIGSTOP) for the block, then continued."""
    import psutil

    processes = [psutil.Process(worker.pid) for worker in workers]
    processes += [child for process in processes for child in process.children(recursive=True)]
    for process in processes:
        process.suspend()
    try:
        yield
    finally:
        for process in processes:
            process.resume()


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def worker_memory(workers: list[subprocess.Popen[bytes]], count: int) -> list[dict[str, Any]]:
    """RSS and USS of each worker's supervising process and of its pool process (the one extracting)."""
    import psutil

    entries = []
    for worker in workers:
        parent = psutil.Process(worker.pid)
        for role, process in [("parent", parent), *(("pool", child) for child in parent.children())]:
            info = process.memory_full_info()
            entries.append({"workers": count, "role": role, "rss_mb": info.rss / 2**20, "uss_mb": info.uss / 2**20})
    return entries


def submit(client: Any, title: str, text: str, *, through_api: bool) -> None:
    if through_api:
        response = client.post("/api/v1/articles/", {"title": title, "text": text}, content_type="application/json")
        if response.status_code not in (200, 201, 202):
            raise SystemExit(f"POST /api/v1/articles/ answered {response.status_code}: {response.content[:500]!r}")
    else:
        from articles.services import article_ingest

        article_ingest(text=text, title=title)


def run(
    articles: list[tuple[str, str]],
    workers: int,
    env: dict[str, str],
    client: Any,
    *,
    through_api: bool,
    database_name: str = SCRATCH_DATABASE,
) -> dict[str, Any]:
    from django.db.models import Count, Q

    from articles.models import Article
    from claims.models import Claim

    reset_scratch_tables()
    # The API throttles per token (API_THROTTLE_RATE, counted in the database cache): every run
    # posts the same articles again, and a few runs in an hour would be refused.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    logs = Path(tempfile.mkdtemp(prefix="claims-bench-workers-"))
    processes = start_workers(workers, env, logs)
    try:
        database = DatabaseCpu(database_name, background_of=database_server_pid())
        # The whole embedded server's tree too, reaped children included: a check on the sampling.
        server_cpu_started = process_tree_cpu_seconds(database.background_of) if database.background_of else 0.0
        worker_cpu_started = sum(process_tree_cpu_seconds(p.pid) for p in processes)
        parent_cpu_started = sum(own_cpu_seconds(p.pid) for p in processes)
        with paused(processes):  # this client is not the pipeline: it must not share the cores with it
            submitting = time.perf_counter()
            for title, text in articles:
                submit(client, title, text, through_api=through_api)
            submitted = time.perf_counter() - submitting
        started = time.perf_counter()
        deadline = time.monotonic() + 60 * 30
        while True:
            state = Article.objects.aggregate(
                finished=Count("id", filter=Q(status__in=["done", "failed"])),
                failed=Count("id", filter=Q(status="failed")),
            )
            if state["finished"] >= len(articles):
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"only {state['finished']} of {len(articles)} articles finished in 30 minutes")
            database.sample()
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        worker_cpu = sum(process_tree_cpu_seconds(p.pid) for p in processes) - worker_cpu_started
        parent_cpu = sum(own_cpu_seconds(p.pid) for p in processes) - parent_cpu_started
        database_cpu = database.seconds()
        server_cpu = (
            process_tree_cpu_seconds(database.background_of) - server_cpu_started if database.background_of else None
        )
        memory = worker_memory(processes, workers)
    finally:
        stop_workers(processes)
    shutil.rmtree(logs, ignore_errors=True)
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "submit_seconds": round(submitted, 2),
        "paused": True,  # the workers, while the articles were submitted
        "rate": len(articles) / seconds,
        "failed": state["failed"],
        "claims": Claim.objects.count(),
        "worker_cpu_ms_per_article": worker_cpu / len(articles) * 1000,
        # Of which the parent processes' (Celery's consumer); the rest is the pool processes'.
        "worker_parent_cpu_ms_per_article": parent_cpu / len(articles) * 1000,
        # The embedded server is this checkout's alone: its whole CPU, short-lived backends included.
        "database_cpu_ms_per_article": (server_cpu if server_cpu is not None else database_cpu) / len(articles) * 1000,
        "database_backends_cpu_ms_per_article": database_cpu / len(articles) * 1000,
        "memory": memory,
    }


def breakdown(articles: list[tuple[str, str]]) -> dict[str, float]:
    """Where one worker's time goes, in CPU milliseconds per article, measured in this process.

    The stages of `claims.pipeline.article_process`, as a worker with a queue full of articles
    runs them: batches of EXTRACTION_BATCH_ARTICLES texts through one nlp.pipe, then each article's
    names resolved and its claims stored in turn. The parse is timed twice more on its own: the
    model's components alone (bare spaCy's work on a batch), then the engine's components on the
    docs it gave. Queries are counted over the resolving and storing.
    """
    from claims import services

    # claims_extract_many parses the batch again, lazily, as its results are asked for: its parse is
    # timed where it happens, so that resolving the names is what remains (as the difference of two
    # parses it came out within the machine's noise, below zero once).
    parsing = {"inside": 0.0}
    parse_group = services._parse_group

    def timed_parse_group(group: Any) -> Iterator[Any]:
        started = time.process_time()
        parsed = list(parse_group(group))
        parsing["inside"] += time.process_time() - started
        yield from parsed

    services._parse_group = timed_parse_group  # type: ignore[assignment]
    try:
        return _stages(articles, parsing)
    finally:
        services._parse_group = parse_group  # type: ignore[assignment]


def _stages(articles: list[tuple[str, str]], parsing: dict[str, float]) -> dict[str, float]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from articles.services import article_ingest
    from claims.extraction import EXTRACTOR_VERSION, load_pipeline
    from claims.extraction.engine import ENGINE_COMPONENTS
    from claims.services import claims_extract_many, claims_replace_for_article

    reset_scratch_tables()
    nlp = load_pipeline()
    ids = [article_ingest(text=text, title=title).article.pk for title, text in articles]
    size = settings.EXTRACTION_BATCH_ARTICLES
    warm = 2 * size  # the first articles create most actors, and warm spaCy's caches
    totals = {"model": 0.0, "pipeline": 0.0, "extract": 0.0, "store": 0.0, "queries": 0.0}
    counted = 0
    for first in range(0, len(ids), size):
        batch = list(Article.objects.filter(pk__in=ids[first : first + size]).order_by("pk"))
        texts = [article.text for article in batch]
        started = time.process_time()
        with nlp.select_pipes(disable=list(ENGINE_COMPONENTS)):
            docs = list(nlp.pipe(texts, batch_size=len(texts)))
        model = time.process_time()
        # The engine's components on the parsed docs, timed on their own: as the difference of two
        # parses, a few milliseconds came out within the machine's noise (below zero, once).
        for doc in docs:
            for name in ENGINE_COMPONENTS:
                nlp.get_pipe(name)(doc)
        pipeline = time.process_time()
        extract = store = 0.0
        parsing["inside"] = 0.0
        with CaptureQueriesContext(connection) as captured:
            extractions = claims_extract_many(texts=texts)
            for article in batch:
                before = time.process_time()
                extracted = next(extractions)
                assert not isinstance(extracted, Exception), extracted
                between = time.process_time()
                claims_replace_for_article(
                    article=article,
                    extracted=extracted,
                    extractor_version=EXTRACTOR_VERSION,
                    known_names=extracted.known,
                )
                Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
                extract += between - before
                store += time.process_time() - between
        if first < warm:
            continue
        counted += len(batch)
        totals["model"] += model - started
        totals["pipeline"] += pipeline - model
        totals["extract"] += extract - parsing["inside"]
        totals["store"] += store
        totals["queries"] += len(captured.captured_queries)
    result = {key: value / counted * (1 if key == "queries" else 1000) for key, value in totals.items()}
    result["batch"] = size
    result["engine_components"] = result["pipeline"]
    result["names_and_claims"] = result["extract"]
    return result


def measure_breakdown(articles: list[tuple[str, str]]) -> dict[str, float]:
    stages = breakdown(articles)
    print(
        "CPU per article in one process, batches of {batch:.0f}: spaCy's model {model:.1f} ms, the engine's "
        "components {engine_components:.1f} ms, names and claims {names_and_claims:.1f} ms, storing {store:.1f} ms; "
        "{queries:.1f} queries".format(**stages),
        flush=True,
    )
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--broker",
        choices=["filesystem", "redis"],
        default="redis" if redis_reachable(REDIS_URL) else "filesystem",
        help=f"redis ({REDIS_URL}, BENCH_REDIS_URL) when reachable, as deployed; else kombu's filesystem transport",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help="run every worker count this many times in turn, bare spaCy between every two runs; a worker "
        "count's figure is the median of its runs (default 3; 1 with --scaling)",
    )
    parser.add_argument("--breakdown", action="store_true", help="only the per-stage CPU breakdown, in process")
    parser.add_argument("--no-breakdown", action="store_true", help="the runs only, without the breakdown")
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="1, 2 and 4 workers on this machine's PostgreSQL server and Redis, stored as `scaling`",
    )
    args = parser.parse_args()
    name = "end_to_end"
    if args.scaling:
        name = "scaling"
        os.environ.setdefault("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
        if args.workers == [1, 2]:
            args.workers = [1, 2, 4]
        if not redis_reachable(REDIS_URL):
            raise SystemExit(f"--scaling needs the Redis broker at {REDIS_URL} (BENCH_REDIS_URL)")
        args.broker = "redis"
    # Stopped from outside, still stop the workers this script started (the `finally` in run()).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    broker_dir = Path(tempfile.mkdtemp(prefix="claims-bench-broker-"))
    broker = REDIS_URL if args.broker == "redis" else f"filesystem://{broker_dir}"
    os.environ["CELERY_BROKER_URL"] = broker
    database_name = SCALING_DATABASE if args.scaling else SCRATCH_DATABASE
    database_url = harness.server_url(database_name)
    harness.django_setup(database_url)
    harness.migrate()
    env = {**harness.bench_environment(database_url), "CELERY_BROKER_URL": broker, "PYTHONUNBUFFERED": "1"}

    from django.urls import Resolver404, resolve

    from bench.latency import staff_client
    from claims_tracker.celery import app as celery_app

    try:
        resolve("/api/v1/articles/")
        through_api = True
    except Resolver404:
        through_api = False
    ingest = "POST /api/v1/articles/ (Django test client)" if through_api else "article_ingest (the API is missing)"
    celery_app.control.purge()

    articles = synthetic_articles(args.articles)
    texts = [text for _, text in articles]
    words = sum(len(text.split()) for text in texts)
    print(f"{len(articles)} articles, {words:,} words; ingest through {ingest}; broker {args.broker}", flush=True)
    if args.breakdown:
        stages = measure_breakdown(articles)
        result = harness.load_results().get("end_to_end")
        if result is not None:
            result["breakdown"] = stages
            harness.save_result("end_to_end", result)
        return
    # The machine's speed drifts by a fifth within minutes (a shared host): bare spaCy is measured just
    # before and just after each run, and each run is compared with the mean of those two.
    bare_runs = [bare_spacy_rate(texts)]
    print(f"bare spaCy: {bare_runs[0][0]:.2f} articles/s, {bare_runs[0][1] * 1000:.0f} ms CPU per article", flush=True)
    client = staff_client()
    runs = []
    # A burst of other work on a shared host can fall on one run and miss the bare parses beside it:
    # rounds of every worker count in turn, each figure the median of its runs, every run shown.
    rounds = args.rounds or (1 if args.scaling else 3)
    for round_number in range(1, rounds + 1):
        for workers in args.workers:
            result = run(articles, workers, env, client, through_api=through_api, database_name=database_name)
            result["round"] = round_number
            print(
                f"{workers} worker(s), round {round_number}: {result['seconds']:.1f} s, {result['rate']:.2f} "
                f"articles/s ({result['rate'] / workers:.2f} per worker), {result['claims']:,} claims, "
                f"{result['failed']} failed",
                flush=True,
            )
            bare_runs.append(bare_spacy_rate(texts))
            print(f"bare spaCy: {bare_runs[-1][0]:.2f} articles/s, {bare_runs[-1][1] * 1000:.0f} ms CPU per article")
            adjacent = bare_runs[-2:]
            result["bare"] = {
                "rate": statistics.mean(rate for rate, _ in adjacent),
                "cpu_ms_per_article": statistics.mean(cpu for _, cpu in adjacent) * 1000,
            }
            runs.append(result)
    before, after = bare_runs[0][0], bare_runs[-1][0]
    bare = statistics.mean(rate for rate, _ in bare_runs)
    bare_cpu_ms = statistics.mean(cpu for _, cpu in bare_runs) * 1000
    for result in runs:
        ratio = result["rate"] / result["workers"] / result["bare"]["rate"]
        cpu = result["worker_cpu_ms_per_article"] + result["database_cpu_ms_per_article"]
        print(
            f"{result['workers']} worker(s), round {result['round']}: ratio per worker {ratio:.2f} (wall clock); "
            "CPU per article: "
            f"worker {result['worker_cpu_ms_per_article']:.0f} ms (its parent process "
            f"{result['worker_parent_cpu_ms_per_article']:.1f} ms), PostgreSQL "
            f"{result['database_cpu_ms_per_article']:.0f} ms (its backends for this database "
            f"{result['database_backends_cpu_ms_per_article']:.0f} ms), bare spaCy "
            f"{result['bare']['cpu_ms_per_article']:.0f} ms; "
            f"bare / (worker + PostgreSQL) {result['bare']['cpu_ms_per_article'] / cpu:.2f} (target 0.75)"
        )
        for entry in result["memory"]:
            print(f"  worker memory {entry['role']:<6} RSS {entry['rss_mb']:.0f} MB  USS {entry['uss_mb']:.0f} MB")
    for workers, figure in harness.pipeline_ratios(runs).items():
        print(
            f"{workers} worker(s), median of {len(figure['runs'])} run(s): bare / (worker + PostgreSQL) "
            f"{figure['median']:.2f} (runs: {', '.join(f'{ratio:.2f}' for ratio in figure['runs'])}; target 0.75)"
        )
    from django.db import connection

    with connection.cursor() as cursor:
        machine = harness.machine(cursor)
    celery_app.control.purge()  # the cross-referencing messages the runs queued, which no worker here takes
    shutil.rmtree(broker_dir, ignore_errors=True)
    stages = None if args.scaling or args.no_breakdown else measure_breakdown(articles)
    harness.save_result(
        name,
        {
            **({"breakdown": stages} if stages else {}),
            "database": "this machine's PostgreSQL server" if args.scaling else "the checkout's embedded PostgreSQL",
            "articles": len(articles),
            "words": words,
            "claims_stored": runs[-1]["claims"],
            "ingest": ingest,
            "broker": args.broker,
            "model": machine.get("model", "?"),
            "bare": {
                "before": before,
                "after": after,
                "rate": bare,
                "cpu_ms_per_article": bare_cpu_ms,
                "measured": [{"rate": rate, "cpu_ms_per_article": cpu * 1000} for rate, cpu in bare_runs],
            },
            "rounds": rounds,
            "runs": [{k: v for k, v in run.items() if k != "memory"} for run in runs],
            # After the last round (memory after earlier ones would repeat it).
            "worker_memory": [entry for run in runs if run["round"] == rounds for entry in run["memory"]],
            "machine": machine,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


if __name__ == "__main__":
    main()
