"""The OpenAPI schema's shared text: authentication, errors, pages, incremental sync, exports."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS

API_DESCRIPTION = """
Attributed claims extracted from news articles: who claimed what, where (character offsets into
the article text), with editors' corrections.

## Authentication
Send `Authorization: Token <key>` (an editor or admin creates keys in the admin, or runs
`python manage.py api_token USERNAME`), or use the browser session of a signed-in user (writes
then need the CSRF token). Reading needs a signed-in user unless the server allows anonymous
reading (`API_ANONYMOUS_READ`). Writing needs a member of the `editor` or `admin` group, staff or a
superuser. Each user (token) and each anonymous address has its own request budget;
past it the answer is 429 with `Retry-After`.

## Errors
Every error has one shape: `{"error": {"status": 400, "code": "invalid", "message": "...",
"fields": {"field": ["..."]}}}`. A write carrying a stale `version` answers 409 and includes
`current`, the claim as it is now.

## Pages
Lists are cursor-paged: follow `next` until it is null. `page_size` (1-500) and `ordering` are
kept in the `next` link. Cursors stay valid while rows are added or changed.

## Keeping a copy in sync (incremental sync)
1. First run: `GET /api/v1/claims/?ordering=updated_at` and follow `next` to the end. Store each
   row by `id` (upsert); remember the largest `updated_at` you saw.
2. Later runs: `GET /api/v1/claims/?ordering=updated_at&updated_since=<that value>` and follow
   `next` to the end. `updated_since` is inclusive, so rows at the boundary come again; upsert by
   `id` and keep the row with the higher `version`. To be safe against writes that were still
   being committed when you last synced, start a few seconds before the remembered value.
3. A row changed while you page moves to the end of the order and comes again, changed, later
   in the same run; nothing is skipped and nothing is repeated unchanged.
4. Re-extracting an article replaces its machine-made claims (editors' claims stay). Sync
   `/api/v1/articles/?updated_since=...` the same way; for each article whose `processed_at`
   changed, replace your copy of its claims with `GET /api/v1/claims/?article=<id>`.

The same applies to `articles/`, `actors/`, `stories/` and `links/`.

## Exports
`/api/v1/claims/export.csv` and `/api/v1/claims/export.jsonl` stream every claim matching the
same filters as the list, in one response, in id order. The CSV is the analyst UI's file (UTF-8
with a byte-order mark; a cell starting with `=`, `+`, `-` or `@` gets a leading `'` so
spreadsheets do not run it); JSON Lines carries the exact values.
"""


_ERROR_STATUSES = {
    "400": "Invalid input: see `error.fields`.",
    "401": "Not signed in, or the token is wrong.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such resource.",
    "429": "Too many requests; wait `Retry-After` seconds.",
}


_WRITE_STATUSES = {"409": "Conflict: the resource changed meanwhile (see `error.current`) or cannot do this now."}


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                "retry_after": {"type": "integer"},
                "current": {"type": "object", "additionalProperties": True},
            },
        }
    },
}


def postprocess_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Document the sync procedure, which query values may be empty, and the shared error responses."""
    result["info"]["description"] = API_DESCRIPTION.strip()
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                free_text = schema.get("type") == "string" and not schema.keys() & {"format", "enum"}
                if parameter.get("in") == "query" and free_text:
                    # `?search=` and `?cursor=` mean no search and the first page; an empty typed
                    # value (`?updated_since=`) is a mistake and answers 400.
                    parameter["allowEmptyValue"] = True
            statuses = dict(_ERROR_STATUSES)
            if method.upper() not in SAFE_METHODS:
                statuses.update(_WRITE_STATUSES)
            for code, description in statuses.items():
                operation["responses"].setdefault(code, {"description": description, "content": reference})
    return result
