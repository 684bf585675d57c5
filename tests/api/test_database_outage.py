"""While the database is away the API answers 503 in its JSON error shape, and recovers after."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import ClaimFactory


@contextmanager
def database_away(socket_dir: Path):
    """Point the connection at a socket folder where no server listens, as if PostgreSQL had stopped:
    every new connection attempt is refused by the operating system."""
    real = connection.get_connection_params
    connection.close()
    connection.get_connection_params = lambda: {**real(), "host": str(socket_dir), "port": 5432}
    try:
        yield
    finally:
        del connection.get_connection_params  # back to the class's method
        connection.close()


@pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/actors/"])
def test_the_api_answers_json_503_while_the_database_is_away(transactional_db, analyst_client, tmp_path, url):
    claim = ClaimFactory()
    assert analyst_client.get(url).status_code == 200

    with database_away(tmp_path):
        response = analyst_client.get(url)

    assert response.status_code == 503, response.content[:300]
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "database_unavailable"
    assert error["status"] == 503 and error["retry_after"] > 0
    assert int(response["Retry-After"]) == error["retry_after"]
    # Back as soon as the database is.
    assert analyst_client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200


def test_a_write_while_the_database_is_away_is_503_too(transactional_db, editor_client, tmp_path):
    with database_away(tmp_path):
        response = editor_client.post("/api/v1/articles/", {"text": "The mayor said it would rain."}, format="json")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
