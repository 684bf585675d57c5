"""Shared fixtures of the extraction tests: the loaded pipeline and the project's own texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
SEED_TEXT = DATA / "kremlin-drone-report.txt"
SEED_GOLD = DATA / "kremlin-drone-report.json"


@pytest.fixture(scope="session")
def nlp():
    from claims.extraction import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))
