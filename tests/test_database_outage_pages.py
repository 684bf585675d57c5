"""While the database is away the site's pages answer the 503 page with Retry-After, not a 500."""

from __future__ import annotations

import pytest

from tests.api.test_database_outage import database_away
from tests.factories import ArticleFactory


@pytest.mark.parametrize("path", ["/", "/claims/", "/articles/", "/actors/", "/stories/", "/articles/{article}/"])
def test_pages_answer_503_with_retry_after_while_the_database_is_away(
    transactional_db, client, analyst, tmp_path, path
):
    article = ArticleFactory()
    path = path.format(article=article.pk)
    client.raise_request_exception = False  # answer as the server would, not raise into the test
    client.force_login(analyst)
    assert client.get(path).status_code == 200

    with database_away(tmp_path):
        response = client.get(path)

    assert response.status_code == 503, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert 'data-error-page="503"' in page and "Nothing you saved is lost" in page
    # Served again as soon as the database is back.
    assert client.get(path).status_code == 200


def test_a_form_post_while_the_database_is_away_is_503_too(transactional_db, client, editor, tmp_path):
    client.raise_request_exception = False
    client.force_login(editor)
    with database_away(tmp_path):
        response = client.post("/articles/new/", {"text": "The mayor said it would rain."})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_a_bug_is_still_a_500_not_a_503(transactional_db, client, analyst, monkeypatch):
    from claims import selectors

    def broken(**kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "dashboard_summary", broken)
    client.raise_request_exception = False
    client.force_login(analyst)
    response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
