"""Actors in a real browser: a merged actor's page leads to its survivor, an editor undoes a merge,
and the actor search puts the exact name first."""

from __future__ import annotations

from typing import Any

import pytest

from claims import editing
from claims.models import Actor
from tests.browser.conftest import sign_in
from tests.factories import ActorFactory, ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def merged(transactional_db: None) -> tuple[Actor, Actor]:
    survivor, duplicate = ActorFactory(name="Dmitry Peskov"), ActorFactory(name="Kremlin spokesman Peskov")
    ClaimFactory.create_batch(2, speaker=survivor)
    ClaimFactory.create_batch(3, speaker=duplicate)
    editing.actor_merge(source=duplicate, into=survivor, user=UserFactory(role="editor"))
    return survivor, duplicate


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_a_merged_actors_page_leads_to_its_survivor(screen: str, request: Any, merged: tuple[Actor, Actor]) -> None:
    tab = request.getfixturevalue(screen)
    survivor, duplicate = merged
    tab.goto(f"/actors/{duplicate.pk}/")
    tab.wait_for_url(f"**/actors/{survivor.pk}/")
    assert "Dmitry Peskov" in tab.locator("h1").inner_text()
    assert "Kremlin spokesman Peskov was merged into Dmitry Peskov" in tab.locator(".messages").inner_text()
    assert tab.get_by_role("link", name="Edit names or merge this actor…").count() == 0  # not for analysts


def test_an_editor_undoes_a_merge(page: Any, live_server: Any, merged: tuple[Actor, Actor]) -> None:
    survivor, duplicate = merged
    sign_in(page, UserFactory(role="editor"), server_url=live_server.url)
    page.goto(f"/actors/{survivor.pk}/edit/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Undo the merge of Kremlin spokesman Peskov").click()
    page.wait_for_url(f"**/actors/{duplicate.pk}/edit/")
    assert "Merge undone" in page.locator(".messages").inner_text()

    page.goto(f"/actors/{duplicate.pk}/")
    assert "Kremlin spokesman Peskov" in page.locator("h1").inner_text()
    assert duplicate.claims.count() == 3 and survivor.claims.count() == 2


def test_the_actor_search_puts_the_exact_name_first(page: Any, transactional_db: None) -> None:
    exact = ActorFactory(name="White House")
    longer = ActorFactory(name="White House press office")
    ClaimFactory.create_batch(4, speaker=longer)
    ClaimFactory(speaker=exact)
    page.goto("/actors/?q=White+House")
    names = page.locator("main table tbody tr td:first-child a").all_inner_texts()
    assert names[:2] == ["White House", "White House press office"], names
