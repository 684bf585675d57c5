"""Test-only defaults, loaded as a pytest plugin before Django reads its settings.

Tests run with DEBUG off, as production does. The broker defaults to a private folder so a
worker of `make run` on the same checkout never takes the tests' tasks.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("SECURE_HTTPS", "0")  # the test servers speak plain http (tests/test_security.py turns it on)
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("CELERY_BROKER_URL", "filesystem://" + tempfile.mkdtemp(prefix="claims-tracker-broker-"))
