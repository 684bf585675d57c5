"""Machine suggestions look like suggestions wherever links appear (claim page, story page, actor
page): labelled "Suggested" with their score, counted apart from confirmed links, hideable, and
settled by an editor where they appear."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim, ClaimLink
from tests.browser.conftest import sign_in
from tests.claims.test_views import said
from tests.factories import ActorFactory, ClaimLinkFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def debate(transactional_db: None) -> dict[str, Any]:
    story = StoryFactory(title="Drones over the Kremlin")
    kremlin, kyiv, moscow = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv"), ActorFactory(name="Moscow Mayor")
    attack = said(kremlin, "Ukraine attacked", story=story)
    denial = said(kyiv, "we did not attack", story=story)
    backing = said(moscow, "drones came from Ukraine", story=story)
    suggestion = ClaimLinkFactory(source=denial, target=attack, score=0.41, status=ClaimLink.Status.SUGGESTED)
    ClaimLinkFactory(
        source=backing, target=attack, relation=ClaimLink.Relation.SUPPORTS, status=ClaimLink.Status.CONFIRMED
    )
    return {
        "story": story,
        "attack": attack,
        "denial": denial,
        "backing": backing,
        "suggestion": suggestion,
        "kremlin": kremlin,
    }


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_an_analyst_sees_suggestions_labelled_counted_apart_and_can_hide_them(
    screen: str, request: Any, live_server: Any, debate: dict[str, Any]
) -> None:
    tab = request.getfixturevalue(screen)
    sign_in(tab, UserFactory(role="analyst"), server_url=live_server.url)
    attack: Claim = debate["attack"]

    tab.goto(f"/claims/{attack.pk}/")
    contradicted = tab.locator("section[aria-labelledby='contra-h']")
    assert "0 confirmed, 1 suggested" in contradicted.locator("h2").inner_text()
    assert contradicted.locator(".badge.link-suggested").inner_text() == "Suggested · score 0.41"
    assert contradicted.get_by_role("button", name="Confirm this suggested link").count() == 0
    supported = tab.locator("section[aria-labelledby='support-h']")
    assert "1 confirmed, 0 suggested" in supported.locator("h2").inner_text()
    assert supported.locator(".badge.link-confirmed").inner_text() == "Confirmed"

    tab.get_by_role("link", name="Show confirmed links only").click()
    tab.wait_for_url("**/?links=confirmed")
    assert contradicted.locator(".claim-row").count() == 0
    assert "No confirmed contradicting claims known." in contradicted.inner_text()
    assert supported.locator(".claim-row").count() == 1

    tab.goto(f"/stories/{debate['story'].pk}/")
    notes = tab.locator("[data-proposition] .link-notes li", has_text="Contradicted by")
    assert "Suggested · score 0.41" in notes.inner_text()
    assert "2 more in a suggested contradiction" in tab.locator(".meta").inner_text()

    tab.goto(f"/actors/{debate['kremlin'].pk}/")
    row = tab.locator("table.contradictors tbody tr")
    assert row.locator("td").all_inner_texts() == ["Kyiv", "0", "1"]
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_an_editor_confirms_a_suggestion_on_the_story_page(page: Any, live_server: Any, debate: dict[str, Any]) -> None:
    sign_in(page, UserFactory(role="editor"), server_url=live_server.url)
    page.goto(f"/stories/{debate['story'].pk}/")
    page.get_by_role("button", name="Confirm this suggested link").first.click()
    page.wait_for_url(f"**/stories/{debate['story'].pk}/")

    suggestion: ClaimLink = debate["suggestion"]
    suggestion.refresh_from_db()
    assert suggestion.status == ClaimLink.Status.CONFIRMED
    assert "Link confirmed." in page.locator(".messages").inner_text()
    assert page.locator(".link-notes .badge.link-suggested").count() == 0
    assert "2 claims in confirmed contradiction" in page.locator(".meta").inner_text()

    page.goto(f"/actors/{debate['kremlin'].pk}/")
    assert page.locator("table.contradictors tbody tr td").all_inner_texts() == ["Kyiv", "1", "0"]

    # A wrong suggestion dismissed from the claim page leaves every page.
    wrong = ClaimLinkFactory(source=debate["backing"], target=debate["denial"], score=0.52)
    page.goto(f"/claims/{debate['denial'].pk}/")
    contradicted = page.locator("section[aria-labelledby='contra-h']")
    contradicted.get_by_role("button", name="Dismiss this suggested link").click()
    page.wait_for_url(f"**/claims/{debate['denial'].pk}/")
    wrong.refresh_from_db()
    assert wrong.status == ClaimLink.Status.DISMISSED
    assert "Link dismissed." in page.locator(".messages").inner_text()
    assert "Moscow Mayor" not in contradicted.inner_text()
