"""Test-only worker hook: the first extraction stalls after writing its claims, before committing.

Loaded into a real worker with `--include tests.stall_extraction` (see
tests/articles/test_worker_failures.py) so the test can SIGKILL the process at the worst moment.
Each pool process applies it when it starts; only the process that creates the marker file
(STALL_EXTRACTION_MARKER, holding its pid) stalls, so the next process extracts normally.
"""

import os
import time

from celery.signals import worker_process_init


@worker_process_init.connect
def stall_the_first_extraction(**kwargs: object) -> None:
    from claims import services

    marker = os.environ["STALL_EXTRACTION_MARKER"]
    real_replace = services.claims_replace_for_article

    def replace_then_stall(**arguments):  # type: ignore[no-untyped-def]
        created = real_replace(**arguments)  # the claims are written, the transaction is still open
        try:
            descriptor = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return created
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
        time.sleep(120)
        return created

    services.claims_replace_for_article = replace_then_stall
