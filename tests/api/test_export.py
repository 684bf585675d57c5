"""Claim exports stream every matching claim, in CSV and JSON Lines, with the list's filters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse

from claims.models import Claim
from claims.streaming import EXPORT_COLUMNS, claim_export_rows
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def streamed_text(response) -> str:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_csv_export_streams_the_filtered_claims(analyst_client):
    denial = ClaimFactory(stance="denies", note='He said "no", twice\non air')
    ClaimFactory(stance="asserts")
    response = analyst_client.get("/api/v1/claims/export.csv", {"stance": "denies"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(streamed_text(response))))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == list(EXPORT_COLUMNS)
    assert row["id"] == str(denial.pk)
    assert row["speaker"] == denial.speaker.name
    assert row["content"] == denial.content
    assert row["note"] == denial.note  # quotes and newlines survive the round trip
    assert row["outlet"] == denial.article.outlet.name


def test_csv_cells_a_spreadsheet_would_run_are_kept_as_text(analyst_client):
    ClaimFactory(note='=HYPERLINK("http://evil.example")')
    row = next(csv.DictReader(io.StringIO(streamed_text(analyst_client.get("/api/v1/claims/export.csv")))))
    assert row["note"] == '\'=HYPERLINK("http://evil.example")'
    # JSON Lines keeps the exact value.
    line = streamed_text(analyst_client.get("/api/v1/claims/export.jsonl")).splitlines()[0]
    assert json.loads(line)["note"] == '=HYPERLINK("http://evil.example")'


def test_jsonl_export_has_one_object_per_claim_in_id_order(analyst_client):
    claims = ClaimFactory.create_batch(3)
    response = analyst_client.get("/api/v1/claims/export.jsonl", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    lines = streamed_text(response).splitlines()
    rows = [json.loads(line) for line in lines]
    assert [row["id"] for row in rows] == [c.pk for c in claims]
    assert rows[0]["content_start"] == claims[0].content_start
    assert rows[0]["created_at"] == claims[0].created_at.isoformat()


def test_export_with_a_bad_filter_is_a_json_400_before_streaming(analyst_client):
    response = analyst_client.get("/api/v1/claims/export.csv", {"updated_since": "soon"})
    assert response.status_code == 400
    assert "updated_since" in response.json()["error"]["fields"]


def test_export_rows_come_from_an_open_server_side_cursor_not_a_list():
    ClaimFactory.create_batch(5)
    rows = claim_export_rows(Claim.objects.order_by("id"))
    first = next(rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
        assert cursor.fetchone()[0] == 1  # rows are fetched chunk by chunk while the client reads
    assert first["id"] == Claim.objects.order_by("id").first().pk
    assert len([first, *rows]) == 5
