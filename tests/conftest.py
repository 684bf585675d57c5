from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from subprocess import Popen

import pytest

from tests.worker import celery_worker

SAMPLES = Path(__file__).resolve().parent.parent / "articles" / "samples"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SAMPLES / "kremlin-drone-report.txt").read_text(encoding="utf-8")


@pytest.fixture
def worker(transactional_db: None, tmp_path: Path) -> Iterator[Popen[bytes]]:
    """A real Celery worker process; tests using it commit their data (transactional_db).

    Its log's tail is printed when it stops: pytest shows it beside a failure, so a test that timed
    out waiting for the worker says what the worker did."""
    log = tmp_path / "worker.log"
    try:
        with celery_worker(log_path=log) as process:
            yield process
    finally:
        if log.exists():
            print("--- the worker's log, last lines ---", *log.read_text(errors="replace").splitlines()[-60:], sep="\n")


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(username="edna", role="editor")


@pytest.fixture
def analyst(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(username="andy", role="analyst")
