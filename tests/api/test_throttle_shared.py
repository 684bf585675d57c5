"""API throttling counts in the shared cache: requests served by another process use the same budget."""

from __future__ import annotations

from rest_framework.authtoken.models import Token

from tests.worker import run_django_elsewhere


def test_a_tokens_budget_is_shared_by_every_web_process(transactional_db, analyst, settings):
    """Before: each web process counted alone (1,100 requests at 1000/hour, none refused)."""
    settings.API_THROTTLE_RATE = "4/hour"
    token = Token.objects.create(user=analyst).key
    other_process = (
        "from django.test import Client\n"
        f"statuses = [Client().get('/api/v1/claims/', HTTP_AUTHORIZATION='Token {token}').status_code"
        " for _ in range(3)]\n"
        "print(*statuses)\n"
    )

    def serve_three_in_another_process() -> list[str]:
        result = run_django_elsewhere(other_process, API_THROTTLE_RATE="4/hour")
        return result.stdout.split() or [result.stderr[-2000:]]

    assert serve_three_in_another_process() == ["200", "200", "200"]
    assert serve_three_in_another_process() == ["200", "429", "429"]
