"""bench/report.py: a figure measured on another CPU than the document's machine says so."""

from bench.report import _measured

INTEL = {"cpu": "Intel(R) Xeon(R) Processor", "postgresql": "18.6"}
AMD = {"cpu": "AMD EPYC", "postgresql": "18.6", "python_loop_ms": 123.4}


def test_a_figure_from_the_documents_machine_gives_its_date_only():
    assert _measured({"finished_at": "2026-12-03T15:09:52+00:00", "machine": INTEL}, INTEL) == (
        "_Measured 2026-12-03T15:09:52+00:00._"
    )


def test_a_figure_from_another_cpu_names_it():
    line = _measured({"finished_at": "2026-12-03T18:40:00+00:00", "machine": AMD}, INTEL)
    assert line == "_Measured 2026-12-03T18:40:00+00:00, on another machine: AMD EPYC (a fixed Python loop: 123.4 ms)._"
