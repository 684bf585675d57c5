"""Incremental sync: a client paging with updated_since + cursor misses nothing and repeats nothing,
even while claims are changed and added between its pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from claims.editing import claim_update
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


class SyncingClient:
    """What a well-behaved client does: upsert every row by id, remember the newest updated_at."""

    def __init__(self, api) -> None:
        self.api = api
        self.copy: dict[int, dict] = {}
        self.received: Counter[tuple[int, int]] = Counter()
        self.since: str | None = None

    def sync(self, *, page_size: int, between_pages: Callable[[int], None] = lambda page: None) -> int:
        params = {"ordering": "updated_at", "page_size": page_size}
        if self.since:
            params["updated_since"] = self.since
        url, page = "/api/v1/claims/", 0
        while url:
            response = self.api.get(url, params if page == 0 else None)
            assert response.status_code == 200, response.content
            body = response.json()
            for row in body["results"]:
                self.received[(row["id"], row["version"])] += 1
                known = self.copy.get(row["id"])
                if known is None or known["version"] <= row["version"]:
                    self.copy[row["id"]] = row
                self.since = max(self.since or row["updated_at"], row["updated_at"])
            url = body["next"]
            page += 1
            if url:
                between_pages(page)
        return page


def server_state() -> dict[int, tuple[int, str]]:
    return {pk: (version, stance) for pk, version, stance in Claim.objects.values_list("id", "version", "stance")}


def client_state(client: SyncingClient) -> dict[int, tuple[int, str]]:
    return {pk: (row["version"], row["stance"]) for pk, row in client.copy.items()}


def test_a_client_syncs_everything_once_while_claims_change_between_pages(analyst_client, editor):
    claims = ClaimFactory.create_batch(12)
    client = SyncingClient(analyst_client)

    def meanwhile(page: int) -> None:
        # Another editor corrects a claim the client has already seen and one it has not, and the
        # extractor adds a claim, each time the client is between two pages.
        seen = claims[page - 1]
        unseen = claims[-page]
        for claim in (seen, unseen):
            current = Claim.objects.get(pk=claim.pk)
            new_stance = "denies" if current.stance != "denies" else "doubts"
            claim_update(claim=claim.pk, user=editor, expected_version=current.version, changes={"stance": new_stance})
        ClaimFactory()

    pages = client.sync(page_size=4, between_pages=meanwhile)

    assert pages >= 4
    assert client_state(client) == server_state()  # nothing missed, every claim at its latest version
    assert max(client.received.values()) == 1  # no row ever came twice in the same state

    # Later changes come with the next run, which starts from the newest updated_at seen.
    changed = claims[5]
    claim_update(
        claim=changed.pk,
        user=editor,
        expected_version=Claim.objects.get(pk=changed.pk).version,
        changes={"kind": "mixed"},
    )
    added = ClaimFactory()
    before = sum(client.received.values())
    client.sync(page_size=4)
    assert client_state(client) == server_state()
    assert {key[0] for key, count in client.received.items()} >= {changed.pk, added.pk}
    # Only what changed since (plus the boundary row, updated_since being inclusive) came again.
    assert sum(client.received.values()) - before <= 3


def test_rows_with_the_same_updated_at_are_neither_skipped_nor_repeated(analyst_client):
    """Bulk writes can give many rows one timestamp: the cursor breaks ties by id."""
    claims = ClaimFactory.create_batch(7)
    same_moment = claims[0].updated_at
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(updated_at=same_moment)
    client = SyncingClient(analyst_client)
    client.sync(page_size=2)
    assert sorted(client.copy) == sorted(c.pk for c in claims)
    assert max(client.received.values()) == 1


def test_a_cursor_is_tied_to_its_ordering(analyst_client):
    ClaimFactory.create_batch(3)
    next_url = analyst_client.get("/api/v1/claims/", {"page_size": 1}).json()["next"]
    response = analyst_client.get(next_url.replace("page_size=1", "page_size=1&ordering=-id"))
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]
