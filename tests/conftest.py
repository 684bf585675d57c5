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
def worker(transactional_db: None) -> Iterator[Popen[bytes]]:
    """A real Celery worker process; tests using it commit their data (transactional_db)."""
    with celery_worker() as process:
        yield process


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(username="edna", role="editor")


@pytest.fixture
def analyst(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(username="andy", role="analyst")
