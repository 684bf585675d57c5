"""Every page works under the Content-Security-Policy: no violation reported by the browser."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_and_api_docs_load_without_a_content_security_policy_violation(page: Any, settings) -> None:
    settings.API_ANONYMOUS_READ = True
    claim = ClaimFactory()
    violations: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))

    for path in ["/", "/claims/", f"/claims/{claim.pk}/", f"/articles/{claim.article_id}/", "/actors/", "/articles/"]:
        response = page.goto(path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=20_000)  # rendered by its scripts
    page.goto("/api/redoc/")
    page.wait_for_selector("redoc .api-info, redoc h1", timeout=20_000)

    # Redoc's footer logo comes from its CDN: blocked, as every outside resource is meant to be.
    assert [v for v in violations if "https://cdn.redoc.ly/" not in v] == []
