"""The two management commands: thin shells over the engine, usable without a database."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"
SEED_TEXT = DATA / "kremlin-drone-report.txt"
SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def _run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def test_extract_claims_prints_format_records(seed_text):
    lines = _run("extract_claims", "--format", "jsonl", str(SEED_TEXT)).splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) >= 13
    for record in records:
        assert record["document"] == str(SEED_TEXT)
        assert seed_text[record["content_start"] : record["content_end"]] == record["content"]
        for field in ("speaker", "speaker_mention", "cue", "kind", "stance", "via", "confidence"):
            assert field in record


def test_extract_claims_reads_stdin(monkeypatch):
    text = "The mayor said that taxes would rise next year."
    records = [
        json.loads(line) for line in _run("extract_claims", "-", stdin=text, monkeypatch=monkeypatch).splitlines()
    ]
    assert [r["document"] for r in records] == ["-"]
    assert records[0]["content"] == "that taxes would rise next year"


def test_extract_claims_table_is_for_people():
    output = _run("extract_claims", "--format", "table", str(SEED_TEXT))
    assert output.startswith(f"{SEED_TEXT}: ")
    assert "Volodymyr Zelensky (he) via BBC" in output


def test_evaluate_extraction_on_the_seed():
    output = _run("evaluate_extraction", str(DATA), "--verbose")
    assert output.strip().splitlines()[-1] == "attribution F1 1.000"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared is absent")
def test_evaluate_extraction_agrees_with_the_shared_scorer(tmp_path):
    predictions = tmp_path / "seed.jsonl"
    predictions.write_text(
        _run("extract_claims", str(SHARED / "corpus" / "kremlin-drone-report.txt")), encoding="utf-8"
    )
    theirs = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(SHARED / "eval" / "gold"),
            str(predictions),
            "--verbose",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours = _run("evaluate_extraction", str(SHARED / "eval" / "gold"), "--verbose")
    assert ours == theirs
