"""Hardening: production settings pass Django's deployment checks; password reset tells the truth."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

ROOT = Path(__file__).resolve().parent.parent


def compose_environment() -> dict[str, str]:
    """The app's environment in docker-compose.yml, each ${VAR:-default} at its default."""
    block = (ROOT / "docker-compose.yml").read_text().split("environment: &app-env", 1)[1].split("\n\n", 1)[0]
    env = {}
    for key, value in re.findall(r"^\s{4}([A-Z_]+):\s*(.+)$", block, flags=re.MULTILINE):
        value = value.strip().strip('"')
        default = re.fullmatch(r"\$\{[A-Z_]+:-(.*)\}", value)
        env[key] = default.group(1) if default else value
    env["SECRET_KEY"] = "a-long-random-secret-key-for-the-check-only-" + "x" * 40
    return env


def test_check_deploy_is_clean_under_the_compose_production_settings():
    """Before: no HSTS, SSL redirect or secure cookies in the compose settings."""
    # Without the test run's own switches (the browser tests allow async-unsafe calls in-process).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "DATABASE_", "CELERY_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **compose_environment()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_password_reset_without_mail_says_so_and_sends_nothing(client, settings, django_user_model):
    """Before: "we've emailed you instructions" while no mail server was configured."""
    settings.PASSWORD_RESET_BY_EMAIL = False
    django_user_model.objects.create_user("edna", email="edna@example.org", password="a long passphrase")
    response = client.post("/accounts/password_reset/", {"email": "edna@example.org"})
    assert response.status_code == 503
    assert "not available" in response.content.decode()
    assert "no mail has been sent" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_with_mail_sends_the_link(client, settings, django_user_model):
    settings.PASSWORD_RESET_BY_EMAIL = True
    django_user_model.objects.create_user("edna", email="edna@example.org", password="a long passphrase")
    response = client.post("/accounts/password_reset/", {"email": "edna@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "edna@example.org" in mail.outbox[0].to


@pytest.mark.django_db
def test_every_response_carries_the_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
