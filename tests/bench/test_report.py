"""bench/report.py: each figure says how fast its host ran, and one measured on another CPU than the
document's machine says so."""

from bench.harness import pipeline_ratios
from bench.report import END_TO_END_TARGET, _end_to_end, _machine, _measured

INTEL = {"cpu": "Intel(R) Xeon(R) Processor", "postgresql": "18.6"}
AMD = {"cpu": "AMD EPYC", "postgresql": "18.6", "python_loop_ms": 123.4}


def test_a_figure_from_the_documents_machine_gives_its_date_and_the_hosts_speed():
    assert _measured({"finished_at": "2026-12-03T15:09:52+00:00", "machine": INTEL}, INTEL) == (
        "_Measured 2026-12-03T15:09:52+00:00._"
    )
    assert _measured({"finished_at": "2026-12-04T16:05:42+00:00", "machine": AMD}, AMD) == (
        "_Measured 2026-12-04T16:05:42+00:00 (a fixed Python loop: 123.4 ms)._"
    )


def test_a_figure_from_another_cpu_names_it():
    line = _measured({"finished_at": "2026-12-03T18:40:00+00:00", "machine": AMD}, INTEL)
    assert line == "_Measured 2026-12-03T18:40:00+00:00, on another machine: AMD EPYC (a fixed Python loop: 123.4 ms)._"


def test_the_machine_gives_the_spread_of_its_speed_over_the_runs():
    rows = _machine(AMD, [31.6, 47.3, 28.4])
    assert rows[-1].startswith("| a fixed Python loop (`harness.python_loop_ms`) | 28.4 to 47.3 ms of CPU")
    assert not any("Python loop" in row for row in _machine(INTEL, []))


def _pipeline_run(workers: int, round_number: int, worker_cpu: float) -> dict:
    return {
        "workers": workers,
        "round": round_number,
        "seconds": 10.0,
        "rate": 20.0,
        "worker_cpu_ms_per_article": worker_cpu,
        "database_cpu_ms_per_article": 10.0,
        "bare": {"rate": 20.0, "cpu_ms_per_article": 50.0},
    }


def test_the_pipeline_figure_is_the_median_of_its_rounds_and_every_run_is_shown():
    # Bare spaCy 50 ms over worker + PostgreSQL: 50/60, 50/80 (a burst on the host), 50/62.
    runs = [
        _pipeline_run(1, 1, 50),
        _pipeline_run(2, 1, 52),
        _pipeline_run(1, 2, 70),
        _pipeline_run(2, 2, 51),
        _pipeline_run(1, 3, 52),
        _pipeline_run(2, 3, 90),
    ]
    lines = _end_to_end(
        {
            "articles": 200,
            "words": 52_000,
            "claims_stored": 2_000,
            "ingest": "the API",
            "model": "en_core_web_sm",
            "rounds": 3,
            "bare": {"rate": 20.0, "cpu_ms_per_article": 50.0, "measured": [{"rate": 20.0}] * 7},
            "runs": runs,
        }
    )
    medians = [line for line in lines if line.startswith(("| 1 | 0.", "| 2 | 0."))]
    assert medians == ["| 1 | 0.81 | 0.83, 0.62, 0.81 | 0.75 | met |", "| 2 | 0.81 | 0.81, 0.82, 0.50 | 0.75 | met |"]
    # The runs a burst fell on stay in the table.
    assert "| 1 | 2 | 70 | 10 | 50 | 0.71 | 0.62 |" in lines
    assert "| 2 | 3 | 90 | 10 | 50 | 0.56 | 0.50 |" in lines


def test_a_pipeline_median_below_the_target_is_missed():
    runs = [_pipeline_run(2, number, cpu) for number, cpu in enumerate([60, 62, 90], start=1)]
    assert pipeline_ratios(runs)[2]["median"] == 50 / 72
    assert pipeline_ratios(runs)[2]["median"] < END_TO_END_TARGET
