"""Property-based check of the whole API against its own OpenAPI schema (schemathesis).

For every operation, valid (positive) and invalid (negative) requests are generated from the
schema and sent, with an editor's token, straight to the WSGI app. Every answer must be no 500,
be a status the schema lists, with the content type, body and headers the schema gives for that
status; invalid data must be refused; the same request without the token must be refused (401),
as must one without a required header, and an undocumented method must be 405. Bounded: a few
examples per operation and mode, derandomized, so a run takes well under a few minutes.

Run: `python -m pytest tests/api/test_schemathesis.py` (SCHEMATHESIS_MAX_EXAMPLES to go deeper).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from claims.models import ClaimLink
from tests.api.conftest import make_user, token_client
from tests.factories import ArticleFactory, ClaimFactory

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))


def generated_schema() -> dict:
    """The schema as /api/schema/ serves it, generated here: collection has no database, and the
    endpoint's throttle counts in the database cache."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


SCHEMA = schemathesis.openapi.from_dict(generated_schema())
SCHEMA.app = get_wsgi_application()
SCHEMA.location = "/api/schema/"
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    ignored_auth,
    missing_required_header,
    unsupported_method,
]


@pytest.fixture
def wsgi_requests_keep_the_test_transaction() -> Iterator[None]:
    """Requests sent straight to the WSGI app would close the test's connection at their end, as
    Django's own test client prevents: do the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(db, settings, wsgi_requests_keep_the_test_transaction) -> str:
    settings.API_THROTTLE_RATE = "1000000/minute"
    editor = make_user("fuzzer", "editor")
    client = token_client(editor)
    # Some rows for generated ids to find.
    claims = ClaimFactory.create_batch(3)
    ClaimLink.objects.create(source=claims[0], target=claims[1], relation="same")
    ArticleFactory(status="failed")
    return client._credentials["HTTP_AUTHORIZATION"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_the_api_answers_as_its_schema_says(operation, mode, editor_token):
    checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS

    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Authorization": editor_token}, checks=checks)

    run()
