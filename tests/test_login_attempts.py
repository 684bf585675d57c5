"""Failed logins are counted in the shared cache: too many lock the name (and the address) out."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.worker import run_django_elsewhere


@pytest.fixture(autouse=True)
def empty_cache(request):
    # The cache is a database table: it needs the test's database access first.
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def attempt(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_429(client, settings, django_user_model):
    """Before: 30 wrong passwords in 7.6 s were all answered, with no slowdown."""
    settings.LOGIN_MAX_FAILURES = 5
    django_user_model.objects.create_user("edna", password="correct horse battery")
    for _ in range(5):
        assert attempt(client, "edna", "guess").status_code == 200
    locked = attempt(client, "edna", "correct horse battery")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.LOGIN_LOCKOUT_MINUTES * 60
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # Another name is not locked by edna's failures (below the address's own, higher limit).
    django_user_model.objects.create_user("andy", password="another good phrase")
    assert attempt(client, "andy", "another good phrase").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_clears_the_count(client, settings, django_user_model):
    settings.LOGIN_MAX_FAILURES = 3
    django_user_model.objects.create_user("edna", password="correct horse battery")
    for _ in range(2):
        attempt(client, "edna", "guess")
    assert attempt(client, "edna", "correct horse battery").status_code == 302
    client.logout()
    for _ in range(2):
        assert attempt(client, "edna", "guess").status_code == 200
    assert attempt(client, "edna", "correct horse battery").status_code == 302


@pytest.mark.django_db
def test_one_address_guessing_many_names_is_locked_out(client, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for n in range(8):  # 4 x 2 failures from one address, each name under its own limit
        assert attempt(client, f"user{n}", "guess").status_code == 200
    assert attempt(client, "user99", "guess").status_code == 429
    assert attempt(client, "user99", "guess", address="198.51.100.1").status_code == 200


@pytest.mark.django_db
def test_the_admin_login_counts_failures_too(client, settings, django_user_model):
    settings.LOGIN_MAX_FAILURES = 2
    django_user_model.objects.create_superuser("root", password="correct horse battery")
    for _ in range(2):
        client.post("/admin/login/", {"username": "root", "password": "guess"}, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        "/admin/login/", {"username": "root", "password": "correct horse battery"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 200 and "Too many failed attempts" in response.content.decode()


def test_failures_counted_in_one_process_lock_out_another(transactional_db, client, settings, django_user_model):
    """The count lives in the shared cache (the database table by default), not in one web process."""
    settings.LOGIN_MAX_FAILURES = 3
    django_user_model.objects.create_user("edna", password="correct horse battery")
    for _ in range(3):
        attempt(client, "edna", "guess")

    other_process = (
        "from django.test import Client\n"
        "r = Client().post('/accounts/login/', {'username': 'edna', 'password': 'correct horse battery'},"
        " REMOTE_ADDR='192.0.2.1')\n"
        "print(r.status_code)\n"
    )
    result = run_django_elsewhere(other_process, LOGIN_MAX_FAILURES="3")
    assert result.stdout.strip().splitlines()[-1] == "429", result.stderr[-2000:]
