"""An editor reshapes stories in a real browser: rename, split claims off into a new story, merge it
back, and move one claim from its page. Every move is a versioned claim write with a revision."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim, Story
from tests.browser.conftest import sign_in
from tests.claims.test_views import said
from tests.factories import ActorFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.browser]


def test_an_editor_renames_splits_merges_and_moves(page: Any, live_server: Any, transactional_db: None) -> None:
    story = StoryFactory(title="that drones were seen")
    kremlin = ActorFactory(name="Kremlin")
    attack = said(kremlin, "drones attacked", story=story)
    weather = said(ActorFactory(name="Forecaster"), "it will rain", story=story)
    sign_in(page, UserFactory(role="editor"), server_url=live_server.url)
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto(f"/stories/{story.pk}/")
    page.get_by_label("Title", exact=True).fill("Drones over the Kremlin")
    page.get_by_role("button", name="Rename").click()
    assert page.locator("h1").inner_text() == "Drones over the Kremlin"

    page.get_by_label(f"Tick claim {weather.pk} to split it off").check()
    page.get_by_label("New story from the ticked claims").fill("Weather in Moscow")
    page.get_by_role("button", name="Split off").click()
    assert page.locator("h1").inner_text() == "Weather in Moscow"
    weather.refresh_from_db()
    new_story = weather.story
    assert new_story is not None and new_story.pk != story.pk
    assert weather.revisions.filter(action="story").count() == 1

    page.get_by_label("Merge into story (number or address)").fill(f"{live_server.url}/stories/{story.pk}/")
    page.get_by_role("button", name="Merge").click()
    page.wait_for_url(f"**/stories/{story.pk}/")
    assert "1 claim moved here" in page.locator(".messages").inner_text()
    assert not Story.objects.filter(pk=new_story.pk).exists()

    page.goto(f"/claims/{attack.pk}/")
    page.get_by_role("button", name="Move").click()  # empty: out of its story
    attack.refresh_from_db()
    assert attack.story_id is None and attack.story_origin == "editor"
    assert Claim.objects.filter(story=story).count() == 1
