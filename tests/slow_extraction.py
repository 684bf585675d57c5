"""Test-only worker hook: the first extraction is slow (SLOW_EXTRACTION_SECONDS) but alive.

Loaded into a real worker with `--include tests.slow_extraction`; the pool process that creates
the marker file (SLOW_EXTRACTION_MARKER, holding its pid) sleeps inside the extraction, so the test
can watch its heartbeat and then kill it.
"""

import os
import time

from celery.signals import worker_process_init


@worker_process_init.connect
def slow_down_the_first_extraction(**kwargs: object) -> None:
    from claims import services

    marker = os.environ["SLOW_EXTRACTION_MARKER"]
    real_extract = services.claims_extract_many

    def extract_slowly(**arguments):  # type: ignore[no-untyped-def]
        try:
            descriptor = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return real_extract(**arguments)
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
        time.sleep(float(os.environ.get("SLOW_EXTRACTION_SECONDS", "60")))
        return real_extract(**arguments)

    services.claims_extract_many = extract_slowly
