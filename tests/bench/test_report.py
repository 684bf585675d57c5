"""bench/report.py: each figure says how fast its host ran, and one measured on another CPU than the
document's machine says so."""

from bench.report import _machine, _measured

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
